import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AuditCheckpoint } from './audit-chain.js';
import type { AuditConfig } from './audit.config.js';

/**
 * Where signed checkpoints of the chain's head are kept, outside the database: someone who can
 * rewrite `audit_log` cannot also rewrite these, so deleting the last rows or re-hashing the chain
 * no longer matches the last checkpoint.
 */
export interface AuditCheckpointStore {
  /** For logs and the CLI: `file` or `s3` (never the path or bucket). */
  readonly kind: 'file' | 's3';
  write(checkpoint: AuditCheckpoint): Promise<void>;
  /** The checkpoint with the highest sequence, or null when none was ever written. */
  latest(): Promise<AuditCheckpoint | null>;
}

/** The store cannot be read or written (not "the chain is broken"; the caller decides what that means). */
export class CheckpointStoreError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'CheckpointStoreError';
  }
}

function isCheckpoint(value: unknown): value is AuditCheckpoint {
  const c = value as AuditCheckpoint;
  return (
    typeof c === 'object' &&
    c !== null &&
    Number.isSafeInteger(c.sequence) &&
    typeof c.hash === 'string' &&
    typeof c.time === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.hmac === 'string'
  );
}

/** Highest sequence wins; among equal sequences the latest time (several replicas checkpoint the same head). */
function newest(a: AuditCheckpoint | null, b: AuditCheckpoint): AuditCheckpoint {
  if (!a || b.sequence > a.sequence || (b.sequence === a.sequence && b.time > a.time)) return b;
  return a;
}

/**
 * One JSON line per checkpoint, appended with O_APPEND (a line is never rewritten). The default:
 * it survives a database restore, not a lost volume, so production uses S3 with Object Lock.
 */
export class FileCheckpointStore implements AuditCheckpointStore {
  readonly kind = 'file' as const;
  constructor(readonly path: string) {}

  async write(checkpoint: AuditCheckpoint): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify(checkpoint)}\n`, { flag: 'a' });
  }

  async latest(): Promise<AuditCheckpoint | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new CheckpointStoreError('the checkpoint file cannot be read', error);
    }
    let best: AuditCheckpoint | null = null;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new CheckpointStoreError('the checkpoint file has a line that is not JSON (it was edited)');
      }
      if (!isCheckpoint(parsed)) throw new CheckpointStoreError('the checkpoint file has a line that is not a checkpoint (it was edited)');
      best = newest(best, parsed);
    }
    return best;
  }
}

/** Keys sort newest first: the sequence is stored as 10^16 - seq, so ListObjectsV2 (ascending) returns the latest first. */
const SEQ_SPAN = 10_000_000_000_000_000n;
const keyFor = (prefix: string, c: AuditCheckpoint) =>
  `${prefix}${(SEQ_SPAN - BigInt(c.sequence)).toString().padStart(17, '0')}-${c.time.replace(/[:.]/g, '')}.json`;

export interface S3CheckpointOptions {
  bucket: string;
  prefix: string;
  /** S3 Object Lock: each checkpoint cannot be deleted or overwritten until `days` have passed. */
  lock?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days: number };
}

/** One object per checkpoint (never overwritten: the key carries sequence and time). */
export class S3CheckpointStore implements AuditCheckpointStore {
  readonly kind = 's3' as const;
  constructor(
    private readonly client: S3Client,
    private readonly options: S3CheckpointOptions,
  ) {}

  async write(checkpoint: AuditCheckpoint): Promise<void> {
    const { bucket, prefix, lock } = this.options;
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: keyFor(prefix, checkpoint),
          Body: JSON.stringify(checkpoint),
          ContentType: 'application/json',
          ...(lock ? { ObjectLockMode: lock.mode, ObjectLockRetainUntilDate: new Date(Date.now() + lock.days * 86_400_000) } : {}),
        }),
      );
    } catch (error) {
      throw new CheckpointStoreError('the checkpoint could not be written to S3', error);
    }
  }

  async latest(): Promise<AuditCheckpoint | null> {
    const { bucket, prefix } = this.options;
    try {
      // The first key listed is the newest (keys sort newest first). No MaxKeys=1: s3rver, the test
      // server, fails a truncated listing under OpenSSL 3; one page of keys is small.
      const listed = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      const key = listed.Contents?.[0]?.Key;
      if (!key) return null;
      const object = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const parsed: unknown = JSON.parse((await object.Body?.transformToString()) ?? '');
      if (!isCheckpoint(parsed)) throw new CheckpointStoreError('the newest checkpoint object is not a checkpoint (it was replaced)');
      return parsed;
    } catch (error) {
      if (error instanceof CheckpointStoreError) throw error;
      throw new CheckpointStoreError('the checkpoints could not be read from S3', error);
    }
  }
}

/** The store the settings choose; `s3Client` lets tests pass a client with explicit credentials. */
export function createCheckpointStore(config: AuditConfig, s3Client?: S3Client): AuditCheckpointStore {
  if (config.AUDIT_CHECKPOINT_STORE === 's3') {
    const uri = new URL(config.AUDIT_CHECKPOINT_S3_URI ?? '');
    const prefix = uri.pathname.replace(/^\//, '');
    const client =
      s3Client ??
      new S3Client({
        region: config.AUDIT_CHECKPOINT_S3_REGION,
        endpoint: config.AUDIT_CHECKPOINT_S3_ENDPOINT,
        forcePathStyle: config.AUDIT_CHECKPOINT_S3_FORCE_PATH_STYLE,
        maxAttempts: 3,
      });
    const lock = config.AUDIT_CHECKPOINT_S3_LOCK_MODE
      ? { mode: config.AUDIT_CHECKPOINT_S3_LOCK_MODE, days: config.AUDIT_CHECKPOINT_S3_LOCK_DAYS }
      : undefined;
    return new S3CheckpointStore(client, { bucket: uri.hostname, prefix, lock });
  }
  return new FileCheckpointStore(config.AUDIT_CHECKPOINT_FILE ?? join(config.DATA_DIR, 'audit-checkpoints.jsonl'));
}
