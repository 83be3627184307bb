import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import { TcpProxy } from '@patientinsight/testing';
import {
  answerSchema,
  auditPageSchema,
  encounterDetailSchema,
  encounterHistorySchema,
  feedbackListSchema,
  intakeStateSchema,
  patientViewSchema,
  reportSchema,
  reportStoredSchema,
  reportViewSchema,
} from '@patientinsight/shared';
import { PDFParse } from 'pdf-parse';
import { toJsonb } from '../src/common/json.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { FakeEmbedderServer } from './support/fake-embedder-server.ts';
import { createStaff, registerPatient, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';
import { answerIntake, INTAKE_ANSWERS_WITHOUT_RED_FLAGS } from './support/intake-answers.js';

const SERVICE_TOKEN = 'test-service-token-0123456789';
const ANSWERS = [...INTAKE_ANSWERS_WITHOUT_RED_FLAGS, 'I work in an office'];
const PRIVATE = 'PRIVATE-SENTINEL consider anxiety component, do not share';
/** Planted in the clinician report: a patient's answer must never contain it (a doctor's may). */
const CLINICIAN_PLANT = 'PLANTED-CLINICIAN-7731 gentle swimming may help recovery once the lining settles after a cold.';
/** Fields of the encounter detail only a clinician may receive. */
const CLINICIAN_ONLY = ['sharedCaseIds', 'hiddenCaseIds'];

async function pdfText(buffer: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe.each(testDrivers())('two readers, two views on %s', (driver) => {
  const embedder = new FakeEmbedderServer({ serviceToken: SERVICE_TOKEN, corpusVersion: 'fixture-1' });
  // The backend reaches the embedder through a proxy the test can cut ("the embedder is down").
  let proxy: TcpProxy;
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;
  let otherDoctor: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    const port = Number(new URL(await embedder.start()).port);
    proxy = new TcpProxy('127.0.0.1', port);
    const proxyPort = await proxy.start();
    t = await startTestApp(driver, {
      EMBEDDER_URL: `http://127.0.0.1:${proxyPort}`,
      EMBEDDER_TIMEOUT_MS: '2000',
      REPORT_MIN_RELEVANCE: '0',
    });
    patient = await registerPatient(t, 'Maria Lopez');
    doctor = await createStaff(t, 'doctor');
    otherDoctor = await createStaff(t, 'doctor');
    admin = await createStaff(t, 'admin');
    expect(
      (
        await t.http
          .put('/v1/profile')
          .set('Authorization', patient.auth)
          .send({ age: 52, sex: 'F', conditions: ['hypertension'] })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.stop();
    await embedder.stop();
  });

  /** A complete intake (its report is generated in the background when it completes), submitted. */
  async function submittedEncounter(): Promise<string> {
    const id = (await t.http.post('/v1/encounters').set('Authorization', patient.auth)).body.id as string;
    const first = intakeStateSchema.parse((await t.http.get(`/v1/encounters/${id}/intake`).set('Authorization', patient.auth)).body);
    await answerIntake(first, ANSWERS, async (body) =>
      intakeStateSchema.parse((await t.http.post(`/v1/encounters/${id}/messages`).set('Authorization', patient.auth).send(body)).body),
    );
    await t.app.get(ReportsService).idle();
    expect((await t.http.post(`/v1/encounters/${id}/submit`).set('Authorization', patient.auth)).status).toBe(200);
    return id;
  }

  const get = (path: string, who: SignedIn) => t.http.get(path).set('Authorization', who.auth);
  const ask = async (id: string, who: SignedIn, question: string) => {
    const res = await t.http.post(`/v1/encounters/${id}/questions`).set('Authorization', who.auth).send({ question });
    expect(res.status).toBe(200);
    return answerSchema.parse(res.body);
  };
  const pdfOf = async (id: string, who: SignedIn) => {
    const res = await t.http
      .get(`/v1/encounters/${id}/report.pdf`)
      .set('Authorization', who.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    return { status: res.status, text: res.status === 200 ? await pdfText(res.body as Buffer) : '' };
  };
  const auditOf = async (action: string) => auditPageSchema.parse((await get(`/v1/audit?action=${action}&limit=50`, admin)).body).entries;

  it('gives the patient only what the doctor wrote for them and the cases they shared, never the clinician report, before or after release', async () => {
    const id = await submittedEncounter();
    const clinician = reportSchema.parse(reportViewSchema.parse((await get(`/v1/encounters/${id}/report`, doctor)).body).report);
    expect(clinician.cases.length).toBeGreaterThanOrEqual(2);
    const sectionText = clinician.sections.map((s) => s.text).find((text) => text.length > 40) ?? '';
    expect(sectionText).not.toBe('');
    const [kept, rated] = clinician.cases.map((c) => c.caseId) as [string, string];

    // Before release: no report, no patient view, nothing clinician-only in the detail.
    const before = await get(`/v1/encounters/${id}`, patient);
    expect(before.body).toMatchObject({ report: null, reportMeta: null, privateNotes: null, reportFailure: null });
    for (const key of CLINICIAN_ONLY) expect(before.body).not.toHaveProperty(key);
    expect((await get(`/v1/encounters/${id}/report`, patient)).status).toBe(403);
    expect((await get(`/v1/encounters/${id}/patient-view`, patient)).status).toBe(404);
    expect((await get(`/v1/encounters/${id}/patient-preview`, patient)).status).toBe(403);

    expect((await t.http.post(`/v1/encounters/${id}/claim`).set('Authorization', doctor.auth)).status).toBe(200);
    const notes = {
      notes: 'Your chest pain is most likely from the lining around the heart after your cold.',
      message: 'Thank you for the detail; nothing here needs an emergency visit.',
      nextSteps: '- Take ibuprofen with food for a week\n- Book a check-up in two weeks\n\n',
      privateNotes: PRIVATE,
    };
    expect((await t.http.put(`/v1/encounters/${id}/notes`).set('Authorization', doctor.auth).send(notes)).status).toBe(200);
    const rx = {
      items: [
        {
          medication: 'Ibuprofen',
          dose: '400 mg',
          route: 'oral',
          frequency: 'three times a day',
          duration: '7 days',
          instructions: 'with food',
        },
      ],
    };
    expect((await t.http.put(`/v1/encounters/${id}/prescription`).set('Authorization', doctor.auth).send(rx)).status).toBe(200);

    // Sharing: only the report's cases, the bad one named by its place in the list.
    const bad = await t.http
      .put(`/v1/encounters/${id}/shared-cases`)
      .set('Authorization', doctor.auth)
      .send({ caseIds: [kept, 'PMC-NOT-IN-REPORT'] });
    expect([bad.status, bad.body.error.code, bad.body.error.details]).toEqual([
      400,
      'CASE_NOT_IN_REPORT',
      [{ field: 'caseIds.1', reason: 'is not a case of this report' }],
    ]);
    const shared = await t.http
      .put(`/v1/encounters/${id}/shared-cases`)
      .set('Authorization', doctor.auth)
      .send({ caseIds: [kept, rated] });
    expect(shared.body.sharedCaseIds).toEqual([kept, rated]);
    // "Not useful" hides the case from the patient and is kept as feedback for the evaluation.
    expect(
      (
        await t.http
          .put(`/v1/encounters/${id}/feedback`)
          .set('Authorization', doctor.auth)
          .send({ target: 'case', caseId: rated, useful: false })
      ).status,
    ).toBe(200);

    const preview = patientViewSchema.parse((await get(`/v1/encounters/${id}/patient-preview`, doctor)).body);
    expect(preview).toMatchObject({
      encounterId: id,
      status: 'in_review',
      doctorName: 'Test doctor',
      message: notes.message,
      notes: notes.notes,
      prescription: rx.items,
      nextSteps: ['Take ibuprofen with food for a week', 'Book a check-up in two weeks'],
      withReport: true,
    });
    expect(preview.sharedCases.map((c) => c.caseId)).toEqual([kept]);
    expect(Object.keys(preview.sharedCases[0] ?? {}).sort()).toEqual(['age', 'caseId', 'pmid', 'pubmedUrl', 'sex', 'snippet', 'title']);

    expect((await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth)).status).toBe(200);

    // After release: the patient view is the preview, and nothing else of the report or the private notes reaches the patient.
    const view = patientViewSchema.parse((await get(`/v1/encounters/${id}/patient-view`, patient)).body);
    expect({ ...view, status: 'x', releasedAt: null }).toEqual({ ...preview, status: 'x', releasedAt: null });
    expect(view.status).toBe('released');
    const detail = await get(`/v1/encounters/${id}`, patient);
    expect(detail.body).toMatchObject({
      status: 'released',
      report: null,
      reportMeta: null,
      privateNotes: null,
      doctorNotes: notes.notes,
      patientMessage: notes.message,
    });
    for (const key of CLINICIAN_ONLY) expect(detail.body).not.toHaveProperty(key);
    expect((await get(`/v1/encounters/${id}/report`, patient)).status).toBe(403);
    for (const body of [JSON.stringify(view), JSON.stringify(detail.body)]) {
      expect(body).not.toContain(PRIVATE);
      expect(body).not.toContain(sectionText);
      expect(body).not.toContain('"scores"');
      expect(body).not.toContain('provenance');
    }
    const exported = await get('/v1/me/export', patient);
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain(PRIVATE);
    expect(exported.text).not.toContain(sectionText);
    const pdf = await t.http
      .get(`/v1/encounters/${id}/report.pdf`)
      .set('Authorization', patient.auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(await pdfText(pdf.body as Buffer)).not.toContain('PRIVATE-SENTINEL');

    // Questions: a patient's answer draws on the patient view only. A sentence planted in the clinician report
    // shares the question's words; the doctor's answer finds it, the patient's never does, nor any case id.
    const stored = reportSchema.parse(
      (await t.database.db.selectFrom('encounters').select('report').where('id', '=', id).executeTakeFirstOrThrow()).report,
    );
    const planted = {
      ...stored,
      sections: stored.sections.map((sec, i) => (i === 0 ? { ...sec, text: `${sec.text}\n${CLINICIAN_PLANT}` } : sec)),
      cases: stored.cases.map((c) =>
        c.caseId === kept ? { ...c, snippet: 'Gentle swimming helped the recovery of this patient within a month.' } : c,
      ),
    };
    await t.database.db
      .updateTable('encounters')
      .set({ report: toJsonb(planted) })
      .where('id', '=', id)
      .execute();
    const keptTitle = stored.cases.find((c) => c.caseId === kept)?.title.replace(/[.\s]+$/, '') ?? '';
    const question = 'Would gentle swimming help my recovery?';
    expect((await ask(id, doctor, question)).answer).toContain('PLANTED-CLINICIAN-7731');
    const fromCase = await ask(id, patient, question);
    expect(fromCase.answer).toContain('Gentle swimming helped the recovery of this patient within a month');
    expect(fromCase.answer).toContain(`“${keptTitle}”`);
    expect(fromCase.sources).toEqual(['cases']);
    const fromNotes = await ask(id, patient, 'Why does the lining matter after my cold?');
    expect(fromNotes.answer).toContain('most likely from the lining around the heart after your cold');
    expect(fromNotes.sources).toEqual(['doctor_notes']);
    const unanswered = await ask(id, patient, 'How long will I be off work?');
    expect(unanswered.answer).toMatch(/^What your doctor wrote for you does not answer this question/);
    for (const answer of [fromCase, fromNotes, unanswered]) {
      const body = JSON.stringify(answer);
      expect(body).not.toContain('PLANTED-CLINICIAN');
      expect(body).not.toContain(sectionText);
      expect(body).not.toMatch(/\[case/);
      for (const c of clinician.cases) expect(body).not.toContain(c.caseId);
      expect(body).not.toContain(PRIVATE);
    }

    // The doctor keeps the private notes; the rating is on record for the evaluation.
    expect((await get(`/v1/encounters/${id}`, doctor)).body).toMatchObject({ privateNotes: PRIVATE, hiddenCaseIds: [rated] });
    const ratings = feedbackListSchema.parse((await get('/v1/feedback', admin)).body).feedback;
    expect(ratings).toContainEqual(expect.objectContaining({ encounterId: id, target: 'case', caseId: rated, useful: false }));

    // A case rated not useful after release leaves the patient's page at once.
    expect(
      (
        await t.http
          .put(`/v1/encounters/${id}/feedback`)
          .set('Authorization', doctor.auth)
          .send({ target: 'case', caseId: kept, useful: false })
      ).status,
    ).toBe(200);
    expect(patientViewSchema.parse((await get(`/v1/encounters/${id}/patient-view`, patient)).body).sharedCases).toEqual([]);
  });

  it('keeps a failed report for the doctor, who regenerates it (audited), never after release', async () => {
    await proxy.stop();
    let id = '';
    try {
      id = await submittedEncounter();
      const failed = encounterDetailSchema.parse((await get(`/v1/encounters/${id}`, doctor)).body);
      expect(failed.report).toBeNull();
      expect(failed.reportFailure?.code).toBe('RETRIEVAL_UNAVAILABLE');
      // The patient learns nothing of it.
      expect((await get(`/v1/encounters/${id}`, patient)).body.reportFailure).toBeNull();

      // Still down: the doctor's attempt fails with the same reason, and says so.
      const down = await t.http.post(`/v1/encounters/${id}/report/regenerate`).set('Authorization', doctor.auth).send({});
      expect([down.status, down.body.error.code]).toEqual([503, 'RETRIEVAL_UNAVAILABLE']);
    } finally {
      await proxy.start();
    }

    expect((await t.http.post(`/v1/encounters/${id}/claim`).set('Authorization', doctor.auth)).status).toBe(200);
    const foreign = await t.http.post(`/v1/encounters/${id}/report/regenerate`).set('Authorization', otherDoctor.auth).send({});
    expect([foreign.status, foreign.body.error.code]).toEqual([409, 'NOT_CLAIMED_BY_YOU']);
    expect((await t.http.post(`/v1/encounters/${id}/report/regenerate`).set('Authorization', patient.auth).send({})).status).toBe(403);
    const badBody = await t.http.post(`/v1/encounters/${id}/report/regenerate`).set('Authorization', doctor.auth).send({ reason: 7 });
    expect([badBody.status, badBody.body.error.details?.[0]?.field]).toEqual([400, 'reason']);

    const regenerated = await t.http
      .post(`/v1/encounters/${id}/report/regenerate`)
      .set('Authorization', doctor.auth)
      .send({ reason: 'The embedder was down when the intake finished' });
    expect(regenerated.status).toBe(200);
    expect(reportStoredSchema.parse(regenerated.body).casesRetrieved).toBeGreaterThan(0);
    const now = encounterDetailSchema.parse((await get(`/v1/encounters/${id}`, doctor)).body);
    expect(reportSchema.safeParse(now.report).success).toBe(true);
    expect(now.reportFailure).toBeNull();

    const history = encounterHistorySchema.parse((await get(`/v1/encounters/${id}/history`, doctor)).body).events;
    expect(history.filter((e) => e.type === 'report_failed').map((e) => e.data?.code)).toEqual([
      'RETRIEVAL_UNAVAILABLE',
      'RETRIEVAL_UNAVAILABLE',
    ]);
    expect(history.find((e) => e.type === 'report' && e.data?.regenerated)).toMatchObject({
      actorId: doctor.id,
      data: { previous: 'failed', reason: 'The embedder was down when the intake finished' },
    });
    const audited = (await auditOf('report.regenerate')).filter((e) => e.resourceId === id);
    expect(audited.map((e) => [e.actorId, e.outcome])).toEqual(
      expect.arrayContaining([
        [doctor.id, 'success'],
        [otherDoctor.id, 'failure'],
      ]),
    );

    expect(
      (await t.http.put(`/v1/encounters/${id}/notes`).set('Authorization', doctor.auth).send({ notes: 'See the attached plan.' })).status,
    ).toBe(200);
    expect((await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth)).status).toBe(200);
    // The patient's export lists the report event (model, versions) but not the doctor's reason.
    const exported = await get('/v1/me/export', patient);
    expect(exported.status).toBe(200);
    const exportedEvents =
      (exported.body.encounters as { id: string; events: { type: string; data: Record<string, unknown> | null }[] }[]).find(
        (e) => e.id === id,
      )?.events ?? [];
    expect(exportedEvents.filter((e) => e.type === 'report').map((e) => Object.keys(e.data ?? {}).sort())).toEqual([
      ['corpusVersion', 'model', 'promptVersion'],
    ]);
    expect(exported.text).not.toContain('The embedder was down when the intake finished');
    const late = await t.http.post(`/v1/encounters/${id}/report/regenerate`).set('Authorization', doctor.auth).send({});
    expect([late.status, late.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('releases a message, notes or a prescription without a report, and refuses an empty release', async () => {
    await proxy.stop();
    let id = '';
    try {
      id = await submittedEncounter();
    } finally {
      await proxy.start();
    }
    expect((await t.http.post(`/v1/encounters/${id}/claim`).set('Authorization', doctor.auth)).status).toBe(200);
    const empty = await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth);
    expect([empty.status, empty.body.error.code]).toEqual([409, 'REPORT_MISSING']);
    expect(empty.body.error.message).toMatch(/message, notes or a prescription/);
    // No report, so no cases to share.
    expect(
      (await t.http.put(`/v1/encounters/${id}/shared-cases`).set('Authorization', doctor.auth).send({ caseIds: [] })).body.error.code,
    ).toBe('REPORT_MISSING');

    const message = 'Our case search is down today; from what you wrote, please see your GP this week.';
    expect(
      (await t.http.put(`/v1/encounters/${id}/notes`).set('Authorization', doctor.auth).send({ notes: '', message, privateNotes: PRIVATE }))
        .status,
    ).toBe(200);
    const preview = patientViewSchema.parse((await get(`/v1/encounters/${id}/patient-preview`, doctor)).body);
    expect(preview).toMatchObject({ message, notes: null, prescription: [], nextSteps: [], sharedCases: [], withReport: false });
    const released = await t.http.post(`/v1/encounters/${id}/release`).set('Authorization', doctor.auth);
    expect([released.status, released.body.status]).toEqual([200, 'released']);
    const history = encounterHistorySchema.parse((await get(`/v1/encounters/${id}/history`, doctor)).body).events;
    expect(history.find((e) => e.type === 'release')?.data).toEqual({ withoutReport: true });

    const view = patientViewSchema.parse((await get(`/v1/encounters/${id}/patient-view`, patient)).body);
    expect(view).toMatchObject({ status: 'released', message, sharedCases: [] });
    expect(JSON.stringify(view)).not.toContain(PRIVATE);

    // Without a report the PDF and the questions still work, from the patient view.
    const pdf = await pdfOf(id, patient);
    expect(pdf.status).toBe(200);
    expect(pdf.text).toContain('Message from your doctor');
    expect(pdf.text.replace(/\s+/g, ' ')).toContain(message);
    expect(pdf.text).not.toContain('PRIVATE-SENTINEL');
    const doctorPdf = await pdfOf(id, doctor);
    expect([doctorPdf.status, doctorPdf.text.includes('Released without a report')]).toEqual([200, true]);
    const answer = await ask(id, patient, 'When should I see my GP?');
    expect(answer.answer).toContain('please see your GP this week');
    expect(answer.sources).toEqual(['doctor_notes']);
    // A doctor's questions need the report, as before.
    expect(
      (await t.http.post(`/v1/encounters/${id}/questions`).set('Authorization', doctor.auth).send({ question: 'What next?' })).status,
    ).toBe(404);
  });
});
