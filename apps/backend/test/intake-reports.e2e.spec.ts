import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import {
  answerSchema,
  CITATION_PATTERN,
  errorBodySchema,
  intakeStateSchema,
  OFFLINE_LABEL,
  parseSseFrames,
  patientViewSchema,
  qaStreamEventSchema,
  reportProgressEventSchema,
  reportSchema,
  reportViewSchema,
} from '@patientinsight/shared';
import fc from 'fast-check';
import { PDFParse } from 'pdf-parse';
import { FakeOpenAiServer } from './support/fake-openai-server.ts';
import { FakeSageMakerServer } from './support/fake-sagemaker-server.ts';
import { ReportsService } from '../src/reports/reports.service.js';
import { FakeEmbedderServer, FIXTURE_CASES } from './support/fake-embedder-server.ts';
import { createStaff, registerPatient, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';
import { answerIntake, INTAKE_ANSWERS_WITHOUT_RED_FLAGS } from './support/intake-answers.js';

const SERVICE_TOKEN = 'test-service-token-0123456789';
/** The ten intake answers (no red flag among them). */
const ANSWERS = [...INTAKE_ANSWERS_WITHOUT_RED_FLAGS, 'I teach at a school, my email is maria.lopez@example.org'];
const fixtureIds = new Set(FIXTURE_CASES.map((c) => c.caseId));
const sse = { Accept: 'text/event-stream' };

async function pdfText(buffer: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

async function intake(
  t: TestApp,
  patient: SignedIn,
  answers: string[],
): Promise<{ id: string; states: ReturnType<typeof intakeStateSchema.parse>[] }> {
  const created = await t.http.post('/v1/encounters').set('Authorization', patient.auth);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const first = intakeStateSchema.parse((await t.http.get(`/v1/encounters/${id}/intake`).set('Authorization', patient.auth)).body);
  expect(first.question?.field).toBe('chiefComplaint');
  expect(first.summary.profile).toMatchObject({ age: 52, sex: 'F', conditions: ['hypertension'] });
  const states = await answerIntake(first, answers, async (body) => {
    const res = await t.http.post(`/v1/encounters/${id}/messages`).set('Authorization', patient.auth).send(body);
    expect(res.status).toBe(200);
    return intakeStateSchema.parse(res.body);
  });
  return { id, states };
}

/** The whole flow for one model configuration: intake → report → review → release → Q&A → PDF. */
function flow(name: string, driver: 'pglite' | 'postgres', model: () => { env: Record<string, string>; calls: () => number }) {
  describe(`${name} on ${driver}`, () => {
    const embedder = new FakeEmbedderServer({ serviceToken: SERVICE_TOKEN, corpusVersion: 'fixture-1' });
    let t: TestApp;
    let patient: SignedIn;
    let doctor: SignedIn;

    beforeAll(async () => {
      const embedderUrl = await embedder.start();
      // REPORT_MIN_RELEVANCE 0: the fake embedder's word-overlap scores are not on the fused scale the calibration was fitted on.
      t = await startTestApp(driver, {
        EMBEDDER_URL: embedderUrl,
        REPORT_MIN_RELEVANCE: '0',
        LLM_FIRST_TOKEN_TIMEOUT_MS: '1500',
        LLM_IDLE_TIMEOUT_MS: '1500',
        LLM_RETRIES: '0',
        ...model().env,
      });
      patient = await registerPatient(t, 'Maria Lopez');
      doctor = await createStaff(t, 'doctor');
      expect(
        (
          await t.http
            .put('/v1/profile')
            .set('Authorization', patient.auth)
            .send({ age: 52, sex: 'F', conditions: ['hypertension'], medications: ['amlodipine'] })
        ).status,
      ).toBe(200);
    });
    afterAll(async () => {
      await t?.close();
      await embedder.stop();
    });

    it('intake → report with ≥3 cited retrieved cases → review → release → cited answer → medicine question to the doctor → PDF for each reader', async () => {
      const { id, states } = await intake(t, patient, ANSWERS);
      const last = states.at(-1)!;
      expect(last.status).toBe('complete');
      expect(last.question).toBeNull();
      expect(last.summary).toMatchObject({
        chiefComplaint: ANSWERS[0],
        hpi: { severity: 5, aggravating: ANSWERS[6], associatedSymptoms: ['A low-grade fever', 'tiredness'] },
      });
      await t.app.get(ReportsService).idle(); // the intake started a generation when it completed

      // Generation streams progress to the patient's browser; the content waits for release.
      const generated = await t.http
        .post(`/v1/encounters/${id}/report`)
        .set('Authorization', patient.auth)
        .set(sse)
        .buffer(true)
        .parse((res, cb) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => cb(null, body));
        });
      expect(generated.status).toBe(200);
      expect(generated.headers['content-type']).toMatch(/text\/event-stream/);
      const events = parseSseFrames(generated.body as string, reportProgressEventSchema);
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['progress', 'stored']));
      const stored = events.find((e) => e.type === 'stored');
      expect(stored?.type === 'stored' && stored.stored.casesCited).toBeGreaterThanOrEqual(3);
      expect(generated.body).not.toContain('[case:');
      expect((await t.http.get(`/v1/encounters/${id}/report`).set('Authorization', patient.auth)).status).toBe(403);

      // The doctor reviews and releases.
      expect((await t.http.post(`/v1/encounters/${id}/submit`).set('Authorization', patient.auth)).status).toBe(200);
      expect((await t.http.post(`/v1/encounters/${id}/claim`).set('Authorization', doctor.auth)).status).toBe(200);
      const doctorView = reportViewSchema.parse((await t.http.get(`/v1/encounters/${id}/report`).set('Authorization', doctor.auth)).body);
      const report = reportSchema.parse(doctorView.report);
      const text = report.sections.map((s) => s.text).join('\n');
      const cited = new Set([...text.matchAll(CITATION_PATTERN)].map((m) => m[1]!));
      expect(cited.size).toBeGreaterThanOrEqual(3);
      for (const caseId of cited) expect(fixtureIds).toContain(caseId);
      expect(text).not.toContain('[EMAIL_'); // masked placeholders are restored
      expect(doctorView.reportMeta).toMatchObject({ promptVersion: report.provenance.promptVersion, corpusVersion: 'fixture-1' });
      expect(doctorView.reportMeta.details).toMatchObject({ retrieval: { topK: 5 } });
      expect(
        (
          await t.http
            .put(`/v1/encounters/${id}/notes`)
            .set('Authorization', doctor.auth)
            .send({ notes: 'Likely pericarditis pattern; ECG and troponin today.' })
        ).status,
      ).toBe(200);
      const prescription = {
        items: [
          {
            medication: 'Ibuprofen',
            dose: '400 mg',
            route: 'oral',
            frequency: 'three times daily',
            duration: '7 days',
            instructions: 'with food',
          },
        ],
      };
      expect((await t.http.put(`/v1/encounters/${id}/prescription`).set('Authorization', doctor.auth).send(prescription)).status).toBe(200);
      const sharedIds = report.cases.filter((c) => c.cited).map((c) => c.caseId);
      expect(
        (await t.http.put(`/v1/encounters/${id}/shared-cases`).set('Authorization', doctor.auth).send({ caseIds: sharedIds })).status,
      ).toBe(200);
      expect((await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth)).status).toBe(200);

      // The patient reads it and asks a question; the answer streams from the patient view (the shared cases named by
      // title, never by id; nothing of the clinician report).
      const released = patientViewSchema.parse(
        (await t.http.get(`/v1/encounters/${id}/patient-view`).set('Authorization', patient.auth)).body,
      );
      expect(released.notes).toContain('ECG');
      const asked = await t.http
        .post(`/v1/encounters/${id}/questions`)
        .set('Authorization', patient.auth)
        .set(sse)
        .send({ question: 'What did the similar cases with sharp chest pain show on the ECG?' })
        .buffer(true)
        .parse((res, cb) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => cb(null, body));
        });
      expect(asked.status).toBe(200);
      const qa = parseSseFrames(asked.body as string, qaStreamEventSchema);
      expect(qa.some((e) => e.type === 'delta')).toBe(true);
      const done = qa.find((e) => e.type === 'done');
      const answer = answerSchema.parse(done?.type === 'done' ? done.answer : null);
      expect(answer.answer.length).toBeGreaterThan(0);
      expect(answer.citations).toEqual([]);
      expect(JSON.stringify(answer)).not.toMatch(/\[case:/);
      for (const caseId of fixtureIds) expect(JSON.stringify(answer)).not.toContain(caseId);
      expect(answer.answer).not.toContain(
        report.sections.find((sec) => sec.key === 'suggestedApproach')?.text.split('\n')[0] ?? 'no section',
      );

      // A medicine question goes to the doctor, whatever the report says.
      const medication = answerSchema.parse(
        (
          await t.http
            .post(`/v1/encounters/${id}/questions`)
            .set('Authorization', patient.auth)
            .send({ question: 'Is it OK to take naproxen with my asthma?' })
        ).body,
      );
      expect(medication.answer).toMatch(/ask your doctor/);
      expect(medication.sources).toEqual([]);

      // The PDF downloads: the doctor's copy names the patient and the cited cases by title; the patient's holds no clinician section.
      const download = (who: SignedIn) =>
        t.http
          .get(`/v1/encounters/${id}/report.pdf`)
          .set('Authorization', who.auth)
          .buffer(true)
          .parse((res, cb) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => cb(null, Buffer.concat(chunks)));
          });
      const pdf = await download(doctor);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const pdfBody = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
      expect(pdfBody).toContain('Patient: Maria Lopez');
      for (const c of report.cases.filter((x) => x.cited))
        expect(pdfBody).toContain(
          c.title
            .replace(/[.\s]+$/, '')
            .replace(/\s+/g, ' ')
            .slice(0, 40),
        );
      expect(pdfBody).toContain('Ibuprofen');
      expect(pdfBody).not.toContain('[case:');
      const patientPdf = (await pdfText((await download(patient)).body as Buffer)).replace(/\s+/g, ' ');
      expect(patientPdf).toContain('Ibuprofen');
      expect(patientPdf).not.toContain('Suggested approach');
      return { calls: model().calls() };
    });

    it('a red-flag message stops the intake with emergency guidance, marks the encounter urgent, and reaches no model', async () => {
      const callsBefore = model().calls();
      const { id, states } = await intake(t, patient, ['I have crushing chest pain going down my left arm and I am sweating']);
      const state = states.at(-1)!;
      expect(state.status).toBe('urgent');
      expect(state.question?.kind).toBe('confirm_flag');
      expect(state.triage.guidance).toMatch(/emergency/i);
      expect(state.triage.flags[0]?.category).toBe('acute_coronary_syndrome');
      const again = await t.http
        .post(`/v1/encounters/${id}/messages`)
        .set('Authorization', patient.auth)
        .send({ text: 'It is getting worse' });
      expect(intakeStateSchema.parse(again.body).status).toBe('urgent');
      const report = await t.http.post(`/v1/encounters/${id}/report`).set('Authorization', patient.auth);
      expect([report.status, report.body.error.code]).toEqual([409, 'ENCOUNTER_URGENT']);
      expect(model().calls()).toBe(callsBefore);
      expect((await t.http.get(`/v1/encounters/${id}`).set('Authorization', patient.auth)).body.urgent).toBe(true);
    });

    it('rejects bad input with a 4xx naming the field', async () => {
      const created = await t.http.post('/v1/encounters').set('Authorization', patient.auth);
      const empty = await t.http
        .post(`/v1/encounters/${created.body.id}/messages`)
        .set('Authorization', patient.auth)
        .send({ text: '   ' });
      expect([empty.status, empty.body.error.code, empty.body.error.details[0].field]).toEqual([400, 'VALIDATION_FAILED', 'text']);
      const early = await t.http.post(`/v1/encounters/${created.body.id}/report`).set('Authorization', patient.auth);
      expect([early.status, early.body.error.code]).toEqual([409, 'INTAKE_INCOMPLETE']);
      const question = await t.http.post(`/v1/encounters/${created.body.id}/questions`).set('Authorization', patient.auth).send({});
      expect([question.status, question.body.error.details[0].field]).toEqual([400, 'question']);
    });
  });
}

const openai = new FakeOpenAiServer();
const tgi = new FakeSageMakerServer('tgi');
let openaiUrl = '';
let tgiUrl = '';
beforeAll(async () => {
  [openaiUrl, tgiUrl] = await Promise.all([openai.start(), tgi.start()]);
});
afterAll(() => Promise.all([openai.stop(), tgi.stop()]));

for (const driver of testDrivers()) flow('offline composer', driver, () => ({ env: {}, calls: () => 0 }));
flow('OpenAI-compatible fake server', 'pglite', () => ({
  env: { LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openaiUrl, LLM_MODEL: 'gpt-4o' },
  calls: () => openai.calls.length,
}));
flow('SageMaker TGI streaming fake endpoint', 'pglite', () => ({
  env: {
    LLM_PROVIDER: 'sagemaker',
    SAGEMAKER_CONTAINER: 'tgi',
    SAGEMAKER_ENDPOINT_NAME: 'openbiollm-8b',
    SAGEMAKER_ENDPOINT_URL: tgiUrl,
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
  },
  calls: () => tgi.calls.length,
}));

describe('model faults over HTTP: the labelled offline report, never a 500', () => {
  const embedder = new FakeEmbedderServer({ serviceToken: SERVICE_TOKEN });
  const faulty = new FakeOpenAiServer();
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;
  beforeAll(async () => {
    const [embedderUrl, url] = await Promise.all([embedder.start(), faulty.start()]);
    t = await startTestApp('pglite', {
      EMBEDDER_URL: embedderUrl,
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: url,
      LLM_FIRST_TOKEN_TIMEOUT_MS: '300',
      LLM_IDLE_TIMEOUT_MS: '300',
      LLM_RETRIES: '1',
      LLM_BACKOFF_MS: '10',
      LLM_BREAKER_FAILURES: '50',
    });
    patient = await registerPatient(t, 'Maria Lopez');
    doctor = await createStaff(t, 'doctor');
    await t.http
      .put('/v1/profile')
      .set('Authorization', patient.auth)
      .send({ age: 52, sex: 'F', conditions: ['hypertension'] });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([embedder.stop(), faulty.stop()]);
  });

  it.each([
    ['hangs', 'hang'],
    ['answers 500', 'error-500'],
    ['sends malformed output', 'malformed'],
  ] as const)('the model %s', async (_name, behaviour) => {
    faulty.options = { behaviour: 'ok' };
    const { id } = await intake(t, patient, ANSWERS);
    await t.app.get(ReportsService).idle();
    faulty.options = { behaviour };
    const res = await t.http
      .post(`/v1/encounters/${id}/report`)
      .set('Authorization', patient.auth)
      .set(sse)
      .buffer(true)
      .parse((r, cb) => {
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString()));
        r.on('end', () => cb(null, body));
      });
    expect(res.status).toBe(200);
    const events = parseSseFrames(res.body as string, reportProgressEventSchema);
    expect(events.find((e) => e.type === 'fallback')).toMatchObject({ generatedBy: { kind: 'offline', label: OFFLINE_LABEL } });
    expect(events.at(-1)?.type).toBe('stored');
    await t.http.post(`/v1/encounters/${id}/submit`).set('Authorization', patient.auth);
    const view = reportViewSchema.parse((await t.http.get(`/v1/encounters/${id}/report`).set('Authorization', doctor.auth)).body);
    const report = reportSchema.parse(view.report);
    expect(report.provenance.generatedBy).toMatchObject({ kind: 'offline', label: OFFLINE_LABEL });
    expect(report.provenance.generatedBy.fallbackReason).toBeTruthy();
    expect(report.sections.every((s) => s.text.length > 0)).toBe(true);
    expect(report.cases.filter((c) => c.cited).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps intake, report, questions and PDF to the people allowed to see them', async () => {
    faulty.options = { behaviour: 'ok' };
    const other = await registerPatient(t, 'Other Person');
    const { id } = await intake(t, patient, ANSWERS);
    await t.app.get(ReportsService).idle();
    // Before release: no PDF and no questions for the patient; a doctor cannot see a draft at all.
    expect((await t.http.get(`/v1/encounters/${id}/report.pdf`).set('Authorization', patient.auth)).status).toBe(404);
    expect(
      (await t.http.post(`/v1/encounters/${id}/questions`).set('Authorization', patient.auth).send({ question: 'What now?' })).status,
    ).toBe(404);
    expect((await t.http.get(`/v1/encounters/${id}/intake`).set('Authorization', doctor.auth)).status).toBe(404);
    // Roles: doctors do not write the intake or generate the patient's report.
    expect((await t.http.post(`/v1/encounters/${id}/messages`).set('Authorization', doctor.auth).send({ text: 'hello' })).status).toBe(403);
    expect((await t.http.post(`/v1/encounters/${id}/report`).set('Authorization', doctor.auth)).status).toBe(403);
    await t.http.post(`/v1/encounters/${id}/submit`).set('Authorization', patient.auth);
    await t.http.post(`/v1/encounters/${id}/claim`).set('Authorization', doctor.auth);
    // A doctor holding it may ask; the answer says who asked.
    const doctorAnswer = await t.http
      .post(`/v1/encounters/${id}/questions`)
      .set('Authorization', doctor.auth)
      .send({ question: 'Which cases showed ECG changes?' });
    expect(doctorAnswer.status).toBe(200);
    expect(answerSchema.parse(doctorAnswer.body).askedBy).toBe('doctor');
    await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth);
    // Another patient learns nothing: 404 on every route, as for an encounter that does not exist.
    const attempts = [
      t.http.get(`/v1/encounters/${id}/intake`),
      t.http.get(`/v1/encounters/${id}/report.pdf`),
      t.http.post(`/v1/encounters/${id}/report`),
      t.http.post(`/v1/encounters/${id}/messages`).send({ text: 'hi' }),
      t.http.post(`/v1/encounters/${id}/questions`).send({ question: 'hi' }),
    ];
    for (const attempt of attempts) {
      const res = await attempt.set('Authorization', other.auth);
      expect([res.status, res.body.error.code]).toEqual([404, 'ENCOUNTER_NOT_FOUND']);
    }
    // A patient's question with a red flag gets the emergency guidance, not an answer from the model.
    const before = faulty.calls.length;
    const urgent = await t.http
      .post(`/v1/encounters/${id}/questions`)
      .set('Authorization', patient.auth)
      .send({ question: 'Now I cannot breathe and my lips are blue, what should I do?' });
    expect(answerSchema.parse(urgent.body).answer).toMatch(/emergency/i);
    expect(faulty.calls.length).toBe(before);
  });

  it('no request body to the intake, report or question routes produces a 5xx (fast-check)', async () => {
    faulty.options = { behaviour: 'ok' };
    const draft = (await t.http.post('/v1/encounters').set('Authorization', patient.auth)).body.id as string;
    const { id: released } = await intake(t, patient, ANSWERS);
    await t.app.get(ReportsService).idle();
    await t.http.post(`/v1/encounters/${released}/submit`).set('Authorization', patient.auth);
    await t.http.post(`/v1/encounters/${released}/claim`).set('Authorization', doctor.auth);
    await t.http.post(`/v1/encounters/${released}/release`).set('Authorization', doctor.auth);
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const body = (key: string) =>
      fc.oneof(
        anyJson,
        fc.dictionary(fc.constantFrom(key, 'finish', 'extra', '__proto__'), anyJson, { maxKeys: 3 }),
        fc.record({ [key]: fc.oneof(fc.string({ maxLength: 5000 }), anyJson) }),
      );
    const check = async (res: { status: number; body: unknown }) => {
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expect(errorBodySchema.safeParse(res.body).success).toBe(true);
    };
    await fc.assert(
      fc.asyncProperty(body('text'), async (b) =>
        check(
          await t.http
            .post(`/v1/encounters/${draft}/messages`)
            .set('Authorization', patient.auth)
            .set('content-type', 'application/json')
            .send(JSON.stringify(b) ?? 'null'),
        ),
      ),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(body('question'), async (b) =>
        check(
          await t.http
            .post(`/v1/encounters/${released}/questions`)
            .set('Authorization', patient.auth)
            .set('content-type', 'application/json')
            .send(JSON.stringify(b) ?? 'null'),
        ),
      ),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (id) =>
        check(await t.http.get(`/v1/encounters/${encodeURIComponent(id) || 'x'}/report.pdf`).set('Authorization', patient.auth)),
      ),
      { numRuns: 30 },
    );
  });
});
