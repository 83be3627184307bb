import type { SparseVector } from '../vector-store.port.js';
import type { ScoredDoc } from './bm25-index.js';

/** One set of postings: term t's documents (ascending) and term frequencies are [ptr[t], ptr[t + 1]). */
export interface PostingSource {
  ptr: Int32Array;
  docs: Int32Array;
  tfs: Uint8Array;
}

/**
 * What a BM25 top k is computed from: the postings (a version's base, plus the appended cases' when there are
 * any; a document is in one of them), idf·(k1 + 1) per term and k1·(1 − b + b·len/avgLen) per document.
 */
export interface PostingLists {
  readonly sources: readonly PostingSource[];
  readonly termFactor: Float32Array;
  readonly docNorm: Float32Array;
}

/**
 * Relative slack on every bound: scores are float32 sums added in another order than the exhaustive loop's, so a
 * bound is loosened until rounding cannot make it cut a document the exhaustive top k keeps.
 */
const SLACK = 1e-4;

/**
 * Scratch of one index, reused by its searches (a search runs to its end on one thread). Between searches the
 * accumulator and the marks are zero: a search clears what it touched, not the whole corpus.
 */
export class TopKScratch {
  readonly scores: Float32Array;
  /** Documents reached, in the order reached. */
  readonly touched: Int32Array;
  readonly mark: Uint8Array;
  /** Per term, the largest tf / (tf + norm) of its postings (NaN until a query first uses the term). */
  readonly maxFraction: Float64Array;
  /**
   * The pruning's candidates and their partial and exact scores. Held here rather than allocated per search: arrays
   * this large live outside V8's heap, and their churn set off a full garbage collection every few dozen searches.
   */
  readonly candidates: Int32Array;
  readonly partial: Float64Array;
  readonly exact: Float32Array;
  constructor(docCount: number, termCount: number) {
    this.scores = new Float32Array(docCount);
    this.touched = new Int32Array(docCount);
    this.mark = new Uint8Array(docCount);
    this.maxFraction = new Float64Array(termCount).fill(Number.NaN);
    this.candidates = new Int32Array(docCount);
    this.partial = new Float64Array(docCount);
    this.exact = new Float32Array(docCount);
  }
}

/**
 * The k best documents that `accept` keeps (all when it is undefined), best first, as `exhaustiveTopK` ranks them.
 * Without a filter the postings are pruned (`prunedTopK`). With one they are all scored: a filter keeps a small
 * share of the cases, so the k-th best it keeps scores too low to prune much, and asking it of every case the
 * postings reach cost more than the pruning saved (measured at 167k cases with the age/sex filter).
 */
export function topK(
  lists: PostingLists,
  scratch: TopKScratch,
  query: SparseVector,
  k: number,
  accept?: (doc: number) => boolean,
): ScoredDoc[] {
  return accept ? exhaustiveTopK(lists, query, k, accept, scratch.scores) : prunedTopK(lists, scratch, query, k);
}

interface QueryTerm {
  t: number;
  factor: number;
  bound: number;
  postings: number;
}

/**
 * A galloping search per candidate costs about this many posting reads: candidate mode starts only when its
 * estimated cost for the terms left is below that of reading their postings in full.
 */
const GALLOP_COST = 1;

/**
 * The k best documents for a query (term ids and counts), best first, exactly as scoring every posting would
 * rank them (`exhaustiveTopK`: same scores to the last bit, ties by document number), with MaxScore pruning
 * (Turtle & Flood 1995) term at a time: terms go from the highest score bound to the lowest; once the bounds of
 * the terms left sum below the k-th best partial score, no document they alone reach can enter the top k, so
 * they are read only where a remaining candidate sits (a galloping search in their document-ordered postings),
 * and candidates whose bound falls below the k-th best are dropped as terms pass. The common terms, which hold
 * most of a long query's postings and add least to a score, are then never scanned in full. The candidates left
 * are scored again in the query's term order, as the exhaustive loop adds them, so the scores are the same.
 */
export function prunedTopK(lists: PostingLists, scratch: TopKScratch, query: SparseVector, k: number): ScoredDoc[] {
  if (k <= 0) return [];
  const { sources, termFactor, docNorm } = lists;
  const { scores } = scratch;
  const terms: QueryTerm[] = [];
  for (let i = 0; i < query.indices.length; i++) {
    const t = query.indices[i]!;
    if (t < 0 || t >= termFactor.length) continue;
    const factor = query.values[i]! * termFactor[t]!;
    const bound = factor * maxFraction(lists, scratch, t);
    let postings = 0;
    for (const { ptr } of sources) postings += ptr[t + 1]! - ptr[t]!;
    if (bound > 0) terms.push({ t, factor, bound, postings });
  }
  if (terms.length === 0) return [];
  // In query order for the final scores; by bound, highest first, for the pruning.
  const inQueryOrder = terms.slice();
  terms.sort((a, b) => b.bound - a.bound);
  const rest = new Float64Array(terms.length + 1);
  for (let j = terms.length - 1; j >= 0; j--) rest[j] = rest[j + 1]! + terms[j]!.bound * (1 + SLACK);
  // Postings of the terms from j on.
  const restPostings = new Float64Array(terms.length + 1);
  for (let j = terms.length - 1; j >= 0; j--) restPostings[j] = restPostings[j + 1]! + terms[j]!.postings;
  /** What candidate mode would cost from term j on for c candidates, in posting reads (a galloping search each). */
  const gallopCost = (j: number, c: number): number => {
    let cost = 0;
    for (let i = j; i < terms.length; i++) cost += c * Math.log2(1 + terms[i]!.postings / c);
    return GALLOP_COST * cost;
  };

  const { touched } = scratch;
  let touchedCount = 0;
  let best = 0;
  let j = 0;
  let threshold = 0;
  let thresholdCurrent = false;
  // A check reads every touched document, so it waits until it can succeed: the k-th best partial score rises by
  // at most the bounds of the terms read since the last check, and candidate mode must have become cheaper.
  let checkBelow = Number.POSITIVE_INFINITY;
  let checkPostings = Number.POSITIVE_INFINITY;
  // Phase 1: every posting of the terms with the highest bounds, until the terms left cannot lift an unseen document into the top k.
  for (; j < terms.length; j++) {
    if (rest[j]! < best && rest[j]! < checkBelow && restPostings[j]! <= checkPostings) {
      threshold = kthLargest(touched, touchedCount, scores, k);
      thresholdCurrent = true;
      if (threshold * (1 - SLACK) > rest[j]!) {
        const floor = (threshold * (1 - SLACK) - rest[j]!) / (1 + SLACK);
        let c = 0;
        for (let i = 0; i < touchedCount; i++) if (scores[touched[i]!]! >= floor) c++;
        if (gallopCost(j, c) < restPostings[j]!) break;
        checkPostings = 0.75 * restPostings[j]!;
      } else {
        checkBelow = (threshold + rest[j]!) / 2;
      }
    }
    thresholdCurrent = false;
    const { t, factor } = terms[j]!;
    for (const { ptr, docs, tfs } of sources) {
      const end = ptr[t + 1]!;
      for (let p = ptr[t]!; p < end; p++) {
        const d = docs[p]!;
        const tf = tfs[p]!;
        const before = scores[d]!;
        if (before === 0) touched[touchedCount++] = d;
        const s = before + (factor * tf) / (tf + docNorm[d]!);
        scores[d] = s;
        if (s > best) best = s;
      }
    }
  }
  if (!thresholdCurrent) threshold = kthLargest(touched, touchedCount, scores, k);

  // Phase 2: candidates are the documents whose bound still reaches the k-th best partial score.
  const floor = Math.max(Number.MIN_VALUE, (threshold * (1 - SLACK) - rest[j]!) / (1 + SLACK));
  let candidates = ascending(scratch, touchedCount, floor);
  let partial = scratch.partial.subarray(0, candidates.length);
  for (let i = 0; i < candidates.length; i++) partial[i] = scores[candidates[i]!]!;
  for (let i = 0; i < touchedCount; i++) scores[touched[i]!] = 0;

  for (; j < terms.length && candidates.length > 0; j++) {
    const { t, factor } = terms[j]!;
    for (const { ptr, docs, tfs } of sources) addWhereCandidates(candidates, partial, ptr[t]!, ptr[t + 1]!, docs, tfs, factor, docNorm);
    const left = rest[j + 1]!;
    if (candidates.length > k) {
      threshold = Math.max(threshold, kthLargestOf(partial, k));
      const reach = (threshold * (1 - SLACK) - left) / (1 + SLACK);
      let kept = 0;
      for (let i = 0; i < candidates.length; i++) {
        if (partial[i]! >= reach) {
          candidates[kept] = candidates[i]!;
          partial[kept++] = partial[i]!;
        }
      }
      candidates = candidates.subarray(0, kept);
      partial = partial.subarray(0, kept);
    }
  }

  // The survivors scored again as the exhaustive loop adds: term by term in query order, rounded to float32 at each step.
  const exact = scratch.exact.subarray(0, candidates.length).fill(0);
  for (const { t, factor } of inQueryOrder) {
    for (const { ptr, docs, tfs } of sources) addWhereCandidates(candidates, exact, ptr[t]!, ptr[t + 1]!, docs, tfs, factor, docNorm);
  }
  const out: ScoredDoc[] = [];
  for (let i = 0; i < candidates.length; i++) if (exact[i]! > 0) out.push({ doc: candidates[i]!, score: exact[i]! });
  out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return out.length > k ? out.slice(0, k) : out;
}

/**
 * Adds term t's contribution to the candidates (ascending) that its postings [from, to) hold: a galloping search
 * from one candidate to the next, so a long list costs about its candidates' count times a logarithm.
 */
function addWhereCandidates(
  candidates: Int32Array,
  into: Float64Array | Float32Array,
  from: number,
  to: number,
  docs: Int32Array,
  tfs: Uint8Array,
  factor: number,
  docNorm: Float32Array,
): void {
  let p = from;
  for (let i = 0; i < candidates.length && p < to; i++) {
    const d = candidates[i]!;
    if (docs[p]! < d) {
      // Gallop: double the step until past d, then binary search the last step.
      let step = 1;
      let lo = p;
      let hi = p + 1;
      while (hi < to && docs[hi]! < d) {
        lo = hi;
        step *= 2;
        hi = lo + step;
      }
      if (hi > to) hi = to;
      // docs[lo] < d; the first position with docs >= d is in (lo, hi].
      while (lo + 1 < hi) {
        const mid = (lo + hi) >>> 1;
        if (docs[mid]! < d) lo = mid;
        else hi = mid;
      }
      p = hi;
      if (p >= to) break;
    }
    if (docs[p] === d) {
      const tf = tfs[p]!;
      into[i] = into[i]! + (factor * tf) / (tf + docNorm[d]!);
      p++;
    }
  }
}

/**
 * The first n touched documents whose score reaches `floor`, in ascending order: sorted when they are few, else
 * marked and read back in one pass over the marks (cheaper than sorting tens of thousands).
 */
function ascending(scratch: TopKScratch, n: number, floor: number): Int32Array {
  const { scores, mark, touched } = scratch;
  let count = 0;
  let lo = mark.length;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const d = touched[i]!;
    if (scores[d]! >= floor) {
      count++;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
  }
  const out = scratch.candidates.subarray(0, count);
  if (count * 64 < hi - lo) {
    let c = 0;
    for (let i = 0; i < n; i++) if (scores[touched[i]!]! >= floor) out[c++] = touched[i]!;
    return out.sort();
  }
  for (let i = 0; i < n; i++) if (scores[touched[i]!]! >= floor) mark[touched[i]!] = 1;
  let c = 0;
  for (let d = lo; d <= hi; d++) {
    if (mark[d] === 1) {
      mark[d] = 0;
      out[c++] = d;
    }
  }
  return out;
}

/** Term t's largest tf / (tf + norm) over its postings, computed once per index and term. */
function maxFraction(lists: PostingLists, scratch: TopKScratch, t: number): number {
  let m = scratch.maxFraction[t]!;
  if (Number.isNaN(m)) {
    m = 0;
    const { docNorm } = lists;
    for (const { ptr, docs, tfs } of lists.sources) {
      const end = ptr[t + 1]!;
      for (let p = ptr[t]!; p < end; p++) {
        const tf = tfs[p]!;
        const f = tf / (tf + docNorm[docs[p]!]!);
        if (f > m) m = f;
      }
    }
    scratch.maxFraction[t] = m;
  }
  return m;
}

/** The k-th largest score of the first n touched documents (0 when there are fewer than k). */
function kthLargest(touched: Int32Array, n: number, scores: Float32Array, k: number): number {
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[touched[i]!]!;
    if (size === k && s <= heap[0]!) continue;
    size = pushBounded(heap, size, k, s);
  }
  return size === k ? heap[0]! : 0;
}

function kthLargestOf(values: Float64Array, k: number): number {
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const s = values[i]!;
    if (size === k && s <= heap[0]!) continue;
    size = pushBounded(heap, size, k, s);
  }
  return size === k ? heap[0]! : 0;
}

/** A min-heap of the k largest values seen: pushes s (replacing the minimum once full) and returns the new size. */
function pushBounded(heap: Float64Array, size: number, k: number, s: number): number {
  let i: number;
  if (size < k) {
    i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= s) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = s;
    return size;
  }
  i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const c = r < size && heap[r]! < heap[l]! ? r : l;
    if (heap[c]! >= s) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = s;
  return size;
}

/**
 * The definition `prunedTopK` keeps to: every posting of every query term added into one float32 accumulator, term
 * by term in query order, then the k best accepted documents (score > 0), ties by document number. Tests compare.
 */
export function exhaustiveTopK(
  lists: PostingLists,
  query: SparseVector,
  k: number,
  accept?: (doc: number) => boolean,
  /** All zero, and left so. */
  scores: Float32Array = new Float32Array(lists.docNorm.length),
): ScoredDoc[] {
  const { sources, termFactor, docNorm } = lists;
  for (let i = 0; i < query.indices.length; i++) {
    const t = query.indices[i]!;
    if (t < 0 || t >= termFactor.length) continue;
    const factor = query.values[i]! * termFactor[t]!;
    for (const { ptr, docs, tfs } of sources) {
      const end = ptr[t + 1]!;
      for (let p = ptr[t]!; p < end; p++) {
        const d = docs[p]!;
        const tf = tfs[p]!;
        scores[d]! += (factor * tf) / (tf + docNorm[d]!);
      }
    }
  }
  const top = topKOf(scores, k, accept);
  scores.fill(0);
  return top;
}

/** The k highest entries (score > 0) that `accept` keeps, best first. */
function topKOf(scores: Float32Array, k: number, accept?: (doc: number) => boolean): ScoredDoc[] {
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
