import { describe, expect, it } from '@jest/globals';
import { caseFieldsOf, KeptCaseFields } from './kept-case-fields.js';

describe('KeptCaseFields', () => {
  it('gives back each case’s fields as they were added, across blocks and in any script', () => {
    const kept = new KeptCaseFields();
    // 5,000 cases of up to 700 bytes fill more than one block; one case's title is larger than a block on its own.
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      case_id: `case-${i}`,
      pmid: i % 7 === 0 ? null : String(1_000_000 + i),
      title: i === 2500 ? 'é'.repeat(700_000) : i % 3 === 0 ? `Ménière’s disease in a ${i}-year-old — 病例 ${i}` : `Case ${i}`,
      text: `${'x'.repeat(i % 280)} μg/kg ${'word '.repeat(i % 90)}`,
      age: i % 5 === 0 ? null : i % 90,
      sex: i % 4 === 0 ? null : i % 2 === 0 ? ('F' as const) : ('M' as const),
    }));
    for (const row of rows) kept.add(row);
    expect(kept.length).toBe(rows.length);
    for (const [i, row] of rows.entries()) expect(kept.at(i)).toEqual(caseFieldsOf(row));
    // A text longer than a snippet is cut at a word, with an ellipsis.
    expect(kept.at(89).snippet).toMatch(/ word…$/);
  });
});
