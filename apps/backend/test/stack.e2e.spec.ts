/**
 * End to end over HTTP with the three real services (built, started as processes, embedded defaults,
 * the 1000 sample cases ingested by the real embedder): register → intake → report citing ≥3 cases
 * that exist in the index → doctor claims, notes, prescription, release → patient reads, asks, gets a
 * cited answer → PDF with the cited case ids. Then the same flow with the backend on the fake
 * SageMaker TGI streaming endpoint and on the fake OpenAI-compatible server (same embedder).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  authResponseSchema,
  CITATION_PATTERN,
  intakeStateSchema,
  parseSseFrames,
  qaStreamEventSchema,
  reportProgressEventSchema,
  reportSchema,
  reportViewSchema,
} from '@patientinsight/shared';
import { freePort, REPO_ROOT, ServiceProcess, type Stack, startStack } from '@patientinsight/testing';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { FakeOpenAiServer } from './support/fake-openai-server.ts';
import { FakeSageMakerServer } from './support/fake-sagemaker-server.ts';
import { answerIntake, INTAKE_ANSWERS_WITHOUT_RED_FLAGS } from './support/intake-answers.js';

const ADMIN = { email: 'admin@stack.test', password: 'stack-admin-password-123' };
const PASSWORD = 'correct horse battery staple';
/** The ten intake answers (no red flag among them). */
const ANSWERS = [...INTAKE_ANSWERS_WITHOUT_RED_FLAGS, 'Nothing else'];

class Client {
  constructor(readonly base: string) {}
  async call(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    accept = 'application/json',
  ): Promise<{ status: number; json: Record<string, unknown>; text: string; bytes: Buffer; type: string }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        accept,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, json: type.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {}, text, bytes, type };
  }
  async login(email: string, password: string): Promise<string> {
    const res = await this.call('POST', '/v1/auth/login', undefined, { email, password });
    expect(res.status).toBe(200);
    return authResponseSchema.parse(res.json).accessToken;
  }
}

async function fullFlow(api: Client, embedderUrl: string, serviceToken: string, tag: string): Promise<{ provider: string }> {
  // Accounts: a patient registers; the admin creates a doctor, who sets their own password.
  const email = `patient.${tag}.${Date.now()}@stack.test`;
  const registered = await api.call('POST', '/v1/auth/register', undefined, { email, password: PASSWORD, displayName: 'Maria Lopez' });
  expect(registered.status).toBe(201);
  const patient = authResponseSchema.parse(registered.json).accessToken;
  const admin = await api.login(ADMIN.email, ADMIN.password);
  const doctorEmail = `doctor.${tag}.${Date.now()}@stack.test`;
  expect(
    (
      await api.call('POST', '/v1/users', admin, {
        email: doctorEmail,
        role: 'doctor',
        displayName: 'Dr Who',
        initialPassword: 'initial-password-456',
      })
    ).status,
  ).toBe(201);
  const first = await api.login(doctorEmail, 'initial-password-456');
  expect(
    (await api.call('POST', '/v1/auth/change-password', first, { currentPassword: 'initial-password-456', newPassword: PASSWORD })).status,
  ).toBe(204);
  const doctor = await api.login(doctorEmail, PASSWORD);
  expect((await api.call('PUT', '/v1/profile', patient, { age: 45, sex: 'F', conditions: ['asthma'] })).status).toBe(200);

  // Intake, one question at a time.
  const created = await api.call('POST', '/v1/encounters', patient);
  const id = created.json.id as string;
  let state = intakeStateSchema.parse((await api.call('GET', `/v1/encounters/${id}/intake`, patient)).json);
  state = (
    await answerIntake(state, ANSWERS, async (body) =>
      intakeStateSchema.parse((await api.call('POST', `/v1/encounters/${id}/messages`, patient, body)).json),
    )
  ).at(-1)!;
  expect(state.status).toBe('complete');

  // Report generation streams progress to the patient's browser.
  const generated = await api.call('POST', `/v1/encounters/${id}/report`, patient, undefined, 'text/event-stream');
  expect(generated.status).toBe(200);
  expect(generated.type).toContain('text/event-stream');
  const progress = parseSseFrames(generated.text, reportProgressEventSchema);
  const stored = progress.find((e) => e.type === 'stored');
  expect(stored?.type).toBe('stored');

  // Review and release.
  expect((await api.call('POST', `/v1/encounters/${id}/submit`, patient)).status).toBe(200);
  expect((await api.call('POST', `/v1/encounters/${id}/claim`, doctor)).status).toBe(200);
  const report = reportSchema.parse(reportViewSchema.parse((await api.call('GET', `/v1/encounters/${id}/report`, doctor)).json).report);
  const cited = [...new Set(report.sections.flatMap((s) => [...s.text.matchAll(CITATION_PATTERN)].map((m) => m[1]!)))];
  expect(cited.length).toBeGreaterThanOrEqual(3);
  // Every cited case exists in the embedder's index.
  for (const caseId of cited) {
    const found = await fetch(`${embedderUrl}/v1/cases/${encodeURIComponent(caseId)}`, {
      headers: { authorization: `Bearer ${serviceToken}` },
    });
    expect(found.status).toBe(200);
  }
  expect(
    (await api.call('PUT', `/v1/encounters/${id}/notes`, doctor, { notes: 'Pleuritic pattern; ECG and troponin today.' })).status,
  ).toBe(200);
  expect(
    (
      await api.call('PUT', `/v1/encounters/${id}/prescription`, doctor, {
        items: [{ medication: 'Ibuprofen', dose: '400 mg', route: 'oral', frequency: 'three times daily', duration: '7 days' }],
      })
    ).status,
  ).toBe(200);
  expect((await api.call('POST', `/v1/encounters/${id}/release`, doctor)).status).toBe(200);

  // The doctor asks about the cases and gets an answer citing the report's cases.
  const asked = await api.call(
    'POST',
    `/v1/encounters/${id}/questions`,
    doctor,
    { question: 'What did the similar cases with chest pain show on tests?' },
    'text/event-stream',
  );
  expect(asked.status).toBe(200);
  const done = parseSseFrames(asked.text, qaStreamEventSchema).find((e) => e.type === 'done');
  expect(done?.type).toBe('done');
  if (done?.type !== 'done') throw new Error('no answer');
  expect(done.answer.citations.length).toBeGreaterThanOrEqual(1);
  for (const c of done.answer.citations) expect(report.cases.map((x) => x.caseId)).toContain(c);

  // The patient reads the released answer and asks too: answered from what the doctor wrote, never with case ids.
  expect((await api.call('GET', `/v1/encounters/${id}/patient-view`, patient)).status).toBe(200);
  const patientAsked = await api.call(
    'POST',
    `/v1/encounters/${id}/questions`,
    patient,
    { question: 'Why does my doctor want an ECG and troponin today?' },
    'text/event-stream',
  );
  expect(patientAsked.status).toBe(200);
  const patientDone = parseSseFrames(patientAsked.text, qaStreamEventSchema).find((e) => e.type === 'done');
  if (patientDone?.type !== 'done') throw new Error('no answer for the patient');
  expect(patientDone.answer.citations).toEqual([]);
  for (const caseId of cited) expect(patientDone.answer.answer).not.toContain(caseId);

  // The doctor's PDF carries the report with each cited case numbered against the list of cases.
  const pdf = await api.call('GET', `/v1/encounters/${id}/report.pdf`, doctor, undefined, 'application/pdf');
  expect(pdf.status).toBe(200);
  const parser = new PDFParse({ data: new Uint8Array(pdf.bytes) });
  const text = (await parser.getText()).text;
  await parser.destroy();
  for (let n = 1; n <= cited.length; n++) expect(text).toContain(`[${n}]`);
  expect(text).not.toMatch(/\[case:/);
  return { provider: report.provenance.provider };
}

describe('three services over HTTP on the embedded defaults', () => {
  let stack: Stack;
  const extra: ServiceProcess[] = [];
  const openai = new FakeOpenAiServer();
  const tgi = new FakeSageMakerServer('tgi');
  let openaiUrl = '';
  let tgiUrl = '';

  /** Another backend process on the same embedder, with a model configured. */
  async function backendWith(env: Record<string, string>): Promise<Client> {
    const port = await freePort();
    const proc = new ServiceProcess({
      cwd: join(REPO_ROOT, 'apps/backend'),
      entry: 'dist/main.js',
      env: {
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        PORT: port,
        METRICS_PORT: await freePort(),
        DATA_DIR: join(stack.dataDir, `backend-${port}`),
        SERVICE_TOKEN: stack.serviceToken,
        EMBEDDER_URL: stack.embedder.url,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        ...env,
      },
    });
    extra.push(proc);
    await proc.waitFor(`http://127.0.0.1:${port}/readyz`);
    return new Client(`http://127.0.0.1:${port}`);
  }

  beforeAll(async () => {
    stack = await startStack({ loadSample: true, env: { backend: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } } });
    [openaiUrl, tgiUrl] = await Promise.all([openai.start(), tgi.start()]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all(extra.map((p) => p.stop()));
    await stack?.stop();
    await Promise.all([openai.stop(), tgi.stop()]);
  });

  it('offline composer (the default)', async () => {
    expect(await fullFlow(new Client(stack.backend.url), stack.embedder.url, stack.serviceToken, 'offline')).toEqual({
      provider: 'offline',
    });
  }, 120_000);

  it('SageMaker TGI endpoint with streaming (fake, real SDK)', async () => {
    const api = await backendWith({
      LLM_PROVIDER: 'sagemaker',
      SAGEMAKER_ENDPOINT_NAME: 'openbiollm-8b',
      SAGEMAKER_ENDPOINT_URL: tgiUrl,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    expect(await fullFlow(api, stack.embedder.url, stack.serviceToken, 'tgi')).toEqual({ provider: 'sagemaker-tgi' });
    expect(tgi.calls.some((c) => c.path === '/endpoints/openbiollm-8b/invocations-response-stream')).toBe(true);
  }, 120_000);

  it('OpenAI-compatible server (fake, real SDK)', async () => {
    const api = await backendWith({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: openaiUrl, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'gpt-4o' });
    expect(await fullFlow(api, stack.embedder.url, stack.serviceToken, 'openai')).toEqual({ provider: 'openai' });
    expect(openai.calls.length).toBeGreaterThan(0);
  }, 120_000);
});
