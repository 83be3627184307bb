import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { encounterHistorySchema } from '@patientinsight/shared';
import { createStaff, registerPatient, type SignedIn, seedEncounter, startTestApp, type TestApp } from './support/backend-test-app.js';

describe.each(testDrivers())('prescription allergy check on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(driver);
    patient = await registerPatient(t);
    doctor = await createStaff(t, 'doctor');
    const profile = await t.http
      .put('/v1/profile')
      .set('Authorization', patient.auth)
      .send({ age: 40, allergies: ['penicillin (rash)'], medications: ['Amlodipine 5 mg'] });
    expect(profile.status).toBe(200);
  });
  afterAll(async () => t?.close());

  const rx = (medication: string) => ({ medication, dose: '500 mg', route: 'oral', frequency: 'three times a day', duration: '7 days' });

  it('refuses amoxicillin for a penicillin allergy, then saves it with an override reason kept in the history and the audit', async () => {
    const id = await seedEncounter(t, patient, 'in_review', doctor);
    const url = `/v1/encounters/${id}/prescription`;

    const refused = await t.http
      .put(url)
      .set('Authorization', doctor.auth)
      .send({ items: [rx('Paracetamol'), rx('Amoxicillin')] });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'ALLERGY_CONFLICT']);
    expect(refused.body.error.details.conflicts).toEqual([
      { item: 1, medication: 'Amoxicillin', allergy: 'penicillin (rash)', drugClass: 'penicillins (beta-lactams)', crossReactive: false },
    ]);
    expect(refused.body.error.message).toContain('Amoxicillin');

    // A cross-reactive cephalosporin is refused too; a medicine of no named class is saved as before.
    expect(
      (
        await t.http
          .put(url)
          .set('Authorization', doctor.auth)
          .send({ items: [rx('Cefalexin')] })
      ).body.error.details.conflicts[0].crossReactive,
    ).toBe(true);

    const tooShort = await t.http
      .put(url)
      .set('Authorization', doctor.auth)
      .send({ items: [rx('Amoxicillin')], allergyOverride: { reason: 'ok' } });
    expect([tooShort.status, tooShort.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(tooShort.body.error.details)).toContain('allergyOverride');

    const reason = 'Rash was a childhood viral exanthem; tolerated amoxicillin in 2020';
    const saved = await t.http
      .put(url)
      .set('Authorization', doctor.auth)
      .send({ items: [rx('Paracetamol'), rx('Amoxicillin')], allergyOverride: { reason } });
    expect(saved.status).toBe(200);

    const history = encounterHistorySchema.parse((await t.http.get(`/v1/encounters/${id}/history`).set('Authorization', doctor.auth)).body);
    const events = history.events.filter((e) => e.type === 'prescription');
    expect(events).toHaveLength(1);
    expect(events[0]?.actorId).toBe(doctor.id);
    expect(events[0]?.data?.allergyOverride).toMatchObject({
      reason,
      by: doctor.id,
      conflicts: [{ item: 1, medication: 'Amoxicillin', allergy: 'penicillin (rash)' }],
    });

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['outcome', 'details', 'actor_id'])
      .where('action', '=', 'encounter.prescription')
      .where('resource_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.outcome)).toEqual(['failure', 'failure', 'success']);
    expect(audit[2]).toMatchObject({
      actor_id: doctor.id,
      details: { items: 2, allergyOverride: { conflicts: 1, classes: ['penicillins'] } },
    });
    // The audit trail carries class ids and counts, never the allergy text or the reason.
    expect(JSON.stringify(audit)).not.toMatch(/rash|exanthem/i);
  });

  it('saves a medicine whose name only looks like the allergy (amlodipine) without an override', async () => {
    const id = await seedEncounter(t, patient, 'in_review', doctor);
    const saved = await t.http
      .put(`/v1/encounters/${id}/prescription`)
      .set('Authorization', doctor.auth)
      .send({ items: [rx('Amlodipine')] });
    expect(saved.status).toBe(200);
    const history = encounterHistorySchema.parse((await t.http.get(`/v1/encounters/${id}/history`).set('Authorization', doctor.auth)).body);
    expect(history.events.find((e) => e.type === 'prescription')?.data?.allergyOverride).toBeUndefined();
  });
});
