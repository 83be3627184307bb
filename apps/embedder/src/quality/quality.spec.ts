import { describe, expect, it } from '@jest/globals';
import { compareToReference, twoProportionPValue } from './drift.js';
import { kolmogorovQ, ksTwoSample } from './ks.js';
import { computeProfile } from './profile.js';

describe('two-sample Kolmogorov–Smirnov', () => {
  // Reference values from scipy 1.17.1: D from scipy.stats.ks_2samp(x, y); p from the asymptotic
  // distribution, scipy.stats.kstwobign.sf(D * sqrt(n*m/(n+m))).
  it('matches scipy on interleaved samples', () => {
    const x = Array.from({ length: 400 }, (_, i) => ((i * 7919) % 401) / 4);
    const y = Array.from({ length: 600 }, (_, i) => ((i * 104729) % 601) / 5 + 5);
    const r = ksTwoSample(x, y)!;
    expect(r.statistic).toBeCloseTo(0.20916666666666672, 12);
    expect(r.pValue / 1.5160066657951482e-9).toBeCloseTo(1, 6);
  });

  it('matches scipy on a 20-year shift and on small samples', () => {
    const x = Array.from({ length: 300 }, (_, i) => 20 + ((i * 37) % 50));
    const y = x.map((v) => v + 20);
    const r = ksTwoSample(x, y)!;
    expect(r.statistic).toBeCloseTo(0.4, 12);
    expect(r.pValue / 2.85032816548185e-21).toBeCloseTo(1, 6);
    const small = ksTwoSample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])!;
    expect(small.statistic).toBeCloseTo(1 / 3, 12);
  });

  it('gives D 0 and p 1 for identical samples, and null for an empty one', () => {
    const r = ksTwoSample([5, 1, 3], [3, 5, 1])!;
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
    expect(ksTwoSample([], [1])).toBeNull();
    expect(kolmogorovQ(0)).toBe(1);
  });
});

describe('statistics profile', () => {
  it('counts, quantiles, sex ratio, histogram and missing-value rates', () => {
    const p = computeProfile({
      ages: [0.256, 10, 20, 30, 40],
      sexes: ['F', 'M', 'M', 'F', null],
      textLengths: [100, 200, 300, 400, 500],
      rowsRead: 10,
      missingCounts: { age: 5, sex: 1 },
    });
    expect(p.cases).toBe(5);
    expect(p.age.quantiles?.p50).toBe(20);
    expect(p.age.quantiles?.p25).toBe(10);
    expect(p.age.min).toBe(0.256);
    expect(p.age.histogram.find((b) => b.from === 0)?.count).toBe(1);
    expect(p.age.histogram.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(p.sex).toEqual({ F: 2, M: 2, femaleShare: 0.5 });
    expect(p.textLength.mean).toBe(300);
    expect(p.missingRates).toEqual({ age: 0.5, sex: 0.1 });
  });
});

describe('drift', () => {
  const ages = Array.from({ length: 500 }, (_, i) => 20 + ((i * 37) % 50));
  const sexes = ages.map((_, i) => (i % 2 === 0 ? 'F' : 'M') as 'F' | 'M');
  const profileOf = (a: number[], s = sexes) => ({
    ages: a,
    profile: computeProfile({ ages: a, sexes: s, textLengths: a.map(() => 100) }),
  });
  const options = { threshold: 0.15, ksAlpha: 0.01, minBatch: 100 };

  it('has no verdict without a reference corpus', () => {
    expect(compareToReference(profileOf(ages), null, options).verdict).toBe('no_reference');
  });

  it('finds ages shifted by 20 years, naming every figure over the threshold', () => {
    const d = compareToReference(profileOf(ages.map((a) => a + 20)), profileOf(ages), options);
    expect(d.verdict).toBe('drift');
    expect(d.exceeded).toEqual(expect.arrayContaining(['ksStatistic', 'meanAgeShift']));
    expect(d.meanAgeShift).toBeGreaterThan(0.15);
    expect(d.ksPValue).toBeLessThan(0.01);
  });

  it('finds a sex-ratio shift alone', () => {
    const d = compareToReference(
      profileOf(
        ages,
        sexes.map(() => 'F'),
      ),
      profileOf(ages),
      options,
    );
    expect(d.exceeded).toEqual(['sexRatioShift']);
  });

  it('passes a batch drawn from the same distribution, and a small noisy one that is not significant', () => {
    expect(compareToReference(profileOf(ages.slice(0, 250)), profileOf(ages), options).verdict).toBe('within_threshold');
    const small = compareToReference(profileOf([25, 31, 48, 52, 60], ['F', 'M', 'F', 'M', 'F']), profileOf(ages), options);
    expect(small.exceeded).not.toContain('ksStatistic');
  });

  it('does not call a chance difference in the female share drift: the shift must be significant (two-proportion z test)', () => {
    // 200 cases at 60 % female against a 50 % corpus of 500: a 20 % relative shift, but z 2.39, p 0.0166.
    const batchAges = ages.slice(0, 200);
    const batchSexes = batchAges.map((_, i) => (i < 120 ? 'F' : 'M') as 'F' | 'M');
    const d = compareToReference(profileOf(batchAges, batchSexes), profileOf(ages), options);
    expect(d.sexRatioShift).toBeGreaterThan(0.15);
    expect(d.sexRatioPValue).toBeGreaterThan(0.01);
    expect(d.exceeded).not.toContain('sexRatioShift');
    expect(d.verdict).toBe('within_threshold');
  });

  it('reports a small batch but never calls it drift', () => {
    const d = compareToReference(
      profileOf(
        ages.slice(0, 50).map((a) => a + 20),
        sexes.slice(0, 50),
      ),
      profileOf(ages),
      options,
    );
    expect(d.exceeded).toContain('meanAgeShift');
    expect(d.belowMinBatch).toBe(true);
    expect(d.verdict).toBe('within_threshold');
  });
});

describe('two-proportion z test', () => {
  // Reference values from Python's math.erfc on the pooled z: (290/500 vs 250/500) z 2.5380, p 0.011150;
  // (60/100 vs 250/500) z 1.8268, p 0.067736.
  it('matches the pooled two-sided test', () => {
    expect(twoProportionPValue({ F: 290, M: 210 }, { F: 250, M: 250 })).toBeCloseTo(0.01115, 5);
    expect(twoProportionPValue({ F: 60, M: 40 }, { F: 250, M: 250 })).toBeCloseTo(0.067736, 5);
    expect(twoProportionPValue({ F: 250, M: 250 }, { F: 250, M: 250 })).toBeCloseTo(1, 10);
    expect(twoProportionPValue({ F: 0, M: 0 }, { F: 1, M: 1 })).toBeNull();
    expect(twoProportionPValue({ F: 5, M: 0 }, { F: 5, M: 0 })).toBeNull();
  });
});
