import type { TermMatrix } from '../text/term-matrix.js';
import type { Bm25Model, SparseVector } from './bm25-model.js';

export interface ScoredDoc {
  doc: number;
  score: number;
}

export const BM25_INDEX_FORMAT = 'patientinsight.bm25-postings/v1';

/** Term frequencies are kept in one byte: BM25 saturates long before 255 (tf 255 vs 300 moves a weight by under 0.1%). */
const MAX_TF = 255;

/**
 * An in-memory BM25 inverted index: postings as typed arrays (term → documents and term frequencies),
 * scored term-at-a-time into one accumulator. It scores as the sparse vectors of `Bm25Model` would in a
 * dotproduct index (but for a term frequency above 255, kept as 255): score = Σ qtf · idf·(k1 + 1) · tf / (tf + k1·(1 − b + b·len/avgLen)).
 * Five bytes per posting (35.5M postings at 167k cases: 178 MB). The LanceDB store answers its lexical
 * side with it (a LanceDB full-text top 100 took 7.5–13 ms p50 at that size, this about 3–5 ms), and the
 * benchmark's plain-BM25 reference is one.
 */
export class Bm25Index {
  private scratch: Float32Array | null = null;

  constructor(
    /** idf(t)·(k1 + 1) per term. */
    private readonly termFactor: Float32Array,
    /** k1·(1 − b + b·len/avgLen) per document. */
    private readonly docNorm: Float32Array,
    /** Term t's postings are [postingPtr[t], postingPtr[t + 1]). */
    private readonly postingPtr: Int32Array,
    private readonly docs: Int32Array,
    private readonly tfs: Uint8Array,
  ) {}

  /** The index of a whole count matrix, documents in matrix order. */
  static fromMatrix(model: Bm25Model, matrix: TermMatrix): Bm25Index {
    const builder = new Bm25IndexBuilder(model);
    for (let d = 0; d < matrix.docCount; d++) {
      const from = matrix.rowPtr[d]!;
      const to = matrix.rowPtr[d + 1]!;
      builder.add(matrix.termIds.subarray(from, to), matrix.counts.subarray(from, to), matrix.docLength[d]!);
    }
    return builder.build();
  }

  get docCount(): number {
    return this.docNorm.length;
  }

  get postingCount(): number {
    return this.docs.length;
  }

  /**
   * The k best documents for a query vector (term ids and counts, `Bm25Model.encodeQuery`), best first;
   * `accept` drops documents (filters, exclusions) before they can take a place in the top k.
   */
  search(query: SparseVector, k: number, accept?: (doc: number) => boolean): ScoredDoc[] {
    // One accumulator per index, reused: a search runs to its end on one thread.
    if (!this.scratch) this.scratch = new Float32Array(this.docCount);
    const scores = this.scratch;
    scores.fill(0);
    const { termFactor, docNorm, postingPtr, docs, tfs } = this;
    for (let i = 0; i < query.indices.length; i++) {
      const t = query.indices[i]!;
      if (t < 0 || t >= termFactor.length) continue;
      const factor = query.values[i]! * termFactor[t]!;
      const end = postingPtr[t + 1]!;
      for (let p = postingPtr[t]!; p < end; p++) {
        const d = docs[p]!;
        const tf = tfs[p]!;
        scores[d]! += (factor * tf) / (tf + docNorm[d]!);
      }
    }
    return topKOf(scores, k, accept);
  }

  /** The index as buffers for one file (a JSON header, then the arrays, each 4-byte aligned), with a key per document. */
  serialize(keys: string[]): Buffer[] {
    if (keys.length !== this.docCount) throw new Error(`${keys.length} keys for ${this.docCount} documents`);
    const json = Buffer.from(JSON.stringify({ format: BM25_INDEX_FORMAT, terms: this.termFactor.length, docs: this.docCount, postings: this.postingCount, keys }));
    const head = Buffer.alloc(8 + json.length + ((4 - (json.length % 4)) % 4));
    head.writeUInt32LE(json.length, 0);
    json.copy(head, 8);
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return [head, bytes(this.postingPtr), bytes(this.docs), bytes(this.termFactor), bytes(this.docNorm), bytes(this.tfs)];
  }

  static deserialize(file: Buffer): { index: Bm25Index; keys: string[] } {
    // Typed-array views need 4-byte alignment; a buffer from the pool may start anywhere.
    const buf = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
    const jsonLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(8, 8 + jsonLength).toString('utf8')) as { format: string; terms: number; docs: number; postings: number; keys: string[] };
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
    if (at !== buf.byteOffset + buf.length) throw new Error(`the postings file is ${buf.length} bytes, its header describes ${at - buf.byteOffset}`);
    return { index: new Bm25Index(termFactor, docNorm, postingPtr, docs, tfs), keys: header.keys };
  }
}

/**
 * Builds a `Bm25Index` one document at a time, in the order the model's corpus was read: the postings
 * are allocated once from the model's document frequencies and filled in place (no second copy).
 */
export class Bm25IndexBuilder {
  private readonly termFactor: Float32Array;
  private readonly docNorm: Float32Array;
  private readonly postingPtr: Int32Array;
  private readonly fill: Int32Array;
  private readonly docs: Int32Array;
  private readonly tfs: Uint8Array;
  private doc = 0;

  constructor(private readonly model: Bm25Model) {
    const { df, docCount } = model.data;
    this.termFactor = new Float32Array(df.length);
    this.postingPtr = new Int32Array(df.length + 1);
    for (let t = 0; t < df.length; t++) {
      this.termFactor[t] = model.termFactor(t);
      this.postingPtr[t + 1] = this.postingPtr[t]! + df[t]!;
    }
    this.fill = this.postingPtr.slice(0, df.length);
    this.docs = new Int32Array(this.postingPtr[df.length]!);
    this.tfs = new Uint8Array(this.docs.length);
    this.docNorm = new Float32Array(docCount);
  }

  /** The next document: its term ids, their counts, and its length in tokens. */
  add(termIds: ArrayLike<number>, counts: ArrayLike<number>, docLength: number): void {
    const d = this.doc++;
    if (d >= this.docNorm.length) throw new Error(`more documents than the ${this.docNorm.length} the BM25 model was fitted on`);
    for (let i = 0; i < termIds.length; i++) {
      const t = termIds[i]!;
      const slot = this.fill[t]!++;
      if (slot >= this.postingPtr[t + 1]!) throw new Error(`term ${t} occurs in more documents than the BM25 model counted`);
      this.docs[slot] = d;
      this.tfs[slot] = Math.min(MAX_TF, counts[i]!);
    }
    this.docNorm[d] = this.model.docNorm(docLength);
  }

  build(): Bm25Index {
    if (this.doc !== this.docNorm.length) throw new Error(`${this.doc} documents added, the BM25 model was fitted on ${this.docNorm.length}`);
    for (let t = 0; t < this.fill.length; t++) {
      if (this.fill[t] !== this.postingPtr[t + 1]) throw new Error(`term ${t} occurs in fewer documents than the BM25 model counted`);
    }
    return new Bm25Index(this.termFactor, this.docNorm, this.postingPtr, this.docs, this.tfs);
  }
}

/** The k highest entries (score > 0) that `accept` keeps, best first. */
export function topKOf(scores: Float32Array, k: number, accept?: (doc: number) => boolean): ScoredDoc[] {
  const out: ScoredDoc[] = [];
  if (k <= 0) return out;
  for (let d = 0; d < scores.length; d++) {
    const s = scores[d]!;
    if (s <= 0 || (out.length === k && s <= out[k - 1]!.score)) continue;
    if (accept && !accept(d)) continue;
    if (out.length < k) {
      out.push({ doc: d, score: s });
      if (out.length === k) out.sort((a, b) => b.score - a.score);
    } else {
      let i = k - 1;
      while (i > 0 && out[i - 1]!.score < s) {
        out[i] = out[i - 1]!;
        i--;
      }
      out[i] = { doc: d, score: s };
    }
  }
  return out.length < k ? out.sort((a, b) => b.score - a.score) : out;
}
