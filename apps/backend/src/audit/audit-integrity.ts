import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorLogFields, METRICS_REGISTRY } from '@patientinsight/nest-kit';
import { Counter, Gauge, type Registry } from 'prom-client';
import { type AuditCheckpoint, type AuditKeyring, signCheckpoint } from './audit-chain.js';
import type { AuditCheckpointStore } from './audit-checkpoints.js';
import type { AuditConfig } from './audit.config.js';
import { AUDIT_KEYRING, AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { type AuditReport, AuditVerifier } from './audit-verifier.js';

export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');
export const AUDIT_CHECKPOINTS = Symbol('AUDIT_CHECKPOINTS');

/**
 * Keeps the trail provable while the backend runs: writes a signed checkpoint of the chain's head
 * every AUDIT_CHECKPOINT_INTERVAL_SECONDS and at shutdown (after the last rows are committed), and
 * verifies the whole chain every AUDIT_VERIFY_INTERVAL_SECONDS, exporting audit_chain_verified{result}
 * and the time of the last verification (the alert rules read both).
 */
@Injectable()
export class AuditIntegrity implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditIntegrity');
  private readonly verifier: AuditVerifier;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private lastWrittenSeq: number | null = null;
  private serving = false;
  private readonly verified: Gauge<'result'>;
  private readonly verifiedAt: Gauge;
  private readonly findings: Gauge;
  private readonly checkpointAt: Gauge;
  private readonly checkpointFailures: Counter;

  constructor(
    private readonly repository: AuditRepository,
    private readonly audit: AuditService,
    @Inject(AUDIT_KEYRING) private readonly keyring: AuditKeyring,
    @Inject(AUDIT_CHECKPOINTS) private readonly store: AuditCheckpointStore,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {
    this.verifier = new AuditVerifier(repository, keyring, store);
    this.verified = new Gauge({
      name: 'audit_chain_verified',
      help: 'Result of the last audit chain verification: 1 on the matching result label (ok or broken)',
      labelNames: ['result'],
      registers: [registry],
    });
    this.verifiedAt = new Gauge({
      name: 'audit_chain_last_verified_timestamp_seconds',
      help: 'When this process last completed a verification of the audit chain',
      registers: [registry],
    });
    this.findings = new Gauge({
      name: 'audit_chain_findings',
      help: 'Breaks found by the last audit chain verification',
      registers: [registry],
    });
    this.checkpointAt = new Gauge({
      name: 'audit_checkpoint_last_written_timestamp_seconds',
      help: 'When this process last wrote a signed checkpoint of the audit chain',
      registers: [registry],
    });
    this.checkpointFailures = new Counter({
      name: 'audit_checkpoint_failures_total',
      help: 'Checkpoints of the audit chain that could not be written',
      registers: [registry],
    });
    this.checkpointFailures.inc(0);
  }

  onApplicationBootstrap(): void {
    // Serving processes only: a one-off command (create-admin's application context has no HTTP
    // adapter) neither walks the whole chain nor writes checkpoints.
    if (this.adapterHost && !this.adapterHost.httpAdapter) return;
    this.serving = true;
    const every = (seconds: number, task: () => Promise<unknown>) => {
      const timer = setInterval(() => this.track(task()), seconds * 1000);
      timer.unref(); // never the reason the process stays up
      this.timers.push(timer);
    };
    every(this.config.AUDIT_CHECKPOINT_INTERVAL_SECONDS, () => this.checkpointQuietly());
    this.track(this.checkpointQuietly());
    if (this.config.AUDIT_VERIFY_INTERVAL_SECONDS > 0) {
      every(this.config.AUDIT_VERIFY_INTERVAL_SECONDS, () => this.verifyQuietly());
      this.track(this.verifyQuietly());
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.serving) return;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running]);
    await this.audit.idle();
    await this.checkpointQuietly();
  }

  /** Signs and stores the current head; null when the trail is empty or the head was already written by this process. */
  async checkpoint(): Promise<AuditCheckpoint | null> {
    const head = await this.repository.head();
    if (!head || head.sequence === this.lastWrittenSeq) return null;
    const checkpoint = signCheckpoint(this.keyring, { ...head, time: new Date() });
    await this.store.write(checkpoint);
    this.lastWrittenSeq = head.sequence;
    this.checkpointAt.set(Date.now() / 1000);
    return checkpoint;
  }

  /** Verifies the chain against the last checkpoint and updates the metrics. */
  async verify(): Promise<AuditReport> {
    const report = await this.verifier.verify();
    this.verified.set({ result: 'ok' }, report.ok ? 1 : 0);
    this.verified.set({ result: 'broken' }, report.ok ? 0 : 1);
    this.findings.set(report.findingsTotal);
    this.verifiedAt.set(Date.now() / 1000);
    if (!report.ok) {
      // Sequence numbers and codes only: rows carry patient ids.
      this.logger.error(
        { findings: report.findingsTotal, first: report.findings.slice(0, 5).map((f) => ({ seq: f.seq, code: f.code })) },
        'audit chain broken',
      );
    }
    return report;
  }

  private track(task: Promise<unknown>): void {
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  private async checkpointQuietly(): Promise<void> {
    try {
      await this.checkpoint();
    } catch (error) {
      this.checkpointFailures.inc();
      this.logger.warn({ ...errorLogFields(error), store: this.store.kind }, 'audit checkpoint not written');
    }
  }

  private async verifyQuietly(): Promise<void> {
    try {
      await this.verify();
    } catch (error) {
      // Left stale on purpose: the "no verification for twice the interval" alert covers a verifier that cannot run.
      this.logger.warn(errorLogFields(error), 'audit verification could not run');
    }
  }
}
