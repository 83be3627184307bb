import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createStaff, registerPatient, type SignedIn, startTestApp, type TestApp } from '../../test/support/backend-test-app.js';

const TOO_LARGE = 1024 * 1024;

/** What the embedder side received: one entry per request. */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * A stand-in embedder speaking its HTTP API (the real one is covered by the browser journeys in
 * apps/frontend/e2e): it records each request and answers per path.
 */
function fakeEmbedder(received: Received[], started: { bytes: number; aborted: boolean }[] = []): Server {
  return createServer((req, res) => {
    const progress = { bytes: 0, aborted: false };
    started.push(progress);
    req.on('data', (c: Buffer) => {
      progress.bytes += c.length;
    });
    req.on('close', () => {
      if (!req.complete) progress.aborted = true;
    });
    // As the embedder does past MAX_UPLOAD_BYTES: 413 at once, before the body is read, which it then discards.
    if (Number(req.headers['content-length']) > TOO_LARGE) {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.alloc(0) });
      res
        .writeHead(413, { 'content-type': 'application/json' })
        .end('{"error":{"code":"PAYLOAD_TOO_LARGE","message":"The upload is larger than the limit of 1048576 bytes (MAX_UPLOAD_BYTES)"}}');
      return void req.resume();
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/v1/ingestions' && req.method === 'POST')
        return void res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"job-1","state":"queued"}');
      if (path === '/v1/ingestions/job-1/rejections')
        return void res
          .writeHead(200, {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="ingestion-job-1-all.csv"',
          })
          .end('row,field,reason\n3,age,300 years is outside 0-120\n');
      if (path === '/v1/ingestions/job-1/approve')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"job-1","state":"succeeded"}');
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"code":"JOB_NOT_FOUND","message":"no ingestion job missing"}}');
    });
  });
}

describe('ingestion relay (/v1/admin/ingestions)', () => {
  const received: Received[] = [];
  const started: { bytes: number; aborted: boolean }[] = [];
  let embedder: Server;
  let t: TestApp;
  let admin: SignedIn;
  let patient: SignedIn;

  beforeAll(async () => {
    embedder = fakeEmbedder(received, started);
    await new Promise<void>((r) => embedder.listen(0, '127.0.0.1', r));
    t = await startTestApp('pglite', { EMBEDDER_URL: `http://127.0.0.1:${(embedder.address() as AddressInfo).port}` });
    admin = await createStaff(t, 'admin');
    patient = await registerPatient(t);
  });
  afterAll(async () => {
    await t?.close();
    if (embedder.listening) await new Promise<void>((r) => embedder.close(() => r()));
  });
  const last = () => received.at(-1) as Received;

  it('streams a multipart upload through to the embedder with the service token, and answers its 202', async () => {
    const csv = Buffer.from('patient_uid,patient,age,gender\n1-1,"A cough",[[40.0, \'year\']],F\n');
    const res = await t.http
      .post('/v1/admin/ingestions')
      .set('Authorization', admin.auth)
      .field('format', 'csv')
      .attach('file', csv, 'cases.csv');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: 'job-1', state: 'queued' });
    expect(last().headers.authorization).toBe('Bearer test-service-token-0123456789');
    expect(last().headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(last().body.includes(csv)).toBe(true);
    expect(last().body.toString()).toContain('name="format"');
  });

  it("passes the embedder's 413 for an upload over its limit back to the operator, without sending the rest", async () => {
    const big = Buffer.alloc(8 * TOO_LARGE, 'x');
    const res = await t.http.post('/v1/admin/ingestions').set('Authorization', admin.auth).attach('file', big, 'big.csv');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(last().body.length).toBe(0);
    // The backend still serves.
    expect((await t.http.get('/v1/admin/ingestions/missing').set('Authorization', admin.auth)).status).toBe(404);
  });

  it('aborts the upload to the embedder when the operator goes away mid-upload (so it deletes its partial file), and serves on', async () => {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const boundary = 'relay-abort-boundary';
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/v1/admin/ingestions',
      method: 'POST',
      headers: {
        authorization: admin.auth,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(TOO_LARGE - 1),
      },
    });
    req.on('error', () => undefined); // the socket is destroyed on purpose below
    const before = started.length;
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`);
    req.write(Buffer.alloc(256 * 1024, 'y'));
    // Once the embedder side has some of it, the operator closes the tab.
    const upstream = async () => {
      for (let i = 0; i < 250 && !(started[before]?.bytes ?? 0); i++) await new Promise((r) => setTimeout(r, 20));
      return started[before];
    };
    expect((await upstream())?.bytes).toBeGreaterThan(0);
    req.destroy();
    for (let i = 0; i < 250 && !started[before]!.aborted; i++) await new Promise((r) => setTimeout(r, 20));
    expect(started[before]).toMatchObject({ aborted: true, bytes: expect.any(Number) });
    expect(started[before]!.bytes).toBeLessThan(TOO_LARGE - 1);
    expect(started.length).toBe(before + 1);
    expect((await t.http.get('/v1/admin/ingestions/missing').set('Authorization', admin.auth)).status).toBe(404);
  });

  it('checks a JSON source with the shared schema before anything reaches the embedder', async () => {
    const before = received.length;
    const res = await t.http
      .post('/v1/admin/ingestions')
      .set('Authorization', admin.auth)
      .send({ sourceUri: 'http://example.org/cases.csv' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'sourceUri', reason: 'must be s3://bucket/key or file:///absolute/path' }]);
    expect(received.length).toBe(before);
  });

  it('passes only the known query keys, and the CSV with its file name back', async () => {
    const res = await t.http
      .get('/v1/admin/ingestions/job-1/rejections?format=csv&outcome=all&after=0&sneaky=1')
      .set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ingestion-job-1-all.csv"');
    expect(res.text).toContain('300 years is outside 0-120');
    expect(last().url).toBe('/v1/ingestions/job-1/rejections?outcome=all&after=0&format=csv');
  });

  it('takes the deciding admin from the session, never from the body', async () => {
    const ok = await t.http
      .post('/v1/admin/ingestions/job-1/approve')
      .set('Authorization', admin.auth)
      .send({ note: 'expected paediatric batch' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(last().body.toString())).toEqual({ actor: `admin ${admin.id}`, note: 'expected paediatric batch' });
    const forged = await t.http.post('/v1/admin/ingestions/job-1/approve').set('Authorization', admin.auth).send({ actor: 'someone else' });
    expect(forged.status).toBe(400);
  });

  it('audits every operator write with who, which job and how the embedder answered (never a decision note)', async () => {
    await t.http.post('/v1/admin/ingestions').set('Authorization', admin.auth).send({ sourceUri: 's3://bucket-a/cases.csv' }).expect(202);
    await t.http.post('/v1/admin/ingestions/job-1/reject').set('Authorization', admin.auth).send({ note: 'sentinel-note wrong batch' });
    await t.http.post('/v1/admin/ingestions/missing/cancel').set('Authorization', admin.auth).expect(404);
    await t.http.post('/v1/admin/ingestions/missing/retry').set('Authorization', admin.auth).expect(404);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'resource_type', 'resource_id', 'outcome', 'details'])
      .where('action', 'like', 'ingestion.%')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.action, r.resource_id, r.outcome, (r.details as { status: number }).status])).toEqual([
      ['ingestion.upload', null, 'success', 202],
      ['ingestion.upload', null, 'failure', 413],
      ['ingestion.upload', null, 'failure', 503],
      ['ingestion.approve', 'job-1', 'success', 200],
      ['ingestion.create', null, 'success', 202],
      ['ingestion.reject', 'job-1', 'not_found', 404],
      ['ingestion.cancel', 'missing', 'not_found', 404],
      ['ingestion.retry', 'missing', 'not_found', 404],
    ]);
    expect(rows.every((r) => r.actor_id === admin.id && r.resource_type === 'ingestion_job')).toBe(true);
    expect(rows[5]?.details).toMatchObject({ note: true });
    expect(JSON.stringify(rows)).not.toContain('sentinel-note');
  });

  it("passes the embedder's error status and body through unchanged", async () => {
    const res = await t.http.get('/v1/admin/ingestions/missing').set('Authorization', admin.auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'JOB_NOT_FOUND', message: 'no ingestion job missing' } });
  });

  it('refuses non-admins, and answers 503 with a clear code when the embedder is down', async () => {
    expect((await t.http.get('/v1/admin/ingestions').set('Authorization', patient.auth)).status).toBe(403);
    // Last test: the embedder goes away (reads are retried, then answered 503).
    await new Promise<void>((r) => embedder.close(() => r()));
    const res = await t.http.get('/v1/admin/ingestions').set('Authorization', admin.auth);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('EMBEDDER_UNAVAILABLE');
  });
});
