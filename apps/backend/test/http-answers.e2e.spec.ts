import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { METRICS_REGISTRY } from '@patientinsight/nest-kit';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { errorBodySchema } from '@patientinsight/shared';
import { Kysely, PostgresDialect } from 'kysely';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { Registry } from 'prom-client';
import type request from 'supertest';
import type { BackendDb } from '../src/database/backend-db.js';
import { registerPatient, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';

/** Sends raw bytes to the app's server and reads the whole answer (the server closes the connection). */
async function rawExchange(server: Server, bytes: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function expectApiHeaders(res: request.Response): void {
  expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
}

describe.each(testDrivers())('HTTP answers on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;

  beforeAll(async () => {
    // The embedder is at a closed port, so /readyz has a component down on every run.
    t = await startTestApp(driver, { EMBEDDER_URL: 'http://127.0.0.1:9', EMBEDDER_TIMEOUT_MS: '300' });
    patient = await registerPatient(t);
    await t.http
      .put('/v1/profile')
      .set('Authorization', patient.auth)
      .send({ age: 40, sex: 'F', emergencyContact: { name: 'Ann', phone: '+1 555 0100' } })
      .expect(200);
  });
  afterAll(async () => t?.close());

  it('sends helmet’s headers and Cache-Control: no-store on patient data, errors included', async () => {
    for (const res of [
      await t.http.get('/v1/profile').set('Authorization', patient.auth),
      await t.http.get('/v1/me').set('Authorization', patient.auth),
      await t.http.get('/v1/me/export').set('Authorization', patient.auth),
      await t.http.get('/v1/me'), // 401
      await t.http.get('/v1/encounters/not-a-uuid').set('Authorization', patient.auth), // 404
      await t.http.post('/v1/auth/login').send({ email: 'x' }), // 400
    ]) {
      expectApiHeaders(res);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const health = await t.http.get('/healthz');
    expect(health.headers['x-powered-by']).toBeUndefined();
    expect(health.headers['strict-transport-security']).toBeDefined();
  });

  it('answers oversized headers with 431 and malformed HTTP with 400, both in the { error } shape', async () => {
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const big = await rawExchange(server, `GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(errorBodySchema.parse(JSON.parse(big.split('\r\n\r\n')[1] as string)).error.code).toBe('HEADERS_TOO_LARGE');
    const garbage = await rawExchange(server, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(errorBodySchema.parse(JSON.parse(garbage.split('\r\n\r\n')[1] as string)).error.code).toBe('BAD_REQUEST');
    // On a keep-alive connection after a finished response, too.
    const second = await new Promise<string>((resolve, reject) => {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () =>
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      let answer = '';
      socket.on('data', (chunk) => {
        const first = answer.length === 0;
        answer += chunk.toString('utf8');
        if (first) socket.write(`GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(second).toMatch(/^HTTP\/1\.1 200 /);
    expect(second).toMatch(/HTTP\/1\.1 431 [\s\S]*"HEADERS_TOO_LARGE"/);
    // The server still serves ordinary requests afterwards.
    expect((await t.http.get('/healthz')).status).toBe(200);
  });

  it('answers a too-large body with 413 and an unknown route with 404 in the { error } shape', async () => {
    const huge = await t.http
      .put('/v1/profile')
      .set('Authorization', patient.auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ conditions: ['x'.repeat(300_000)] }));
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const nowhere = await t.http.get('/v1/nowhere').set('Authorization', patient.auth);
    expect(nowhere.status).toBe(404);
    expect(errorBodySchema.safeParse(nowhere.body).success).toBe(true);
  });

  it('/readyz depends on our database only, reports the embedder (details and a gauge), and names states only: no error text, even when the database fails', async () => {
    const states = (res: request.Response) => (res.body.error?.details ?? res.body).details;
    // The embedder is down (closed port): ready all the same, with the embedder reported down.
    const ready = await t.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(states(ready)).toEqual({
      lifecycle: { status: 'up' },
      database: { status: 'up' },
      embedder: { status: 'down', required: false },
    });
    const metrics = await t.app.get<Registry>(METRICS_REGISTRY).metrics();
    expect(metrics).toMatch(/^backend_embedder_ready(?:{[^}]*})? 0$/m);

    // A database that refuses connections: its driver's message names the host and port.
    const database = t.database as { db: Kysely<BackendDb> };
    const real = database.db;
    const failing = new Kysely<BackendDb>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: 'postgres://secret_user:secret_pw@127.0.0.1:9/secret_db', connectionTimeoutMillis: 500 }),
      }),
    });
    database.db = failing;
    try {
      const res = await t.http.get('/readyz');
      expect(res.status).toBe(503);
      expect(states(res)).toEqual({
        lifecycle: { status: 'up' },
        database: { status: 'down' },
        embedder: { status: 'down', required: false },
      });
      for (const secret of ['127.0.0.1', 'ECONNREFUSED', 'secret_', 'connect']) expect(JSON.stringify(res.body)).not.toContain(secret);
    } finally {
      database.db = real;
      await failing.destroy();
    }
  });
});
