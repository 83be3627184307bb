/**
 * `pnpm bench:api`: authenticated report reads against the built backend on the real PostgreSQL.
 *
 * Starts dist/main.js on a fresh database, sets up a patient whose encounter went through review
 * (register → encounter → report → submit → doctor claims, writes notes and a prescription,
 * releases), then drives GET /v1/encounters/:id/patient-view with autocannon at concurrency 32 with the
 * patient's bearer token (BENCH_READER=doctor: GET …/report as the doctor). Every one of those reads checks
 * the session, loads the encounter and appends an HMAC-chained audit row before answering, so the numbers
 * include the audit trail.
 *
 * Env: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres, used to create the
 * database), BENCH_DURATION_S (15), BENCH_CONNECTIONS (32), BENCH_CPU_PROF (a folder for a V8 profile);
 * RATE_LIMIT_STORE=redis with REDIS_URL (and RATE_LIMIT_KEY_PREFIX) runs the backend's limits on Redis.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const duration = Number(process.env.BENCH_DURATION_S ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TARGET = { rps: 1000, p99Ms: 50 };
const database = `pi_bench_api_${randomBytes(3).toString('hex')}`;
const checkpointFile = join(tmpdir(), `${database}-audit-checkpoints.jsonl`);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; clock ticks are 100 Hz there). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseUrl() {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function call(base, method, path, { token, body, cookie } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A report of realistic size: summary, five cited cases with snippets, three sections. */
function sampleReport(encounterId) {
  const cases = Array.from({ length: 5 }, (_, i) => ({
    caseId: `PMC${7000000 + i}-1`,
    pmid: String(30000000 + i),
    pubmedUrl: `https://pubmed.ncbi.nlm.nih.gov/${30000000 + i}/`,
    title: `A ${40 + i}-year-old with persistent cough and low-grade fever`,
    age: 40 + i,
    sex: i % 2 ? 'F' : 'M',
    snippet: 'A previously healthy patient presented with two weeks of dry cough, intermittent fever and fatigue. '.repeat(4),
    score: 0.8 - i * 0.05,
    rank: i + 1,
    scores: { lexical: 12.5 - i, fused: 0.03 - i * 0.001 },
    matchedTerms: ['cough', 'fever', 'fatigue'],
    cited: true,
  }));
  const text = cases.map((c) => `The presentation resembles case ${c.caseId} in onset and course [case:${c.caseId}].`).join(' ');
  return {
    encounterId,
    summary: { chiefComplaint: 'persistent cough', hpi: { onset: 'two weeks ago', severity: 4, associatedSymptoms: ['fever', 'fatigue'] } },
    cases,
    sections: [
      { key: 'currentCase', title: 'Current case', text: 'Two weeks of dry cough with low-grade fever. '.repeat(6) },
      { key: 'similarCases', title: 'Similar cases', text },
      {
        key: 'suggestedApproach',
        title: 'Suggested approach',
        text: 'Consider chest examination and basic blood tests; review if symptoms persist. '.repeat(4),
      },
    ],
    validation: [],
    disclaimer: 'This report supports a clinician; it is not a diagnosis.',
    createdAt: new Date().toISOString(),
  };
}

async function main() {
  await admin(`create database ${database}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the backend there (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const backend = spawn(process.execPath, [...profile, 'dist/main.js'], {
    cwd: appDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl(),
      SERVICE_TOKEN: randomBytes(24).toString('hex'),
      JWT_SECRET: randomBytes(48).toString('base64'),
      AUDIT_HMAC_KEY: randomBytes(48).toString('base64'),
      // Checkpoints of this run's fresh database only: another run's would read as a deleted chain.
      AUDIT_CHECKPOINT_FILE: checkpointFile,
      ADMIN_EMAIL: 'bench.admin@example.test',
      ADMIN_PASSWORD: 'bench admin passphrase',
      EMBEDDER_URL: 'http://127.0.0.1:9',
      // Production refuses the mail outbox; the measured routes send no mail, so no relay listens here.
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: '127.0.0.1',
    },
  });
  const exited = new Promise((resolve) => backend.once('exit', resolve));
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {}
      if (i > 300) throw new Error('backend did not start within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }

    // Set-up through the API, except the report itself, which the intake feature writes.
    const patient = await call(base, 'POST', '/v1/auth/register', {
      body: { email: 'bench.patient@example.test', password: 'bench patient passphrase', displayName: 'Bench Patient' },
    });
    await call(base, 'PUT', '/v1/profile', { token: patient.accessToken, body: { age: 45, sex: 'F' } });
    const encounter = await call(base, 'POST', '/v1/encounters', { token: patient.accessToken });
    const db = new pg.Client({ connectionString: databaseUrl() });
    await db.connect();
    const report = sampleReport(encounter.id);
    await db.query(
      'update encounters set summary = $1::jsonb, report = $2::jsonb, report_model = $3, report_prompt_version = $4, report_corpus_version = $5, report_generated_at = now() where id = $6',
      [JSON.stringify(report.summary), JSON.stringify(report), 'offline', 'bench-1', 'sample-1000', encounter.id],
    );
    await call(base, 'POST', `/v1/encounters/${encounter.id}/submit`, { token: patient.accessToken });
    const adminSession = await call(base, 'POST', '/v1/auth/login', {
      body: { email: 'bench.admin@example.test', password: 'bench admin passphrase' },
    });
    await call(base, 'POST', '/v1/users', {
      token: adminSession.accessToken,
      body: { email: 'bench.doctor@example.test', role: 'doctor', displayName: 'Dr Bench', initialPassword: 'initial doctor passphrase' },
    });
    let doctor = await call(base, 'POST', '/v1/auth/login', {
      body: { email: 'bench.doctor@example.test', password: 'initial doctor passphrase' },
    });
    await call(base, 'POST', '/v1/auth/change-password', {
      token: doctor.accessToken,
      body: { currentPassword: 'initial doctor passphrase', newPassword: 'doctor own passphrase' },
    });
    doctor = await call(base, 'POST', '/v1/auth/login', {
      body: { email: 'bench.doctor@example.test', password: 'doctor own passphrase' },
    });
    await call(base, 'POST', `/v1/encounters/${encounter.id}/claim`, { token: doctor.accessToken });
    await call(base, 'PUT', `/v1/encounters/${encounter.id}/notes`, {
      token: doctor.accessToken,
      body: { notes: 'Likely viral bronchitis; rest and fluids, review in one week if not better.' },
    });
    await call(base, 'PUT', `/v1/encounters/${encounter.id}/prescription`, {
      token: doctor.accessToken,
      body: {
        items: [
          {
            medication: 'Paracetamol',
            dose: '500 mg',
            route: 'oral',
            frequency: 'every 6 hours as needed',
            duration: '5 days',
            instructions: 'At most 4 g a day',
          },
        ],
      },
    });
    await call(base, 'POST', `/v1/encounters/${encounter.id}/release`, { token: doctor.accessToken });
    // The patient reads the released answer (their view); BENCH_READER=doctor reads the clinician report instead,
    // the route and body earlier builds served to the patient, for a like-for-like comparison with them.
    const reader =
      process.env.BENCH_READER === 'doctor'
        ? { path: 'report', token: doctor.accessToken }
        : { path: 'patient-view', token: patient.accessToken };
    const sample = await call(base, 'GET', `/v1/encounters/${encounter.id}/${reader.path}`, { token: reader.token });
    const bodyBytes = Buffer.byteLength(JSON.stringify(sample));
    const auditBefore = Number((await db.query('select count(*) from audit_log')).rows[0].count);

    const loadBefore = loadavg()[0].toFixed(1);
    const options = { url: `${base}/v1/encounters/${encounter.id}/${reader.path}`, headers: { authorization: `Bearer ${reader.token}` } };
    await autocannon({ ...options, connections, duration: 3 }); // warm-up: JIT, pool, caches
    // Reference on the same machine at the same moment: the framework alone (no token, no database).
    const baseline = await autocannon({ url: `${base}/healthz`, connections, duration: Math.min(5, duration) });
    const auditWarm = Number((await db.query('select count(*) from audit_log')).rows[0].count);
    // CPU spent by the backend and by its own PostgreSQL connections during the run: unlike req/s,
    // it does not depend on how busy the rest of the machine is.
    const pgPids = async () =>
      (await db.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map(
        (r) => r.pid,
      );
    const pidsBefore = await pgPids();
    const cpuBefore = { backend: cpuMs(backend.pid), pg: pidsBefore.reduce((sum, pid) => sum + cpuMs(pid), 0) };
    const result = await autocannon({ ...options, connections, duration });
    const pidsAfter = await pgPids();
    const cpuAfter = {
      backend: cpuMs(backend.pid),
      pg: pidsBefore.filter((pid) => pidsAfter.includes(pid)).reduce((sum, pid) => sum + cpuMs(pid), 0),
    };
    const auditAfter = Number((await db.query('select count(*) from audit_log')).rows[0].count);
    const chain = await fetch(`${base}/v1/audit/verify`, { headers: { authorization: `Bearer ${adminSession.accessToken}` } }).then((r) =>
      r.json(),
    );
    await db.end();

    const rps = result.requests.average;
    const p50 = result.latency.p50;
    const p99 = result.latency.p99;
    const ok = result['2xx'];
    const rows = [
      ['metric', 'measured', 'target'],
      ['requests/s (mean)', rps.toFixed(0), `>= ${TARGET.rps}`],
      ['latency p50 (ms)', String(p50), ''],
      ['latency p99 (ms)', String(p99), `<= ${TARGET.p99Ms}`],
      ['latency max (ms)', String(result.latency.max), ''],
      ['2xx / non-2xx / errors', `${ok} / ${result.non2xx} / ${result.errors}`, 'all 2xx'],
      ['backend CPU per read (ms)', ((cpuAfter.backend - cpuBefore.backend) / result.requests.total).toFixed(2), ''],
      [
        'PostgreSQL CPU per read',
        ((cpuAfter.pg - cpuBefore.pg) / result.requests.total).toFixed(2),
        `(${pidsBefore.length} connections, incl. the audit commits)`,
      ],
      [
        '=> reads/s on 2 idle cores',
        (2000 / ((cpuAfter.backend - cpuBefore.backend + cpuAfter.pg - cpuBefore.pg) / result.requests.total)).toFixed(0),
        'estimate: server CPU only, no client, no waits',
      ],
      ['GET /healthz req/s', baseline.requests.average.toFixed(0), 'framework alone, same machine'],
      ['audit rows written', String(auditAfter - auditWarm), `>= 2xx (${ok}); in-flight reads at the end count too`],
      // The load route is not a limited one; the set-up's register, logins and change-password pass their limits.
      ['rate-limit store', process.env.RATE_LIMIT_STORE ?? 'memory', 'limits on (RATE_LIMIT_STORE, REDIS_URL pass through)'],
      ['audit chain', chain.ok ? `intact (${chain.checked} rows)` : `BROKEN at ${chain.firstBadSeq}`, 'intact'],
    ];
    process.stdout.write(
      `\nGET /v1/encounters/:id/${reader.path} as the ${process.env.BENCH_READER === 'doctor' ? 'doctor' : 'patient'}, ${connections} connections, ${duration} s, ${bodyBytes}-byte body, PostgreSQL ${databaseUrl().replace(/\/\/[^@]*@/, '//')}, ${cpus().length} CPUs shared with PostgreSQL and autocannon, load average before the run ${loadBefore}\n`,
    );
    for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(30)}${b.padEnd(24)}${c}\n`);
    const pass =
      rps >= TARGET.rps &&
      p99 <= TARGET.p99Ms &&
      result.non2xx === 0 &&
      result.errors === 0 &&
      chain.ok &&
      auditAfter - auditWarm >= ok &&
      auditAfter - auditWarm <= ok + connections;
    process.stdout.write(`${pass ? 'PASS' : 'BELOW TARGET'} (warm-up audit rows: ${auditWarm - auditBefore})\n`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    backend.kill('SIGTERM');
    await exited;
    await admin(`drop database if exists ${database}`);
    rmSync(checkpointFile, { force: true });
  }
}

await main();
