import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ObjectSources } from '../sources/object-source.js';
import { uploadsDir } from '../sources/sources.module.js';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.tokens.js';
import { IngestionRepository, type JobRow } from './ingestion.repository.js';

/** A file in the uploads folder without a job this old is a leftover (the job was never created, or is gone). */
const ORPHAN_AFTER_MS = 60 * 60 * 1000;
const MAX_SWEEP_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Deletes uploaded files once nothing can read them again: at once when their job succeeded or was rejected,
 * and UPLOAD_RETENTION_HOURS after a failed or cancelled job ended (until then `retry` can read it). Sweeps at
 * boot and periodically, so a file whose deletion was missed (a crash, another replica) still goes.
 */
@Injectable()
export class UploadRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UploadRetention.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly repository: IngestionRepository,
    private readonly sources: ObjectSources,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {}

  get retentionMs(): number {
    return this.config.UPLOAD_RETENTION_HOURS * 60 * 60 * 1000;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    // Often enough that a file outlives its retention by at most a quarter of it (or 15 minutes).
    const every = Math.min(MAX_SWEEP_INTERVAL_MS, Math.max(1000, Math.floor(this.retentionMs / 4)));
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** A job reached a final or held state: its upload goes now if nothing can read it again. */
  async jobEnded(job: JobRow): Promise<void> {
    if (job.source_kind !== 'upload' || job.upload_removed_at) return;
    const retryable = job.state === 'failed' || job.state === 'cancelled';
    if (job.state === 'succeeded' || job.state === 'rejected' || (retryable && this.retentionMs === 0)) await this.remove(job);
  }

  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'the upload sweep failed; it runs again later'))
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    for (const job of await this.repository.uploadsPastRetention(this.retentionMs)) await this.remove(job);
    await this.sweepLocalFolder();
  }

  /** Files in this replica's uploads folder whose job's upload is gone by the rules above, or with no job at all. */
  private async sweepLocalFolder(): Promise<void> {
    const dir = resolve(uploadsDir(this.config));
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^[0-9a-f-]{36}(\.[a-z]+)?$/.test(n));
    if (names.length === 0) return;
    const jobs = new Map((await this.repository.uploadStates(names.map((n) => n.slice(0, 36)))).map((j) => [j.id, j]));
    for (const name of names) {
      const job = jobs.get(name.slice(0, 36));
      const path = join(dir, name);
      if (
        job
          ? job.upload_removed_at !== null
          : Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > ORPHAN_AFTER_MS
      ) {
        await rm(path, { force: true });
      }
    }
  }

  private async remove(job: Pick<JobRow, 'id' | 'source_uri'>): Promise<void> {
    try {
      if (job.source_uri.startsWith('file:')) await rm(fileURLToPath(job.source_uri), { force: true });
      else await this.sources.remove(job.source_uri);
      await this.repository.markUploadRemoved(job.id);
    } catch (error) {
      this.logger.warn({ jobId: job.id, err: error }, 'the upload of an ended job could not be deleted; the sweep tries again');
    }
  }
}
