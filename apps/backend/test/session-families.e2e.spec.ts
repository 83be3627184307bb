import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { SignJWT } from 'jose';
import type request from 'supertest';
import { registerPatient, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';

const JWT_SECRET = 'test-jwt-secret-0123456789abcdefghijklmnop';

function cookieOf(res: request.Response): string {
  const cookie = (res.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('pi_refresh='));
  if (!cookie) throw new Error(`no refresh cookie in a ${res.status} answer`);
  return cookie.split(';')[0] as string;
}

describe.each(testDrivers())('refresh-token families on %s', (driver) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(driver, { JWT_SECRET });
  });
  afterAll(async () => t?.close());

  const refresh = (cookie: string) => t.http.post('/v1/auth/refresh').set('Cookie', cookie);
  const me = (auth: string) => t.http.get('/v1/me').set('Authorization', auth);

  /** Refreshes `times` times in a row: R1 (the sign-in's) first, then each new cookie and access token. */
  async function rotations(patient: SignedIn, times: number): Promise<{ cookies: string[]; auths: string[] }> {
    const cookies = [patient.cookie];
    const auths = [patient.auth];
    for (let i = 0; i < times; i += 1) {
      const res = await refresh(cookies.at(-1) as string);
      expect(res.status).toBe(200);
      cookies.push(cookieOf(res));
      auths.push(`Bearer ${res.body.accessToken}`);
    }
    expect(new Set(cookies).size).toBe(times + 1);
    return { cookies, auths };
  }

  /** Moves the patient's rotations into the past, beyond the grace window. */
  async function ageRotations(patient: SignedIn): Promise<void> {
    const sessions = t.database.db.selectFrom('sessions').select('id').where('user_id', '=', patient.id);
    await t.database.db
      .updateTable('session_refresh_history')
      .set({ rotated_at: new Date(Date.now() - 60_000) })
      .where('session_id', 'in', sessions)
      .execute();
  }

  async function expectFamilyEnded(patient: SignedIn, current: { cookie: string; auth: string }): Promise<void> {
    expect((await refresh(current.cookie)).status).toBe(401);
    expect((await me(current.auth)).status).toBe(401);
    const session = await t.database.db
      .selectFrom('sessions')
      .select(['revoked_at', 'revoked_reason'])
      .where('user_id', '=', patient.id)
      .executeTakeFirstOrThrow();
    expect(session.revoked_reason).toBe('refresh_token_reused');
  }

  it('replaying the token one rotation back, after the grace window, ends the session (R1→R2, replay R1: R2 and its access token stop working)', async () => {
    const patient = await registerPatient(t);
    const { cookies, auths } = await rotations(patient, 1);
    await ageRotations(patient);
    expect((await refresh(cookies[0] as string)).status).toBe(401);
    await expectFamilyEnded(patient, { cookie: cookies[1] as string, auth: auths[1] as string });
  });

  it('replaying a token three rotations back ends the session, even within the grace window (R1→R2→R3→R4, replay R1: R4 stops working)', async () => {
    const patient = await registerPatient(t);
    const { cookies, auths } = await rotations(patient, 3);
    expect((await refresh(cookies[0] as string)).status).toBe(401);
    await expectFamilyEnded(patient, { cookie: cookies[3] as string, auth: auths[3] as string });
    const reuse = await t.database.db
      .selectFrom('audit_log')
      .select(['outcome', 'resource_id'])
      .where('action', '=', 'auth.refresh_reuse')
      .execute();
    expect(reuse.map((r) => r.outcome)).toContain('denied');
  });

  it('replaying R2 after R1→R2→R3 (two back from nothing, one back from R3) also ends the session once the grace has passed', async () => {
    const patient = await registerPatient(t);
    const { cookies, auths } = await rotations(patient, 2);
    await ageRotations(patient);
    expect((await refresh(cookies[1] as string)).status).toBe(401);
    await expectFamilyEnded(patient, { cookie: cookies[2] as string, auth: auths[2] as string });
  });

  it('two concurrent refreshes with the same token (two tabs of one browser) both succeed with the same new token', async () => {
    const patient = await registerPatient(t);
    const [a, b, c] = await Promise.all([refresh(patient.cookie), refresh(patient.cookie), refresh(patient.cookie)]);
    expect([a?.status, b?.status, c?.status]).toEqual([200, 200, 200]);
    const next = cookieOf(a as request.Response);
    expect(cookieOf(b as request.Response)).toBe(next);
    expect(cookieOf(c as request.Response)).toBe(next);
    // The session lives on: every access token works, the shared new token rotates normally.
    for (const res of [a, b, c]) expect((await me(`Bearer ${res?.body.accessToken}`)).status).toBe(200);
    const after = await refresh(next);
    expect(after.status).toBe(200);
    expect(cookieOf(after)).not.toBe(next);
    const session = await t.database.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('user_id', '=', patient.id)
      .executeTakeFirstOrThrow();
    expect(session.revoked_at).toBeNull();
  });

  it('a late second refresh within the grace window gets the same token, not a second family member', async () => {
    const patient = await registerPatient(t);
    const first = await refresh(patient.cookie);
    const second = await refresh(patient.cookie);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(cookieOf(second)).toBe(cookieOf(first));
    const rows = await t.database.db
      .selectFrom('session_refresh_history')
      .select('token_hash')
      .innerJoin('sessions', 'sessions.id', 'session_refresh_history.session_id')
      .where('sessions.user_id', '=', patient.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('ends a session at its absolute lifetime however often it is refreshed, and never sets a cookie beyond it', async () => {
    const patient = await registerPatient(t);
    const end = new Date(Date.now() + 120_000);
    await t.database.db.updateTable('sessions').set({ absolute_expires_at: end }).where('user_id', '=', patient.id).execute();
    const res = await refresh(patient.cookie);
    expect(res.status).toBe(200);
    const expires = /Expires=([^;]+)/.exec((res.headers['set-cookie'] as unknown as string[])[0] as string)?.[1];
    expect(Date.parse(expires as string)).toBeLessThanOrEqual(end.getTime());
    const session = await t.database.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', patient.id)
      .executeTakeFirstOrThrow();
    expect(session.expires_at.getTime()).toBeLessThanOrEqual(end.getTime());

    await t.database.db
      .updateTable('sessions')
      .set({ absolute_expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', patient.id)
      .execute();
    expect((await refresh(cookieOf(res))).status).toBe(401);
    expect((await me(`Bearer ${res.body.accessToken}`)).status).toBe(401);
  });

  it('refuses an access token without exp (or iat) even when it is correctly signed', async () => {
    const patient = await registerPatient(t);
    const sid = (await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', patient.id).executeTakeFirstOrThrow()).id;
    const key = new TextEncoder().encode(JWT_SECRET);
    const base = () =>
      new SignJWT({ role: 'patient', sid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(patient.id)
        .setIssuer('patientinsight-backend')
        .setAudience('patientinsight-api');
    const withAll = await base().setIssuedAt().setExpirationTime('5m').sign(key);
    expect((await me(`Bearer ${withAll}`)).status).toBe(200); // the forgery is otherwise right: only the missing claim is refused
    expect((await me(`Bearer ${await base().setIssuedAt().sign(key)}`)).status).toBe(401);
    expect((await me(`Bearer ${await base().setExpirationTime('5m').sign(key)}`)).status).toBe(401);
  });

  it('logout with only the bearer token ends that session (access token and refresh cookie)', async () => {
    const patient = await registerPatient(t);
    const other = await t.http.post('/v1/auth/login').send({ email: patient.email, password: 'correct horse battery staple' });
    expect(other.status).toBe(200);
    expect((await t.http.post('/v1/auth/logout').set('Authorization', patient.auth)).status).toBe(204);
    expect((await me(patient.auth)).status).toBe(401);
    expect((await refresh(patient.cookie)).status).toBe(401);
    // Only that session: the other sign-in is untouched.
    expect((await me(`Bearer ${other.body.accessToken}`)).status).toBe(200);
    // Garbage in the header is no error, just nothing to end.
    expect((await t.http.post('/v1/auth/logout').set('Authorization', 'Bearer not-a-token')).status).toBe(204);
  });
});
