import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { SvdKernelThread } from './svd-kernel-thread.js';
import { type CsrMatrix, type KernelTask, runKernel } from './svd-kernels.js';

export type { CsrMatrix };

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

/** Zeroed doubles in shared memory, so the helper thread reads or writes them in place. */
const sharedDoubles = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));

/** Fits whose first product is smaller run on one thread (starting a helper costs more than it saves). */
const HELPER_MIN_VALUES = 1 << 20;

/**
 * Runs a kernel over rows [0, n): with a helper, the helper takes the second half while this thread does the first
 * in blocks, yielding to the event loop between them. Returns the summed Gram matrix (upper triangle) of a gram task.
 */
async function overRows(helper: SvdKernelThread | null, task: KernelTask, n: number): Promise<Float64Array | null> {
  const mid = helper ? n >> 1 : n;
  const remote = mid < n ? helper!.run(task, mid, n) : null;
  remote?.catch(() => undefined); // awaited below; a failure is reported there
  let own: Float64Array | null = null;
  for (let from = 0; from < mid; from += YIELD_EVERY) {
    own = runKernel(task.kind === 'gram' && own ? { ...task, g: own } : task, from, Math.min(mid, from + YIELD_EVERY));
    if (from + YIELD_EVERY < mid) await yieldToEventLoop();
  }
  const theirs = await remote;
  if (task.kind !== 'gram') return null;
  own ??= new Float64Array(task.l * task.l);
  if (theirs) for (let i = 0; i < own.length; i++) own[i]! += theirs[i]!;
  return own;
}

/** A·X for dense row-major X (cols × l): returns rows × l, written into `out` when given (its old values are discarded). */
export async function csrTimesDense(
  a: CsrMatrix,
  x: Float64Array,
  l: number,
  helper: SvdKernelThread | null = null,
  out?: Float64Array,
): Promise<Float64Array> {
  const target = out ? out.subarray(0, a.rows * l).fill(0) : sharedDoubles(a.rows * l);
  await overRows(helper, { kind: 'csr', a, x, l, out: target }, a.rows);
  return target;
}

/** A CSR matrix with its arrays in shared memory (copied once, so the helper does not get a copy per product). */
function sharedCsr(a: CsrMatrix): CsrMatrix {
  const share = <T extends Int32Array | Float32Array>(array: T, make: (buffer: SharedArrayBuffer) => T): T => {
    if (array.buffer instanceof SharedArrayBuffer) return array;
    const copy = make(new SharedArrayBuffer(array.byteLength));
    copy.set(array);
    return copy;
  };
  return {
    ...a,
    rowPtr: share(a.rowPtr, (b) => new Int32Array(b)),
    colIds: share(a.colIds, (b) => new Int32Array(b)),
    values: share(a.values, (b) => new Float32Array(b)),
  };
}

/**
 * Aᵀ in CSR form (one row per column of A, row ids ascending), in shared memory. Aᵀ·Y is then a gather into one
 * output row at a time rather than a scatter across all of them, and the transpose is built once for every product of a fit.
 */
export function transposeCsr(a: CsrMatrix): CsrMatrix {
  const nnz = a.rowPtr[a.rows]!;
  const rowPtr = new Int32Array(new SharedArrayBuffer((a.cols + 1) * 4));
  for (let p = 0; p < nnz; p++) rowPtr[a.colIds[p]! + 1]!++;
  for (let c = 0; c < a.cols; c++) rowPtr[c + 1]! += rowPtr[c]!;
  const next = rowPtr.slice(0, a.cols);
  const colIds = new Int32Array(new SharedArrayBuffer(nnz * 4));
  const values = new Float32Array(new SharedArrayBuffer(nnz * 4));
  for (let r = 0; r < a.rows; r++) {
    for (let p = a.rowPtr[r]!; p < a.rowPtr[r + 1]!; p++) {
      const q = next[a.colIds[p]!]!++;
      colIds[q] = r;
      values[q] = a.values[p]!;
    }
  }
  return { rows: a.cols, cols: a.rows, rowPtr, colIds, values };
}

/** Yᵀ·Y of a tall row-major matrix (n × l), as a full symmetric row-major l × l array. */
async function gram(y: Float64Array, n: number, l: number, helper: SvdKernelThread | null): Promise<Float64Array> {
  const g = (await overRows(helper, { kind: 'gram', y, l }, n))!;
  for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) g[j * l + i] = g[i * l + j]!;
  return g;
}

/** Y·W for row-major Y (n × l) and a dense row-major l × c matrix W. */
async function timesSmall(
  y: Float64Array,
  n: number,
  l: number,
  w: Float64Array,
  c: number,
  helper: SvdKernelThread | null,
): Promise<Float64Array> {
  const out = sharedDoubles(n * c);
  await overRows(helper, { kind: 'small', y, l, w, c, out }, n);
  return out;
}

/**
 * Orthonormal basis of the columns of a tall matrix by CholeskyQR (Yᵀ·Y = RᵀR, Q = Y·R⁻¹), `passes`
 * times (two passes restore orthogonality to working precision). O(n·l²) with no n × n work.
 * Columns whose remaining energy is negligible (rank deficiency, e.g. a tiny corpus) are dropped, so
 * the basis may be narrower than l. `inPlace` overwrites `y` with Q while no column is dropped (each row's
 * substitution reads an entry before it writes it, and a row is only its own); a pass that drops one writes a
 * new array.
 */
export async function orthonormalize(
  y: Float64Array,
  n: number,
  l: number,
  passes = 2,
  helper: SvdKernelThread | null = null,
  inPlace = false,
): Promise<{ q: Float64Array; width: number }> {
  let current = y;
  let width = l;
  for (let pass = 0; pass < passes; pass++) {
    const g = await gram(current, n, width, helper);
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
    const out = inPlace && c === width ? current : sharedDoubles(n * c);
    await overRows(helper, { kind: 'solve', y: current, width, kept: Int32Array.from(kept), rt, diagonal, out }, n);
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
  options: {
    oversample?: number;
    powerIterations?: number;
    seed?: number;
    /** Split each product with a helper thread (default: for a matrix large enough to pay for it). */
    helperThread?: boolean;
  } = {},
): Promise<TruncatedSvd> {
  const l = Math.min(k + (options.oversample ?? 10), a.rows, a.cols);
  const helper = (options.helperThread ?? a.rows * l >= HELPER_MIN_VALUES) ? new SvdKernelThread() : null;
  try {
    return await fit(helper ? sharedCsr(a) : a, k, l, options.powerIterations ?? 1, options.seed ?? 42, helper);
  } finally {
    await helper?.close();
  }
}

async function fit(
  a: CsrMatrix,
  k: number,
  l: number,
  iterations: number,
  seed: number,
  helper: SvdKernelThread | null,
): Promise<TruncatedSvd> {
  const random = seededRandom(seed);
  // Two work arrays serve every product of the fit: cols × l (Ω, then each Aᵀ·Q) and rows × l (each A·X, made
  // orthonormal in place; Q is spent on Aᵀ·Q before the next A·X overwrites it). Fresh arrays per product were
  // several hundred MB of garbage that the heap's collector, not counting shared memory, left in place during the
  // fit: the build's peak resident memory.
  const termRows = sharedDoubles(a.cols * l);
  const docRows = sharedDoubles(a.rows * l);
  // Ω, the random test matrix, is the first content of termRows.
  for (let i = 0; i < termRows.length; i += 2) {
    // Box-Muller: two standard normals per pair of uniforms.
    const u = Math.max(random(), 1e-12);
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    termRows[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < termRows.length) termRows[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  // Power iterations sharpen the spectrum; a single CholeskyQR pass between them keeps the columns
  // from collapsing onto the top direction, and the last basis gets the full two passes.
  const at = transposeCsr(a);
  const y0 = await csrTimesDense(a, termRows, l, helper, docRows);
  let { q, width } = await orthonormalize(y0, a.rows, l, iterations > 0 ? 1 : 2, helper, true);
  for (let it = 0; it < iterations; it++) {
    const z = await csrTimesDense(at, q, width, helper, termRows);
    const y = await csrTimesDense(a, z, width, helper, docRows);
    ({ q, width } = await orthonormalize(y, a.rows, width, it === iterations - 1 ? 2 : 1, helper, true));
  }
  // B = Qᵀ A; with Z = Aᵀ Q (cols × width), B Bᵀ = Zᵀ Z, whose eigenvectors are B's left singular vectors.
  // Nothing left of the range (a corpus whose rows have no kept term): no singular vectors, as the fit expects.
  if (width === 0) return { v: new Float64Array(0), singularValues: new Float64Array(0), k: 0 };
  const z = await csrTimesDense(at, q, width, helper, termRows);
  const evd = symmetricEigen(await gram(z, a.cols, width, helper), width);
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
  return { v: await timesSmall(z, a.cols, width, u, rank, helper), singularValues, k: rank };
}

/** Eigenvalues (ascending) and eigenvectors (columns) of a symmetric row-major n × n matrix. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: number[]; vectors: Matrix } {
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(n, n, matrix), { assumeSymmetric: true });
  return { values: evd.realEigenvalues, vectors: evd.eigenvectorMatrix };
}
