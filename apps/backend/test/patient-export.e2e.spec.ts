import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { type PatientExport, patientExportSchema } from '@patientinsight/shared';
import { sql } from 'kysely';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXPORT_PAGE_SIZE } from '../src/encounters/patient-export.js';
import { UsersRepository } from '../src/users/users.repository.js';
import {
  createStaff,
  registerPatient,
  seedEncounter,
  type SignedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from './support/backend-test-app.js';

/** A doctor's draft: the patient must not see it, in the export or anywhere, before release. */
const DRAFT_NOTES = 'draft-notes-sentinel suspected thyroiditis';
const FINAL_NOTES = 'final-notes-sentinel thyroiditis, follow up in 6 weeks';
const DRAFT_MEDICATION = 'draft-medication-sentinel';
const FINAL_MEDICATION = 'final-medication-sentinel';

const prescription = (medication: string) => ({
  items: [{ medication, dose: '50 mcg', route: 'oral', frequency: 'daily', duration: '6 weeks' }],
});

describe.each(testDrivers())('patient export on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(driver);
    patient = await registerPatient(t);
    doctor = await createStaff(t, 'doctor');
  });
  afterAll(async () => t?.close());

  async function exportOf(who: SignedIn): Promise<{ text: string; body: PatientExport }> {
    const res = await t.http.get('/v1/me/export').set('Authorization', who.auth).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return { text: res.text, body: patientExportSchema.parse(JSON.parse(res.text)) };
  }

  it('holds no unreleased notes, prescription, report metadata or review drafts before release, and the released ones after', async () => {
    const id = await seedEncounter(t, patient, 'in_review', doctor);
    const doctorPut = (path: string, body: object) =>
      t.http.put(`/v1/encounters/${id}/${path}`).set('Authorization', doctor.auth).send(body).expect(200);
    await doctorPut('notes', { notes: DRAFT_NOTES });
    await doctorPut('prescription', prescription(DRAFT_MEDICATION));
    await doctorPut('notes', { notes: FINAL_NOTES });
    await doctorPut('prescription', prescription(FINAL_MEDICATION));

    const before = await exportOf(patient);
    for (const secret of [DRAFT_NOTES, FINAL_NOTES, DRAFT_MEDICATION, FINAL_MEDICATION]) expect(before.text).not.toContain(secret);
    const held = before.body.encounters.find((e) => e.id === id)!;
    expect(held).toMatchObject({ status: 'in_review', doctorNotes: null, prescription: null, report: null, reportMeta: null });
    expect(held.events.map((e) => e.type)).not.toEqual(expect.arrayContaining(['notes']));
    expect(held.events.map((e) => e.type)).not.toEqual(expect.arrayContaining(['prescription']));
    expect(held.events.find((e) => e.type === 'report')?.data).toBeNull();
    // The patient's own words and the status moves are theirs to see.
    expect(held.events.find((e) => e.type === 'conversation')?.data).toEqual({ turns: 1 });
    expect(held.events.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'submit', 'claim']));
    // The export says no more than the encounter view does at the same moment.
    const view = (await t.http.get(`/v1/encounters/${id}`).set('Authorization', patient.auth).expect(200)).body;
    const { events: _events, ...heldWithoutEvents } = held;
    expect(heldWithoutEvents).toEqual(patientExportSchema.shape.encounters.element.omit({ events: true }).parse(view));

    await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth).expect(200);
    const after = await exportOf(patient);
    const released = after.body.encounters.find((e) => e.id === id)!;
    expect(released).toMatchObject({ status: 'released', doctorNotes: FINAL_NOTES, prescription: prescription(FINAL_MEDICATION).items });
    // The clinician report and its metadata stay with the doctors (the patient reads patient-view).
    expect(released.reportMeta).toBeNull();
    expect(released.events.find((e) => e.type === 'report')?.data).toMatchObject({ model: 'offline' });
    // The review steps are listed once released, but drafts never: the encounter carries the released text.
    expect(released.events.filter((e) => e.type === 'notes').map((e) => e.data)).toEqual([null, null]);
    expect(after.text).not.toContain(DRAFT_NOTES);
    expect(after.text).not.toContain(DRAFT_MEDICATION);
    expect(after.text.split(FINAL_NOTES).length - 1).toBe(1);
  });

  it('is complete for any number of encounters (pages of EXPORT_PAGE_SIZE, ties on created_at included)', async () => {
    const other = await registerPatient(t);
    const total = 5 * EXPORT_PAGE_SIZE + 37;
    // Rows straight into the table: the export's paging is under test, not the intake. Groups of
    // rows share one created_at, some of them across a page boundary.
    const rows = Array.from({ length: total }, (_, i) => ({
      patient_id: other.id,
      created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 7))),
    }));
    for (let i = 0; i < rows.length; i += 200)
      await t.database.db
        .insertInto('encounters')
        .values(rows.slice(i, i + 200))
        .execute();
    // Microseconds a JS Date cannot hold: a cursor that dropped them would skip rows.
    await sql`update encounters set created_at = created_at + (random() * interval '900 microseconds') where patient_id = ${other.id} and random() < 0.5`.execute(
      t.database.db,
    );
    const seeded = await seedEncounter(t, other, 'submitted');

    const { body } = await exportOf(other);
    const ids = body.encounters.map((e) => e.id);
    expect(ids).toHaveLength(total + 1);
    expect(new Set(ids).size).toBe(total + 1);
    const stored = await t.database.db.selectFrom('encounters').select('id').where('patient_id', '=', other.id).execute();
    expect(new Set(ids)).toEqual(new Set(stored.map((r) => r.id)));
    // Newest first; the seeded one (created now) leads, with its events.
    expect(ids[0]).toBe(seeded);
    expect(body.encounters[0]!.events.length).toBeGreaterThan(2);
    const times = body.encounters.map((e) => Date.parse(e.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Nothing of the first patient's.
    expect(body.encounters.every((e) => e.patientId === other.id)).toBe(true);
  });

  it('stops reading when the client goes away, and audits the export as incomplete', async () => {
    const leaver = await registerPatient(t);
    // Big enough (several MB) that the socket fills and the server waits for the client.
    const rows = Array.from({ length: 4000 }, () => ({
      patient_id: leaver.id,
      conversation: JSON.stringify([{ role: 'patient', text: 'x'.repeat(1000), at: '2026-01-01T00:00:00Z' }]),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await t.database.db
        .insertInto('encounters')
        .values(rows.slice(i, i + 500))
        .execute();
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = get({ host: '127.0.0.1', port, path: '/v1/me/export', headers: { Authorization: leaver.auth } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.setTimeout(10_000, () => reject(new Error('no answer')));
    });
    const audited = async () =>
      t.database.db
        .selectFrom('audit_log')
        .select(['outcome', 'details'])
        .where('action', '=', 'account.export')
        .where('patient_id', '=', leaver.id)
        .execute();
    for (let i = 0; i < 100 && (await audited()).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const audits = await audited();
    expect(audits.map((r) => r.outcome)).toEqual(['failure']);
    expect(audits[0]?.details).toMatchObject({ incomplete: true });
    expect((audits[0]?.details as { encounters?: number } | undefined)?.encounters).toBeLessThan(4000);
  });

  it('deletes the account in one transaction: a failure at the last step leaves encounters, profile and sessions in place', async () => {
    const leaving = await registerPatient(t);
    await t.http.put('/v1/profile').set('Authorization', leaving.auth).send({ age: 40, sex: 'F' }).expect(200);
    const encounterId = await seedEncounter(t, leaving, 'submitted');
    const db = t.database.db;
    const held = async () => ({
      profiles: (await db.selectFrom('profile_versions').select('version').where('patient_id', '=', leaving.id).execute()).length,
      encounters: (await db.selectFrom('encounters').select('id').where('patient_id', '=', leaving.id).execute()).length,
      events: (await db.selectFrom('encounter_events').select('id').where('encounter_id', '=', encounterId).execute()).length,
      sessions: (await db.selectFrom('sessions').select('id').where('user_id', '=', leaving.id).execute()).length,
    });
    const before = await held();
    expect(before).toMatchObject({ profiles: 1, encounters: 1, sessions: 1 });
    expect(before.events).toBeGreaterThan(0);

    // The account row is anonymised last, after the encounters', profiles' and sessions' erasures ran in the transaction.
    const failing = jest.spyOn(t.app.get(UsersRepository), 'anonymise').mockRejectedValueOnce(new Error('connection lost'));
    const refused = await t.http.post('/v1/me/delete').set('Authorization', leaving.auth).send({ password: TEST_PASSWORD });
    failing.mockRestore();
    expect(refused.status).toBe(500);
    expect(await held()).toEqual(before);

    await t.http.post('/v1/me/delete').set('Authorization', leaving.auth).send({ password: TEST_PASSWORD }).expect(204);
    expect(await held()).toEqual({ profiles: 0, encounters: 0, events: 0, sessions: 0 });
  });
});
