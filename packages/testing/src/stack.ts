import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { ServiceProcess } from './service-process.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SAMPLE_CSV = join(REPO_ROOT, 'data/pmc-patients-sample-1000.csv');

export interface RunningService {
  url: string;
  metricsUrl: string;
  process: ServiceProcess;
}

export interface Stack {
  embedder: RunningService;
  backend: RunningService;
  frontend: RunningService;
  serviceToken: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Extra environment per service (e.g. LLM_PROVIDER for the backend). */
  env?: Partial<Record<'embedder' | 'backend' | 'frontend', Record<string, string | number | undefined>>>;
  /** Ingest the 1000 sample cases before returning (as scripts/start-all.mjs does). */
  loadSample?: boolean;
  /** Keep the data folder after stop (debugging). */
  keepData?: boolean;
}

async function startService(
  name: string,
  cwd: string,
  entry: string,
  env: Record<string, string | number | undefined>,
): Promise<RunningService> {
  const port = await freePort();
  const metricsPort = await freePort();
  const process = new ServiceProcess({
    cwd: join(REPO_ROOT, cwd),
    entry,
    env: { HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: port, METRICS_PORT: metricsPort },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await process.waitFor(`${url}/readyz`);
  } catch (error) {
    await process.stop();
    throw new Error(`${name} did not become ready: ${(error as Error).message}`);
  }
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, process };
}

/** Ingests a case file into a running embedder through its real API and waits for the job to end. */
export async function ingestFile(
  embedderUrl: string,
  serviceToken: string,
  path: string,
  format = 'csv',
): Promise<Record<string, unknown>> {
  const headers = { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' };
  const res = await fetch(`${embedderUrl}/v1/ingestions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ sourceUri: `file://${path}`, format }),
  });
  if (res.status !== 202) throw new Error(`ingestion refused: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    const job = (await (await fetch(`${embedderUrl}/v1/ingestions/${id}`, { headers })).json()) as Record<string, unknown>;
    if (['succeeded', 'failed', 'cancelled', 'awaiting_approval'].includes(String(job.state))) return job;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Starts the three built services on the embedded defaults, each on free ports with a fresh data
 * folder, the way `scripts/start-all.mjs` does. For end-to-end tests over HTTP and in the browser.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'patientinsight-stack-'));
  const serviceToken = randomBytes(24).toString('hex');
  const started: RunningService[] = [];
  try {
    const embedder = await startService('embedder', 'apps/embedder', 'dist/main.js', {
      DATA_DIR: join(dataDir, 'embedder'),
      SERVICE_TOKEN: serviceToken,
      LOCAL_SOURCE_ROOTS: [join(REPO_ROOT, 'data'), tmpdir()].join(','),
      ...options.env?.embedder,
    });
    started.push(embedder);
    if (options.loadSample) {
      const job = await ingestFile(embedder.url, serviceToken, SAMPLE_CSV);
      if (job.state !== 'succeeded') throw new Error(`sample ingestion ended ${job.state}`);
    }
    const backend = await startService('backend', 'apps/backend', 'dist/main.js', {
      DATA_DIR: join(dataDir, 'backend'),
      SERVICE_TOKEN: serviceToken,
      EMBEDDER_URL: embedder.url,
      ...options.env?.backend,
    });
    started.push(backend);
    const frontend = await startService('frontend', 'apps/frontend', 'dist/server/main.js', {
      BACKEND_PUBLIC_URL: backend.url,
      ...options.env?.frontend,
    });
    started.push(frontend);
    return {
      embedder,
      backend,
      frontend,
      serviceToken,
      dataDir,
      stop: async () => {
        await Promise.all(started.map((s) => s.process.stop()));
        if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.process.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
