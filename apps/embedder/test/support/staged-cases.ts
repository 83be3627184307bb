import type { HashedCase } from '../../src/ingestion/stages/dedupe.js';

/** A case as the reader thread hands it to the repository: row n of a source, its id `${prefix}-${n}`. */
export const hashedCase = (row: number, prefix: string, values: Partial<HashedCase> = {}): HashedCase => ({
  row,
  line: row + 1,
  caseId: `${prefix}-${row}`,
  pmid: null,
  title: '',
  text: `case text ${row}`,
  age: 30,
  sex: 'F',
  textHash: `h${row}`,
  ...values,
});

/** One prepared batch holding `cases`, nothing rejected or duplicated within it. */
export const batchOf = (cases: HashedCase[]) => ({
  rowsRead: cases.length,
  cases,
  rejected: [],
  duplicates: [],
  missing: {},
  stageMs: {},
  processingMs: 1,
});
