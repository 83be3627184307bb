import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { authResponseSchema } from '@patientinsight/shared';
import { AuthService } from '../src/auth/auth.service.js';
import {
  createStaff,
  login,
  registerPatient,
  seedEncounter,
  type SignedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  uniqueEmail,
} from './support/backend-test-app.js';

describe.each(testDrivers())('accounts and sessions on %s', (driver) => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(driver, { ADMIN_EMAIL: 'first.admin@example.test', ADMIN_PASSWORD: 'first admin passphrase' });
    admin = await login(t, 'first.admin@example.test', 'first admin passphrase');
  });
  afterAll(async () => t?.close());

  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD at first start', async () => {
    expect(admin.role).toBe('admin');
    const admins = await t.http.get('/v1/users').query({ role: 'admin' }).set('Authorization', admin.auth);
    expect(admins.body.users.map((u: { email: string }) => u.email)).toEqual(['first.admin@example.test']);
  });

  it('stores only an argon2id hash of the password', async () => {
    const patient = await registerPatient(t);
    const row = await t.database.db.selectFrom('users').select('password_hash').where('id', '=', patient.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('answers an unknown email, a wrong password and a disabled account with the same 401', async () => {
    const patient = await registerPatient(t);
    const disabled = await registerPatient(t);
    expect((await t.http.patch(`/v1/users/${disabled.id}`).set('Authorization', admin.auth).send({ status: 'disabled' })).status).toBe(200);
    const attempts = await Promise.all([
      t.http.post('/v1/auth/login').send({ email: uniqueEmail('nobody'), password: TEST_PASSWORD }),
      t.http.post('/v1/auth/login').send({ email: patient.email, password: 'not the password at all' }),
      t.http.post('/v1/auth/login').send({ email: disabled.email, password: TEST_PASSWORD }),
    ]);
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'The email or password is incorrect' } });
    }
    // The disabled account's live token stopped working at once.
    expect((await t.http.get('/v1/me').set('Authorization', disabled.auth)).status).toBe(401);
    const failures = await t.database.db
      .selectFrom('audit_log')
      .select(['details', 'resource_id'])
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures.map((f) => (f.details as { reason: string }).reason).sort()).toEqual(
      expect.arrayContaining(['account_disabled', 'unknown_account', 'wrong_password']),
    );
  });

  it('sets the refresh token as an httpOnly, Secure, SameSite=Strict cookie and rotates it on refresh', async () => {
    const email = uniqueEmail('cookie');
    const res = await t.http.post('/v1/auth/register').send({ email, password: TEST_PASSWORD, displayName: 'Cookie' });
    const setCookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(setCookie).toMatch(/^pi_refresh=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/; Path=\/v1\/auth/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(JSON.stringify(res.body)).not.toContain(setCookie.split(';')[0]!.split('=')[1]!);
    const first = setCookie.split(';')[0]!;

    const refreshed = await t.http.post('/v1/auth/refresh').set('Cookie', first);
    expect(refreshed.status).toBe(200);
    const body = authResponseSchema.parse(refreshed.body);
    expect((await t.http.get('/v1/me').set('Authorization', `Bearer ${body.accessToken}`)).status).toBe(200);
    const second = (refreshed.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    expect(second).not.toBe(first);
    expect((await t.http.post('/v1/auth/refresh').set('Cookie', second)).status).toBe(200);
  });

  it('ends the session when a rotated refresh token is replayed (someone kept a copy)', async () => {
    const patient = await registerPatient(t);
    const refreshed = await t.http.post('/v1/auth/refresh').set('Cookie', patient.cookie);
    expect(refreshed.status).toBe(200);
    const current = (refreshed.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const currentToken = `Bearer ${refreshed.body.accessToken}`;
    // Past the concurrent-refresh grace window (session-families.e2e covers it and older tokens).
    const sessions = t.database.db.selectFrom('sessions').select('id').where('user_id', '=', patient.id);
    await t.database.db
      .updateTable('session_refresh_history')
      .set({ rotated_at: new Date(Date.now() - 60_000) })
      .where('session_id', 'in', sessions)
      .execute();
    // The stolen old token is refused, and its use ends the session for the holder of the new one too.
    expect((await t.http.post('/v1/auth/refresh').set('Cookie', patient.cookie)).status).toBe(401);
    expect((await t.http.post('/v1/auth/refresh').set('Cookie', current)).status).toBe(401);
    expect((await t.http.get('/v1/me').set('Authorization', currentToken)).status).toBe(401);
    const reuse = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.refresh_reuse').execute();
    expect(reuse.map((r) => r.outcome)).toContain('denied');
  });

  it('logout ends the session: its access token and refresh cookie stop working at once', async () => {
    const patient = await registerPatient(t);
    expect((await t.http.get('/v1/me').set('Authorization', patient.auth)).status).toBe(200);
    expect((await t.http.post('/v1/auth/logout').set('Cookie', patient.cookie)).status).toBe(204);
    expect((await t.http.get('/v1/me').set('Authorization', patient.auth)).status).toBe(401);
    expect((await t.http.post('/v1/auth/refresh').set('Cookie', patient.cookie)).status).toBe(401);
  });

  it('changing the password ends the other sessions and the old password', async () => {
    const patient = await registerPatient(t);
    const elsewhere = await login(t, patient.email);
    const wrong = await t.http
      .post('/v1/auth/change-password')
      .set('Authorization', patient.auth)
      .send({ currentPassword: 'wrong wrong wrong', newPassword: 'another long passphrase' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(
      (
        await t.http
          .post('/v1/auth/change-password')
          .set('Authorization', patient.auth)
          .send({ currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' })
      ).status,
    ).toBe(204);
    expect((await t.http.get('/v1/me').set('Authorization', patient.auth)).status).toBe(200);
    expect((await t.http.get('/v1/me').set('Authorization', elsewhere.auth)).status).toBe(401);
    expect((await t.http.post('/v1/auth/login').send({ email: patient.email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await t.http.post('/v1/auth/login').send({ email: patient.email, password: 'another long passphrase' })).status).toBe(200);
  });

  it('makes an admin-created account change its initial password before anything else', async () => {
    const email = uniqueEmail('newdoc');
    const created = await t.http
      .post('/v1/users')
      .set('Authorization', admin.auth)
      .send({ email, role: 'doctor', displayName: 'Dr New', initialPassword: 'initial passphrase 99' });
    expect(created.body).toMatchObject({ role: 'doctor', mustChangePassword: true });
    const doctor = await login(t, email, 'initial passphrase 99');
    const blocked = await t.http.get('/v1/review/queue').set('Authorization', doctor.auth);
    expect([blocked.status, blocked.body.error.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    expect((await t.http.get('/v1/me').set('Authorization', doctor.auth)).status).toBe(200);
    expect(
      (
        await t.http
          .post('/v1/auth/change-password')
          .set('Authorization', doctor.auth)
          .send({ currentPassword: 'initial passphrase 99', newPassword: 'my own passphrase 2026' })
      ).status,
    ).toBe(204);
    expect((await t.http.get('/v1/review/queue').set('Authorization', doctor.auth)).status).toBe(200);
  });

  it('a role change ends the tokens issued for the old role; an admin cannot disable themself (so the last admin stays)', async () => {
    const doctor = await createStaff(t, 'doctor');
    expect((await t.http.patch(`/v1/users/${doctor.id}`).set('Authorization', admin.auth).send({ role: 'patient' })).status).toBe(200);
    expect((await t.http.get('/v1/me').set('Authorization', doctor.auth)).status).toBe(401);
    const self = await t.http.patch(`/v1/users/${admin.id}`).set('Authorization', admin.auth).send({ status: 'disabled' });
    expect([self.status, self.body.error.code]).toEqual([409, 'OWN_ACCESS_CHANGE']);
  });

  it('records a role refusal with the patient it aimed at, when the path names one', async () => {
    const patient = await registerPatient(t);
    const doctor = await createStaff(t, 'doctor');
    const encounter = await seedEncounter(t, patient, 'submitted');
    expect((await t.http.get(`/v1/encounters/${encounter}`).set('Authorization', admin.auth)).status).toBe(403);
    expect((await t.http.patch(`/v1/users/${patient.id}`).set('Authorization', doctor.auth).send({ displayName: 'X' })).status).toBe(403);
    expect((await t.http.get('/v1/users').set('Authorization', doctor.auth)).status).toBe(403);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'resource_id', 'patient_id'])
      .where('action', '=', 'http.denied')
      .where('actor_id', 'in', [admin.id, doctor.id])
      .orderBy('seq')
      .execute();
    expect(rows.slice(-3).map((r) => [r.actor_id, r.resource_id, r.patient_id])).toEqual([
      [admin.id, 'GET /v1/encounters/:id', patient.id],
      [doctor.id, 'PATCH /v1/users/:id', patient.id],
      [doctor.id, 'GET /v1/users', null],
    ]);
  });

  it('rejects forged, tampered and unsigned access tokens', async () => {
    const patient = await registerPatient(t);
    const [header, payload, signature] = patient.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const asAdmin = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    for (const token of [`${header}.${asAdmin}.${signature}`, `${none}.${asAdmin}.`, 'garbage', `${header}.${payload}.${'A'.repeat(43)}`]) {
      const res = await t.http.get('/v1/users').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
    }
  });

  it('rejects a duplicate email with 409 and a weak password with a named field', async () => {
    const patient = await registerPatient(t);
    const again = await t.http
      .post('/v1/auth/register')
      .send({ email: patient.email.toUpperCase(), password: TEST_PASSWORD, displayName: 'Again' });
    expect([again.status, again.body.error.code]).toEqual([409, 'EMAIL_TAKEN']);
    const weak = await t.http.post('/v1/auth/register').send({ email: uniqueEmail('weak'), password: 'short', displayName: 'Weak' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual([{ field: 'password', reason: 'must be at least 12 characters' }]);
  });
});

describe('login rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Limits are in memory, not in the database: one driver is enough. TRUST_PROXY lets each case use its own client IP.
    // The login backoff per client (instead of a per-account limit) is tested in rate-limits.e2e.spec.ts.
    t = await startTestApp(testDrivers().includes('postgres') ? 'postgres' : 'pglite', {
      LOGIN_ACCOUNT_LIMIT: '3',
      LOGIN_IP_LIMIT: '5',
      COSTLY_USER_LIMIT: '3',
      COSTLY_IP_LIMIT: '5',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(async () => t?.close());

  it('limits attempts per IP across accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await t.http
            .post('/v1/auth/login')
            .set('X-Forwarded-For', '203.0.113.7')
            .send({ email: uniqueEmail(`ip${i}`), password: 'wrong password here' })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(
      (
        await t.http
          .post('/v1/auth/login')
          .set('X-Forwarded-For', '203.0.113.8')
          .send({ email: uniqueEmail('other'), password: 'wrong password here' })
      ).status,
    ).toBe(401);
  });

  it('takes the client address one proxy hop from the right: a forged left-most X-Forwarded-For neither bypasses the IP limit nor reaches the audit trail', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const forged = `10.66.${i}.1, 203.0.113.77`;
      statuses.push(
        (
          await t.http
            .post('/v1/auth/login')
            .set('X-Forwarded-For', forged)
            .send({ email: uniqueEmail(`xff${i}`), password: 'wrong password here' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const ips = await t.database.db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login')
      .where('ip', 'like', '%.66.%')
      .execute();
    expect(ips).toEqual([]);
    const real = await t.database.db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login')
      .where('ip', '=', '203.0.113.77')
      .execute();
    expect(real.length).toBe(5);
  });

  it('limits change-password and account deletion per signed-in user across IPs; other users keep their own allowance', async () => {
    const [owner, other] = [await registerPatient(t), await registerPatient(t)];
    const changePassword = (who: SignedIn, ip: string, currentPassword: string) =>
      t.http
        .post('/v1/auth/change-password')
        .set('Authorization', who.auth)
        .set('X-Forwarded-For', ip)
        .send({ currentPassword, newPassword: 'a brand new passphrase' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await changePassword(owner, `192.0.2.${i + 1}`, 'not the current one')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Guessing stops here: even the right current password waits for the window.
    expect((await changePassword(owner, '192.0.2.50', TEST_PASSWORD)).status).toBe(429);
    expect((await changePassword(other, '192.0.2.51', TEST_PASSWORD)).status).toBe(204);

    const remove = (ip: string, password: string) =>
      t.http.post('/v1/me/delete').set('Authorization', owner.auth).set('X-Forwarded-For', ip).send({ password });
    const deletions: number[] = [];
    for (let i = 0; i < 4; i++) deletions.push((await remove(`192.0.2.${i + 100}`, 'not the password')).status);
    expect(deletions).toEqual([401, 401, 401, 429]);
    expect((await remove('192.0.2.150', TEST_PASSWORD)).status).toBe(429);
    expect((await t.http.get('/v1/me').set('Authorization', owner.auth)).status).toBe(200);
  });

  it('records refused anonymous requests in the audit trail, one per address, route and reason a minute', async () => {
    const me = (ip: string, auth?: string) =>
      (auth ? t.http.get('/v1/me').set('Authorization', auth) : t.http.get('/v1/me')).set('X-Forwarded-For', ip);
    for (let i = 0; i < 3; i++) expect((await me('198.20.0.1')).status).toBe(401);
    expect((await me('198.20.0.1', 'Bearer forged.token.here')).status).toBe(401);
    expect((await me('198.20.0.2')).status).toBe(401);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['ip', 'actor_id', 'resource_id', 'outcome', 'details'])
      .where('action', '=', 'http.unauthenticated')
      .where('ip', 'like', '198.20.%')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.ip, r.resource_id, r.outcome, (r.details as { reason: string }).reason])).toEqual([
      ['198.20.0.1', 'GET /v1/me', 'denied', 'no_token'],
      ['198.20.0.1', 'GET /v1/me', 'denied', 'invalid_token'],
      ['198.20.0.2', 'GET /v1/me', 'denied', 'no_token'],
    ]);
    expect(rows.every((r) => r.actor_id === null)).toBe(true);
  });

  it('limits costly routes (report PDF, questions, report generation) per signed-in user and per client IP', async () => {
    // Accounts made by the service and signed in from addresses of their own: register and login have their own per-IP limits.
    let n = 0;
    const someone = async (role: 'patient' | 'doctor'): Promise<SignedIn> => {
      n += 1;
      const email = uniqueEmail(`costly${n}`);
      await t.app
        .get(AuthService)
        .createAccount({ email, password: TEST_PASSWORD, role, displayName: 'Costly', mustChangePassword: false, createdBy: null });
      const res = await t.http
        .post('/v1/auth/login')
        .set('X-Forwarded-For', `198.19.0.${n}`)
        .send({ email, password: TEST_PASSWORD })
        .expect(200);
      return { id: res.body.user.id, role, token: res.body.accessToken, email, auth: `Bearer ${res.body.accessToken}`, cookie: '' };
    };
    const [patient, doctor] = [await someone('patient'), await someone('doctor')];
    // The limit is counted before the route runs, so calls for an encounter that does not exist count too.
    const id = '00000000-0000-4000-8000-000000000000';
    const pdf = (who: SignedIn, ip: string) =>
      t.http.get(`/v1/encounters/${id}/report.pdf`).set('Authorization', who.auth).set('X-Forwarded-For', ip);
    const perUser: number[] = [];
    for (let i = 0; i < 4; i++) perUser.push((await pdf(patient, `198.18.0.${i + 1}`)).status);
    expect(perUser).toEqual([404, 404, 404, 429]);
    const refused = await pdf(patient, '198.18.0.9');
    expect(refused.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many requests of this kind: wait a few minutes and try again',
      details: { retryAfterSeconds: Number(refused.headers['retry-after']) },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Each route has its own allowance, and the doctor theirs.
    expect(
      (
        await t.http
          .post(`/v1/encounters/${id}/questions`)
          .set('Authorization', patient.auth)
          .set('X-Forwarded-For', '198.18.1.1')
          .send({ question: 'Is it serious?' })
      ).status,
    ).toBe(404);
    expect(
      (await t.http.post(`/v1/encounters/${id}/report`).set('Authorization', patient.auth).set('X-Forwarded-For', '198.18.1.3')).status,
    ).toBe(404);
    expect((await pdf(doctor, '198.18.1.2')).status).toBe(404);

    // Per IP across users: five calls, whoever makes them, then 429 from that address.
    const perIp: number[] = [];
    for (let i = 0; i < 6; i++) perIp.push((await pdf(await someone('patient'), '198.18.2.1')).status);
    expect(perIp).toEqual([404, 404, 404, 404, 404, 429]);
  });
});
