// Learned re-ranking of the product path's candidates: the features and the model's score, as
// bench:intake-learned-fusion fits and evaluates them. Not on the product's path: on the patient-voice dev narratives
// it did not beat the search's own order on held folds (docs/retrieval.md), so no model is shipped. Kept here, beside
// the gate, so a future model is fitted on exactly what the report builder reads of a case.
import { readFileSync } from 'node:fs';
import type { SearchPatient, SearchResult } from '@patientinsight/shared';
import { z } from 'zod';

/**
 * What a read candidate is re-ranked on: the embedder's component scores and rank (as bench:learned-fusion uses them),
 * the profile's age/sex agreement, and the backend's own reading of the case (matched concepts, calibrated probability).
 */
export const RERANK_FEATURES = [
  'fused',
  'lexicalNormalized',
  'lexicalShareOfBest',
  'inLexical',
  'dense',
  'feedback',
  'neighbours',
  'reciprocalRank',
  'gapToTop',
  'ageAgreement',
  'sexAgreement',
  'strong',
  'coverage',
  'matched',
  'relevance',
] as const;

/** The backend's reading of one candidate. */
export interface CandidateReading {
  /** Matched concepts of a gate kind (finding, site, condition). */
  strong: number;
  /** All matched concepts. */
  matched: number;
  /** Gate-kind concepts the query has. */
  queryConcepts: number;
  /** Calibrated probability of relevance (0 without a calibration). */
  relevance: number;
}

/**
 * Feature rows of the first `readings.length` results of a search (the ones read in full), in the order of
 * RERANK_FEATURES. `results` is the whole ranking: the best fused and lexical scores are taken over all of it.
 */
export function rerankFeatures(results: SearchResult[], readings: CandidateReading[], patient: SearchPatient): number[][] {
  const top = results[0]?.scores.fused ?? 0;
  const bestLexical = Math.max(0, ...results.map((r) => r.scores.lexical ?? 0));
  return readings.map((reading, i) => {
    const r = results[i]!;
    const s = r.scores;
    // Unknown on either side: halfway, so a missing age neither helps nor hurts.
    const age = patient.age !== undefined && r.age !== null ? Math.exp(-Math.abs(patient.age - r.age) / 10) : 0.5;
    const sex = patient.sex && r.sex ? (patient.sex === r.sex ? 1 : 0) : 0.5;
    return [
      s.fused,
      s.lexicalNormalized ?? 0,
      bestLexical > 0 ? (s.lexical ?? 0) / bestLexical : 0,
      s.lexical === undefined ? 0 : 1,
      s.dense ?? 0,
      s.feedback ?? s.dense ?? 0,
      s.neighbours ?? s.fused,
      1 / r.rank,
      s.fused - top,
      age,
      sex,
      Math.min(reading.strong, 5),
      reading.queryConcepts > 0 ? reading.strong / reading.queryConcepts : 0,
      Math.min(reading.matched, 8),
      reading.relevance,
    ];
  });
}

const rerankModelSchema = z.object({
  features: z
    .array(z.string())
    .refine((names) => names.join() === RERANK_FEATURES.join(), { message: `must be ${RERANK_FEATURES.join(', ')}` }),
  means: z.array(z.number()).length(RERANK_FEATURES.length),
  scales: z.array(z.number().positive()).length(RERANK_FEATURES.length),
  weights: z.array(z.number()).length(RERANK_FEATURES.length),
  bias: z.number(),
  /** How many of the search's best candidates are read and re-ranked (the rest keep their order below them). */
  depth: z.number().int().min(1).max(100),
  learner: z.string(),
  fittedOn: z.string(),
});
export type RerankModel = z.infer<typeof rerankModelSchema>;

/** The model's score of one feature row: a dot product over standardised features (higher ranks first). */
export function rerankScore(model: Pick<RerankModel, 'means' | 'scales' | 'weights' | 'bias'>, x: number[]): number {
  let z = model.bias;
  for (let j = 0; j < x.length; j++) z += model.weights[j]! * ((x[j]! - model.means[j]!) / model.scales[j]!);
  return z;
}

/** Positions of the rows in re-ranked order (best score first; ties keep the search's order). */
export function rerankOrder(model: Pick<RerankModel, 'means' | 'scales' | 'weights' | 'bias'>, rows: number[][]): number[] {
  const scores = rows.map((x) => rerankScore(model, x));
  return rows.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

export function parseRerankModel(text: string): RerankModel {
  const parsed = rerankModelSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`re-ranking model: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function loadRerankModel(file: string): RerankModel {
  return parseRerankModel(readFileSync(file, 'utf8'));
}
