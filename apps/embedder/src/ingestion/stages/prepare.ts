import type { IngestionRowTable } from '../../database/embedder-db.js';
import type { CaseField } from '@patientinsight/shared';
import { type CleanRow, cleanRow, textHash } from './clean.js';
import type { HashedCase } from './dedupe.js';
import type { ParsedRow } from './parse.js';
import { type ValidationLimits, validateRow } from './validate.js';

/** A batch of source rows after clean → validate: the cases to store and every refused row with its field and reason. */
export interface PreparedBatch {
  /** Source rows in the batch (read = valid + rejected; duplicates are found later, against the database). */
  rowsRead: number;
  /** Number of the batch's last source row: the checkpoint once the batch is committed. */
  lastRow: number;
  valid: HashedCase[];
  rejected: Omit<IngestionRowTable, 'job_id' | 'outcome'>[];
  /** Case fields that were empty or absent, counted for the missing-value rates. */
  missing: Record<string, number>;
  stageMs: { parse: number; clean: number; validate: number };
}

/** Clean and validate a batch of parsed rows; `parseMs` is the time the parser spent on them. */
export function prepareBatch(parsed: ParsedRow[], limits: ValidationLimits, parseMs: number): PreparedBatch {
  let t = performance.now();
  const missing: Record<string, number> = {};
  const rejected: PreparedBatch['rejected'] = [];
  const cleaned: { row: CleanRow; columns: ParsedRow['columns'] }[] = [];
  for (const p of parsed) {
    if (p.unreadable) {
      rejected.push({
        row_number: p.row,
        line: p.line,
        case_id: typeof p.fields.caseId === 'string' ? p.fields.caseId : null,
        field: p.unreadable.field,
        reason: p.unreadable.reason,
      });
      continue;
    }
    const c = cleanRow(p);
    for (const f of c.missing) missing[f] = (missing[f] ?? 0) + 1;
    cleaned.push({ row: c, columns: p.columns });
  }
  const clean = performance.now() - t;
  t = performance.now();
  const valid: HashedCase[] = [];
  for (const { row: c, columns } of cleaned) {
    const result = validateRow(c, limits);
    if (result.ok) valid.push({ ...result.value, textHash: textHash(result.value.text) });
    else
      rejected.push({
        row_number: c.row,
        line: c.line,
        case_id: c.caseId,
        field: result.field,
        reason: withSourceColumn(result.field, result.reason, columns),
      });
  }
  const validate = performance.now() - t;
  return {
    rowsRead: parsed.length,
    lastRow: parsed.at(-1)?.row ?? 0,
    valid,
    rejected,
    missing,
    stageMs: { parse: parseMs, clean, validate },
  };
}

/**
 * The reason as the person who made the file can act on it: the column as their file names it, then the case
 * field it feeds (`column "Patient Age" (age): ...`). A field no column feeds keeps the bare reason.
 */
function withSourceColumn(field: string, reason: string, columns: ParsedRow['columns']): string {
  const column = columns?.[field as CaseField];
  return column === undefined ? reason : `column "${column}" (${field}): ${reason}`;
}
