import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The fitted calibration the product uses (written by `bench:intake-retrieval --calibrate-out`). */
export const CALIBRATION_FILE = fileURLToPath(new URL('../../calibration/relevance.json', import.meta.url));

/** What the probability of relevance is computed from, for one ranked case. */
export interface RelevanceFeatures {
  /** The embedder's fused score. */
  fused: number;
  /** Rank in the search (1 = best). */
  rank: number;
  /** Matched concepts of a gate kind (finding, site, condition). */
  strong: number;
  /** Gate-kind concepts the query has. */
  queryConcepts: number;
}

export const FEATURE_NAMES = ['fused', 'logRank', 'strong', 'coverage'] as const;

/** Features as the model reads them: the fused score, log rank, matched concepts and the share of the query's they are. */
export function featureVector(f: RelevanceFeatures): number[] {
  return [f.fused, Math.log(f.rank), Math.min(f.strong, 5), f.queryConcepts > 0 ? f.strong / f.queryConcepts : 0];
}

const calibrationSchema = z.object({
  features: z
    .array(z.string())
    .refine((names) => names.join() === FEATURE_NAMES.join(), { message: `must be ${FEATURE_NAMES.join(', ')}` }),
  means: z.array(z.number()).length(FEATURE_NAMES.length),
  scales: z.array(z.number().positive()).length(FEATURE_NAMES.length),
  weights: z.array(z.number()).length(FEATURE_NAMES.length),
  bias: z.number(),
  /** The floor the benchmark's out-of-fold precision/recall trade-off suggests for REPORT_MIN_RELEVANCE. */
  suggestedFloor: z.number().min(0).max(1),
  fittedOn: z.string(),
});
export type Calibration = z.infer<typeof calibrationSchema>;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Probability that a ranked case is relevant to the patient (logistic model over standardised features). */
export function relevanceProbability(c: Calibration, f: RelevanceFeatures): number {
  const x = featureVector(f);
  let z = c.bias;
  for (let i = 0; i < x.length; i++) z += c.weights[i]! * ((x[i]! - c.means[i]!) / c.scales[i]!);
  return sigmoid(z);
}

export function parseCalibration(text: string): Calibration {
  const parsed = calibrationSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`relevance calibration: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function loadCalibration(file = CALIBRATION_FILE): Calibration {
  return parseCalibration(readFileSync(file, 'utf8'));
}

/**
 * Logistic regression by gradient descent on standardised features with a small L2 penalty: a handful
 * of features and a few thousand rows, so a plain full-batch loop is enough and has no dependency.
 */
export function fitCalibration(
  rows: { features: RelevanceFeatures; relevant: boolean }[],
  fittedOn: string,
  suggestedFloor = 0.5,
  l2 = 1e-3,
): Calibration {
  const xs = rows.map((r) => featureVector(r.features));
  const k = FEATURE_NAMES.length;
  const means = Array.from({ length: k }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / Math.max(1, xs.length));
  const scales = Array.from(
    { length: k },
    (_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - means[j]!) ** 2, 0) / Math.max(1, xs.length)) || 1,
  );
  const zs = xs.map((x) => x.map((v, j) => (v - means[j]!) / scales[j]!));
  const ys = rows.map((r) => (r.relevant ? 1 : 0));
  const weights = new Array<number>(k).fill(0);
  let bias = 0;
  const n = Math.max(1, rows.length);
  for (let iter = 0; iter < 3000; iter++) {
    const grad = new Array<number>(k).fill(0);
    let gradBias = 0;
    for (let i = 0; i < zs.length; i++) {
      let z = bias;
      for (let j = 0; j < k; j++) z += weights[j]! * zs[i]![j]!;
      const err = sigmoid(z) - ys[i]!;
      gradBias += err;
      for (let j = 0; j < k; j++) grad[j]! += err * zs[i]![j]!;
    }
    bias -= (0.5 * gradBias) / n;
    for (let j = 0; j < k; j++) weights[j]! -= 0.5 * (grad[j]! / n + l2 * weights[j]!);
  }
  return { features: [...FEATURE_NAMES], means, scales, weights, bias, suggestedFloor, fittedOn };
}
