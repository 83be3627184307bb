import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { fittedBm25 as fitted } from '../../../test/support/clinical-corpus.js';
import { sparseDot } from '../vector-store.port.js';
import { BM25_INDEX_FORMAT, Bm25Index, matrixRows, writeBm25Index } from './bm25-index.js';

const WORDS = [
  'fever',
  'cough',
  'dyspnea',
  'rash',
  'troponin',
  'chest',
  'pain',
  'ards',
  'sepsis',
  'seizure',
  'anemia',
  'biopsy',
  'lesion',
  'renal',
  'hepatic',
];

/** A deterministic corpus of short cases drawn from a small vocabulary (with repeats, so tf > 1 occurs). */
function corpus(docs: number, seed: number): string[] {
  let s = seed;
  const next = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  return Array.from({ length: docs }, () =>
    Array.from({ length: 3 + Math.floor(next() * 25) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' '),
  );
}

/** BM25 by brute force: the dot product of every document's sparse vector with the query's. */
function bruteForce(texts: string[], query: string, k: number, accept: (d: number) => boolean = () => true) {
  const { matrix, model } = fitted(texts);
  const q = model.encodeQuery(query);
  return Array.from({ length: matrix.docCount }, (_, d) => ({ doc: d, score: sparseDot(model.encodeMatrixRow(matrix, d), q) }))
    .filter((h) => h.score > 0 && accept(h.doc))
    .sort((a, b) => b.score - a.score || a.doc - b.doc)
    .slice(0, k);
}

const sameRanking = (actual: { doc: number; score: number }[], expected: { doc: number; score: number }[]) => {
  expect(actual.map((h) => h.score)).toEqual(expected.map((h) => expect.closeTo(h.score, 4)));
  // Documents of equal score may come in either order; each position's score matches, and so does the set.
  expect(new Set(actual.map((h) => h.doc))).toEqual(new Set(expected.map((h) => h.doc)));
};

describe('Bm25Index', () => {
  const texts = corpus(400, 7);
  const { model, index } = fitted(texts);
  const dir = mkdtempSync(join(tmpdir(), 'bm25-index-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ranks as the dot product of BM25 sparse vectors, for queries of one term to many', () => {
    for (const query of ['fever', 'chest pain troponin', 'sepsis sepsis renal hepatic lesion biopsy', 'no fever but cough']) {
      sameRanking(index.search(model.encodeQuery(query), 25), bruteForce(texts, query, 25));
    }
  });

  it('drops documents the filter refuses before they take a place in the top k', () => {
    const even = (d: number) => d % 2 === 0;
    const hits = index.search(model.encodeQuery('fever cough rash'), 30, even);
    expect(hits).toHaveLength(30);
    expect(hits.every((h) => even(h.doc))).toBe(true);
    sameRanking(hits, bruteForce(texts, 'fever cough rash', 30, even));
  });

  it('returns nothing for a query without a known term, and never a document that does not match', () => {
    expect(index.search(model.encodeQuery('zebra'), 10)).toEqual([]);
    const hits = index.search(model.encodeQuery('seizure'), 1000);
    expect(hits.length).toBe(texts.filter((t) => t.split(' ').includes('seizure')).length);
  });

  it('is written to a file a range of terms at a time and read back whole, keys included, from an unaligned buffer too', async () => {
    const keys = texts.map((_, i) => `case-${i}`);
    const { matrix } = fitted(texts);
    const chunked = join(dir, 'chunked.bm25');
    const whole = join(dir, 'whole.bm25');
    // 50 postings a pass: many passes over the rows, each term range written at its own offset.
    await writeBm25Index(chunked, model, matrixRows(matrix), keys, 50);
    await writeBm25Index(whole, model, matrixRows(matrix), keys);
    const file = readFileSync(chunked);
    expect(file.equals(readFileSync(whole))).toBe(true);
    const unaligned = Buffer.alloc(file.length + 1).subarray(1);
    file.copy(unaligned);
    for (const buffer of [file, unaligned]) {
      const restored = Bm25Index.deserialize(buffer);
      expect(restored.keys).toEqual(keys);
      for (const query of ['chest pain', 'fever cough rash sepsis'])
        expect(restored.index.search(model.encodeQuery(query), 20)).toEqual(index.search(model.encodeQuery(query), 20));
    }
    expect(() => Bm25Index.deserialize(file.subarray(0, file.length - 3))).toThrow(/header describes/);
    const other = Buffer.from(file);
    other.write(
      JSON.stringify(BM25_INDEX_FORMAT).replace('v1', 'v9'),
      8 + other.toString('utf8', 8).indexOf(JSON.stringify(BM25_INDEX_FORMAT)),
    );
    expect(() => Bm25Index.deserialize(other)).toThrow(/not a patientinsight.bm25-postings\/v1 file/);
    await expect(writeBm25Index(join(dir, 'bad.bm25'), model, matrixRows(matrix), keys.slice(1))).rejects.toThrow(/keys for/);
  });

  it('refuses rows its model did not count, so postings never point at the wrong case', () => {
    const { matrix, model: small } = fitted(['fever cough', 'rash']);
    const rows = matrixRows(matrix);
    expect(() => Bm25Index.build(small, rows.slice(0, 1))).toThrow(/1 documents given, the BM25 model was fitted on 2/);
    const fever = small.termId('fever')!;
    const rash = small.termId('rash')!;
    expect(() => Bm25Index.build(small, [rows[0]!, { termIds: [fever], counts: [1], length: 1 }])).toThrow(
      new RegExp(`term ${fever} occurs in more documents`),
    );
    expect(() => Bm25Index.build(small, [rows[0]!, { termIds: [], counts: [], length: 0 }])).toThrow(
      new RegExp(`term ${rash} occurs in fewer documents`),
    );
  });

  it('keeps a term frequency above 255 as 255 (BM25 has saturated long before)', () => {
    const long = fitted([Array(300).fill('fever').join(' '), 'fever cough']);
    const [top] = long.index.search(long.model.encodeQuery('fever'), 1);
    expect(top!.doc).toBe(0);
    expect(top!.score).toBeCloseTo(long.model.weight(long.model.termId('fever')!, 255, 300), 5);
  });
});
