import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppError, currentRequestId, discardRestOfBody } from '@patientinsight/nest-kit';
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

  /**
   * Streams an upload through with node:http rather than fetch: the embedder may answer before it has
   * read the body (413 past its limit, 400 on a broken form) and close the connection, and that answer
   * must reach the operator, not a 503 for the failed write. The rest of the operator's body is then
   * discarded, not sent on. An operator who goes away aborts the embedder's request too, so it deletes
   * its partial file.
   */
  async relayUpload(res: Response, path: string, req: Request): Promise<number> {
    const url = new URL(`${this.baseUrl}${path}`);
    const headers: Record<string, string> = { authorization: `${SERVICE_TOKEN_SCHEME} ${this.token}`, 'content-type': String(req.headers['content-type']) };
    const requestId = currentRequestId();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    if (req.headers['content-length']) headers['content-length'] = String(req.headers['content-length']);
    else headers['transfer-encoding'] = 'chunked';
    const upstream = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'POST', headers });
    const answer = await new Promise<IncomingMessage>((resolve, reject) => {
      let answered = false;
      upstream.on('response', (response) => {
        answered = true;
        resolve(response);
      });
      // After an early answer the write side may fail (EPIPE, reset): the answer is what counts.
      upstream.on('error', (error) => {
        if (!answered) reject(new AppError('EMBEDDER_UNAVAILABLE', 'The ingestion service cannot be reached; try again shortly.', 503, { cause: error.message }));
      });
      req.on('close', () => {
        if (!req.complete && !answered) upstream.destroy(new Error('the operator closed the connection during the upload'));
      });
      req.pipe(upstream);
    });
    res.status(answer.statusCode ?? 502);
    for (const name of PASSED_BACK) {
      const value = answer.headers[name];
      if (value) res.setHeader(name, value);
    }
    await new Promise<void>((resolve, reject) => {
      answer.on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
    });
    if (!req.complete) {
      // Answered before the whole upload arrived: stop sending it on, and drop what still comes.
      req.unpipe();
      upstream.destroy();
      discardRestOfBody(req);
    }
    return answer.statusCode ?? 502;
  }

  /** Relays one call and answers with the embedder's answer; resolves to that answer's status. */
  async relay(res: Response, method: 'GET' | 'POST', path: string, body?: { json: unknown }): Promise<number> {
    const headers: Record<string, string> = { authorization: `${SERVICE_TOKEN_SCHEME} ${this.token}` };
    const requestId = currentRequestId();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    let payload: string | undefined;
    if (body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    }
    let answer: globalThis.Response | undefined;
    // A read may meet a pooled connection the embedder has just closed (ECONNRESET): try it again.
    // Writes are sent once.
    const attempts = method === 'GET' ? 3 : 1;
    for (let attempt = 1; !answer; attempt++) {
      try {
        answer = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
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
