import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit';
import { errorBodySchema } from '@patientinsight/shared';
import fc from 'fast-check';
import { createStaff, registerPatient, SAMPLE_REPORT, seedEncounter, type SignedIn, startTestApp, TEST_PASSWORD, type TestApp } from './support/backend-test-app.js';

/**
 * Property: whatever JSON (or non-JSON) arrives in a request body, query string or path, the
 * answer is never a 5xx, and every 4xx has the `{ error: { code, message } }` shape.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

/** Any JSON value, objects with the route's own keys holding any JSON, and near-valid bodies with one field replaced. */
function bodies(keys: string[], valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  return fc.oneof(
    anyJson,
    fc.dictionary(fc.constantFrom(...keys, 'unexpected', '__proto__', 'constructor'), anyJson, { maxKeys: keys.length + 1 }),
    fc.record({ key: fc.constantFrom(...keys), value: fc.oneof(anyJson, fc.string({ maxLength: 300 }), fc.constant(null), fc.double(), fc.string({ unit: 'binary', maxLength: 50 }), fc.string({ maxLength: 20 }).map((v) => `${v}\u0000${v}`)) }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constant(valid),
  );
}

interface BodyRoute {
  method: 'post' | 'put' | 'patch';
  path: () => string;
  caller: () => SignedIn | undefined;
  valid: Record<string, unknown>;
}

describe.each(testDrivers())('request bodies never cause a 5xx on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;
  let admin: SignedIn;
  let heldId: string;
  let submittedId: string;

  beforeAll(async () => {
    t = await startTestApp(driver);
    patient = await registerPatient(t);
    doctor = await createStaff(t, 'doctor');
    admin = await createStaff(t, 'admin');
    heldId = await seedEncounter(t, patient, 'in_review', doctor);
    submittedId = await seedEncounter(t, patient, 'submitted');
  });
  afterAll(async () => t?.close());

  async function expectNo5xx(send: () => Promise<{ status: number; body: unknown }>): Promise<void> {
    const res = await send();
    if (res.status >= 500) throw new Error(`answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.status >= 400 && res.status !== 404 && !errorBodySchema.safeParse(res.body).success) throw new Error(`4xx without the error shape: ${JSON.stringify(res.body)}`);
    if (res.status >= 400) expect(errorBodySchema.safeParse(res.body).success).toBe(true);
  }

  const routes: Record<string, () => BodyRoute> = {
    'POST /v1/auth/register': () => ({ method: 'post', path: () => '/v1/auth/register', caller: () => undefined, valid: { email: 'prop@example.test', password: TEST_PASSWORD, displayName: 'Prop' } }),
    'POST /v1/auth/login': () => ({ method: 'post', path: () => '/v1/auth/login', caller: () => undefined, valid: { email: patient.email, password: 'wrong but well-formed' } }),
    'POST /v1/auth/change-password': () => ({ method: 'post', path: () => '/v1/auth/change-password', caller: () => patient, valid: { currentPassword: 'not the current one', newPassword: 'some new passphrase' } }),
    'POST /v1/me/delete': () => ({ method: 'post', path: () => '/v1/me/delete', caller: () => patient, valid: { password: 'not the password!' } }),
    'PUT /v1/profile': () => ({ method: 'put', path: () => '/v1/profile', caller: () => patient, valid: { dateOfBirth: '1980-02-29', sex: 'F', heightCm: 170, weightKg: 60, conditions: ['asthma'], medications: [], allergies: [], emergencyContact: { name: 'A', phone: '+1 555 0100' } } }),
    'PUT /v1/encounters/:id/notes': () => ({ method: 'put', path: () => `/v1/encounters/${heldId}/notes`, caller: () => doctor, valid: { notes: 'ok' } }),
    'PUT /v1/encounters/:id/prescription': () => ({ method: 'put', path: () => `/v1/encounters/${heldId}/prescription`, caller: () => doctor, valid: { items: [{ medication: 'A', dose: '1 mg', route: 'oral', frequency: 'daily', duration: '1 day' }] } }),
    'POST /v1/encounters/:id/return': () => ({ method: 'post', path: () => `/v1/encounters/${submittedId}/return`, caller: () => doctor, valid: { reason: 'why' } }),
    'PUT /v1/encounters/:id/feedback': () => ({ method: 'put', path: () => `/v1/encounters/${submittedId}/feedback`, caller: () => doctor, valid: { target: 'case', caseId: SAMPLE_REPORT.citedCases[0]!.caseId, useful: false, comment: 'meh' } }),
    'POST /v1/users': () => ({ method: 'post', path: () => '/v1/users', caller: () => admin, valid: { email: 'staff.prop@example.test', role: 'doctor', displayName: 'Dr P', initialPassword: 'initial passphrase 1' } }),
    'PATCH /v1/users/:id': () => ({ method: 'patch', path: () => `/v1/users/${doctor.id}`, caller: () => admin, valid: { displayName: 'Dr Renamed' } }),
  };

  it.each(Object.keys(routes))('%s', async (name) => {
    const route = routes[name]!();
    await fc.assert(
      fc.asyncProperty(bodies(Object.keys(route.valid), route.valid), async (body) => {
        await expectNo5xx(async () => {
          let req = t.http[route.method](route.path()).set('Content-Type', 'application/json');
          const who = route.caller();
          if (who) req = req.set('Authorization', who.auth);
          return req.send(JSON.stringify(body));
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('malformed JSON, wrong content types and oversized bodies get a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'), async (raw, type) => {
        await expectNo5xx(() => t.http.put('/v1/profile').set('Authorization', patient.auth).set('Content-Type', type).send(raw));
      }),
      { numRuns: RUNS },
    );
    const huge = await t.http.put(`/v1/encounters/${heldId}/notes`).set('Authorization', doctor.auth).set('Content-Type', 'application/json').send(JSON.stringify({ notes: 'x'.repeat(300_000) }));
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('any path id and any query string get a 2xx or 4xx', async () => {
    const idPaths = ['/v1/encounters/%s', '/v1/encounters/%s/report', '/v1/encounters/%s/history', '/v1/users/%s'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...idPaths), fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.uuid(), fc.stringMatching(/^[0-9a-f-]{36}$/), fc.constant('a\u0000b')), async (template, id) => {
        const who = template.startsWith('/v1/users') ? admin : doctor;
        await expectNo5xx(() => t.http.get(template.replace('%s', encodeURIComponent(id))).set('Authorization', who.auth));
      }),
      { numRuns: RUNS },
    );
    const queries: [string, SignedIn][] = [
      ['/v1/review/queue', doctor],
      ['/v1/users', admin],
      ['/v1/audit', admin],
      ['/v1/feedback', admin],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...queries),
        fc.dictionary(fc.constantFrom('status', 'mine', 'limit', 'offset', 'role', 'userId', 'patientId', 'from', 'to', 'beforeSeq', 'action', 'other'), fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), fc.constant('9'.repeat(30)))),
        async ([path, who], query) => {
          await expectNo5xx(() => t.http.get(path).query(query).set('Authorization', who.auth));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
