import type { Candidate } from '../index/vector-store.port.js';
import { dot } from '../index/vector-store.port.js';

export interface FusionSettings {
  fusion: 'weighted' | 'rrf';
  denseWeight: number;
  rrfK: number;
  feedbackDocs: number;
  feedbackWeight: number;
  demographicPrior: number;
  /**
   * How the lexical (BM25) score is put on [0, 1] for weighted fusion:
   * - minmax: (s − min)/(max − min) over the lexical candidates; a case the lexical component did not
   *   return scores at most the list's minimum, so it gets 0 (the normalised minimum);
   * - max: s/max, a missing case 0.
   */
  normalization: 'minmax' | 'max';
  /** Score regularisation weight α (0 = off): fused ← (1 − α)·fused + α·(mean fused score of its nearest candidates). */
  regularization: number;
  /** Nearest candidates (cosine of the case vectors) each case is smoothed with. */
  regularizationNeighbours: number;
  /** Only the best this many fused candidates are regularised (and are each other's neighbours). */
  regularizationCandidates: number;
}

/** The patient's age and sex as the search request carries them (`patient`), never parsed from the query text. */
export interface QueryDemographics {
  age: number | null;
  sex: 'F' | 'M' | null;
}

export function patientDemographics(patient: { age?: number; sex?: 'F' | 'M' } | undefined): QueryDemographics {
  return { age: patient?.age ?? null, sex: patient?.sex ?? null };
}

export interface FusedCandidate {
  candidate: Candidate;
  lexical?: number;
  /** The lexical score as weighted fusion used it (see `normalization`). */
  lexicalNormalized?: number;
  dense?: number;
  feedback?: number;
  /** Mean fused score of the case's nearest candidates, when the score was regularised. */
  neighbours?: number;
  prior?: number;
  fused: number;
}

/**
 * Fuses the components' candidates into one ranking, keeping every component score.
 * - weighted: (1 − w)·lexical′ + w·cosine, where lexical′ is BM25 put on [0, 1] over this query's
 *   lexical candidates (min-max by default, see `normalization`): BM25 has no fixed scale, the cosine
 *   is already on [−1, 1].
 * - rrf: Σ 1/(k + rank) over the components that ranked the case (Cormack et al. 2009).
 * Pseudo-relevance feedback (Rocchio in the dense space): after a first fusion, the top
 * `feedbackDocs` cases' vectors are added to the query vector (weight `feedbackWeight`), the cosine
 * is recomputed for every candidate and the fusion is redone with it. Candidates only: no extra query.
 * Score regularisation (Diaz, "Regularizing ad hoc retrieval scores", CIKM 2005): after each fusion,
 * the best `regularizationCandidates` cases are smoothed with their `regularizationNeighbours` nearest
 * cases among them (cosine of the case vectors), fused ← (1 − α)·fused + α·mean(neighbours' fused):
 * similar cases should score alike (the cluster hypothesis). One smoothing step, candidates only; a
 * case below the regularised set keeps its score, which is never above theirs, so it stays below.
 * The feedback documents are chosen after the first regularisation. Weighted fusion only. `similarity`, when
 * given, replaces the vectors' cosine in choosing the neighbours (bench/retrieval-probe.ts; the search passes none).
 * The optional demographic prior adds `demographicPrior`·(½·same sex + ½·e^(−|Δage|/10)).
 */
export function fuseCandidates(
  candidates: Candidate[],
  queryVector: Float32Array | null,
  demographics: QueryDemographics,
  settings: FusionSettings,
  similarity?: CandidateSimilarity,
): FusedCandidate[] {
  const useLexical = candidates.some((c) => c.lexical !== undefined);
  const useDense = queryVector !== null && candidates.some((c) => c.dense !== undefined);
  const lexicalNormalized = normalizeLexical(candidates, settings.normalization);

  const score = (denseOf: (c: Candidate) => number | undefined): Map<Candidate, number> => {
    const out = new Map<Candidate, number>();
    if (settings.fusion === 'rrf') {
      const add = (ranked: Candidate[]) => {
        for (const [i, c] of ranked.entries()) out.set(c, (out.get(c) ?? 0) + 1 / (settings.rrfK + i + 1));
      };
      for (const c of candidates) out.set(c, 0);
      if (useLexical) add(candidates.filter((c) => c.lexical !== undefined).sort((a, b) => b.lexical! - a.lexical!));
      if (useDense) add(candidates.filter((c) => denseOf(c) !== undefined).sort((a, b) => denseOf(b)! - denseOf(a)!));
      return out;
    }
    const w = useLexical && useDense ? settings.denseWeight : useDense ? 1 : 0;
    for (const c of candidates) out.set(c, (1 - w) * (lexicalNormalized.get(c) ?? 0) + w * (denseOf(c) ?? 0));
    return out;
  };

  let neighbours = new Map<Candidate, number>();
  // Two passes (before and after feedback) regularise at most twice the candidates.
  const cosines =
    similarity ??
    (settings.regularization > 0 ? new CosineCache(Math.min(candidates.length, 2 * settings.regularizationCandidates)) : undefined);
  const regularize = (scores: Map<Candidate, number>): Map<Candidate, number> => {
    // RRF scores have almost no spread (1/(k + rank)): smoothing swamps them (it lost quality in a probe).
    if (settings.fusion !== 'weighted') return scores;
    const r = regularizeScores(scores, settings, cosines);
    neighbours = r.neighbours;
    return r.scores;
  };

  let fused = regularize(score((c) => c.dense));
  const feedback = new Map<Candidate, number>();
  if (useDense && settings.feedbackDocs > 0 && settings.feedbackWeight > 0) {
    const top = [...fused]
      .sort((a, b) => b[1] - a[1])
      .slice(0, settings.feedbackDocs)
      .map(([c]) => c)
      .filter((c) => c.vector);
    if (top.length > 0) {
      const expanded = Float32Array.from(queryVector);
      for (const c of top) for (let k = 0; k < expanded.length; k++) expanded[k]! += (settings.feedbackWeight * c.vector![k]!) / top.length;
      const norm = Math.sqrt(dot(expanded, expanded)) || 1;
      for (const c of candidates) if (c.vector) feedback.set(c, dot(expanded, c.vector) / norm);
      fused = regularize(score((c) => feedback.get(c)));
    }
  }
  return candidates.map((c) => {
    const prior = settings.demographicPrior > 0 ? settings.demographicPrior * demographicAgreement(demographics, c) : undefined;
    return {
      candidate: c,
      lexical: c.lexical,
      lexicalNormalized: settings.fusion === 'weighted' ? lexicalNormalized.get(c) : undefined,
      dense: c.dense,
      feedback: feedback.get(c),
      neighbours: neighbours.get(c),
      prior,
      fused: fused.get(c)! + (prior ?? 0),
    };
  });
}

/** Lexical scores on [0, 1] for weighted fusion (only the cases the lexical component returned). */
export function normalizeLexical(candidates: Candidate[], normalization: FusionSettings['normalization']): Map<Candidate, number> {
  const out = new Map<Candidate, number>();
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c.lexical === undefined) continue;
    max = Math.max(max, c.lexical);
    min = Math.min(min, c.lexical);
  }
  for (const c of candidates) {
    if (c.lexical === undefined) continue;
    if (normalization === 'max') out.set(c, max > 0 ? c.lexical / max : 0);
    // One distinct score (a single lexical candidate, say): each of them matched, the best there is.
    else out.set(c, max > min ? (c.lexical - min) / (max - min) : 1);
  }
  return out;
}

/** Pairwise similarity of candidates (row-major n × n; the diagonal is not read), as score regularisation uses it. */
export interface CandidateSimilarity {
  between(cs: Candidate[]): Float64Array;
}

/**
 * Cosines between candidates' vectors, each pair computed once for up to `capacity` distinct candidates
 * (both regularisation passes of a search share one; beyond the capacity it computes without caching).
 */
export class CosineCache implements CandidateSimilarity {
  private readonly ids = new Map<Candidate, number>();
  private readonly norms: Float64Array;
  private readonly cache: Float64Array;

  constructor(private readonly capacity: number) {
    this.norms = new Float64Array(capacity);
    this.cache = new Float64Array(capacity * capacity).fill(Number.NaN);
  }

  /** The n × n cosine matrix of `cs` (row-major; the diagonal is not filled). */
  between(cs: Candidate[]): Float64Array {
    const n = cs.length;
    const out = new Float64Array(n * n);
    const ids = cs.map((c) => this.id(c));
    const norms = cs.map((c, i) => (ids[i] === undefined ? Math.sqrt(dot(c.vector!, c.vector!)) || 1 : this.norms[ids[i]!]!));
    const { cache, capacity } = this;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = ids[i];
        const b = ids[j];
        let s = a !== undefined && b !== undefined ? cache[a * capacity + b]! : Number.NaN;
        if (Number.isNaN(s)) {
          s = dot(cs[i]!.vector!, cs[j]!.vector!) / (norms[i]! * norms[j]!);
          if (a !== undefined && b !== undefined) {
            cache[a * capacity + b] = s;
            cache[b * capacity + a] = s;
          }
        }
        out[i * n + j] = s;
        out[j * n + i] = s;
      }
    }
    return out;
  }

  private id(c: Candidate): number | undefined {
    let i = this.ids.get(c);
    if (i === undefined && this.ids.size < this.capacity) {
      i = this.ids.size;
      this.ids.set(c, i);
      this.norms[i] = Math.sqrt(dot(c.vector!, c.vector!)) || 1;
    }
    return i;
  }
}

/**
 * One step of score regularisation over the candidates' similarity graph (see `fuseCandidates`).
 * Returns the new scores and, for each regularised case, the mean score of its neighbours.
 */
export function regularizeScores(
  scores: Map<Candidate, number>,
  settings: Pick<FusionSettings, 'regularization' | 'regularizationNeighbours' | 'regularizationCandidates'>,
  cosines: CandidateSimilarity = new CosineCache(settings.regularizationCandidates),
): { scores: Map<Candidate, number>; neighbours: Map<Candidate, number> } {
  const alpha = settings.regularization;
  const neighbours = new Map<Candidate, number>();
  if (alpha <= 0 || settings.regularizationNeighbours < 1) return { scores, neighbours };
  const top = [...scores]
    .filter(([c]) => c.vector)
    .sort((a, b) => b[1] - a[1] || a[0].caseId.localeCompare(b[0].caseId))
    .slice(0, settings.regularizationCandidates);
  const n = top.length;
  const k = Math.min(settings.regularizationNeighbours, n - 1);
  if (k < 1) return { scores, neighbours };
  const cosine = cosines.between(top.map(([c]) => c));
  const out = new Map(scores);
  // The k most similar others of each case, by insertion (k is small); ties keep the better-scored case.
  const bestSim = new Float64Array(k);
  const bestScore = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let filled = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const sim = cosine[i * n + j]!;
      if (filled === k && sim <= bestSim[k - 1]!) continue;
      let at = filled < k ? filled++ : k - 1;
      while (at > 0 && bestSim[at - 1]! < sim) {
        bestSim[at] = bestSim[at - 1]!;
        bestScore[at] = bestScore[at - 1]!;
        at--;
      }
      bestSim[at] = sim;
      bestScore[at] = top[j]![1];
    }
    let sum = 0;
    for (let r = 0; r < k; r++) sum += bestScore[r]!;
    const mean = sum / k;
    const [c, own] = top[i]!;
    neighbours.set(c, mean);
    out.set(c, (1 - alpha) * own + alpha * mean);
  }
  return { scores: out, neighbours };
}

export function demographicAgreement(q: QueryDemographics, c: { age: number | null; sex: 'F' | 'M' | null }): number {
  let p = 0;
  if (q.sex && c.sex === q.sex) p += 0.5;
  if (q.age !== null && c.age !== null) p += 0.5 * Math.exp(-Math.abs(c.age - q.age) / 10);
  return p;
}
