import { type AuditCheckpoint, type AuditKeyring, checkCheckpoint, GENESIS_HASH } from './audit-chain.js';
import { type AuditCheckpointStore, CheckpointStoreError } from './audit-checkpoints.js';
import type { AuditRepository } from './audit.repository.js';

/** One break in the trail: a sequence number and a fixed description (never a row's content). */
export interface AuditFinding {
  seq: number | null;
  code:
    | 'ROWS_MISSING'
    | 'LINK_BROKEN'
    | 'HASH_MISMATCH'
    | 'UNKNOWN_KEY'
    | 'UNKEYED_ROW_AFTER_KEYED'
    | 'CHECKPOINT_UNREADABLE'
    | 'CHECKPOINT_SIGNATURE'
    | 'CHECKPOINT_UNKNOWN_KEY'
    | 'CHECKPOINT_MISMATCH'
    | 'TAIL_MISSING';
  reason: string;
}

export interface AuditReport {
  ok: boolean;
  /** Rows walked. */
  checked: number;
  /** Rows from before the HMAC chain (key_id null), accepted only as the chain's prefix. */
  unkeyedRows: number;
  headSeq: number;
  /** The checkpoint the chain was compared with (null when none was written yet). */
  checkpoint: { sequence: number; time: string; store: 'file' | 's3' } | null;
  /** The first MAX_FINDINGS findings; findingsTotal counts them all. */
  findings: AuditFinding[];
  findingsTotal: number;
}

const MAX_FINDINGS = 100;

/**
 * Verifies the audit trail: every row's HMAC (with the key its key_id names) and link, a gap-free
 * sequence, and that the chain still reaches the last checkpoint written outside the database with
 * the same hash there. After a break it carries on from the stored hashes, so each bad row is named.
 */
export class AuditVerifier {
  constructor(
    private readonly repository: Pick<AuditRepository, 'pageFrom'>,
    private readonly keyring: AuditKeyring,
    private readonly checkpoints: AuditCheckpointStore | null,
  ) {}

  async verify(pageSize = 1000): Promise<AuditReport> {
    const findings: AuditFinding[] = [];
    let findingsTotal = 0;
    const add = (finding: AuditFinding) => {
      findingsTotal += 1;
      if (findings.length < MAX_FINDINGS) findings.push(finding);
    };

    let checkpoint: AuditCheckpoint | null = null;
    if (this.checkpoints) {
      try {
        checkpoint = await this.checkpoints.latest();
      } catch (error) {
        add({
          seq: null,
          code: 'CHECKPOINT_UNREADABLE',
          reason: error instanceof CheckpointStoreError ? error.message : 'the checkpoint store cannot be read',
        });
      }
    }
    if (checkpoint) {
      const signature = checkCheckpoint(this.keyring, checkpoint);
      if (signature === 'unknown-key')
        add({
          seq: checkpoint.sequence,
          code: 'CHECKPOINT_UNKNOWN_KEY',
          reason: 'the last checkpoint is signed with a key this process does not have (add it to AUDIT_HMAC_KEYS_PREVIOUS)',
        });
      if (signature === 'bad-signature')
        add({
          seq: checkpoint.sequence,
          code: 'CHECKPOINT_SIGNATURE',
          reason: 'the last checkpoint does not carry a valid signature: it was forged or edited',
        });
    }

    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let unkeyedRows = 0;
    let sawKeyed = false;
    let reachedCheckpoint = false;
    for (;;) {
      const page = await this.repository.pageFrom(expectedSeq - 1, pageSize);
      if (page.length === 0) break;
      for (const row of page) {
        if (row.seq !== expectedSeq)
          add({ seq: row.seq, code: 'ROWS_MISSING', reason: `rows ${expectedSeq} to ${row.seq - 1} are missing` });
        if (row.prevHash !== prevHash)
          add({
            seq: row.seq,
            code: 'LINK_BROKEN',
            reason: 'its prev_hash does not match the previous row: a row before it was changed or removed',
          });
        if (row.keyId === null) {
          unkeyedRows += 1;
          if (sawKeyed)
            add({
              seq: row.seq,
              code: 'UNKEYED_ROW_AFTER_KEYED',
              reason: 'an unkeyed (pre-HMAC) row follows keyed rows: it was written by hand',
            });
        } else {
          sawKeyed = true;
        }
        const expected = this.keyring.hashOf(row.prevHash, row);
        if (expected === null)
          add({
            seq: row.seq,
            code: 'UNKNOWN_KEY',
            reason: 'its key id is not one this process has (add the key to AUDIT_HMAC_KEYS_PREVIOUS, or the row is forged)',
          });
        else if (expected !== row.hash)
          add({
            seq: row.seq,
            code: 'HASH_MISMATCH',
            reason: 'its content does not match its hash: the row was edited or re-hashed without the key',
          });
        if (checkpoint && row.seq === checkpoint.sequence) {
          reachedCheckpoint = true;
          if (row.hash !== checkpoint.hash)
            add({
              seq: row.seq,
              code: 'CHECKPOINT_MISMATCH',
              reason: `its hash differs from the checkpoint of ${checkpoint.time}: the chain was rewritten up to here`,
            });
        }
        prevHash = row.hash;
        expectedSeq = row.seq + 1;
        checked += 1;
      }
    }
    const headSeq = expectedSeq - 1;
    if (checkpoint && !reachedCheckpoint) {
      add(
        headSeq < checkpoint.sequence
          ? {
              seq: checkpoint.sequence,
              code: 'TAIL_MISSING',
              reason: `the chain ends at ${headSeq} but the checkpoint of ${checkpoint.time} recorded row ${checkpoint.sequence}: the last rows were deleted`,
            }
          : { seq: checkpoint.sequence, code: 'TAIL_MISSING', reason: 'the row the last checkpoint recorded is missing' },
      );
    }
    return {
      ok: findingsTotal === 0,
      checked,
      unkeyedRows,
      headSeq,
      checkpoint:
        checkpoint && this.checkpoints ? { sequence: checkpoint.sequence, time: checkpoint.time, store: this.checkpoints.kind } : null,
      findings,
      findingsTotal,
    };
  }
}
