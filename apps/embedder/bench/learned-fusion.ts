// pnpm bench:learned-fusion [--corpus FILE.csv] [--queries FILE.jsonl] [--weights-out FILE.json]
// Does a learned re-ranking of the default search's candidates beat the hand-set fusion under the fold
// protocol? For each fold, the default search's top 100 and their component scores are collected through the
// real HTTP API; then, for each held fold, a logistic model is fitted on the OTHER folds' queries only and
// re-ranks the held fold's candidates. Both rankings are scored side by side, per fold and overall.
// Query lines may carry `narrative` instead of `query` (patient-voice files), so the same run judges both.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAge } from '../dist/ingestion/stages/clean.js';
import { DEFAULT_CORPUS, DEFAULT_QUERIES, idOf, readCorpus, readJsonl, runFolds } from './fold-protocol.ts';
import { METRIC_LABELS, METRIC_NAMES, type Metrics, mean, scoreRanking } from './ir-metrics.ts';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: DEFAULT_CORPUS },
    queries: { type: 'string', default: DEFAULT_QUERIES },
    'weights-out': { type: 'string' },
    folds: { type: 'string' },
    // Reuse the candidates of an earlier run (same corpus and queries) to compare models without re-indexing.
    'candidates-cache': { type: 'string' },
  },
});

interface QueryLine {
  id: string;
  fold?: number;
  query?: string;
  narrative?: string;
  relevant?: Record<string, number>;
}
interface Hit {
  caseId: string;
  score: number;
  age: number | null;
  sex: 'M' | 'F' | null;
  scores: { lexical?: number; lexicalNormalized?: number; dense?: number; feedback?: number; neighbours?: number; fused: number };
}
interface Candidates {
  fold: number;
  relevant: Record<string, number>;
  ids: string[];
  features: number[][];
}

export const FEATURE_NAMES = [
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
] as const;

function featuresOf(hits: Hit[], patient: { age?: number; sex?: string }): number[][] {
  const top = hits[0]?.scores.fused ?? 0;
  const bestLexical = Math.max(0, ...hits.map((h) => h.scores.lexical ?? 0));
  return hits.map((h, rank) => {
    const s = h.scores;
    const age = patient.age !== undefined && h.age !== null ? Math.exp(-Math.abs(patient.age - h.age) / 10) : 0.5;
    const sex = patient.sex && h.sex ? (patient.sex === h.sex ? 1 : 0) : 0.5;
    return [
      s.fused,
      s.lexicalNormalized ?? 0,
      bestLexical > 0 ? (s.lexical ?? 0) / bestLexical : 0,
      s.lexical === undefined ? 0 : 1,
      s.dense ?? 0,
      s.feedback ?? s.dense ?? 0,
      s.neighbours ?? s.fused,
      1 / (rank + 1),
      s.fused - top,
      age,
      sex,
    ];
  });
}

/** L2-regularised logistic regression by full-batch gradient descent on standardised features (small data: ~20k rows). */
function fitLogistic(rows: number[][], labels: number[], { balance = true, lambda = 1e-3, epochs = 400, rate = 0.5 } = {}) {
  const d = rows[0]!.length;
  const mu = new Array(d).fill(0);
  const sd = new Array(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mu[j] += r[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) sd[j] += (r[j]! - mu[j]) ** 2 / rows.length;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const x = rows.map((r) => r.map((v, j) => (v - mu[j]) / sd[j]));
  // Positives are rare (a few per 100 candidates): weight them so both classes count alike.
  const pos = labels.filter((y) => y === 1).length;
  const wPos = balance && pos > 0 ? (labels.length - pos) / pos : 1;
  const w = new Array(d).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Array(d).fill(0);
    let gBias = 0;
    let total = 0;
    for (let i = 0; i < x.length; i++) {
      const z = bias + x[i]!.reduce((s, v, j) => s + v * w[j], 0);
      const p = 1 / (1 + Math.exp(-z));
      const weight = labels[i] === 1 ? wPos : 1;
      const e = (p - labels[i]!) * weight;
      for (let j = 0; j < d; j++) grad[j] += e * x[i]![j]!;
      gBias += e;
      total += weight;
    }
    for (let j = 0; j < d; j++) w[j] -= rate * (grad[j] / total + lambda * w[j]);
    bias -= (rate * gBias) / total;
  }
  return { mean: mu, scale: sd, weights: w, bias };
}
type Model = ReturnType<typeof fitLogistic>;
const scoreWith = (m: Model, f: number[]) => m.bias + f.reduce((s, v, j) => s + ((v - m.mean[j]) / m.scale[j]) * m.weights[j], 0);

const corpus = readCorpus(args.corpus!);
const allQueries = readJsonl<QueryLine>(args.queries!);
const relevanceById = new Map(readJsonl<QueryLine>(DEFAULT_QUERIES).map((q) => [q.id, q.relevant ?? {}]));
const queries = allQueries.map((q) => ({
  ...q,
  text: q.query ?? q.narrative ?? '',
  relevant: q.relevant ?? relevanceById.get(q.id) ?? {},
}));
const patientOf = new Map(
  corpus.records.map(({ record: r }) => {
    const years = parseAge(r.age).years;
    const sex = r.gender === 'F' || r.gender === 'M' ? r.gender : undefined;
    return [idOf(r), { ...(years !== null && Number.isFinite(years) ? { age: years } : {}), ...(sex ? { sex } : {}) }];
  }),
);
const folds = [...new Set(queries.map((q) => q.fold ?? 1))]
  .sort((a, b) => a - b)
  .filter((f) => !args.folds || args.folds.split(',').map(Number).includes(f));

const cache = args['candidates-cache'];
const collected: Candidates[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) : [];
const started = performance.now();
if (collected.length === 0)
  await runFolds(
    corpus,
    folds,
    (fold) => new Set(queries.filter((q) => (q.fold ?? 1) === fold).map((q) => q.id)),
    async (fold, embedder) => {
      for (const q of queries.filter((x) => (x.fold ?? 1) === fold)) {
        const patient = patientOf.get(q.id) ?? {};
        const res = await embedder.call<{ results: Hit[] }>('POST', '/v1/search', { query: q.text, topK: 100, patient });
        collected.push({ fold, relevant: q.relevant, ids: res.results.map((r) => r.caseId), features: featuresOf(res.results, patient) });
      }
    },
  );
if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(collected));

/** Pairs (relevant, non-relevant among the 20 best of the default ranking) of one query, both orientations. */
function pairsOf(c: Candidates) {
  const rows: number[][] = [];
  const labels: number[] = [];
  const pos = c.ids.flatMap((id, i) => ((c.relevant[id] ?? 0) > 0 ? [i] : []));
  const neg = c.ids.slice(0, 20).flatMap((id, i) => ((c.relevant[id] ?? 0) > 0 ? [] : [i]));
  for (const p of pos)
    for (const n of neg) {
      const d = c.features[p]!.map((v, j) => v - c.features[n]![j]!);
      rows.push(
        d,
        d.map((v) => -v),
      );
      labels.push(1, 0);
    }
  return { rows, labels };
}
const labelsOf = (c: Candidates) => c.ids.map((id) => ((c.relevant[id] ?? 0) > 0 ? 1 : 0));
const LEARNERS: Record<string, (train: Candidates[]) => Model> = {
  'pointwise, classes balanced': (t) =>
    fitLogistic(
      t.flatMap((c) => c.features),
      t.flatMap(labelsOf),
    ),
  'pointwise, unweighted': (t) =>
    fitLogistic(
      t.flatMap((c) => c.features),
      t.flatMap(labelsOf),
      { balance: false },
    ),
  'pairwise (RankNet-style)': (t) => {
    const pairs = t.map(pairsOf);
    return fitLogistic(
      pairs.flatMap((p) => p.rows),
      pairs.flatMap((p) => p.labels),
      { balance: false },
    );
  },
};

const byFold = new Map<number, Record<string, Metrics[]>>();
for (const fold of folds) {
  const train = collected.filter((c) => c.fold !== fold);
  const models = Object.entries(LEARNERS).map(([name, fit]) => [name, fit(train)] as const);
  const out: Record<string, Metrics[]> = Object.fromEntries(['default', ...Object.keys(LEARNERS)].map((n) => [n, []]));
  for (const c of collected.filter((x) => x.fold === fold)) {
    out.default!.push(scoreRanking(c.ids, c.relevant));
    for (const [name, model] of models) {
      const order = c.ids.map((id, i) => ({ id, s: scoreWith(model, c.features[i]!) })).sort((a, b) => b.s - a.s);
      out[name]!.push(
        scoreRanking(
          order.map((o) => o.id),
          c.relevant,
        ),
      );
    }
  }
  byFold.set(fold, out);
}
const names = ['default', ...Object.keys(LEARNERS)];
console.log(`\n${collected.length} queries, ${folds.length} fold(s) — ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`nDCG@10 per held fold (learned models fitted on the other folds only)`);
console.log(`${'held fold (queries)'.padEnd(22)}${names.map((n) => n.slice(0, 28).padStart(30)).join('')}`);
for (const [fold, out] of byFold) {
  const n = out.default!.length;
  console.log(`${`fold ${fold} (${n})`.padEnd(22)}${names.map((k) => mean(out[k]!).ndcg10.toFixed(3).padStart(30)).join('')}`);
}
console.log(`\n${'ranking'.padEnd(30)}${METRIC_NAMES.map((k) => METRIC_LABELS[k].padStart(9)).join('')}`);
for (const name of names) {
  const m = mean([...byFold.values()].flatMap((o) => o[name]!));
  console.log(`${name.padEnd(30)}${METRIC_NAMES.map((k) => m[k].toFixed(3).padStart(9)).join('')}`);
}

if (args['weights-out']) {
  // A model for the product is fitted on every fold's queries; its held-fold score is the table above.
  const model = LEARNERS['pairwise (RankNet-style)']!(collected);
  writeFileSync(args['weights-out'], `${JSON.stringify({ features: FEATURE_NAMES, ...model }, null, 2)}\n`);
  console.log(`weights written to ${args['weights-out']}`);
}
