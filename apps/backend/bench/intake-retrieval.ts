// pnpm bench:intake-retrieval --narratives FILE.jsonl [--run-out RUN.trec] [--corpus FILE.csv] [--queries FILE.jsonl] [--folds 1,3]
// Patient-voice narratives through the product's own path, under the fold protocol of
// ../shared/data/README.md (each fold's embedder indexed without that fold's query cases):
//   narrative → the intake's offline summary (replayed as the answer to the chief-complaint question,
//   with the narrative's age and sex as the profile) → the clinical query builder → the embedder search
//   with the profile's age filter → the relevance gate (what a report may cite).
// Beside it, on the same ids: plain BM25 (k1 1.2, b 0.75) on the raw narratives, and the case-text path
// (the query case's first sentences through the embedder's default search, as bench:retrieval does).
// FILE: one {"id": <query case uid>, "fold": k, "age": years, "sex": "M"|"F", "narrative": "..."} a line;
// relevance comes from the queries file by id.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EmbedderClient, type IntakeProfile } from '@patientinsight/shared';
import { Bm25Index, matrixRows } from '../../embedder/dist/encoders/bm25/bm25-index.js';
import { Bm25Model } from '../../embedder/dist/encoders/bm25/bm25-model.js';
import { TermMatrixBuilder } from '../../embedder/dist/encoders/text/term-matrix.js';
import { SERVICE_TOKEN } from '../../embedder/bench/embedder-process.ts';
import { DEFAULT_CORPUS, DEFAULT_QUERIES, idOf, type Query, readCorpus, readJsonl, runFolds, textOf } from '../../embedder/bench/fold-protocol.ts';
import { METRIC_LABELS, METRIC_NAMES, type Metrics, mean, scoreRanking } from '../../embedder/bench/ir-metrics.ts';
import { replay } from '../dist/intake/intake-flow.js';
import { llmConfigShape } from '../dist/llm/llm.config.js';
import { findSimilarCases } from '../dist/retrieval/similar-cases.js';

const { values: args } = parseArgs({
  options: {
    narratives: { type: 'string' },
    'run-out': { type: 'string' },
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
const folds = [...new Set(narratives.map(foldOf))].sort((a, b) => a - b).filter((f) => !args.folds || args.folds.split(',').map(Number).includes(f));
// The report's own settings (REPORT_TOP_K, REPORT_AGE_WINDOW_YEARS) at their defaults.
const topK: number = llmConfigShape.REPORT_TOP_K.parse(undefined);
const ageWindow: number = llmConfigShape.REPORT_AGE_WINDOW_YEARS.parse(undefined);

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
      bm25.push(scoreRanking(index.search(model.encodeQuery(n.narrative), 100).map((h) => idOf(kept[h.doc]!.record)), relevant));
      const text = await embedder.call<{ results: { caseId: string }[] }>('POST', '/v1/search', { query, topK: 100 });
      caseText.push(scoreRanking(text.results.map((r) => r.caseId), relevant));

      // The intake as it would build the summary from this text, answered to its first question.
      const profile: IntakeProfile = { age: n.age ?? null, sex: n.sex ?? null, conditions: [], medications: [], allergies: [] };
      const { summary } = replay([{ role: 'patient', field: 'chiefComplaint', text: n.narrative, at: new Date(0).toISOString() }], profile);
      const similar = await findSimilarCases(client, summary, { topK, ageWindow, depth: 100 });
      product.push(scoreRanking(similar.ranking.map((r) => r.caseId), relevant));
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
      if (args['run-out']) for (const [i, r] of similar.ranking.entries()) runLines.push(`${n.id} Q0 ${r.caseId} ${i + 1} ${r.score} patientinsight-intake`);
    }
  },
);

const rows: [string, Metrics][] = [
  ['product path: intake summary → clinical query → search (age filter) ', mean(product)],
  ['plain BM25 (k1 1.2, b 0.75) on the raw narratives', mean(bm25)],
  ['case-text path: first sentences of the case, default search', mean(caseText)],
];
const width = Math.max(...rows.map(([name]) => name.length));
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
console.log(`\n${product.length} narratives (${args.narratives}), ${folds.length} fold(s), corpus ${corpus.records.length} cases — ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`${'path'.padEnd(width)}  ${METRIC_NAMES.map((k) => METRIC_LABELS[k].padStart(8)).join('')}`);
for (const [name, m] of rows) console.log(`${name.padEnd(width)}  ${METRIC_NAMES.map((k) => m[k].toFixed(3).padStart(8)).join('')}`);
const ratio = mean(bm25).ndcg10 > 0 ? mean(product).ndcg10 / mean(bm25).ndcg10 : Number.POSITIVE_INFINITY;
console.log(`product / plain BM25 nDCG@10: ${ratio.toFixed(2)}× (target ≥ 2×)`);
console.log(`answered "no sufficiently similar published case": ${noCloseCase} of ${product.length} (${pct(noCloseCase, product.length)})`);
console.log(`cited cases (at most ${topK} a report) with ≥ 1 matched clinical concept: ${citedWithConcept} of ${citedTotal} (${pct(citedWithConcept, citedTotal)}); relevant among them ${pct(citedRelevant, citedTotal)}`);
console.log(`without the gate, the first ${topK}: ${pct(ungatedWithConcept, ungatedTotal)} with a matched concept, relevant ${pct(ungatedRelevant, ungatedTotal)}`);
if (args['run-out']) {
  writeFileSync(args['run-out'], `${runLines.join('\n')}\n`);
  console.log(`TREC run of the product path written to ${args['run-out']} (${runLines.length} lines)`);
}
