import { describe, expect, it } from '@jest/globals';
import { TermMatrixBuilder } from '../../text/term-matrix.js';
import { AppendedBm25Index, deserializeDelta, rowsInVocabulary, serializeDelta } from './bm25-delta.js';
import { Bm25Index, matrixRows } from './bm25-index.js';
import { Bm25Model } from './bm25-model.js';

const WORDS = ['fever', 'cough', 'dyspnea', 'rash', 'troponin', 'chest', 'pain', 'ards', 'sepsis', 'seizure', 'anemia', 'biopsy'];

function texts(docs: number, seed: number, extra: string[] = []): string[] {
  let s = seed;
  const next = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const words = [...WORDS, ...extra];
  return Array.from({ length: docs }, () =>
    Array.from({ length: 3 + Math.floor(next() * 30) }, () => words[Math.floor(next() * words.length)]).join(' '),
  );
}

function matrixOf(docs: string[]) {
  const builder = new TermMatrixBuilder({ negation: true });
  for (const t of docs) builder.addDocument(t);
  return builder.build();
}

const params = { k1: 1.2, b: 0.75, negation: true };

describe('AppendedBm25Index', () => {
  const base = texts(200, 7);
  // The appended cases use words the base never saw: unknown to the vocabulary, but part of each length.
  const added = texts(60, 11, ['zoster', 'varicella']);
  const baseMatrix = matrixOf(base);
  const model = Bm25Model.fit(baseMatrix, params);
  const baseIndex = Bm25Index.build(model, matrixRows(baseMatrix));
  const mapped = rowsInVocabulary(model, matrixOf(added));
  const appended = new AppendedBm25Index(baseIndex, {
    params: { k1: 1.2, b: 0.75, avgDocLength: model.data.avgDocLength },
    keys: added.map((_, i) => `a${i}`),
    rows: mapped.rows,
  });

  it('scores base and appended cases exactly as a version fitted on all of them', () => {
    const allMatrix = matrixOf([...base, ...added]);
    const refit = Bm25Model.fit(allMatrix, params);
    const refitIndex = Bm25Index.build(refit, matrixRows(allMatrix));
    for (const query of ['fever cough', 'troponin chest pain', 'sepsis ards anemia biopsy rash']) {
      // Same words, each model's own term ids.
      const got = appended.search(model.encodeQuery(query), 1000);
      const want = refitIndex.search(refit.encodeQuery(query), 1000);
      expect(got.length).toBe(want.length);
      expect(got.length).toBeGreaterThan(200);
      const wantByDoc = new Map(want.map((h) => [h.doc, h.score]));
      for (const hit of got) expect(hit.score).toBeCloseTo(wantByDoc.get(hit.doc)!, 4);
    }
  });

  it('reports the share of appended tokens the vocabulary does not know', () => {
    const unknown = added
      .join(' ')
      .split(' ')
      .filter((w) => w === 'zoster' || w === 'varicella').length;
    expect(unknown).toBeGreaterThan(0);
    expect(mapped.unknownTokens).toBe(unknown);
    expect(mapped.tokens).toBe(added.join(' ').split(' ').length);
  });

  it('finds appended documents after the base ones and applies the filter to them', () => {
    const hits = appended.search(model.encodeQuery('fever'), 500, (d) => d >= 200);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.doc >= 200 && h.doc < 260)).toBe(true);
  });

  it('round-trips the delta through its file format', () => {
    const back = deserializeDelta(serializeDelta(appended.delta));
    expect(back.keys).toEqual(appended.delta.keys);
    expect(back.params).toEqual(appended.delta.params);
    expect(back.rows.map((r) => [Array.from(r.termIds), Array.from(r.counts), r.length])).toEqual(
      mapped.rows.map((r) => [Array.from(r.termIds), Array.from(r.counts), r.length]),
    );
    expect(() => deserializeDelta(Buffer.from('not a delta file at all'))).toThrow();
  });
});
