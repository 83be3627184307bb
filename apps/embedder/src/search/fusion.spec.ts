import { describe, expect, it } from '@jest/globals';
import type { Candidate } from '../index/vector-store.port.js';
import { type FusionSettings, fuseCandidates, normalizeLexical, regularizeScores } from './fusion.js';

const OFF: FusionSettings = {
  fusion: 'weighted',
  denseWeight: 0.5,
  rrfK: 60,
  feedbackDocs: 0,
  feedbackWeight: 0,
  demographicPrior: 0,
  normalization: 'minmax',
  regularization: 0,
  regularizationNeighbours: 2,
  regularizationCandidates: 50,
};
const NO_DEMOGRAPHICS = { age: null, sex: null };

/** A unit vector in 3-d pointing at `angle` degrees in the x-y plane (cosine of two = cos of the angle between). */
const unit = (angle: number) => Float32Array.from([Math.cos((angle * Math.PI) / 180), Math.sin((angle * Math.PI) / 180), 0]);

function candidate(caseId: string, fields: Partial<Candidate> = {}): Candidate {
  return { caseId, pmid: null, title: caseId, age: null, sex: null, snippet: '', ...fields };
}

const byId = (fused: ReturnType<typeof fuseCandidates>) => new Map(fused.map((f) => [f.candidate.caseId, f]));
const ranking = (fused: ReturnType<typeof fuseCandidates>) => [...fused].sort((a, b) => b.fused - a.fused).map((f) => f.candidate.caseId);

describe('normalizeLexical', () => {
  const cs = [candidate('a', { lexical: 12 }), candidate('b', { lexical: 7 }), candidate('c', { lexical: 2 }), candidate('d')];

  it('minmax puts the best lexical candidate at 1 and the weakest at 0; a case without a lexical score gets none', () => {
    const n = normalizeLexical(cs, 'minmax');
    expect(n.get(cs[0]!)).toBe(1);
    expect(n.get(cs[1]!)).toBeCloseTo(0.5, 10);
    expect(n.get(cs[2]!)).toBe(0);
    expect(n.has(cs[3]!)).toBe(false);
  });

  it('max divides by the best score', () => {
    const n = normalizeLexical(cs, 'max');
    expect(n.get(cs[1]!)).toBeCloseTo(7 / 12, 10);
    expect(n.get(cs[2]!)).toBeCloseTo(2 / 12, 10);
  });

  it('a single lexical candidate counts as the best there is under minmax', () => {
    const only = candidate('a', { lexical: 3 });
    expect(normalizeLexical([only, candidate('b')], 'minmax').get(only)).toBe(1);
  });
});

describe('fuseCandidates: weighted fusion', () => {
  it('fuses (1 − w)·normalised lexical + w·cosine and explains both parts', () => {
    const cs = [candidate('a', { lexical: 10, dense: 0.2 }), candidate('b', { lexical: 4, dense: 0.6 }), candidate('c', { dense: 0.5 })];
    const out = byId(fuseCandidates(cs, unit(0), NO_DEMOGRAPHICS, OFF));
    expect(out.get('a')!.lexicalNormalized).toBe(1);
    expect(out.get('a')!.fused).toBeCloseTo(0.5 * 1 + 0.5 * 0.2, 10);
    // b is the weakest lexical candidate: 0 after min-max, so only its cosine counts.
    expect(out.get('b')!.fused).toBeCloseTo(0.5 * 0.6, 10);
    // c was not a lexical candidate: no lexical score, nothing from that side.
    expect(out.get('c')!.lexical).toBeUndefined();
    expect(out.get('c')!.fused).toBeCloseTo(0.5 * 0.5, 10);
  });

  it('minmax and max normalisation can order the same candidates differently', () => {
    // Under max, b keeps 0.8 of the lexical weight and beats c; under min-max b's lexical is 0.
    const cs = [candidate('a', { lexical: 10, dense: 0.9 }), candidate('b', { lexical: 8, dense: 0.1 }), candidate('c', { dense: 0.6 })];
    expect(ranking(fuseCandidates(cs, unit(0), NO_DEMOGRAPHICS, { ...OFF, normalization: 'max' }))).toEqual(['a', 'b', 'c']);
    expect(ranking(fuseCandidates(cs, unit(0), NO_DEMOGRAPHICS, OFF))).toEqual(['a', 'c', 'b']);
  });
});

describe('score regularisation', () => {
  // x and y are near-identical cases (0° and 5°) and z is close to them (10°); lone (90°) is unlike all.
  const scored = () => {
    const x = candidate('x', { vector: unit(0) });
    const y = candidate('y', { vector: unit(5) });
    const z = candidate('z', { vector: unit(10) });
    const lone = candidate('lone', { vector: unit(90) });
    return {
      x,
      y,
      z,
      lone,
      scores: new Map<Candidate, number>([
        [x, 0.9],
        [y, 0.8],
        [lone, 0.6],
        [z, 0.5],
      ]),
    };
  };

  it('moves each score towards the mean of its nearest candidates by α', () => {
    const { x, y, z, lone, scores } = scored();
    const r = regularizeScores(scores, { regularization: 0.5, regularizationNeighbours: 2, regularizationCandidates: 10 });
    // z's two nearest are y (5°) and x (10°); lone's two nearest are z (80°) and y (85°).
    expect(r.neighbours.get(z)).toBeCloseTo((0.8 + 0.9) / 2, 10);
    expect(r.scores.get(z)).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.85, 10);
    expect(r.neighbours.get(lone)).toBeCloseTo((0.5 + 0.8) / 2, 10);
    expect(r.scores.get(lone)).toBeCloseTo(0.5 * 0.6 + 0.5 * 0.65, 10);
    // A case near strong cases now outranks a lone case it scored below.
    expect(r.scores.get(z)!).toBeGreaterThan(r.scores.get(lone)!);
    expect(r.scores.get(x)).toBeCloseTo(0.5 * 0.9 + 0.5 * ((0.8 + 0.5) / 2), 10);
    expect(r.scores.get(y)).toBeCloseTo(0.5 * 0.8 + 0.5 * ((0.9 + 0.5) / 2), 10);
  });

  it('leaves the scores alone when α is 0', () => {
    const { scores } = scored();
    const r = regularizeScores(scores, { regularization: 0, regularizationNeighbours: 2, regularizationCandidates: 10 });
    expect(r.scores).toBe(scores);
    expect(r.neighbours.size).toBe(0);
  });

  it('regularises only the best candidates; the rest keep their score', () => {
    const { x, y, z, lone, scores } = scored();
    const r = regularizeScores(scores, { regularization: 0.5, regularizationNeighbours: 1, regularizationCandidates: 2 });
    expect(r.scores.get(lone)).toBe(0.6);
    expect(r.scores.get(z)).toBe(0.5);
    expect(r.neighbours.has(lone)).toBe(false);
    // x and y are each other's only neighbour.
    expect(r.scores.get(x)).toBeCloseTo(0.85, 10);
    expect(r.scores.get(y)).toBeCloseTo(0.85, 10);
  });

  it('uses the cosine, not the raw dot product, to pick neighbours', () => {
    const a = candidate('a', { vector: Float32Array.from([1, 0, 0]) });
    const near = candidate('near', { vector: Float32Array.from([0.1, 0.01, 0]) }); // same direction, short
    const far = candidate('far', { vector: Float32Array.from([3, 3, 0]) }); // 45°, long
    const r = regularizeScores(
      new Map([
        [a, 0.5],
        [near, 0.2],
        [far, 0.9],
      ]),
      { regularization: 1, regularizationNeighbours: 1, regularizationCandidates: 10 },
    );
    expect(r.neighbours.get(a)).toBe(0.2);
  });

  it('is part of weighted fusion and explained; RRF is left unregularised', () => {
    const cs = () => [
      candidate('x', { lexical: 9, dense: 0.9, vector: unit(0) }),
      candidate('y', { lexical: 8, dense: 0.8, vector: unit(5) }),
      candidate('lone', { lexical: 7, dense: 0.7, vector: unit(90) }),
      candidate('z', { lexical: 6, dense: 0.65, vector: unit(10) }),
    ];
    const settings = { ...OFF, regularization: 0.5 };
    const plain = fuseCandidates(cs(), unit(0), NO_DEMOGRAPHICS, OFF);
    const regular = fuseCandidates(cs(), unit(0), NO_DEMOGRAPHICS, settings);
    expect(ranking(plain)).toEqual(['x', 'y', 'lone', 'z']);
    expect(ranking(regular)).toEqual(['x', 'y', 'z', 'lone']);
    const own = byId(plain);
    for (const f of regular) {
      const id = f.candidate.caseId;
      expect(f.fused).toBeCloseTo(0.5 * own.get(id)!.fused + 0.5 * f.neighbours!, 10);
    }
    const rrf = fuseCandidates(cs(), unit(0), NO_DEMOGRAPHICS, { ...settings, fusion: 'rrf' });
    expect(rrf.every((f) => f.neighbours === undefined)).toBe(true);
    expect(ranking(rrf)).toEqual(['x', 'y', 'lone', 'z']);
  });

  it('takes its neighbours from a similarity the caller gives instead of the vectors’ cosine', () => {
    const cs = () => [
      candidate('x', { lexical: 9, dense: 0.9, vector: unit(0) }),
      candidate('y', { lexical: 8, dense: 0.8, vector: unit(5) }),
      candidate('lone', { lexical: 7, dense: 0.7, vector: unit(90) }),
      candidate('z', { lexical: 6, dense: 0.65, vector: unit(10) }),
    ];
    // The given similarity makes lone the twin of x and z unlike everyone: the opposite of the vectors.
    const pairs: Record<string, number> = { 'lone|x': 1, 'x|y': 0.5, 'lone|y': 0.4 };
    const similarity = {
      between: (list: Candidate[]) => {
        const n = list.length;
        const out = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) out[i * n + j] = pairs[[list[i]!.caseId, list[j]!.caseId].sort().join('|')] ?? 0;
        return out;
      },
    };
    const settings = { ...OFF, regularization: 0.5, regularizationNeighbours: 1 };
    const byVectors = byId(fuseCandidates(cs(), unit(0), NO_DEMOGRAPHICS, settings));
    const given = byId(fuseCandidates(cs(), unit(0), NO_DEMOGRAPHICS, settings, similarity));
    const own = byId(fuseCandidates(cs(), unit(0), NO_DEMOGRAPHICS, OFF));
    // lone's nearest is z by the vectors (80°), x by the given similarity.
    expect(byVectors.get('lone')!.neighbours).toBeCloseTo(own.get('z')!.fused, 10);
    expect(given.get('lone')!.neighbours).toBeCloseTo(own.get('x')!.fused, 10);
    expect(given.get('lone')!.fused).toBeGreaterThan(byVectors.get('lone')!.fused);
  });

  it('picks the feedback documents after regularising', () => {
    // Before regularisation the lone case is second and would feed back; after it, y (a neighbour of x) is.
    const cs = [
      candidate('x', { lexical: 10, dense: 0.9, vector: unit(0) }),
      candidate('lone', { lexical: 9, dense: 0.85, vector: unit(90) }),
      candidate('y', { lexical: 8, dense: 0.8, vector: unit(3) }),
      candidate('z', { lexical: 1, dense: 0.7, vector: unit(8) }),
    ];
    const query = unit(0);
    const settings = { ...OFF, feedbackDocs: 2, feedbackWeight: 1, regularization: 0.5, regularizationNeighbours: 1 };
    const out = byId(fuseCandidates(cs, query, NO_DEMOGRAPHICS, settings));
    // Rocchio with x and y: the expanded query barely leaves 0°, so the lone case's feedback cosine stays near 0.
    expect(out.get('lone')!.feedback!).toBeLessThan(0.1);
    const withoutRegularisation = byId(fuseCandidates(cs, query, NO_DEMOGRAPHICS, { ...settings, regularization: 0 }));
    expect(withoutRegularisation.get('lone')!.feedback!).toBeGreaterThan(0.25);
  });
});
