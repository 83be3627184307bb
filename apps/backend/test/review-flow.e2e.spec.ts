import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import {
  dashboardSchema,
  encounterDetailSchema,
  encounterHistorySchema,
  patientViewSchema,
  reportViewSchema,
  reviewQueueSchema,
} from '@patientinsight/shared';
import { createStaff, registerPatient, seedEncounter, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';

describe.each(testDrivers())('patient → doctor review flow on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;
  let otherDoctor: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(driver);
    patient = await registerPatient(t);
    doctor = await createStaff(t, 'doctor');
    otherDoctor = await createStaff(t, 'doctor');
  });
  afterAll(async () => t?.close());

  it('keeps the profile versioned and snapshots it on the encounter', async () => {
    const first = await t.http
      .put('/v1/profile')
      .set('Authorization', patient.auth)
      .send({ age: 54, sex: 'F', conditions: ['asthma'], allergies: ['penicillin'] });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    const second = await t.http
      .put('/v1/profile')
      .set('Authorization', patient.auth)
      .send({
        dateOfBirth: '1970-05-01',
        sex: 'F',
        heightCm: 165,
        weightKg: 70,
        conditions: ['asthma'],
        emergencyContact: { name: 'Sam Contact', phone: '+44 20 7946 0000' },
      });
    expect(second.body.version).toBe(2);
    const history = await t.http.get('/v1/profile/versions').set('Authorization', patient.auth);
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(history.body.versions[0].profile.age).toBe(54);

    const created = await t.http.post('/v1/encounters').set('Authorization', patient.auth);
    expect(created.status).toBe(201);
    const detail = encounterDetailSchema.parse(created.body);
    expect(detail.status).toBe('draft');
    expect(detail.profileVersion).toBe(2);
    expect(detail.profile?.heightCm).toBe(165);
  });

  it('runs draft → submitted → in_review → released, with notes, a prescription and the full history', async () => {
    const id = await seedEncounter(t, patient, 'submitted', undefined, { urgent: true });

    // The patient sees the encounter but not the report before release.
    const early = await t.http.get(`/v1/encounters/${id}`).set('Authorization', patient.auth);
    expect(early.status).toBe(200);
    expect(early.body.report).toBeNull();
    expect((await t.http.get(`/v1/encounters/${id}/report`).set('Authorization', patient.auth)).status).toBe(403);

    const queue = reviewQueueSchema.parse((await t.http.get('/v1/review/queue').set('Authorization', doctor.auth)).body);
    expect(queue.items[0]).toMatchObject({ id, urgent: true, status: 'submitted' });

    const dashboard = dashboardSchema.parse((await t.http.get('/v1/review/dashboard').set('Authorization', doctor.auth)).body);
    expect(dashboard.counts.submitted).toBeGreaterThanOrEqual(1);
    expect(dashboard.waiting.urgentCount).toBeGreaterThanOrEqual(1);
    expect(dashboard.flagged.map((f) => f.id)).toContain(id);

    expect((await t.http.post(`/v1/encounters/${id}/claim`).set('Authorization', doctor.auth)).status).toBe(200);
    // Someone else's claim: the second doctor can neither claim nor write.
    expect((await t.http.post(`/v1/encounters/${id}/claim`).set('Authorization', otherDoctor.auth)).body.error.code).toBe(
      'INVALID_TRANSITION',
    );
    const foreign = await t.http.put(`/v1/encounters/${id}/notes`).set('Authorization', otherDoctor.auth).send({ notes: 'not mine' });
    expect([foreign.status, foreign.body.error.code]).toEqual([409, 'NOT_CLAIMED_BY_YOU']);

    expect(
      (await t.http.put(`/v1/encounters/${id}/notes`).set('Authorization', doctor.auth).send({ notes: 'First draft of notes' })).status,
    ).toBe(200);
    expect(
      (await t.http.put(`/v1/encounters/${id}/notes`).set('Authorization', doctor.auth).send({ notes: 'Rest, fluids; review in a week.' }))
        .status,
    ).toBe(200);
    const rx = {
      items: [
        {
          medication: 'Paracetamol',
          dose: '500 mg',
          route: 'oral',
          frequency: 'every 6 hours as needed',
          duration: '5 days',
          instructions: 'No more than 4 g a day',
        },
      ],
    };
    expect((await t.http.put(`/v1/encounters/${id}/prescription`).set('Authorization', doctor.auth).send(rx)).status).toBe(200);
    const released = await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth);
    expect([released.status, released.body.status]).toEqual([200, 'released']);

    // The patient reads the patient view; the clinician report (and its metadata) stays with the doctors.
    const view = patientViewSchema.parse((await t.http.get(`/v1/encounters/${id}/patient-view`).set('Authorization', patient.auth)).body);
    expect(view.notes).toBe('Rest, fluids; review in a week.');
    expect(view.prescription).toEqual(rx.items);
    expect((await t.http.get(`/v1/encounters/${id}/report`).set('Authorization', patient.auth)).status).toBe(403);
    const report = reportViewSchema.parse((await t.http.get(`/v1/encounters/${id}/report`).set('Authorization', doctor.auth)).body);
    expect(report.reportMeta).toMatchObject({ model: 'offline', promptVersion: 'p1', corpusVersion: 'c1' });

    const history = encounterHistorySchema.parse((await t.http.get(`/v1/encounters/${id}/history`).set('Authorization', doctor.auth)).body);
    expect(history.events.map((e) => e.type)).toEqual([
      'created',
      'conversation',
      'triage',
      'summary',
      'report',
      'submit',
      'claim',
      'notes',
      'notes',
      'prescription',
      'release',
    ]);
    expect(history.events.filter((e) => e.type === 'notes').map((e) => e.data?.notes)).toEqual([
      'First draft of notes',
      'Rest, fluids; review in a week.',
    ]);
    expect(history.events.filter((e) => e.toStatus).map((e) => e.toStatus)).toEqual(['draft', 'submitted', 'in_review', 'released']);
  });

  it('returns an encounter with a reason, and the patient resubmits it', async () => {
    const id = await seedEncounter(t, patient, 'in_review', doctor);
    expect((await t.http.post(`/v1/encounters/${id}/return`).set('Authorization', doctor.auth).send({ reason: '' })).status).toBe(400);
    const returned = await t.http
      .post(`/v1/encounters/${id}/return`)
      .set('Authorization', doctor.auth)
      .send({ reason: 'Please describe when the cough is worst.' });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: 'Please describe when the cough is worst.', claimedBy: null });
    const again = await t.http.post(`/v1/encounters/${id}/submit`).set('Authorization', patient.auth);
    expect([again.status, again.body.status]).toEqual([200, 'submitted']);
    // Released encounters cannot move again.
    const done = await seedEncounter(t, patient, 'released', doctor);
    expect((await t.http.post(`/v1/encounters/${done}/claim`).set('Authorization', doctor.auth)).status).toBe(409);
  });
});

describe.each(testDrivers())('stored JSON on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => t?.close());

  it('drops NUL characters from intake JSON instead of failing the write (PostgreSQL cannot store U+0000)', async () => {
    const patient = await registerPatient(t);
    const { EncountersService } = await import('../src/encounters/encounters.service.js');
    const encounters = t.app.get(EncountersService);
    const actor = { id: patient.id, role: 'patient' as const };
    const draft = await encounters.createDraft(actor);
    await encounters.appendConversation(actor, draft.id, [
      { role: 'patient', text: 'chest\u0000 pain', field: null, at: new Date().toISOString() },
    ]);
    const saved = await encounters.setSummary(actor, draft.id, { 'chief\u0000Complaint': 'a\u0000b' });
    expect(saved.conversation).toEqual([expect.objectContaining({ text: 'chest pain' })]);
    expect(saved.summary).toEqual({ chiefComplaint: 'ab' });
  });
});
