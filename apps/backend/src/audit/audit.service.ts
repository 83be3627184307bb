import { Injectable } from '@nestjs/common';
import { currentRequestContext } from '@patientinsight/nest-kit';
import type { AuditOutcome } from '@patientinsight/shared';
import { type AuditFilter, AuditRepository, type AuditRow, type NewAuditRow } from './audit.repository.js';
import { stripNul } from '../common/json.js';

/** Who did it: a signed-in user, or nobody yet (a failed login, a registration). */
export interface AuditActor {
  id: string;
  role: string;
}

export interface AuditEvent {
  actor: AuditActor | null;
  /** Dotted verb, e.g. `encounter.read`, `auth.login`, `report.read`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** Whose health data this touches, so "who saw patient X" is one query. */
  patientId?: string | null;
  outcome: AuditOutcome;
  /** Ids and counts only: never symptom text, names or contact details. */
  details?: Record<string, unknown> | null;
}

const MAX_BATCH = 500;

/**
 * The audit trail. `record` resolves once the row is committed, so a read of patient data is
 * never answered before it is on record (a failed write fails the request). Writes are grouped:
 * while one batch commits, the next requests queue up and go in the following transaction, so
 * the chain's single lock costs one round of commits per batch, not per request.
 */
@Injectable()
export class AuditService {
  private queue: { row: NewAuditRow; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly repository: AuditRepository) {}

  record(event: AuditEvent): Promise<void> {
    const context = currentRequestContext();
    const row: NewAuditRow = {
      occurredAt: new Date(),
      actorId: event.actor?.id ?? null,
      actorRole: event.actor?.role ?? null,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId?.replaceAll('\u0000', '') ?? null,
      patientId: event.patientId ?? null,
      outcome: event.outcome,
      ip: context?.ip ?? null,
      userAgent: context?.userAgent?.slice(0, 300) ?? null,
      requestId: context?.requestId ?? null,
      // Cleaned before hashing, so the stored row hashes to what was chained.
      details: event.details ? stripNul(event.details) : null,
    };
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.repository.append(batch.map((b) => b.row));
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      // Cleared in the same tick as the last check of the queue: a `.finally()` callback would run
      // a tick later, and a record() arriving in between would wait forever for a drain that ended.
      this.draining = null;
    }
  }

  find(filter: AuditFilter): Promise<AuditRow[]> {
    return this.repository.find(filter);
  }

  /** Names and e-mails of the accounts behind ids on a page of the trail. */
  people(ids: readonly string[]) {
    return this.repository.people(ids);
  }

  /** The actions on record (the search's picklist). */
  actions(): Promise<string[]> {
    return this.repository.actions();
  }

  /** Resolves once every recorded row is committed (shutdown writes its checkpoint after this). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining.catch(() => undefined);
  }
}
