import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@patientinsight/nest-kit';
import { type Kysely, sql } from 'kysely';
import type { BackendDb } from '../database/backend-db.js';
import { type AuditContent, AuditKeyring, GENESIS_HASH, keyedChainHash } from './audit-chain.js';

/** The keyring the chain is written and verified with (built from the config in AuditModule). */
export const AUDIT_KEYRING = Symbol('AUDIT_KEYRING');

/** Advisory-lock key that serialises chain appends across replicas ("audit" in ASCII). */
const AUDIT_CHAIN_LOCK = 0x61756469;

export interface AuditRow extends AuditContent {
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  actorId?: string;
  patientId?: string;
  /** The account with this e-mail acted (matched without regard to case). */
  actorEmail?: string;
  /** About the data of the account with this e-mail. */
  patientEmail?: string;
  action?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit: number;
}

export type NewAuditRow = Omit<AuditContent, 'seq' | 'keyId'>;

type RawRow = {
  seq: string | number | bigint;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: string | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
  key_id: string | null;
};

function toRow(r: RawRow): AuditRow {
  return {
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    patientId: r.patient_id,
    outcome: r.outcome,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
    keyId: r.key_id,
  };
}

/** The only code that touches `audit_log`: appends under a lock, reads, and walks the chain. */
@Injectable()
export class AuditRepository {
  private readonly db: Kysely<BackendDb>;
  constructor(
    @Inject(DATABASE) database: Database<BackendDb>,
    @Inject(AUDIT_KEYRING) private readonly keyring: AuditKeyring,
  ) {
    this.db = database.db;
  }

  /**
   * Appends rows in one transaction. The advisory lock makes "read the last hash, insert the next
   * rows" atomic across every process writing to this database.
   */
  async append(rows: NewAuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
      const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      let seq = last ? Number(last.seq) : 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const key = this.keyring.current;
      const values = rows.map((row) => {
        seq += 1;
        const content: AuditContent = { ...row, seq, keyId: key.id };
        const hash = keyedChainHash(key.secret, prevHash, content);
        const value = {
          seq,
          occurred_at: row.occurredAt,
          actor_id: row.actorId,
          actor_role: row.actorRole,
          action: row.action,
          resource_type: row.resourceType,
          resource_id: row.resourceId,
          patient_id: row.patientId,
          outcome: row.outcome,
          ip: row.ip,
          user_agent: row.userAgent,
          request_id: row.requestId,
          details: row.details === null ? null : JSON.stringify(row.details),
          prev_hash: prevHash,
          hash,
          key_id: key.id,
        };
        prevHash = hash;
        return value;
      });
      await trx.insertInto('audit_log').values(values).execute();
    });
  }

  async find(filter: AuditFilter): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
    if (filter.patientId) query = query.where('patient_id', '=', filter.patientId);
    const idOfEmail = (email: string) =>
      this.db.selectFrom('users').select('id').where(sql<string>`lower(email)`, '=', email.toLowerCase());
    if (filter.actorEmail) query = query.where('actor_id', 'in', idOfEmail(filter.actorEmail));
    if (filter.patientEmail) query = query.where('patient_id', 'in', idOfEmail(filter.patientEmail));
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.from) query = query.where('occurred_at', '>=', filter.from);
    if (filter.to) query = query.where('occurred_at', '<', filter.to);
    if (filter.beforeSeq) query = query.where('seq', '<', String(filter.beforeSeq));
    const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute();
    return rows.map((r) => toRow(r as RawRow));
  }

  /** The last row's sequence and hash (what a checkpoint records), or null on an empty trail. */
  async head(): Promise<{ sequence: number; hash: string } | null> {
    const last = await this.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return last ? { sequence: Number(last.seq), hash: last.hash } : null;
  }

  /** The accounts behind these ids (actors and patients on a page of the trail), keyed by id. */
  async people(ids: readonly string[]): Promise<Map<string, { displayName: string; email: string; role: string; status: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'role', 'status'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((r) => [r.id, { displayName: r.display_name, email: r.email, role: r.role, status: r.status }]));
  }

  /** Every action on record, for the search's picklist (a full scan: admins open it now and then). */
  async actions(): Promise<string[]> {
    const rows = await this.db.selectFrom('audit_log').select('action').distinct().execute();
    // Sorted here: the database's collation may order punctuation differently.
    return rows.map((r) => r.action).sort();
  }

  /** Rows in chain order, a page at a time (the verifier streams the whole table). */
  async pageFrom(afterSeq: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', String(afterSeq))
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map((r) => toRow(r as RawRow));
  }
}
