import { describe, expect, it } from '@jest/globals';
import { cleanRow, normaliseSex, normaliseText, parseAge, textHash } from './clean.js';

describe('parseAge', () => {
  it.each([
    ["[[3.0, 'month'], [2.0, 'day']]", 0.256],
    ["[[60.0, 'year']]", 60],
    ["[[7.0, 'year'], [11.0, 'month']]", 7.917],
    ["[[2.0, 'week']]", 0.039],
    ['[[12.0, "hour"]]', 0.001],
    ["[[1.0, 'years'], [6.0, 'months']]", 1.5],
    ['45', 45],
    // Exports from other systems write the age in words: each amount with its unit, the units as in the literals.
    ['45 years', 45],
    ['45 yrs', 45],
    ['45y', 45],
    ['6 months', 0.5],
    ['1 year 6 months', 1.5],
    ['1 year, 6 months', 1.5],
    ['2 years and 3 months', 2.25],
    ['3 weeks', 0.058],
    ['10 days old', 0.028],
    ['62 Years', 62],
    ['8 mo', 0.667],
  ])('%s → %d years', (raw, years) => {
    expect(parseAge(raw)).toEqual({ years, problem: null });
  });

  it.each(['45 m', '45 apples', 'about 45', '45 years 6', 'years 45', '-3 years'])('does not guess at %s', (raw) => {
    expect(parseAge(raw).problem).not.toBeNull();
  });

  it('reads V2 JSON arrays and plain numbers', () => {
    expect(
      parseAge([
        [3, 'month'],
        [2, 'day'],
      ]).years,
    ).toBe(0.256);
    expect(parseAge(33).years).toBe(33);
  });

  it('treats empty as missing and explains what it cannot read', () => {
    expect(parseAge('')).toEqual({ years: null, problem: null });
    expect(parseAge('[]')).toEqual({ years: null, problem: null });
    expect(parseAge('forty')).toMatchObject({ problem: expect.stringContaining("expected [[value, 'unit']") });
    expect(parseAge("[[3.0, 'fortnight']]")).toMatchObject({ problem: expect.stringContaining('unknown age unit "fortnight"') });
    expect(parseAge("[[3.0, 'month'], garbage]")).toMatchObject({ problem: expect.stringContaining('cannot read') });
    expect(Number.isNaN(parseAge('forty').years)).toBe(true);
  });

  it.each([
    "[[45.0, 'year']",
    "[45.0, 'year']]",
    "[[45.0, 'year'] [2.0, 'month']]",
    "[[45.0, 'year']]]",
    "[[[45.0, 'year']]",
    "[[45.0, 'year'], [2.0, 'mon",
  ])('rejects the truncated or malformed literal %s instead of reading part of it', (raw) => {
    expect(parseAge(raw)).toEqual({ years: Number.NaN, problem: `cannot read ${raw}: expected [[value, 'unit'], ...]` });
  });

  it('still reads a single bare pair and a trailing comma', () => {
    expect(parseAge("[45.0, 'year']")).toEqual({ years: 45, problem: null });
    expect(parseAge("[[45.0, 'year'], ]")).toEqual({ years: 45, problem: null });
    expect(Number.isNaN(parseAge('forty').years)).toBe(true);
  });
});

describe('normalisation', () => {
  it('maps the spellings of sex and keeps what it does not know', () => {
    expect(normaliseSex('M')).toEqual({ sex: 'M', unknown: null });
    expect(normaliseSex(' female ')).toEqual({ sex: 'F', unknown: null });
    expect(normaliseSex('X')).toEqual({ sex: null, unknown: 'X' });
    expect(normaliseSex('')).toEqual({ sex: null, unknown: null });
  });

  it('collapses whitespace, strips control characters, and hashes case-insensitively', () => {
    expect(normaliseText('  a\u0000 b\n\n c\t')).toBe('a b c');
    expect(normaliseText('   ')).toBeNull();
    // The fast path (no rewrite when nothing would change) gives exactly what always rewriting gives.
    const alwaysRewrite = (t: string) =>
      t
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the reference strips control characters
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
        .replace(/\s+/g, ' ')
        .trim() || null;
    for (const t of [
      'a b c',
      'a  b',
      'a\u00a0b',
      'a\u2028b',
      'x\u0007y z',
      ' lead',
      'trail ',
      'tab\there',
      'one two three four',
      'a \n b',
      '\u0000',
      'ok',
    ]) {
      expect(normaliseText(t)).toBe(alwaysRewrite(t));
      expect(normaliseText(t)).toBe(alwaysRewrite(t)); // twice: the /g pattern's lastIndex must not leak between calls
    }
    // Every UTF-16 code unit, alone between two words and doubled: the quick check misses none that would change.
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const t of [`a${c}b`, `a ${c}${c} b`])
        if (normaliseText(t) !== alwaysRewrite(t)) expect({ code, t: normaliseText(t) }).toEqual({ code, t: alwaysRewrite(t) });
    }
    expect(textHash('A 60-year-old man')).toBe(textHash('a 60-year-old MAN'));
    expect(textHash('a 60-year-old man')).not.toBe(textHash('a 61-year-old man'));
  });

  it('cleans a row and lists its missing fields', () => {
    const row = cleanRow({
      row: 3,
      line: 4,
      fields: { caseId: ' 123-1 ', text: 'x  y', age: "[[3.0, 'month'], [2.0, 'day']]", sex: 'f', title: '', pmid: undefined },
    });
    expect(row).toMatchObject({ row: 3, line: 4, caseId: '123-1', text: 'x y', age: 0.256, sex: 'F', title: '', pmid: null });
    expect(row.missing.sort()).toEqual(['pmid', 'title']);
  });
});
