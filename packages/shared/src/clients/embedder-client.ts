import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { z } from 'zod';
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

/** The embedder's answer, unparsed: status, headers and the body as a stream (for relaying it as it is). */
export interface EmbedderAnswer {
  status: number;
  header(name: string): string | undefined;
  body: Readable;
}

/** What `upload` streams to the embedder, and how to stop it. */
export interface EmbedderUpload {
  /** The incoming request (or any stream) whose bytes are sent on unchanged. */
  body: Readable;
  contentType: string;
  /** Sent on when the sender declared it; otherwise the body goes chunked. */
  contentLength?: number;
  /** Refused with 413 before anything is sent when `contentLength` says more, or cut off when the stream passes it. */
  maxBytes?: number;
  /** Aborting destroys the request to the embedder, so it deletes its partial file. */
  signal?: AbortSignal;
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

  /**
   * Sends one call and hands back the embedder's answer unparsed, whatever its status (a relay passes it
   * on). A read that meets a pooled connection the embedder has just closed is tried again; writes are
   * sent once. No timeout: a relayed answer (a CSV of every rejection) may take long to stream.
   */
  async send(method: 'GET' | 'POST', path: string, body?: { json: unknown }): Promise<EmbedderAnswer> {
    const headers = this.headers();
    if (body) headers['content-type'] = 'application/json';
    const attempts = method === 'GET' ? 3 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.fetchImpl(new URL(path, this.options.baseUrl), {
          method,
          headers,
          body: body ? JSON.stringify(body.json) : undefined,
        });
        return {
          status: res.status,
          header: (name) => res.headers.get(name) ?? undefined,
          body: res.body ? Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]),
        };
      } catch (cause) {
        if (attempt >= attempts)
          throw new EmbedderClientError(`embedder unreachable: ${(cause as Error).message}`, undefined, 'EMBEDDER_UNAVAILABLE');
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  /**
   * Streams an upload to the embedder (never buffered) with node:http rather than fetch: the embedder may
   * answer before it has read the body (413 past its limit, 400 on a broken form) and close the
   * connection, and that answer must come back, not an error for the failed write. What the sender
   * still sends after such an answer is not passed on; draining it is the caller's business.
   */
  upload(path: string, upload: EmbedderUpload): Promise<EmbedderAnswer> {
    const { body, contentType, contentLength, maxBytes, signal } = upload;
    if (maxBytes !== undefined && contentLength !== undefined && contentLength > maxBytes) {
      return Promise.reject(
        new EmbedderClientError(`the upload is larger than the limit of ${maxBytes} bytes`, 413, 'PAYLOAD_TOO_LARGE', { maxBytes }),
      );
    }
    const url = new URL(path, this.options.baseUrl);
    const headers: Record<string, string> = { ...this.headers(), 'content-type': contentType };
    if (contentLength !== undefined) headers['content-length'] = String(contentLength);
    else headers['transfer-encoding'] = 'chunked';
    const upstream = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'POST', headers });
    return new Promise<EmbedderAnswer>((resolve, reject) => {
      let answered = false;
      let sent = 0;
      const stop = (error: EmbedderClientError) => {
        body.unpipe(upstream);
        upstream.destroy();
        reject(error);
      };
      const onAbort = () => stop(new EmbedderClientError('the upload was aborted', undefined, 'UPLOAD_ABORTED'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      upstream.on('response', (response: IncomingMessage) => {
        answered = true;
        signal?.removeEventListener('abort', onAbort);
        // Answered before the whole upload was sent: once the answer is read, stop sending the rest.
        response.on('end', () => {
          if (!body.readableEnded) {
            body.unpipe(upstream);
            upstream.destroy();
          }
        });
        resolve({ status: response.statusCode ?? 502, header: (name) => headerValue(response.headers, name), body: response });
      });
      // After an early answer the write side may fail (EPIPE, reset): the answer is what counts.
      upstream.on('error', (error) => {
        if (!answered) reject(new EmbedderClientError(`embedder unreachable: ${error.message}`, undefined, 'EMBEDDER_UNAVAILABLE'));
      });
      if (maxBytes !== undefined) {
        body.on('data', (chunk: Buffer) => {
          sent += chunk.length;
          if (sent > maxBytes && !answered)
            stop(
              new EmbedderClientError(`the upload is larger than the limit of ${maxBytes} bytes`, 413, 'PAYLOAD_TOO_LARGE', { maxBytes }),
            );
        });
      }
      body.pipe(upstream);
    });
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { authorization: `${SERVICE_TOKEN_SCHEME} ${this.options.serviceToken}` };
    const requestId = this.options.requestId?.();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    return headers;
  }

  async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { ...this.headers(), accept: 'application/json' };
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

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
