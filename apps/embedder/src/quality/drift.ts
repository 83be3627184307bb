import type { DriftSummary, StatisticsProfile } from '@patientinsight/shared';
import { errorFunction } from 'simple-statistics';
import { ksTwoSample } from './ks.js';

export interface DriftOptions {
  /** Relative shift (and KS statistic) above which the batch drifts (DRIFT_THRESHOLD). */
  threshold: number;
  /** The KS statistic and the female-share shift count only when significant at this level. */
  ksAlpha: number;
  /** Below this many cases a batch's drift is reported but never holds the job (small batches are noisy). */
  minBatch: number;
}

/**
 * Two-sided p-value of the two-proportion z test (pooled), the female share of the batch against the corpus.
 * Null when either side has no one with a recorded sex, or nobody differs (pooled share 0 or 1).
 */
export function twoProportionPValue(batch: { F: number; M: number }, reference: { F: number; M: number }): number | null {
  const n1 = batch.F + batch.M;
  const n2 = reference.F + reference.M;
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (batch.F + reference.F) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return null;
  const z = (batch.F / n1 - reference.F / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return Math.min(1, Math.max(0, 1 - errorFunction(Math.abs(z) / Math.SQRT2)));
}

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Compares a batch with the corpus already live: two-sample KS on age, relative shift of the mean
 * age and of the female share. A figure over the threshold makes the verdict `drift`.
 */
export function compareToReference(
  batch: { ages: readonly number[]; profile: StatisticsProfile },
  reference: { ages: readonly number[]; profile: StatisticsProfile } | null,
  options: DriftOptions,
): DriftSummary {
  if (!reference || reference.profile.cases === 0 || batch.profile.cases === 0) {
    return {
      verdict: 'no_reference',
      threshold: options.threshold,
      ksStatistic: null,
      ksPValue: null,
      meanAgeShift: null,
      sexRatioShift: null,
      sexRatioPValue: null,
      minBatch: options.minBatch,
      belowMinBatch: false,
      exceeded: [],
    };
  }
  const ks = ksTwoSample(batch.ages, reference.ages);
  const refMean = reference.profile.age.mean;
  const batchMean = batch.profile.age.mean;
  const meanAgeShift = refMean && batchMean !== null ? Math.abs(batchMean - refMean) / refMean : null;
  const refShare = reference.profile.sex.femaleShare;
  const batchShare = batch.profile.sex.femaleShare;
  const sexRatioShift = refShare && batchShare !== null ? Math.abs(batchShare - refShare) / refShare : null;
  const sexRatioPValue = twoProportionPValue(batch.profile.sex, reference.profile.sex);
  const exceeded: string[] = [];
  if (ks && ks.statistic > options.threshold && ks.pValue < options.ksAlpha) exceeded.push('ksStatistic');
  if (meanAgeShift !== null && meanAgeShift > options.threshold) exceeded.push('meanAgeShift');
  if (sexRatioShift !== null && sexRatioShift > options.threshold && sexRatioPValue !== null && sexRatioPValue < options.ksAlpha)
    exceeded.push('sexRatioShift');
  const belowMinBatch = batch.profile.cases < options.minBatch;
  return {
    // A small batch reports what it measured but is not called drift, so it never waits for approval.
    verdict: exceeded.length > 0 && !belowMinBatch ? 'drift' : 'within_threshold',
    threshold: options.threshold,
    ksStatistic: ks ? round(ks.statistic) : null,
    ksPValue: ks ? Number(ks.pValue.toPrecision(4)) : null,
    meanAgeShift: meanAgeShift === null ? null : round(meanAgeShift),
    sexRatioShift: sexRatioShift === null ? null : round(sexRatioShift),
    sexRatioPValue: sexRatioPValue === null ? null : Number(sexRatioPValue.toPrecision(4)),
    minBatch: options.minBatch,
    belowMinBatch,
    exceeded,
  };
}
