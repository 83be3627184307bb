import { AppError } from './app-error.js';

/** What a log line may say about an error. */
export interface ErrorLogFields {
  /** The error's class name (`DatabaseError`, `TypeError`, `AppError`). */
  errorClass: string;
  /** A stable code: the AppError code, PostgreSQL's SQLSTATE or Node's `E…` code; absent otherwise. */
  errorCode?: string;
}

// Codes are only logged when they look like codes: a driver could put anything in `code`.
const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The only fields an error contributes to a log line. Messages, stacks and a driver's extra fields
 * (PostgreSQL's `detail`, `where`, query parameters) can embed the request's text, so none of them
 * are logged.
 */
export function errorLogFields(error: unknown): ErrorLogFields {
  if (typeof error !== 'object' || error === null) return { errorClass: typeof error };
  const errorClass = error.constructor?.name && CODE_PATTERN.test(error.constructor.name) ? error.constructor.name : 'Object';
  const code = error instanceof AppError ? error.code : (error as { code?: unknown }).code;
  return typeof code === 'string' && CODE_PATTERN.test(code) ? { errorClass, errorCode: code } : { errorClass };
}
