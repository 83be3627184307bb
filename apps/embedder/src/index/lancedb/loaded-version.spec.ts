import { describe, expect, it } from '@jest/globals';
import { dot, type IndexedCase } from '../vector-store.port.js';
import { CaseColumns } from './loaded-version.js';

const DIMENSION = 8;
const caseWith = (i: number, dense: Float32Array | null): IndexedCase => ({
  caseId: `case-${i}`,
  pmid: String(1000 + i),
  title: `title ${i}`,
  age: i % 3 === 0 ? null : 20 + i,
  sex: i % 2 === 0 ? 'F' : 'M',
  snippet: `snippet ${i}`,
  dense,
});

describe('CaseColumns.candidates', () => {
  // Values spread over the half-precision range, subnormals and negative zero included.
  const vectors = Array.from({ length: 5 }, (_, i) =>
    Float32Array.from({ length: DIMENSION }, (_, k) => (k === 0 ? -0 : k === 1 ? 3e-6 * (i + 1) : Math.sin(i * 7 + k) * 10 ** (k % 4))),
  );
  const columns = new CaseColumns([], DIMENSION).extend(
    vectors.map((v, i) => caseWith(i, v)),
    vectors.map((_, i) => i),
  );

  it('gives each document its fields and its vector as stored (half precision, decoded exactly), in the order asked', () => {
    const query = Float32Array.from({ length: DIMENSION }, (_, k) => k - 3);
    const docs = [3, 0, 4, 1];
    const candidates = columns.candidates(docs, query);
    expect(candidates.map((c) => c.caseId)).toEqual(['case-3', 'case-0', 'case-4', 'case-1']);
    candidates.forEach((c, i) => {
      const stored = Float32Array.from(Float16Array.from(vectors[docs[i]!]!));
      expect([...c.vector!]).toEqual([...stored]);
      expect(c.dense).toBe(dot(stored, query));
      expect(c.age).toBe(docs[i]! % 3 === 0 ? null : 20 + docs[i]!);
      expect(c.sex).toBe(docs[i]! % 2 === 0 ? 'F' : 'M');
    });
    expect(Object.is(candidates[0]!.vector![0], -0)).toBe(true);
  });

  it('gives candidates whose vectors do not share values (each is its own slice)', () => {
    const [a, b] = columns.candidates([2, 2], undefined);
    a!.vector![5] = 123;
    expect(b!.vector![5]).not.toBe(123);
    expect(a!.dense).toBeUndefined();
  });

  it('has no vectors when the version has no dense side', () => {
    const lexicalOnly = new CaseColumns([], null).extend([caseWith(0, null)], [0]);
    const [c] = lexicalOnly.candidates([0], Float32Array.from([1]));
    expect(c!.vector).toBeUndefined();
    expect(c!.dense).toBeUndefined();
  });
});
