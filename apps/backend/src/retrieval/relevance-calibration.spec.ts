import { describe, expect, it } from '@jest/globals';
import {
  FEATURE_NAMES,
  fitCalibration,
  loadCalibration,
  parseCalibration,
  type RelevanceFeatures,
  relevanceProbability,
} from './relevance-calibration.js';

/** Deterministic pseudo-random numbers (a test must not depend on Math.random). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('relevance calibration', () => {
  // Synthetic reads: relevance is likelier with a higher fused score and more matched concepts, and near the top.
  const random = lcg(7);
  const rows = Array.from({ length: 2000 }, () => {
    const features: RelevanceFeatures = {
      fused: random(),
      rank: 1 + Math.floor(random() * 10),
      strong: Math.floor(random() * 4),
      queryConcepts: 4,
    };
    const logit = -3 + 3 * features.fused + 0.8 * features.strong - 0.3 * Math.log(features.rank);
    return { features, relevant: random() < 1 / (1 + Math.exp(-logit)) };
  });

  it('learns the direction of each feature and is calibrated on average', () => {
    const model = fitCalibration(rows, 'synthetic');
    const p = (f: Partial<RelevanceFeatures>) => relevanceProbability(model, { fused: 0.5, rank: 3, strong: 1, queryConcepts: 4, ...f });
    expect(p({ fused: 0.9 })).toBeGreaterThan(p({ fused: 0.1 }));
    expect(p({ strong: 3 })).toBeGreaterThan(p({ strong: 0 }));
    expect(p({ rank: 1 })).toBeGreaterThan(p({ rank: 10 }));
    const meanPredicted = rows.reduce((s, r) => s + relevanceProbability(model, r.features), 0) / rows.length;
    const observed = rows.filter((r) => r.relevant).length / rows.length;
    expect(Math.abs(meanPredicted - observed)).toBeLessThan(0.01);
    // Where the model says 60 % or more, clearly more of the cases are relevant than where it says under 20 %.
    const rate = (keep: (p: number) => boolean) => {
      const bin = rows.filter((r) => keep(relevanceProbability(model, r.features)));
      return bin.filter((r) => r.relevant).length / bin.length;
    };
    expect(rate((x) => x >= 0.6)).toBeGreaterThan(rate((x) => x < 0.2) + 0.3);
  });

  it('refuses a calibration file that does not match the features, naming the field', () => {
    const model = fitCalibration(rows.slice(0, 100), 'synthetic');
    expect(() => parseCalibration(JSON.stringify({ ...model, features: ['fused'] }))).toThrow(/features/);
    expect(() => parseCalibration(JSON.stringify({ ...model, suggestedFloor: 2 }))).toThrow(/suggestedFloor/);
    expect(parseCalibration(JSON.stringify(model))).toEqual(model);
  });

  it('the committed calibration loads, with a floor and every feature', () => {
    const c = loadCalibration();
    expect(c.features).toEqual([...FEATURE_NAMES]);
    expect(c.suggestedFloor).toBeGreaterThanOrEqual(0);
    expect(c.suggestedFloor).toBeLessThanOrEqual(1);
  });
});
