import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { type ObjectInfo, ObjectSource, SourceRefusedError } from '../object-source.js';

export interface S3SourceOptions {
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new SourceRefusedError('must be s3://bucket/key');
  let key = match[2]!;
  try {
    key = decodeURIComponent(key);
  } catch {
    // not percent-encoded: the key is taken as written
  }
  return { bucket: match[1]!, key };
}

/** The URI of a bucket and a raw key, each path segment percent-encoded (parseS3Uri decodes it back). */
export function toS3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** S3 quotes ETags in headers and not in event notifications. */
export const unquoteEtag = (etag: string) => etag.replace(/^"(.*)"$/, '$1');

/** Reads `s3://bucket/key` through the AWS SDK (any S3-compatible endpoint), streamed. */
export class S3Source extends ObjectSource {
  readonly scheme = 's3';
  readonly client: S3Client;

  constructor(options: S3SourceOptions) {
    super();
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Checksums only when S3 requires them: compatible servers (and s3rver) mishandle aws-chunked bodies.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async check(uri: string): Promise<ObjectInfo> {
    const { bucket, key } = parseS3Uri(uri);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), {
        abortSignal: AbortSignal.timeout(10_000),
      });
      return { size: head.ContentLength ?? null, etag: head.ETag ? unquoteEtag(head.ETag) : null };
    } catch (error) {
      throw this.explain(error, uri);
    }
  }

  async open(uri: string): Promise<Readable> {
    const { bucket, key } = parseS3Uri(uri);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = object.Body;
      if (body instanceof Readable) return body;
      if (body && 'transformToWebStream' in body) return Readable.fromWeb(body.transformToWebStream() as never);
      throw new Error('S3 returned no body');
    } catch (error) {
      throw this.explain(error, uri);
    }
  }

  /** Stores a local file at `s3://bucket/key`, streamed (one PUT: its size is known, up to S3's 5 GB). */
  async putFile(uri: string, path: string): Promise<void> {
    const { bucket, key } = parseS3Uri(uri);
    const { size } = await stat(path);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(path), ContentLength: size }));
    } catch (error) {
      throw this.explain(error, uri);
    }
  }

  /** Deletes `s3://bucket/key` (an upload whose job is done); a missing key is not an error in S3. */
  async remove(uri: string): Promise<void> {
    const { bucket, key } = parseS3Uri(uri);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      throw this.explain(error, uri);
    }
  }

  private explain(error: unknown, uri: string): Error {
    if (error instanceof S3ServiceException) {
      const status = error.$metadata.httpStatusCode;
      if (status === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound' || error.name === 'NoSuchBucket')
        return new SourceRefusedError(`${uri} does not exist`, 'SOURCE_NOT_FOUND');
      if (status === 403 || error.name === 'AccessDenied') return new SourceRefusedError(`access to ${uri} is denied`, 'SOURCE_FORBIDDEN');
      return new Error(`S3 ${error.name} (${status ?? 'no status'}) reading ${uri}: ${error.message}`);
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}
