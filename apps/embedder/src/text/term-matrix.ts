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

/**
 * Counts one document's terms without a Map per document (two hash operations per token were a third of the
 * tokenizing time): ids come from a vocabulary that grows with new terms, and the scratch remembers the last
 * document each term was seen in and its slot there. A row lists its terms in order of first appearance.
 */
class TermCounter {
  private readonly lastDoc: number[] = [];
  private readonly slot: number[] = [];
  private doc = 0;
  readonly docTerms: number[] = [];
  readonly docCounts: number[] = [];

  constructor(
    private readonly vocabulary: Map<string, number>,
    private readonly terms: string[],
    private readonly tokenizer: TokenizerOptions,
  ) {}

  /** Counts `text` into `docTerms`/`docCounts`, adding its new terms to the vocabulary; returns its length in tokens. */
  count(text: string): number {
    const doc = ++this.doc;
    const { vocabulary, terms, lastDoc, slot, docTerms, docCounts } = this;
    docTerms.length = 0;
    docCounts.length = 0;
    let length = 0;
    forEachToken(
      text,
      (token) => {
        let id = vocabulary.get(token);
        if (id === undefined) {
          id = terms.length;
          vocabulary.set(token, id);
          terms.push(token);
        }
        // Terms another thread's documents brought in (TermMatrixBuilder.addEncoded) have no scratch yet.
        while (lastDoc.length <= id) lastDoc.push(-1), slot.push(0);
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
    return length;
  }
}

/**
 * Documents tokenized on one thread against that thread's own vocabulary, for a TermMatrixBuilder on another
 * thread to append (`addEncoded`): `newTerms` names the ids this batch introduced, in id order, so the builder
 * maps each id once and the matrix is the one it would have built from the texts.
 */
export interface EncodedDocuments {
  newTerms: string[];
  /** Row pointers of this batch, from 0. */
  rowPtr: Int32Array;
  termIds: Int32Array;
  counts: Uint16Array;
  docLength: Int32Array;
}

/** Tokenizes batches of documents into `EncodedDocuments`, with one vocabulary across its batches. */
export class DocumentEncoder {
  private readonly terms: string[] = [];
  private readonly counter: TermCounter;

  constructor(tokenizer: TokenizerOptions = {}) {
    this.counter = new TermCounter(new Map(), this.terms, tokenizer);
  }

  encode(docs: string[]): EncodedDocuments {
    const known = this.terms.length;
    const rowPtr = new Int32Array(docs.length + 1);
    const docLength = new Int32Array(docs.length);
    const termIds: number[] = [];
    const counts: number[] = [];
    const { docTerms, docCounts } = this.counter;
    for (const [d, doc] of docs.entries()) {
      docLength[d] = this.counter.count(doc);
      for (let i = 0; i < docTerms.length; i++) {
        termIds.push(docTerms[i]!);
        counts.push(Math.min(docCounts[i]!, MAX_COUNT));
      }
      rowPtr[d + 1] = termIds.length;
    }
    return {
      newTerms: this.terms.slice(known),
      rowPtr,
      termIds: Int32Array.from(termIds),
      counts: Uint16Array.from(counts),
      docLength,
    };
  }
}

export class TermMatrixBuilder {
  private readonly vocabulary = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly dfCounts = new GrowableInts(Int32Array);
  private readonly rowPtr = new GrowableInts(Int32Array);
  private readonly termIds = new GrowableInts(Int32Array);
  private readonly counts = new GrowableInts(Uint16Array);
  private readonly docLength = new GrowableInts(Int32Array);
  private readonly counter: TermCounter;
  /** An encoder's term id → this matrix's (`addEncoded`). */
  private readonly encodedTerm: number[] = [];

  constructor(tokenizer: TokenizerOptions = {}) {
    this.counter = new TermCounter(this.vocabulary, this.terms, tokenizer);
    this.rowPtr.push(0);
  }

  get docCount(): number {
    return this.docLength.length;
  }

  addDocument(text: string): void {
    const length = this.counter.count(text);
    while (this.dfCounts.length < this.terms.length) this.dfCounts.push(0);
    const { docTerms, docCounts } = this.counter;
    for (let i = 0; i < docTerms.length; i++) {
      this.termIds.push(docTerms[i]!);
      this.counts.push(Math.min(docCounts[i]!, MAX_COUNT));
      this.dfCounts.increment(docTerms[i]!);
    }
    this.rowPtr.push(this.termIds.length);
    this.docLength.push(length);
  }

  /** Appends the documents one DocumentEncoder tokenized (its batches in order, as they were encoded). */
  addEncoded(batch: EncodedDocuments): void {
    for (const term of batch.newTerms) {
      let id = this.vocabulary.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.vocabulary.set(term, id);
        this.terms.push(term);
        this.dfCounts.push(0);
      }
      this.encodedTerm.push(id);
    }
    const { rowPtr, termIds, counts, docLength } = batch;
    for (let d = 0; d < docLength.length; d++) {
      for (let p = rowPtr[d]!; p < rowPtr[d + 1]!; p++) {
        const id = this.encodedTerm[termIds[p]!]!;
        this.termIds.push(id);
        this.counts.push(counts[p]!);
        this.dfCounts.increment(id);
      }
      this.rowPtr.push(this.termIds.length);
      this.docLength.push(docLength[d]!);
    }
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
