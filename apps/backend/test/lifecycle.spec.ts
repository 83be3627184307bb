import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, httpStatus, ServiceProcess } from '@patientinsight/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built backend as a real process: configuration at boot, readiness reporting (not requiring)
// its embedder, and SIGTERM with a request in flight.
const appDir = fileURLToPath(new URL('..', import.meta.url));

/** A stand-in embedder whose /readyz the test can turn off, or slow down. */
class EmbedderStandIn {
  up = true;
  delayMs = 0;
  calls = 0;
  private server?: Server;
  port = 0;
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.calls += 1;
      setTimeout(() => {
        res
          .writeHead(this.up ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: this.up ? 'ok' : 'error' }));
      }, this.delayMs);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as { port: number }).port;
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

describe('backend process', () => {
  it('refuses to boot on bad configuration with one line naming each variable and the reason', async () => {
    const proc = new ServiceProcess({
      cwd: appDir,
      entry: 'dist/main.js',
      env: {
        METRICS_PORT: '99999',
        SERVICE_TOKEN: '0123456789abcdef0123',
        EMBEDDER_URL: 'not a url',
        NODE_ENV: 'production',
        JWT_SECRET: undefined,
      },
    });
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.stderr).toHaveLength(1);
    expect(proc.stderr[0]).toMatch(/^Invalid configuration: /);
    expect(proc.stderr[0]).toContain('METRICS_PORT: must be 1-65535');
    expect(proc.stderr[0]).toContain('EMBEDDER_URL: must be an http(s) URL');
    expect(proc.stderr[0]).not.toMatch(/\bat .*\.js:\d+/);
  });

  describe('running', () => {
    const embedder = new EmbedderStandIn();
    let proc: ServiceProcess;
    let base: string;
    let metrics: string;
    let dataDir: string;

    beforeAll(async () => {
      await embedder.start();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const metricsPort = await freePort();
      metrics = `http://127.0.0.1:${metricsPort}`;
      dataDir = mkdtempSync(join(tmpdir(), 'backend-lifecycle-'));
      proc = new ServiceProcess({
        cwd: appDir,
        entry: 'dist/main.js',
        env: {
          PORT: port,
          METRICS_PORT: metricsPort,
          HOST: '127.0.0.1',
          SERVICE_TOKEN: '0123456789abcdef0123',
          EMBEDDER_URL: `http://127.0.0.1:${embedder.port}`,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
        },
      });
      await proc.waitFor(`${base}/readyz`);
    });

    afterAll(async () => {
      await proc?.stop();
      await embedder.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('readyz stays 200 while the embedder is down and reports it (details and backend_embedder_ready); healthz stays 200', async () => {
      const embedderState = async () =>
        ((await (await fetch(`${base}/readyz`)).json()) as { details: { embedder: unknown } }).details.embedder;
      const gauge = async () => /^backend_embedder_ready(?:{[^}]*})? (\d)$/m.exec(await (await fetch(`${metrics}/metrics`)).text())?.[1];
      expect(await httpStatus(`${base}/readyz`)).toBe(200);
      expect(await embedderState()).toEqual({ status: 'up', required: false });
      expect(await gauge()).toBe('1');
      embedder.up = false;
      expect(await httpStatus(`${base}/readyz`)).toBe(200);
      expect(await embedderState()).toEqual({ status: 'down', required: false });
      expect(await gauge()).toBe('0');
      expect(await httpStatus(`${base}/healthz`)).toBe(200);
      embedder.up = true;
      expect(await embedderState()).toEqual({ status: 'up', required: false });
    });

    it('finishes a slow in-flight request after SIGTERM, then exits 0', async () => {
      embedder.delayMs = 800; // the readiness check now waits on a slow embedder
      const callsBefore = embedder.calls;
      const inFlight = fetch(`${base}/readyz`);
      while (embedder.calls === callsBefore) await new Promise((r) => setTimeout(r, 20)); // the request has reached the embedder
      proc.kill('SIGTERM');
      const res = await inFlight;
      const body = (await res.json()) as { status: string; details: Record<string, unknown> };
      expect({ status: res.status, body }).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
      expect(body.details).toHaveProperty('embedder');
      expect(await proc.exited).toEqual({ code: 0, signal: null });
      expect(await httpStatus(`${base}/healthz`)).toBe(0);
    });
  });
});
