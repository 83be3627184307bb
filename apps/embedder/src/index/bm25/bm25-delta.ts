import type { SparseVector, TermCountRow } from '../vector-store.port.js';
import type { Bm25Index, ScoredDoc } from './bm25-index.js';
import { type PostingLists, type PostingSource, TopKScratch, topK } from './bm25-topk.js';
import type { TermMatrix } from '../../text/term-matrix.js';
import { type Bm25Model, bm25Idf } from './bm25-model.js';

export const BM25_DELTA_FORMAT = 'patientinsight.bm25-delta/v1';

/** BM25 parameters and the fitted corpus's average length: what the base postings file does not keep. */
export interface Bm25BaseParams {
  k1: number;
  b: number;
  avgDocLength: number;
}

/** Cases appended to a version after its fit: term counts in the version's vocabulary (unknown terms dropped, still counted in the length) and their ids. */
export interface Bm25Delta {
  params: Bm25BaseParams;
  keys: string[];
  rows: TermCountRow[];
}

/**
 * A version's base postings plus the postings of the cases appended since its fit, scored with exact
 * statistics: N, every term's document frequency and the average length are recomputed over base + delta,
 * so a search ranks as a version fitted on all these cases would (for the terms the vocabulary knows;
 * terms first seen in appended cases stay unknown until the next refit). Base documents keep their
 * numbers; appended ones follow them. Immutable: an append builds a new one, searches keep theirs.
 */
export class AppendedBm25Index implements PostingLists {
  readonly docCount: number;
  readonly termFactor: Float32Array;
  readonly docNorm: Float32Array;
  /** The base's postings, then the appended cases' (numbered after the base's, ascending in each term too). */
  readonly sources: readonly PostingSource[];
  private scratch: TopKScratch | null = null;

  constructor(
    readonly base: Bm25Index,
    readonly delta: Bm25Delta,
  ) {
    const { k1, b, avgDocLength } = delta.params;
    const terms = base.termFactor.length;
    const n0 = base.docCount;
    const n = delta.rows.length;
    this.docCount = n0 + n;
    const ddf = new Int32Array(terms);
    let addedLength = 0;
    for (const row of delta.rows) {
      addedLength += row.length;
      for (let i = 0; i < row.termIds.length; i++) ddf[row.termIds[i]!]!++;
    }
    const avg = this.docCount === 0 ? 0 : (avgDocLength * n0 + addedLength) / this.docCount;
    this.termFactor = new Float32Array(terms);
    const deltaPtr = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) {
      const df = base.postingPtr[t + 1]! - base.postingPtr[t]! + ddf[t]!;
      this.termFactor[t] = bm25Idf(this.docCount, df) * (k1 + 1);
      deltaPtr[t + 1] = deltaPtr[t]! + ddf[t]!;
    }
    // A base document's norm is k1·(1 − b) + k1·b·len/avg₀: rescaled to the new average without its length.
    this.docNorm = new Float32Array(this.docCount);
    const fixed = k1 * (1 - b);
    const scale = (avgDocLength || 1) / (avg || 1);
    for (let d = 0; d < n0; d++) this.docNorm[d] = fixed + (base.docNorm[d]! - fixed) * scale;
    const postings = deltaPtr[terms]!;
    const deltaDocs = new Int32Array(postings);
    const deltaTfs = new Uint8Array(postings);
    const fill = deltaPtr.slice(0, terms);
    delta.rows.forEach((row, i) => {
      this.docNorm[n0 + i] = k1 * (1 - b + (b * row.length) / (avg || 1));
      for (let j = 0; j < row.termIds.length; j++) {
        const slot = fill[row.termIds[j]!]!++;
        deltaDocs[slot] = n0 + i;
        deltaTfs[slot] = Math.min(255, row.counts[j]!);
      }
    });
    this.sources = [...base.sources, { ptr: deltaPtr, docs: deltaDocs, tfs: deltaTfs }];
  }

  /** The k best documents (base and appended) for a query's term counts, best first. */
  search(query: SparseVector, k: number, accept?: (doc: number) => boolean): ScoredDoc[] {
    this.scratch ??= new TopKScratch(this.docCount, this.termFactor.length);
    return topK(this, this.scratch, query, k, accept);
  }
}

/** The delta as a file: a JSON header (format, params, keys), then row pointers, term ids, lengths and counts. */
export function serializeDelta(delta: Bm25Delta): Buffer {
  const rowPtr = new Int32Array(delta.rows.length + 1);
  delta.rows.forEach((r, i) => {
    rowPtr[i + 1] = rowPtr[i]! + r.termIds.length;
  });
  const nnz = rowPtr[delta.rows.length]!;
  const termIds = new Int32Array(nnz);
  const counts = new Uint16Array(nnz);
  const lengths = Int32Array.from(delta.rows, (r) => r.length);
  delta.rows.forEach((r, i) => {
    termIds.set(r.termIds, rowPtr[i]!);
    counts.set(r.counts, rowPtr[i]!);
  });
  const json = Buffer.from(JSON.stringify({ format: BM25_DELTA_FORMAT, params: delta.params, keys: delta.keys, nnz }));
  const head = Buffer.alloc(8 + json.length + ((4 - (json.length % 4)) % 4));
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 8);
  const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return Buffer.concat([head, bytes(rowPtr), bytes(termIds), bytes(lengths), bytes(counts)]);
}

export function deserializeDelta(file: Buffer): Bm25Delta {
  const buf = Buffer.from(file); // own, aligned copy: the rows are views into it
  const jsonLength = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(8, 8 + jsonLength).toString('utf8')) as {
    format: string;
    params: Bm25BaseParams;
    keys: string[];
    nnz: number;
  };
  if (header.format !== BM25_DELTA_FORMAT) throw new Error(`not a ${BM25_DELTA_FORMAT} file (${String(header.format)})`);
  const n = header.keys.length;
  let at = buf.byteOffset + 8 + jsonLength + ((4 - (jsonLength % 4)) % 4);
  const rowPtr = new Int32Array(buf.buffer, at, n + 1);
  at += 4 * (n + 1);
  const termIds = new Int32Array(buf.buffer, at, header.nnz);
  at += 4 * header.nnz;
  const lengths = new Int32Array(buf.buffer, at, n);
  at += 4 * n;
  const counts = new Uint16Array(buf.buffer, at, header.nnz);
  at += 2 * header.nnz;
  if (at !== buf.byteOffset + buf.length)
    throw new Error(`the delta file is ${buf.length} bytes, its header describes ${at - buf.byteOffset}`);
  const rows = header.keys.map((_, i) => ({
    termIds: termIds.subarray(rowPtr[i]!, rowPtr[i + 1]!),
    counts: counts.subarray(rowPtr[i]!, rowPtr[i + 1]!),
    length: lengths[i]!,
  }));
  return { params: header.params, keys: header.keys, rows };
}

/**
 * The documents of a count matrix (tokenized on their own) as rows in a fitted model's vocabulary. Terms the
 * model does not know are dropped from the rows but still count in each length, as they would after a refit;
 * `unknownTokens` of `tokens` says how much of the new text stays unsearchable until then.
 */
export function rowsInVocabulary(model: Bm25Model, matrix: TermMatrix): { rows: TermCountRow[]; tokens: number; unknownTokens: number } {
  const column = Int32Array.from(matrix.terms, (t) => model.termId(t) ?? -1);
  const rows: TermCountRow[] = [];
  let tokens = 0;
  let unknownTokens = 0;
  for (let d = 0; d < matrix.docCount; d++) {
    const termIds: number[] = [];
    const counts: number[] = [];
    for (let p = matrix.rowPtr[d]!; p < matrix.rowPtr[d + 1]!; p++) {
      const t = column[matrix.termIds[p]!]!;
      if (t < 0) unknownTokens += matrix.counts[p]!;
      else {
        termIds.push(t);
        counts.push(matrix.counts[p]!);
      }
    }
    tokens += matrix.docLength[d]!;
    rows.push({ termIds: Int32Array.from(termIds), counts: Uint16Array.from(counts), length: matrix.docLength[d]! });
  }
  return { rows, tokens, unknownTokens };
}
