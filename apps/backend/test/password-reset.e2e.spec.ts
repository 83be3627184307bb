import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { PasswordResetService } from '../src/auth/password-reset.service.js';
import { loadBackendConfig } from '../src/config/backend.config.js';
import { EncountersService } from '../src/encounters/encounters.service.js';
import { MailQueue } from '../src/mail/mail.module.js';
import { SmtpMailer } from '../src/mail/smtp-mailer.js';
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

// Issue 23, "password reset": an admin sets a temporary password (change forced at next sign-in);
// anyone can ask for a reset link by e-mail (same answer for every address, token hashed, 30 minutes,
// single use, every session ended on use); the patient is told by e-mail, without health data, when
// their doctor answers or returns the consultation. Mail goes to the outbox folder by default, or to
// a real SMTP server (smtp-server here) when configured.

const NEW_PASSWORD = 'a brand new passphrase 42';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Waits until the reset requests' background work and the mail queue are done. */
async function mailSettled(t: TestApp): Promise<void> {
  await t.app.get(PasswordResetService).settled();
  await t.app.get(MailQueue).drain();
}

/** The messages in DATA_DIR/outbox, parsed, oldest first. */
async function outbox(t: TestApp) {
  const folder = join(t.config.DATA_DIR, 'outbox');
  let names: string[] = [];
  try {
    names = readdirSync(folder).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => ({
      name,
      mode: statSync(join(folder, name)).mode & 0o777,
      raw: readFileSync(join(folder, name), 'utf8'),
      mail: await simpleParser(readFileSync(join(folder, name))),
    })),
  );
}

const tokenOf = (text: string | undefined) => /\/reset-password#token=([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];

describe('mail configuration is validated at boot', () => {
  const base = { SERVICE_TOKEN: 'test-service-token-0123456789' };
  it('names the variable and the reason', () => {
    expect(() => loadBackendConfig({ ...base, MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_HOST.*required when MAIL_TRANSPORT=smtp/s);
    expect(() => loadBackendConfig({ ...base, MAIL_TRANSPORT: 'pigeon' })).toThrow(/MAIL_TRANSPORT.*outbox or smtp/s);
    expect(() => loadBackendConfig({ ...base, SMTP_USER: 'relay-user' })).toThrow(/SMTP_PASSWORD.*set together/s);
    expect(() => loadBackendConfig({ ...base, SMTP_TLS: 'maybe' })).toThrow(/SMTP_TLS.*starttls, implicit or none/s);
    expect(() => loadBackendConfig({ ...base, SMTP_PORT: '70000' })).toThrow(/SMTP_PORT.*1-65535/s);
    expect(() => loadBackendConfig({ ...base, MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM.*email address/s);
    const ok = loadBackendConfig({ ...base, MAIL_TRANSPORT: 'smtp', SMTP_HOST: 'relay.example.test', SMTP_USER: 'u', SMTP_PASSWORD: 'p' });
    expect(ok).toMatchObject({ MAIL_TRANSPORT: 'smtp', SMTP_PORT: 587, SMTP_TLS: 'starttls' });
    expect(loadBackendConfig(base).MAIL_TRANSPORT).toBe('outbox');
  });
});

describe.each(testDrivers())('password reset on %s (outbox)', (driver) => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(driver, {
      MAIL_APP_URL: 'https://app.example.test',
      PASSWORD_RESET_EMAIL_LIMIT: '2',
      PASSWORD_RESET_IP_LIMIT: '1000',
    });
    admin = await createStaff(t, 'admin');
  });
  afterAll(async () => t?.close());

  it('answers a known and an unknown address with the same 202 and body, and mails only the known one', async () => {
    const patient = await registerPatient(t);
    const before = (await outbox(t)).length;
    const known = await t.http.post('/v1/auth/password-reset').send({ email: patient.email.toUpperCase() });
    const unknown = await t.http.post('/v1/auth/password-reset').send({ email: uniqueEmail('nobody') });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.message).toMatch(/If an account uses this address/);
    await mailSettled(t);
    const messages = (await outbox(t)).slice(before);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.name).toMatch(/-password-reset-[0-9a-f]{8}\.eml$/);
    expect(message!.mode).toBe(0o600);
    expect(message!.raw).toMatch(/^X-PatientInsight-Outbox: not sent/im);
    expect((message!.mail.to as { text: string }).text).toBe(patient.email);
    expect(message!.mail.text).toContain('https://app.example.test/reset-password#token=');
    // Both requests are on the trail, the unknown one without any address.
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['outcome', 'resource_id', 'details'])
      .where('action', '=', 'auth.password_reset_request')
      .execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'success', resource_id: patient.id }),
        expect.objectContaining({ outcome: 'not_found', resource_id: null, details: { reason: 'unknown_account' } }),
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain('nobody');
  });

  it('stores only the SHA-256 of a random 32-byte token, valid for 30 minutes', async () => {
    const patient = await registerPatient(t);
    await t.http.post('/v1/auth/password-reset').send({ email: patient.email });
    await mailSettled(t);
    const token = tokenOf((await outbox(t)).at(-1)!.mail.text);
    expect(token).toBeDefined();
    expect(Buffer.from(token!, 'base64url')).toHaveLength(32);
    const row = await t.database.db
      .selectFrom('password_reset_tokens')
      .selectAll()
      .where('user_id', '=', patient.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token!));
    expect(JSON.stringify(row)).not.toContain(token!);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeGreaterThan(29 * 60_000);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBeLessThanOrEqual(30 * 60_000 + 5_000);
  });

  it('sets the new password once: every session ends, the old password stops working, a second use is refused', async () => {
    const patient = await registerPatient(t);
    const other = await login(t, patient.email);
    await t.http.post('/v1/auth/password-reset').send({ email: patient.email });
    await mailSettled(t);
    const token = tokenOf((await outbox(t)).at(-1)!.mail.text)!;

    const confirmed = await t.http.post('/v1/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD });
    expect(confirmed.status).toBe(204);
    for (const session of [patient, other]) {
      expect((await t.http.get('/v1/me').set('Authorization', session.auth)).status).toBe(401);
      expect((await t.http.post('/v1/auth/refresh').set('Cookie', session.cookie)).status).toBe(401);
    }
    expect((await t.http.post('/v1/auth/login').send({ email: patient.email, password: TEST_PASSWORD })).status).toBe(401);
    const signedIn = await login(t, patient.email, NEW_PASSWORD);
    expect((await t.http.get('/v1/me').set('Authorization', signedIn.auth)).body.mustChangePassword).toBe(false);

    const again = await t.http.post('/v1/auth/password-reset/confirm').send({ token, newPassword: 'yet another passphrase 7' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('RESET_TOKEN_INVALID');
    const revoked = await t.database.db
      .selectFrom('sessions')
      .select('revoked_reason')
      .where('user_id', '=', patient.id)
      .where('revoked_reason', '=', 'password_reset')
      .execute();
    expect(revoked).toHaveLength(2);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('action', '=', 'auth.password_reset')
      .where('resource_id', '=', patient.id)
      .execute();
    expect(audit.map((a) => a.outcome).sort()).toEqual(['denied', 'success']);
    expect(audit.find((a) => a.outcome === 'denied')?.details).toEqual({ reason: 'used' });
  });

  it('refuses an expired link, an unknown one and one replaced by a used link, with the same answer', async () => {
    const patient = await registerPatient(t);
    await t.http.post('/v1/auth/password-reset').send({ email: patient.email });
    await mailSettled(t);
    const expired = tokenOf((await outbox(t)).at(-1)!.mail.text)!;
    await t.database.db
      .updateTable('password_reset_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', sha256(expired))
      .execute();
    const answers = [
      await t.http.post('/v1/auth/password-reset/confirm').send({ token: expired, newPassword: NEW_PASSWORD }),
      await t.http
        .post('/v1/auth/password-reset/confirm')
        .send({ token: Buffer.alloc(32, 7).toString('base64url'), newPassword: NEW_PASSWORD }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('RESET_TOKEN_INVALID');
      expect(res.body.error.message).toBe(answers[0]!.body.error.message);
    }
    // The old password still works: nothing changed.
    await login(t, patient.email);

    // Two links; using the second kills the first.
    await t.http.post('/v1/auth/password-reset').send({ email: patient.email });
    await mailSettled(t);
    const first = tokenOf((await outbox(t)).at(-1)!.mail.text)!;
    await t.database.db
      .updateTable('password_reset_tokens')
      .set({ expires_at: new Date(Date.now() + 60_000) })
      .where('token_hash', '=', sha256(expired))
      .execute();
    expect((await t.http.post('/v1/auth/password-reset/confirm').send({ token: first, newPassword: NEW_PASSWORD })).status).toBe(204);
    const stale = await t.http.post('/v1/auth/password-reset/confirm').send({ token: expired, newPassword: 'yet another passphrase 7' });
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe('RESET_TOKEN_INVALID');
  });

  it('names the field for a malformed token or a weak password', async () => {
    const bad = await t.http.post('/v1/auth/password-reset/confirm').send({ token: 'short', newPassword: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'token' }), expect.objectContaining({ field: 'newPassword' })]),
    );
    const noEmail = await t.http.post('/v1/auth/password-reset').send({ email: 'not-an-address' });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.details).toEqual([expect.objectContaining({ field: 'email', reason: 'must be an email address' })]);
  });

  it('limits reset e-mails per address (PASSWORD_RESET_EMAIL_LIMIT=2 here), not other addresses', async () => {
    const email = uniqueEmail('limited');
    expect((await t.http.post('/v1/auth/password-reset').send({ email })).status).toBe(202);
    expect((await t.http.post('/v1/auth/password-reset').send({ email })).status).toBe(202);
    const third = await t.http.post('/v1/auth/password-reset').send({ email });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    expect(third.headers['retry-after']).toBeDefined();
    expect((await t.http.post('/v1/auth/password-reset').send({ email: uniqueEmail('other') })).status).toBe(202);
    await mailSettled(t);
  });

  it('lets an admin set a temporary password: sessions end, every route but change-password answers 403 until changed; audited', async () => {
    const doctor = await createStaff(t, 'doctor');
    const temporary = 'temporary passphrase 99';
    const res = await t.http
      .post(`/v1/users/${doctor.id}/password`)
      .set('Authorization', admin.auth)
      .send({ temporaryPassword: temporary });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: doctor.id, mustChangePassword: true });
    expect((await t.http.get('/v1/me').set('Authorization', doctor.auth)).status).toBe(401);
    expect((await t.http.post('/v1/auth/login').send({ email: doctor.email, password: TEST_PASSWORD })).status).toBe(401);

    const temp = await login(t, doctor.email, temporary);
    const blocked = await t.http.get('/v1/review/queue').set('Authorization', temp.auth);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.http.get('/v1/me').set('Authorization', temp.auth)).body.mustChangePassword).toBe(true);
    expect(
      (
        await t.http
          .post('/v1/auth/change-password')
          .set('Authorization', temp.auth)
          .send({ currentPassword: temporary, newPassword: NEW_PASSWORD })
      ).status,
    ).toBe(204);
    expect((await t.http.get('/v1/review/queue').set('Authorization', temp.auth)).status).toBe(200);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'outcome'])
      .where('action', '=', 'user.password_reset')
      .where('resource_id', '=', doctor.id)
      .execute();
    expect(audit).toEqual([{ actor_id: admin.id, outcome: 'success' }]);
    // Nothing of the password in the trail or the logs.
    const trail = await t.database.db.selectFrom('audit_log').select('details').where('resource_id', '=', doctor.id).execute();
    expect(JSON.stringify(trail)).not.toContain(temporary);
    expect(t.logs.join('\n')).not.toContain(temporary);
  });

  it('refuses an admin resetting their own password, a patient calling it, an unknown id and a weak password', async () => {
    const own = await t.http
      .post(`/v1/users/${admin.id}/password`)
      .set('Authorization', admin.auth)
      .send({ temporaryPassword: 'temporary passphrase 99' });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('OWN_PASSWORD_RESET');
    const patient = await registerPatient(t);
    expect(
      (
        await t.http
          .post(`/v1/users/${admin.id}/password`)
          .set('Authorization', patient.auth)
          .send({ temporaryPassword: 'temporary passphrase 99' })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post('/v1/users/00000000-0000-4000-8000-000000000000/password')
          .set('Authorization', admin.auth)
          .send({ temporaryPassword: 'temporary passphrase 99' })
      ).status,
    ).toBe(404);
    const weak = await t.http
      .post(`/v1/users/${patient.id}/password`)
      .set('Authorization', admin.auth)
      .send({ temporaryPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual([expect.objectContaining({ field: 'temporaryPassword' })]);
  });

  it('an admin cannot disable or demote themself (409 OWN_ACCESS_CHANGE)', async () => {
    for (const body of [{ status: 'disabled' }, { role: 'doctor' }]) {
      const res = await t.http.patch(`/v1/users/${admin.id}`).set('Authorization', admin.auth).send(body);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('OWN_ACCESS_CHANGE');
    }
  });
});

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

/** A real SMTP server (smtp-server) that requires a login, as a relay would. */
async function startSmtp(received: Received[]): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === 'relay-user' && auth.password === 'relay-secret') done(null, { user: auth.username });
      else done(new Error('Invalid username or password'));
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(testDrivers())('e-mail through SMTP on %s', (driver) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const received: Received[] = [];

  beforeAll(async () => {
    smtp = await startSmtp(received);
    t = await startTestApp(driver, {
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_TLS: 'none',
      SMTP_USER: 'relay-user',
      SMTP_PASSWORD: 'relay-secret',
      MAIL_FROM: 'care@patientinsight.example',
      MAIL_APP_URL: 'https://app.example.test/',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends the reset link through the relay, and the link works', async () => {
    const patient = await registerPatient(t);
    expect((await t.http.post('/v1/auth/password-reset').send({ email: patient.email })).status).toBe(202);
    await mailSettled(t);
    const message = received.find((m) => m.to.includes(patient.email));
    expect(message).toBeDefined();
    expect(message!.from).toBe('care@patientinsight.example');
    const mail = await simpleParser(message!.raw);
    expect(mail.subject).toBe('Reset your PatientInsight password');
    expect(mail.headers.get('x-patientinsight-kind')).toBe('password-reset');
    expect(mail.headers.has('x-patientinsight-outbox')).toBe(false);
    const token = tokenOf(mail.text);
    expect(mail.text).toContain(`https://app.example.test/reset-password#token=${token}`);
    expect((await t.http.post('/v1/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD })).status).toBe(204);
    await login(t, patient.email, NEW_PASSWORD);
    // No outbox when SMTP is configured.
    expect(await outbox(t)).toEqual([]);
  });

  it('tells the patient their doctor answered, and that a consultation was returned, with no health data', async () => {
    const name = 'Quentin Sentinelname';
    const patient = await registerPatient(t, name);
    const doctor = await createStaff(t, 'doctor');
    const released = await seedEncounter(t, patient, 'released', doctor);
    const returned = await seedEncounter(t, patient, 'in_review', doctor);
    await t.app
      .get(EncountersService)
      .returnToPatient({ id: doctor.id, role: 'doctor' }, returned, 'sentinel-reason please tell me more about the cough');
    await t.app.get(EncountersService).onApplicationShutdown();
    await t.app.get(MailQueue).drain();
    const mails = await Promise.all(received.filter((m) => m.to.includes(patient.email)).map((m) => simpleParser(m.raw)));
    expect(mails.map((m) => m.headers.get('x-patientinsight-kind')).sort()).toEqual(['encounter-answered', 'encounter-returned']);
    for (const mail of mails) {
      const whole = `${mail.subject}\n${mail.text}`;
      expect(mail.text).toContain('Sign in');
      expect(mail.text).toContain('https://app.example.test/login');
      for (const secret of ['sentinel', 'Sentinelname', 'Quentin', 'cough', released, returned]) expect(whole).not.toContain(secret);
    }
  });
});

describe('SMTP transport security', () => {
  it('with SMTP_TLS=starttls (the default) refuses a relay that does not offer STARTTLS instead of sending in clear', async () => {
    const received: Received[] = [];
    const smtp = await startSmtp(received);
    const base = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: smtp.port,
      SMTP_USER: 'relay-user',
      SMTP_PASSWORD: 'relay-secret',
      SMTP_TIMEOUT_MS: 5000,
      MAIL_FROM: 'care@patientinsight.example',
    };
    const message = { kind: 'password-reset' as const, to: 'someone@example.test', subject: 'Reset', text: 'link' };
    try {
      const strict = new SmtpMailer({ ...base, SMTP_TLS: 'starttls' });
      await expect(strict.send(message)).rejects.toThrow(/STARTTLS/i);
      strict.close();
      expect(received).toEqual([]);
      // The same relay with SMTP_TLS=none (a trusted local relay) takes it: the refusal above was the TLS rule.
      const plain = new SmtpMailer({ ...base, SMTP_TLS: 'none' });
      await plain.send(message);
      plain.close();
      expect(received.map((m) => m.to)).toEqual([['someone@example.test']]);
    } finally {
      await smtp.close();
    }
  });
});
