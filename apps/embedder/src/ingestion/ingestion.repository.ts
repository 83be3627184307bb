import { Inject, Injectable } from '@nestjs/common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { EmbedderDb, IngestionJobState, IngestionJobTable, IngestionRowTable } from '../database/embedder-db.js';
import { copyText } from './copy-text.js';
import type { Duplicate, ExistingKeys, HashedCase } from './stages/dedupe.js';

export type JobRow = Selectable<IngestionJobTable>;
export type OutcomeRow = Selectable<IngestionRowTable>;
export type JobUpdate = Omit<Updateable<IngestionJobTable>, 'id'>;

/** The worker no longer holds the job's lease (it lapsed and another replica took the job, or it was cancelled). */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lease on job ${jobId} lost`);
    this.name = 'LeaseLostError';
  }
}

export interface BatchCommit {
  rowsRead: number;
  cases: HashedCase[];
  rejected: Omit<IngestionRowTable, 'job_id' | 'outcome'>[];
  duplicates: Duplicate[];
  missing: Record<string, number>;
  stageMs: Record<string, number>;
  processingMs: number;
}

/** Per case: its age (when known), sex and text length in bytes; one entry per case in `sexes` and `textLengths`. */
export interface CaseStatistics {
  ages: number[];
  sexes: ('F' | 'M' | null)[];
  textLengths: number[];
}

/** Rows per INSERT: small enough that one statement never holds the event loop for long. */
const INSERT_CHUNK = 250;

const leaseUntil = (leaseMs: number) => sql<Date>`now() + (${leaseMs} * interval '1 millisecond')`;

function addNumbers(base: Record<string, number>, deltas: Record<string, number>): string {
  const out = { ...base };
  for (const [key, value] of Object.entries(deltas)) out[key] = Math.round(((out[key] ?? 0) + value) * 1000) / 1000;
  return JSON.stringify(out);
}

/** Every SQL statement of ingestion; nothing else touches ingestion_job or ingestion_row, and only this writes case_record. */
@Injectable()
export class IngestionRepository {
  constructor(@Inject(DATABASE) private readonly database: Database<EmbedderDb>) {}

  private get db(): Kysely<EmbedderDb> {
    return this.database.db;
  }

  async create(
    job: Pick<IngestionJobTable, 'id' | 'source_kind' | 'source_uri' | 'format' | 'filename' | 'column_mapping'>,
  ): Promise<JobRow> {
    return this.db
      .insertInto('ingestion_job')
      .values({
        ...job,
        column_mapping: job.column_mapping ? JSON.stringify(job.column_mapping) : null,
        state: 'queued',
        phase: 'ingest',
      } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * A job for one version of an S3 object (an object-created notification): at most one per (source_uri, source_etag),
   * enforced by a unique index, so a redelivered or duplicated notification finds the first job instead of adding one.
   */
  async createForObject(
    job: Pick<IngestionJobTable, 'id' | 'source_uri' | 'format'> & { source_etag: string },
  ): Promise<{ job: JobRow; created: boolean }> {
    const inserted = await this.db
      .insertInto('ingestion_job')
      .values({ ...job, source_kind: 's3', filename: null, column_mapping: null, state: 'queued', phase: 'ingest' } as never)
      .onConflict((oc) => oc.columns(['source_uri', 'source_etag']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { job: inserted, created: true };
    return { job: (await this.findForObject(job.source_uri, job.source_etag))!, created: false };
  }

  findForObject(sourceUri: string, etag: string): Promise<JobRow | undefined> {
    return this.db
      .selectFrom('ingestion_job')
      .selectAll()
      .where('source_uri', '=', sourceUri)
      .where('source_etag', '=', etag)
      .executeTakeFirst();
  }

  find(id: string): Promise<JobRow | undefined> {
    return this.db.selectFrom('ingestion_job').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(options: { state?: IngestionJobState; limit: number; before?: string }): Promise<JobRow[]> {
    let query = this.db.selectFrom('ingestion_job').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit);
    if (options.state) query = query.where('state', '=', options.state);
    if (options.before) {
      const anchor = this.db.selectFrom('ingestion_job').select('created_at').where('id', '=', options.before);
      query = query.where((eb) =>
        eb.or([eb('created_at', '<', anchor), eb.and([eb('created_at', '=', anchor), eb('id', '<', options.before!)])]),
      );
    }
    return query.execute();
  }

  outcomes(jobId: string, options: { outcome: 'rejected' | 'duplicate' | 'all'; after: number; limit: number }): Promise<OutcomeRow[]> {
    let query = this.db
      .selectFrom('ingestion_row')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('row_number', '>', options.after)
      .orderBy('row_number')
      .limit(options.limit);
    if (options.outcome !== 'all') query = query.where('outcome', '=', options.outcome);
    return query.execute();
  }

  async countOutcomes(jobId: string, outcome: 'rejected' | 'duplicate' | 'all'): Promise<number> {
    let query = this.db.selectFrom('ingestion_row').select(sql<number>`count(*)::int`.as('n')).where('job_id', '=', jobId);
    if (outcome !== 'all') query = query.where('outcome', '=', outcome);
    return (await query.executeTakeFirstOrThrow()).n;
  }

  /**
   * Takes the oldest job that is queued, or running under a lapsed lease (its worker died), and
   * leases it to `owner`. SKIP LOCKED lets replicas claim concurrently without waiting on each other.
   * A job whose workers keep dying is failed after `maxAttempts` claims instead of looping forever.
   */
  async claimNext(owner: string, leaseMs: number, maxAttempts: number): Promise<JobRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const candidate = await trx
        .selectFrom('ingestion_job')
        .select(['id', 'attempts'])
        .where((eb) =>
          eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', sql<Date>`now()`)])]),
        )
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!candidate) return undefined;
      if (candidate.attempts >= maxAttempts) {
        await trx
          .updateTable('ingestion_job')
          .set({
            state: 'failed',
            error: `gave up after ${candidate.attempts} attempts (the worker stopped each time)`,
            lease_owner: null,
            lease_expires_at: null,
            finished_at: sql`now()`,
          })
          .where('id', '=', candidate.id)
          .execute();
        return undefined;
      }
      return trx
        .updateTable('ingestion_job')
        .set({
          state: 'running',
          lease_owner: owner,
          lease_expires_at: leaseUntil(leaseMs),
          attempts: sql`attempts + 1`,
          started_at: sql`coalesce(started_at, now())`,
        })
        .where('id', '=', candidate.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  /** Locks the job row if `owner` still holds a live lease on it, else LeaseLostError: every write of the worker goes through this fence. */
  private async fence(trx: Transaction<EmbedderDb>, jobId: string, owner: string): Promise<JobRow> {
    const job = await trx
      .selectFrom('ingestion_job')
      .selectAll()
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'running')
      .forUpdate()
      .executeTakeFirst();
    if (!job) throw new LeaseLostError(jobId);
    return job;
  }

  async extendLease(jobId: string, owner: string, leaseMs: number): Promise<{ cancelRequested: boolean }> {
    const row = await this.db
      .updateTable('ingestion_job')
      .set({ lease_expires_at: leaseUntil(leaseMs) })
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'running')
      .returning('cancel_requested')
      .executeTakeFirst();
    if (!row) throw new LeaseLostError(jobId);
    return { cancelRequested: row.cancel_requested };
  }

  /**
   * Lapses the leases still held by earlier processes of this worker instance (`<instance>:<pid>:…`): they died
   * (kill -9, OOM), so their jobs can be resumed at once instead of after the lease time. A live worker with the
   * same instance id (a shared data folder) only loses its lease, and the fence stops its next write.
   */
  async releaseLeasesOfPredecessors(instance: string, current: string): Promise<number> {
    const prefix = `${instance}:`;
    const result = await this.db
      .updateTable('ingestion_job')
      .set({ lease_expires_at: sql`now() - interval '1 second'` })
      .where('state', '=', 'running')
      .where(sql<boolean>`left(lease_owner, ${prefix.length}) = ${prefix}`)
      .where('lease_owner', '<>', current)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Hands the job back without finishing it (graceful shutdown): another worker may claim it at once. */
  async releaseLease(jobId: string, owner: string): Promise<void> {
    await this.db
      .updateTable('ingestion_job')
      .set({ lease_expires_at: sql`now() - interval '1 second'`, attempts: sql`greatest(attempts - 1, 0)` })
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'running')
      .execute();
  }

  /**
   * One batch, all or nothing, under the lease: dedupe against the store, stage the new cases, record
   * the rows that did not make it, and move the checkpoint (rows_read) with the counters. A crash
   * before the commit leaves no trace of the batch; after it, the rows are never read again.
   */
  async commitBatch(
    jobId: string,
    owner: string,
    leaseMs: number,
    batch: BatchCommit,
    dedupe: (existing: ExistingKeys) => { fresh: HashedCase[]; duplicates: Duplicate[] },
  ): Promise<{ cancelRequested: boolean; accepted: number; duplicates: number }> {
    return this.db.transaction().execute(async (trx) => {
      const job = await this.fence(trx, jobId, owner);
      const existing = await this.existingKeys(trx, batch.cases);
      const { fresh, duplicates } = dedupe(existing);
      const allDuplicates = [...batch.duplicates, ...duplicates];
      const inserted = await this.stageCases(trx, jobId, fresh);
      // A conflict here means another job stored the same case between our check and our insert.
      for (const c of fresh)
        if (!inserted.has(c.caseId))
          allDuplicates.push({
            row: c.row,
            line: c.line,
            caseId: c.caseId,
            field: 'caseId',
            reason: 'stored by another job at the same moment',
          });
      const outcomes = [
        ...batch.rejected.map((r) => ({ ...r, job_id: jobId, outcome: 'rejected' as const })),
        ...allDuplicates.map((d) => ({
          job_id: jobId,
          row_number: d.row,
          line: d.line,
          case_id: d.caseId,
          outcome: 'duplicate' as const,
          field: d.field,
          reason: d.reason,
        })),
      ];
      for (let i = 0; i < outcomes.length; i += 2000)
        await trx
          .insertInto('ingestion_row')
          .values(outcomes.slice(i, i + 2000))
          .execute();
      await trx
        .updateTable('ingestion_job')
        .set({
          rows_read: sql`rows_read + ${batch.rowsRead}`,
          rows_accepted: sql`rows_accepted + ${inserted.size}`,
          rows_rejected: sql`rows_rejected + ${batch.rejected.length}`,
          rows_duplicate: sql`rows_duplicate + ${allDuplicates.length}`,
          missing_counts: addNumbers(job.missing_counts, batch.missing) as never,
          stage_ms: addNumbers(job.stage_ms, batch.stageMs) as never,
          processing_ms: sql`processing_ms + ${batch.processingMs}`,
          lease_expires_at: leaseUntil(leaseMs),
        })
        .where('id', '=', jobId)
        .execute();
      return { cancelRequested: job.cancel_requested, accepted: inserted.size, duplicates: allDuplicates.length };
    });
  }

  /**
   * Writes the batch's new cases as staged; returns the ids written (a conflict means another job stored the case
   * between the dedupe and the insert). On PGlite one COPY first, much cheaper per row than INSERT (PGlite's
   * per-row insert was most of the write); any error there (a conflict included) rolls it back and the INSERTs
   * below run as they always did.
   */
  private async stageCases(trx: Transaction<EmbedderDb>, jobId: string, fresh: HashedCase[]): Promise<Set<string>> {
    const row = (c: HashedCase) => ({
      case_id: c.caseId,
      pmid: c.pmid,
      title: c.title,
      text: c.text,
      age: c.age,
      sex: c.sex,
      text_hash: c.textHash,
      job_id: jobId,
      state: 'staged' as const,
    });
    const file = fresh.length > 0 ? this.database.serverFile?.(copyText(fresh.map((c) => Object.values(row(c))))) : undefined;
    if (file) {
      try {
        await sql`savepoint stage_cases`.execute(trx);
        const columns = Object.keys(row(fresh[0]!)).join(', ');
        const copied = await sql.raw(`copy case_record (${columns}) from '${file.path}' with (format text, encoding 'UTF8')`).execute(trx);
        if (Number(copied.numAffectedRows) === fresh.length) {
          await sql`release savepoint stage_cases`.execute(trx);
          return new Set(fresh.map((c) => c.caseId));
        }
        await sql`rollback to savepoint stage_cases`.execute(trx);
      } catch {
        await sql`rollback to savepoint stage_cases`.execute(trx);
      } finally {
        file.remove();
      }
    }
    const inserted = new Set<string>();
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      // Let sockets and timers through between statements: on PGlite each statement runs on this thread.
      if (i > 0) await yieldToEventLoop();
      const rows = await trx
        .insertInto('case_record')
        .values(fresh.slice(i, i + INSERT_CHUNK).map(row))
        .onConflict((oc) => oc.doNothing())
        .returning('case_id')
        .execute();
      for (const r of rows) inserted.add(r.case_id);
    }
    return inserted;
  }

  private async existingKeys(trx: Transaction<EmbedderDb>, cases: HashedCase[]): Promise<ExistingKeys> {
    const caseIds = new Map<string, string | null>();
    const textHashes = new Map<string, string>();
    if (cases.length === 0) return { caseIds, textHashes };
    const rows = await trx
      .selectFrom('case_record')
      .select(['case_id', 'text_hash', 'job_id'])
      .where((eb) =>
        eb.or([
          eb('case_id', '=', sql<string>`any(${sql.val(cases.map((c) => c.caseId))}::text[])`),
          eb('text_hash', '=', sql<string>`any(${sql.val(cases.map((c) => c.textHash))}::text[])`),
        ]),
      )
      .execute();
    for (const r of rows) {
      caseIds.set(r.case_id, r.job_id);
      textHashes.set(r.text_hash, r.case_id);
    }
    return { caseIds, textHashes };
  }

  /** Ages, sexes and text lengths of a job's staged cases, or of every live case (the drift reference; a scan of every live row). */
  async caseStatistics(filter: { jobId: string } | { live: true }): Promise<CaseStatistics> {
    // octet_length reads the stored size without detoasting (length() would decompress every text).
    let query = this.db.selectFrom('case_record').select(['age', 'sex', sql<number>`octet_length(text)`.as('len')]);
    query = 'jobId' in filter ? query.where('job_id', '=', filter.jobId).where('state', '=', 'staged') : query.where('state', '=', 'live');
    const rows = await query.execute();
    const ages: number[] = [];
    const sexes: ('F' | 'M' | null)[] = [];
    const textLengths: number[] = [];
    for (const r of rows) {
      if (r.age !== null) ages.push(r.age);
      sexes.push(r.sex);
      textLengths.push(r.len);
    }
    return { ages, sexes, textLengths };
  }

  async update(jobId: string, owner: string, values: JobUpdate): Promise<JobRow> {
    return this.db.transaction().execute(async (trx) => {
      await this.fence(trx, jobId, owner);
      return trx
        .updateTable('ingestion_job')
        .set(jsonColumns(values) as never)
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  /** Adds stage timings measured outside a batch (profile, drift, index build). */
  async addStageMs(jobId: string, owner: string, deltas: Record<string, number>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const job = await this.fence(trx, jobId, owner);
      await trx
        .updateTable('ingestion_job')
        .set({ stage_ms: addNumbers(job.stage_ms, deltas) as never })
        .where('id', '=', jobId)
        .execute();
    });
  }

  /** Ends the job's lease in a final or held state. */
  async finish(jobId: string, owner: string, state: IngestionJobState, values: JobUpdate = {}): Promise<JobRow> {
    return this.update(jobId, owner, {
      ...values,
      state,
      lease_owner: null,
      lease_expires_at: null,
      ...(state === 'awaiting_approval' ? {} : { finished_at: sql`now()` as never }),
    });
  }

  /** Cancels under the lease: the job's staged cases go, nothing live is touched. */
  async cancelRunning(jobId: string, owner: string): Promise<JobRow> {
    return this.db.transaction().execute(async (trx) => {
      await this.fence(trx, jobId, owner);
      await trx.deleteFrom('case_record').where('job_id', '=', jobId).where('state', '=', 'staged').execute();
      return trx
        .updateTable('ingestion_job')
        .set({ state: 'cancelled', phase: 'done', lease_owner: null, lease_expires_at: null, finished_at: sql`now()` })
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async countCases(jobId: string, state: 'staged' | 'live'): Promise<number> {
    const row = await this.db
      .selectFrom('case_record')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('job_id', '=', jobId)
      .where('state', '=', state)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** A state change an operator asks for, applied only from the states listed (so two requests cannot both win). */
  async transition(jobId: string, from: IngestionJobState[], values: JobUpdate, alsoDeleteStaged = false): Promise<JobRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const job = await trx.selectFrom('ingestion_job').select('state').where('id', '=', jobId).forUpdate().executeTakeFirst();
      if (!job || !from.includes(job.state)) return undefined;
      if (alsoDeleteStaged) await trx.deleteFrom('case_record').where('job_id', '=', jobId).where('state', '=', 'staged').execute();
      return trx
        .updateTable('ingestion_job')
        .set(jsonColumns(values) as never)
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  /**
   * Queues a job again from its first row (a cancelled job, whose staged rows are gone): counters, row
   * outcomes, profile and drift start over; the source and column mapping are kept.
   */
  async requeueFromStart(jobId: string, from: IngestionJobState[]): Promise<JobRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const job = await trx.selectFrom('ingestion_job').select('state').where('id', '=', jobId).forUpdate().executeTakeFirst();
      if (!job || !from.includes(job.state)) return undefined;
      await trx.deleteFrom('case_record').where('job_id', '=', jobId).where('state', '=', 'staged').execute();
      await trx.deleteFrom('ingestion_row').where('job_id', '=', jobId).execute();
      return trx
        .updateTable('ingestion_job')
        .set({
          state: 'queued',
          phase: 'ingest',
          rows_read: 0,
          rows_accepted: 0,
          rows_rejected: 0,
          rows_duplicate: 0,
          rows_indexed: 0,
          missing_counts: '{}' as never,
          stage_ms: '{}' as never,
          processing_ms: 0,
          attempts: 0,
          cancel_requested: false,
          approved: false,
          profile: null,
          reference_profile: null,
          drift: null,
          decision: null,
          corpus_version: null,
          indexing: null,
          error: null,
          notified_at: null,
          started_at: null,
          finished_at: null,
          lease_owner: null,
          lease_expires_at: null,
        })
        .where('id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  /** Uploads nothing can read again: of succeeded or rejected jobs, and of failed or cancelled ones ended more than `retentionMs` ago. */
  uploadsPastRetention(retentionMs: number): Promise<JobRow[]> {
    return this.db
      .selectFrom('ingestion_job')
      .selectAll()
      .where('source_kind', '=', 'upload')
      .where('upload_removed_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('state', 'in', ['succeeded', 'rejected']),
          eb.and([
            eb('state', 'in', ['failed', 'cancelled']),
            eb('finished_at', '<', sql<Date>`now() - (${retentionMs} * interval '1 millisecond')`),
          ]),
        ]),
      )
      .execute();
  }

  uploadStates(jobIds: string[]): Promise<Pick<JobRow, 'id' | 'upload_removed_at'>[]> {
    return this.db.selectFrom('ingestion_job').select(['id', 'upload_removed_at']).where('id', 'in', jobIds).execute();
  }

  async markUploadRemoved(jobId: string): Promise<void> {
    await this.db.updateTable('ingestion_job').set({ upload_removed_at: sql`now()` }).where('id', '=', jobId).execute();
  }

  markNotified(jobId: string): Promise<unknown> {
    return this.db.updateTable('ingestion_job').set({ notified_at: sql`now()` }).where('id', '=', jobId).execute();
  }
}

/** jsonb columns go in as JSON text (PGlite and pg both accept it; arrays would otherwise be sent as PG arrays). */
function jsonColumns(values: JobUpdate): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const key of ['profile', 'reference_profile', 'drift', 'decision', 'column_mapping', 'indexing'] as const) {
    if (key in out && out[key] !== null && out[key] !== undefined && typeof out[key] === 'object' && !isSqlExpression(out[key]))
      out[key] = JSON.stringify(out[key]);
  }
  return out;
}

function isSqlExpression(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'toOperationNode' in value;
}
