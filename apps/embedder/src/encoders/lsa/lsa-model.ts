import { z } from 'zod';
import type { TermMatrix } from '../../text/term-matrix.js';
import { forEachToken, type TokenizerOptions } from '../../text/tokenizer.js';
import { l2normalize } from '../encoder.port.js';
import { type CsrMatrix, randomizedSvd } from './randomized-svd.js';

export const LSA_MODEL_FORMAT = 'patientinsight.lsa/v1';

export interface LsaParams {
  dimension: number;
  /** Terms seen in fewer documents carry no co-occurrence signal. */
  minDf: number;
  /** Largest vocabulary kept (most frequent terms first); bounds memory and fit time. */
  maxTerms: number;
  /** Fit on at most this many documents (evenly spaced); every document is still embedded. */
  maxFitDocs: number;
  powerIterations: number;
  /** Extra random directions the range finder draws beyond `dimension` (Halko et al.'s p). */
  oversample: number;
  seed: number;
  negation: boolean;
}

export const DEFAULT_LSA_PARAMS: LsaParams = {
  dimension: 256,
  minDf: 2,
  maxTerms: 60_000,
  maxFitDocs: 20_000,
  powerIterations: 1,
  oversample: 10,
  seed: 42,
  negation: true,
};

const lsaHeaderSchema = z.object({
  format: z.literal(LSA_MODEL_FORMAT),
  /** 0 when the fit found no singular vector (a corpus too small, or none of whose terms is kept): every case embeds to nothing. */
  dimension: z.number().int().nonnegative(),
  terms: z.array(z.string()),
  idf: z.array(z.number()),
  negation: z.boolean(),
  fittedOnDocs: z.number().int().nonnegative(),
});
type LsaHeader = z.infer<typeof lsaHeaderSchema>;

/**
 * Latent semantic analysis: TF-IDF (sublinear tf, idf, unit rows) reduced by a truncated SVD fitted
 * on the corpus version's cases. A document and a query are both projected onto the right singular
 * vectors and L2-normalised, so their dot product is the cosine in the latent space: terms that
 * co-occur across cases (e.g. "ards", "covid", "prone") pull related cases together even when the
 * query and the case share few words. No downloaded weights; refitted with every corpus version.
 */
export class LsaModel {
  private readonly vocabulary: Map<string, number>;
  constructor(
    readonly header: LsaHeader,
    /** Row-major terms × dimension. */
    readonly projection: Float32Array,
  ) {
    this.vocabulary = new Map(header.terms.map((t, i) => [t, i]));
  }

  get dimension(): number {
    return this.header.dimension;
  }

  get tokenizer(): TokenizerOptions {
    return { negation: this.header.negation };
  }

  static async fit(matrix: TermMatrix, params: Partial<LsaParams> = {}): Promise<LsaModel> {
    const p = { ...DEFAULT_LSA_PARAMS, ...params };
    const n = matrix.docCount;
    // Vocabulary: the most widespread terms with df >= minDf, excluding terms in more than half the cases.
    const candidates: number[] = [];
    for (let t = 0; t < matrix.terms.length; t++)
      if (matrix.df[t]! >= p.minDf && matrix.df[t]! <= Math.max(p.minDf, n / 2)) candidates.push(t);
    candidates.sort((a, b) => matrix.df[b]! - matrix.df[a]! || a - b);
    const kept = candidates.slice(0, p.maxTerms);
    const column = new Int32Array(matrix.terms.length).fill(-1);
    kept.forEach((t, c) => {
      column[t] = c;
    });
    const idf = kept.map((t) => Math.log(n / matrix.df[t]!));
    const fitDocs = Math.min(n, p.maxFitDocs);
    const step = n / Math.max(1, fitDocs);
    const rows: number[] = [];
    for (let i = 0; i < fitDocs; i++) rows.push(Math.floor(i * step));
    const a = weightedRows(matrix, rows, column, idf);
    const dimension = Math.max(1, Math.min(p.dimension, kept.length - 1, fitDocs - 1));
    const svd = await randomizedSvd(a, dimension, { powerIterations: p.powerIterations, oversample: p.oversample, seed: p.seed });
    const projection = new Float32Array(kept.length * svd.k);
    for (let i = 0; i < projection.length; i++) projection[i] = svd.v[i]!;
    return new LsaModel(
      {
        format: LSA_MODEL_FORMAT,
        dimension: svd.k,
        terms: kept.map((t) => matrix.terms[t]!),
        idf,
        negation: p.negation,
        fittedOnDocs: fitDocs,
      },
      projection,
    );
  }

  /** Persisted as one buffer: a 4-byte header length, the JSON header, then the float32 projection. */
  serialize(): Buffer {
    const header = Buffer.from(JSON.stringify(this.header));
    const pad = (4 - ((4 + header.length) % 4)) % 4;
    const out = Buffer.alloc(4 + header.length + pad + this.projection.byteLength);
    out.writeUInt32LE(header.length + pad, 0);
    header.copy(out, 4);
    out.fill(32, 4 + header.length, 4 + header.length + pad);
    Buffer.from(this.projection.buffer, this.projection.byteOffset, this.projection.byteLength).copy(out, 4 + header.length + pad);
    return out;
  }

  static deserialize(buffer: Buffer): LsaModel {
    const headerLength = buffer.readUInt32LE(0);
    const header = lsaHeaderSchema.parse(JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')));
    const start = 4 + headerLength;
    const projection = new Float32Array(header.terms.length * header.dimension);
    new Uint8Array(projection.buffer).set(buffer.subarray(start, start + projection.byteLength));
    return new LsaModel(header, projection);
  }

  /** Embeds weighted term entries (column, weight); returns a unit vector (all zeros when nothing is known). */
  private project(entries: Map<number, number>): Float32Array {
    const dim = this.header.dimension;
    const out = new Float32Array(dim);
    let norm = 0;
    for (const w of entries.values()) norm += w * w;
    if (norm === 0) return out;
    for (const [c, w] of entries) {
      const o = c * dim;
      for (let k = 0; k < dim; k++) out[k]! += w * this.projection[o + k]!;
    }
    return l2normalize(out);
  }

  embedText(text: string): Float32Array {
    const counts = new Map<number, number>();
    forEachToken(
      text,
      (token) => {
        const c = this.vocabulary.get(token);
        if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
      },
      this.tokenizer,
    );
    for (const [c, tf] of counts) counts.set(c, (1 + Math.log(tf)) * this.header.idf[c]!);
    return this.project(counts);
  }

  /** Embeds document d of a matrix built with the same tokenizer (no re-tokenizing at index time). */
  embedMatrixRow(matrix: TermMatrix, d: number, termColumn: Int32Array): Float32Array {
    return embedMatrixRows({ matrix, projection: this.projection, idf: this.header.idf, dimension: this.dimension, termColumn }, d, d + 1);
  }

  /** Maps a matrix's term ids to this model's columns (-1 when the term is not in the model). */
  columnsFor(matrix: TermMatrix): Int32Array {
    return Int32Array.from(matrix.terms, (t) => this.vocabulary.get(t) ?? -1);
  }
}

/** What embedding matrix rows needs: plain arrays, so a worker thread can hold them too. */
export interface RowEmbeddingInputs {
  matrix: Pick<TermMatrix, 'rowPtr' | 'termIds' | 'counts'>;
  /** Row-major terms × dimension. */
  projection: Float32Array;
  idf: ArrayLike<number>;
  dimension: number;
  /** Matrix term id → projection row, or -1 when the model does not know the term. */
  termColumn: Int32Array;
}

/**
 * Unit LSA vectors of matrix rows [from, to), row after row in one array. The hot loop of a build
 * (167k cases × ~230 terms × 256 dimensions), bound by reading the projection rows from memory:
 * typed arrays and a float64 accumulator, no Map.
 */
export function embedMatrixRows(
  { matrix, projection, idf, dimension: dim, termColumn }: RowEmbeddingInputs,
  from: number,
  to: number,
): Float32Array {
  const out = new Float32Array((to - from) * dim);
  const acc = new Float64Array(dim);
  // The row's known terms (projection offset, weight), then added four at a time: a quarter of the accumulator's loads and stores.
  let offsets = new Int32Array(256);
  let weights = new Float64Array(256);
  for (let d = from; d < to; d++) {
    acc.fill(0);
    let norm = 0;
    const start = matrix.rowPtr[d]!;
    const end = matrix.rowPtr[d + 1]!;
    if (end - start > offsets.length) {
      offsets = new Int32Array(end - start);
      weights = new Float64Array(end - start);
    }
    let n = 0;
    for (let p = start; p < end; p++) {
      const c = termColumn[matrix.termIds[p]!]!;
      if (c < 0) continue;
      const w = (1 + Math.log(matrix.counts[p]!)) * idf[c]!;
      norm += w * w;
      offsets[n] = c * dim;
      weights[n++] = w;
    }
    if (norm === 0) continue; // a case with no known term stays the zero vector
    let t = 0;
    for (; t + 3 < n; t += 4) {
      const w0 = weights[t]!;
      const w1 = weights[t + 1]!;
      const w2 = weights[t + 2]!;
      const w3 = weights[t + 3]!;
      const o0 = offsets[t]!;
      const o1 = offsets[t + 1]!;
      const o2 = offsets[t + 2]!;
      const o3 = offsets[t + 3]!;
      for (let k = 0; k < dim; k++)
        acc[k]! += w0 * projection[o0 + k]! + w1 * projection[o1 + k]! + w2 * projection[o2 + k]! + w3 * projection[o3 + k]!;
    }
    for (; t < n; t++) {
      const w = weights[t]!;
      const o = offsets[t]!;
      for (let k = 0; k < dim; k++) acc[k]! += w * projection[o + k]!;
    }
    let s = 0;
    for (let k = 0; k < dim; k++) s += acc[k]! * acc[k]!;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    const o = (d - from) * dim;
    for (let k = 0; k < dim; k++) out[o + k] = acc[k]! * inv;
  }
  return out;
}

/**
 * The fit rows as a CSR of unit-length TF-IDF rows over the kept columns, in shared memory: the fit's helper thread
 * reads them in place, where a copy would add to the fit's peak memory.
 */
function weightedRows(matrix: TermMatrix, rows: number[], column: Int32Array, idf: number[]): CsrMatrix {
  const rowPtr = new Int32Array(new SharedArrayBuffer((rows.length + 1) * 4));
  let nnz = 0;
  rows.forEach((d, i) => {
    for (let p = matrix.rowPtr[d]!; p < matrix.rowPtr[d + 1]!; p++) if (column[matrix.termIds[p]!]! >= 0) nnz++;
    rowPtr[i + 1] = nnz;
  });
  const colIds = new Int32Array(new SharedArrayBuffer(nnz * 4));
  const values = new Float32Array(new SharedArrayBuffer(nnz * 4));
  let at = 0;
  for (const d of rows) {
    const start = at;
    let norm = 0;
    for (let p = matrix.rowPtr[d]!; p < matrix.rowPtr[d + 1]!; p++) {
      const c = column[matrix.termIds[p]!]!;
      if (c < 0) continue;
      const w = (1 + Math.log(matrix.counts[p]!)) * idf[c]!;
      colIds[at] = c;
      values[at++] = w;
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = start; i < at; i++) values[i]! *= inv;
  }
  return { rows: rows.length, cols: idf.length, rowPtr, colIds, values };
}
