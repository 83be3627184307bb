// `pnpm bench:ingest`: ingests a generated corpus of the full PMC-Patients size (167,034 cases by
// default) into a freshly started embedder (the built dist/main.js, embedded defaults: PGlite and the
// default encoders/store behind the CorpusIndexer) through its real HTTP API, and prints cases/s,
// wall time, the embedder's peak RSS and the time per stage, beside the issue's targets.
//
//   node apps/embedder/bench/ingest-bench.mjs [--rows N] [--database-url postgres://…] [--batch N] [--keep]
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, ServiceProcess } from '@patientinsight/testing';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '167034' },
    'database-url': { type: 'string' },
    batch: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const appDir = fileURLToPath(new URL('..', import.meta.url));
const sampleCsv = fileURLToPath(new URL('../../../data/pmc-patients-sample-1000.csv', import.meta.url));
const TARGET = { seconds: 120, rssMb: 1536 };

const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
const corpus = join(dir, 'generated-corpus.csv');

/** The sample repeated with fresh ids and a variant marker (so no text repeats), written as the V1 CSV. */
async function generate() {
  const sample = [];
  for await (const row of createReadStream(sampleCsv).pipe(parse({ columns: true }))) sample.push(row);
  const columns = Object.keys(sample[0]);
  async function* rows() {
    for (let i = 0; i < ROWS; i++) {
      const base = sample[i % sample.length];
      yield { ...base, patient_id: String(i), patient_uid: `bench-${i}`, patient: `${base.patient} [variant ${Math.floor(i / sample.length)}]` };
    }
  }
  await pipeline(rows, stringify({ header: true, columns }), createWriteStream(corpus));
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

const t0 = performance.now();
await generate();
const generateSeconds = (performance.now() - t0) / 1000;
const sizeMb = statSync(corpus).size / 1024 / 1024;
console.log(`generated ${ROWS} cases (${sizeMb.toFixed(0)} MB CSV) in ${generateSeconds.toFixed(1)} s (not counted)`);

const token = randomBytes(24).toString('hex');
const port = await freePort();
const env = {
  PORT: port,
  METRICS_PORT: await freePort(),
  HOST: '127.0.0.1',
  SERVICE_TOKEN: token,
  DATA_DIR: join(dir, 'embedder'),
  LOCAL_SOURCE_ROOTS: dir,
  LOG_LEVEL: 'warn',
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
let peakSampledMb = 0;
try {
  await embedder.waitFor(`${base}/readyz`);
  const idleMb = rssMb(embedder.pid, 'VmRSS');
  const sampler = setInterval(() => {
    peakSampledMb = Math.max(peakSampledMb, rssMb(embedder.pid, 'VmRSS'));
  }, 100);
  const started = performance.now();
  const res = await fetch(`${base}/v1/ingestions`, { method: 'POST', headers, body: JSON.stringify({ sourceUri: `file://${corpus}`, format: 'csv' }) });
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
  console.log(`\ningestion of ${ROWS} generated cases, ${args['database-url'] ? 'PostgreSQL' : 'PGlite (embedded default)'}, MALLOC_ARENA_MAX=${env.MALLOC_ARENA_MAX}, job ${job.state}${job.error ? ` (${job.error})` : ''}`);
  console.log(`  ${'figure'.padEnd(34)} ${'measured'.padStart(14)}   target / reference`);
  row('wall time, POST to final state', `${wallSeconds.toFixed(1)} s`, `< ${TARGET.seconds} s (original Airflow pipeline: tens of minutes)`);
  row('cases/s (accepted / wall)', (c.accepted / wallSeconds).toFixed(0), `> ${(ROWS / TARGET.seconds).toFixed(0)} to meet the target`);
  row('rows read/s while reading (ingest)', job.throughput.rowsPerSecond, '');
  row('peak RSS of the embedder', `${peakMb.toFixed(0)} MB`, `< ${TARGET.rssMb} MB (idle before the job: ${idleMb.toFixed(0)} MB)`);
  row('read = accepted + rejected + dup', `${c.read} = ${c.accepted} + ${c.rejected} + ${c.duplicate}`, `indexed ${c.indexed}`);
  console.log('\n  time per stage (summed over batches):');
  for (const [stage, ms] of Object.entries(job.stageDurationsMs).sort((a, b) => b[1] - a[1])) console.log(`    ${stage.padEnd(20)} ${(ms / 1000).toFixed(2).padStart(8)} s`);
  if (job.state !== 'succeeded') process.exitCode = 1;
} catch (error) {
  console.error(`bench failed: ${error.message}`);
  console.error(`embedder stderr (last lines):\n${embedder.stderr.slice(-20).join('\n')}\nstdout:\n${embedder.stdout.slice(-20).join('\n')}`);
  process.exitCode = 1;
} finally {
  await embedder.stop();
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
