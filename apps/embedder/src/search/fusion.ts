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

export interface QueryDemographics {
  age: number | null;
  sex: 'F' | 'M' | null;
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
 * The feedback documents are chosen after the first regularisation. Weighted fusion only.
 * The optional demographic prior adds `demographicPrior`·(½·same sex + ½·e^(−|Δage|/10)).
 */
export function fuseCandidates(candidates: Candidate[], queryVector: Float32Array | null, demographics: QueryDemographics, settings: FusionSettings): FusedCandidate[] {
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
  const regularize = (scores: Map<Candidate, number>): Map<Candidate, number> => {
    // RRF scores have almost no spread (1/(k + rank)): smoothing swamps them (nDCG@10 0.77 -> 0.73 in a probe).
    if (settings.fusion !== 'weighted') return scores;
    const r = regularizeScores(scores, settings);
    neighbours = r.neighbours;
    return r.scores;
  };

  let fused = regularize(score((c) => c.dense));
  const feedback = new Map<Candidate, number>();
  if (useDense && settings.feedbackDocs > 0 && settings.feedbackWeight > 0) {
    const top = [...fused].sort((a, b) => b[1] - a[1]).slice(0, settings.feedbackDocs).map(([c]) => c).filter((c) => c.vector);
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

/**
 * One step of score regularisation over the candidates' similarity graph (see `fuseCandidates`).
 * Returns the new scores and, for each regularised case, the mean score of its neighbours.
 */
export function regularizeScores(
  scores: Map<Candidate, number>,
  settings: Pick<FusionSettings, 'regularization' | 'regularizationNeighbours' | 'regularizationCandidates'>,
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
  const norms = top.map(([c]) => Math.sqrt(dot(c.vector!, c.vector!)) || 1);
  const cosine = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = dot(top[i]![0].vector!, top[j]![0].vector!) / (norms[i]! * norms[j]!);
      cosine[i * n + j] = s;
      cosine[j * n + i] = s;
    }
  }
  const out = new Map(scores);
  const others = new Array<number>(n - 1);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) if (j !== i) others[m++] = j;
    others.sort((a, b) => cosine[i * n + b]! - cosine[i * n + a]! || a - b);
    let sum = 0;
    for (let r = 0; r < k; r++) sum += top[others[r]!]![1];
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

const AGE_PATTERN = /\b(\d{1,3}(?:\.\d+)?)[- ](year|yr|month|week|day)s?[- ]old\b/i;
const FEMALE = /\b(woman|women|female|girl|lady|she|her|mother|pregnant)\b/i;
const MALE = /\b(man|men|male|boy|gentleman|he|his|father)\b/i;

/** Age and sex a query states ("a 60-year-old man"), for the demographic prior. */
export function queryDemographics(query: string): QueryDemographics {
  const m = AGE_PATTERN.exec(query);
  const unit = m?.[2]?.toLowerCase();
  const age = m ? Number(m[1]) / (unit === 'month' ? 12 : unit === 'week' ? 52.18 : unit === 'day' ? 365.25 : 1) : null;
  const female = FEMALE.test(query);
  const male = MALE.test(query);
  return { age, sex: female && !male ? 'F' : male && !female ? 'M' : null };
}
