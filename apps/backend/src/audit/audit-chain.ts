import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import canonicalize from 'canonicalize';

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers (everything but the hashes themselves). */
export interface AuditContent {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
  /** The HMAC key that chained this row; null on rows written before keys (plain SHA-256). */
  keyId: string | null;
}

/** The row's content in RFC 8785 canonical JSON, so the digest does not depend on jsonb's key order or driver types. */
function canonicalContent(row: AuditContent, withKeyId: boolean): string {
  // Named field by field: a row read back carries its hashes too, and they must not be hashed.
  return (
    canonicalize({
      seq: String(row.seq),
      occurredAt: row.occurredAt.toISOString(),
      actorId: row.actorId,
      actorRole: row.actorRole,
      action: row.action,
      resourceType: row.resourceType,
      resourceId: row.resourceId,
      patientId: row.patientId,
      outcome: row.outcome,
      ip: row.ip,
      userAgent: row.userAgent,
      requestId: row.requestId,
      details: row.details,
      ...(withKeyId ? { keyId: row.keyId } : {}),
    }) ?? ''
  );
}

/**
 * The scheme of rows written before migration 0010 (key_id null): SHA-256 over the previous hash
 * and the content. Anyone can recompute it, so only checkpoints protect those rows against a rehash.
 */
export function legacyChainHash(prevHash: string, row: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(row, false)).digest('hex');
}

/** HMAC-SHA-256(key, prev_hash || "\n" || canonical row incl. its key id): recomputing it needs the key. */
export function keyedChainHash(key: Buffer, prevHash: string, row: AuditContent): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonicalContent(row, true)).digest('hex');
}

/** A key labelled so that a row or checkpoint names which key signed it (rotation keeps old ids verifiable). */
export interface AuditKey {
  id: string;
  secret: Buffer;
}

/** Only for development and tests: production refuses to boot without AUDIT_HMAC_KEY (audit.config.ts). */
export const DEV_AUDIT_KEY: AuditKey = { id: 'dev-insecure', secret: Buffer.from('patientinsight-DEVELOPMENT-ONLY-audit-key-not-secret') };

/** The key id: a fingerprint of the key (no operator-chosen label to get wrong; 64 bits of a hash reveal nothing usable). */
export function auditKeyId(secret: string): string {
  return `k-${createHash('sha256').update('patientinsight-audit-key-id\n').update(secret).digest('hex').slice(0, 16)}`;
}

/** The current key (signs new rows and checkpoints) and every key that may still be found on rows. */
export class AuditKeyring {
  private readonly byId: Map<string, Buffer>;
  constructor(
    readonly current: AuditKey,
    previous: AuditKey[] = [],
  ) {
    this.byId = new Map([...previous, current].map((k) => [k.id, k.secret]));
  }

  static fromSecrets(current: string | undefined, previous: string[]): AuditKeyring {
    const make = (secret: string): AuditKey => ({ id: auditKeyId(secret), secret: Buffer.from(secret, 'utf8') });
    return new AuditKeyring(current ? make(current) : DEV_AUDIT_KEY, previous.map(make));
  }

  get(id: string): Buffer | undefined {
    return this.byId.get(id);
  }

  /** The hash a row must carry, or null when the key that chained it is unknown here. */
  hashOf(prevHash: string, row: AuditContent): string | null {
    if (row.keyId === null) return legacyChainHash(prevHash, row);
    const key = this.byId.get(row.keyId);
    return key ? keyedChainHash(key, prevHash, row) : null;
  }
}

/** The chain's head as written outside the database. */
export interface AuditCheckpoint {
  sequence: number;
  hash: string;
  /** ISO 8601 */
  time: string;
  keyId: string;
  /** HMAC-SHA-256 over the canonical {sequence, hash, time, keyId} with that key. */
  hmac: string;
}

function checkpointMac(key: Buffer, c: Omit<AuditCheckpoint, 'hmac'>): string {
  const body = canonicalize({ sequence: c.sequence, hash: c.hash, time: c.time, keyId: c.keyId }) ?? '';
  return createHmac('sha256', key).update('audit-checkpoint\n').update(body).digest('hex');
}

export function signCheckpoint(keyring: AuditKeyring, head: { sequence: number; hash: string; time: Date }): AuditCheckpoint {
  const body = { sequence: head.sequence, hash: head.hash, time: head.time.toISOString(), keyId: keyring.current.id };
  return { ...body, hmac: checkpointMac(keyring.current.secret, body) };
}

/** 'ok', or why the checkpoint cannot be trusted. */
export function checkCheckpoint(keyring: AuditKeyring, c: AuditCheckpoint): 'ok' | 'unknown-key' | 'bad-signature' {
  const key = keyring.get(c.keyId);
  if (!key) return 'unknown-key';
  const expected = Buffer.from(checkpointMac(key, c), 'hex');
  const given = Buffer.from(typeof c.hmac === 'string' ? c.hmac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad-signature';
}
