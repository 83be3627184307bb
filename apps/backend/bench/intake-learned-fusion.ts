// pnpm bench:intake-learned-fusion --narratives FILE.jsonl [--candidates-cache FILE.json] [--depths 10,20,30,50,100]
//                                  [--weights-out FILE.json --learner NAME --depth N] [--model FILE.json] [--folds 1,3]
// Does a learned re-ranking beat today's ranking on the PRODUCT's path? Under the fold protocol (each fold's embedder
// indexed without that fold's query cases), each narrative goes the product's way (offline intake summary → clinical
// query → embedder search with the profile's age filter, top 100), and each of the 100 candidates is read as the
// relevance gate reads it (matched concepts, strong matches). Then, for each held fold, a calibration and logistic
// re-rankers (pointwise balanced / unweighted, pairwise) are fitted on the OTHER folds' narratives only and re-order
// the held fold's first `depth` candidates (the rest keep their place); both rankings are scored side by side.
// Features: src/retrieval/learned-rerank.ts (the embedder's component scores, rank, age/sex agreement as
// bench:learned-fusion uses them, plus matched concepts, strong matches, the calibrated probability).
// --model FILE: no fitting; the committed model (and the committed calibration) re-rank every narrative, per fold
// beside the product's ranking (how the test narratives are run, once).
// --weights-out: the named learner fitted on every narrative of the file, the relevance feature from the committed
// calibration (as the product computes it), written as the product's model.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EmbedderClient, type IntakeProfile, type SearchPatient, type SearchResult } from '@patientinsight/shared';
import { SERVICE_TOKEN } from '../../embedder/bench/embedder-process.ts';
import { DEFAULT_CORPUS, DEFAULT_QUERIES, type Query, readCorpus, readJsonl, runFolds } from '../../embedder/bench/fold-protocol.ts';
import { METRIC_LABELS, METRIC_NAMES, type Metrics, mean, scoreRanking } from '../../embedder/bench/ir-metrics.ts';
import { replay } from '../dist/intake/intake-flow.js';
import { reportsConfigShape } from '../dist/reports/reports.config.js';
import {
  type CandidateReading,
  loadRerankModel,
  RERANK_FEATURES,
  type RerankModel,
  rerankFeatures,
  rerankOrder,
} from '../dist/retrieval/learned-rerank.js';
import { type Calibration, fitCalibration, loadCalibration, relevanceProbability } from '../dist/retrieval/relevance-calibration.js';
import { assessCandidates, defaultVocabulary, findSimilarCases } from '../dist/retrieval/similar-cases.js';

const { values: args } = parseArgs({
  options: {
    narratives: { type: 'string' },
    corpus: { type: 'string', default: DEFAULT_CORPUS },
    queries: { type: 'string', default: DEFAULT_QUERIES },
    folds: { type: 'string' },
    depths: { type: 'string', default: '10,20,30,50,100' },
    'candidates-cache': { type: 'string' },
    'weights-out': { type: 'string' },
    learner: { type: 'string', default: 'pointwise, classes balanced' },
    depth: { type: 'string', default: '30' },
    model: { type: 'string' },
  },
});
if (!args.narratives) {
  console.error(
    'usage: pnpm bench:intake-learned-fusion --narratives FILE.jsonl [--candidates-cache FILE.json] [--model FILE.json | --weights-out FILE.json --learner NAME --depth N]',
  );
  process.exit(2);
}

interface Narrative {
  id: string;
  fold?: number;
  age?: number | null;
  sex?: 'F' | 'M' | null;
  narrative: string;
}
/** One narrative's product-path candidates, as read by the gate (cached between runs). */
interface Item {
  id: string;
  fold: number;
  relevant: Record<string, number>;
  patient: SearchPatient;
  results: SearchResult[];
  readings: Omit<CandidateReading, 'relevance'>[];
}

const queries = new Map(readJsonl<Query>(args.queries!).map((q) => [q.id, q]));
const narratives = readJsonl<Narrative>(args.narratives).filter((n) => queries.has(n.id) && n.narrative?.trim());
const foldOf = (n: Narrative) => n.fold ?? queries.get(n.id)!.fold ?? 1;
const folds = [...new Set(narratives.map(foldOf))]
  .sort((a, b) => a - b)
  .filter((f) => !args.folds || args.folds.split(',').map(Number).includes(f));
const topK: number = reportsConfigShape.REPORT_TOP_K.parse(undefined);
const ageWindow: number = reportsConfigShape.REPORT_AGE_WINDOW_YEARS.parse(undefined);

const cache = args['candidates-cache'];
const items: Item[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) : [];
const started = performance.now();
if (items.length === 0) {
  const corpus = readCorpus(args.corpus!);
  const vocabulary = defaultVocabulary();
  await runFolds(
    corpus,
    folds,
    (fold) => new Set([...queries.values()].filter((q) => (q.fold ?? 1) === fold).map((q) => q.id)),
    async (fold, embedder) => {
      const client = new EmbedderClient({ baseUrl: embedder.url, serviceToken: SERVICE_TOKEN, timeoutMs: 30_000 });
      for (const n of narratives.filter((x) => foldOf(x) === fold)) {
        const profile: IntakeProfile = { age: n.age ?? null, sex: n.sex ?? null, conditions: [], medications: [], allergies: [] };
        const { summary } = replay(
          [{ role: 'patient', field: 'chiefComplaint', text: n.narrative, at: new Date(0).toISOString() }],
          profile,
        );
        // Today's product ranking (no re-ranking), then every candidate read as the gate reads it.
        const similar = await findSimilarCases(client, summary, { topK, ageWindow, depth: 100 });
        const assessed = await assessCandidates(client, similar.plan, similar.ranking, vocabulary, null);
        items.push({
          id: n.id,
          fold,
          relevant: queries.get(n.id)!.relevant,
          patient: similar.plan.patient,
          results: similar.ranking,
          readings: assessed.map((a) => ({
            strong: a.strongMatches,
            matched: a.matchedConcepts.length,
            queryConcepts: a.features.queryConcepts,
          })),
        });
      }
    },
  );
  if (cache) writeFileSync(cache, JSON.stringify(items));
}

/** Calibration rows as the product's calibration was fitted: the first 2·topK read cases of each narrative. */
const calibrationRows = (list: Item[]) =>
  list.flatMap((it) =>
    it.results.slice(0, 2 * topK).map((r, i) => ({
      features: { fused: r.score, rank: r.rank, strong: it.readings[i]!.strong, queryConcepts: it.readings[i]!.queryConcepts },
      relevant: (it.relevant[r.caseId] ?? 0) > 0,
    })),
  );
const featuresOf = (it: Item, depth: number, calibration: Calibration) =>
  rerankFeatures(
    it.results,
    it.readings.slice(0, depth).map((g, i) => ({
      ...g,
      relevance: relevanceProbability(calibration, {
        fused: it.results[i]!.score,
        rank: it.results[i]!.rank,
        strong: g.strong,
        queryConcepts: g.queryConcepts,
      }),
    })),
    it.patient,
  );
const labelsOf = (it: Item, depth: number) => it.results.slice(0, depth).map((r) => ((it.relevant[r.caseId] ?? 0) > 0 ? 1 : 0));

type Fitted = Pick<RerankModel, 'means' | 'scales' | 'weights' | 'bias'>;
/** L2-regularised logistic regression by full-batch gradient descent on standardised features (a few thousand rows). */
function fitLogistic(rows: number[][], labels: number[], { balance = true, lambda = 1e-3, epochs = 400, rate = 0.5 } = {}): Fitted {
  const d = RERANK_FEATURES.length;
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j]! += r[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) scales[j]! += (r[j]! - means[j]!) ** 2 / rows.length;
  for (let j = 0; j < d; j++) scales[j] = Math.sqrt(scales[j]!) || 1;
  const x = rows.map((r) => r.map((v, j) => (v - means[j]!) / scales[j]!));
  // Positives are rare (a few per 100 candidates): weight them so both classes count alike.
  const pos = labels.filter((y) => y === 1).length;
  const wPos = balance && pos > 0 ? (labels.length - pos) / pos : 1;
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Array<number>(d).fill(0);
    let gBias = 0;
    let total = 0;
    for (let i = 0; i < x.length; i++) {
      let z = bias;
      for (let j = 0; j < d; j++) z += x[i]![j]! * weights[j]!;
      const weight = labels[i] === 1 ? wPos : 1;
      const e = (1 / (1 + Math.exp(-z)) - labels[i]!) * weight;
      for (let j = 0; j < d; j++) grad[j]! += e * x[i]![j]!;
      gBias += e;
      total += weight;
    }
    for (let j = 0; j < d; j++) weights[j]! -= rate * (grad[j]! / total + lambda * weights[j]!);
    bias -= (rate * gBias) / total;
  }
  return { means, scales, weights, bias };
}
/** Pairs (relevant, non-relevant among the 20 best of today's ranking) of one narrative, both orientations. */
function pairsOf(rows: number[][], labels: number[]) {
  const out: number[][] = [];
  const y: number[] = [];
  const pos = labels.flatMap((l, i) => (l === 1 ? [i] : []));
  const neg = labels.slice(0, 20).flatMap((l, i) => (l === 1 ? [] : [i]));
  for (const p of pos)
    for (const n of neg) {
      const d = rows[p]!.map((v, j) => v - rows[n]![j]!);
      out.push(
        d,
        d.map((v) => -v),
      );
      y.push(1, 0);
    }
  return { rows: out, labels: y };
}
type Training = { rows: number[][]; labels: number[] }[];
const LEARNERS: Record<string, (t: Training) => Fitted> = {
  'pointwise, classes balanced': (t) =>
    fitLogistic(
      t.flatMap((q) => q.rows),
      t.flatMap((q) => q.labels),
    ),
  'pointwise, unweighted': (t) =>
    fitLogistic(
      t.flatMap((q) => q.rows),
      t.flatMap((q) => q.labels),
      { balance: false },
    ),
  'pairwise (RankNet-style)': (t) => {
    const pairs = t.map((q) => pairsOf(q.rows, q.labels));
    return fitLogistic(
      pairs.flatMap((p) => p.rows),
      pairs.flatMap((p) => p.labels),
      { balance: false },
    );
  },
};

/** The re-ranked ranking: the first `depth` candidates in the model's order, the rest below them unchanged. */
function reranked(it: Item, depth: number, model: Fitted, calibration: Calibration): SearchResult[] {
  const head = it.results.slice(0, depth);
  return [...rerankOrder(model, featuresOf(it, depth, calibration)).map((i) => head[i]!), ...it.results.slice(depth)];
}
/** What a report would cite from a ranking (the first topK of its first 2·topK with a strong match), and how many are relevant. */
function citedOf(it: Item, ranking: SearchResult[]) {
  const strong = new Map(it.results.map((r, i) => [r.caseId, it.readings[i]!.strong]));
  const cited = ranking
    .slice(0, 2 * topK)
    .filter((r) => (strong.get(r.caseId) ?? 0) > 0)
    .slice(0, topK);
  return { cited: cited.length, relevant: cited.filter((r) => (it.relevant[r.caseId] ?? 0) > 0).length };
}

const score = (it: Item, ranking: SearchResult[]) =>
  scoreRanking(
    ranking.map((r) => r.caseId),
    it.relevant,
  );
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
console.log(
  `\n${items.length} narratives (${args.narratives}), ${folds.length} fold(s) — candidates ${((performance.now() - started) / 1000).toFixed(0)} s`,
);

if (args.model) {
  // The committed model and calibration, no fitting: held-out figures for a file the model never saw.
  const model = loadRerankModel(args.model);
  const calibration = loadCalibration();
  const rows: Record<string, Metrics[]> = { product: [], learned: [] };
  const cites = { product: { cited: 0, relevant: 0 }, learned: { cited: 0, relevant: 0 } };
  console.log(`model ${args.model} (${model.learner}, depth ${model.depth}; ${model.fittedOn})`);
  console.log(`${'fold (narratives)'.padEnd(20)}${'product'.padStart(10)}${'learned'.padStart(10)}   nDCG@10`);
  for (const fold of folds) {
    const held = items.filter((it) => it.fold === fold);
    const p = held.map((it) => score(it, it.results));
    const l = held.map((it) => score(it, reranked(it, model.depth, model, calibration)));
    rows.product!.push(...p);
    rows.learned!.push(...l);
    for (const it of held) {
      for (const [name, ranking] of [
        ['product', it.results],
        ['learned', reranked(it, model.depth, model, calibration)],
      ] as const) {
        const c = citedOf(it, ranking);
        cites[name].cited += c.cited;
        cites[name].relevant += c.relevant;
      }
    }
    console.log(
      `${`fold ${fold} (${held.length})`.padEnd(20)}${mean(p).ndcg10.toFixed(3).padStart(10)}${mean(l).ndcg10.toFixed(3).padStart(10)}`,
    );
  }
  console.log(`\n${'ranking'.padEnd(12)}${METRIC_NAMES.map((k) => METRIC_LABELS[k].padStart(9)).join('')}   relevant among cited`);
  for (const name of ['product', 'learned'] as const) {
    const m = mean(rows[name]!);
    console.log(
      `${name.padEnd(12)}${METRIC_NAMES.map((k) => m[k].toFixed(3).padStart(9)).join('')}   ${cites[name].relevant} of ${cites[name].cited} (${pct(cites[name].relevant, cites[name].cited)})`,
    );
  }
} else {
  const depths = args.depths!.split(',').map(Number);
  const names = ['product', ...Object.keys(LEARNERS)];
  for (const depth of depths) {
    const out: Record<string, Metrics[]> = Object.fromEntries(names.map((n) => [n, []]));
    const cites: Record<string, { cited: number; relevant: number }> = Object.fromEntries(names.map((n) => [n, { cited: 0, relevant: 0 }]));
    const perFold: string[] = [];
    for (const fold of folds) {
      const train = items.filter((it) => it.fold !== fold);
      const held = items.filter((it) => it.fold === fold);
      // Everything fitted on the other folds only: the calibration the relevance feature comes from, then the re-rankers.
      const calibration = fitCalibration(calibrationRows(train), 'out of fold');
      const training: Training = train.map((it) => ({ rows: featuresOf(it, depth, calibration), labels: labelsOf(it, depth) }));
      const models = Object.entries(LEARNERS).map(([name, fit]) => [name, fit(training)] as const);
      const foldScores: Record<string, Metrics[]> = Object.fromEntries(names.map((n) => [n, []]));
      for (const it of held) {
        const rankings: [string, SearchResult[]][] = [
          ['product', it.results],
          ...models.map(([name, m]) => [name, reranked(it, depth, m, calibration)] as [string, SearchResult[]]),
        ];
        for (const [name, ranking] of rankings) {
          foldScores[name]!.push(score(it, ranking));
          const c = citedOf(it, ranking);
          cites[name]!.cited += c.cited;
          cites[name]!.relevant += c.relevant;
        }
      }
      for (const n of names) out[n]!.push(...foldScores[n]!);
      perFold.push(
        `  ${`fold ${fold} (${held.length})`.padEnd(16)}${names.map((n) => mean(foldScores[n]!).ndcg10.toFixed(3).padStart(30)).join('')}`,
      );
    }
    console.log(`\ndepth ${depth}: the first ${depth} candidates re-ranked; nDCG@10 per held fold (models fitted on the other folds only)`);
    console.log(`  ${'held fold'.padEnd(16)}${names.map((n) => n.padStart(30)).join('')}`);
    for (const line of perFold) console.log(line);
    console.log(`  ${'ranking'.padEnd(30)}${METRIC_NAMES.map((k) => METRIC_LABELS[k].padStart(9)).join('')}   relevant among cited`);
    for (const n of names) {
      const m = mean(out[n]!);
      console.log(
        `  ${n.padEnd(30)}${METRIC_NAMES.map((k) => m[k].toFixed(3).padStart(9)).join('')}   ${pct(cites[n]!.relevant, cites[n]!.cited)} of ${cites[n]!.cited}`,
      );
    }
  }
}

if (args['weights-out']) {
  const learner = LEARNERS[args.learner!];
  if (!learner) throw new Error(`--learner must be one of: ${Object.keys(LEARNERS).join('; ')}`);
  const depth = Number(args.depth);
  // The relevance feature as the product computes it: the committed calibration.
  const calibration = loadCalibration();
  const fitted = learner(items.map((it) => ({ rows: featuresOf(it, depth, calibration), labels: labelsOf(it, depth) })));
  const model: RerankModel = {
    features: [...RERANK_FEATURES],
    ...fitted,
    depth,
    learner: args.learner!,
    fittedOn: `${args.narratives} (${items.length} narratives, every fold, ${new Date().toISOString().slice(0, 10)})`,
  };
  writeFileSync(args['weights-out'], `${JSON.stringify(model, null, 2)}\n`);
  console.log(`\n${args.learner} at depth ${depth}, fitted on all ${items.length} narratives, written to ${args['weights-out']}`);
}
