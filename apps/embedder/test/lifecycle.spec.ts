import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dropTestSchema, testDatabaseOptions } from '@patientinsight/nest-kit/testing';
import { eventuallyStatus, freePort, httpStatus, ServiceProcess, TcpProxy } from '@patientinsight/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built embedder as a real process: configuration at boot, readiness against the real
// PostgreSQL (through a proxy the test can cut), and SIGTERM with a request in flight.
const appDir = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'lifecycle-test-token-0123456789';

describe('embedder process', () => {
  it('refuses to boot on bad configuration with one line naming each variable and the reason', async () => {
    const proc = new ServiceProcess({
      cwd: appDir,
      entry: 'dist/main.js',
      env: { PORT: 'eighty', SERVICE_TOKEN: 'short', DATABASE_URL: 'mysql://x' },
    });
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.stderr).toHaveLength(1);
    expect(proc.stderr[0]).toMatch(/^Invalid configuration: /);
    expect(proc.stderr[0]).toContain('PORT: must be a port number (1-65535)');
    expect(proc.stderr[0]).toContain('SERVICE_TOKEN: must be at least 16 characters');
    expect(proc.stderr[0]).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(proc.stderr[0]).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('refuses to boot without the service token', async () => {
    const proc = new ServiceProcess({ cwd: appDir, entry: 'dist/main.js', env: { SERVICE_TOKEN: undefined } });
    expect((await proc.exited).code).toBe(1);
    expect(proc.stderr).toEqual(['Invalid configuration: SERVICE_TOKEN: is required']);
  });

  describe('on PostgreSQL behind a proxy', () => {
    const proxy = new TcpProxy('127.0.0.1', 5432);
    let dbOptions: Awaited<ReturnType<typeof testDatabaseOptions>>;
    let proc: ServiceProcess;
    let base: string;
    let dataDir: string;

    beforeAll(async () => {
      dbOptions = await testDatabaseOptions('postgres');
      await proxy.start();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      dataDir = mkdtempSync(join(tmpdir(), 'embedder-lifecycle-'));
      const url = new URL(dbOptions.url!);
      url.port = String(proxy.port);
      proc = new ServiceProcess({
        cwd: appDir,
        entry: 'dist/main.js',
        env: {
          PORT: port,
          METRICS_PORT: await freePort(),
          HOST: '127.0.0.1',
          SERVICE_TOKEN: TOKEN,
          DATABASE_URL: url.toString(),
          DATABASE_SCHEMA: dbOptions.schema,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
        },
      });
      await proc.waitFor(`${base}/readyz`);
    });

    afterAll(async () => {
      await proc?.stop();
      await proxy.stop();
      await dropTestSchema(dbOptions);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('readyz turns 503 while the database is unreachable and 200 when it returns; healthz stays 200', async () => {
      expect(await httpStatus(`${base}/readyz`)).toBe(200);
      await proxy.stop();
      expect(await eventuallyStatus(`${base}/readyz`, 503)).toBe(503);
      expect(await httpStatus(`${base}/healthz`)).toBe(200);
      await proxy.start();
      expect(await eventuallyStatus(`${base}/readyz`, 200)).toBe(200);
    });

    it('finishes a slow in-flight request after SIGTERM, then exits 0', async () => {
      expect(await httpStatus(`${base}/readyz`)).toBe(200); // a warm pooled connection, so the slow request is one round trip
      proxy.setLatency(200); // that round trip now takes about 400 ms
      const inFlight = fetch(`${base}/readyz`);
      await new Promise((r) => setTimeout(r, 150));
      proc.kill('SIGTERM');
      const res = await inFlight;
      const body = (await res.json()) as { status: string; info: Record<string, unknown> };
      expect({ status: res.status, body }).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
      expect(await proc.exited).toEqual({ code: 0, signal: null });
      expect(await httpStatus(`${base}/healthz`)).toBe(0); // no longer listening
    });
  });
});
