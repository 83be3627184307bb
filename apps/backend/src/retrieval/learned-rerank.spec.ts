import { describe, expect, it } from '@jest/globals';
import type { SearchResult } from '@patientinsight/shared';
import { parseRerankModel, RERANK_FEATURES, type RerankModel, rerankFeatures, rerankOrder, rerankScore } from './learned-rerank.js';

const result = (
  caseId: string,
  rank: number,
  scores: SearchResult['scores'],
  age: number | null = null,
  sex: 'F' | 'M' | null = null,
): SearchResult => ({
  caseId,
  pmid: null,
  title: caseId,
  age,
  sex,
  snippet: '',
  score: scores.fused,
  scores,
  rank,
});
const reading = (strong: number, matched = strong, queryConcepts = 4, relevance = 0.2) => ({ strong, matched, queryConcepts, relevance });
const at = (row: number[], name: (typeof RERANK_FEATURES)[number]) => row[RERANK_FEATURES.indexOf(name)];

/** A model that reads one feature (weight 1, others 0), on unscaled values. */
function only(name: (typeof RERANK_FEATURES)[number], weight = 1): RerankModel {
  const n = RERANK_FEATURES.length;
  return {
    features: [...RERANK_FEATURES],
    means: new Array(n).fill(0),
    scales: new Array(n).fill(1),
    weights: RERANK_FEATURES.map((f) => (f === name ? weight : 0)),
    bias: 0,
    depth: 30,
    learner: 'test',
    fittedOn: 'test',
  };
}

describe('learned re-ranking', () => {
  const results = [
    result('a', 1, { lexical: 20, lexicalNormalized: 1, dense: 0.4, feedback: 0.5, neighbours: 0.6, fused: 0.8 }, 40, 'F'),
    result('b', 2, { dense: 0.7, fused: 0.6 }, 70, 'M'),
    result('c', 3, { lexical: 5, lexicalNormalized: 0.2, fused: 0.3 }),
  ];

  it('reads the component scores, rank, age/sex agreement and the backend reading of each case', () => {
    const rows = rerankFeatures(results, [reading(2, 3, 4, 0.4), reading(0), reading(1, 1, 4, 0.1)], { age: 40, sex: 'F' });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(RERANK_FEATURES.length);
    const [a, b, c] = rows as [number[], number[], number[]];
    expect(at(a, 'lexicalShareOfBest')).toBe(1);
    expect(at(c, 'lexicalShareOfBest')).toBe(0.25);
    expect([at(a, 'inLexical'), at(b, 'inLexical')]).toEqual([1, 0]);
    // Without feedback the dense cosine stands in; without neighbours the fused score.
    expect([at(b, 'feedback'), at(b, 'neighbours')]).toEqual([0.7, 0.6]);
    expect([at(a, 'reciprocalRank'), at(c, 'reciprocalRank')]).toEqual([1, 1 / 3]);
    expect(at(c, 'gapToTop')).toBeCloseTo(-0.5, 10);
    // Same age and sex: full agreement; 30 years apart and the other sex: exp(-3) and 0; unknown: halfway.
    expect([at(a, 'ageAgreement'), at(a, 'sexAgreement')]).toEqual([1, 1]);
    expect(at(b, 'ageAgreement')).toBeCloseTo(Math.exp(-3), 10);
    expect(at(b, 'sexAgreement')).toBe(0);
    expect([at(c, 'ageAgreement'), at(c, 'sexAgreement')]).toEqual([0.5, 0.5]);
    expect([at(a, 'strong'), at(a, 'coverage'), at(a, 'matched'), at(a, 'relevance')]).toEqual([2, 0.5, 3, 0.4]);
  });

  it('orders by the dot product over standardised features; ties keep the search order', () => {
    const rows = rerankFeatures(results, [reading(0), reading(2), reading(1)], {});
    expect(rerankOrder(only('strong'), rows)).toEqual([1, 2, 0]);
    expect(rerankOrder(only('reciprocalRank', -1), rows)).toEqual([2, 1, 0]);
    expect(rerankOrder(only('ageAgreement'), rows)).toEqual([0, 1, 2]);
    const model = {
      ...only('fused', 2),
      means: new Array(RERANK_FEATURES.length).fill(0.5),
      scales: new Array(RERANK_FEATURES.length).fill(0.25),
      bias: 1,
    };
    expect(rerankScore(model, rows[0]!)).toBeCloseTo(1 + (2 * (0.8 - 0.5)) / 0.25, 10);
  });

  it('refuses a model file whose features or sizes do not match, naming the field', () => {
    const good = only('fused');
    expect(parseRerankModel(JSON.stringify(good))).toEqual(good);
    expect(() => parseRerankModel(JSON.stringify({ ...good, features: ['fused'] }))).toThrow(
      /re-ranking model: features must be fused, lexicalNormalized/,
    );
    expect(() => parseRerankModel(JSON.stringify({ ...good, weights: [1, 2] }))).toThrow(/weights/);
    expect(() => parseRerankModel(JSON.stringify({ ...good, depth: 0 }))).toThrow(/depth/);
    expect(() => parseRerankModel(JSON.stringify({ ...good, scales: good.scales.map(() => 0) }))).toThrow(/scales/);
  });
});
