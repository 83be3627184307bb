// @vitest-environment node
import { freePort, httpStatus, ServiceProcess } from '@patientinsight/testing';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built frontend server as a real process: configuration at boot, probes, runtime config,
// security headers, metrics on their own port, and SIGTERM with a slow download in flight.
const appDir = fileURLToPath(new URL('..', import.meta.url));
const BIG_ASSET_BYTES = 64 * 1024 * 1024;

describe('frontend server process', () => {
  it('refuses to boot on bad configuration with one line naming each variable and the reason', async () => {
    const proc = new ServiceProcess({ cwd: appDir, entry: 'dist/server/main.js', env: { PORT: '-1', BACKEND_PUBLIC_URL: 'ftp://x' } });
    expect((await proc.exited).code).toBe(1);
    expect(proc.stderr).toHaveLength(1);
    expect(proc.stderr[0]).toMatch(/^Invalid configuration: /);
    expect(proc.stderr[0]).toContain('PORT: must be 1-65535');
    expect(proc.stderr[0]).toContain('BACKEND_PUBLIC_URL: must be an http(s) URL');
  });

  describe('running', () => {
    let proc: ServiceProcess;
    let base: string;
    let metricsPort: number;
    let staticDir: string;

    beforeAll(async () => {
      staticDir = mkdtempSync(join(tmpdir(), 'frontend-static-'));
      writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>PatientInsight</title><div id="root"></div>');
      writeFileSync(join(staticDir, 'big.bin'), Buffer.alloc(BIG_ASSET_BYTES, 7));
      const port = await freePort();
      metricsPort = await freePort();
      base = `http://127.0.0.1:${port}`;
      proc = new ServiceProcess({
        cwd: appDir,
        entry: 'dist/server/main.js',
        env: {
          PORT: port,
          METRICS_PORT: metricsPort,
          HOST: '127.0.0.1',
          STATIC_DIR: staticDir,
          BACKEND_PUBLIC_URL: 'https://api.example.test',
          LOG_LEVEL: 'warn',
        },
      });
      await proc.waitFor(`${base}/readyz`);
    }, 60_000);

    afterAll(async () => {
      await proc?.stop();
      rmSync(staticDir, { recursive: true, force: true });
    });

    it('injects the backend URL at runtime and sets security headers on every answer', async () => {
      const res = await fetch(`${base}/config.js`);
      expect(await res.text()).toBe(
        'window.__PATIENTINSIGHT_CONFIG__={"backendUrl":"https://api.example.test","emergencyNumber":"112","crisisLine":null};',
      );
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' https://api.example.test");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const page = await fetch(`${base}/some/client/route`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    });

    it('serves Prometheus text on the metrics port only', async () => {
      await fetch(`${base}/config.js`);
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toContain('process_cpu_user_seconds_total');
      expect(metrics).toMatch(
        /http_request_duration_seconds_count\{service="frontend",route="\/config.js",method="GET",status="200"\} \d+/,
      );
      const onApiPort = await (await fetch(`${base}/metrics`)).text(); // the SPA fallback, not the registry
      expect(onApiPort).not.toContain('process_cpu_user_seconds_total');
    });

    it('readyz is 503 while the built assets are missing and 200 when they are back; healthz stays 200', async () => {
      renameSync(join(staticDir, 'index.html'), join(staticDir, 'index.html.away'));
      expect(await httpStatus(`${base}/readyz`)).toBe(503);
      expect(await httpStatus(`${base}/healthz`)).toBe(200);
      renameSync(join(staticDir, 'index.html.away'), join(staticDir, 'index.html'));
      expect(await httpStatus(`${base}/readyz`)).toBe(200);
    });

    it('finishes a slow download in flight after SIGTERM, then exits 0', async () => {
      let received = 0;
      const done = new Promise<number>((resolve, reject) => {
        const req = request(`${base}/big.bin`, (res) => {
          res.once('data', (chunk: Buffer) => {
            received += chunk.length;
            res.pause(); // a slow client: the server's writes back up
            proc.kill('SIGTERM');
            setTimeout(() => {
              res.on('data', (c: Buffer) => {
                received += c.length;
              });
              res.resume();
            }, 500);
          });
          res.once('end', () => resolve(received));
          res.once('error', reject);
        });
        req.once('error', reject);
        req.end();
      });
      expect(await done).toBe(BIG_ASSET_BYTES);
      expect(await proc.exited).toEqual({ code: 0, signal: null });
    }, 60_000);
  });
});
