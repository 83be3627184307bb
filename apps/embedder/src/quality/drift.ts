import type { DriftSummary, StatisticsProfile } from '@patientinsight/shared';
import { ksTwoSample } from './ks.js';

export interface DriftOptions {
  /** Relative shift (and KS statistic) above which the batch drifts; 0.15 as the original deployment. */
  threshold: number;
  /** The KS statistic counts only when significant at this level. */
  ksAlpha: number;
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
    return { verdict: 'no_reference', threshold: options.threshold, ksStatistic: null, ksPValue: null, meanAgeShift: null, sexRatioShift: null, exceeded: [] };
  }
  const ks = ksTwoSample(batch.ages, reference.ages);
  const refMean = reference.profile.age.mean;
  const batchMean = batch.profile.age.mean;
  const meanAgeShift = refMean && batchMean !== null ? Math.abs(batchMean - refMean) / refMean : null;
  const refShare = reference.profile.sex.femaleShare;
  const batchShare = batch.profile.sex.femaleShare;
  const sexRatioShift = refShare && batchShare !== null ? Math.abs(batchShare - refShare) / refShare : null;
  const exceeded: string[] = [];
  if (ks && ks.statistic > options.threshold && ks.pValue < options.ksAlpha) exceeded.push('ksStatistic');
  if (meanAgeShift !== null && meanAgeShift > options.threshold) exceeded.push('meanAgeShift');
  if (sexRatioShift !== null && sexRatioShift > options.threshold) exceeded.push('sexRatioShift');
  return {
    verdict: exceeded.length > 0 ? 'drift' : 'within_threshold',
    threshold: options.threshold,
    ksStatistic: ks ? round(ks.statistic) : null,
    ksPValue: ks ? Number(ks.pValue.toPrecision(4)) : null,
    meanAgeShift: meanAgeShift === null ? null : round(meanAgeShift),
    sexRatioShift: sexRatioShift === null ? null : round(sexRatioShift),
    exceeded,
  };
}
