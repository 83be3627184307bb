import { Injectable } from '@nestjs/common';
import { AppError, discardRestOfBody } from '@patientinsight/nest-kit';
import { type EmbedderAnswer, EmbedderClient, EmbedderClientError } from '@patientinsight/shared';
import type { Request, Response } from 'express';

/** Answer headers worth passing back to the browser (type, CSV attachment name). */
const PASSED_BACK = ['content-type', 'content-disposition'];

/**
 * Relays the operator's ingestion calls to the embedder, which is internal and only takes the
 * service token, through the shared EmbedderClient (token and request id). Bodies stream both ways
 * (an upload is never buffered here); the embedder's status codes and `{error}` bodies reach the
 * browser unchanged.
 */
@Injectable()
export class IngestionRelayService {
  constructor(private readonly embedder: EmbedderClient) {}

  /**
   * Streams an upload through. The embedder may answer before it has read the body (413 past its
   * limit, 400 on a broken form): that answer reaches the operator and the rest of the operator's body
   * is discarded, not sent on. An operator who goes away aborts the embedder's request too, so it
   * deletes its partial file.
   */
  async relayUpload(res: Response, path: string, req: Request): Promise<number> {
    const operatorLeft = new AbortController();
    req.on('close', () => {
      if (!req.complete) operatorLeft.abort();
    });
    const length = req.headers['content-length'];
    const answer = await this.embedder
      .upload(path, {
        body: req,
        contentType: String(req.headers['content-type']),
        contentLength: length ? Number(length) : undefined,
        signal: operatorLeft.signal,
      })
      .catch(unavailable);
    await passBack(res, answer);
    if (!req.complete) discardRestOfBody(req);
    return answer.status;
  }

  /** Relays one call and answers with the embedder's answer; resolves to that answer's status. */
  async relay(res: Response, method: 'GET' | 'POST', path: string, body?: { json: unknown }): Promise<number> {
    const answer = await this.embedder.send(method, path, body).catch(unavailable);
    await passBack(res, answer);
    return answer.status;
  }
}

/** The call never got an answer: the embedder is down, or the operator left mid-upload (nobody reads that 400). */
function unavailable(error: unknown): never {
  if (error instanceof EmbedderClientError && error.code === 'UPLOAD_ABORTED')
    throw new AppError('UPLOAD_ABORTED', 'The upload ended before it was complete.', 400);
  if (error instanceof EmbedderClientError) {
    throw new AppError('EMBEDDER_UNAVAILABLE', 'The ingestion service cannot be reached; try again shortly.', 503, {
      cause: error.message,
    });
  }
  throw error;
}

async function passBack(res: Response, answer: EmbedderAnswer): Promise<void> {
  res.status(answer.status);
  for (const name of PASSED_BACK) {
    const value = answer.header(name);
    if (value) res.setHeader(name, value);
  }
  await new Promise<void>((resolve, reject) => {
    answer.body.on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}
