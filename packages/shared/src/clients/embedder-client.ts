import { z } from 'zod';
import { type CaseRecord, caseRecordSchema } from '../contracts/cases.js';
import { errorBodySchema } from '../contracts/errors.js';
import { REQUEST_ID_HEADER, SERVICE_TOKEN_SCHEME } from '../contracts/http.js';
import { type SearchRequest, type SearchResponse, searchResponseSchema } from '../contracts/search.js';

export interface EmbedderClientOptions {
  baseUrl: string;
  serviceToken: string;
  /** Per-request timeout; the embedder answers searches in milliseconds, so keep it short. */
  timeoutMs?: number;
  /** Returns the current request id so it travels with the call (log correlation). */
  requestId?: () => string | undefined;
  fetch?: typeof fetch;
}

/** A non-2xx answer (or an unreachable embedder) with the error code the embedder sent. */
export class EmbedderClientError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EmbedderClientError';
  }
}

/** Typed client of the embedder's internal API; the only way the backend talks to it. */
export class EmbedderClient {
  private readonly fetchImpl: typeof fetch;
  constructor(private readonly options: EmbedderClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  search(request: SearchRequest): Promise<SearchResponse> {
    return this.call('POST', '/v1/search', searchResponseSchema, request);
  }

  getCase(caseId: string): Promise<CaseRecord> {
    return this.call('GET', `/v1/cases/${encodeURIComponent(caseId)}`, caseRecordSchema);
  }

  /** Readiness of the embedder, as its /readyz reports it. */
  async isReady(): Promise<boolean> {
    try {
      const res = await this.fetchImpl(new URL('/readyz', this.options.baseUrl), {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 2000),
      });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }

  async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `${SERVICE_TOKEN_SCHEME} ${this.options.serviceToken}`,
      accept: 'application/json',
    };
    const requestId = this.options.requestId?.();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(new URL(path, this.options.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (cause) {
      throw new EmbedderClientError(`embedder unreachable: ${(cause as Error).message}`, undefined, 'EMBEDDER_UNAVAILABLE');
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new EmbedderClientError(`embedder sent non-JSON (status ${res.status})`, res.status, 'EMBEDDER_BAD_RESPONSE');
    }
    if (!res.ok) {
      const parsed = errorBodySchema.safeParse(json);
      if (parsed.success) {
        throw new EmbedderClientError(parsed.data.error.message, res.status, parsed.data.error.code, parsed.data.error.details);
      }
      throw new EmbedderClientError(`embedder answered ${res.status}`, res.status, 'EMBEDDER_ERROR');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new EmbedderClientError(`embedder response broke the contract: ${parsed.error.message}`, res.status, 'EMBEDDER_BAD_RESPONSE');
    }
    return parsed.data;
  }
}
