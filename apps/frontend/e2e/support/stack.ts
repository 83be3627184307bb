import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { freePort, REPO_ROOT, SAMPLE_CSV, ServiceProcess, TcpProxy } from '@patientinsight/testing';

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
  /** On-call alerts the backend posted to the stack's local webhook (red flags). */
  oncallAlerts: Record<string, unknown>[];
  /** Every message the backend sent through the stack's local SMTP server (smtp-server), raw RFC 5322. */
  mail: { to: string[]; raw: Buffer }[];
  /** The last lines each service wrote to stderr (for a failing journey's message). */
  logs(): string;
  /** Stops the backend only (the browser keeps what it loaded), and starts it again on the same data. */
  stopBackend(): Promise<void>;
  startBackend(): Promise<void>;
  /** Cuts the backend's connection to the embedder ("the case search is down") and restores it on the same port. */
  stopEmbedderLink(): Promise<void>;
  startEmbedderLink(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Loads the 1000 sample cases through the embedder's API and waits for the job to end. Building
 * the index keeps the embedder busy for seconds, so a poll that fails on the network is retried.
 */
async function loadSample(embedderUrl: string, serviceToken: string): Promise<E2eStack['sample']> {
  const headers = { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' };
  const res = await fetch(`${embedderUrl}/v1/ingestions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ sourceUri: `file://${SAMPLE_CSV}`, format: 'csv' }),
  });
  if (res.status !== 202) return { state: `refused ${res.status}`, error: await res.text() };
  const { id } = (await res.json()) as { id: string };
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    try {
      const job = (await (await fetch(`${embedderUrl}/v1/ingestions/${id}`, { headers, signal: AbortSignal.timeout(30_000) })).json()) as {
        state: string;
        error: string | null;
      };
      if (['succeeded', 'failed', 'cancelled', 'awaiting_approval', 'rejected'].includes(job.state))
        return { state: job.state, error: job.error };
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
  const [embedderPort, embedderMetrics, backendPort, backendMetrics, frontendPort, frontendMetrics] = await Promise.all(
    Array.from({ length: 6 }, () => freePort()),
  );
  const embedderUrl = `http://127.0.0.1:${embedderPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const appUrl = `http://localhost:${frontendPort}`;
  const common = { HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const started: ServiceProcess[] = [];
  let sample: E2eStack['sample'] = { state: 'not loaded', error: null };
  // The on-call channel: a local webhook that keeps what the backend posts.
  const oncallAlerts: Record<string, unknown>[] = [];
  const oncall = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      oncallAlerts.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => oncall.listen(0, '127.0.0.1', () => r()));
  // The mail relay: a real SMTP server that keeps what the backend sends (reset links, patient notifications).
  const mail: E2eStack['mail'] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mail.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const closeOncall = async () => {
    await new Promise<void>((r) => oncall.close(() => r()));
    await new Promise<void>((r) => smtp.close(() => r()));
  };
  // The backend reaches the embedder through a proxy a journey can cut (the sample load goes straight to the embedder).
  const embedderLink = new TcpProxy('127.0.0.1', embedderPort);
  const embedderLinkPort = await embedderLink.start();
  let linkUp = true;
  const start = async (name: string, cwd: string, entry: string, env: Record<string, string | number>, readyUrl: string) => {
    const proc = new ServiceProcess({ cwd: join(REPO_ROOT, cwd), entry, env: { ...common, ...env } });
    started.push(proc);
    try {
      await proc.waitFor(readyUrl, 120_000);
    } catch (error) {
      throw new Error(`${name} did not start: ${(error as Error).message}`);
    }
    return proc;
  };
  const backendEnv = {
    PORT: backendPort,
    METRICS_PORT: backendMetrics,
    DATA_DIR: join(dataDir, 'backend'),
    SERVICE_TOKEN: serviceToken,
    EMBEDDER_URL: `http://127.0.0.1:${embedderLinkPort}`,
    CORS_ORIGINS: appUrl,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // Many sign-ins from one address within minutes: the journeys, not an attack.
    LOGIN_IP_LIMIT: 500,
    // Fixed for the stack's life, so sessions survive a backend restart.
    JWT_SECRET: randomBytes(32).toString('hex'),
    ONCALL_WEBHOOK_URL: `http://127.0.0.1:${(oncall.address() as AddressInfo).port}/oncall`,
    ONCALL_APP_URL: appUrl,
    MAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: (smtp.server.address() as AddressInfo).port,
    SMTP_TLS: 'none',
    MAIL_APP_URL: appUrl,
  };
  const startBackend = () => start('backend', 'apps/backend', 'dist/main.js', backendEnv, `http://127.0.0.1:${backendPort}/readyz`);
  let backend: ServiceProcess | undefined;
  try {
    await start(
      'embedder',
      'apps/embedder',
      'dist/main.js',
      {
        PORT: embedderPort,
        METRICS_PORT: embedderMetrics,
        DATA_DIR: join(dataDir, 'embedder'),
        SERVICE_TOKEN: serviceToken,
        LOCAL_SOURCE_ROOTS: join(REPO_ROOT, 'data'),
      },
      `${embedderUrl}/readyz`,
    );
    sample = await loadSample(embedderUrl, serviceToken);
    backend = await startBackend();
    // Serve a private copy of the built assets: a build running elsewhere in the workspace empties
    // dist/public, and the journeys must not see that.
    const staticDir = join(dataDir, 'public');
    cpSync(join(REPO_ROOT, 'apps/frontend/dist/public'), staticDir, { recursive: true });
    await start(
      'frontend',
      'apps/frontend',
      'dist/server/main.js',
      // A deployment's own emergency number, served to the browser in the runtime config.
      { PORT: frontendPort, METRICS_PORT: frontendMetrics, BACKEND_PUBLIC_URL: backendUrl, STATIC_DIR: staticDir, EMERGENCY_NUMBER: '999' },
      `http://127.0.0.1:${frontendPort}/readyz`,
    );
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    await closeOncall();
    await embedderLink.stop();
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
    oncallAlerts,
    mail,
    logs: () =>
      started
        .map(
          (p, i) =>
            `--- ${['embedder', 'backend', 'frontend', 'backend (restarted)'][i] ?? 'service'} (running: ${p.running})\n${p.stderr.slice(-15).join('\n')}`,
        )
        .join('\n'),
    stopBackend: async () => {
      await backend?.stop();
    },
    startBackend: async () => {
      if (backend?.running) return;
      backend = await startBackend();
    },
    stopEmbedderLink: async () => {
      await embedderLink.stop();
      linkUp = false;
    },
    startEmbedderLink: async () => {
      if (linkUp) return;
      await embedderLink.start();
      linkUp = true;
    },
    stop: async () => {
      await Promise.all(started.reverse().map((p) => p.stop()));
      await closeOncall();
      await embedderLink.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
