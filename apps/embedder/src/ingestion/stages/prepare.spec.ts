import { describe, expect, it } from '@jest/globals';
import { textHash } from './clean.js';
import type { ParsedRow } from './parse.js';
import { prepareBatch } from './prepare.js';

const LIMITS = { minTextChars: 20, maxTextChars: 1000 };
const parsed = (row: number, fields: ParsedRow['fields'], unreadable?: ParsedRow['unreadable']): ParsedRow => ({ row, line: row + 1, fields, ...(unreadable ? { unreadable } : {}) });
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
});
