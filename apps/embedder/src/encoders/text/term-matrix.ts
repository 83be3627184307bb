import { forEachToken, type TokenizerOptions } from './tokenizer.js';

/** A typed array that grows by doubling: the corpus is read once, its size is not known up front. */
export class GrowableInt32 {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  increment(index: number): void {
    this.data[index]++;
  }
  /** A right-sized copy; the builder's buffer can then be dropped. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

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
  counts: Int32Array;
  /** Tokens per document (the BM25 length). */
  docLength: Int32Array;
}

export class TermMatrixBuilder {
  private readonly vocabulary = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly dfCounts = new GrowableInt32(4096);
  private readonly rowPtr = new GrowableInt32(4096);
  private readonly termIds = new GrowableInt32(1 << 16);
  private readonly counts = new GrowableInt32(1 << 16);
  private readonly docLength = new GrowableInt32(4096);
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
      this.counts.push(count);
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
