import { describe, expect, it } from '@jest/globals';
import { GrowableInts, TermMatrixBuilder } from './term-matrix.js';
import { tokenize } from './tokenizer.js';

function matrixOf(texts: string[], negation = true) {
  const b = new TermMatrixBuilder({ negation });
  for (const t of texts) b.addDocument(t);
  return b.build();
}

describe('tokenizer', () => {
  it('lowercases, drops stop words and marks negated findings until the clause ends', () => {
    expect(tokenize('The patient had NO fever, cough or rash. Dyspnea was present')).toEqual(['patient', 'not_fever', 'not_cough', 'not_rash', 'dyspnea', 'present']);
    expect(tokenize('denied chest pain but reported nausea')).toEqual(['not_chest', 'not_pain', 'reported', 'nausea']);
    expect(tokenize('no fever', { negation: false })).toEqual(['no', 'fever']);
  });
});

describe('term matrix', () => {
  it('counts each term once per document for df and keeps its count within the document', () => {
    const matrix = matrixOf(['fever fever cough', 'cough', 'rash fever fever fever']);
    const row = (d: number) => {
      const out: Record<string, number> = {};
      for (let p = matrix.rowPtr[d]!; p < matrix.rowPtr[d + 1]!; p++) out[matrix.terms[matrix.termIds[p]!]!] = matrix.counts[p]!;
      return out;
    };
    expect([row(0), row(1), row(2)]).toEqual([{ fever: 2, cough: 1 }, { cough: 1 }, { rash: 1, fever: 3 }]);
    expect(Object.fromEntries(matrix.terms.map((t, i) => [t, matrix.df[i]]))).toEqual({ fever: 2, cough: 2, rash: 1 });
    expect(Array.from(matrix.docLength)).toEqual([3, 1, 4]);
  });

  it('grows past its first allocation without losing or reordering values', () => {
    const ints = new GrowableInts(Int32Array);
    const n = 5_000_000; // 20 MB: more than one growth step
    for (let i = 0; i < n; i++) ints.push(i * 3);
    ints.increment(5);
    const values = ints.toArray();
    expect(values.length).toBe(n);
    expect([values[4], values[5], values[n - 1]]).toEqual([12, 16, (n - 1) * 3]);
    const counts = new GrowableInts(Uint16Array);
    counts.push(65_535);
    expect(Array.from(counts.toArray())).toEqual([65_535]);
  });
});
