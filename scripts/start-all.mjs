// Starts the whole product locally on the embedded defaults (PGlite, LanceDB, offline composer),
// loads the sample cases into the embedder, prints the URLs. Ctrl-C stops everything cleanly.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.PATIENTINSIGHT_DATA_DIR ?? resolve(root, '.data');
// Local secrets are made once per data folder (never a built-in default) and kept there, so
// sessions and the first administrator's login survive a restart.
function localSecrets() {
  const file = resolve(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    serviceToken: randomBytes(24).toString('hex'),
    jwtSecret: randomBytes(48).toString('base64url'),
    adminEmail: 'admin@patientinsight.local',
    adminPassword: randomBytes(12).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
const secrets = localSecrets();
const serviceToken = process.env.SERVICE_TOKEN ?? secrets.serviceToken;
const ports = { backend: 3000, backendMetrics: 9464, embedder: 3001, embedderMetrics: 9465, frontend: 8080, frontendMetrics: 9466 };
const samplePath = resolve(root, 'data/pmc-patients-sample-1000.csv');

const services = [
  {
    name: 'embedder',
    cwd: 'apps/embedder',
    env: {
      PORT: ports.embedder,
      METRICS_PORT: ports.embedderMetrics,
      DATA_DIR: `${dataDir}/embedder`,
      SERVICE_TOKEN: serviceToken,
      LOCAL_SOURCE_ROOTS: resolve(root, 'data'),
      MALLOC_ARENA_MAX: '2',
    },
  },
  {
    name: 'backend',
    cwd: 'apps/backend',
    env: {
      PORT: ports.backend,
      METRICS_PORT: ports.backendMetrics,
      DATA_DIR: `${dataDir}/backend`,
      SERVICE_TOKEN: serviceToken,
      EMBEDDER_URL: `http://127.0.0.1:${ports.embedder}`,
      CORS_ORIGINS: `http://localhost:${ports.frontend},http://127.0.0.1:${ports.frontend}`,
      JWT_SECRET: secrets.jwtSecret,
      ADMIN_EMAIL: secrets.adminEmail,
      ADMIN_PASSWORD: secrets.adminPassword,
    },
  },
  {
    name: 'frontend',
    cwd: 'apps/frontend',
    entry: 'dist/server/main.js',
    env: { PORT: ports.frontend, METRICS_PORT: ports.frontendMetrics, BACKEND_PUBLIC_URL: `http://localhost:${ports.backend}` },
  },
];

const children = [];
let stopping = false;
for (const service of services) {
  const child = spawn(process.execPath, [service.entry ?? 'dist/main.js'], {
    cwd: resolve(root, service.cwd),
    env: { ...process.env, ...Object.fromEntries(Object.entries(service.env).map(([k, v]) => [k, String(v)])) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${service.name} exited (${signal ?? code}); stopping everything`);
      stop(1);
    }
  });
  children.push(child);
}

async function waitReady(url, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

async function loadSampleCases() {
  const base = `http://127.0.0.1:${ports.embedder}`;
  const headers = { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' };
  const res = await fetch(`${base}/v1/ingestions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ sourceUri: `file://${samplePath}`, format: 'csv' }),
  });
  if (!res.ok) {
    console.error(`[start] loading the sample cases failed: ${res.status} ${await res.text()}`);
    return;
  }
  const { id } = await res.json();
  for (;;) {
    const job = await (await fetch(`${base}/v1/ingestions/${id}`, { headers })).json();
    if (['succeeded', 'failed', 'cancelled', 'awaiting_approval'].includes(job.state)) {
      console.log(
        `[start] sample cases: ${job.state} (read ${job.counters?.read}, accepted ${job.counters?.accepted}, duplicate ${job.counters?.duplicate}, rejected ${job.counters?.rejected})`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('[start] stopping…');
  for (const child of children) child.kill('SIGTERM');
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

await waitReady(`http://127.0.0.1:${ports.embedder}/readyz`);
await loadSampleCases();
await waitReady(`http://127.0.0.1:${ports.backend}/readyz`);
await waitReady(`http://127.0.0.1:${ports.frontend}/readyz`);
console.log(`
PatientInsight is running on the embedded defaults:
  app       http://localhost:${ports.frontend}/
  backend   http://localhost:${ports.backend}/   (metrics :${ports.backendMetrics}/metrics)
  embedder  http://127.0.0.1:${ports.embedder}/  (internal; metrics :${ports.embedderMetrics}/metrics)
  frontend metrics :${ports.frontendMetrics}/metrics
First administrator: ${secrets.adminEmail} / ${secrets.adminPassword}  (kept in ${resolve(dataDir, 'local-secrets.json')};
  it creates doctor accounts under Admin > Users; patients register themselves)
Press Ctrl-C to stop.`);
