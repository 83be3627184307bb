/** HTTP statuses a domain error may map to. Services pick the meaning; the filter does the mapping. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503 | 504;

/**
 * Base of every domain error: a stable string code clients can switch on, a message for people,
 * optional details (field issues). Services throw these, never HTTP exceptions.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: ErrorStatus = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class ValidationFailedError extends AppError {
  constructor(details: { field: string; reason: string }[], message = 'The request is not valid') {
    super('VALIDATION_FAILED', `${message}: ${details.map((d) => `${d.field}: ${d.reason}`).join('; ')}`, 400, details);
  }
}

export class NotFoundError extends AppError {
  constructor(resource: string, id?: string) {
    super(`${resource.toUpperCase()}_NOT_FOUND`, id ? `${resource} ${id} was not found` : `${resource} was not found`, 404);
  }
}
