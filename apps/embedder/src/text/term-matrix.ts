import { forEachToken, type TokenizerOptions } from './tokenizer.js';

type IntArray = Int32Array | Uint16Array;
type IntArrayType<T extends IntArray> = {
  new (buffer: SharedArrayBuffer, byteOffset?: number, length?: number): T;
  BYTES_PER_ELEMENT: number;
};

/**
 * Address space a new array reserves (not memory: pages are committed as it grows). V8 caps what all growable
 * buffers of a process reserve together (about 1 TiB), and a finished builder keeps its reservation until it is
 * collected, so each reserves a modest range and moves to a larger one in the rare corpus that outgrows it.
 */
const RESERVE_BYTES = 2 ** 30;
const GROW_BYTES = 16 * 1024 * 1024;

/**
 * An append-only typed array for data whose size is not known up front (the corpus is read once).
 * It lives in a growable SharedArrayBuffer that grows in place, so it is not copied while it fits its
 * reservation (at 38M entries, growing by doubling held 2.7 times the data at its peak: old buffer, new
 * buffer, final copy), and worker threads read the finished matrix without a copy (the LSA embedding runs on one).
 */
export class GrowableInts<T extends IntArray> {
  private buffer: SharedArrayBuffer;
  private view: T;
  length = 0;
  constructor(
    private readonly type: IntArrayType<T>,
    reserveBytes = RESERVE_BYTES,
  ) {
    this.buffer = new SharedArrayBuffer(0, { maxByteLength: reserveBytes });
    this.view = new type(this.buffer);
  }
  push(value: number): void {
    if (this.length === this.view.length) {
      if (this.buffer.byteLength === this.buffer.maxByteLength) {
        const larger = new SharedArrayBuffer(this.buffer.byteLength, { maxByteLength: this.buffer.maxByteLength * 4 });
        new Uint8Array(larger).set(new Uint8Array(this.buffer));
        this.buffer = larger;
      }
      this.buffer.grow(Math.min(this.buffer.maxByteLength, this.buffer.byteLength + GROW_BYTES));
      this.view = new this.type(this.buffer, 0, this.buffer.byteLength / this.type.BYTES_PER_ELEMENT);
    }
    this.view[this.length++] = value;
  }
  increment(index: number): void {
    this.view[index]!++;
  }
  /** The values, in place: a fixed-length view of the first `length` entries (the builder is dropped after this). */
  toArray(): T {
    return new this.type(this.buffer, 0, this.length);
  }
}

/** A term's count in one case, capped at 65,535 (a case never repeats a word that often; it halves the matrix's counts). */
const MAX_COUNT = 0xffff;

/**
 * The corpus as a sparse document-term count matrix (CSR: row = document), built in one streaming
 * pass. Every corpus-trained encoder (BM25 statistics, LSA) is fitted from it, so the text is
 * tokenized once per corpus version, never per encoder.
 */
export interface TermMatrix {
  terms: string[];
  /** Documents containing each term. */
  df: Int32Array;
  docCount: number;
  /** Row pointers: document d's entries are [rowPtr[d], rowPtr[d+1]). */
  rowPtr: Int32Array;
  termIds: Int32Array;
  counts: Uint16Array;
  /** Tokens per document (the BM25 length). */
  docLength: Int32Array;
}

export class TermMatrixBuilder {
  private readonly vocabulary = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly dfCounts = new GrowableInts(Int32Array);
  private readonly rowPtr = new GrowableInts(Int32Array);
  private readonly termIds = new GrowableInts(Int32Array);
  private readonly counts = new GrowableInts(Uint16Array);
  private readonly docLength = new GrowableInts(Int32Array);
  /**
   * Scratch for counting one document's terms without a Map (two hash operations per token were a
   * third of the tokenizing time): the last document each term was seen in and its slot there.
   */
  private readonly lastDoc: number[] = [];
  private readonly slot: number[] = [];
  private readonly docTerms: number[] = [];
  private readonly docCounts: number[] = [];

  constructor(private readonly tokenizer: TokenizerOptions = {}) {
    this.rowPtr.push(0);
  }

  get docCount(): number {
    return this.docLength.length;
  }

  addDocument(text: string): void {
    const doc = this.docLength.length;
    const { vocabulary, lastDoc, slot, docTerms, docCounts } = this;
    docTerms.length = 0;
    docCounts.length = 0;
    let length = 0;
    forEachToken(
      text,
      (token) => {
        let id = vocabulary.get(token);
        if (id === undefined) {
          id = this.terms.length;
          vocabulary.set(token, id);
          this.terms.push(token);
          this.dfCounts.push(0);
          lastDoc.push(-1);
          slot.push(0);
        }
        if (lastDoc[id] === doc) {
          docCounts[slot[id]!]!++;
        } else {
          lastDoc[id] = doc;
          slot[id] = docTerms.length;
          docTerms.push(id);
          docCounts.push(1);
        }
        length++;
      },
      this.tokenizer,
    );
    for (let i = 0; i < docTerms.length; i++) {
      this.termIds.push(docTerms[i]!);
      this.counts.push(Math.min(docCounts[i]!, MAX_COUNT));
      this.dfCounts.increment(docTerms[i]!);
    }
    this.rowPtr.push(this.termIds.length);
    this.docLength.push(length);
  }

  build(): TermMatrix {
    return {
      terms: this.terms,
      df: this.dfCounts.toArray(),
      docCount: this.docCount,
      rowPtr: this.rowPtr.toArray(),
      termIds: this.termIds.toArray(),
      counts: this.counts.toArray(),
      docLength: this.docLength.toArray(),
    };
  }
}
