import { forEachToken, type TokenizerOptions } from './tokenizer.js';

type IntArray = Int32Array | Uint16Array;

/**
 * An append-only typed array for data whose size is not known up front (the corpus is read once).
 * It grows in fixed chunks rather than by doubling: at 38M entries doubling held 2.7 times the data at
 * its peak (old buffer, new buffer, final copy); chunks hold at most twice, and only while `toArray` copies.
 */
export class GrowableInts<T extends IntArray> {
  private readonly chunks: T[] = [];
  private current: T;
  private used = 0;
  length = 0;
  constructor(
    private readonly make: (size: number) => T,
    private readonly chunkSize = 1 << 20,
  ) {
    this.current = make(chunkSize);
    this.chunks.push(this.current);
  }
  push(value: number): void {
    if (this.used === this.chunkSize) {
      this.current = this.make(this.chunkSize);
      this.chunks.push(this.current);
      this.used = 0;
    }
    this.current[this.used++] = value;
    this.length++;
  }
  increment(index: number): void {
    this.chunks[Math.floor(index / this.chunkSize)]![index % this.chunkSize]++;
  }
  /** The values as one right-sized array (the builder is dropped after this, and its chunks with it). */
  toArray(): T {
    const out = this.make(this.length);
    for (let c = 0, offset = 0; offset < this.length; c++, offset += this.chunkSize) {
      const chunk = this.chunks[c]!;
      out.set(chunk.subarray(0, Math.min(this.chunkSize, this.length - offset)) as never, offset);
    }
    return out;
  }
}

const int32s = (size: number) => new Int32Array(size);
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
  private readonly dfCounts = new GrowableInts(int32s, 1 << 14);
  private readonly rowPtr = new GrowableInts(int32s, 1 << 14);
  private readonly termIds = new GrowableInts(int32s);
  private readonly counts = new GrowableInts((size) => new Uint16Array(size));
  private readonly docLength = new GrowableInts(int32s, 1 << 14);
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
