import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import type { DriftSummary, IngestionIndexing } from '@patientinsight/shared';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { processIdentity } from '../common/process-identity.js';
import { CorpusIndexer } from '../corpus/corpus-indexer.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { compareToReference } from '../quality/drift.js';
import { computeProfile } from '../quality/profile.js';
import { ObjectSources } from '../sources/object-source.js';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.tokens.js';
import { IngestionMetrics } from './ingestion.metrics.js';
import { LiveReference } from './live-reference.js';
import { IngestionRepository, type JobRow, LeaseLostError } from './ingestion.repository.js';
import { toNotification } from './ingestion.mapper.js';
import { prestartRowReader, readPreparedBatches, stopSpareRowReader } from './reader/row-reader.js';
import { dedupeBatch } from './stages/dedupe.js';
import { UploadRetention } from './upload-retention.js';
import type { PreparedBatch } from './stages/prepare.js';

/** Why the row loop stopped early. */
type Interruption = 'cancel' | 'shutdown' | null;

interface Control {
  interruption: Interruption;
  leaseLost: boolean;
}

/**
 * The job worker: claims one job at a time from the durable queue and runs it through
 * parse → clean → validate (on a row-reader thread) → dedupe (committed batch by batch, each batch moving the checkpoint)
 * → profile + drift (gate) → index through the CorpusIndexer → notification.
 * Killing the process anywhere loses at most the uncommitted batch; the next claim resumes after the checkpoint.
 */
@Injectable()
export class IngestionWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** This worker's instance: the host and an id kept in DATA_DIR, the same across restarts of the process. */
  readonly instanceId: string;
  readonly workerId: string;
  private readonly logger = new Logger(IngestionWorker.name);
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<void> | null = null;
  private stopping = false;
  private control: Control | null = null;
  private wakeRequested = false;
  /** Dedupe and write time of the last batch, recorded with the next batch's commit (it is only known after its own). */
  private carriedStageMs: Record<string, number> = {};

  constructor(
    private readonly repository: IngestionRepository,
    private readonly sources: ObjectSources,
    // Provided by the retrieval side; without it jobs stop before indexing with a clear error.
    @Optional() @Inject(CorpusIndexer) private readonly indexer: CorpusIndexer | null,
    private readonly notifications: NotificationsService,
    private readonly metrics: IngestionMetrics,
    private readonly uploads: UploadRetention,
    private readonly liveReference: LiveReference,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {
    const identity = processIdentity(config.DATA_DIR);
    this.instanceId = identity.instance;
    this.workerId = identity.process;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.INGEST_WORKER) {
      const released = await this.repository.releaseLeasesOfPredecessors(this.instanceId, this.workerId);
      if (released > 0)
        this.logger.log({ worker: this.workerId, jobs: released }, 'took back the leases of this instance’s previous process');
    }
    // A corpus build the previous process was killed in is marked failed and its partial index removed; its
    // job, back in the queue in the index phase, builds anew when it is claimed again.
    if (this.indexer) await this.indexer.failAbandonedBuilds();
    if (this.config.INGEST_WORKER) {
      // In the background: the first job waits for this read instead of making its own.
      void this.liveReference.warm();
      prestartRowReader();
      this.schedule(0);
    }
  }

  /** A job was queued: look now rather than at the next poll. */
  wake(): void {
    if (!this.config.INGEST_WORKER || this.stopping) return;
    if (this.busy) this.wakeRequested = true;
    else this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    if (this.control) this.control.interruption = 'shutdown';
    await this.busy;
    await stopSpareRowReader();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopping || this.busy) return;
    this.busy = this.drain();
    await this.busy;
    this.busy = null;
    // The queue is empty: a reader thread for the next job starts now, while nothing runs (a no-op when one waits).
    if (!this.stopping) prestartRowReader();
    if (!this.stopping) this.schedule(this.wakeRequested ? 0 : this.config.INGEST_POLL_MS);
    this.wakeRequested = false;
  }

  /** Runs jobs until the queue is empty. */
  private async drain(): Promise<void> {
    while (!this.stopping) {
      let job: JobRow | undefined;
      try {
        job = await this.repository.claimNext(this.workerId, this.config.INGEST_LEASE_MS, this.config.INGEST_MAX_ATTEMPTS);
      } catch (error) {
        this.logger.error({ err: error }, 'claiming a job failed');
        return;
      }
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(claimed: JobRow): Promise<void> {
    const control: Control = { interruption: null, leaseLost: false };
    this.control = control;
    const log = { jobId: claimed.id, worker: this.workerId, attempt: claimed.attempts, resumeAfterRow: claimed.rows_read };
    this.logger.log(log, claimed.rows_read > 0 || claimed.phase !== 'ingest' ? 'resuming job' : 'starting job');
    // The lease must outlive slow steps (the index build): renew it in the background and watch for cancellation.
    const heartbeat = setInterval(
      () => {
        this.repository
          .extendLease(claimed.id, this.workerId, this.config.INGEST_LEASE_MS)
          .then(({ cancelRequested }) => {
            if (cancelRequested && control.interruption === null) control.interruption = 'cancel';
          })
          .catch((error: unknown) => {
            if (error instanceof LeaseLostError) control.leaseLost = true;
          });
      },
      Math.max(200, Math.floor(this.config.INGEST_LEASE_MS / 3)),
    );
    heartbeat.unref();
    const claimedAt = performance.now();
    // The job's timeline for `bench:ingest --add` (ids and times only).
    const phaseDone = (phase: string) =>
      this.logger.debug({ jobId: claimed.id, phase, msSinceClaim: Math.round(performance.now() - claimedAt) }, 'job phase done');
    let job = claimed;
    try {
      if (job.phase === 'ingest') {
        const stopped = await this.ingest(job, control);
        phaseDone('ingest');
        if (stopped === 'shutdown') {
          await this.repository.releaseLease(job.id, this.workerId);
          this.logger.log(log, 'job handed back at shutdown');
          return;
        }
        if (stopped === 'cancel') {
          job = await this.repository.cancelRunning(job.id, this.workerId);
          this.metrics.rows.inc({ outcome: 'cancelled' }, job.rows_accepted);
          await this.ended(job);
          return;
        }
        const gated = await this.profileAndGate(job);
        phaseDone('profile');
        if (gated.state === 'awaiting_approval') {
          await this.ended(gated);
          return;
        }
        job = gated;
      }
      if (control.interruption === 'cancel') {
        job = await this.repository.cancelRunning(job.id, this.workerId);
        this.metrics.rows.inc({ outcome: 'cancelled' }, job.rows_accepted);
        await this.ended(job);
        return;
      }
      if (job.phase === 'index') {
        job = await this.index(job);
        phaseDone('index');
      }
      await this.ended(job);
      phaseDone('notify');
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.logger.warn(log, 'lease lost: another worker owns the job now; stopping without writing');
        return;
      }
      this.logger.error({ ...log, err: error }, 'job failed');
      try {
        const failed = await this.repository.finish(job.id, this.workerId, 'failed', { error: (error as Error).message || String(error) });
        await this.ended(failed);
      } catch (inner) {
        if (!(inner instanceof LeaseLostError)) this.logger.error({ ...log, err: inner }, 'recording the failure failed');
      }
    } finally {
      clearInterval(heartbeat);
      this.control = null;
    }
  }

  /** Parse → clean → validate (on the row-reader thread) → dedupe → stage, batch by batch from the checkpoint. */
  private async ingest(job: JobRow, control: Control): Promise<Interruption> {
    const stream: Readable = await this.sources.open(job.source_uri);
    const batches = readPreparedBatches(stream, {
      format: job.format,
      mapping: job.column_mapping,
      skip: job.rows_read,
      batchSize: this.config.INGEST_BATCH_SIZE,
      limits: { minTextChars: this.config.INGEST_MIN_TEXT_CHARS, maxTextChars: this.config.INGEST_MAX_TEXT_CHARS },
    });
    this.carriedStageMs = {};
    // A batch's processing time: from the start of the previous commit to the start of its own (the
    // previous write plus the wait for this batch), so the sum over the batches is the reading's wall time.
    let previousCommit = performance.now();
    try {
      for await (const batch of batches) {
        const started = performance.now();
        await this.commit(job, batch, started - previousCommit, control);
        previousCommit = started;
        if (control.leaseLost) throw new LeaseLostError(job.id);
        if (control.interruption) {
          await this.flushCarriedStageMs(job);
          return control.interruption;
        }
      }
      await this.flushCarriedStageMs(job);
      return control.interruption;
    } finally {
      await batches.return(undefined);
      stream.destroy();
    }
  }

  private async flushCarriedStageMs(job: JobRow): Promise<void> {
    const carried = this.carriedStageMs;
    this.carriedStageMs = {};
    if (Object.keys(carried).length > 0) await this.repository.addStageMs(job.id, this.workerId, carried);
  }

  private async commit(job: JobRow, batch: PreparedBatch, processingMs: number, control: Control): Promise<void> {
    const t = performance.now();
    let dedupeMs = 0;
    const result = await this.repository.commitBatch(
      job.id,
      this.workerId,
      this.config.INGEST_LEASE_MS,
      {
        rowsRead: batch.rowsRead,
        cases: batch.valid,
        rejected: batch.rejected,
        duplicates: [],
        missing: batch.missing,
        stageMs: { ...this.carriedStageMs, ...batch.stageMs },
        processingMs,
      },
      (existing) => {
        const d0 = performance.now();
        const out = dedupeBatch(batch.valid, existing, job.id);
        dedupeMs += performance.now() - d0;
        return out;
      },
    );
    const writeMs = performance.now() - t - dedupeMs;
    this.carriedStageMs = { dedupe: dedupeMs, write: writeMs };
    const stageMs = { ...batch.stageMs, dedupe: dedupeMs, write: writeMs };
    for (const [stage, ms] of Object.entries(stageMs)) this.metrics.stageSeconds.observe({ stage }, ms / 1000);
    this.metrics.rows.inc({ outcome: 'accepted' }, result.accepted);
    this.metrics.rows.inc({ outcome: 'rejected' }, batch.rejected.length);
    this.metrics.rows.inc({ outcome: 'duplicate' }, result.duplicates);
    if (processingMs > 0) this.metrics.rowsPerSecond.set(batch.rowsRead / (processingMs / 1000));
    if (result.cancelRequested && control.interruption === null) control.interruption = 'cancel';
  }

  /** Statistics profile of the batch, drift against the live corpus, and the gate. */
  private async profileAndGate(job: JobRow): Promise<JobRow> {
    let t = performance.now();
    const fresh = await this.repository.find(job.id);
    const current = fresh ?? job;
    const staged = await this.repository.caseStatistics({ jobId: job.id });
    const profile = computeProfile({ ...staged, rowsRead: current.rows_read, missingCounts: current.missing_counts });
    const reference = await this.liveReference.get();
    const profileMs = performance.now() - t;
    t = performance.now();
    const drift: DriftSummary = compareToReference({ ages: staged.ages, profile }, reference, {
      threshold: this.config.DRIFT_THRESHOLD,
      ksAlpha: this.config.DRIFT_KS_ALPHA,
      minBatch: this.config.DRIFT_MIN_BATCH,
    });
    const driftMs = performance.now() - t;
    this.metrics.recordDrift(drift);
    this.metrics.stageSeconds.observe({ stage: 'profile' }, profileMs / 1000);
    this.metrics.stageSeconds.observe({ stage: 'drift' }, driftMs / 1000);
    await this.repository.addStageMs(job.id, this.workerId, { profile: profileMs, drift: driftMs });
    const values = { phase: 'index' as const, profile, reference_profile: reference?.profile ?? null, drift };
    const hold = drift.verdict === 'drift' && this.config.DRIFT_GATE && !current.approved && profile.cases > 0;
    if (hold) {
      this.logger.warn({ jobId: job.id, drift }, 'batch drifts beyond the threshold: held for approval');
      return this.repository.finish(job.id, this.workerId, 'awaiting_approval', values);
    }
    return this.repository.update(job.id, this.workerId, values);
  }

  /** Makes the job's staged cases searchable: appended to the active version, or a new version fitted (CorpusIndexer.addCases). */
  private async index(job: JobRow): Promise<JobRow> {
    if (!this.indexer)
      throw new Error('no corpus indexer is registered in this embedder: the rows stay staged; retry the job once retrieval is configured');
    const staged = await this.repository.countCases(job.id, 'staged');
    let versionId: string | null = null;
    let indexing: IngestionIndexing | null = null;
    if (staged > 0) {
      const t = performance.now();
      const indexer = this.indexer;
      const result = await this.liveReference.promoting(job.id, () => indexer.addCases({ promoteJobIds: [job.id] }));
      const total = performance.now() - t;
      this.metrics.indexed.inc({ mode: result.mode });
      if (result.mode === 'append') {
        this.metrics.appendedSince.set({ figure: 'added_share' }, result.addedShare ?? 0);
        this.metrics.appendedSince.set({ figure: 'unknown_token_share' }, result.unknownTokenShare ?? 0);
      }
      versionId = result.versionId;
      indexing = {
        mode: result.mode,
        refitReason: result.refitReason ?? null,
        addedShare: result.addedShare ?? null,
        unknownTokenShare: result.unknownTokenShare ?? null,
        bm25: result.bm25,
      };
      const stageMs: Record<string, number> = { index_total: total };
      for (const [stage, ms] of Object.entries(result.durationsMs)) stageMs[`index_${stage}`] = ms;
      for (const [stage, ms] of Object.entries(stageMs)) this.metrics.stageSeconds.observe({ stage }, ms / 1000);
      await this.repository.addStageMs(job.id, this.workerId, stageMs);
    } else {
      versionId = await this.indexer.activeVersion();
    }
    const indexed = await this.repository.countCases(job.id, 'live');
    return this.repository.finish(job.id, this.workerId, 'succeeded', {
      phase: 'done',
      rows_indexed: indexed,
      corpus_version: versionId,
      indexing,
    });
  }

  /** Metrics and notification for a job that reached a final or held state. */
  private async ended(job: JobRow): Promise<void> {
    this.metrics.jobs.inc({ state: job.state });
    await this.uploads.jobEnded(job);
    this.logger.log(
      {
        jobId: job.id,
        state: job.state,
        read: job.rows_read,
        accepted: job.rows_accepted,
        rejected: job.rows_rejected,
        duplicate: job.rows_duplicate,
        indexed: job.rows_indexed,
      },
      'job ended',
    );
    await this.notify(job.id);
  }

  async notify(jobId: string): Promise<void> {
    const job = await this.repository.find(jobId);
    if (!job) return;
    const rejections = await this.repository.outcomes(jobId, { outcome: 'rejected', after: 0, limit: 10 });
    await this.notifications.notify(toNotification(job, rejections));
    await this.repository.markNotified(jobId);
  }
}
