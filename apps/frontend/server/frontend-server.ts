import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { REQUEST_ID_HEADER } from '@patientinsight/shared';
import { pino, type Logger } from 'pino';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { createVitalsHandler } from './vitals.js';
import sirv from 'sirv';
import type { FrontendConfig } from './frontend.config.js';

const SECURITY_HEADERS = (backendUrl: string): Record<string, string> => ({
  'content-security-policy': [
    "default-src 'self'",
    `connect-src 'self' ${new URL(backendUrl).origin}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
});

export interface FrontendServer {
  port: number;
  metricsPort: number;
  registry: Registry;
  /** Stop accepting, let in-flight requests finish, close the metrics listener. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * The frontend's own server: built assets (SPA fallback to index.html), runtime config at
 * /config.js, probes, security headers; Prometheus metrics on a separate port.
 */
export async function startFrontendServer(
  config: FrontendConfig,
  logger: Logger = pino({ base: { service: 'frontend' }, level: config.LOG_LEVEL }),
): Promise<FrontendServer> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'frontend' });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const staticDir = config.STATIC_DIR ?? fileURLToPath(new URL('../public', import.meta.url));
  // The build writes .br and .gz next to each asset (scripts/check-bundle.mjs); sirv picks by Accept-Encoding.
  const assets = sirv(staticDir, { single: true, etag: true, immutable: true, gzip: true, brotli: true });
  const vitals = createVitalsHandler(registry);
  const headers = SECURITY_HEADERS(config.BACKEND_PUBLIC_URL);
  const runtimeConfig = `window.__PATIENTINSIGHT_CONFIG__=${JSON.stringify({ backendUrl: config.BACKEND_PUBLIC_URL, emergencyNumber: config.EMERGENCY_NUMBER, crisisLine: config.CRISIS_LINE ?? null })};`;
  let draining = false;

  // Readiness: not draining, and the built app is there to serve (a missing or half-copied
  // asset folder must take the pod out of the load balancer, not serve 404s).
  const indexHtml = join(staticDir, 'index.html');
  const ready = async (): Promise<string | null> => {
    if (draining) return 'shutting_down';
    try {
      await access(indexHtml);
      return null;
    } catch {
      return 'assets_missing';
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse): string => {
    const path = (req.url ?? '/').split('?')[0];
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return path;
    }
    if (path === '/readyz') {
      void ready().then((problem) => {
        res
          .writeHead(problem ? 503 : 200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: problem ? 'error' : 'ok', ...(problem ? { reason: problem } : {}) }));
      });
      return path;
    }
    if (path === '/vitals') {
      vitals(req, res);
      return path;
    }
    if (path === '/config.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(runtimeConfig);
      return path;
    }
    assets(req, res, () => {
      res.writeHead(404).end();
    });
    return path.startsWith('/assets/') ? '/assets/*' : '/*';
  };

  const server = createServer((req, res) => {
    const end = duration.startTimer();
    const requestId = randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let route = 'unmatched';
    res.once('finish', () => {
      end({ route, method: req.method ?? 'GET', status: String(res.statusCode) });
      if (route !== '/healthz' && route !== '/readyz')
        logger.info({ requestId, method: req.method, route, status: res.statusCode }, 'request completed');
    });
    route = handle(req, res);
  });
  const metricsServer = createServer(async (req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/metrics') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
  });

  const port = await listen(server, config.PORT, config.HOST);
  const metricsPort = await listen(metricsServer, config.METRICS_PORT, config.HOST);
  logger.info({ port, metricsPort, staticDir }, 'frontend server listening');

  return {
    port,
    metricsPort,
    registry,
    close: async () => {
      draining = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, config.SHUTDOWN_TIMEOUT_MS);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    },
  };
}
