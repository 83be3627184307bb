import { env } from '@patientinsight/nest-kit';
import { z } from 'zod';

const optionalUrl = (protocols: RegExp, message: string) => z.url({ protocol: protocols, message }).optional();

/** Settings of ingestion, sources, data quality and notifications (merged into the embedder's config schema). */
export const ingestionConfigShape = {
  /** Folders a `file://` source may read from (comma list); empty refuses every local path. */
  LOCAL_SOURCE_ROOTS: env.list(),
  /** S3 (or a compatible server); credentials come from the AWS default chain unless given. */
  S3_ENDPOINT: optionalUrl(/^https?$/, 'must be an http(s) URL'),
  S3_REGION: z.string().default('us-east-1'),
  S3_FORCE_PATH_STYLE: env.bool(false),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /**
   * Where uploaded files are kept for their job: `s3://bucket/prefix` (every replica can then run the job),
   * or unset: the receiving replica's DATA_DIR/uploads (one replica, or the embedded default).
   */
  UPLOADS_S3_URI: z
    .string()
    .regex(/^s3:\/\/[^/]+(\/.*)?$/, 'must be s3://bucket or s3://bucket/prefix')
    .transform((uri) => uri.replace(/\/+$/, ''))
    .optional(),
  /**
   * Largest multipart upload body, in bytes (default 1 GiB; the full PMC-Patients CSV is about 560 MB).
   * Counted while it streams: past it the request ends with 413 and the partial file is deleted.
   */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(Number.MAX_SAFE_INTEGER)
    .default(1024 ** 3),
  /**
   * Hours a failed or cancelled job's upload is kept for `retry` (fractions allowed); 0 deletes it when the job
   * ends. A succeeded or rejected job's upload is deleted at once; a sweep at boot and periodically does the rest.
   */
  UPLOAD_RETENTION_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 366)
    .default(72),
  /** Rows per committed batch: the unit of checkpointing. */
  INGEST_BATCH_SIZE: z.coerce.number().int().min(1).max(20_000).default(1000),
  /** A worker's claim on a job; another replica takes the job over once it lapses. */
  INGEST_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  INGEST_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** Run the job worker in this process (off for API-only replicas). */
  INGEST_WORKER: env.bool(true),
  /** Claims of one job (crashes included) before it is marked failed. */
  INGEST_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  INGEST_MIN_TEXT_CHARS: z.coerce.number().int().min(1).default(40),
  INGEST_MAX_TEXT_CHARS: z.coerce.number().int().min(100).default(100_000),
  /** Relative shift (mean age, female share) or KS statistic above which a batch drifts. */
  DRIFT_THRESHOLD: z.coerce.number().min(0).max(10).default(0.15),
  /** The KS statistic only counts as drift when its p-value is below this (small batches are noisy). */
  DRIFT_KS_ALPHA: z.coerce.number().gt(0).lt(1).default(0.01),
  /** Batches smaller than this report drift but never wait for approval. */
  DRIFT_MIN_BATCH: z.coerce.number().int().min(0).max(10_000_000).default(100),
  /** Hold drifting batches in awaiting_approval; false indexes them anyway (the drift is still reported). */
  DRIFT_GATE: env.bool(true),
  /**
   * SQS queue of the case bucket's object-created notifications (S3-event ingestion); unset: no consumer.
   * The queue's redrive policy sends a message that keeps failing to its dead-letter queue.
   */
  INGEST_QUEUE_URL: optionalUrl(/^https?$/, 'must be an http(s) queue URL'),
  /** Long polling: seconds one ReceiveMessage waits for a message (SQS allows 0-20). */
  INGEST_QUEUE_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  /** A received message stays hidden this long, extended by a heartbeat while its job is created; a failed one is retried after it. */
  INGEST_QUEUE_VISIBILITY_SECONDS: z.coerce.number().int().min(1).max(43_200).default(60),
  /** The queue's redrive maxReceiveCount: the receive that reaches it is the last before the dead-letter queue. */
  INGEST_QUEUE_MAX_RECEIVES: z.coerce.number().int().min(1).max(1000).default(5),
  NOTIFY_WEBHOOK_URL: optionalUrl(/^https?$/, 'must be an http(s) URL'),
  /** smtp://user:pass@host:port (or smtps://); unset sends no e-mail. */
  SMTP_URL: optionalUrl(/^smtps?$/, 'must be an smtp:// or smtps:// URL'),
  NOTIFY_EMAIL_FROM: z.string().default('patientinsight-embedder@localhost'),
  NOTIFY_EMAIL_TO: env.list(),
};

const ingestionConfigSchema = z.object(ingestionConfigShape);
/** What the ingestion module receives: its own settings, the data folder (uploads) and the shutdown budget (the queue consumer drains within it). */
export type IngestionConfig = z.output<typeof ingestionConfigSchema> & { DATA_DIR: string; SHUTDOWN_TIMEOUT_MS: number };
