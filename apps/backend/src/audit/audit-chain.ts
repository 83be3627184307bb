import { createHash } from 'node:crypto';
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
}

/**
 * SHA-256 over the previous row's hash and this row's content in RFC 8785 canonical JSON, so the
 * digest does not depend on jsonb's key order or on the driver's number and date types.
 */
export function chainHash(prevHash: string, row: AuditContent): string {
  // Named field by field: a row read back carries its hashes too, and they must not be hashed.
  const content = canonicalize({
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
  });
  return createHash('sha256').update(prevHash).update('\n').update(content ?? '').digest('hex');
}
