import { describe, expect, it } from '@jest/globals';
import { textHash } from './clean.js';
import type { ParsedRow } from './parse.js';
import { prepareBatch } from './prepare.js';

const LIMITS = { minTextChars: 20, maxTextChars: 1000 };
const parsed = (row: number, fields: ParsedRow['fields'], unreadable?: ParsedRow['unreadable']): ParsedRow => ({
  row,
  line: row + 1,
  fields,
  ...(unreadable ? { unreadable } : {}),
});
const TEXT = 'A 60-year-old man with fever and a dry cough for three days.';

describe('prepare stage: clean → validate → hash of one batch', () => {
  it('keeps every row: valid cases with their text hash, refused rows with field and reason', () => {
    const batch = prepareBatch(
      [
        parsed(7, { caseId: 'a', title: 'T', text: TEXT, age: "[[60.0, 'year']]", sex: 'M' }),
        parsed(8, { caseId: 'b', title: 'T', text: TEXT.replace('60', '61'), age: "[[300.0, 'year']]", sex: 'F' }),
        parsed(9, { caseId: 'c' }, { field: '(row)', reason: 'has 5 fields, the header has 8' }),
        parsed(10, { caseId: 'd', title: 'T', text: `${TEXT}  Again.`, age: '45', sex: 'X' }),
      ],
      LIMITS,
      12.5,
    );
    expect(batch.rowsRead).toBe(4);
    expect(batch.lastRow).toBe(10);
    expect(batch.valid.map((c) => [c.caseId, c.age, c.sex, c.textHash])).toEqual([['a', 60, 'M', textHash(TEXT)]]);
    expect(batch.rejected.map((r) => [r.row_number, r.case_id, r.field])).toEqual([
      [9, 'c', '(row)'],
      [8, 'b', 'age'],
      [10, 'd', 'sex'],
    ]);
    expect(batch.rejected.every((r) => r.reason.length > 0)).toBe(true);
    expect(batch.missing).toEqual({ pmid: 3 });
    expect(batch.stageMs.parse).toBe(12.5);
  });

  it('names the source column, as the file spells it, with the case field it feeds', () => {
    const columns = { caseId: 'Case No', text: 'Case Report', age: 'Patient Age', sex: 'Sex' };
    const batch = prepareBatch(
      [
        { ...parsed(1, { caseId: 'a', text: TEXT, age: "[[45.0, 'year']", sex: 'M' }), columns },
        { ...parsed(2, { caseId: 'b', text: '', age: '45', sex: 'M' }), columns },
        { ...parsed(3, { caseId: 'c', text: TEXT, sex: 'F' }), columns: { caseId: 'Case No', text: 'Case Report', sex: 'Sex' } },
      ],
      LIMITS,
      0,
    );
    expect(batch.rejected.map((r) => [r.row_number, r.field, r.reason])).toEqual([
      [1, 'age', `column "Patient Age" (age): cannot read [[45.0, 'year']: expected [[value, 'unit'], ...]`],
      [2, 'text', 'column "Case Report" (text): missing'],
      // No column feeds age in this source: the bare reason.
      [3, 'age', 'missing'],
    ]);
  });
});
