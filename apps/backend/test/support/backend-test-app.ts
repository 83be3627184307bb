import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureApp, DATABASE, type Database } from '@patientinsight/nest-kit';
import { dropTestSchema, testDatabaseOptions } from '@patientinsight/nest-kit/testing';
import type { AuthResponse, Role } from '@patientinsight/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { configureBackendApp } from '../../src/common/openapi.js';
import { type BackendConfig, loadBackendConfig } from '../../src/config/backend.config.js';
import type { BackendDb } from '../../src/database/backend-db.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  database: Database<BackendDb>;
  /** Every JSON log line the app wrote. */
  logs: string[];
  config: BackendConfig;
  close(): Promise<void>;
}

/**
 * Captures the app's pino output line by line. nestjs-pino keeps one pino-http instance per process
 * (the first app's destination wins), so a file that starts several apps and reads their logs
 * passes one shared capture to all of them.
 */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

/**
 * The whole backend in-process on PGlite (a temporary data folder) or on the real PostgreSQL (a
 * schema of its own), built exactly as main.ts builds it.
 */
export async function startTestApp(
  driver: 'pglite' | 'postgres',
  env: Record<string, string> = {},
  logs = new LogCapture(),
): Promise<TestApp> {
  const dbOptions = await testDatabaseOptions(driver);
  const dataDir = mkdtempSync(join(tmpdir(), 'backend-test-'));
  const config: BackendConfig = {
    ...loadBackendConfig({
      SERVICE_TOKEN: 'test-service-token-0123456789',
      JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnop',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      LOGIN_IP_LIMIT: '1000',
      LOGIN_ACCOUNT_LIMIT: '1000',
      COSTLY_USER_LIMIT: '1000',
      COSTLY_IP_LIMIT: '1000',
      INTAKE_USER_LIMIT: '1000',
      INTAKE_IP_LIMIT: '1000',
      REFRESH_SESSION_LIMIT: '1000',
      REFRESH_IP_LIMIT: '1000',
      PASSWORD_RESET_EMAIL_LIMIT: '1000',
      PASSWORD_RESET_IP_LIMIT: '1000',
      LOGIN_BACKOFF_FREE_FAILURES: '1000',
      ...(dbOptions.url ? { DATABASE_URL: dbOptions.url, DATABASE_SCHEMA: dbOptions.schema ?? '' } : {}),
      ...env,
    }),
    METRICS_PORT: 0,
  };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, { logDestination: logs })] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app, { bodyLimit: '256kb' });
  configureBackendApp(app, config);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    database: app.get(DATABASE),
    logs: logs.lines,
    config,
    close: async () => {
      await app.close();
      await dropTestSchema(dbOptions);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SignedIn {
  id: string;
  role: Role;
  token: string;
  email: string;
  /** `Authorization` header value. */
  auth: string;
  cookie: string;
}

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${counter}@example.test`;
}

function refreshCookieOf(res: request.Response): string {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header?.find((c) => c.startsWith('pi_refresh='));
  return cookie ? cookie.split(';')[0]! : '';
}

export async function registerPatient(t: TestApp, displayName = 'Test Patient', email = uniqueEmail('patient')): Promise<SignedIn> {
  const res = await t.http.post('/v1/auth/register').send({ email, password: TEST_PASSWORD, displayName });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  const body = res.body as AuthResponse;
  return {
    id: body.user.id,
    role: 'patient',
    token: body.accessToken,
    email,
    auth: `Bearer ${body.accessToken}`,
    cookie: refreshCookieOf(res),
  };
}

export async function login(t: TestApp, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const res = await t.http.post('/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${JSON.stringify(res.body)}`);
  const body = res.body as AuthResponse;
  return {
    id: body.user.id,
    role: body.user.role,
    token: body.accessToken,
    email,
    auth: `Bearer ${body.accessToken}`,
    cookie: refreshCookieOf(res),
  };
}

/** A doctor or admin, created the way the first-admin command does it, then signed in. */
export async function createStaff(t: TestApp, role: 'doctor' | 'admin', email = uniqueEmail(role)): Promise<SignedIn> {
  await t.app
    .get(AuthService)
    .createAccount({ email, password: TEST_PASSWORD, role, displayName: `Test ${role}`, mustChangePassword: false, createdBy: null });
  return login(t, email);
}

/** What the intake feature would have stored: a summary, triage and a report. */
export const SAMPLE_SUMMARY = {
  chiefComplaint: 'sentinel-complaint persistent cough',
  hpi: { onset: 'two weeks ago', severity: 4, associatedSymptoms: ['fever'] },
};
export const SAMPLE_REPORT = {
  sections: [{ key: 'currentCase', title: 'Current case', text: 'A cough for two weeks [case:PMC-1].' }],
  citedCases: [{ caseId: 'PMC-1' }],
};

/**
 * An encounter moved through the intake by the service API the intake feature uses, ending in
 * `submitted` (or later, when a doctor is given and `until` asks for it).
 */
export async function seedEncounter(
  t: TestApp,
  patient: SignedIn,
  until: 'draft' | 'submitted' | 'in_review' | 'released' = 'submitted',
  doctor?: SignedIn,
  options: { urgent?: boolean } = {},
): Promise<string> {
  const { EncountersService } = await import('../../src/encounters/encounters.service.js');
  const encounters = t.app.get(EncountersService);
  const actor = { id: patient.id, role: 'patient' as const };
  const draft = await encounters.createDraft(actor);
  await encounters.appendConversation(actor, draft.id, [
    { role: 'patient', text: 'sentinel-symptom I keep coughing', field: 'chiefComplaint', at: new Date().toISOString() },
  ]);
  await encounters.setTriage(actor, draft.id, { urgent: options.urgent ?? false, flags: [], guidance: null }, options.urgent ?? false);
  if (until === 'draft') return draft.id;
  await encounters.setSummary(actor, draft.id, SAMPLE_SUMMARY);
  await encounters.setReport(actor, draft.id, SAMPLE_REPORT, {
    model: 'offline',
    promptVersion: 'p1',
    corpusVersion: 'c1',
    details: { topK: 5 },
  });
  await encounters.submit(actor, draft.id);
  if (until === 'submitted') return draft.id;
  if (!doctor) throw new Error('seedEncounter needs a doctor beyond submitted');
  const doc = { id: doctor.id, role: 'doctor' as const };
  await encounters.claim(doc, draft.id);
  if (until === 'in_review') return draft.id;
  await encounters.release(doc, draft.id);
  return draft.id;
}
