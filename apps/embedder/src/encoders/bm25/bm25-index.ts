import type { TermMatrix } from '../text/term-matrix.js';
import { forEachToken } from '../text/tokenizer.js';
import type { Bm25Model } from './bm25-model.js';

export interface ScoredDoc {
  doc: number;
  score: number;
}

/**
 * An in-memory BM25 inverted index over a TermMatrix (postings as typed arrays, term-at-a-time scoring).
 * The benchmark uses it for the plain-BM25 reference computed in the same run; it ranks exactly as the
 * sparse vectors of `Bm25Model` would in a dotproduct index.
 */
export class Bm25Index {
  private readonly postingPtr: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingWeights: Float32Array;

  constructor(
    private readonly model: Bm25Model,
    private readonly matrix: TermMatrix,
  ) {
    const termCount = matrix.terms.length;
    this.postingPtr = new Int32Array(termCount + 1);
    for (let p = 0; p < matrix.termIds.length; p++) this.postingPtr[matrix.termIds[p]! + 1]!++;
    for (let t = 0; t < termCount; t++) this.postingPtr[t + 1]! += this.postingPtr[t]!;
    const fill = this.postingPtr.slice(0, termCount);
    this.postingDocs = new Int32Array(matrix.termIds.length);
    this.postingWeights = new Float32Array(matrix.termIds.length);
    for (let d = 0; d < matrix.docCount; d++) {
      for (let p = matrix.rowPtr[d]!; p < matrix.rowPtr[d + 1]!; p++) {
        const t = matrix.termIds[p]!;
        const slot = fill[t]!++;
        this.postingDocs[slot] = d;
        this.postingWeights[slot] = model.weight(t, matrix.counts[p]!, matrix.docLength[d]!);
      }
    }
  }

  search(query: string, topK: number): ScoredDoc[] {
    const scores = new Float32Array(this.matrix.docCount);
    const queryCounts = new Map<number, number>();
    forEachToken(
      query,
      (token) => {
        const id = this.model.termId(token);
        if (id !== undefined) queryCounts.set(id, (queryCounts.get(id) ?? 0) + 1);
      },
      this.model.tokenizer,
    );
    for (const [t, qtf] of queryCounts) {
      for (let p = this.postingPtr[t]!; p < this.postingPtr[t + 1]!; p++) scores[this.postingDocs[p]!]! += qtf * this.postingWeights[p]!;
    }
    return topKOf(scores, topK);
  }
}

/** The k highest entries (score > 0), best first. */
export function topKOf(scores: Float32Array, k: number): ScoredDoc[] {
  const out: ScoredDoc[] = [];
  for (let d = 0; d < scores.length; d++) {
    const s = scores[d]!;
    if (s <= 0) continue;
    if (out.length < k) {
      out.push({ doc: d, score: s });
      if (out.length === k) out.sort((a, b) => b.score - a.score);
    } else if (s > out[k - 1]!.score) {
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
