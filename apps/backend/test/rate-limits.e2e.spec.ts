import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { METRICS_REGISTRY } from '@patientinsight/nest-kit';
import type { Registry } from 'prom-client';
import { AuthService } from '../src/auth/auth.service.js';
import {
  LogCapture,
  registerPatient,
  type SignedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  uniqueEmail,
} from './support/backend-test-app.js';
import { REDIS_TEST_URL, redisTestsEnabled, testRedisPrefix } from './support/test-redis.js';

// Limits live in memory or Redis, not in the database: PGlite is enough. TRUST_PROXY=1 lets each case pick its client IP.
const LIMITS = { TRUST_PROXY: '1', LOGIN_IP_LIMIT: '50', LOGIN_BACKOFF_FREE_FAILURES: '3', LOGIN_BACKOFF_BASE_SECONDS: '60' };
const NO_ENCOUNTER = '00000000-0000-4000-8000-000000000000';
const WRONG = 'not the password at all';

const limitedCount = async (t: TestApp, limit: string) => {
  const metric = await t.app.get<Registry>(METRICS_REGISTRY).getSingleMetric('http_rate_limited_total')?.get();
  return (metric?.values ?? []).filter((v) => v.labels.limit === limit).reduce((sum, v) => sum + v.value, 0);
};

describe('login backoff per client instead of an account lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', LIMITS);
  });
  afterAll(async () => t?.close());

  const loginFrom = (ip: string, email: string, password: string) =>
    t.http.post('/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('20 bad passwords from IP A: A waits (429 with Retry-After), the owner signs in from IP B at once', async () => {
    const owner = await registerPatient(t);
    const fromA: { status: number; retryAfter?: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await loginFrom('203.0.113.10', owner.email, WRONG);
      fromA.push({ status: res.status, retryAfter: res.headers['retry-after'] });
      if (res.status === 429) {
        expect(res.body.error.code).toBe('RATE_LIMITED');
        expect(res.body.error.details.retryAfterSeconds).toBe(Number(res.headers['retry-after']));
      }
    }
    // Three free failures, the fourth starts the wait; every attempt after it is refused before the password is checked.
    expect(fromA.map((r) => r.status)).toEqual([401, 401, 401, 401, ...Array(16).fill(429)]);
    expect(fromA.slice(4).every((r) => Number(r.retryAfter) >= 1 && Number(r.retryAfter) <= 60)).toBe(true);

    const fromB = await loginFrom('198.51.100.20', owner.email, TEST_PASSWORD);
    expect(fromB.status).toBe(200);
    // A still waits, even with the right password; A may try other accounts (the per-IP limit caps that).
    expect((await loginFrom('203.0.113.10', owner.email, TEST_PASSWORD)).status).toBe(429);
    expect((await loginFrom('203.0.113.10', uniqueEmail('other'), WRONG)).status).toBe(401);
    expect(await limitedCount(t, 'login-backoff')).toBe(16 + 1);
  });

  it('answers the same for an account that does not exist', async () => {
    const ghost = uniqueEmail('ghost');
    const same: number[] = [];
    for (let i = 0; i < 6; i++) same.push((await loginFrom('203.0.113.21', ghost, WRONG)).status);
    expect(same).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('a success resets the client: its next failures are free again', async () => {
    const owner = await registerPatient(t);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await loginFrom('203.0.113.30', owner.email, WRONG)).status);
    statuses.push((await loginFrom('203.0.113.30', owner.email, TEST_PASSWORD)).status);
    for (let i = 0; i < 4; i++) statuses.push((await loginFrom('203.0.113.30', owner.email, WRONG)).status);
    statuses.push((await loginFrom('203.0.113.30', owner.email, WRONG)).status);
    expect(statuses).toEqual([401, 401, 401, 200, 401, 401, 401, 401, 429]);
  });

  it('the refusals reach the audit trail sampled (one row per client, route and limit a minute) and no log line holds the address', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['ip', 'actor_id', 'resource_id', 'outcome', 'details'])
      .where('action', '=', 'http.rate_limited')
      .where('ip', '=', '203.0.113.10')
      .execute();
    expect(rows.map((r) => [r.resource_id, r.outcome, (r.details as { limit: string }).limit])).toEqual([
      ['POST /v1/auth/login', 'denied', 'login-backoff'],
    ]);
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.filter((line) => line.includes('203.0.113.') || line.includes('198.51.100.'))).toEqual([]);
  });
});

describe('limits on intake messages and token refresh', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp('pglite', {
      ...LIMITS,
      INTAKE_USER_LIMIT: '3',
      INTAKE_IP_LIMIT: '5',
      REFRESH_SESSION_LIMIT: '3',
      REFRESH_IP_LIMIT: '5',
    });
  });
  afterAll(async () => t?.close());

  /** A patient made by the service and signed in from an address of its own (the limits under test are per IP too). */
  const someone = async (): Promise<SignedIn> => {
    n += 1;
    const email = uniqueEmail(`limits${n}`);
    await t.app.get(AuthService).createAccount({
      email,
      password: TEST_PASSWORD,
      role: 'patient',
      displayName: 'Limits',
      mustChangePassword: false,
      createdBy: null,
    });
    const res = await t.http
      .post('/v1/auth/login')
      .set('X-Forwarded-For', `198.19.1.${n}`)
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    return {
      id: res.body.user.id,
      role: 'patient',
      token: res.body.accessToken,
      email,
      auth: `Bearer ${res.body.accessToken}`,
      cookie: '',
    };
  };

  it('limits intake messages per user across addresses and per address across users', async () => {
    const message = (who: SignedIn, ip: string) =>
      t.http
        .post(`/v1/encounters/${NO_ENCOUNTER}/messages`)
        .set('Authorization', who.auth)
        .set('X-Forwarded-For', ip)
        .send({ text: 'I have a cough' });
    const patient = await someone();
    const perUser: number[] = [];
    for (let i = 0; i < 4; i++) perUser.push((await message(patient, `198.18.10.${i + 1}`)).status);
    expect(perUser).toEqual([404, 404, 404, 429]);
    const perIp: number[] = [];
    for (let i = 0; i < 6; i++) perIp.push((await message(await someone(), '198.18.11.1')).status);
    expect(perIp).toEqual([404, 404, 404, 404, 404, 429]);
  });

  it('limits token refreshes per session across addresses and per address across sessions', async () => {
    const refresh = (cookie: string, ip: string) => t.http.post('/v1/auth/refresh').set('Cookie', cookie).set('X-Forwarded-For', ip);
    const perSession: number[] = [];
    for (let i = 0; i < 4; i++) perSession.push((await refresh('pi_refresh=one-session-token', `198.18.20.${i + 1}`)).status);
    expect(perSession).toEqual([401, 401, 401, 429]);
    const refused = await refresh('pi_refresh=one-session-token', '198.18.20.9');
    expect(refused.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many session refreshes: wait a few minutes and try again',
      details: { retryAfterSeconds: Number(refused.headers['retry-after']) },
    });
    const perIp: number[] = [];
    for (let i = 0; i < 6; i++) perIp.push((await refresh(`pi_refresh=session-${i}`, '198.18.21.1')).status);
    expect(perIp).toEqual([401, 401, 401, 401, 401, 429]);
    // A real session from another address is not held up by either.
    const patient = await registerPatient(t);
    expect((await refresh(patient.cookie, '198.18.22.1')).status).toBe(200);
  });
});

(redisTestsEnabled ? describe : describe.skip)('two backend instances on one Redis (RATE_LIMIT_STORE=redis)', () => {
  const keys = testRedisPrefix();
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = {
      ...LIMITS,
      LOGIN_IP_LIMIT: '4',
      COSTLY_IP_LIMIT: '4',
      RATE_LIMIT_STORE: 'redis',
      REDIS_URL: REDIS_TEST_URL,
      RATE_LIMIT_KEY_PREFIX: keys.prefix,
    };
    // Each instance its own Nest app, database and Redis connection; one log capture (nestjs-pino keeps the first).
    const logs = new LogCapture();
    a = await startTestApp('pglite', env, logs);
    b = await startTestApp('pglite', env, logs);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await keys.clear();
  });

  it('shares the per-IP login limit: the fifth attempt across both instances answers 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const app = i % 2 === 0 ? a : b;
      statuses.push(
        (
          await app.http
            .post('/v1/auth/login')
            .set('X-Forwarded-For', '192.0.2.40')
            .send({ email: uniqueEmail(`shared${i}`), password: WRONG })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('shares the login backoff: failures on one instance make the client wait on the other', async () => {
    const email = uniqueEmail('backoff');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await (i % 2 === 0 ? a : b).http.post('/v1/auth/login').set('X-Forwarded-For', '192.0.2.41').send({ email, password: WRONG }))
          .status,
      );
    expect(statuses).toEqual([401, 401, 401, 401]);
    const onA = await a.http.post('/v1/auth/login').set('X-Forwarded-For', '192.0.2.41').send({ email, password: WRONG });
    const onB = await b.http.post('/v1/auth/login').set('X-Forwarded-For', '192.0.2.41').send({ email, password: WRONG });
    expect([onA.status, onB.status]).toEqual([429, 429]);
    expect(Number(onB.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('shares the per-IP limit of a costly route across users of both instances', async () => {
    // Accounts made by the service and signed in from addresses of their own: login has its own per-IP limit.
    const someoneOn = async (app: TestApp, i: number) => {
      const email = uniqueEmail(`costly${i}`);
      await app.app.get(AuthService).createAccount({
        email,
        password: TEST_PASSWORD,
        role: 'patient',
        displayName: 'Costly',
        mustChangePassword: false,
        createdBy: null,
      });
      const res = await app.http
        .post('/v1/auth/login')
        .set('X-Forwarded-For', `192.0.2.${50 + i}`)
        .send({ email, password: TEST_PASSWORD })
        .expect(200);
      return { auth: `Bearer ${res.body.accessToken}` };
    };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const app = i % 2 === 0 ? a : b;
      const patient = await someoneOn(app, i);
      statuses.push(
        (
          await app.http
            .get(`/v1/encounters/${NO_ENCOUNTER}/report.pdf`)
            .set('Authorization', patient.auth)
            .set('X-Forwarded-For', '192.0.2.42')
        ).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
  });

  it('keeps only hashed keys under its prefix in Redis: no address, email or user id', async () => {
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_TEST_URL);
    try {
      const stored = await redis.keys(`${keys.prefix}*`);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.filter((k) => /192\.0\.2|@example|[0-9a-f]{8}-[0-9a-f]{4}-/.test(k))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
