import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { IngestionJob } from '@patientinsight/shared';
import { freePort, ServiceProcess } from '@patientinsight/testing';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, APP_DIR, TOKEN, waitForJob } from './ingestion-helpers.js';

// Hostile uploads against the built embedder as a real process (dist/main.js, through boot()): after each
// one the process must still be alive and healthy, the uploads folder must hold no partial file, and the
// response or the job must say why. The unhandled-rejection counter proves no failure took that path.

const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const BOUNDARY = '----hostile-boundary-7d1f';

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; details?: unknown } } & Partial<IngestionJob>;
  headers: Record<string, string | string[] | undefined>;
}

function part(name: string, value: string | Buffer, filename?: string): Buffer {
  const disposition = filename ? `form-data; name="${name}"; filename="${filename}"` : `form-data; name="${name}"`;
  const type = filename ? 'Content-Type: application/octet-stream\r\n' : '';
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(value), Buffer.from('\r\n')]);
}
const closing = Buffer.from(`--${BOUNDARY}--\r\n`);
const fileForm = (content: string | Buffer, filename = 'cases.csv') => Buffer.concat([part('file', content, filename), closing]);

/**
 * Sends a raw POST. `declaredLength` may exceed the bytes sent; `abortAfter` destroys the socket after
 * that many body bytes (and resolves null: there is no answer to read).
 */
function post(url: string, body: Buffer, options: { declaredLength?: number; abortAfter?: number; beforeAbort?: () => Promise<void> } = {}): Promise<Answer | null> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/ingestions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(options.declaredLength ?? body.length) },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {}, headers: res.headers });
      });
      res.on('error', reject);
    });
    // The server may answer (413) and close while the body is still going out: that write error is expected.
    req.on('error', (error) => {
      if (!answered && options.abortAfter === undefined) reject(error);
    });
    void (async () => {
      const chunk = 64 * 1024;
      const stopAt = options.abortAfter ?? body.length;
      for (let sent = 0; sent < stopAt && !req.destroyed && !answered; sent += chunk) {
        const slice = body.subarray(sent, Math.min(sent + chunk, stopAt));
        if (!req.write(slice)) await new Promise((r) => req.once('drain', r));
      }
      if (options.abortAfter !== undefined) {
        await options.beforeAbort?.();
        req.destroy();
        resolve(null);
      } else req.end();
    })().catch(reject);
  });
}

jest.setTimeout(180_000);

describe('hostile uploads against the embedder process', () => {
  let dir: string;
  let uploads: string;
  let proc: ServiceProcess;
  let url: string;
  let metricsUrl: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedder-hostile-'));
    uploads = join(dir, 'data', 'uploads');
    const port = await freePort();
    const metricsPort = await freePort();
    proc = new ServiceProcess({
      cwd: APP_DIR,
      entry: 'dist/main.js',
      env: {
        PORT: port,
        METRICS_PORT: metricsPort,
        HOST: '127.0.0.1',
        SERVICE_TOKEN: TOKEN,
        LOG_LEVEL: 'info',
        DATA_DIR: join(dir, 'data'),
        INGEST_POLL_MS: '100',
        MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
        DATABASE_URL: undefined,
      },
    });
    url = `http://127.0.0.1:${port}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    await proc.waitFor(`${url}/readyz`);
  });
  afterAll(async () => {
    await proc?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const leftovers = async () => (await readdir(uploads).catch(() => [] as string[])).filter((f) => !f.startsWith('.'));
  async function expectNoLeftovers(): Promise<void> {
    // Removal runs as the request fails; give it a moment when the client left first.
    for (let i = 0; i < 50 && (await leftovers()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await leftovers()).toEqual([]);
  }
  async function expectHealthy(): Promise<void> {
    expect(proc.running).toBe(true);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metrics).toMatch(/^process_unhandled_rejections_total\{service="embedder"\} 0$/m);
  }

  it('a multipart body that ends before its closing boundary: 400 naming the file, nothing kept', async () => {
    const truncated = part('file', 'patient_uid,patient,age,gender\nx-1,some text long enough to be a case in this test,45,F\n', 'cases.csv');
    const answer = await post(url, truncated);
    expect(answer?.status).toBe(400);
    expect(answer?.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('Unexpected end of form') });
    await expectNoLeftovers();
    await expectHealthy();
  });

  it('a client that drops the connection at 5 MB of a declared 100 MB: the partial file is removed, the process serves on', async () => {
    const head = part('file', Buffer.alloc(0), 'big.csv').subarray(0, -2); // the part's headers, then the content streams
    const body = Buffer.concat([head, Buffer.alloc(6 * 1024 * 1024, 'a')]);
    const answer = await post(url, body, {
      declaredLength: 100 * 1024 * 1024,
      abortAfter: 5 * 1024 * 1024,
      // The partial file exists on the server before the client goes away.
      beforeAbort: async () => {
        for (let i = 0; i < 100 && (await leftovers()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
        expect((await leftovers()).length).toBe(1);
      },
    });
    expect(answer).toBeNull();
    await expectNoLeftovers();
    await expectHealthy();
    const aborted = proc.stdout.some((l) => l.includes('UPLOAD_ABORTED') || l.includes('"statusCode":400'));
    expect(aborted).toBe(true);
  });

  it('a 0-byte body: 400 saying the form ended, nothing kept', async () => {
    const answer = await post(url, Buffer.alloc(0));
    expect(answer?.status).toBe(400);
    expect(answer?.body.error?.message).toMatch(/Unexpected end of form/);
    await expectNoLeftovers();
    await expectHealthy();
  });
});
