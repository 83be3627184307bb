/**
 * The dense loops of the randomized SVD (randomized-svd.ts), over a range of output rows, so the fit can split each
 * product between its thread and a helper thread (svd-kernel-thread.ts). Arrays that a helper writes or that are
 * large live in SharedArrayBuffers; each kernel touches only its own rows of the output.
 */

/** A sparse matrix in CSR form with float weights (rows = documents, columns = terms). */
export interface CsrMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIds: Int32Array;
  values: Float32Array;
}

export type KernelTask =
  /** out[rows] = A[rows]·X for dense row-major X (A.cols × l). */
  | { kind: 'csr'; a: CsrMatrix; x: Float64Array; l: number; out: Float64Array }
  /** g += Y[rows]ᵀ·Y[rows] (upper triangle of the l × l sum; the helper returns its own). */
  | { kind: 'gram'; y: Float64Array; l: number; g?: Float64Array }
  /** out[rows] = Y[rows]·W for a dense row-major l × c matrix W. */
  | { kind: 'small'; y: Float64Array; l: number; w: Float64Array; c: number; out: Float64Array }
  /** out[rows] = Y[rows]·R⁻¹ over the kept columns, by forward substitution (rt: R transposed, c × c). */
  | { kind: 'solve'; y: Float64Array; width: number; kept: Int32Array; rt: Float64Array; diagonal: Float64Array; out: Float64Array };

/** Runs a kernel on rows [from, to); a gram task without `g` returns the sum of those rows. */
export function runKernel(task: KernelTask, from: number, to: number): Float64Array | null {
  switch (task.kind) {
    case 'csr':
      csrRows(task.a, task.x, task.l, task.out, from, to);
      return null;
    case 'gram': {
      const g = task.g ?? new Float64Array(task.l * task.l);
      gramRows(task.y, task.l, g, from, to);
      return g;
    }
    case 'small':
      smallRows(task.y, task.l, task.w, task.c, task.out, from, to);
      return null;
    case 'solve':
      solveRows(task, from, to);
      return null;
  }
}

/**
 * Four entries of a row are taken together, so the output row is loaded and stored once per four products instead
 * of once per product (the loop is bound by memory, not arithmetic).
 */
function csrRows(a: CsrMatrix, x: Float64Array, l: number, out: Float64Array, from: number, to: number): void {
  const { rowPtr, colIds, values } = a;
  for (let r = from; r < to; r++) {
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
}

/** Rows four at a time, so the l × l sum (larger than a core's fast cache) is swept a quarter as often. */
function gramRows(y: Float64Array, l: number, g: Float64Array, from: number, to: number): void {
  let r = from;
  for (; r + 3 < to; r += 4) {
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
  for (; r < to; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const yi = y[o + i]!;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j]! += yi * y[o + j]!;
    }
  }
}

/** Four rows of W at a time, as in `gramRows`. */
function smallRows(y: Float64Array, l: number, w: Float64Array, c: number, out: Float64Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
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
}

function solveRows(task: Extract<KernelTask, { kind: 'solve' }>, from: number, to: number): void {
  const { y, width, kept, rt, diagonal, out } = task;
  const c = kept.length;
  for (let row = from; row < to; row++) {
    const yo = row * width;
    const oo = row * c;
    for (let a = 0; a < c; a++) {
      let v = y[yo + kept[a]!]!;
      const ro = a * c;
      for (let b = 0; b < a; b++) v -= out[oo + b]! * rt[ro + b]!;
      out[oo + a] = v / diagonal[a]!;
    }
  }
}
