import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFrontendConfig } from './frontend.config.js';
import { type FrontendServer, startFrontendServer } from './frontend-server.js';

let server: FrontendServer;
let base: string;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'frontend-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const js = 'console.log("app");'.repeat(50);
  writeFileSync(join(staticDir, 'assets', 'app-abc.js'), js);
  writeFileSync(join(staticDir, 'assets', 'app-abc.js.gz'), gzipSync(js));
  const config = loadFrontendConfig({
    HOST: '127.0.0.1',
    STATIC_DIR: staticDir,
    BACKEND_PUBLIC_URL: 'https://api.example.test',
    EMERGENCY_NUMBER: '999',
    CRISIS_LINE: '116 123',
  });
  // Port 0 (any free port) is not a valid setting, but it is what a test needs.
  server = await startFrontendServer({ ...config, PORT: 0, METRICS_PORT: 0 }, pino({ level: 'silent' }));
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(staticDir, { recursive: true, force: true });
});

const metrics = async () => (await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`)).text();
const postVital = (body: unknown, type = 'application/json') =>
  fetch(`${base}/vitals`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('frontend config', () => {
  it('refuses an emergency number a phone cannot dial, naming the variable', () => {
    expect(() => loadFrontendConfig({ EMERGENCY_NUMBER: 'call 911' })).toThrow(/EMERGENCY_NUMBER.*phone number/s);
    expect(() => loadFrontendConfig({ CRISIS_LINE: 'tel:988' })).toThrow(/CRISIS_LINE.*phone number/s);
    expect(loadFrontendConfig({}).EMERGENCY_NUMBER).toBe('112');
  });
});

describe('frontend server', () => {
  it('serves probes, the runtime config with the backend URL and the local emergency numbers, and security headers', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ok' });
    const config = await fetch(`${base}/config.js`);
    expect(await config.text()).toBe(
      'window.__PATIENTINSIGHT_CONFIG__={"backendUrl":"https://api.example.test","emergencyNumber":"999","crisisLine":"116 123"};',
    );
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(config.headers.get('content-security-policy')).toContain("connect-src 'self' https://api.example.test");
    expect(config.headers.get('x-frame-options')).toBe('DENY');
  });

  it('falls back to index.html for app routes and serves the pre-compressed asset when the browser accepts gzip', async () => {
    const page = await fetch(`${base}/patient/encounters/123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const asset = await fetch(`${base}/assets/app-abc.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(await asset.text()).toBe('console.log("app");'.repeat(50));
  });

  it('turns Web Vitals into Prometheus histograms (LCP and INP in seconds, CLS unitless)', async () => {
    expect((await postVital({ name: 'LCP', value: 1800, rating: 'good', id: 'v1', route: '/patient' })).status).toBe(204);
    expect((await postVital({ name: 'INP', value: 120, rating: 'good', route: '/doctor/encounters/:id' })).status).toBe(204);
    // sendBeacon with a plain string arrives as text/plain.
    expect((await postVital(JSON.stringify({ name: 'CLS', value: 0.02, route: '/../../etc' }), 'text/plain')).status).toBe(204);
    const text = await metrics();
    expect(text).toContain('web_vitals_lcp_seconds_bucket{le="2",service="frontend",area="patient",rating="good"} 1');
    expect(text).toContain('web_vitals_lcp_seconds_bucket{le="1.5",service="frontend",area="patient",rating="good"} 0');
    expect(text).toContain('web_vitals_inp_seconds_sum{service="frontend",area="doctor",rating="good"} 0.12');
    expect(text).toContain('web_vitals_cls_count{service="frontend",area="other",rating="unknown"} 1');
  });

  it('refuses bad measurements with a 4xx naming the field and the reason', async () => {
    const bad = await postVital({ name: 'FID', value: -1 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { field: string; reason: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual([
      { field: 'name', reason: 'must be one of LCP, INP, CLS' },
      { field: 'value', reason: 'must be 0 or more' },
    ]);
    expect((await postVital('{not json')).status).toBe(400);
    expect((await postVital({ name: 'LCP', value: 1 }, 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await postVital({ name: 'LCP', value: 1, id: 'x'.repeat(5000) })).status).toBe(413);
    const get = await fetch(`${base}/vitals`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});
