// pnpm bench:retrieval [--corpus FILE.csv] [--queries FILE.jsonl] [--first-sentence] [--run-out FILE]
// The fold protocol of ../shared/data/README.md through the real HTTP API: for each fold, a fresh
// embedder (its own data dir) ingests the corpus without the fold's query cases through
// POST /v1/ingestions, then the fold's queries run through POST /v1/search under each configuration.
// The plain BM25 reference (k1 0.9, b 0.4) is computed in this process on the same fold corpus, and so is BM25 with
// issue 22's fixed parameters (k1 1.2, b 0.75) on title + text with the product's tokens (negation marks):
// the target "never below BM25" is judged against it whatever BM25_K1 / BM25_B the embedder runs with.
// --first-sentence: each query cut to its first sentence (the short-query probe; same folds and relevance).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Bm25Index, matrixRows } from '../dist/index/bm25/bm25-index.js';
import { Bm25Model } from '../dist/index/bm25/bm25-model.js';
import { corpusConfigShape } from '../dist/corpus/corpus.config.js';
import { TermMatrixBuilder } from '../dist/text/term-matrix.js';
import { normaliseText, parseAge } from '../dist/ingestion/stages/clean.js';
import {
  DEFAULT_CORPUS,
  DEFAULT_QUERIES,
  firstSentence,
  idOf,
  type Query,
  readCorpus,
  readJsonl,
  runFolds,
  textOf,
} from './fold-protocol.ts';
import { METRIC_LABELS, METRIC_NAMES, type Metrics, mean, scoreRanking } from './ir-metrics.ts';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: DEFAULT_CORPUS },
    queries: { type: 'string', default: DEFAULT_QUERIES },
    'run-out': { type: 'string' },
    'first-sentence': { type: 'boolean', default: false },
    folds: { type: 'string' },
  },
});

type SearchOptions = {
  mode?: 'hybrid' | 'lexical' | 'dense';
  fusion?: 'weighted' | 'rrf';
  feedbackDocs?: number;
  demographicPrior?: number;
  normalization?: 'minmax' | 'max';
  regularization?: number;
};

/** The BM25 parameters the embedders this bench starts run with: this process's environment, else their defaults. */
const embedderBm25 = {
  BM25_K1: corpusConfigShape.BM25_K1.parse(process.env.BM25_K1),
  BM25_B: corpusConfigShape.BM25_B.parse(process.env.BM25_B),
};
/** The configurations compared; the first is the embedder's default (nothing overridden). */
const CONFIGS: { name: string; options?: SearchOptions }[] = [
  { name: 'default (weighted min-max + PRF + regularisation)' },
  { name: 'default, no score regularisation', options: { regularization: 0 } },
  { name: 'previous default (weighted /max + PRF)', options: { normalization: 'max', regularization: 0 } },
  { name: 'default, no PRF', options: { feedbackDocs: 0 } },
  { name: 'hybrid RRF + PRF', options: { fusion: 'rrf' } },
  { name: 'hybrid RRF, no PRF', options: { fusion: 'rrf', feedbackDocs: 0 } },
  { name: 'default + demographic prior 0.1', options: { demographicPrior: 0.1 } },
  { name: `lexical only (BM25 k1 ${embedderBm25.BM25_K1} b ${embedderBm25.BM25_B})`, options: { mode: 'lexical' } },
  { name: 'dense only (LSA)', options: { mode: 'dense', feedbackDocs: 0, regularization: 0 } },
];

const corpus = readCorpus(args.corpus!);
const records = corpus.records;
const written = readJsonl<Query>(args.queries!);
const queries = args['first-sentence'] ? written.map((q) => ({ ...q, query: firstSentence(q.query) })) : written;
if (args['first-sentence'])
  console.log(
    `first-sentence probe: ${queries.filter((q, i) => q.query !== written[i]!.query).length} of ${queries.length} queries cut to their first sentence`,
  );
// The query case's own age and sex, sent as `patient` (what the product knows from the profile).
const patientOf = new Map(
  records.map(({ record: r }) => {
    const years = parseAge(r.age).years;
    const sex = r.gender === 'F' || r.gender === 'M' ? r.gender : undefined;
    return [idOf(r), { ...(years !== null && Number.isFinite(years) ? { age: years } : {}), ...(sex ? { sex } : {}) }];
  }),
);
const folds = [...new Set(queries.map((q) => q.fold ?? 1))]
  .sort((a, b) => a - b)
  .filter((f) => !args.folds || args.folds.split(',').map(Number).includes(f));

const perConfig = new Map<string, Metrics[]>();
const baseline: Metrics[] = [];
const fixedBm25: Metrics[] = [];
const runLines: string[] = [];
const started = performance.now();
await runFolds(
  corpus,
  folds,
  (fold) => new Set(queries.filter((q) => (q.fold ?? 1) === fold).map((q) => q.id)),
  async (fold, embedder, kept) => {
    const foldQueries = queries.filter((q) => (q.fold ?? 1) === fold);
    // Plain BM25 reference on exactly this fold corpus (no negation marks, k1 0.9, b 0.4).
    const builder = new TermMatrixBuilder({ negation: false });
    for (const r of kept) builder.addDocument(textOf(r.record));
    const matrix = builder.build();
    const referenceModel = Bm25Model.fit(matrix, { k1: 0.9, b: 0.4, negation: false });
    const reference = Bm25Index.build(referenceModel, matrixRows(matrix));
    for (const q of foldQueries)
      baseline.push(
        scoreRanking(
          reference.search(referenceModel.encodeQuery(q.query), 100).map((h) => idOf(kept[h.doc]!.record)),
          q.relevant,
        ),
      );

    // BM25 k1 1.2, b 0.75 over cleaned title + text with negation marks (the documents the embedder indexed before
    // it wrote the opening sentence twice): a fixed reference that does not follow the product.
    const productBuilder = new TermMatrixBuilder({ negation: true });
    for (const r of kept) productBuilder.addDocument(`${normaliseText(r.record.title) ?? ''}\n${normaliseText(textOf(r.record)) ?? ''}`);
    const productMatrix = productBuilder.build();
    const fixedModel = Bm25Model.fit(productMatrix, { k1: 1.2, b: 0.75, negation: true });
    const fixed = Bm25Index.build(fixedModel, matrixRows(productMatrix));
    for (const q of foldQueries)
      fixedBm25.push(
        scoreRanking(
          fixed.search(fixedModel.encodeQuery(q.query), 100).map((h) => idOf(kept[h.doc]!.record)),
          q.relevant,
        ),
      );

    for (const config of CONFIGS) {
      const list = perConfig.get(config.name) ?? [];
      perConfig.set(config.name, list);
      for (const q of foldQueries) {
        const res = await embedder.call<{ results: { caseId: string; score: number }[] }>('POST', '/v1/search', {
          query: q.query,
          topK: 100,
          patient: patientOf.get(q.id) ?? {},
          ...(config.options ? { options: config.options } : {}),
        });
        list.push(
          scoreRanking(
            res.results.map((r) => r.caseId),
            q.relevant,
          ),
        );
        if (config === CONFIGS[0] && args['run-out'])
          for (const [i, r] of res.results.entries()) runLines.push(`${q.id} Q0 ${r.caseId} ${i + 1} ${r.score} patientinsight-default`);
      }
    }
  },
);

const FIXED_BM25 = 'BM25 k1 1.2 b 0.75 (issue 22 reference)';
const rows: [string, Metrics][] = [
  ['plain BM25 reference (k1 0.9, b 0.4)', mean(baseline)],
  [FIXED_BM25, mean(fixedBm25)],
  ...[...perConfig].map(([name, ms]) => [name, mean(ms)] as [string, Metrics]),
];
const width = Math.max(...rows.map(([n]) => n.length));
console.log(
  `\n${queries.filter((q) => folds.includes(q.fold ?? 1)).length} queries, ${folds.length} fold(s), corpus ${records.length} cases — ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`${'configuration'.padEnd(width)}  ${METRIC_NAMES.map((k) => METRIC_LABELS[k].padStart(8)).join('')}`);
const references = rows.filter(([name]) => name.startsWith('plain BM25') || name === FIXED_BM25 || name.startsWith('lexical only'));
for (const [name, m] of rows) {
  const below = references.filter(([, r]) => METRIC_NAMES.some((k) => m[k] < r[k])).map(([n]) => n);
  const flags =
    name === rows[2]![0]
      ? below.length === 0
        ? '  (≥ every BM25 row on every metric)'
        : `  (BELOW ${below.join(' and ')} on some metric)`
      : '';
  console.log(`${name.padEnd(width)}  ${METRIC_NAMES.map((k) => m[k].toFixed(3).padStart(8)).join('')}${flags}`);
}
if (args['run-out']) {
  writeFileSync(args['run-out'], `${runLines.join('\n')}\n`);
  console.log(`TREC run of the default configuration written to ${args['run-out']} (${runLines.length} lines)`);
}
