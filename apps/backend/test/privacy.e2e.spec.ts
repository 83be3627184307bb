import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { patientExportSchema } from '@patientinsight/shared';
import { AuditIntegrity } from '../src/audit/audit-integrity.js';
import { EncountersService } from '../src/encounters/encounters.service.js';
import {
  createStaff,
  LogCapture,
  login,
  registerPatient,
  type SignedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from './support/backend-test-app.js';

/** One capture for every app this file starts (see LogCapture). */
const logs = new LogCapture();

/** Strings that must never reach a log line: a name, contacts, symptom and clinical text. */
const SENTINELS = {
  name: 'Zebulon Quackenbush',
  email: 'zebulon.quackenbush@privacy.example',
  contactName: 'Philippa Marchbanks',
  phone: '+44 7700 900123',
  symptom: 'crushing retrosternal heaviness',
  condition: 'xanthogranulomatous pyelonephritis',
  notes: 'suspect thyroiditis follow up',
  medication: 'Levothyroxinum-sentinel',
  reason: 'describe the palpitations',
};

describe.each(testDrivers())('privacy on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;
  let admin: SignedIn;
  let encounterId: string;

  beforeAll(async () => {
    // debug: the most talkative level, so nothing hides behind the level filter.
    t = await startTestApp(driver, { LOG_LEVEL: 'debug' }, logs);
    patient = await registerPatient(t, SENTINELS.name, SENTINELS.email);
    doctor = await createStaff(t, 'doctor');
    admin = await createStaff(t, 'admin');
  });
  afterAll(async () => t?.close());

  it('runs a full patient and doctor journey (including failures) without writing personal or clinical text to the logs', async () => {
    const firstLine = logs.lines.length;
    const auth = (who: SignedIn) => ({ Authorization: who.auth });
    await t.http
      .put('/v1/profile')
      .set(auth(patient))
      .send({
        age: 61,
        sex: 'M',
        conditions: [SENTINELS.condition],
        emergencyContact: { name: SENTINELS.contactName, phone: SENTINELS.phone },
      })
      .expect(200);
    await t.http.get('/v1/profile').set(auth(patient)).expect(200);
    encounterId = (await t.http.post('/v1/encounters').set(auth(patient)).expect(201)).body.id;
    const encounters = t.app.get(EncountersService);
    const actor = { id: patient.id, role: 'patient' as const };
    await encounters.appendConversation(actor, encounterId, [
      { role: 'patient', text: SENTINELS.symptom, field: 'chiefComplaint', at: new Date().toISOString() },
    ]);
    await encounters.setSummary(actor, encounterId, { chiefComplaint: SENTINELS.symptom });
    await encounters.setReport(
      actor,
      encounterId,
      { sections: [{ text: `Patient reports ${SENTINELS.symptom}` }] },
      { model: 'offline', promptVersion: 'p', corpusVersion: 'c' },
    );
    await t.http.post(`/v1/encounters/${encounterId}/submit`).set(auth(patient)).expect(200);
    await t.http.get('/v1/review/queue').set(auth(doctor)).expect(200);
    await t.http.post(`/v1/encounters/${encounterId}/claim`).set(auth(doctor)).expect(200);
    await t.http.put(`/v1/encounters/${encounterId}/notes`).set(auth(doctor)).send({ notes: SENTINELS.notes }).expect(200);
    await t.http
      .put(`/v1/encounters/${encounterId}/prescription`)
      .set(auth(doctor))
      .send({ items: [{ medication: SENTINELS.medication, dose: '50 mcg', route: 'oral', frequency: 'daily', duration: '30 days' }] })
      .expect(200);
    await t.http.post(`/v1/encounters/${encounterId}/release`).set(auth(doctor)).expect(200);
    await t.http
      .get(`/v1/encounters/${encounterId}/report?patientName=${encodeURIComponent(SENTINELS.name)}`)
      .set(auth(doctor))
      .expect(200);
    await t.http.get(`/v1/encounters/${encounterId}/patient-view`).set(auth(patient)).expect(200);
    await t.http.get('/v1/me/export').set(auth(patient)).expect(200);
    // Failures: bad input echoing the text back, a wrong password, a duplicate email, a conflict.
    await t.http
      .put('/v1/profile')
      .set(auth(patient))
      .send({ conditions: [SENTINELS.condition.repeat(20)], emergencyContact: { name: SENTINELS.contactName, phone: SENTINELS.symptom } })
      .expect(400);
    await t.http.post('/v1/auth/login').send({ email: SENTINELS.email, password: SENTINELS.symptom }).expect(401);
    await t.http
      .post('/v1/auth/register')
      .send({ email: SENTINELS.email, password: TEST_PASSWORD, displayName: SENTINELS.name })
      .expect(409);
    await t.http.post(`/v1/encounters/${encounterId}/return`).set(auth(doctor)).send({ reason: SENTINELS.reason }).expect(409);
    await t.http
      .put('/v1/profile')
      .set(auth(patient))
      .set('Content-Type', 'application/json')
      .send(`{"conditions": ["${SENTINELS.condition}"`)
      .expect(400);

    // The logs were captured (request lines with ids), so an empty grep means something.
    // pino-http writes its line when the response finishes, just after the client has the body.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const journey = logs.lines.slice(firstLine);
    const requestLines = journey.filter((line) => line.includes('"msg":"request completed"') && line.includes('"statusCode"'));
    // 16 requests; the malformed-JSON one is refused by the body parser before pino-http sees it.
    expect(requestLines.length).toBeGreaterThanOrEqual(15);
    const leaks = logs.lines.flatMap((line) =>
      Object.entries(SENTINELS)
        .filter(([, value]) => line.toLowerCase().includes(value.toLowerCase()))
        .map(([key]) => `${key}: ${line.slice(0, 200)}`),
    );
    expect(leaks).toEqual([]);
    // Request logs carry the path without its query string.
    expect(journey.some((line) => line.includes(`/v1/encounters/${encounterId}/report"`))).toBe(true);
  });

  it('exports everything about the patient as JSON, then deletes the personal data and keeps the audit trail', async () => {
    const exported = patientExportSchema.parse((await t.http.get('/v1/me/export').set('Authorization', patient.auth).expect(200)).body);
    expect(exported.account).toMatchObject({ email: SENTINELS.email, displayName: SENTINELS.name });
    expect(exported.profile.versions[0]?.profile.emergencyContact?.phone).toBe(SENTINELS.phone);
    const mine = exported.encounters.find((e) => e.id === encounterId)!;
    expect(mine.doctorNotes).toBe(SENTINELS.notes);
    expect(mine.events.map((e) => e.type)).toContain('release');

    const auditBefore = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('patient_id', '=', patient.id)
      .executeTakeFirstOrThrow();
    expect((await t.http.post('/v1/me/delete').set('Authorization', patient.auth).send({ password: 'wrong password here' })).status).toBe(
      401,
    );
    expect((await t.http.post('/v1/me/delete').set('Authorization', patient.auth).send({ password: TEST_PASSWORD })).status).toBe(204);

    // Personal data is gone from every table the backend owns.
    const db = t.database.db;
    const user = await db.selectFrom('users').selectAll().where('id', '=', patient.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ status: 'deleted', password_hash: null, display_name: 'Deleted account' });
    expect(user.email).not.toContain('zebulon');
    expect(await db.selectFrom('profile_versions').selectAll().where('patient_id', '=', patient.id).execute()).toEqual([]);
    expect(await db.selectFrom('encounters').selectAll().where('patient_id', '=', patient.id).execute()).toEqual([]);
    expect(await db.selectFrom('encounter_events').selectAll().where('encounter_id', '=', encounterId).execute()).toEqual([]);
    expect(await db.selectFrom('sessions').selectAll().where('user_id', '=', patient.id).execute()).toEqual([]);
    const everything = JSON.stringify(
      await Promise.all(
        ['users', 'profile_versions', 'encounters', 'encounter_events', 'sessions', 'feedback', 'audit_log'].map((table) =>
          db
            .selectFrom(table as 'users')
            .selectAll()
            .execute(),
        ),
      ),
    );
    for (const value of Object.values(SENTINELS)) expect(everything.toLowerCase()).not.toContain(value.toLowerCase());

    // The audit trail is intact, still names the patient's id, and gained the deletion.
    const auditAfter = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('patient_id', '=', patient.id)
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBeGreaterThan(Number(auditBefore.n));
    await expect(t.app.get(AuditIntegrity).verify()).resolves.toMatchObject({ ok: true });
    const trail = await t.http
      .get('/v1/audit')
      .query({ patientId: patient.id, action: 'account.delete' })
      .set('Authorization', admin.auth)
      .expect(200);
    expect(trail.body.entries.map((e: { outcome: string }) => e.outcome).sort()).toEqual(['failure', 'success']);

    // The account cannot sign in; the email can be used again.
    expect((await t.http.get('/v1/me').set('Authorization', patient.auth)).status).toBe(401);
    expect((await t.http.post('/v1/auth/login').send({ email: SENTINELS.email, password: TEST_PASSWORD })).status).toBe(401);
    const again = await registerPatient(t, 'New Person', SENTINELS.email);
    expect(again.id).not.toBe(patient.id);
    expect((await login(t, SENTINELS.email)).id).toBe(again.id);
  });
});
