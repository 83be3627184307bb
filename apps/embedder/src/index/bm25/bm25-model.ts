import { z } from 'zod';
import type { TermMatrix } from '../../text/term-matrix.js';
import { forEachToken, TOKENIZER_VERSION, type TokenizerOptions } from '../../text/tokenizer.js';
import type { SparseVector, TermCountRow } from '../vector-store.port.js';

export const BM25_MODEL_FORMAT = 'patientinsight.bm25/v1';

/** The persisted, versioned statistics: everything a query needs to be encoded against this corpus version. */
export const bm25ModelSchema = z.object({
  format: z.literal(BM25_MODEL_FORMAT),
  k1: z.number().positive(),
  b: z.number().min(0).max(1),
  docCount: z.number().int().nonnegative(),
  avgDocLength: z.number().nonnegative(),
  terms: z.array(z.string()),
  df: z.array(z.number().int().nonnegative()),
  negation: z.boolean(),
  /** The tokenizer the vocabulary was cut with; versions built before it was recorded read as 1, so their next addition refits. */
  tokenizerVersion: z.number().int().positive().default(1),
});
export type Bm25ModelData = z.infer<typeof bm25ModelSchema>;

/**
 * BM25 as a sparse encoder: a document's vector holds its BM25 term weights (idf times the saturated,
 * length-normalised term frequency) and a query's vector holds its term counts, so the dot product of
 * the two IS the BM25 score. That lets a dotproduct index (Pinecone sparse-dense) rank exactly like BM25.
 * Vocabulary and IDF come from the corpus version's cases only; query terms the corpus never saw are dropped.
 */
export class Bm25Model {
  private readonly vocabulary: Map<string, number>;
  readonly idf: Float32Array;

  constructor(readonly data: Bm25ModelData) {
    this.vocabulary = new Map(data.terms.map((t, i) => [t, i]));
    this.idf = new Float32Array(data.df.length);
    for (let i = 0; i < data.df.length; i++) this.idf[i] = bm25Idf(data.docCount, data.df[i]!);
  }

  static fit(matrix: TermMatrix, params: { k1: number; b: number; negation: boolean }): Bm25Model {
    let total = 0;
    for (let d = 0; d < matrix.docCount; d++) total += matrix.docLength[d]!;
    return new Bm25Model({
      format: BM25_MODEL_FORMAT,
      k1: params.k1,
      b: params.b,
      docCount: matrix.docCount,
      avgDocLength: matrix.docCount === 0 ? 0 : total / matrix.docCount,
      terms: matrix.terms,
      df: Array.from(matrix.df),
      negation: params.negation,
      tokenizerVersion: TOKENIZER_VERSION,
    });
  }

  static parse(json: unknown): Bm25Model {
    return new Bm25Model(bm25ModelSchema.parse(json));
  }

  get tokenizer(): TokenizerOptions {
    return { negation: this.data.negation };
  }

  termId(term: string): number | undefined {
    return this.vocabulary.get(term);
  }

  /** BM25 weight of one term in a document of `docLength` tokens: termFactor · tf / (tf + docNorm). */
  weight(termId: number, tf: number, docLength: number): number {
    return (this.termFactor(termId) * tf) / (tf + this.docNorm(docLength));
  }

  /** The term's part of its BM25 weight: idf · (k1 + 1). */
  termFactor(termId: number): number {
    return this.idf[termId]! * (this.data.k1 + 1);
  }

  /** The document's part of its BM25 weights: k1 · (1 − b + b · len / avgLen). */
  docNorm(docLength: number): number {
    const { k1, b, avgDocLength } = this.data;
    return k1 * (1 - b + (b * docLength) / (avgDocLength || 1));
  }

  /** Document `d` of the matrix the model was fitted on. */
  encodeMatrixRow(matrix: TermMatrix, d: number): SparseVector {
    const start = matrix.rowPtr[d]!;
    const end = matrix.rowPtr[d + 1]!;
    const pairs: [number, number][] = [];
    for (let p = start; p < end; p++)
      pairs.push([matrix.termIds[p]!, this.weight(matrix.termIds[p]!, matrix.counts[p]!, matrix.docLength[d]!)]);
    pairs.sort((x, y) => x[0] - y[0]);
    return { indices: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]) };
  }

  /** A document given as term counts in this model's vocabulary (a case appended after the fit): weights with the fit's idf and average length. */
  encodeTermCounts(row: TermCountRow): SparseVector {
    const pairs: [number, number][] = [];
    for (let i = 0; i < row.termIds.length; i++) pairs.push([row.termIds[i]!, this.weight(row.termIds[i]!, row.counts[i]!, row.length)]);
    pairs.sort((x, y) => x[0] - y[0]);
    return { indices: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]) };
  }

  /** Query term counts over the known vocabulary (the query side of the dot product). */
  encodeQuery(text: string): SparseVector {
    const counts = new Map<number, number>();
    forEachToken(
      text,
      (token) => {
        const id = this.vocabulary.get(token);
        if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
      },
      this.tokenizer,
    );
    const indices = [...counts.keys()].sort((x, y) => x - y);
    return { indices, values: indices.map((i) => counts.get(i)!) };
  }
}

export function bm25Idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}
