import { describe, expect, it } from '@jest/globals';
import type { CleanRow } from './clean.js';
import { dedupeBatch, type HashedCase } from './dedupe.js';
import { validateRow } from './validate.js';

const limits = { minTextChars: 40, maxTextChars: 100_000 };
const good: CleanRow = {
  row: 1,
  line: 2,
  caseId: 'c1',
  pmid: '1',
  title: 't',
  text: 'A 60-year-old man presented with fever and a dry cough.',
  age: 60,
  ageProblem: null,
  sex: 'M',
  sexUnknown: null,
  missing: [],
};

describe('validateRow', () => {
  it('accepts a complete case', () => {
    expect(validateRow(good, limits)).toMatchObject({ ok: true, value: { caseId: 'c1', age: 60, sex: 'M' } });
  });

  it.each([
    [{ caseId: null }, 'caseId', 'missing'],
    [{ text: null }, 'text', 'missing'],
    [{ text: 'too short' }, 'text', 'too short to be a case (9 characters, at least 40)'],
    [{ text: 'x'.repeat(10 * 1024 * 1024) }, 'text', 'too long (10485760 characters, at most 100000)'],
    [{ age: 300 }, 'age', '300 years is outside 0-120'],
    [{ age: -1 }, 'age', '-1 years is outside 0-120'],
    [{ age: null }, 'age', 'missing'],
    [{ age: Number.NaN, ageProblem: 'cannot read forty' }, 'age', 'cannot read forty'],
    [{ sex: null, sexUnknown: 'X' }, 'sex', '"X" is not a known value (F, M, female, male)'],
    [{ sex: null }, 'sex', 'missing'],
  ] as [Partial<CleanRow>, string, string][])('rejects %o on %s', (change, field, reason) => {
    expect(validateRow({ ...good, ...change }, limits)).toEqual({ ok: false, field, reason });
  });
});

describe('dedupeBatch', () => {
  const c = (row: number, caseId: string, textHash: string): HashedCase => ({
    row,
    line: row + 1,
    caseId,
    pmid: null,
    title: '',
    text: 't',
    age: 1,
    sex: 'F',
    textHash,
  });
  const none = { caseIds: new Map(), textHashes: new Map() };

  it('keeps the first of repeated ids and texts within a batch', () => {
    const { fresh, duplicates } = dedupeBatch([c(1, 'a', 'h1'), c(2, 'a', 'h2'), c(3, 'b', 'h1'), c(4, 'd', 'h4')], none, 'job');
    expect(fresh.map((f) => f.caseId)).toEqual(['a', 'd']);
    expect(duplicates).toEqual([
      { row: 2, line: 3, caseId: 'a', field: 'caseId', reason: 'case id repeats row 1' },
      { row: 3, line: 4, caseId: 'b', field: 'text', reason: 'same text as case a (row 1)' },
    ]);
  });

  it('refuses what the store already holds, by id or by text', () => {
    const existing = { caseIds: new Map<string, string | null>([['a', 'old-job']]), textHashes: new Map([['h9', 'z']]) };
    const { fresh, duplicates } = dedupeBatch([c(1, 'a', 'h1'), c(2, 'b', 'h9'), c(3, 'c', 'h3')], existing, 'job');
    expect(fresh.map((f) => f.caseId)).toEqual(['c']);
    expect(duplicates.map((d) => [d.caseId, d.field, d.reason])).toEqual([
      ['a', 'caseId', 'case id already in the corpus (job old-job)'],
      ['b', 'text', 'same text as case z already in the corpus'],
    ]);
  });
});
