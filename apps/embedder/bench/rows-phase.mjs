// The ingestion's rows phase in one process, as the worker runs it: the row-reader thread (parse, clean, validate,
// hash) feeding IngestionRepository.commitBatch (dedupe, stage, outcomes, checkpoint) into a fresh PGlite data dir,
// on cases generated like `pnpm bench:ingest` makes them. Prints the wall time, this thread's CPU (the commits, and
// the time spent waiting for the next batch) and the other threads' CPU (the reader), and a digest of what was
// stored. With --reference DIR (a worktree of another commit, its embedder built) the two builds alternate in the
// same process, so their figures can be set side by side on a shared machine.
//
//   node apps/embedder/bench/rows-phase.mjs [--rows 30000] [--reps 3] [--reference /tmp/wt-ref]
//
// Uses the built dist of each tree (`pnpm turbo run build --filter=@patientinsight/embedder`).
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readSample, writeGeneratedCorpus } from './generated-corpus.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '30000' },
    reps: { type: 'string', default: '3' },
    reference: { type: 'string' },
  },
});
const ROWS = Number(args.rows);
const here = fileURLToPath(new URL('..', import.meta.url));
const builds = { this: here, ...(args.reference ? { reference: join(args.reference, 'apps/embedder') } : {}) };
const work = mkdtempSync(join(tmpdir(), 'bench-rows-'));
const corpus = join(work, 'corpus.csv');

/** The cases `pnpm bench:ingest` ingests (generated-corpus.mjs). */
const generate = async () => writeGeneratedCorpus(corpus, ROWS, await readSample());

async function load(root) {
  const require = createRequire(join(root, 'package.json'));
  const dist = join(root, 'dist');
  return {
    kit: await import(require.resolve('@patientinsight/nest-kit')),
    sql: (await import(require.resolve('kysely'))).sql,
    migrations: (await import(join(dist, 'database/migrations/index.js'))).embedderMigrations,
    Repository: (await import(join(dist, 'ingestion/ingestion.repository.js'))).IngestionRepository,
    dedupeBatch: (await import(join(dist, 'ingestion/stages/dedupe.js'))).dedupeBatch,
    readPreparedBatches: (await import(join(dist, 'ingestion/reader/row-reader.js'))).readPreparedBatches,
  };
}

const cpuMs = (u) => (u.user + u.system) / 1000;

async function run(build) {
  const dir = mkdtempSync(join(work, 'pg-'));
  const database = await build.kit.openDatabase({ dataDir: join(dir, 'pg') });
  try {
    await build.kit.migrateToLatest(database.db, build.migrations);
    const repository = new build.Repository(database);
    const job = {
      id: 'bench-job',
      source_kind: 'file',
      source_uri: `file://${corpus}`,
      format: 'csv',
      filename: null,
      column_mapping: null,
    };
    await repository.create(job);
    await repository.claimNext('bench', 600_000, 5);
    const options = { format: 'csv', mapping: null, skip: 0, batchSize: 1000, limits: { minTextChars: 40, maxTextChars: 100_000 } };
    const process0 = process.cpuUsage();
    const thread0 = process.threadCpuUsage();
    const started = performance.now();
    let commitCpu = 0;
    let waiting = 0;
    let waitFrom = performance.now();
    for await (const batch of build.readPreparedBatches(createReadStream(corpus), options)) {
      waiting += performance.now() - waitFrom;
      const before = process.threadCpuUsage();
      const commit = { rowsRead: batch.rowsRead, cases: batch.valid, rejected: batch.rejected, duplicates: [], missing: batch.missing };
      await repository.commitBatch(job.id, 'bench', 600_000, { ...commit, stageMs: batch.stageMs, processingMs: 1 }, (existing) =>
        build.dedupeBatch(batch.valid, existing, job.id),
      );
      commitCpu += cpuMs(process.threadCpuUsage(before));
      waitFrom = performance.now();
    }
    const wall = performance.now() - started;
    const main = cpuMs(process.threadCpuUsage(thread0));
    const others = cpuMs(process.cpuUsage(process0)) - main;
    const { sql } = build;
    const stored = await Promise.all([
      sql`select case_id, pmid, title, text, age, sex, text_hash, job_id, state from case_record order by case_id`.execute(database.db),
      sql`select row_number, line, case_id, outcome, field, reason from ingestion_row order by row_number`.execute(database.db),
      sql`select rows_read, rows_accepted, rows_rejected, rows_duplicate, missing_counts from ingestion_job`.execute(database.db),
    ]);
    const digest = createHash('sha256')
      .update(JSON.stringify(stored.map((r) => r.rows)))
      .digest('hex')
      .slice(0, 12);
    return { wall, main, commitCpu, waiting, others, cases: stored[0].rows.length, digest };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await generate();
  const loaded = {};
  for (const [name, root] of Object.entries(builds)) loaded[name] = await load(root);
  const round = (ms) => Math.round(ms).toLocaleString('en');
  console.log(`rows phase, ${ROWS} generated cases, 1,000-row batches, fresh PGlite data dir per run (ms)`);
  for (let rep = 0; rep < Number(args.reps); rep++) {
    for (const [name, build] of Object.entries(loaded)) {
      const r = await run(build);
      console.log(
        `${name.padEnd(9)} wall ${round(r.wall)}  main thread ${round(r.main)} cpu (commits ${round(r.commitCpu)}, waiting for batches ${round(r.waiting)})  ` +
          `other threads ${round(r.others)} cpu  ${r.cases} cases, digest ${r.digest}`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
