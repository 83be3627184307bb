import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import type { Role } from '@patientinsight/shared';
import { PUBLIC_KEY, ROLES_KEY } from '../src/common/auth.decorators.js';
import {
  createStaff,
  registerPatient,
  SAMPLE_REPORT,
  seedEncounter,
  type SignedIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  uniqueEmail,
} from './support/backend-test-app.js';

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', 'patient', 'doctor', 'admin'];

interface Request {
  path: string;
  body?: unknown;
  /** Act as someone else of the same role (a throwaway account for destructive routes). */
  as?: SignedIn;
  /** Extra headers (the refresh cookie). */
  headers?: Record<string, string>;
}

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route template as Nest maps it. */
  route: string;
  /** Status for each caller. */
  expect: Record<Caller, number>;
  /** Builds the request for one caller (fresh resources where the call changes state). */
  prepare?: (caller: Caller) => Promise<Request>;
}

const deny = { anonymous: 401, patient: 403, doctor: 403, admin: 403 };
const only = (role: Role, status: number) => ({ ...deny, [role]: status });

describe.each(testDrivers())('authorisation matrix on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;
  let otherPatient: SignedIn;
  let doctor: SignedIn;
  let admin: SignedIn;
  let callers: Record<Exclude<Caller, 'anonymous'>, SignedIn>;

  const fresh = async (role: Role): Promise<SignedIn> => (role === 'patient' ? registerPatient(t) : createStaff(t, role));

  beforeAll(async () => {
    // EMBEDDER_URL points at a closed port, so /readyz answers the same way on every run (ready: the embedder is not required).
    t = await startTestApp(driver, { API_DOCS: 'true', EMBEDDER_URL: 'http://127.0.0.1:9', EMBEDDER_TIMEOUT_MS: '300' });
    patient = await registerPatient(t);
    otherPatient = await registerPatient(t);
    doctor = await createStaff(t, 'doctor');
    admin = await createStaff(t, 'admin');
    callers = { patient, doctor, admin };
    await t.http.put('/v1/profile').set('Authorization', patient.auth).send({ age: 40, sex: 'M' });
  });
  afterAll(async () => t?.close());

  const submitted = () => seedEncounter(t, patient, 'submitted');
  const inReview = () => seedEncounter(t, patient, 'in_review', doctor);
  const released = () => seedEncounter(t, patient, 'released', doctor);

  const rows: Row[] = [
    { method: 'GET', route: '/healthz', expect: { anonymous: 200, patient: 200, doctor: 200, admin: 200 } },
    { method: 'GET', route: '/readyz', expect: { anonymous: 200, patient: 200, doctor: 200, admin: 200 } },
    {
      method: 'POST',
      route: '/v1/auth/register',
      expect: { anonymous: 201, patient: 201, doctor: 201, admin: 201 },
      prepare: async () => ({
        path: '/v1/auth/register',
        body: { email: uniqueEmail('matrix'), password: TEST_PASSWORD, displayName: 'Matrix' },
      }),
    },
    {
      method: 'POST',
      route: '/v1/auth/login',
      expect: { anonymous: 200, patient: 200, doctor: 200, admin: 200 },
      prepare: async () => ({ path: '/v1/auth/login', body: { email: patient.email, password: TEST_PASSWORD } }),
    },
    {
      method: 'POST',
      route: '/v1/auth/refresh',
      // Without the cookie nobody gets a token; with a live one everyone does.
      expect: { anonymous: 401, patient: 200, doctor: 200, admin: 200 },
      prepare: async (caller) => {
        if (caller === 'anonymous') return { path: '/v1/auth/refresh' };
        const someone = await fresh(caller);
        return { path: '/v1/auth/refresh', headers: { Cookie: someone.cookie } };
      },
    },
    {
      method: 'POST',
      route: '/v1/auth/logout',
      expect: { anonymous: 204, patient: 204, doctor: 204, admin: 204 },
      // Logout ends the bearer token's session too: a fresh sign-in, not the shared caller's.
      prepare: async (caller) => ({ path: '/v1/auth/logout', as: caller === 'anonymous' ? undefined : await fresh(caller) }),
    },
    {
      method: 'POST',
      route: '/v1/auth/change-password',
      expect: { anonymous: 401, patient: 204, doctor: 204, admin: 204 },
      prepare: async (caller) => ({
        path: '/v1/auth/change-password',
        body: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 42' },
        as: caller === 'anonymous' ? undefined : await fresh(caller),
      }),
    },
    { method: 'GET', route: '/v1/me', expect: { anonymous: 401, patient: 200, doctor: 200, admin: 200 } },
    { method: 'GET', route: '/v1/me/export', expect: only('patient', 200) },
    {
      method: 'POST',
      route: '/v1/me/delete',
      expect: only('patient', 204),
      prepare: async (caller) => ({
        path: '/v1/me/delete',
        body: { password: TEST_PASSWORD },
        as: caller === 'patient' ? await fresh('patient') : undefined,
      }),
    },
    { method: 'GET', route: '/v1/profile', expect: only('patient', 200) },
    {
      method: 'PUT',
      route: '/v1/profile',
      expect: only('patient', 200),
      prepare: async () => ({ path: '/v1/profile', body: { age: 41, sex: 'M', conditions: ['hypertension'] } }),
    },
    { method: 'GET', route: '/v1/profile/versions', expect: only('patient', 200) },
    { method: 'POST', route: '/v1/encounters', expect: only('patient', 201) },
    { method: 'GET', route: '/v1/encounters', expect: only('patient', 200) },
    {
      method: 'GET',
      route: '/v1/encounters/:id',
      expect: { ...deny, patient: 200, doctor: 200 },
      prepare: async () => ({ path: `/v1/encounters/${await submitted()}` }),
    },
    {
      method: 'GET',
      route: '/v1/encounters/:id/report',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await released()}/report` }),
    },
    {
      method: 'GET',
      route: '/v1/encounters/:id/patient-view',
      expect: only('patient', 200),
      prepare: async () => ({ path: `/v1/encounters/${await released()}/patient-view` }),
    },
    {
      method: 'GET',
      route: '/v1/encounters/:id/patient-preview',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await inReview()}/patient-preview` }),
    },
    {
      method: 'GET',
      route: '/v1/encounters/:id/history',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await submitted()}/history` }),
    },
    {
      method: 'POST',
      route: '/v1/encounters/:id/submit',
      expect: only('patient', 200),
      prepare: async () => {
        const id = await seedEncounter(t, patient, 'draft');
        const { EncountersService } = await import('../src/encounters/encounters.service.js');
        await t.app.get(EncountersService).setSummary({ id: patient.id, role: 'patient' }, id, { chiefComplaint: 'cough' });
        return { path: `/v1/encounters/${id}/submit` };
      },
    },
    {
      method: 'POST',
      route: '/v1/encounters/:id/claim',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await submitted()}/claim` }),
    },
    {
      method: 'POST',
      route: '/v1/encounters/:id/unclaim',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await inReview()}/unclaim` }),
    },
    {
      method: 'PUT',
      route: '/v1/encounters/:id/notes',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await inReview()}/notes`, body: { notes: 'Looks viral.' } }),
    },
    {
      method: 'PUT',
      route: '/v1/encounters/:id/prescription',
      expect: only('doctor', 200),
      prepare: async () => ({
        path: `/v1/encounters/${await inReview()}/prescription`,
        body: { items: [{ medication: 'Ibuprofen', dose: '200 mg', route: 'oral', frequency: 'three times a day', duration: '3 days' }] },
      }),
    },
    {
      method: 'POST',
      route: '/v1/encounters/:id/release',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await inReview()}/release` }),
    },
    {
      method: 'POST',
      route: '/v1/encounters/:id/return',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await inReview()}/return`, body: { reason: 'Need more detail on the onset.' } }),
    },
    // Intake routes (the intake feature's controller, built on EncountersService).
    {
      method: 'GET',
      route: '/v1/encounters/:id/intake',
      expect: { ...deny, patient: 200, doctor: 200 },
      prepare: async () => ({ path: `/v1/encounters/${await submitted()}/intake` }),
    },
    {
      method: 'POST',
      route: '/v1/encounters/:id/messages',
      expect: only('patient', 200),
      prepare: async () => ({
        path: `/v1/encounters/${await seedEncounter(t, patient, 'draft')}/messages`,
        body: { text: 'A dry cough for two weeks' },
      }),
    },
    { method: 'GET', route: '/v1/review/queue', expect: only('doctor', 200) },
    { method: 'GET', route: '/v1/review/dashboard', expect: only('doctor', 200) },
    {
      method: 'PUT',
      route: '/v1/encounters/:id/feedback',
      expect: only('doctor', 200),
      prepare: async () => ({
        path: `/v1/encounters/${await submitted()}/feedback`,
        body: { target: 'case', caseId: SAMPLE_REPORT.citedCases[0]!.caseId, useful: true },
      }),
    },
    {
      method: 'GET',
      route: '/v1/encounters/:id/feedback',
      expect: only('doctor', 200),
      prepare: async () => ({ path: `/v1/encounters/${await submitted()}/feedback` }),
    },
    { method: 'GET', route: '/v1/feedback', expect: only('admin', 200) },
    {
      method: 'POST',
      route: '/v1/users',
      expect: only('admin', 201),
      prepare: async () => ({
        path: '/v1/users',
        body: { email: uniqueEmail('staff'), role: 'doctor', displayName: 'Dr New', initialPassword: 'initial passphrase 1234' },
      }),
    },
    { method: 'GET', route: '/v1/users', expect: only('admin', 200) },
    { method: 'GET', route: '/v1/users/:id', expect: only('admin', 200), prepare: async () => ({ path: `/v1/users/${doctor.id}` }) },
    {
      method: 'PATCH',
      route: '/v1/users/:id',
      expect: only('admin', 200),
      prepare: async () => ({ path: `/v1/users/${(await fresh('doctor')).id}`, body: { displayName: 'Dr Renamed' } }),
    },
    { method: 'GET', route: '/v1/audit', expect: only('admin', 200) },
    { method: 'GET', route: '/v1/audit/verify', expect: only('admin', 200) },
  ];

  async function call(row: Row, caller: Caller): Promise<{ status: number; body: unknown }> {
    const prepared = row.prepare ? await row.prepare(caller) : { path: row.route };
    const who = prepared.as ?? (caller === 'anonymous' ? undefined : callers[caller]);
    let req = t.http[row.method.toLowerCase() as 'get'](prepared.path);
    if (who) req = req.set('Authorization', who.auth);
    for (const [k, v] of Object.entries(prepared.headers ?? {})) req = req.set(k, v);
    const res = prepared.body === undefined ? await req : await req.send(prepared.body as object);
    return { status: res.status, body: res.body };
  }

  it('answers every route in the table with exactly the expected status for each caller', async () => {
    const mismatches: string[] = [];
    for (const row of rows) {
      for (const caller of CALLERS) {
        const { status, body } = await call(row, caller);
        if (status !== row.expect[caller])
          mismatches.push(
            `${row.method} ${row.route} as ${caller}: expected ${row.expect[caller]}, got ${status} ${JSON.stringify(body).slice(0, 200)}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  /** Every route Nest mapped, with the roles it declares. */
  function mappedRoutes(): { method: string; route: string; roles: Role[] | undefined; isPublic: boolean }[] {
    const found: { method: string; route: string; roles: Role[] | undefined; isPublic: boolean }[] = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
        if (!controller) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        for (const name of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, unknown>)[name];
          if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
            continue;
          const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
          const route = `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
          const roles = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller)) as Role[] | undefined;
          const isPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller));
          found.push({ method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!, route, roles, isPublic });
        }
      }
    }
    return found;
  }

  it('covers every route of this issue, and every other route declares roles and refuses the rest', async () => {
    const routes = mappedRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(rows.length - 2); // /docs is Swagger's, not a Nest route
    const inTable = new Set(rows.map((r) => `${r.method} ${r.route}`));
    const problems: string[] = [];
    for (const r of routes) {
      if (!r.isPublic && (!r.roles || r.roles.length === 0)) problems.push(`${r.method} ${r.route} declares neither @Roles nor @Public`);
      // The table's own routes were checked exactly above; routes other features add are checked here from what they declare.
      if (inTable.has(`${r.method} ${r.route}`) || r.isPublic) continue;
      const path = r.route.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const anonymous = await t.http[r.method.toLowerCase() as 'get'](path);
      if (anonymous.status !== 401) problems.push(`${r.method} ${r.route} as anonymous: ${anonymous.status}`);
      for (const role of ['patient', 'doctor', 'admin'] as const) {
        if (r.roles?.includes(role)) continue;
        const res = await t.http[r.method.toLowerCase() as 'get'](path).set('Authorization', callers[role].auth);
        if (res.status !== 403) problems.push(`${r.method} ${r.route} as ${role} (not in @Roles): ${res.status}`);
      }
    }
    for (const row of rows) {
      if (row.route === '/docs') continue;
      if (!routes.some((r) => r.method === row.method && r.route === row.route))
        problems.push(`table row ${row.method} ${row.route} matches no mapped route`);
    }
    expect(problems).toEqual([]);
  });

  it('serves an OpenAPI document generated from the code, with the zod request bodies', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>
    >;
    for (const row of rows.filter((r) => r.route.startsWith('/v1/'))) {
      const template = row.route.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(paths[template]?.[row.method.toLowerCase()]).toBeDefined();
    }
    expect(Object.keys(paths['/v1/auth/login']?.post?.requestBody?.content['application/json']?.schema.properties ?? {})).toEqual([
      'email',
      'password',
    ]);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it("answers 404 to a patient asking for another patient's encounter, exactly as for one that does not exist, and audits the attempt", async () => {
    const id = await seedEncounter(t, patient, 'released', doctor);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const suffix of ['', '/patient-view']) {
      const theirs = await t.http.get(`/v1/encounters/${id}${suffix}`).set('Authorization', otherPatient.auth);
      const none = await t.http.get(`/v1/encounters/${missing}${suffix}`).set('Authorization', otherPatient.auth);
      expect(theirs.status).toBe(404);
      expect(theirs.body.error.code).toBe('ENCOUNTER_NOT_FOUND');
      expect(none.status).toBe(404);
      expect(theirs.body.error.message.replace(id, 'ID')).toBe(none.body.error.message.replace(missing, 'ID'));
    }
    // Writes on someone else's encounter are refused the same way.
    expect((await t.http.post(`/v1/encounters/${id}/submit`).set('Authorization', otherPatient.auth)).status).toBe(404);

    const audit = await t.http.get('/v1/audit').query({ userId: otherPatient.id, patientId: patient.id }).set('Authorization', admin.auth);
    expect(audit.status).toBe(200);
    const attempts = (
      audit.body.entries as { action: string; resourceId: string; outcome: string; actorRole: string; patientId: string }[]
    ).filter((e) => e.resourceId === id);
    expect(attempts.map((e) => [e.action, e.outcome]).sort()).toEqual([
      ['encounter.patient_view', 'not_found'],
      ['encounter.read', 'not_found'],
      ['encounter.submit', 'not_found'],
    ]);
    expect(attempts.every((e) => e.actorRole === 'patient' && e.patientId === patient.id)).toBe(true);
  });
});
