import type { ValidCase } from './validate.js';

export interface HashedCase extends ValidCase {
  textHash: string;
}

export interface Duplicate {
  row: number;
  line: number | null;
  caseId: string;
  field: 'caseId' | 'text';
  reason: string;
}

/** What the case store already holds for the batch's keys. */
export interface ExistingKeys {
  /** case id → the job that stored it (null for cases loaded outside a job). */
  caseIds: Map<string, string | null>;
  /** text hash → the case id stored with that text. */
  textHashes: Map<string, string>;
}

/**
 * The dedupe stage for one batch: a case is new only if neither its id nor its normalised text is
 * already in the store or earlier in the batch. The first occurrence wins, later ones are reported
 * with the case they repeat, so re-uploading a file adds nothing.
 */
export function dedupeBatch(cases: HashedCase[], existing: ExistingKeys, jobId: string): { fresh: HashedCase[]; duplicates: Duplicate[] } {
  const seenIds = new Map<string, number>();
  const seenHashes = new Map<string, HashedCase>();
  const fresh: HashedCase[] = [];
  const duplicates: Duplicate[] = [];
  for (const c of cases) {
    const where = { row: c.row, line: c.line, caseId: c.caseId };
    if (existing.caseIds.has(c.caseId)) {
      const owner = existing.caseIds.get(c.caseId);
      duplicates.push({
        ...where,
        field: 'caseId',
        reason:
          owner === jobId ? 'case id already read earlier in this job' : `case id already in the corpus${owner ? ` (job ${owner})` : ''}`,
      });
    } else if (seenIds.has(c.caseId)) {
      duplicates.push({ ...where, field: 'caseId', reason: `case id repeats row ${seenIds.get(c.caseId)}` });
    } else if (existing.textHashes.has(c.textHash)) {
      duplicates.push({
        ...where,
        field: 'text',
        reason: `same text as case ${existing.textHashes.get(c.textHash)} already in the corpus`,
      });
    } else if (seenHashes.has(c.textHash)) {
      const first = seenHashes.get(c.textHash)!;
      duplicates.push({ ...where, field: 'text', reason: `same text as case ${first.caseId} (row ${first.row})` });
    } else {
      seenIds.set(c.caseId, c.row);
      seenHashes.set(c.textHash, c);
      fresh.push(c);
    }
  }
  return { fresh, duplicates };
}
