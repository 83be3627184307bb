import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ingestFile, REPO_ROOT, SAMPLE_CSV, ServiceProcess } from '@patientinsight/testing';

export interface E2eStack {
  /** The app as the browser opens it. */
  appUrl: string;
  backendUrl: string;
  embedderUrl: string;
  admin: { email: string; password: string };
  dataDir: string;
  /** How loading the 1000 sample cases ended; journeys that need retrieval assert it succeeded. */
  sample: { state: string; error: string | null };
  stop(): Promise<void>;
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
    const job = await ingestFile(embedderUrl, serviceToken, SAMPLE_CSV);
    sample = { state: String(job.state), error: job.error ? String(job.error) : null };
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
    await start('frontend', 'apps/frontend', 'dist/server/main.js', { PORT: frontendPort, METRICS_PORT: frontendMetrics, BACKEND_PUBLIC_URL: backendUrl }, `http://127.0.0.1:${frontendPort}/readyz`);
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    appUrl,
    backendUrl,
    embedderUrl,
    admin,
    dataDir,
    sample,
    stop: async () => {
      await Promise.all(started.reverse().map((p) => p.stop()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
