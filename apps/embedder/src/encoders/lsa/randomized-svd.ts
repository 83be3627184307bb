import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A sparse matrix in CSR form with float weights (rows = documents, columns = terms). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIds: Int32Array;
  values: Float32Array;
}

/**
 * Lets the event loop run (HTTP, health checks, job leases) during a long fit: every heavy loop below
 * yields every `YIELD_EVERY` rows, which costs nothing measurable and keeps the process responsive.
 */
const YIELD_EVERY = 2048;
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Deterministic PRNG (mulberry32) so a corpus version always fits the same model. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A·X for dense row-major X (cols × l): returns rows × l. Four entries of a row are taken together, so the output
 * row is loaded and stored once per four products instead of once per product (the loop is bound by memory, not
 * arithmetic).
 */
export async function csrTimesDense(a: CsrMatrix, x: Float64Array, l: number): Promise<Float64Array> {
  const out = new Float64Array(a.rows * l);
  const { rowPtr, colIds, values } = a;
  for (let r = 0; r < a.rows; r++) {
    if (r % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const o = r * l;
    const end = rowPtr[r + 1]!;
    let p = rowPtr[r]!;
    for (; p + 3 < end; p += 4) {
      const v0 = values[p]!;
      const v1 = values[p + 1]!;
      const v2 = values[p + 2]!;
      const v3 = values[p + 3]!;
      const x0 = colIds[p]! * l;
      const x1 = colIds[p + 1]! * l;
      const x2 = colIds[p + 2]! * l;
      const x3 = colIds[p + 3]! * l;
      for (let k = 0; k < l; k++) out[o + k]! += v0 * x[x0 + k]! + v1 * x[x1 + k]! + v2 * x[x2 + k]! + v3 * x[x3 + k]!;
    }
    for (; p < end; p++) {
      const v = values[p]!;
      const xo = colIds[p]! * l;
      for (let k = 0; k < l; k++) out[o + k]! += v * x[xo + k]!;
    }
  }
  return out;
}

/**
 * Aᵀ in CSR form (one row per column of A, row ids ascending). Aᵀ·Y is then a gather into one output row at a time
 * rather than a scatter across all of them, and the transpose is built once for every product of a fit.
 */
export function transposeCsr(a: CsrMatrix): CsrMatrix {
  const nnz = a.rowPtr[a.rows]!;
  const rowPtr = new Int32Array(a.cols + 1);
  for (let p = 0; p < nnz; p++) rowPtr[a.colIds[p]! + 1]!++;
  for (let c = 0; c < a.cols; c++) rowPtr[c + 1]! += rowPtr[c]!;
  const next = rowPtr.slice(0, a.cols);
  const colIds = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < a.rows; r++) {
    for (let p = a.rowPtr[r]!; p < a.rowPtr[r + 1]!; p++) {
      const q = next[a.colIds[p]!]!++;
      colIds[q] = r;
      values[q] = a.values[p]!;
    }
  }
  return { rows: a.cols, cols: a.rows, rowPtr, colIds, values };
}

/**
 * Yᵀ·Y of a tall row-major matrix (n × l), as a full symmetric row-major l × l array. Rows are taken four at a
 * time, so the l × l sum (larger than a core's fast cache) is swept a quarter as often.
 */
async function gram(y: Float64Array, n: number, l: number): Promise<Float64Array> {
  const g = new Float64Array(l * l);
  let r = 0;
  for (; r + 3 < n; r += 4) {
    if (r % YIELD_EVERY === YIELD_EVERY - 4) await yieldToEventLoop();
    const o0 = r * l;
    const o1 = o0 + l;
    const o2 = o1 + l;
    const o3 = o2 + l;
    for (let i = 0; i < l; i++) {
      const a0 = y[o0 + i]!;
      const a1 = y[o1 + i]!;
      const a2 = y[o2 + i]!;
      const a3 = y[o3 + i]!;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j]! += a0 * y[o0 + j]! + a1 * y[o1 + j]! + a2 * y[o2 + j]! + a3 * y[o3 + j]!;
    }
  }
  for (; r < n; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const yi = y[o + i]!;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j]! += yi * y[o + j]!;
    }
  }
  for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) g[j * l + i] = g[i * l + j]!;
  return g;
}

/** Y·W for row-major Y (n × l) and a dense row-major l × c matrix W; four rows of W at a time, as in `gram`. */
async function timesSmall(y: Float64Array, n: number, l: number, w: Float64Array, c: number): Promise<Float64Array> {
  const out = new Float64Array(n * c);
  for (let r = 0; r < n; r++) {
    if (r % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const yo = r * l;
    const oo = r * c;
    let i = 0;
    for (; i + 3 < l; i += 4) {
      const v0 = y[yo + i]!;
      const v1 = y[yo + i + 1]!;
      const v2 = y[yo + i + 2]!;
      const v3 = y[yo + i + 3]!;
      const w0 = i * c;
      const w1 = w0 + c;
      const w2 = w1 + c;
      const w3 = w2 + c;
      for (let j = 0; j < c; j++) out[oo + j]! += v0 * w[w0 + j]! + v1 * w[w1 + j]! + v2 * w[w2 + j]! + v3 * w[w3 + j]!;
    }
    for (; i < l; i++) {
      const v = y[yo + i]!;
      const wo = i * c;
      for (let j = 0; j < c; j++) out[oo + j]! += v * w[wo + j]!;
    }
  }
  return out;
}

/**
 * Orthonormal basis of the columns of a tall matrix by CholeskyQR (Yᵀ·Y = RᵀR, Q = Y·R⁻¹), `passes`
 * times (two passes restore orthogonality to working precision). O(n·l²) with no n × n work.
 * Columns whose remaining energy is negligible (rank deficiency, e.g. a tiny corpus) are dropped, so
 * the basis may be narrower than l.
 */
export async function orthonormalize(y: Float64Array, n: number, l: number, passes = 2): Promise<{ q: Float64Array; width: number }> {
  let current = y;
  let width = l;
  for (let pass = 0; pass < passes; pass++) {
    const g = await gram(current, n, width);
    const r = new Float64Array(width * width);
    const kept: number[] = [];
    let maxDiag = 0;
    for (let j = 0; j < width; j++) maxDiag = Math.max(maxDiag, g[j * width + j]!);
    for (let j = 0; j < width; j++) {
      let d = g[j * width + j]!;
      for (const k of kept) d -= r[k * width + j]! * r[k * width + j]!;
      if (!(d > maxDiag * 1e-12)) continue;
      const rjj = Math.sqrt(d);
      r[j * width + j] = rjj;
      for (let i = j + 1; i < width; i++) {
        let v = g[j * width + i]!;
        for (const k of kept) v -= r[k * width + j]! * r[k * width + i]!;
        r[j * width + i] = v / rjj;
      }
      kept.push(j);
    }
    const c = kept.length;
    // R over the kept columns, transposed (rt[a·c + b] = R[kept b][kept a]), so the substitution reads it in order.
    const rt = new Float64Array(c * c);
    const diagonal = new Float64Array(c);
    for (let a = 0; a < c; a++) {
      diagonal[a] = r[kept[a]! * width + kept[a]!]!;
      for (let b = 0; b < a; b++) rt[a * c + b] = r[kept[b]! * width + kept[a]!]!;
    }
    const keptColumns = Int32Array.from(kept);
    const out = new Float64Array(n * c);
    for (let row = 0; row < n; row++) {
      if (row % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      const yo = row * width;
      const oo = row * c;
      // Forward substitution of q·R = y over the kept columns.
      for (let a = 0; a < c; a++) {
        let v = current[yo + keptColumns[a]!]!;
        const ro = a * c;
        for (let b = 0; b < a; b++) v -= out[oo + b]! * rt[ro + b]!;
        out[oo + a] = v / diagonal[a]!;
      }
    }
    current = out;
    width = c;
  }
  return { q: current, width };
}

export interface TruncatedSvd {
  /** Right singular vectors, row-major cols × k (one row per term). */
  v: Float64Array;
  singularValues: Float64Array;
  k: number;
}

/**
 * Rank-k truncated SVD of a sparse matrix by the randomized range finder with power iterations
 * (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1). Only the right singular vectors are
 * returned: LSA projects documents and queries alike with them.
 */
export async function randomizedSvd(
  a: CsrMatrix,
  k: number,
  options: { oversample?: number; powerIterations?: number; seed?: number } = {},
): Promise<TruncatedSvd> {
  const l = Math.min(k + (options.oversample ?? 10), a.rows, a.cols);
  const random = seededRandom(options.seed ?? 42);
  const omega = new Float64Array(a.cols * l);
  for (let i = 0; i < omega.length; i += 2) {
    // Box-Muller: two standard normals per pair of uniforms.
    const u = Math.max(random(), 1e-12);
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    omega[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < omega.length) omega[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  // Power iterations sharpen the spectrum; a single CholeskyQR pass between them keeps the columns
  // from collapsing onto the top direction, and the last basis gets the full two passes.
  const iterations = options.powerIterations ?? 1;
  const at = transposeCsr(a);
  let { q, width } = await orthonormalize(await csrTimesDense(a, omega, l), a.rows, l, iterations > 0 ? 1 : 2);
  for (let it = 0; it < iterations; it++) {
    const z = await csrTimesDense(at, q, width);
    ({ q, width } = await orthonormalize(await csrTimesDense(a, z, width), a.rows, width, it === iterations - 1 ? 2 : 1));
  }
  // B = Qᵀ A; with Z = Aᵀ Q (cols × width), B Bᵀ = Zᵀ Z, whose eigenvectors are B's left singular vectors.
  // Nothing left of the range (a corpus whose rows have no kept term): no singular vectors, as the fit expects.
  if (width === 0) return { v: new Float64Array(0), singularValues: new Float64Array(0), k: 0 };
  const z = await csrTimesDense(at, q, width);
  const evd = symmetricEigen(await gram(z, a.cols, width), width);
  const order = evd.values.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]);
  const rank = Math.min(k, order.filter(([v]) => v > 1e-12).length);
  const u = new Float64Array(width * rank);
  const singularValues = new Float64Array(rank);
  for (let j = 0; j < rank; j++) {
    const [value, col] = order[j]!;
    singularValues[j] = Math.sqrt(value);
    for (let i = 0; i < width; i++) u[i * rank + j] = evd.vectors.get(i, col) / singularValues[j]!;
  }
  // V = Bᵀ U Σ⁻¹ = Z U Σ⁻¹ (the Σ⁻¹ is folded into u above).
  return { v: await timesSmall(z, a.cols, width, u, rank), singularValues, k: rank };
}

/** Eigenvalues (ascending) and eigenvectors (columns) of a symmetric row-major n × n matrix. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: number[]; vectors: Matrix } {
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(n, n, matrix), { assumeSymmetric: true });
  return { values: evd.realEigenvalues, vectors: evd.eigenvectorMatrix };
}
