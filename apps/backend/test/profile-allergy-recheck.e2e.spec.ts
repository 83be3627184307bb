import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { encounterDetailSchema, encounterHistorySchema } from '@patientinsight/shared';
import { EncountersRepository } from '../src/encounters/encounters.repository.js';
import { OnCallNotifier } from '../src/oncall/oncall.notifier.js';
import {
  createStaff,
  LogCapture,
  registerPatient,
  type SignedIn,
  seedEncounter,
  startTestApp,
  type TestApp,
} from './support/backend-test-app.js';

// One capture for both drivers: the first app's log destination stays the process's (see LogCapture).
const logs = new LogCapture();

// A patient records an allergy after a doctor prescribed: the prescription is checked again, the conflict is put on
// record and shown to doctors, and nothing of the emergency path runs; the patient's save always goes through.
describe.each(testDrivers())('prescriptions re-checked when the patient’s allergies change, on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;

  beforeAll(async () => {
    // An on-call channel is configured, so an alert would really be attempted if this took the urgent path.
    t = await startTestApp(driver, { ONCALL_WEBHOOK_URL: 'http://127.0.0.1:9/never-called' }, logs);
    patient = await registerPatient(t);
    doctor = await createStaff(t, 'doctor');
    expect((await saveProfile([])).status).toBe(200);
  });
  afterAll(async () => t?.close());

  const rx = (medication: string) => ({ medication, dose: '500 mg', route: 'oral', frequency: 'three times a day', duration: '7 days' });
  const saveProfile = (allergies: string[]) => t.http.put('/v1/profile').set('Authorization', patient.auth).send({ age: 40, allergies });
  const detail = async (id: string, who: SignedIn = doctor) =>
    encounterDetailSchema.parse((await t.http.get(`/v1/encounters/${id}`).set('Authorization', who.auth)).body);
  const events = async (id: string) =>
    encounterHistorySchema.parse((await t.http.get(`/v1/encounters/${id}/history`).set('Authorization', doctor.auth)).body).events;
  const prescribed = async (medications: string[], release: boolean): Promise<string> => {
    const id = await seedEncounter(t, patient, 'in_review', doctor);
    expect(
      (
        await t.http
          .put(`/v1/encounters/${id}/prescription`)
          .set('Authorization', doctor.auth)
          .send({ items: medications.map(rx) })
      ).status,
    ).toBe(200);
    if (release) expect((await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth)).status).toBe(200);
    return id;
  };

  it('records a new conflict on open and recently released encounters, shows it to doctors, and never takes the urgent path', async () => {
    const inReview = await prescribed(['Amoxicillin'], false);
    const released = await prescribed(['Paracetamol', 'Amoxicillin'], true);
    const longAgo = await prescribed(['Amoxicillin'], true);
    await t.database.db
      .updateTable('encounters')
      .set({ released_at: new Date(Date.now() - 40 * 86_400_000) })
      .where('id', '=', longAgo)
      .execute();
    const unrelated = await prescribed(['Ibuprofen'], false);
    const alerts = jest.spyOn(t.app.get(OnCallNotifier), 'notify');

    const saved = await saveProfile(['penicillin (rash)']);
    expect(saved.status).toBe(200);
    const version = saved.body.version as number;

    const warned = await detail(inReview);
    expect(warned.allergyWarning).toMatchObject({
      profileVersion: version,
      conflicts: [
        { item: 0, medication: 'Amoxicillin', allergy: 'penicillin (rash)', drugClass: 'penicillins (beta-lactams)', crossReactive: false },
      ],
    });
    expect((await detail(released)).allergyWarning?.conflicts).toEqual([expect.objectContaining({ item: 1, medication: 'Amoxicillin' })]);
    // Released 40 days ago (past the 30-day window) and a medicine of no conflicting class: no warning.
    expect((await detail(longAgo)).allergyWarning).toBeNull();
    expect((await detail(unrelated)).allergyWarning).toBeNull();
    // The patient's own view carries no warning; the doctors have it.
    expect((await detail(inReview, patient)).allergyWarning).toBeNull();

    // Not an emergency: no red flag, not urgent, no on-call alert.
    expect(alerts).not.toHaveBeenCalled();
    expect(warned).toMatchObject({ urgent: false, redFlag: null });
    const history = await events(inReview);
    expect(history.some((e) => e.type === 'red_flag' || e.type === 'alert')).toBe(false);
    expect(history.filter((e) => e.type === 'allergy_warning')).toEqual([
      expect.objectContaining({ actorId: patient.id, actorRole: 'patient', data: expect.objectContaining({ profileVersion: version }) }),
    ]);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['resource_id', 'actor_id', 'details'])
      .where('action', '=', 'encounter.allergy_recheck')
      .execute();
    expect(audit.map((a) => a.resource_id).sort()).toEqual([inReview, released].sort());
    expect(audit[0]).toMatchObject({ actor_id: patient.id, details: { profileVersion: version, conflicts: 1, classes: ['penicillins'] } });
    // Class ids and counts only: never the allergy text or the medicine.
    expect(JSON.stringify(audit)).not.toMatch(/rash|amoxicillin/i);

    // Saving the same allergies again records nothing new.
    expect((await saveProfile(['penicillin (rash)'])).status).toBe(200);
    expect((await events(inReview)).filter((e) => e.type === 'allergy_warning')).toHaveLength(1);

    // The doctor answers it: the prescription is now checked against the latest allergies too, and the override clears the warning.
    const url = `/v1/encounters/${inReview}/prescription`;
    const refused = await t.http
      .put(url)
      .set('Authorization', doctor.auth)
      .send({ items: [rx('Amoxicillin')] });
    expect([refused.status, refused.body.error.code, refused.body.error.details.conflicts[0].allergy]).toEqual([
      409,
      'ALLERGY_CONFLICT',
      'penicillin (rash)',
    ]);
    const overridden = await t.http
      .put(url)
      .set('Authorization', doctor.auth)
      .send({ items: [rx('Amoxicillin')], allergyOverride: { reason: 'Skin test negative last month; discussed with the patient' } });
    expect(overridden.status).toBe(200);
    expect((await detail(inReview)).allergyWarning).toBeNull();
    // An answered conflict is not raised again by the next save.
    expect((await saveProfile(['penicillin (rash)'])).status).toBe(200);
    expect((await detail(inReview)).allergyWarning).toBeNull();

    // The patient removes the allergy: the warning on the released encounter is withdrawn, on record.
    expect((await saveProfile([])).status).toBe(200);
    expect((await detail(released)).allergyWarning).toBeNull();
    expect(
      (await events(released))
        .filter((e) => e.type === 'allergy_warning')
        .map((e) => (Array.isArray(e.data?.conflicts) ? e.data.conflicts.length : -1)),
    ).toEqual([1, 0]);
    alerts.mockRestore();
  });

  it('never refuses the patient’s save when the re-check fails, and logs no health data', async () => {
    const id = await prescribed(['Amoxicillin'], false);
    const logged = logs.lines.length;
    const failing = jest
      .spyOn(t.app.get(EncountersRepository), 'listForPatient')
      .mockRejectedValueOnce(new Error('connection lost for sulfa-sentinel'));
    const saved = await saveProfile(['sulfa-sentinel allergy', 'penicillin']);
    failing.mockRestore();
    expect(saved.status).toBe(200);
    expect(saved.body.profile.allergies).toEqual(['sulfa-sentinel allergy', 'penicillin']);
    const lines = logs.lines.slice(logged);
    expect(lines.some((line) => line.includes('a follow-up to a profile save failed'))).toBe(true);
    expect(lines.some((line) => line.includes('sulfa-sentinel'))).toBe(false);
    // The re-check ran on nothing this time; the next save catches up.
    expect((await detail(id)).allergyWarning).toBeNull();
    expect((await saveProfile(['penicillin'])).status).toBe(200);
    expect((await detail(id)).allergyWarning?.conflicts[0]?.allergy).toBe('penicillin');
  });
});
