import { AppError, discardRestOfBody, ValidationFailedError } from '@patientinsight/nest-kit';
import Busboy from 'busboy';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { inspectHead, SNIFF_BYTES } from './stages/source-text.js';

/** What a multipart upload left on disk, with the form's other fields. */
export interface ReceivedUpload {
  fields: Record<string, string>;
  /** The single `file` part, written to disk; null when the form had none. */
  file: { path: string; filename: string } | null;
  /** A second file, or a file under another field name, was sent (and discarded). */
  extraFile: boolean;
}

export interface ReceiveOptions {
  /** Where the file part goes, given its client-side name. */
  pathFor(filename: string): string;
  /** Largest request body accepted, in bytes; counted while it streams. */
  maxBytes: number;
}

export class UploadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super('PAYLOAD_TOO_LARGE', `The upload is larger than the limit of ${maxBytes} bytes (MAX_UPLOAD_BYTES)`, 413, [
      { field: 'file', reason: `larger than ${maxBytes} bytes` },
    ]);
  }
}

/**
 * Streams a multipart form to disk (never into memory) and settles exactly once, whatever happens to
 * the streams: a client that goes away, a body that ends before its closing boundary, a full disk or a
 * body over the limit each reject with an AppError after the partial file is deleted. Every stream gets
 * an error listener, so none of these failures can surface as an unhandled rejection or exception.
 */
export function receiveUpload(req: IncomingMessage, options: ReceiveOptions): Promise<ReceivedUpload> {
  const declared = Number(req.headers['content-length']);
  if (declared > options.maxBytes) {
    // Refused before a byte of the body is stored; what the client still sends is discarded.
    discardRestOfBody(req);
    return Promise.reject(new UploadTooLargeError(options.maxBytes));
  }
  let busboy: Busboy.Busboy;
  try {
    busboy = Busboy({ headers: req.headers, limits: { files: 1, fields: 10, fieldSize: 64 * 1024, fileSize: options.maxBytes } });
  } catch (error) {
    return Promise.reject(new ValidationFailedError([{ field: 'content-type', reason: (error as Error).message }]));
  }
  const fields: Record<string, string> = {};
  let file: ReceivedUpload['file'] = null;
  let extraFile = false;
  let out: WriteStream | null = null;
  let fileWritten: Promise<void> = Promise.resolve();
  let settled = false;
  let received = 0;

  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(busboy);
      busboy.destroy();
      discardRestOfBody(req);
      void removePartial(out, file?.path).finally(() => reject(error));
    };
    const malformed = (error: Error) =>
      fail(
        new ValidationFailedError([{ field: 'file', reason: `the upload could not be read: ${error.message}` }], 'The upload is not valid'),
      );

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > options.maxBytes) fail(new UploadTooLargeError(options.maxBytes));
    });
    req.on('error', () => fail(clientGone()));
    req.on('close', () => {
      if (!req.complete) fail(clientGone());
    });
    busboy.on('error', (error: Error) => malformed(error));
    busboy.on('field', (name, value) => {
      fields[name] = value;
    });
    busboy.on('file', (name, stream: Readable & { truncated?: boolean }, info) => {
      if (settled || name !== 'file' || file) {
        extraFile ||= !settled;
        // Drained and dropped; a form cut short inside it errors this stream too (busboy reports it).
        stream.on('error', () => undefined);
        stream.resume();
        return;
      }
      const filename = info.filename ?? 'upload';
      file = { path: options.pathFor(filename), filename };
      out = createWriteStream(file.path);
      stream.once('limit', () => fail(new UploadTooLargeError(options.maxBytes)));
      // The first bytes tell text from binary: refused now, with the reason, rather than as a failed job.
      const head: Buffer[] = [];
      let headBytes = 0;
      let headChecked = false;
      const checkHead = (complete: boolean) => {
        headChecked = true;
        if (complete && headBytes === 0)
          return fail(new ValidationFailedError([{ field: 'file', reason: 'is empty (0 bytes)' }], 'The upload is not valid'));
        try {
          inspectHead(Buffer.concat(head), complete);
        } catch (error) {
          fail(new ValidationFailedError([{ field: 'file', reason: (error as Error).message }], 'The upload is not valid'));
        }
      };
      stream.on('data', (chunk: Buffer) => {
        if (headChecked) return;
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= SNIFF_BYTES) checkHead(false);
      });
      stream.once('end', () => {
        if (!headChecked) checkHead(true);
      });
      // pipeline owns both streams' errors; the promise is always awaited or caught below.
      fileWritten = pipeline(stream, out).catch((error: NodeJS.ErrnoException) => {
        if (settled) return;
        // File system errors (ENOSPC, EACCES, EIO…) are ours, not the client's.
        if (error.syscall)
          fail(new AppError('UPLOAD_NOT_STORED', `The upload could not be written to disk (${error.code ?? 'error'})`, 503));
        else malformed(error);
      });
    });
    busboy.on('close', () => {
      void fileWritten.then(() => {
        if (settled) return;
        settled = true;
        resolve({ fields, file, extraFile });
      });
    });
    req.pipe(busboy);
  });
}

function clientGone(): AppError {
  return new AppError('UPLOAD_ABORTED', 'The client closed the connection before the upload was complete', 400, [
    { field: 'file', reason: 'the upload was interrupted' },
  ]);
}

/** Closes the file being written (if any) and deletes it; never throws. */
async function removePartial(out: WriteStream | null, path: string | undefined): Promise<void> {
  if (out && !out.closed) {
    out.destroy();
    await finished(out).catch(() => undefined);
  }
  if (path) await rm(path, { force: true }).catch(() => undefined);
}
