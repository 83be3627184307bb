import { describe, expect, it } from '@jest/globals';
import { fitLsaOnThread } from './lsa/lsa-fit-thread.js';
import { embedMatrixRows, LsaModel } from './lsa/lsa-model.js';
import { type CsrMatrix, csrTimesDense, orthonormalize, randomizedSvd, seededRandom, symmetricEigen } from './lsa/randomized-svd.js';
import { RowEmbeddingThread } from './lsa/row-embedding-thread.js';
import { CLINICAL_CORPUS as CORPUS, matrixOf } from '../../test/support/clinical-corpus.js';

/** A random sparse matrix (deterministic for one `random`) with about `density` of its entries set. */
function randomSparse(random: () => number, rows: number, cols: number, density: number): CsrMatrix {
  const rowPtr = new Int32Array(rows + 1);
  const colIds: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) if (random() < density) colIds.push(c), values.push(random());
    rowPtr[r + 1] = colIds.length;
  }
  return { rows, cols, rowPtr, colIds: Int32Array.from(colIds), values: Float32Array.from(values) };
}

describe('randomized SVD and the eigen solver', () => {
  it('solves a symmetric eigenproblem to working precision', () => {
    const n = 12;
    const b = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i * 1.3) + Math.cos(i * 0.7));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j]! += b[i * n + k]! * b[j * n + k]!;
    const { values, vectors } = symmetricEigen(a, n);
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * vectors.get(k, c);
        expect(s).toBeCloseTo(values[c]! * vectors.get(i, c), 8);
      }
    }
  });

  it('returns no singular vectors, without failing, for a matrix with no entries', async () => {
    const empty: CsrMatrix = { rows: 3, cols: 4, rowPtr: new Int32Array(4), colIds: new Int32Array(0), values: new Float32Array(0) };
    expect(await randomizedSvd(empty, 2, { seed: 1 })).toEqual({ v: new Float64Array(0), singularValues: new Float64Array(0), k: 0 });
  });

  it('splits the products with its helper thread without changing the result', async () => {
    const a = randomSparse(seededRandom(7), 600, 400, 0.05);
    const alone = await randomizedSvd(a, 20, { seed: 3, helperThread: false });
    const helped = await randomizedSvd(a, 20, { seed: 3, helperThread: true });
    expect(helped.k).toBe(20);
    for (let j = 0; j < 20; j++) expect(helped.singularValues[j]).toBeCloseTo(alone.singularValues[j]!, 10);
    for (let i = 0; i < alone.v.length; i++) expect(Math.abs(helped.v[i]! - alone.v[i]!)).toBeLessThan(1e-9);
  });

  it('computes a product and a basis into reused work arrays exactly as into fresh ones', async () => {
    const random = seededRandom(11);
    const rows = 300;
    const cols = 200;
    const l = 12;
    const a = randomSparse(random, rows, cols, 0.05);
    const x = Float64Array.from({ length: cols * l }, () => random() - 0.5);
    const fresh = await csrTimesDense(a, x, l);
    // A work array still holding an earlier product's values, and larger than this product.
    const reused = await csrTimesDense(a, x, l, null, new Float64Array(rows * l + 7).fill(9));
    expect(Array.from(reused)).toEqual(Array.from(fresh));

    const basis = await orthonormalize(Float64Array.from(fresh), rows, l, 2);
    const y = Float64Array.from(fresh);
    const inPlace = await orthonormalize(y, rows, l, 2, null, true);
    expect(inPlace.width).toBe(l);
    expect(inPlace.q.buffer).toBe(y.buffer);
    expect(Array.from(inPlace.q)).toEqual(Array.from(basis.q));
    // A dependent column is dropped: that pass writes a new, narrower array, as without `inPlace`.
    const deficient = Float64Array.from(fresh);
    for (let r = 0; r < rows; r++) deficient[r * l + l - 1] = 2 * deficient[r * l]!;
    const narrower = await orthonormalize(Float64Array.from(deficient), rows, l, 2);
    const narrowerInPlace = await orthonormalize(deficient, rows, l, 2, null, true);
    expect(narrowerInPlace.width).toBe(l - 1);
    expect(Array.from(narrowerInPlace.q)).toEqual(Array.from(narrower.q));
  });

  it('recovers the singular values of a sparse low-rank matrix', async () => {
    // A = 3·u1 v1ᵀ + 1·u2 v2ᵀ on disjoint supports: singular values exactly 3 and 1.
    const rows = 40;
    const cols = 30;
    const dense = new Float64Array(rows * cols);
    for (let r = 0; r < 20; r++) for (let c = 0; c < 15; c++) dense[r * cols + c] = 3 / Math.sqrt(20 * 15);
    for (let r = 20; r < 40; r++) for (let c = 15; c < 30; c++) dense[r * cols + c] = 1 / Math.sqrt(20 * 15);
    const rowPtr = new Int32Array(rows + 1);
    const colIds: number[] = [];
    const values: number[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) if (dense[r * cols + c] !== 0) colIds.push(c), values.push(dense[r * cols + c]!);
      rowPtr[r + 1] = colIds.length;
    }
    const a: CsrMatrix = { rows, cols, rowPtr, colIds: Int32Array.from(colIds), values: Float32Array.from(values) };
    const svd = await randomizedSvd(a, 2, { seed: 1 });
    expect(svd.k).toBe(2);
    expect(svd.singularValues[0]).toBeCloseTo(3, 4);
    expect(svd.singularValues[1]).toBeCloseTo(1, 4);
  });
});

describe('LSA dense encoder', () => {
  it('fits on its own thread the model this thread fits', async () => {
    const matrix = matrixOf(CORPUS);
    const here = await LsaModel.fit(matrix, { dimension: 3, minDf: 1 });
    const onThread = await fitLsaOnThread(matrix, { dimension: 3, minDf: 1 });
    expect(onThread.serialize().equals(here.serialize())).toBe(true);
    expect(Array.from(onThread.projection)).toEqual(Array.from(here.projection));
  });

  it('fits, persists and loads a model with no dimension when the cases hold no term to keep', async () => {
    const empty = await fitLsaOnThread(matrixOf(['', 'the', '']), { minDf: 1 });
    expect(empty.dimension).toBe(0);
    expect(LsaModel.deserialize(empty.serialize()).dimension).toBe(0);
  });

  it('fits deterministically, embeds unit vectors, brings related cases together and round-trips its persisted form', async () => {
    const matrix = matrixOf(CORPUS);
    const model = await LsaModel.fit(matrix, { dimension: 3, minDf: 1 });
    const again = await LsaModel.fit(matrix, { dimension: 3, minDf: 1 });
    expect(Array.from(again.projection)).toEqual(Array.from(model.projection));
    const columns = model.columnsFor(matrix);
    const docs = CORPUS.map((_, d) => model.embedMatrixRow(matrix, d, columns));
    for (const v of docs) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    // A case embedded from its matrix row (index time) equals the same text embedded from scratch (query time).
    for (const [d, text] of CORPUS.entries())
      expect(Array.from(docs[d]!).map((x) => x.toFixed(5))).toEqual(Array.from(model.embedText(text)).map((x) => x.toFixed(5)));
    const q = model.embedText('COVID-19 ARDS in the ICU');
    const cos = docs.map((v) => v.reduce((s, x, i) => s + x * q[i]!, 0));
    expect(Math.max(cos[0]!, cos[1]!)).toBeGreaterThan(Math.max(cos[2]!, cos[4]!));
    const restored = LsaModel.deserialize(model.serialize());
    expect(Array.from(restored.embedText('chest pain'))).toEqual(Array.from(model.embedText('chest pain')));
    expect(Array.from(model.embedText('zebra xylophone')).every((x) => x === 0)).toBe(true);
  });

  it('embeds matrix rows on a worker thread exactly as on this one, reading the shared matrix in place', async () => {
    const matrix = matrixOf(CORPUS);
    const model = await LsaModel.fit(matrix, { dimension: 3, minDf: 1 });
    const inputs = {
      matrix,
      projection: model.projection,
      idf: model.header.idf,
      dimension: model.dimension,
      termColumn: model.columnsFor(matrix),
    };
    const thread = new RowEmbeddingThread(inputs);
    try {
      const [first, rest] = await Promise.all([thread.embed(0, 2), thread.embed(2, CORPUS.length)]);
      expect(Array.from(first)).toEqual(Array.from(embedMatrixRows(inputs, 0, 2)));
      expect(Array.from(rest)).toEqual(Array.from(embedMatrixRows(inputs, 2, CORPUS.length)));
      expect(Array.from(rest.subarray(0, 3))).toEqual(Array.from(model.embedMatrixRow(matrix, 2, inputs.termColumn)));
    } finally {
      await thread.close();
    }
    await expect(thread.embed(0, 1)).rejects.toThrow(/stopped/);
  });
});
