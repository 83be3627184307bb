// Starts the built embedder (dist/main.js) as a child process on free ports, for the benchmarks.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const SERVICE_TOKEN = 'bench-service-token-0123456789';
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

export interface RunningEmbedder {
  url: string;
  metricsUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function startEmbedder(env: Record<string, string>, options: { cpus?: string } = {}): Promise<RunningEmbedder> {
  const port = await freePort();
  const metricsPort = await freePort();
  const args = [MAIN];
  const command = options.cpus ? 'taskset' : process.execPath;
  const child = spawn(command, options.cpus ? ['-c', options.cpus, process.execPath, ...args] : args, {
    env: {
      ...process.env,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      HOST: '127.0.0.1',
      SERVICE_TOKEN,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`embedder exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('embedder did not become ready');
    await new Promise((r) => setTimeout(r, 200));
  }
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const send = () =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // An index build keeps the server's event loop busy for a while; a pooled socket whose keep-alive
    // expired meanwhile is reset on reuse. Reads and searches are idempotent: send them once more.
    const res = await send().catch((error: Error) => {
      if (method === 'POST' && path === '/v1/ingestions') throw error;
      return send();
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  };
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    child,
    call,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Ingests a local file through the real ingestion API and waits for the job to finish. */
export async function ingestFile(
  embedder: RunningEmbedder,
  path: string,
): Promise<{ id: string; state: string; counters: Record<string, number> }> {
  const job = await embedder.call<{ id: string }>('POST', '/v1/ingestions', { sourceUri: `file://${path}` });
  for (;;) {
    const status = await embedder.call<{ id: string; state: string; counters: Record<string, number>; error?: string }>(
      'GET',
      `/v1/ingestions/${job.id}`,
    );
    if (['succeeded', 'failed', 'cancelled', 'rejected', 'awaiting_approval'].includes(status.state)) {
      if (status.state !== 'succeeded') throw new Error(`ingestion ${job.id} ended ${status.state}: ${JSON.stringify(status)}`);
      return status;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
