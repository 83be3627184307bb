import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { auditActionsSchema, auditPageSchema } from '@patientinsight/shared';
import { createStaff, registerPatient, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';

describe.each(testDrivers())('audit search by person, and admins’ own access, on %s', (driver) => {
  let t: TestApp;
  let admin: SignedIn;
  let doctor: SignedIn;
  let patient: SignedIn;

  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = await createStaff(t, 'admin');
    doctor = await createStaff(t, 'doctor');
    patient = await registerPatient(t, 'Alex Searchable');
    // Something on record for each: the patient reads their profile twice, the doctor the queue.
    await t.http.get('/v1/profile').set('Authorization', patient.auth);
    await t.http.get('/v1/profile').set('Authorization', patient.auth);
    await t.http.get('/v1/review/queue').set('Authorization', doctor.auth).expect(200);
  });
  afterAll(async () => t?.close());

  const search = async (query: Record<string, string>) => {
    const res = await t.http.get('/v1/audit').query(query).set('Authorization', admin.auth);
    expect(res.status).toBe(200);
    return auditPageSchema.parse(res.body);
  };

  it('finds the rows a person acted in by their e-mail (any case), with their name beside the id', async () => {
    const page = await search({ actorEmail: doctor.email.toUpperCase() });
    expect(page.entries.length).toBeGreaterThan(0);
    expect(new Set(page.entries.map((e) => e.actorId))).toEqual(new Set([doctor.id]));
    expect(page.entries.some((e) => e.action === 'review.queue')).toBe(true);
    expect(page.people[doctor.id]).toEqual({ displayName: 'Test doctor', email: doctor.email, role: 'doctor', status: 'active' });
  });

  it('finds the rows about a patient’s data by the patient’s e-mail, naming the patient', async () => {
    const page = await search({ patientEmail: patient.email });
    expect(page.entries.length).toBeGreaterThanOrEqual(2);
    expect(page.entries.every((e) => e.patientId === patient.id)).toBe(true);
    expect(page.people[patient.id]?.displayName).toBe('Alex Searchable');
  });

  it('answers an e-mail nobody has with no rows, and a malformed one with a 400 naming the field', async () => {
    expect((await search({ actorEmail: 'nobody.here@example.test' })).entries).toEqual([]);
    const bad = await t.http.get('/v1/audit').query({ actorEmail: 'not-an-email' }).set('Authorization', admin.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('actorEmail');
  });

  it('lists the actions on record for the picklist, sorted', async () => {
    const res = await t.http.get('/v1/audit/actions').set('Authorization', admin.auth).expect(200);
    const { actions } = auditActionsSchema.parse(res.body);
    expect(actions).toEqual([...actions].sort());
    expect(actions).toEqual(expect.arrayContaining(['profile.read', 'review.queue', 'audit.query']));
    expect(new Set(actions).size).toBe(actions.length);
    expect((await t.http.get('/v1/audit/actions').set('Authorization', doctor.auth)).status).toBe(403);
  });

  it('refuses an admin disabling or demoting themself (409 OWN_ACCESS_CHANGE, recorded as denied); another admin may', async () => {
    const other = await createStaff(t, 'admin');
    const disable = await t.http.patch(`/v1/users/${admin.id}`).set('Authorization', admin.auth).send({ status: 'disabled' });
    expect([disable.status, disable.body.error.code]).toEqual([409, 'OWN_ACCESS_CHANGE']);
    const demote = await t.http.patch(`/v1/users/${admin.id}`).set('Authorization', admin.auth).send({ role: 'doctor' });
    expect([demote.status, demote.body.error.code]).toEqual([409, 'OWN_ACCESS_CHANGE']);
    // Their own name is theirs to change.
    expect(
      (await t.http.patch(`/v1/users/${admin.id}`).set('Authorization', admin.auth).send({ displayName: 'Renamed Admin' })).status,
    ).toBe(200);
    const denied = await search({ actorEmail: admin.email, action: 'user.update' });
    expect(denied.entries.filter((e) => e.outcome === 'denied')).toHaveLength(2);
    expect((await t.http.get('/v1/me').set('Authorization', admin.auth)).body.status).toBe('active');
    // Another admin can disable them.
    expect((await t.http.patch(`/v1/users/${admin.id}`).set('Authorization', other.auth).send({ status: 'disabled' })).status).toBe(200);
  });
});
