import type { CleanRow } from './clean.js';

export interface ValidationLimits {
  minTextChars: number;
  maxTextChars: number;
  maxIdChars?: number;
}

/** A case ready to be stored. */
export interface ValidCase {
  row: number;
  line: number | null;
  caseId: string;
  pmid: string | null;
  title: string;
  text: string;
  age: number;
  sex: 'F' | 'M';
}

export type Validation = { ok: true; value: ValidCase } | { ok: false; field: string; reason: string };

export const AGE_MIN = 0;
export const AGE_MAX = 120;
const MAX_TITLE_CHARS = 2000;

/** The validate stage: the first problem of the row, named by field, or the case. */
export function validateRow(row: CleanRow, limits: ValidationLimits): Validation {
  const maxId = limits.maxIdChars ?? 200;
  if (row.caseId === null) return { ok: false, field: 'caseId', reason: 'missing' };
  if (row.caseId.length > maxId) return { ok: false, field: 'caseId', reason: `longer than ${maxId} characters` };
  if (row.text === null) return { ok: false, field: 'text', reason: 'missing' };
  if (row.text.length < limits.minTextChars)
    return { ok: false, field: 'text', reason: `too short to be a case (${row.text.length} characters, at least ${limits.minTextChars})` };
  if (row.text.length > limits.maxTextChars)
    return { ok: false, field: 'text', reason: `too long (${row.text.length} characters, at most ${limits.maxTextChars})` };
  if (row.ageProblem !== null) return { ok: false, field: 'age', reason: row.ageProblem };
  if (row.age === null) return { ok: false, field: 'age', reason: 'missing' };
  if (!(row.age >= AGE_MIN && row.age <= AGE_MAX))
    return { ok: false, field: 'age', reason: `${row.age} years is outside ${AGE_MIN}-${AGE_MAX}` };
  if (row.sexUnknown !== null) return { ok: false, field: 'sex', reason: `"${row.sexUnknown}" is not a known value (F, M, female, male)` };
  if (row.sex === null) return { ok: false, field: 'sex', reason: 'missing' };
  if (row.title.length > MAX_TITLE_CHARS) return { ok: false, field: 'title', reason: `longer than ${MAX_TITLE_CHARS} characters` };
  return {
    ok: true,
    value: {
      row: row.row,
      line: row.line,
      caseId: row.caseId,
      pmid: row.pmid,
      title: row.title,
      text: row.text,
      age: row.age,
      sex: row.sex,
    },
  };
}
