// pnpm bench:intake-retrieval --narratives FILE.jsonl [--run-out RUN.trec] [--calibrate-out FILE.json] [--corpus FILE.csv] [--queries FILE.jsonl] [--folds 1,3]
// Patient-voice narratives through the product's own path, under the fold protocol of
// ../shared/data/README.md (each fold's embedder indexed without that fold's query cases):
//   narrative → the intake's offline summary (replayed as the answer to the chief-complaint question,
//   with the narrative's age and sex as the profile) → the clinical query builder → the embedder search
//   with the profile's age filter → the relevance gate (what a report may cite).
// Beside it, on the same ids: plain BM25 (k1 1.2, b 0.75) on the raw narratives, and the case-text path
// (the query case's first sentences through the embedder's default search, as bench:retrieval does).
// --calibrate-out: instead of applying the product's relevance calibration, collect every read case's features with
// its relevance, fit the logistic calibration out of fold (train on the other folds, predict the held one), print its
// calibration and the precision/recall of citing at each floor, and write the model fitted on all folds with the
// suggested floor: the highest floor at which at most 5 % of the narratives would get "no close case" (precision bought
// only while nearly every patient still gets cases; calibration/relevance.json is that file, fitted on the dev narratives).
// FILE: one {"id": <query case uid>, "fold": k, "age": years, "sex": "M"|"F", "narrative": "..."} a line;
// relevance comes from the queries file by id.
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EmbedderClient, type IntakeProfile } from '@patientinsight/shared';
import { Bm25Index, matrixRows } from '../../embedder/dist/index/bm25/bm25-index.js';
import { Bm25Model } from '../../embedder/dist/index/bm25/bm25-model.js';
import { TermMatrixBuilder } from '../../embedder/dist/text/term-matrix.js';
import { SERVICE_TOKEN } from '../../embedder/bench/embedder-process.ts';
import {
  DEFAULT_CORPUS,
  DEFAULT_QUERIES,
  idOf,
  type Query,
  readCorpus,
  readJsonl,
  runFolds,
  textOf,
} from '../../embedder/bench/fold-protocol.ts';
import { METRIC_LABELS, METRIC_NAMES, type Metrics, mean, scoreRanking } from '../../embedder/bench/ir-metrics.ts';
import { replay } from '../dist/intake/intake-flow.js';
import { reportsConfigShape } from '../dist/reports/reports.config.js';
import { CALIBRATION_FILE, fitCalibration, loadCalibration, relevanceProbability } from '../dist/retrieval/relevance-calibration.js';
import { findSimilarCases } from '../dist/retrieval/similar-cases.js';

const { values: args } = parseArgs({
  options: {
    narratives: { type: 'string' },
    'run-out': { type: 'string' },
    'calibrate-out': { type: 'string' },
    corpus: { type: 'string', default: DEFAULT_CORPUS },
    queries: { type: 'string', default: DEFAULT_QUERIES },
    folds: { type: 'string' },
  },
});
if (!args.narratives) {
  console.error('usage: pnpm bench:intake-retrieval --narratives FILE.jsonl [--run-out RUN.trec]');
  process.exit(2);
}

interface Narrative {
  id: string;
  fold?: number;
  age?: number | null;
  sex?: 'F' | 'M' | null;
  narrative: string;
}

const corpus = readCorpus(args.corpus!);
const queries = new Map(readJsonl<Query>(args.queries!).map((q) => [q.id, q]));
const narratives = readJsonl<Narrative>(args.narratives).filter((n) => {
  if (queries.has(n.id) && n.narrative?.trim()) return true;
  process.stderr.write(`skipped ${n.id}: not a query case of ${args.queries} or no narrative\n`);
  return false;
});
const foldOf = (n: Narrative) => n.fold ?? queries.get(n.id)!.fold ?? 1;
const folds = [...new Set(narratives.map(foldOf))]
  .sort((a, b) => a - b)
  .filter((f) => !args.folds || args.folds.split(',').map(Number).includes(f));
// The report's own settings (REPORT_TOP_K, REPORT_AGE_WINDOW_YEARS) at their defaults.
const topK: number = reportsConfigShape.REPORT_TOP_K.parse(undefined);
const ageWindow: number = reportsConfigShape.REPORT_AGE_WINDOW_YEARS.parse(undefined);
const collecting = Boolean(args['calibrate-out']);
const calibration = collecting || !existsSync(CALIBRATION_FILE) ? null : loadCalibration();
// The report's floor as the backend would read it from the environment (default 0).
const minRelevance: number = reportsConfigShape.REPORT_MIN_RELEVANCE.parse(process.env.REPORT_MIN_RELEVANCE);
// Collecting reads twice as many cases per narrative, so a higher floor can be simulated on cases a report would reach.
const readTopK = collecting ? 2 * topK : topK;
const rows: {
  id: string;
  fold: number;
  rank: number;
  features: { fused: number; rank: number; strong: number; queryConcepts: number };
  relevant: boolean;
}[] = [];

const product: Metrics[] = [];
const bm25: Metrics[] = [];
const caseText: Metrics[] = [];
let noCloseCase = 0;
let citedTotal = 0;
let citedWithConcept = 0;
let citedRelevant = 0;
let ungatedTotal = 0;
let ungatedWithConcept = 0;
let ungatedRelevant = 0;
const runLines: string[] = [];
const started = performance.now();

await runFolds(
  corpus,
  folds,
  // Every query case of the fold is held out, with or without a narrative.
  (fold) => new Set([...queries.values()].filter((q) => (q.fold ?? 1) === fold).map((q) => q.id)),
  async (fold, embedder, kept) => {
    const foldNarratives = narratives.filter((n) => foldOf(n) === fold);
    const builder = new TermMatrixBuilder({ negation: false });
    for (const r of kept) builder.addDocument(textOf(r.record));
    const matrix = builder.build();
    const model = Bm25Model.fit(matrix, { k1: 1.2, b: 0.75, negation: false });
    const index = Bm25Index.build(model, matrixRows(matrix));
    const client = new EmbedderClient({ baseUrl: embedder.url, serviceToken: SERVICE_TOKEN, timeoutMs: 30_000 });

    for (const n of foldNarratives) {
      const { relevant, query } = queries.get(n.id)!;
      bm25.push(
        scoreRanking(
          index.search(model.encodeQuery(n.narrative), 100).map((h) => idOf(kept[h.doc]!.record)),
          relevant,
        ),
      );
      const text = await embedder.call<{ results: { caseId: string }[] }>('POST', '/v1/search', { query, topK: 100 });
      caseText.push(
        scoreRanking(
          text.results.map((r) => r.caseId),
          relevant,
        ),
      );

      // The intake as it would build the summary from this text, answered to its first question.
      const profile: IntakeProfile = { age: n.age ?? null, sex: n.sex ?? null, conditions: [], medications: [], allergies: [] };
      const { summary } = replay([{ role: 'patient', field: 'chiefComplaint', text: n.narrative, at: new Date(0).toISOString() }], profile);
      const similar = await findSimilarCases(client, summary, { topK: readTopK, ageWindow, depth: 100, calibration, minRelevance });
      if (collecting)
        for (const c of [...similar.cited, ...similar.withheld])
          rows.push({ id: n.id, fold, rank: c.result.rank, features: c.features, relevant: (relevant[c.result.caseId] ?? 0) > 0 });
      product.push(
        scoreRanking(
          similar.ranking.map((r) => r.caseId),
          relevant,
        ),
      );
      if (similar.noCloseCase) noCloseCase++;
      for (const c of similar.cited) {
        citedTotal++;
        if (c.matchedConcepts.length > 0 && c.strongMatches > 0) citedWithConcept++;
        if ((relevant[c.result.caseId] ?? 0) > 0) citedRelevant++;
      }
      // What the first topK would have been without the gate.
      for (const c of [...similar.cited, ...similar.withheld].sort((a, b) => a.result.rank - b.result.rank).slice(0, topK)) {
        ungatedTotal++;
        if (c.strongMatches > 0) ungatedWithConcept++;
        if ((relevant[c.result.caseId] ?? 0) > 0) ungatedRelevant++;
      }
      if (args['run-out'])
        for (const [i, r] of similar.ranking.entries()) runLines.push(`${n.id} Q0 ${r.caseId} ${i + 1} ${r.score} patientinsight-intake`);
    }
  },
);

const table: [string, Metrics][] = [
  ['product path: intake summary → clinical query → search (age filter) ', mean(product)],
  ['plain BM25 (k1 1.2, b 0.75) on the raw narratives', mean(bm25)],
  ['case-text path: first sentences of the case, default search', mean(caseText)],
];
const width = Math.max(...table.map(([name]) => name.length));
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
console.log(
  `\n${product.length} narratives (${args.narratives}), ${folds.length} fold(s), corpus ${corpus.records.length} cases — ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`${'path'.padEnd(width)}  ${METRIC_NAMES.map((k) => METRIC_LABELS[k].padStart(8)).join('')}`);
for (const [name, m] of table) console.log(`${name.padEnd(width)}  ${METRIC_NAMES.map((k) => m[k].toFixed(3).padStart(8)).join('')}`);
const ratio = mean(bm25).ndcg10 > 0 ? mean(product).ndcg10 / mean(bm25).ndcg10 : Number.POSITIVE_INFINITY;
console.log(`product / plain BM25 nDCG@10: ${ratio.toFixed(2)}× (target ≥ 2×)`);
console.log(`answered "no sufficiently similar published case": ${noCloseCase} of ${product.length} (${pct(noCloseCase, product.length)})`);
console.log(
  `relevance gate: matched finding, site or condition${calibration && minRelevance > 0 ? `, calibrated probability ≥ ${minRelevance}` : collecting ? ' (no floor while collecting)' : ' (no floor on the calibrated probability)'}`,
);
console.log(
  `cited cases (at most ${readTopK} a report) with ≥ 1 matched clinical concept: ${citedWithConcept} of ${citedTotal} (${pct(citedWithConcept, citedTotal)}); relevant among them ${pct(citedRelevant, citedTotal)}`,
);
console.log(
  `without the gate, the first ${topK}: ${pct(ungatedWithConcept, ungatedTotal)} with a matched concept, relevant ${pct(ungatedRelevant, ungatedTotal)}`,
);
if (args['run-out']) {
  writeFileSync(args['run-out'], `${runLines.join('\n')}\n`);
  console.log(`TREC run of the product path written to ${args['run-out']} (${runLines.length} lines)`);
}

if (collecting) {
  // Out of fold: each fold's rows are predicted by a model fitted on the other folds' rows.
  const oof = new Map<(typeof rows)[number], number>();
  for (const fold of folds) {
    const model = fitCalibration(
      rows.filter((r) => r.fold !== fold),
      'out of fold',
    );
    for (const r of rows.filter((x) => x.fold === fold)) oof.set(r, relevanceProbability(model, r.features));
  }
  const brier = rows.reduce((s, r) => s + (oof.get(r)! - (r.relevant ? 1 : 0)) ** 2, 0) / rows.length;
  const base = rows.filter((r) => r.relevant).length / rows.length;
  console.log(
    `\ncalibration, out of fold over ${rows.length} read cases (${(100 * base).toFixed(1)} % relevant): Brier ${brier.toFixed(3)} (base rate alone ${(base * (1 - base)).toFixed(3)})`,
  );
  for (let b = 0; b < 5; b++) {
    const bin = rows.filter((r) => oof.get(r)! >= b / 5 && (oof.get(r)! < (b + 1) / 5 || b === 4));
    if (bin.length)
      console.log(
        `  predicted ${(b / 5).toFixed(1)}–${((b + 1) / 5).toFixed(1)}: ${bin.length} cases, mean predicted ${(bin.reduce((s, r) => s + oof.get(r)!, 0) / bin.length).toFixed(3)}, observed ${(bin.filter((r) => r.relevant).length / bin.length).toFixed(3)}`,
      );
  }
  // Citing at a floor: per narrative, the first topK read cases with a matched concept and a probability ≥ floor.
  const byNarrative = new Map<string, typeof rows>();
  for (const r of rows) byNarrative.set(r.id, [...(byNarrative.get(r.id) ?? []), r]);
  const reachable = rows.filter((r) => r.relevant && r.features.strong > 0).length;
  let best = { floor: 0, f1: -1 };
  let suggested = 0;
  console.log('  floor  cited  precision  recall(of relevant read)  F1     no close case');
  for (const floor of [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6]) {
    let cited = 0;
    let hits = 0;
    let none = 0;
    for (const list of byNarrative.values()) {
      const chosen = list
        .filter((r) => r.features.strong > 0 && oof.get(r)! >= floor)
        .sort((a, b) => a.rank - b.rank)
        .slice(0, topK);
      cited += chosen.length;
      hits += chosen.filter((r) => r.relevant).length;
      if (chosen.length === 0) none++;
    }
    const precision = cited ? hits / cited : 0;
    const recall = reachable ? hits / reachable : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1) best = { floor, f1 };
    if (none <= 0.05 * byNarrative.size) suggested = floor;
    console.log(
      `  ${floor.toFixed(2).padStart(5)}  ${String(cited).padStart(5)}  ${precision.toFixed(3).padStart(9)}  ${recall.toFixed(3).padStart(24)}  ${f1.toFixed(3)}  ${none} of ${byNarrative.size}`,
    );
  }
  const model = fitCalibration(rows, `${args.narratives} (${rows.length} read cases, ${new Date().toISOString().slice(0, 10)})`, suggested);
  writeFileSync(args['calibrate-out']!, `${JSON.stringify(model, null, 2)}\n`);
  console.log(
    `calibration fitted on all folds written to ${args['calibrate-out']}: suggested floor ${suggested} (the highest with ≤ 5 % "no close case"; best F1 at ${best.floor})`,
  );
}
