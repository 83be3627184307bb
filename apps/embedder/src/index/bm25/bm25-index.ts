import { open, rename } from 'node:fs/promises';
import type { TermMatrix } from '../../text/term-matrix.js';
import type { SparseVector, TermCountRow } from '../vector-store.port.js';
import type { Bm25Model } from './bm25-model.js';
import { type PostingLists, type PostingSource, TopKScratch, topK } from './bm25-topk.js';

export interface ScoredDoc {
  doc: number;
  score: number;
}

export const BM25_INDEX_FORMAT = 'patientinsight.bm25-postings/v1';

/** Term frequencies are kept in one byte: BM25 saturates long before 255 (tf 255 vs 300 moves a weight by under 0.1%). */
const MAX_TF = 255;

/**
 * An in-memory BM25 inverted index: postings as typed arrays (term → documents in ascending order and term
 * frequencies), scored term at a time with exact MaxScore pruning (`bm25-topk.ts`). It scores as the sparse
 * vectors of `Bm25Model` would in a dotproduct index (but for a term frequency above 255, kept as 255): score = Σ qtf · idf·(k1 + 1) · tf / (tf + k1·(1 − b + b·len/avgLen)).
 * Five bytes per posting. The LanceDB store answers its lexical side with it (several times faster than
 * LanceDB's full-text top 100 at corpus size, docs/benchmarks.md), and the benchmark's plain-BM25
 * reference is one.
 */
export class Bm25Index implements PostingLists {
  private scratch: TopKScratch | null = null;
  readonly sources: readonly PostingSource[];

  constructor(
    /** idf(t)·(k1 + 1) per term. */
    readonly termFactor: Float32Array,
    /** k1·(1 − b + b·len/avgLen) per document. */
    readonly docNorm: Float32Array,
    /** Term t's postings are [postingPtr[t], postingPtr[t + 1]). */
    readonly postingPtr: Int32Array,
    readonly docs: Int32Array,
    readonly tfs: Uint8Array,
  ) {
    this.sources = [{ ptr: postingPtr, docs, tfs }];
  }

  /** The index of documents given as term-count rows, in corpus order (the model's corpus). */
  static build(model: Bm25Model, rows: readonly TermCountRow[]): Bm25Index {
    const layout = postingLayout(model, rows);
    const docs = new Int32Array(layout.postings);
    const tfs = new Uint8Array(layout.postings);
    fillPostings(rows, layout.postingPtr, 0, layout.termFactor.length, docs, tfs);
    return new Bm25Index(layout.termFactor, layout.docNorm, layout.postingPtr, docs, tfs);
  }

  get docCount(): number {
    return this.docNorm.length;
  }

  /**
   * The k best documents for a query vector (term ids and counts, `Bm25Model.encodeQuery`), best first;
   * `accept` drops documents (filters, exclusions) before they can take a place in the top k.
   */
  search(query: SparseVector, k: number, accept?: (doc: number) => boolean): ScoredDoc[] {
    // One scratch per index, reused: a search runs to its end on one thread.
    this.scratch ??= new TopKScratch(this.docCount, this.termFactor.length);
    return topK(this, this.scratch, query, k, accept);
  }

  static deserialize(file: Buffer): { index: Bm25Index; keys: string[] } {
    // Typed-array views need 4-byte alignment; a buffer from the pool may start anywhere.
    const buf = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
    const jsonLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(8, 8 + jsonLength).toString('utf8')) as {
      format: string;
      terms: number;
      docs: number;
      postings: number;
      keys: string[];
    };
    if (header.format !== BM25_INDEX_FORMAT) throw new Error(`not a ${BM25_INDEX_FORMAT} file (${String(header.format)})`);
    let at = buf.byteOffset + 8 + jsonLength + ((4 - (jsonLength % 4)) % 4);
    const take = <T>(make: (b: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
      const view = make(buf.buffer, at, length);
      at += length * width;
      return view;
    };
    const postingPtr = take((b, o, n) => new Int32Array(b, o, n), header.terms + 1, 4);
    const docs = take((b, o, n) => new Int32Array(b, o, n), header.postings, 4);
    const termFactor = take((b, o, n) => new Float32Array(b, o, n), header.terms, 4);
    const docNorm = take((b, o, n) => new Float32Array(b, o, n), header.docs, 4);
    const tfs = take((b, o, n) => new Uint8Array(b, o, n), header.postings, 1);
    if (at !== buf.byteOffset + buf.length)
      throw new Error(`the postings file is ${buf.length} bytes, its header describes ${at - buf.byteOffset}`);
    return { index: new Bm25Index(termFactor, docNorm, postingPtr, docs, tfs), keys: header.keys };
  }
}

/** Document d of a count matrix, as views (no copy). */
export function matrixRow(matrix: TermMatrix, d: number): TermCountRow {
  const from = matrix.rowPtr[d]!;
  const to = matrix.rowPtr[d + 1]!;
  return { termIds: matrix.termIds.subarray(from, to), counts: matrix.counts.subarray(from, to), length: matrix.docLength[d]! };
}

/** Every row of a count matrix, as views. */
export function matrixRows(matrix: TermMatrix): TermCountRow[] {
  return Array.from({ length: matrix.docCount }, (_, d) => matrixRow(matrix, d));
}

/**
 * Writes the index of `rows` to a file (atomically: a temporary file renamed into place) without holding
 * the postings in memory: the postings are filled and written a range of terms at a time, at most
 * `chunkPostings` of them per pass over the rows: written in one piece, the postings raised the peak RSS of
 * a corpus build. `keys[d]` names document d (case ids).
 */
export async function writeBm25Index(
  path: string,
  model: Bm25Model,
  rows: readonly TermCountRow[],
  keys: readonly string[],
  chunkPostings = 4_000_000,
): Promise<void> {
  if (keys.length !== rows.length) throw new Error(`${keys.length} keys for ${rows.length} documents`);
  const { termFactor, docNorm, postingPtr, postings } = postingLayout(model, rows);
  const terms = termFactor.length;
  const json = Buffer.from(JSON.stringify({ format: BM25_INDEX_FORMAT, terms, docs: rows.length, postings, keys }));
  const head = Buffer.alloc(8 + json.length + ((4 - (json.length % 4)) % 4));
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 8);
  const docsAt = head.length + postingPtr.byteLength;
  const termFactorAt = docsAt + 4 * postings;
  const tfsAt = termFactorAt + termFactor.byteLength + docNorm.byteLength;
  const partial = `${path}.partial`;
  const file = await open(partial, 'w');
  try {
    const write = async (view: ArrayBufferView, position: number) => {
      const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      for (let done = 0; done < bytes.length; ) done += (await file.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
    };
    await write(head, 0);
    await write(postingPtr, head.length);
    await write(termFactor, termFactorAt);
    await write(docNorm, termFactorAt + termFactor.byteLength);
    for (let from = 0; from < terms; ) {
      let to = from + 1;
      while (to < terms && postingPtr[to + 1]! - postingPtr[from]! <= chunkPostings) to++;
      const n = postingPtr[to]! - postingPtr[from]!;
      const docs = new Int32Array(n);
      const tfs = new Uint8Array(n);
      fillPostings(rows, postingPtr, from, to, docs, tfs);
      await write(docs, docsAt + 4 * postingPtr[from]!);
      await write(tfs, tfsAt + postingPtr[from]!);
      from = to;
    }
  } finally {
    await file.close();
  }
  await rename(partial, path);
}

/** Where each term's postings go (from the model's document frequencies) and the per-term and per-document factors. */
function postingLayout(model: Bm25Model, rows: readonly TermCountRow[]) {
  const { df, docCount } = model.data;
  if (rows.length !== docCount) throw new Error(`${rows.length} documents given, the BM25 model was fitted on ${docCount}`);
  const termFactor = new Float32Array(df.length);
  const postingPtr = new Int32Array(df.length + 1);
  for (let t = 0; t < df.length; t++) {
    termFactor[t] = model.termFactor(t);
    postingPtr[t + 1] = postingPtr[t]! + df[t]!;
  }
  const docNorm = Float32Array.from(rows, (r) => model.docNorm(r.length));
  return { termFactor, docNorm, postingPtr, postings: postingPtr[df.length]! };
}

/**
 * Fills the postings of terms [from, to) (the slice of `docs`/`tfs` that starts at postingPtr[from]) in
 * one pass over the rows, and checks them against the model's document frequencies: postings that do not
 * match the model would point at the wrong cases.
 */
function fillPostings(
  rows: readonly TermCountRow[],
  postingPtr: Int32Array,
  from: number,
  to: number,
  docs: Int32Array,
  tfs: Uint8Array,
): void {
  const base = postingPtr[from]!;
  const fill = postingPtr.slice(from, to).map((p) => p - base);
  for (let d = 0; d < rows.length; d++) {
    const { termIds, counts } = rows[d]!;
    for (let i = 0; i < termIds.length; i++) {
      const t = termIds[i]!;
      if (t < from || t >= to) continue;
      const slot = fill[t - from]!++;
      if (slot >= postingPtr[t + 1]! - base) throw new Error(`term ${t} occurs in more documents than the BM25 model counted`);
      docs[slot] = d;
      tfs[slot] = Math.min(MAX_TF, counts[i]!);
    }
  }
  for (let t = from; t < to; t++) {
    if (fill[t - from] !== postingPtr[t + 1]! - base) throw new Error(`term ${t} occurs in fewer documents than the BM25 model counted`);
  }
}
