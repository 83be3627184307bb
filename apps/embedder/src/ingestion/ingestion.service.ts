import { Inject, Injectable } from '@nestjs/common';
import { AppError, NotFoundError, ValidationFailedError } from '@patientinsight/nest-kit';
import {
  type ColumnMapping,
  type CreateIngestionRequest,
  columnMappingSchema,
  type IngestionDecisionRequest,
  type IngestionFormat,
  type IngestionJob,
  type IngestionList,
  type IngestionReport,
  ingestionFormatSchema,
  type ListIngestionsQuery,
  type RejectionPage,
  type RejectionsQuery,
  type StatisticsProfile,
  toFieldIssues,
} from '@patientinsight/shared';
import { stringify } from 'csv-stringify';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import { ObjectSources } from '../sources/object-source.js';
import { toS3Uri } from '../sources/s3/s3.source.js';
import { uploadsDir } from '../sources/sources.module.js';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.tokens.js';
import { toJob, toRejection } from './ingestion.mapper.js';
import { IngestionRepository, type JobRow } from './ingestion.repository.js';
import { IngestionWorker } from './ingestion.worker.js';
import { receiveUpload } from './upload-receiver.js';
import { UploadRetention } from './upload-retention.js';

/** What an object-created event led to: a new job, the job it already has, nothing (a newer version exists, or a folder marker). */
export type ObjectEventOutcome = 'created' | 'duplicate' | 'superseded' | 'ignored';

/** First rejections shown inline in GET /v1/ingestions/:id. */
export const INLINE_REJECTIONS = 20;
const FORMAT_BY_EXTENSION: Record<string, IngestionFormat> = { '.csv': 'csv', '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

class JobStateError extends AppError {
  constructor(job: JobRow, action: string, allowed: string[]) {
    super('INGESTION_STATE_CONFLICT', `job ${job.id} is ${job.state}; ${action} needs ${allowed.join(' or ')}`, 409, { state: job.state });
  }
}

/** The ingestion use cases behind the HTTP API; the worker does the processing. */
@Injectable()
export class IngestionService {
  constructor(
    private readonly repository: IngestionRepository,
    private readonly sources: ObjectSources,
    private readonly worker: IngestionWorker,
    private readonly uploads: UploadRetention,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {}

  /** A job for a source URI; the source is checked now so a bad URI is a 400, not a failed job later. */
  async createFromUri(request: CreateIngestionRequest): Promise<IngestionJob> {
    await this.sources.check(request.sourceUri);
    const format = request.format ?? formatFromName(request.sourceUri);
    if (!format)
      throw new ValidationFailedError([{ field: 'format', reason: 'cannot be guessed from the file name; give csv, json or jsonl' }]);
    const job = await this.repository.create({
      id: randomUUID(),
      source_kind: request.sourceUri.startsWith('s3://') ? 's3' : 'file',
      source_uri: request.sourceUri,
      format,
      filename: null,
      column_mapping: (request.columnMapping as Record<string, string> | undefined) ?? null,
    });
    this.worker.wake();
    return toJob(job, []);
  }

  /**
   * A job for an object an S3 event notification announced, read through the S3 source like an API job.
   * Idempotent on bucket + key + ETag: a redelivered notification gets the first job back. A 4xx AppError when
   * the object cannot be read (missing, denied) or its format cannot be told from its key; the queue consumer
   * leaves such a message to the dead-letter queue.
   */
  async createFromObjectEvent(object: {
    bucket: string;
    key: string;
    etag: string | null;
  }): Promise<{ outcome: ObjectEventOutcome; job: IngestionJob | null }> {
    if (object.key.endsWith('/')) return { outcome: 'ignored', job: null }; // a folder marker, not a file
    const sourceUri = toS3Uri(object.bucket, object.key);
    if (object.etag) {
      const existing = await this.repository.findForObject(sourceUri, object.etag);
      if (existing) return { outcome: 'duplicate', job: toJob(existing, []) };
    }
    const format = formatFromName(object.key);
    if (!format)
      throw new AppError('FORMAT_UNKNOWN', 'the format cannot be told from the object key (.csv, .json, .jsonl or .ndjson)', 400);
    const { etag: current } = await this.sources.check(sourceUri);
    // Overwritten since the event: the newer version has its own notification (and job).
    if (object.etag && current && current !== object.etag) return { outcome: 'superseded', job: null };
    const etag = object.etag ?? current;
    if (!etag) throw new AppError('ETAG_MISSING', 'neither the event nor the object has an ETag', 400);
    const { job, created } = await this.repository.createForObject({ id: randomUUID(), source_uri: sourceUri, format, source_etag: etag });
    if (created) this.worker.wake();
    return { outcome: created ? 'created' : 'duplicate', job: toJob(job, []) };
  }

  /**
   * A multipart upload (`file`, optional `format` and `columnMapping` as JSON): the file streams to the
   * uploads folder (never held in memory), then the job is queued reading it back.
   */
  async createFromUpload(req: IncomingMessage): Promise<IngestionJob> {
    const id = randomUUID();
    const dir = resolve(uploadsDir(this.config));
    await mkdir(dir, { recursive: true });
    const {
      fields,
      file: uploaded,
      extraFile,
    } = await receiveUpload(req, {
      pathFor: (filename) => {
        const extension = extname(filename).toLowerCase();
        return join(dir, `${id}${FORMAT_BY_EXTENSION[extension] ? extension : ''}`);
      },
      maxBytes: this.config.MAX_UPLOAD_BYTES,
    });
    const problems: { field: string; reason: string }[] = [];
    if (!uploaded) problems.push({ field: 'file', reason: 'missing: send the cases as the form field "file"' });
    if (extraFile) problems.push({ field: 'file', reason: 'exactly one file, in the field "file"' });
    const format = fields.format !== undefined ? ingestionFormatSchema.safeParse(fields.format) : null;
    if (format && !format.success) problems.push({ field: 'format', reason: 'must be csv, json or jsonl' });
    let columnMapping: ColumnMapping | null = null;
    if (fields.columnMapping !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(fields.columnMapping);
      } catch {
        problems.push({ field: 'columnMapping', reason: 'must be a JSON object' });
      }
      if (raw !== undefined) {
        const parsed = columnMappingSchema.safeParse(raw);
        if (parsed.success) columnMapping = parsed.data;
        else problems.push(...toFieldIssues(parsed.error).map((i) => ({ field: `columnMapping.${i.field}`, reason: i.reason })));
      }
    }
    const resolvedFormat = format?.success ? format.data : uploaded ? formatFromName(uploaded.filename) : null;
    if (uploaded && !resolvedFormat && problems.every((p) => p.field !== 'format'))
      problems.push({ field: 'format', reason: 'cannot be guessed from the file name; give csv, json or jsonl' });
    if (problems.length > 0 || !uploaded || !resolvedFormat) {
      if (uploaded) await rm(uploaded.path, { force: true });
      throw new ValidationFailedError(problems, 'The upload is not valid');
    }
    const sourceUri = await this.keepUpload(uploaded.path);
    const job = await this.repository.create({
      id,
      source_kind: 'upload',
      source_uri: sourceUri,
      format: resolvedFormat,
      filename: uploaded.filename,
      column_mapping: (columnMapping as Record<string, string> | null) ?? null,
    });
    this.worker.wake();
    return toJob(job, []);
  }

  /**
   * Where the job will read the upload from: with UPLOADS_S3_URI the file moves to S3, so whichever replica
   * claims the job can read it; otherwise it stays in this replica's uploads folder.
   */
  private async keepUpload(path: string): Promise<string> {
    const prefix = this.config.UPLOADS_S3_URI;
    if (!prefix) return pathToFileURL(path).href;
    const uri = `${prefix}/${basename(path)}`;
    try {
      await this.sources.putFile(uri, path);
    } catch (error) {
      throw new AppError('UPLOAD_NOT_STORED', `The upload could not be stored at ${uri}: ${(error as Error).message}`, 503);
    } finally {
      await rm(path, { force: true });
    }
    return uri;
  }

  async get(id: string): Promise<IngestionJob> {
    const job = await this.load(id);
    return toJob(job, await this.repository.outcomes(id, { outcome: 'rejected', after: 0, limit: INLINE_REJECTIONS }));
  }

  async list(query: ListIngestionsQuery): Promise<IngestionList> {
    const rows = await this.repository.list(query);
    return { jobs: rows.map((r) => toJob(r, [])), nextBefore: rows.length === query.limit ? rows[rows.length - 1]!.id : null };
  }

  async rejections(id: string, query: RejectionsQuery): Promise<RejectionPage> {
    await this.load(id);
    const rows = await this.repository.outcomes(id, query);
    return {
      jobId: id,
      total: await this.repository.countOutcomes(id, query.outcome),
      rejections: rows.map(toRejection),
      nextAfter: rows.length === query.limit ? rows[rows.length - 1]!.row_number : null,
    };
  }

  /** Every rejection of the job as CSV, streamed page by page from the database. */
  async rejectionsCsv(id: string, outcome: RejectionsQuery['outcome'], out: Writable): Promise<void> {
    await this.load(id);
    const csv = stringify({ header: true, columns: ['row', 'line', 'caseId', 'outcome', 'field', 'reason'] });
    const repository = this.repository;
    async function* rows() {
      let after = 0;
      for (;;) {
        const page = await repository.outcomes(id, { outcome, after, limit: 1000 });
        for (const r of page) yield toRejection(r);
        if (page.length < 1000) return;
        after = page[page.length - 1]!.row_number;
      }
    }
    await pipeline(rows, csv, out);
  }

  async report(id: string): Promise<IngestionReport> {
    const row = await this.load(id);
    const job = toJob(row, []);
    return {
      jobId: id,
      state: job.state,
      counters: job.counters,
      stageDurationsMs: job.stageDurationsMs,
      profile: (row.profile as StatisticsProfile | null) ?? null,
      reference: (row.reference_profile as StatisticsProfile | null) ?? null,
      drift: job.drift,
      gate: { enabled: this.config.DRIFT_GATE, held: row.state === 'awaiting_approval' },
      decision: job.decision,
    };
  }

  /** Queued: cancelled at once. Running: the worker stops after its current batch and discards the staged rows. */
  async cancel(id: string): Promise<IngestionJob> {
    const job = await this.load(id);
    if (job.state === 'queued') {
      const done = await this.repository.transition(
        id,
        ['queued'],
        { state: 'cancelled', phase: 'done', finished_at: sql`now()` as never },
        true,
      );
      if (done) return this.get(id);
    }
    if (job.state === 'running') {
      const done = await this.repository.transition(id, ['running'], { cancel_requested: true });
      if (done) return this.get(id);
    }
    throw new JobStateError((await this.repository.find(id)) ?? job, 'cancel', ['queued', 'running']);
  }

  /**
   * One call to run a stopped job again. A failed job resumes where it stopped (checkpoint and phase kept:
   * a failed index build only builds again). A cancelled job runs again from its first row: its staged rows
   * were discarded at the cancel, so its counters and row outcomes start over.
   */
  async retry(id: string): Promise<IngestionJob> {
    const job = await this.load(id);
    // Re-reading needs the upload; a failed index build does not (its rows are staged).
    if (job.source_kind === 'upload' && job.upload_removed_at && (job.state === 'cancelled' || job.phase === 'ingest')) {
      throw new AppError(
        'UPLOAD_EXPIRED',
        `the upload of job ${id} was deleted after UPLOAD_RETENTION_HOURS (${this.config.UPLOAD_RETENTION_HOURS}); upload the file again as a new job`,
        409,
      );
    }
    const done =
      job.state === 'cancelled'
        ? await this.repository.requeueFromStart(id, ['cancelled'])
        : await this.repository.transition(id, ['failed'], {
            state: 'queued',
            error: null,
            attempts: 0,
            finished_at: null,
            lease_owner: null,
            lease_expires_at: null,
          });
    if (!done) throw new JobStateError((await this.repository.find(id)) ?? job, 'retry', ['failed', 'cancelled']);
    this.worker.wake();
    return this.get(id);
  }

  /** The operator lets a drifting batch in: the worker indexes it (rows go live with the new version, atomically). */
  async approve(id: string, request: IngestionDecisionRequest): Promise<IngestionJob> {
    const job = await this.load(id);
    const decision = {
      decision: 'approved' as const,
      actor: request.actor,
      note: request.note ?? null,
      at: new Date().toISOString(),
      drift: job.drift ?? null,
    };
    const done = await this.repository.transition(id, ['awaiting_approval'], { state: 'queued', approved: true, decision });
    if (!done) throw new JobStateError(job, 'approve', ['awaiting_approval']);
    this.worker.wake();
    return this.get(id);
  }

  /** The operator refuses a drifting batch: its staged rows are deleted; nothing live is touched. */
  async reject(id: string, request: IngestionDecisionRequest): Promise<IngestionJob> {
    const job = await this.load(id);
    const decision = {
      decision: 'rejected' as const,
      actor: request.actor,
      note: request.note ?? null,
      at: new Date().toISOString(),
      drift: job.drift ?? null,
    };
    const done = await this.repository.transition(
      id,
      ['awaiting_approval'],
      { state: 'rejected', phase: 'done', decision, finished_at: sql`now()` as never },
      true,
    );
    if (!done) throw new JobStateError(job, 'reject', ['awaiting_approval']);
    await this.uploads.jobEnded(done);
    await this.worker.notify(id);
    return this.get(id);
  }

  private async load(id: string): Promise<JobRow> {
    const job = /^[0-9a-f-]{36}$/i.test(id) ? await this.repository.find(id) : undefined;
    if (!job) throw new NotFoundError('ingestion', id);
    return job;
  }
}

function formatFromName(name: string): IngestionFormat | null {
  const clean = name.split('?')[0]!;
  return FORMAT_BY_EXTENSION[extname(clean).toLowerCase()] ?? null;
}
