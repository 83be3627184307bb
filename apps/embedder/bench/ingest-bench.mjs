// `pnpm bench:ingest`: ingests a generated corpus of the full PMC-Patients size (167,034 cases by
// default) into a freshly started embedder (the built dist/main.js, embedded defaults: PGlite and the
// default encoders/store behind the CorpusIndexer) through its real HTTP API, and prints cases/s,
// wall time, the embedder's peak RSS and the time per stage, beside the issue's targets.
//
//   node apps/embedder/bench/ingest-bench.mjs [--rows N] [--database-url postgres://…] [--batch N] [--keep] [--add N]
//     [--data-dir DIR] [--no-rebuild]
//
// With --add N (issue 24), N more cases are then ingested into that corpus: the time from the upload to the job's
// end and to the first search that returns a new case (appended to the active version), the job's timeline
// (queued → claimed → staged → profiled → indexed → succeeded, from its timestamps and stage timings), side by side
// with a full rebuild of the same corpus in the same run (POST /v1/corpus/versions, what every job paid before;
// --no-rebuild leaves it out).
// --data-dir DIR runs the embedder on DIR/embedder and puts the generated files in DIR (kept afterwards): when that
// data dir already holds an active corpus version (e.g. a copy of one `pnpm bench:search --data-dir` built), the
// base ingestion is skipped and the run goes straight to --add, so the add can be measured at 167k in seconds.
// The add writes into DIR: measure on a copy (`cp -a DIR DIR-copy`), not on a data dir someone else reuses.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, ServiceProcess } from '@patientinsight/testing';
import { stringify } from 'csv-stringify';
import { readSample as readSampleRows, writeGeneratedCorpus } from './generated-corpus.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '167034' },
    'database-url': { type: 'string' },
    batch: { type: 'string' },
    keep: { type: 'boolean', default: false },
    add: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-rebuild': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const ADD = args.add === undefined ? 0 : Number(args.add);
if (!Number.isInteger(ADD) || ADD < 0) throw new Error('--add must be a whole number of cases');
const appDir = fileURLToPath(new URL('..', import.meta.url));
// Issue 24: 167,034 cases in under 60 s with a peak RSS under 1.5 GB, on two cores.
const TARGET = { seconds: 60, rssMb: 1536 };

const dir = args['data-dir'] ?? mkdtempSync(join(tmpdir(), 'bench-ingest-'));
mkdirSync(dir, { recursive: true });
const corpus = join(dir, 'generated-corpus.csv');
const addedCsv = join(dir, 'added-cases.csv');
const sample = [];

async function readSample() {
  sample.push(...(await readSampleRows()));
}

/** The generated corpus (generated-corpus.mjs). */
const generate = () => writeGeneratedCorpus(corpus, ROWS, sample);

/**
 * The cases to add: each joins two different sample cases' texts, so it is the only case that holds both and a
 * query made of their beginnings finds it first (the generated corpus repeats the sample, so a plain copy would tie).
 * Ids and texts carry the corpus size they join, so a reused data dir that already took an earlier run's cases
 * takes these as new ones rather than as duplicates.
 */
const addedCase = (i) => {
  const a = sample[i % sample.length];
  const b = sample[(i * 7 + 13) % sample.length];
  const mark = baseCases === ROWS ? '' : `-${baseCases}`;
  return {
    ...a,
    patient_id: String(ROWS + i),
    patient_uid: `bench-added${mark}-${i}`,
    patient: `${a.patient} ${b.patient.slice(0, 600)}${mark ? ` [added to ${baseCases}]` : ''}`,
    query: `${a.patient.slice(0, 200)} ${b.patient.slice(0, 200)}`,
  };
};
async function generateAdded() {
  const columns = Object.keys(sample[0]);
  async function* rows() {
    for (let i = 0; i < ADD; i++) {
      const { query: _query, ...row } = addedCase(i);
      yield row;
    }
  }
  await pipeline(rows, stringify({ header: true, columns }), createWriteStream(addedCsv));
}

function rssMb(pid, field) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

await readSample();

const token = randomBytes(24).toString('hex');
const port = await freePort();
const env = {
  PORT: port,
  METRICS_PORT: await freePort(),
  HOST: '127.0.0.1',
  SERVICE_TOKEN: token,
  DATA_DIR: join(dir, 'embedder'),
  LOCAL_SOURCE_ROOTS: dir,
  // debug: the worker's 'job phase done' lines give the added job's timeline.
  LOG_LEVEL: ADD > 0 ? 'debug' : 'warn',
  INGEST_POLL_MS: '200',
  // As the embedder image sets it (apps/embedder/Dockerfile): glibc arenas capped at two.
  MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  ...(args['database-url'] ? { DATABASE_URL: args['database-url'] } : {}),
  ...(args.batch ? { INGEST_BATCH_SIZE: args.batch } : {}),
};
const embedder = new ServiceProcess({ cwd: appDir, entry: 'dist/main.js', env });
const base = `http://127.0.0.1:${port}`;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
let job;
let wallSeconds = 0;
/** Cases in the corpus the added ones join: the generated ones, or the reused data dir's active version. */
let baseCases = ROWS;

/** Ingests a file through the API; returns the job at its final state and the seconds from the POST. */
async function ingest(path) {
  const started = performance.now();
  const startedAtMs = Date.now();
  const res = await fetch(`${base}/v1/ingestions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ sourceUri: `file://${path}`, format: 'csv' }),
  });
  if (res.status !== 202) throw new Error(`ingestion refused: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  let state;
  for (;;) {
    if (!embedder.running) throw new Error(`the embedder exited: ${JSON.stringify(await embedder.exited)}`);
    try {
      state = await (await fetch(`${base}/v1/ingestions/${id}`, { headers, signal: AbortSignal.timeout(30_000) })).json();
    } catch (error) {
      console.error(`poll failed (${error.cause?.code ?? error.message}); trying again`);
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    if (['succeeded', 'failed', 'cancelled', 'awaiting_approval'].includes(state.state)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { job: state, seconds: (performance.now() - started) / 1000, started, startedAtMs };
}

/** Whether a search for the added case's two beginnings returns it in its top 10. */
async function finds(i) {
  const { query, patient_uid } = addedCase(i);
  const res = await fetch(`${base}/v1/search`, { method: 'POST', headers, body: JSON.stringify({ query, topK: 10 }) });
  if (res.status !== 200) throw new Error(`search refused: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { found: body.results.some((r) => r.caseId === patient_uid), version: body.corpusVersion };
}

async function benchAdd() {
  await generateAdded();
  // A serving embedder has its active version in memory: one search loads it (a restarted one with --data-dir has not).
  const warmStarted = performance.now();
  await finds(0);
  console.log(`warm-up search (loads the active version): ${((performance.now() - warmStarted) / 1000).toFixed(2)} s (not counted)`);
  const added = await ingest(addedCsv);
  if (added.job.state !== 'succeeded') throw new Error(`adding ${ADD} cases ended ${added.job.state}: ${added.job.error}`);
  // Searchable: the first search after the job's end that returns a new case (polled; normally the first one).
  let searchableSeconds = null;
  for (let attempt = 0; attempt < 100 && searchableSeconds === null; attempt++) {
    if ((await finds(ADD - 1)).found) searchableSeconds = (performance.now() - added.started) / 1000;
    else await new Promise((r) => setTimeout(r, 100));
  }
  let foundOf20 = 0;
  for (let k = 0; k < 20; k++) if ((await finds(Math.floor((k * ADD) / 20))).found) foundOf20++;
  printTimeline(added);
  if (args['no-rebuild']) {
    printAdded(added, searchableSeconds, foundOf20);
    if (searchableSeconds === null) process.exitCode = 1;
    return;
  }
  const rebuildStarted = performance.now();
  const rebuild = await fetch(`${base}/v1/corpus/versions`, { method: 'POST', headers, body: '{}' });
  if (rebuild.status !== 201) throw new Error(`rebuild refused: ${rebuild.status} ${await rebuild.text()}`);
  const rebuilt = await rebuild.json();
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  const afterRebuild = await finds(ADD - 1);
  printAdded(added, searchableSeconds, foundOf20);
  console.log(
    `  ${'full rebuild of the same corpus'.padEnd(40)} ${`${rebuildSeconds.toFixed(2)} s`.padStart(10)}   POST /v1/corpus/versions, ${rebuilt.indexed} cases, new version ${rebuilt.versionId}; finds the last added case: ${afterRebuild.found}`,
  );
  for (const [stage, ms] of Object.entries(rebuilt.durationsMs))
    console.log(`    ${stage.padEnd(20)} ${(ms / 1000).toFixed(2).padStart(8)} s`);
  if (searchableSeconds === null || afterRebuild.version !== rebuilt.versionId) process.exitCode = 1;
}

function printAdded(added, searchableSeconds, foundOf20) {
  const stages = Object.entries(added.job.stageDurationsMs)
    .filter(([stage]) => stage.startsWith('index_'))
    .map(([stage, ms]) => `${stage.slice(6)} ${(ms / 1000).toFixed(2)} s`)
    .join(', ');
  const { mode, refitReason } = added.job.indexing ?? {};
  console.log(`
adding ${ADD} cases to the ${baseCases}-case corpus (job ${added.job.state}, corpus version ${added.job.corpusVersion}, ${mode}${refitReason ? `: ${refitReason}` : ''})`);
  console.log(`  ${'upload to job succeeded'.padEnd(40)} ${`${added.seconds.toFixed(2)} s`.padStart(10)}   index phase: ${stages}`);
  console.log(
    `  ${'upload to first search finding one'.padEnd(40)} ${searchableSeconds === null ? 'never'.padStart(10) : `${searchableSeconds.toFixed(2)} s`.padStart(10)}   target < 5 s`,
  );
  console.log(`  ${'added cases found in their top 10'.padEnd(40)} ${`${foundOf20} of 20`.padStart(10)}`);
}

/**
 * The added job's timeline in seconds from the POST: its own timestamps (created, claimed = started, finished) and the
 * worker's 'job phase done' debug lines (ingest = rows staged, profile, index = live and succeeded, notify), with the
 * stage timings summed per phase.
 */
function printTimeline(added) {
  const { job, startedAtMs } = added;
  const at = (iso) => (iso ? ((Date.parse(iso) - startedAtMs) / 1000).toFixed(2) : '—');
  const events = [
    ['created', at(job.createdAt)],
    ['claimed', at(job.startedAt)],
  ];
  for (const line of embedder.stdout) {
    if (!line.includes('"job phase done"') || !line.includes(job.id)) continue;
    const entry = JSON.parse(line);
    events.push([`${entry.phase} done`, ((entry.time - startedAtMs) / 1000).toFixed(2)]);
  }
  events.push(['finished', at(job.finishedAt)]);
  console.log(`\n  timeline of the added job, s after the POST: ${events.map(([e, t]) => `${e} ${t}`).join(', ')}`);
  const sums = {};
  for (const [stage, ms] of Object.entries(job.stageDurationsMs)) {
    const phase = stage.startsWith('index_') ? 'index' : ['profile', 'drift'].includes(stage) ? 'profile' : 'ingest';
    if (stage !== 'index_total') sums[phase] = { ...sums[phase], [stage]: ms };
  }
  for (const [phase, stages] of Object.entries(sums))
    console.log(
      `    ${phase.padEnd(8)} ${Object.entries(stages)
        .map(([s, ms]) => `${s} ${ms}`)
        .join(', ')} ms`,
    );
}
let peakSampledMb = 0;

/** Generates the corpus and ingests it through the API: wall time, cases/s, peak RSS and the time per stage. */
async function benchBase() {
  const t0 = performance.now();
  await generate();
  const generateSeconds = (performance.now() - t0) / 1000;
  const sizeMb = statSync(corpus).size / 1024 / 1024;
  console.log(`generated ${ROWS} cases (${sizeMb.toFixed(0)} MB CSV) in ${generateSeconds.toFixed(1)} s (not counted)`);
  const idleMb = rssMb(embedder.pid, 'VmRSS');
  const sampler = setInterval(() => {
    peakSampledMb = Math.max(peakSampledMb, rssMb(embedder.pid, 'VmRSS'));
  }, 100);
  const started = performance.now();
  const res = await fetch(`${base}/v1/ingestions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ sourceUri: `file://${corpus}`, format: 'csv' }),
  });
  if (res.status !== 202) throw new Error(`ingestion refused: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  for (;;) {
    if (!embedder.running) throw new Error(`the embedder exited: ${JSON.stringify(await embedder.exited)}`);
    try {
      job = await (await fetch(`${base}/v1/ingestions/${id}`, { headers, signal: AbortSignal.timeout(30_000) })).json();
    } catch (error) {
      console.error(`poll failed (${error.cause?.code ?? error.message}); trying again`);
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    if (['succeeded', 'failed', 'cancelled', 'awaiting_approval'].includes(job.state)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  wallSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const peakMb = Math.max(rssMb(embedder.pid, 'VmHWM'), peakSampledMb);

  const c = job.counters;
  const row = (label, measured, target) => console.log(`  ${label.padEnd(34)} ${String(measured).padStart(14)}   ${target}`);
  console.log(
    `\ningestion of ${ROWS} generated cases, ${args['database-url'] ? 'PostgreSQL' : 'PGlite (embedded default)'}, MALLOC_ARENA_MAX=${env.MALLOC_ARENA_MAX}, job ${job.state}${job.error ? ` (${job.error})` : ''}`,
  );
  console.log(`  ${'figure'.padEnd(34)} ${'measured'.padStart(14)}   target / reference`);
  row(
    'wall time, POST to final state',
    `${wallSeconds.toFixed(1)} s`,
    `< ${TARGET.seconds} s (original Airflow pipeline: tens of minutes)`,
  );
  row('cases/s (accepted / wall)', (c.accepted / wallSeconds).toFixed(0), `> ${(ROWS / TARGET.seconds).toFixed(0)} to meet the target`);
  row('rows read/s while reading (ingest)', job.throughput.rowsPerSecond, '');
  row('peak RSS of the embedder', `${peakMb.toFixed(0)} MB`, `< ${TARGET.rssMb} MB (idle before the job: ${idleMb.toFixed(0)} MB)`);
  row('read = accepted + rejected + dup', `${c.read} = ${c.accepted} + ${c.rejected} + ${c.duplicate}`, `indexed ${c.indexed}`);
  console.log('\n  time per stage (summed over batches):');
  for (const [stage, ms] of Object.entries(job.stageDurationsMs).sort((a, b) => b[1] - a[1]))
    console.log(`    ${stage.padEnd(20)} ${(ms / 1000).toFixed(2).padStart(8)} s`);
  return job.state === 'succeeded';
}

try {
  await embedder.waitFor(`${base}/readyz`);
  const versions = await (await fetch(`${base}/v1/corpus/versions`, { headers })).json();
  const active = versions.versions.find((v) => v.state === 'active');
  if (args['data-dir'] && active) {
    baseCases = active.caseCount;
    console.log(`reusing the data dir ${dir}: active corpus version ${active.id}, ${baseCases} cases (base ingestion skipped)`);
    if (ADD > 0) await benchAdd();
  } else if (!(await benchBase())) process.exitCode = 1;
  else if (ADD > 0) await benchAdd();
} catch (error) {
  console.error(`bench failed: ${error.message}`);
  console.error(
    `embedder stderr (last lines):\n${embedder.stderr.slice(-20).join('\n')}\nstdout:\n${embedder.stdout.slice(-20).join('\n')}`,
  );
  process.exitCode = 1;
} finally {
  await embedder.stop();
  if (!args.keep && !args['data-dir']) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
