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
  /** Scratch: term id -> count within the current document. */
  private readonly current = new Map<number, number>();

  constructor(private readonly tokenizer: TokenizerOptions = {}) {
    this.rowPtr.push(0);
  }

  get docCount(): number {
    return this.docLength.length;
  }

  addDocument(text: string): void {
    const current = this.current;
    current.clear();
    let length = 0;
    forEachToken(
      text,
      (token) => {
        let id = this.vocabulary.get(token);
        if (id === undefined) {
          id = this.terms.length;
          this.vocabulary.set(token, id);
          this.terms.push(token);
          this.dfCounts.push(0);
        }
        current.set(id, (current.get(id) ?? 0) + 1);
        length++;
      },
      this.tokenizer,
    );
    for (const [id, count] of current) {
      this.termIds.push(id);
      this.counts.push(Math.min(count, MAX_COUNT));
      this.dfCounts.increment(id);
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
