// node apps/embedder/bench/retrieval-lsa-fit.ts [--docs 20000] [--runs 2] [--configs 1/10,2/10,4/10,8/10]
// What a better-converged LSA costs at ingestion: the wall time of LsaModel.fit (the build's fit_lsa stage, helper
// thread included) on the corpus bench:ingest generates (the sample repeated with a variant marker, generated-corpus.mjs), for
// power iterations / oversamples pairs. A build fits on at most LSA_MAX_FIT_DOCS (20,000) cases whatever the corpus size.
import { parseArgs } from 'node:util';
import { LsaModel } from '../dist/encoders/lsa/lsa-model.js';
import { TermMatrixBuilder } from '../dist/text/term-matrix.js';
import { DEFAULT_CORPUS, readCorpus } from './fold-protocol.ts';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '2' },
    configs: { type: 'string', default: '1/10,2/10,4/10,8/10' },
  },
});

const sample = readCorpus(DEFAULT_CORPUS).records.map((r) => r.record);
const docs = Number(args.docs);
const builder = new TermMatrixBuilder({ negation: true });
for (let i = 0; i < docs; i++) {
  const base = sample[i % sample.length]!;
  builder.addDocument(`${base.title}\n${base.patient} [variant ${Math.floor(i / sample.length)}]`);
}
const matrix = builder.build();
console.log(`${docs} generated cases, ${matrix.terms.length} terms, ${matrix.rowPtr[docs]} non-zeros`);
for (const config of args.configs!.split(',')) {
  const [powerIterations, oversample] = config.split('/').map(Number);
  const times: number[] = [];
  for (let run = 0; run < Number(args.runs); run++) {
    const started = performance.now();
    await LsaModel.fit(matrix, { powerIterations, oversample, maxFitDocs: docs });
    times.push((performance.now() - started) / 1000);
  }
  console.log(`power iterations ${powerIterations}, oversample ${oversample}: ${times.map((t) => `${t.toFixed(2)} s`).join(', ')}`);
}
