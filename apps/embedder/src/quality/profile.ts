import type { StatisticsProfile } from '@patientinsight/shared';

/** Linear-interpolated quantile of sorted values (numpy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

function distribution(values: readonly number[]) {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  if (count === 0) return { sorted, summary: { count, mean: null, std: null, min: null, max: null, quantiles: null } };
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / count;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  return {
    sorted,
    summary: {
      count,
      mean: round(mean),
      std: round(Math.sqrt(squares / count)),
      min: sorted[0]!,
      max: sorted[count - 1]!,
      quantiles: {
        p05: round(quantile(sorted, 0.05)),
        p25: round(quantile(sorted, 0.25)),
        p50: round(quantile(sorted, 0.5)),
        p75: round(quantile(sorted, 0.75)),
        p95: round(quantile(sorted, 0.95)),
      },
    },
  };
}

export const AGE_BINS = [0, 1, 5, 12, 18, 30, 40, 50, 60, 70, 80, 90, 121];

export interface ProfileInput {
  ages: readonly number[];
  sexes: readonly ('F' | 'M' | null)[];
  textLengths: readonly number[];
  /** Rows read and how many of them lacked each field (omit for the corpus reference). */
  rowsRead?: number;
  missingCounts?: Record<string, number>;
}

/** The statistics profile of a batch or of the live corpus. */
export function computeProfile(input: ProfileInput): StatisticsProfile {
  const age = distribution(input.ages);
  const histogram = AGE_BINS.slice(0, -1).map((from, k) => ({ from, to: AGE_BINS[k + 1]!, count: 0 }));
  for (const v of age.sorted) {
    const bin = histogram.findIndex((b) => v >= b.from && v < b.to);
    if (bin >= 0) histogram[bin]!.count++;
  }
  let female = 0;
  let male = 0;
  for (const s of input.sexes) {
    if (s === 'F') female++;
    else if (s === 'M') male++;
  }
  const missingRates: Record<string, number> = {};
  if (input.rowsRead && input.missingCounts) {
    for (const [field, count] of Object.entries(input.missingCounts)) missingRates[field] = round(count / input.rowsRead, 4);
  }
  return {
    cases: input.sexes.length,
    age: { ...age.summary, histogram },
    sex: { F: female, M: male, femaleShare: female + male > 0 ? round(female / (female + male), 4) : null },
    textLength: distribution(input.textLengths).summary,
    missingRates,
  };
}
