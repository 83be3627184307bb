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

/** A·X for dense row-major X (cols × l): returns rows × l. */
export async function csrTimesDense(a: CsrMatrix, x: Float64Array, l: number): Promise<Float64Array> {
  const out = new Float64Array(a.rows * l);
  for (let r = 0; r < a.rows; r++) {
    if (r % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const o = r * l;
    for (let p = a.rowPtr[r]!; p < a.rowPtr[r + 1]!; p++) {
      const v = a.values[p]!;
      const xo = a.colIds[p]! * l;
      for (let k = 0; k < l; k++) out[o + k]! += v * x[xo + k]!;
    }
  }
  return out;
}

/** Aᵀ·Y for dense row-major Y (rows × l): returns cols × l. */
export async function csrTransposeTimesDense(a: CsrMatrix, y: Float64Array, l: number): Promise<Float64Array> {
  const out = new Float64Array(a.cols * l);
  for (let r = 0; r < a.rows; r++) {
    if (r % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const yo = r * l;
    for (let p = a.rowPtr[r]!; p < a.rowPtr[r + 1]!; p++) {
      const v = a.values[p]!;
      const o = a.colIds[p]! * l;
      for (let k = 0; k < l; k++) out[o + k]! += v * y[yo + k]!;
    }
  }
  return out;
}

/** Yᵀ·Y of a tall row-major matrix (n × l), as a full symmetric row-major l × l array. */
async function gram(y: Float64Array, n: number, l: number): Promise<Float64Array> {
  const g = new Float64Array(l * l);
  for (let r = 0; r < n; r++) {
    if (r % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const yi = y[o + i]!;
      if (yi === 0) continue;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j]! += yi * y[o + j]!;
    }
  }
  for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) g[j * l + i] = g[i * l + j]!;
  return g;
}

/** Y·W for row-major Y (n × l) and a dense l × c matrix given as column scale-adjusted rows. */
async function timesSmall(y: Float64Array, n: number, l: number, w: Float64Array, c: number): Promise<Float64Array> {
  const out = new Float64Array(n * c);
  for (let r = 0; r < n; r++) {
    if (r % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const yo = r * l;
    const oo = r * c;
    for (let i = 0; i < l; i++) {
      const v = y[yo + i]!;
      if (v === 0) continue;
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
    const out = new Float64Array(n * c);
    for (let row = 0; row < n; row++) {
      if (row % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      const yo = row * width;
      const oo = row * c;
      // Forward substitution of q·R = y over the kept columns.
      for (let a = 0; a < c; a++) {
        const j = kept[a]!;
        let v = current[yo + j]!;
        for (let b = 0; b < a; b++) v -= out[oo + b]! * r[kept[b]! * width + j]!;
        out[oo + a] = v / r[j * width + j]!;
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
  let { q, width } = await orthonormalize(await csrTimesDense(a, omega, l), a.rows, l, iterations > 0 ? 1 : 2);
  for (let it = 0; it < iterations; it++) {
    const z = await csrTransposeTimesDense(a, q, width);
    ({ q, width } = await orthonormalize(await csrTimesDense(a, z, width), a.rows, width, it === iterations - 1 ? 2 : 1));
  }
  // B = Qᵀ A; with Z = Aᵀ Q (cols × width), B Bᵀ = Zᵀ Z, whose eigenvectors are B's left singular vectors.
  // Nothing left of the range (a corpus whose rows have no kept term): no singular vectors, as the fit expects.
  if (width === 0) return { v: new Float64Array(0), singularValues: new Float64Array(0), k: 0 };
  const z = await csrTransposeTimesDense(a, q, width);
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
