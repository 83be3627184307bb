import type { Candidate } from '../index/vector-store.port.js';
import { dot } from '../index/vector-store.port.js';

export interface FusionSettings {
  fusion: 'weighted' | 'rrf';
  denseWeight: number;
  rrfK: number;
  feedbackDocs: number;
  feedbackWeight: number;
  demographicPrior: number;
}

export interface QueryDemographics {
  age: number | null;
  sex: 'F' | 'M' | null;
}

export interface FusedCandidate {
  candidate: Candidate;
  lexical?: number;
  dense?: number;
  feedback?: number;
  prior?: number;
  fused: number;
}

/**
 * Fuses the components' candidates into one ranking, keeping every component score.
 * - weighted: (1 − w)·lexical/max(lexical) + w·cosine. BM25 has no fixed scale, so it is divided by
 *   the query's best BM25 score; the cosine is already on [−1, 1].
 * - rrf: Σ 1/(k + rank) over the components that ranked the case (Cormack et al. 2009).
 * Pseudo-relevance feedback (Rocchio in the dense space): after a first fusion, the top
 * `feedbackDocs` cases' vectors are added to the query vector (weight `feedbackWeight`), the cosine
 * is recomputed for every candidate and the fusion is redone with it. Candidates only: no extra query.
 * The optional demographic prior adds `demographicPrior`·(½·same sex + ½·e^(−|Δage|/10)).
 */
export function fuseCandidates(candidates: Candidate[], queryVector: Float32Array | null, demographics: QueryDemographics, settings: FusionSettings): FusedCandidate[] {
  const useLexical = candidates.some((c) => c.lexical !== undefined);
  const useDense = queryVector !== null && candidates.some((c) => c.dense !== undefined);
  const maxLexical = Math.max(0, ...candidates.map((c) => c.lexical ?? 0)) || 1;

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
    for (const c of candidates) out.set(c, (1 - w) * ((c.lexical ?? 0) / maxLexical) + w * (denseOf(c) ?? 0));
    return out;
  };

  let fused = score((c) => c.dense);
  const feedback = new Map<Candidate, number>();
  if (useDense && settings.feedbackDocs > 0 && settings.feedbackWeight > 0) {
    const top = [...fused].sort((a, b) => b[1] - a[1]).slice(0, settings.feedbackDocs).map(([c]) => c).filter((c) => c.vector);
    if (top.length > 0) {
      const expanded = Float32Array.from(queryVector);
      for (const c of top) for (let k = 0; k < expanded.length; k++) expanded[k]! += (settings.feedbackWeight * c.vector![k]!) / top.length;
      const norm = Math.sqrt(dot(expanded, expanded)) || 1;
      for (const c of candidates) if (c.vector) feedback.set(c, dot(expanded, c.vector) / norm);
      fused = score((c) => feedback.get(c));
    }
  }
  return candidates.map((c) => {
    const prior = settings.demographicPrior > 0 ? settings.demographicPrior * demographicAgreement(demographics, c) : undefined;
    return { candidate: c, lexical: c.lexical, dense: c.dense, feedback: feedback.get(c), prior, fused: fused.get(c)! + (prior ?? 0) };
  });
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
