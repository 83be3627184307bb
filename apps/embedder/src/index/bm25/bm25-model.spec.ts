import { describe, expect, it } from '@jest/globals';
import { sparseDot } from '../vector-store.port.js';
import { Bm25Index, matrixRows } from './bm25-index.js';
import { Bm25Model } from './bm25-model.js';
import { CLINICAL_CORPUS as CORPUS, matrixOf } from '../../../test/support/clinical-corpus.js';

describe('BM25 sparse encoder', () => {
  it('makes the dot product of document and query vectors equal to the BM25 score', () => {
    const matrix = matrixOf(CORPUS);
    const model = Bm25Model.fit(matrix, { k1: 1.2, b: 0.75, negation: true });
    const index = Bm25Index.build(model, matrixRows(matrix));
    const query = 'woman with chest pain and troponin';
    const ranked = index.search(model.encodeQuery(query), 10);
    expect(
      ranked
        .map((r) => r.doc)
        .slice(0, 2)
        .sort(),
    ).toEqual([2, 3]);
    const q = model.encodeQuery(query);
    for (const r of ranked) expect(sparseDot(model.encodeMatrixRow(matrix, r.doc), q)).toBeCloseTo(r.score, 4);
  });

  it('keeps only the vocabulary of the corpus it was fitted on, and survives its persisted form', () => {
    const model = Bm25Model.fit(matrixOf(CORPUS), { k1: 0.9, b: 0.4, negation: true });
    expect(model.encodeQuery('zebra xylophone').indices).toEqual([]);
    const restored = Bm25Model.parse(JSON.parse(JSON.stringify(model.data)));
    expect(restored.encodeQuery('fever and chest pain')).toEqual(model.encodeQuery('fever and chest pain'));
    expect(() => Bm25Model.parse({ ...model.data, format: 'other/v9' })).toThrow();
  });

  it('does not let "no fever" match a case with fever', () => {
    const matrix = matrixOf(CORPUS);
    const model = Bm25Model.fit(matrix, { k1: 1.2, b: 0.75, negation: true });
    const hits = Bm25Index.build(model, matrixRows(matrix))
      .search(model.encodeQuery('no fever'), 10)
      .map((h) => h.doc);
    expect(hits).toContain(3);
    expect(hits).not.toContain(0);
    expect(hits).not.toContain(5);
  });
});
