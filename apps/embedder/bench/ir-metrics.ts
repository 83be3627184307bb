// Ranking metrics of the patient-to-patient benchmark (PMC-Patients PPR): MRR@10, nDCG@10, P@10, R@10, R@100.

export interface Metrics {
  mrr10: number;
  ndcg10: number;
  p10: number;
  r10: number;
  r100: number;
}
export const METRIC_NAMES: (keyof Metrics)[] = ['mrr10', 'ndcg10', 'p10', 'r10', 'r100'];
export const METRIC_LABELS: Record<keyof Metrics, string> = { mrr10: 'MRR@10', ndcg10: 'nDCG@10', p10: 'P@10', r10: 'R@10', r100: 'R@100' };

/** Metrics of one ranking against graded judgements (gain 2^grade − 1, log2 discount). */
export function scoreRanking(ranked: string[], relevant: Record<string, number>): Metrics {
  const total = Object.values(relevant).filter((g) => g > 0).length;
  let mrr10 = 0;
  let dcg = 0;
  let hits10 = 0;
  let hits100 = 0;
  ranked.slice(0, 100).forEach((id, i) => {
    const grade = relevant[id] ?? 0;
    if (grade <= 0) return;
    hits100++;
    if (i < 10) {
      hits10++;
      dcg += (2 ** grade - 1) / Math.log2(i + 2);
      if (mrr10 === 0) mrr10 = 1 / (i + 1);
    }
  });
  const ideal = Object.values(relevant)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return {
    mrr10,
    ndcg10: ideal > 0 ? dcg / ideal : 0,
    p10: hits10 / 10,
    r10: total > 0 ? hits10 / total : 0,
    r100: total > 0 ? hits100 / total : 0,
  };
}

export function mean(all: Metrics[]): Metrics {
  const out: Metrics = { mrr10: 0, ndcg10: 0, p10: 0, r10: 0, r100: 0 };
  for (const m of all) for (const k of METRIC_NAMES) out[k] += m[k] / all.length;
  return out;
}
