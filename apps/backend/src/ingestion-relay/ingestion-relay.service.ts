import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppError, currentRequestId } from '@patientinsight/nest-kit';
import { REQUEST_ID_HEADER, SERVICE_TOKEN_SCHEME } from '@patientinsight/shared';
import type { Request, Response } from 'express';
import type { BackendConfig } from '../config/backend.config.js';

/** Answer headers worth passing back to the browser (type, CSV attachment name). */
const PASSED_BACK = ['content-type', 'content-disposition'];

/**
 * Relays the operator's ingestion calls to the embedder, which is internal and only takes the
 * service token. Bodies stream both ways (an upload is never buffered here); the embedder's status
 * codes and `{error}` bodies reach the browser unchanged.
 */
@Injectable()
export class IngestionRelayService {
  private readonly baseUrl: string;
  private readonly token: string;

  constructor(config: ConfigService<BackendConfig, true>) {
    this.baseUrl = config.get('EMBEDDER_URL', { infer: true }).replace(/\/$/, '');
    this.token = config.get('SERVICE_TOKEN', { infer: true });
  }

  /** Relays one call and answers with the embedder's answer; resolves to that answer's status. */
  async relay(res: Response, method: 'GET' | 'POST', path: string, body?: { json: unknown } | { stream: Request }): Promise<number> {
    const headers: Record<string, string> = { authorization: `${SERVICE_TOKEN_SCHEME} ${this.token}` };
    const requestId = currentRequestId();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    let payload: string | ReadableStream<Uint8Array> | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body && 'stream' in body) {
      headers['content-type'] = String(body.stream.headers['content-type']);
      if (body.stream.headers['content-length']) headers['content-length'] = String(body.stream.headers['content-length']);
      payload = Readable.toWeb(body.stream) as ReadableStream<Uint8Array>;
    }
    let answer: globalThis.Response | undefined;
    // A read may meet a pooled connection the embedder has just closed (ECONNRESET): try it again.
    // Writes are sent once; a streamed upload cannot be replayed anyway.
    const attempts = method === 'GET' ? 3 : 1;
    for (let attempt = 1; !answer; attempt++) {
      try {
        answer = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, ...(payload instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
      } catch (error) {
        if (attempt >= attempts) throw new AppError('EMBEDDER_UNAVAILABLE', 'The ingestion service cannot be reached; try again shortly.', 503, { cause: (error as Error).message });
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    res.status(answer.status);
    for (const name of PASSED_BACK) {
      const value = answer.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    if (!answer.body) {
      res.end();
      return answer.status;
    }
    await new Promise<void>((resolve, reject) => {
      Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream<Uint8Array>)
        .on('error', reject)
        .pipe(res)
        .on('finish', resolve)
        .on('error', reject);
    });
    return answer.status;
  }
}
