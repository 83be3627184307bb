import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REPO_ROOT, SAMPLE_CSV, ServiceProcess } from '@patientinsight/testing';

export interface E2eStack {
  /** The app as the browser opens it. */
  appUrl: string;
  /** The frontend's Prometheus endpoint (its own port). */
  frontendMetricsUrl: string;
  backendUrl: string;
  embedderUrl: string;
  admin: { email: string; password: string };
  dataDir: string;
  /** How loading the 1000 sample cases ended; journeys that need retrieval assert it succeeded. */
  sample: { state: string; error: string | null };
  /** The last lines each service wrote to stderr (for a failing journey's message). */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Loads the 1000 sample cases through the embedder's API and waits for the job to end. Building
 * the index keeps the embedder busy for seconds, so a poll that fails on the network is retried.
 */
async function loadSample(embedderUrl: string, serviceToken: string): Promise<E2eStack['sample']> {
  const headers = { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' };
  const res = await fetch(`${embedderUrl}/v1/ingestions`, { method: 'POST', headers, body: JSON.stringify({ sourceUri: `file://${SAMPLE_CSV}`, format: 'csv' }) });
  if (res.status !== 202) return { state: `refused ${res.status}`, error: await res.text() };
  const { id } = (await res.json()) as { id: string };
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    try {
      const job = (await (await fetch(`${embedderUrl}/v1/ingestions/${id}`, { headers, signal: AbortSignal.timeout(30_000) })).json()) as { state: string; error: string | null };
      if (['succeeded', 'failed', 'cancelled', 'awaiting_approval', 'rejected'].includes(job.state)) return { state: job.state, error: job.error };
    } catch {
      // busy building the index; ask again
    }
  }
  return { state: 'timed out', error: null };
}

/**
 * The three built services on the embedded defaults (PGlite, the default vector store, the offline
 * composer), started from dist like scripts/start-all.mjs, on free ports with a fresh data folder.
 * Ports are chosen up front so the backend's CORS list can name the frontend's origin. The browser
 * uses `localhost` (a secure context), so the backend's Secure refresh cookie works over http.
 */
export async function startE2eStack(): Promise<E2eStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'patientinsight-e2e-'));
  const serviceToken = randomBytes(24).toString('hex');
  const admin = { email: 'ops@example.org', password: `Adm1n-${randomBytes(8).toString('hex')}` };
  const [embedderPort, embedderMetrics, backendPort, backendMetrics, frontendPort, frontendMetrics] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  const embedderUrl = `http://127.0.0.1:${embedderPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const appUrl = `http://localhost:${frontendPort}`;
  const common = { HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const started: ServiceProcess[] = [];
  let sample: E2eStack['sample'] = { state: 'not loaded', error: null };
  const start = async (name: string, cwd: string, entry: string, env: Record<string, string | number>, readyUrl: string) => {
    const proc = new ServiceProcess({ cwd: join(REPO_ROOT, cwd), entry, env: { ...common, ...env } });
    started.push(proc);
    try {
      await proc.waitFor(readyUrl, 120_000);
    } catch (error) {
      throw new Error(`${name} did not start: ${(error as Error).message}`);
    }
  };
  try {
    await start(
      'embedder',
      'apps/embedder',
      'dist/main.js',
      { PORT: embedderPort, METRICS_PORT: embedderMetrics, DATA_DIR: join(dataDir, 'embedder'), SERVICE_TOKEN: serviceToken, LOCAL_SOURCE_ROOTS: join(REPO_ROOT, 'data') },
      `${embedderUrl}/readyz`,
    );
    sample = await loadSample(embedderUrl, serviceToken);
    await start(
      'backend',
      'apps/backend',
      'dist/main.js',
      {
        PORT: backendPort,
        METRICS_PORT: backendMetrics,
        DATA_DIR: join(dataDir, 'backend'),
        SERVICE_TOKEN: serviceToken,
        EMBEDDER_URL: embedderUrl,
        CORS_ORIGINS: appUrl,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        // Many sign-ins from one address within minutes: the journeys, not an attack.
        LOGIN_IP_LIMIT: 500,
      },
      `http://127.0.0.1:${backendPort}/readyz`,
    );
    // Serve a private copy of the built assets: a build running elsewhere in the workspace empties
    // dist/public, and the journeys must not see that.
    const staticDir = join(dataDir, 'public');
    cpSync(join(REPO_ROOT, 'apps/frontend/dist/public'), staticDir, { recursive: true });
    await start(
      'frontend',
      'apps/frontend',
      'dist/server/main.js',
      { PORT: frontendPort, METRICS_PORT: frontendMetrics, BACKEND_PUBLIC_URL: backendUrl, STATIC_DIR: staticDir },
      `http://127.0.0.1:${frontendPort}/readyz`,
    );
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    appUrl,
    frontendMetricsUrl: `http://127.0.0.1:${frontendMetrics}/metrics`,
    backendUrl,
    embedderUrl,
    admin,
    dataDir,
    sample,
    logs: () => started.map((p, i) => `--- ${['embedder', 'backend', 'frontend'][i]} (running: ${p.running})\n${p.stderr.slice(-15).join('\n')}`).join('\n'),
    stop: async () => {
      await Promise.all(started.reverse().map((p) => p.stop()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
