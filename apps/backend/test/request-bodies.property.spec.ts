import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { errorBodySchema } from '@patientinsight/shared';
import fc from 'fast-check';
import {
  createStaff,
  LogCapture,
  registerPatient,
  SAMPLE_REPORT,
  seedEncounter,
  type SignedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from './support/backend-test-app.js';

/**
 * Property: whatever JSON (or non-JSON) arrives in a request body, query string or path, the
 * answer is never a 5xx, and every 4xx has the `{ error: { code, message } }` shape. Text the
 * database cannot store (NUL, a lone UTF-16 surrogate) in any string field is a 400 naming that
 * field. Every body carries planted personal-data markers, and no log line of the run holds one.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

/** One capture for every app this file starts (see LogCapture). */
const logs = new LogCapture();

/** `%PHI%` in a body becomes a marker unique to that request; every marker starts with MARKER_PREFIX. */
const PHI = '%PHI%';
const MARKER_PREFIX = 'phimark';
let markerCount = 0;
const planted: string[] = [];
function plant(body: string): string {
  return body.replaceAll(PHI, () => {
    markerCount += 1;
    const marker = `${MARKER_PREFIX}${markerCount}z`;
    planted.push(marker);
    return marker;
  });
}

/** Where every string of a body sits (nested objects and arrays included). */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  return [];
}

function withValueAt(body: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

/** Text PostgreSQL cannot store: a lone high or low surrogate, NUL, or both, at any position of otherwise ordinary text. */
const unstorableText = fc
  .record({
    before: fc.string({ maxLength: 20 }),
    bad: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\u0000', '\ud83d\u0000', 'x\udfffy\ud800'),
    after: fc.string({ maxLength: 20 }),
  })
  .map(({ before, bad, after }) => `${PHI} ${before}${bad}${after}`);

/** The route's valid body with one of its string fields (any depth) replaced by unstorable text. */
function unstorableBodies(valid: Record<string, unknown>): fc.Arbitrary<{ body: Record<string, unknown>; field: string }> {
  return fc
    .record({ path: fc.constantFrom(...stringPaths(valid)), text: unstorableText })
    .map(({ path, text }) => ({ body: withValueAt(valid, path, text), field: path.join('.') }));
}

/** Any JSON value, objects with the route's own keys holding any JSON, and near-valid bodies with one field replaced. */
function bodies(keys: string[], valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  return fc.oneof(
    anyJson,
    fc.dictionary(fc.constantFrom(...keys, 'unexpected', '__proto__', 'constructor'), anyJson, { maxKeys: keys.length + 1 }),
    fc
      .record({
        key: fc.constantFrom(...keys),
        value: fc.oneof(
          anyJson,
          fc.string({ maxLength: 300 }),
          fc.constant(null),
          fc.double(),
          fc.string({ unit: 'binary', maxLength: 50 }),
          fc.string({ maxLength: 20 }).map((v) => `${v}\u0000${v}`),
          unstorableText,
        ),
      })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    unstorableBodies(valid).map(({ body }) => body),
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
  /** The admin password reset's target: resetting `doctor` would end the session the other routes use. */
  let resetTarget: SignedIn;
  let heldId: string;
  let submittedId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp(driver, {}, logs);
    patient = await registerPatient(t);
    doctor = await createStaff(t, 'doctor');
    admin = await createStaff(t, 'admin');
    resetTarget = await createStaff(t, 'doctor');
    heldId = await seedEncounter(t, patient, 'in_review', doctor);
    submittedId = await seedEncounter(t, patient, 'submitted');
    draftId = await seedEncounter(t, patient, 'draft');
  });
  afterAll(async () => t?.close());

  async function expectNo5xx(send: () => Promise<{ status: number; body: unknown }>): Promise<void> {
    const res = await send();
    if (res.status >= 500) throw new Error(`answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.status >= 400 && res.status !== 404 && !errorBodySchema.safeParse(res.body).success)
      throw new Error(`4xx without the error shape: ${JSON.stringify(res.body)}`);
    if (res.status >= 400) expect(errorBodySchema.safeParse(res.body).success).toBe(true);
  }

  const routes: Record<string, () => BodyRoute> = {
    'POST /v1/auth/register': () => ({
      method: 'post',
      path: () => '/v1/auth/register',
      caller: () => undefined,
      valid: { email: `prop.${PHI}@example.test`, password: `${TEST_PASSWORD} ${PHI}`, displayName: `Prop ${PHI}` },
    }),
    'POST /v1/auth/login': () => ({
      method: 'post',
      path: () => '/v1/auth/login',
      caller: () => undefined,
      valid: { email: patient.email, password: `wrong but well-formed ${PHI}` },
    }),
    'POST /v1/auth/change-password': () => ({
      method: 'post',
      path: () => '/v1/auth/change-password',
      caller: () => patient,
      valid: { currentPassword: `not the current one ${PHI}`, newPassword: `some new passphrase ${PHI}` },
    }),
    'POST /v1/me/delete': () => ({
      method: 'post',
      path: () => '/v1/me/delete',
      caller: () => patient,
      valid: { password: `not the password! ${PHI}` },
    }),
    'PUT /v1/profile': () => ({
      method: 'put',
      path: () => '/v1/profile',
      caller: () => patient,
      valid: {
        dateOfBirth: '1980-02-29',
        sex: 'F',
        heightCm: 170,
        weightKg: 60,
        conditions: [`asthma ${PHI}`],
        medications: [`salbutamol ${PHI}`],
        allergies: [`penicillin ${PHI}`],
        emergencyContact: { name: `Ann ${PHI}`, phone: '+1 555 0100', relationship: `sister ${PHI}` },
      },
    }),
    'PUT /v1/encounters/:id/notes': () => ({
      method: 'put',
      path: () => `/v1/encounters/${heldId}/notes`,
      caller: () => doctor,
      valid: { notes: `ok ${PHI}` },
    }),
    'PUT /v1/encounters/:id/prescription': () => ({
      method: 'put',
      path: () => `/v1/encounters/${heldId}/prescription`,
      caller: () => doctor,
      valid: {
        items: [
          { medication: `A ${PHI}`, dose: '1 mg', route: 'oral', frequency: 'daily', duration: '1 day', instructions: `with food ${PHI}` },
        ],
      },
    }),
    'POST /v1/encounters/:id/return': () => ({
      method: 'post',
      path: () => `/v1/encounters/${submittedId}/return`,
      caller: () => doctor,
      valid: { reason: `why ${PHI}` },
    }),
    'PUT /v1/encounters/:id/feedback': () => ({
      method: 'put',
      path: () => `/v1/encounters/${submittedId}/feedback`,
      caller: () => doctor,
      valid: { target: 'case', caseId: SAMPLE_REPORT.citedCases[0]!.caseId, useful: false, comment: `meh ${PHI}` },
    }),
    'POST /v1/users': () => ({
      method: 'post',
      path: () => '/v1/users',
      caller: () => admin,
      valid: {
        email: `staff.${PHI}@example.test`,
        role: 'doctor',
        displayName: `Dr ${PHI}`,
        initialPassword: `initial passphrase 1 ${PHI}`,
      },
    }),
    'POST /v1/encounters/:id/messages': () => ({
      method: 'post',
      path: () => `/v1/encounters/${draftId}/messages`,
      caller: () => patient,
      valid: { text: `it started yesterday ${PHI}` },
    }),
    'POST /v1/encounters/:id/questions': () => ({
      method: 'post',
      path: () => `/v1/encounters/${submittedId}/questions`,
      caller: () => doctor,
      valid: { question: `is it serious ${PHI}` },
    }),
    'PATCH /v1/users/:id': () => ({
      method: 'patch',
      path: () => `/v1/users/${doctor.id}`,
      caller: () => admin,
      valid: { displayName: `Dr Renamed ${PHI}` },
    }),
    'POST /v1/users/:id/password': () => ({
      method: 'post',
      path: () => `/v1/users/${resetTarget.id}/password`,
      caller: () => admin,
      valid: { temporaryPassword: `temporary passphrase ${PHI}` },
    }),
    'POST /v1/auth/password-reset': () => ({
      method: 'post',
      path: () => '/v1/auth/password-reset',
      caller: () => undefined,
      valid: { email: `reset.${PHI}@example.test` },
    }),
    'POST /v1/auth/password-reset/confirm': () => ({
      method: 'post',
      path: () => '/v1/auth/password-reset/confirm',
      caller: () => undefined,
      valid: { token: 'A'.repeat(43), newPassword: `some new passphrase ${PHI}` },
    }),
  };

  it.each(Object.keys(routes))('%s', async (name) => {
    const route = routes[name]!();
    await fc.assert(
      fc.asyncProperty(bodies(Object.keys(route.valid), route.valid), async (body) => {
        await expectNo5xx(async () => {
          let req = t.http[route.method](route.path()).set('Content-Type', 'application/json');
          const who = route.caller();
          if (who) req = req.set('Authorization', who.auth);
          return req.send(plant(JSON.stringify(body)));
        });
      }),
      { numRuns: RUNS },
    );
  });

  /** Routes whose valid body reaches the embedder (absent here) or needs a red flag: only their refusals are checked. */
  const refusalOnlyRoutes: Record<string, () => BodyRoute> = {
    'POST /v1/admin/ingestions': () => ({
      method: 'post',
      path: () => '/v1/admin/ingestions',
      caller: () => admin,
      valid: { sourceUri: `file:///data/${PHI}.csv`, format: 'csv', columnMapping: { text: `patient ${PHI}` } },
    }),
    'POST /v1/admin/ingestions/:id/approve': () => ({
      method: 'post',
      path: () => '/v1/admin/ingestions/job-1/approve',
      caller: () => admin,
      valid: { note: `looks right ${PHI}` },
    }),
    'POST /v1/encounters/:id/acknowledge': () => ({
      method: 'post',
      path: () => `/v1/encounters/${heldId}/acknowledge`,
      caller: () => doctor,
      valid: { action: 'no_action', reason: `seen in clinic ${PHI}`, message: `call us ${PHI}` },
    }),
  };

  it.each([...Object.keys(routes), ...Object.keys(refusalOnlyRoutes)])(
    '%s: NUL or a lone surrogate in any string field is a 400 naming that field',
    async (name) => {
      const route = (routes[name] ?? refusalOnlyRoutes[name])!();
      await fc.assert(
        fc.asyncProperty(unstorableBodies(route.valid), async ({ body, field }) => {
          let req = t.http[route.method](route.path()).set('Content-Type', 'application/json');
          const who = route.caller();
          if (who) req = req.set('Authorization', who.auth);
          const res = await req.send(plant(JSON.stringify(body)));
          expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
          expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('NUL or a lone surrogate in a query string or path gets a 4xx', async () => {
    await fc.assert(
      // A lone surrogate cannot be percent-encoded (encodeURIComponent throws), so the property sends NUL.
      fc.asyncProperty(
        unstorableText.filter((text) => text.isWellFormed()),
        async (text) => {
          const res = await t.http
            .get('/v1/audit')
            .query({ action: plant(text) })
            .set('Authorization', admin.auth);
          expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
          expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('action');
        },
      ),
      { numRuns: RUNS },
    );
    // Raw bytes of a lone surrogate (ill-formed UTF-8) and NUL, as a hand-written client could send them.
    for (const path of ['/v1/encounters/%ED%A0%80', '/v1/encounters/a%00b/report', '/v1/users/%ED%BF%BF', '/v1/audit?action=%ED%A0%80']) {
      const who = path.startsWith('/v1/encounters') ? doctor : admin;
      await expectNo5xx(() => t.http.get(path).set('Authorization', who.auth));
    }
  });

  it('malformed JSON, wrong content types and oversized bodies get a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
        async (raw, type) => {
          await expectNo5xx(() => t.http.put('/v1/profile').set('Authorization', patient.auth).set('Content-Type', type).send(raw));
        },
      ),
      { numRuns: RUNS },
    );
    const huge = await t.http
      .put(`/v1/encounters/${heldId}/notes`)
      .set('Authorization', doctor.auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ notes: 'x'.repeat(300_000) }));
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('any path id and any query string get a 2xx or 4xx', async () => {
    const idPaths = ['/v1/encounters/%s', '/v1/encounters/%s/report', '/v1/encounters/%s/history', '/v1/users/%s'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...idPaths),
        fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.uuid(), fc.stringMatching(/^[0-9a-f-]{36}$/), fc.constant('a\u0000b')),
        async (template, id) => {
          const who = template.startsWith('/v1/users') ? admin : doctor;
          await expectNo5xx(() => t.http.get(template.replace('%s', encodeURIComponent(id))).set('Authorization', who.auth));
        },
      ),
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
        fc.dictionary(
          fc.constantFrom('status', 'mine', 'limit', 'offset', 'role', 'userId', 'patientId', 'from', 'to', 'beforeSeq', 'action', 'other'),
          fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String), fc.constant('9'.repeat(30))),
        ),
        async ([path, who], query) => {
          await expectNo5xx(() => t.http.get(path).query(query).set('Authorization', who.auth));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('no log line of the run holds a planted marker', async () => {
    // pino-http writes a request's line after its response; give the last ones a moment.
    await new Promise((r) => setTimeout(r, 100));
    expect(planted.length).toBeGreaterThan(20);
    // The capture saw the run (request lines), so finding nothing in it means something.
    expect(logs.lines.filter((line) => line.includes('"statusCode":400')).length).toBeGreaterThan(10);
    const leaks = logs.lines.filter((line) => line.toLowerCase().includes(MARKER_PREFIX));
    expect(leaks).toEqual([]);
  });
});
