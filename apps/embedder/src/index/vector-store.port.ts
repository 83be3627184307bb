import type { SearchFilters, Sex } from '@patientinsight/shared';
import type { Bm25Model } from './bm25/bm25-model.js';

/** A sparse vector as Pinecone takes it: sorted term indices and their weights. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** One document's terms: ids in the model's vocabulary, their counts, and its length in tokens. */
export interface TermCountRow {
  termIds: ArrayLike<number>;
  counts: ArrayLike<number>;
  length: number;
}

/** One case as a store keeps it: what search results show, plus its lexical and dense vectors. */
export interface IndexedCase {
  caseId: string;
  pmid: string | null;
  title: string;
  age: number | null;
  sex: Sex | null;
  snippet: string;
  /** The case's term ids and counts (the corpus version's vocabulary) and its length in tokens, for stores that keep BM25 postings. */
  termCounts?: TermCountRow;
  /** BM25 weights, for stores that take sparse vectors. */
  sparse?: SparseVector;
  dense: Float32Array | null;
}

export interface CandidateQuery {
  /** The query's BM25 term counts (`Bm25Model.encodeQuery`); absent when the query has no term the corpus knows. */
  lexical?: SparseVector;
  dense?: Float32Array;
  /** The request's filters as the API validated them (one type from request to store). */
  filter: SearchFilters;
  excludeIds: string[];
  /** Candidates wanted from each component. */
  limit: number;
  /** Hybrid weight of the dense side for stores that fuse server-side (Pinecone dotproduct). */
  denseWeight: number;
}

export interface Candidate {
  caseId: string;
  pmid: string | null;
  title: string;
  age: number | null;
  sex: Sex | null;
  snippet: string;
  /** BM25 score; absent when the case was not among the lexical candidates. */
  lexical?: number;
  /** Cosine of the query and case vectors. */
  dense?: number;
  /** The case's dense vector (pseudo-relevance feedback re-scores candidates with it). */
  vector?: Float32Array;
}

export type Component = 'lexical' | 'dense';

export interface CandidateResult {
  candidates: Candidate[];
  /** Components that failed; the search continues on the others and says it is degraded. */
  failures: { component: Component; error: Error }[];
}

export interface VersionWriter {
  /** Adds cases; the writer batches them within the store's request limits. */
  add(cases: IndexedCase[]): Promise<void>;
  /** Builds indexes; after this the version can serve searches. */
  finish(): Promise<void>;
}

/** Fields each store can filter on; a filter on anything else is a 400, never an empty success. */
export const FILTERABLE_FIELDS = ['ageMin', 'ageMax', 'sex'] as const satisfies readonly (keyof SearchFilters)[];

/** An append written but not yet visible: `commit` makes it the version's next state for new searches, `abort` discards it. */
export interface PreparedAppend {
  /** Cases in the version once committed (base and every append). */
  caseCount: number;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export abstract class VectorStore {
  abstract readonly kind: 'lancedb' | 'pinecone';
  abstract readonly filterableFields: readonly string[];
  /**
   * What the store's lexical side is built from: term counts for its own BM25 postings (`counts`)
   * or BM25 sparse vectors (`sparse`). The indexer computes only that one: each costs seconds at 167k cases.
   */
  abstract readonly lexicalInput: 'counts' | 'sparse';
  /** Whether `prepareAppend` can add cases to a version without a refit. */
  get canAppend(): boolean {
    return false;
  }
  /** Starts a new version beside the active one (a LanceDB table, a Pinecone namespace); `bm25` is the version's fitted model. */
  abstract beginVersion(versionId: string, options: { dimension: number | null; bm25: Bm25Model }): Promise<VersionWriter>;
  abstract search(versionId: string, query: CandidateQuery): Promise<CandidateResult>;
  /**
   * Adds cases to a version without refitting it (their term counts and vectors from the version's models).
   * Null when the store cannot append: the caller builds a new version instead.
   */
  prepareAppend(_versionId: string, _cases: IndexedCase[], _bm25: Bm25Model): Promise<PreparedAppend> | null {
    return null;
  }
  /** Prepares a version for its first search (a store that keeps versions in memory loads it); a no-op by default. */
  async warm(_versionId: string): Promise<void> {}
  abstract dropVersion(versionId: string): Promise<void>;
  abstract close(): Promise<void>;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const x = a.indices[i]!;
    const y = b.indices[j]!;
    if (x === y) sum += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}
