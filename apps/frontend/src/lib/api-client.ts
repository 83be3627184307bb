import { errorBodySchema, type FieldIssue, fieldIssueSchema } from '@patientinsight/shared';
import { z } from 'zod';
import { readRuntimeConfig } from './env';

/** A non-2xx answer from the backend, carrying its `{error:{code,message,details}}` body. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The `{field, reason}` pairs of a validation error, if that is what the backend sent. */
  get fieldIssues(): FieldIssue[] {
    const parsed = z.array(fieldIssueSchema).safeParse(this.details);
    return parsed.success ? parsed.data : [];
  }
}

/** The answer did not match the shared contract: a deployment mismatch, not the user's fault. */
export class ContractError extends Error {
  constructor(path: string, error: z.ZodError) {
    super(
      `The server's answer to ${path} was not in the expected shape (${error.issues[0]?.path.join('.') || 'body'}: ${error.issues[0]?.message}). Reload the page; if it persists, the app and the server versions differ.`,
    );
    this.name = 'ContractError';
  }
}

/**
 * The short-lived access token lives in memory only (never localStorage); the refresh token is an
 * httpOnly cookie the browser sends to the backend with `credentials: 'include'`.
 */
let accessToken: string | null = null;
export const tokenStore = {
  get: () => accessToken,
  set: (token: string | null) => {
    accessToken = token;
  },
};

type Refresher = () => Promise<boolean>;
let refresher: Refresher | null = null;
let refreshing: Promise<boolean> | null = null;
/** The auth feature registers how to renew the access token; the client calls it once on a 401. */
export function setTokenRefresher(fn: Refresher | null) {
  refresher = fn;
}

export function apiUrl(path: string): string {
  return `${readRuntimeConfig().backendUrl.replace(/\/$/, '')}${path}`;
}

export interface RequestOptions<S extends z.ZodType | undefined> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The shared zod schema the answer must satisfy. */
  schema?: S;
  signal?: AbortSignal;
  /** Skip the refresh-and-retry on 401 (the auth endpoints themselves). */
  noRefresh?: boolean;
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: fall through to a generic message
  }
  const parsed = errorBodySchema.safeParse(json);
  if (parsed.success) return new ApiError(parsed.data.error.message, res.status, parsed.data.error.code, parsed.data.error.details);
  return new ApiError(`The server answered ${res.status} ${res.statusText || ''}`.trim(), res.status, 'HTTP_ERROR');
}

/** Low-level fetch with auth header, cookies, one refresh on 401, and the error body parsed. */
export async function rawRequest(path: string, init: RequestInit & { noRefresh?: boolean } = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers);
    const token = tokenStore.get();
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(apiUrl(path), { ...init, headers, credentials: 'include' });
  };
  let res: Response;
  try {
    res = await send();
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('Cannot reach the PatientInsight server. Check your connection and try again.', 0, 'NETWORK_ERROR');
  }
  if (res.status === 401 && !init.noRefresh && refresher) {
    refreshing ??= refresher().finally(() => {
      refreshing = null;
    });
    if (await refreshing) res = await send();
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

export async function api<S extends z.ZodType | undefined = undefined>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<S extends z.ZodType ? z.output<S> : unknown> {
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  const res = await rawRequest(path, {
    method: options.method ?? 'GET',
    signal: options.signal,
    noRefresh: options.noRefresh,
    headers: options.body !== undefined && !isForm ? { 'content-type': 'application/json' } : undefined,
    body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
  });
  if (res.status === 204) return undefined as never;
  const json: unknown = await res.json().catch(() => undefined);
  if (!options.schema) return json as never;
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) throw new ContractError(path, parsed.error);
  return parsed.data as never;
}

/** Maps a validation error onto form fields: `{ 'profile.heightCm': 'must be a number' }`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fieldIssues.map((i) => [i.field, i.reason]));
}
