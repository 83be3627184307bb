import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createStaff, registerPatient, type SignedIn, startTestApp, type TestApp } from '../../test/support/backend-test-app.js';

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
function fakeEmbedder(received: Received[]): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/v1/ingestions' && req.method === 'POST') return void res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"job-1","state":"queued"}');
      if (path === '/v1/ingestions/job-1/rejections')
        return void res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="ingestion-job-1-all.csv"' }).end('row,field,reason\n3,age,300 years is outside 0-120\n');
      if (path === '/v1/ingestions/job-1/approve') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"job-1","state":"succeeded"}');
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"JOB_NOT_FOUND","message":"no ingestion job missing"}}');
    });
  });
}

describe('ingestion relay (/v1/admin/ingestions)', () => {
  const received: Received[] = [];
  let embedder: Server;
  let t: TestApp;
  let admin: SignedIn;
  let patient: SignedIn;

  beforeAll(async () => {
    embedder = fakeEmbedder(received);
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
    const res = await t.http.post('/v1/admin/ingestions').set('Authorization', admin.auth).field('format', 'csv').attach('file', csv, 'cases.csv');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: 'job-1', state: 'queued' });
    expect(last().headers.authorization).toBe('Bearer test-service-token-0123456789');
    expect(last().headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(last().body.includes(csv)).toBe(true);
    expect(last().body.toString()).toContain('name="format"');
  });

  it('checks a JSON source with the shared schema before anything reaches the embedder', async () => {
    const before = received.length;
    const res = await t.http.post('/v1/admin/ingestions').set('Authorization', admin.auth).send({ sourceUri: 'http://example.org/cases.csv' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'sourceUri', reason: 'must be s3://bucket/key or file:///absolute/path' }]);
    expect(received.length).toBe(before);
  });

  it('passes only the known query keys, and the CSV with its file name back', async () => {
    const res = await t.http.get('/v1/admin/ingestions/job-1/rejections?format=csv&outcome=all&after=0&sneaky=1').set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ingestion-job-1-all.csv"');
    expect(res.text).toContain('300 years is outside 0-120');
    expect(last().url).toBe('/v1/ingestions/job-1/rejections?outcome=all&after=0&format=csv');
  });

  it('takes the deciding admin from the session, never from the body', async () => {
    const ok = await t.http.post('/v1/admin/ingestions/job-1/approve').set('Authorization', admin.auth).send({ note: 'expected paediatric batch' });
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
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'resource_type', 'resource_id', 'outcome', 'details']).where('action', 'like', 'ingestion.%').orderBy('seq').execute();
    expect(rows.map((r) => [r.action, r.resource_id, r.outcome, (r.details as { status: number }).status])).toEqual([
      ['ingestion.upload', null, 'success', 202],
      ['ingestion.approve', 'job-1', 'success', 200],
      ['ingestion.create', null, 'success', 202],
      ['ingestion.reject', 'job-1', 'not_found', 404],
      ['ingestion.cancel', 'missing', 'not_found', 404],
      ['ingestion.retry', 'missing', 'not_found', 404],
    ]);
    expect(rows.every((r) => r.actor_id === admin.id && r.resource_type === 'ingestion_job')).toBe(true);
    expect(rows[3]?.details).toMatchObject({ note: true });
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
