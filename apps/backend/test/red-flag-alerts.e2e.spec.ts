import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MetricsServer } from '@patientinsight/nest-kit';
import { testDrivers } from '@patientinsight/nest-kit/testing';
import {
  dashboardSchema,
  encounterDetailSchema,
  encounterHistorySchema,
  reviewQueueSchema,
  type TriageResult,
} from '@patientinsight/shared';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { EncountersService } from '../src/encounters/encounters.service.js';
import { loadBackendConfig } from '../src/config/backend.config.js';
import { createStaff, registerPatient, seedEncounter, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';

// Issue 19, "Emergencies reach a clinician": a red flag puts the encounter in the doctors' queue at
// once (no submit), alerts on-call by webhook and e-mail without any patient details, is
// acknowledged by a doctor (validated, audited, in the history), and is counted on /metrics.

const PATIENT_NAME = 'Zelda Sentinelname';
const WORDS = 'crushing chest pain spreading to my left arm and I am sweating';
const FLAG: TriageResult = {
  urgent: true,
  guidance: 'Call your local emergency number now.',
  flags: [
    {
      category: 'acute_coronary_syndrome',
      label: 'chest pain spreading to the arm, with sweating',
      evidence: 'chest pain spreading to my left arm',
      quote: WORDS,
    } as TriageResult['flags'][number],
  ],
};

interface Received {
  webhook: Record<string, unknown>[];
  mail: string[];
}

async function startReceivers(received: Received): Promise<{ webhookUrl: string; smtpUrl: string; close(): Promise<void> }> {
  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.webhook.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      let message = '';
      stream.on('data', (c: Buffer) => (message += c.toString('utf8')));
      stream.on('end', () => {
        received.mail.push(message);
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  return {
    webhookUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hook`,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    close: async () => {
      await new Promise<void>((r) => http.close(() => r()));
      await new Promise<void>((r) => smtp.close(() => r()));
    },
  };
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('on-call configuration is validated at boot', () => {
  const base = { SERVICE_TOKEN: 'test-service-token-0123456789' };
  it('names the variable and the reason', () => {
    expect(() => loadBackendConfig({ ...base, ONCALL_WEBHOOK_URL: 'ftp://pager' })).toThrow(/ONCALL_WEBHOOK_URL.*http\(s\) URL/s);
    expect(() => loadBackendConfig({ ...base, ONCALL_SMTP_URL: 'smtp://relay:25' })).toThrow(
      /ONCALL_EMAIL_TO.*required when ONCALL_SMTP_URL/s,
    );
    expect(() => loadBackendConfig({ ...base, ONCALL_EMAIL_TO: 'oncall@example.test' })).toThrow(
      /ONCALL_SMTP_URL.*required when ONCALL_EMAIL_TO/s,
    );
    expect(() => loadBackendConfig({ ...base, ONCALL_SMTP_URL: 'smtp://relay:25', ONCALL_EMAIL_TO: 'not-an-address' })).toThrow(
      /ONCALL_EMAIL_TO.*email addresses/s,
    );
    expect(
      loadBackendConfig({ ...base, ONCALL_SMTP_URL: 'smtp://relay:25', ONCALL_EMAIL_TO: 'a@example.test, b@example.test' }).ONCALL_EMAIL_TO,
    ).toEqual(['a@example.test', 'b@example.test']);
  });
});

describe.each(testDrivers())('red flags reach a clinician on %s', (driver) => {
  let t: TestApp;
  let patient: SignedIn;
  let doctor: SignedIn;
  let receivers: Awaited<ReturnType<typeof startReceivers>>;
  const received: Received = { webhook: [], mail: [] };
  let metricsUrl: string;
  const metrics = async () => (await fetch(metricsUrl)).text();
  const asPatient = () => ({ id: patient.id, role: 'patient' as const });

  beforeAll(async () => {
    receivers = await startReceivers(received);
    t = await startTestApp(driver, {
      ONCALL_WEBHOOK_URL: receivers.webhookUrl,
      ONCALL_SMTP_URL: receivers.smtpUrl,
      ONCALL_EMAIL_TO: 'oncall@example.test',
      ONCALL_APP_URL: 'https://app.example.test',
    });
    metricsUrl = `http://127.0.0.1:${t.app.get(MetricsServer).port}/metrics`;
    patient = await registerPatient(t, PATIENT_NAME);
    doctor = await createStaff(t, 'doctor');
  });
  afterAll(async () => {
    await t?.close();
    await receivers?.close();
  });

  it('exports the red-flag metrics before any red flag', async () => {
    const text = await metrics();
    for (const name of [
      'triage_red_flags_total',
      'triage_time_to_acknowledge_seconds',
      'triage_unacknowledged_urgent_oldest_seconds',
      'triage_unacknowledged_urgent',
      'triage_oncall_alerts_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toMatch(/^triage_unacknowledged_urgent_oldest_seconds\{[^}]*\} 0$/m);
  });

  let flaggedId: string;
  it('puts a flagged draft first in the queue at once, with the category and the patient’s words, and alerts on-call without patient details', async () => {
    // Someone already waiting, so "first" means something.
    const waiting = await seedEncounter(t, await registerPatient(t), 'submitted');
    const encounters = t.app.get(EncountersService);
    const draft = await encounters.createDraft(asPatient());
    flaggedId = draft.id;
    await encounters.appendConversation(asPatient(), draft.id, [
      { role: 'patient', text: WORDS, field: 'chiefComplaint', at: new Date().toISOString() },
    ]);
    const flagged = await encounters.raiseRedFlag(asPatient(), draft.id, FLAG, 'intake');
    expect(flagged.status).toBe('draft');
    expect(flagged.redFlag?.alertStatus).toBe('sent');

    const queue = reviewQueueSchema.parse((await t.http.get('/v1/review/queue').set('Authorization', doctor.auth)).body);
    expect(queue.items.map((i) => i.id).slice(0, 2)).toEqual([draft.id, waiting]);
    expect(queue.items[0]).toMatchObject({
      status: 'draft',
      urgent: true,
      redFlag: {
        source: 'intake',
        acknowledged: false,
        patientWords: WORDS,
        categories: [{ category: 'acute_coronary_syndrome', name: 'Acute coronary syndrome', label: FLAG.flags[0]!.label }],
      },
    });

    const dashboard = dashboardSchema.parse((await t.http.get('/v1/review/dashboard').set('Authorization', doctor.auth)).body);
    expect(dashboard.unacknowledged?.count).toBe(1);
    expect(dashboard.flagged[0]?.id).toBe(draft.id);

    // The doctor can open the draft; another doctor's access to ordinary drafts is unchanged.
    expect((await t.http.get(`/v1/encounters/${draft.id}`).set('Authorization', doctor.auth)).status).toBe(200);
    const ordinary = await seedEncounter(t, patient, 'draft');
    expect((await t.http.get(`/v1/encounters/${ordinary}`).set('Authorization', doctor.auth)).status).toBe(404);

    await until(
      async () => received.mail.length + received.webhook.length,
      (n) => n >= 2,
      'the webhook and the e-mail',
    );
    const hook = received.webhook[0]!;
    expect(hook).toMatchObject({
      event: 'triage.red_flag',
      encounterId: draft.id,
      categories: ['acute_coronary_syndrome'],
      source: 'intake',
      link: `https://app.example.test/doctor/encounters/${draft.id}`,
    });
    const mail = received.mail[0]!;
    expect(mail).toContain(draft.id);
    expect(mail).toContain('acute_coronary_syndrome');
    expect(mail).toContain('oncall@example.test');
    for (const secret of ['Zelda', 'Sentinelname', 'crushing', 'sweating', patient.email]) {
      expect(JSON.stringify(hook)).not.toContain(secret);
      expect(mail).not.toContain(secret);
    }
    for (const secret of ['Zelda', 'Sentinelname', 'crushing', 'sweating']) expect(t.logs.join('\n')).not.toContain(secret);

    // The patient's view says what is true: the alert went out.
    const mine = encounterDetailSchema.parse((await t.http.get(`/v1/encounters/${draft.id}`).set('Authorization', patient.auth)).body);
    expect(mine.redFlag).toMatchObject({ source: 'intake', alert: { status: 'sent' }, acknowledgement: null });
    expect(mine.redFlag?.alert.sentAt).not.toBeNull();

    const text = await metrics();
    expect(text).toMatch(/^triage_red_flags_total\{category="acute_coronary_syndrome",source="intake"[^}]*\} 1$/m);
    expect(text).toMatch(/^triage_unacknowledged_urgent\{[^}]*\} 1$/m);
    expect(text).toMatch(/^triage_oncall_alerts_total\{channel="webhook",outcome="sent"[^}]*\} 1$/m);
    expect(text).toMatch(/^triage_oncall_alerts_total\{channel="email",outcome="sent"[^}]*\} 1$/m);
  });

  it('a red flag in an intake message (HTTP) puts the draft in the queue at once, without a submit', async () => {
    const other = await registerPatient(t);
    const created = await t.http.post('/v1/encounters').set('Authorization', other.auth);
    const id = created.body.id as string;
    const before = received.webhook.length;
    const sent = await t.http.post(`/v1/encounters/${id}/messages`).set('Authorization', other.auth).send({ text: WORDS });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('urgent');
    const queue = reviewQueueSchema.parse((await t.http.get('/v1/review/queue').set('Authorization', doctor.auth)).body);
    const item = queue.items.find((i) => i.id === id);
    expect(item).toMatchObject({ status: 'draft', urgent: true, redFlag: { source: 'intake', acknowledged: false } });
    // Unacknowledged red flags come first, oldest first: this one right after the earlier one.
    expect(queue.items.slice(0, 2).map((i) => i.id)).toEqual([flaggedId, id]);
    expect(item?.redFlag?.patientWords).toContain('crushing chest pain');
    await until(
      async () => received.webhook.length,
      (n) => n > before,
      'the intake alert',
    );
    expect(received.webhook.at(-1)).toMatchObject({ encounterId: id, source: 'intake' });
    const detail = encounterDetailSchema.parse((await t.http.get(`/v1/encounters/${id}`).set('Authorization', other.auth)).body);
    expect(detail.redFlag?.alert.status).toBe('sent');
    // Acknowledged here so the later tests see only their own flags pending.
    expect(
      (await t.http.post(`/v1/encounters/${id}/acknowledge`).set('Authorization', doctor.auth).send({ action: 'advised_ed' })).status,
    ).toBe(200);
  });

  it('a second flag in the same episode adds its category without a second alert', async () => {
    const encounters = t.app.get(EncountersService);
    const before = received.webhook.length;
    const more: TriageResult = {
      urgent: true,
      guidance: null,
      flags: [{ category: 'pulmonary_embolism', label: 'sudden breathlessness', evidence: 'cannot catch my breath' }],
    };
    const again = await encounters.raiseRedFlag(asPatient(), flaggedId, more, 'screening');
    expect(((again.triage?.flags ?? []) as { category: string }[]).map((f) => f.category)).toEqual([
      'acute_coronary_syndrome',
      'pulmonary_embolism',
    ]);
    expect(again.redFlag?.source).toBe('intake');
    await new Promise((r) => setTimeout(r, 300));
    expect(received.webhook.length).toBe(before);
    expect(await metrics()).toMatch(/^triage_red_flags_total\{category="pulmonary_embolism",source="screening"[^}]*\} 1$/m);
  });

  it('validates an acknowledgement and names the field', async () => {
    const post = (body: unknown, who = doctor) =>
      t.http
        .post(`/v1/encounters/${flaggedId}/acknowledge`)
        .set('Authorization', who.auth)
        .send(body as object);
    const missing = await post({});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error)).toContain('action');
    const wrong = await post({ action: 'ignored' });
    expect([wrong.status, JSON.stringify(wrong.body.error)]).toEqual([
      400,
      expect.stringContaining('called_patient, advised_ed or no_action'),
    ]);
    const noReason = await post({ action: 'no_action' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.error)).toContain('reason');
    expect(JSON.stringify(noReason.body.error)).toContain('required when the action is no_action');
    expect((await post({ action: 'called_patient', extra: 1 })).status).toBe(400);
    // A patient may not acknowledge (doctors only), and nothing was recorded.
    expect((await post({ action: 'called_patient' }, patient)).status).toBe(403);
    expect(await metrics()).toMatch(/^triage_unacknowledged_urgent\{[^}]*\} 1$/m);
  });

  it('records who acknowledged, when and what was done: history, audit, metric; the patient sees it', async () => {
    const res = await t.http
      .post(`/v1/encounters/${flaggedId}/acknowledge`)
      .set('Authorization', doctor.auth)
      .send({ action: 'called_patient', message: 'I called you: an ambulance is on its way.' });
    expect(res.status).toBe(200);
    const detail = encounterDetailSchema.parse(res.body);
    expect(detail.status).toBe('draft');
    expect(detail.redFlag?.acknowledgement).toMatchObject({
      action: 'called_patient',
      doctorId: doctor.id,
      doctorName: 'Test doctor',
      message: 'I called you: an ambulance is on its way.',
    });

    const again = await t.http
      .post(`/v1/encounters/${flaggedId}/acknowledge`)
      .set('Authorization', doctor.auth)
      .send({ action: 'advised_ed' });
    expect([again.status, again.body.error.code]).toEqual([409, 'NO_RED_FLAG_PENDING']);

    const history = encounterHistorySchema.parse(
      (await t.http.get(`/v1/encounters/${flaggedId}/history`).set('Authorization', doctor.auth)).body,
    );
    expect(history.events.map((e) => e.type)).toEqual(['created', 'conversation', 'red_flag', 'alert', 'red_flag', 'acknowledge']);
    const ack = history.events.at(-1)!;
    expect(ack).toMatchObject({ actorId: doctor.id, actorRole: 'doctor', data: { action: 'called_patient' } });
    expect(history.events.find((e) => e.type === 'alert')?.data).toEqual({
      sent: expect.arrayContaining(['webhook', 'email']),
      failed: [],
    });

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'outcome', 'details'])
      .where('resource_id', '=', flaggedId)
      .where('action', 'in', ['encounter.acknowledge', 'encounter.red_flag', 'encounter.alert'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ['encounter.red_flag', 'success'],
      ['encounter.alert', 'success'],
      ['encounter.red_flag', 'success'],
      ['encounter.acknowledge', 'success'],
    ]);
    expect(audit.at(-1)?.actor_id).toBe(doctor.id);

    const mine = encounterDetailSchema.parse((await t.http.get(`/v1/encounters/${flaggedId}`).set('Authorization', patient.auth)).body);
    expect(mine.redFlag?.acknowledgement).toMatchObject({ action: 'called_patient', doctorName: 'Test doctor', reason: null });

    const queue = reviewQueueSchema.parse((await t.http.get('/v1/review/queue').set('Authorization', doctor.auth)).body);
    expect(queue.items.map((i) => i.id)).not.toContain(flaggedId);
    const text = await metrics();
    expect(text).toMatch(/^triage_time_to_acknowledge_seconds_count\{[^}]*action="called_patient"[^}]*\} 1$/m);
    expect(text).toMatch(/^triage_unacknowledged_urgent\{[^}]*\} 0$/m);
    expect(text).toMatch(/^triage_unacknowledged_urgent_oldest_seconds\{[^}]*\} 0$/m);
  });

  it('lets a doctor claim an urgent draft, write notes and release it without a report', async () => {
    const claimed = await t.http.post(`/v1/encounters/${flaggedId}/claim`).set('Authorization', doctor.auth);
    expect([claimed.status, claimed.body.status]).toEqual([200, 'in_review']);
    expect(
      (
        await t.http
          .put(`/v1/encounters/${flaggedId}/notes`)
          .set('Authorization', doctor.auth)
          .send({ notes: 'Seen in the emergency department; follow up with me next week.' })
      ).status,
    ).toBe(200);
    const released = await t.http.post(`/v1/encounters/${flaggedId}/release`).set('Authorization', doctor.auth);
    expect([released.status, released.body.status]).toEqual([200, 'released']);
    const mine = encounterDetailSchema.parse((await t.http.get(`/v1/encounters/${flaggedId}`).set('Authorization', patient.auth)).body);
    expect([mine.status, mine.report, mine.doctorNotes]).toEqual([
      'released',
      null,
      'Seen in the emergency department; follow up with me next week.',
    ]);

    // A non-urgent encounter still needs its report, and a plain draft cannot be claimed.
    const plain = await seedEncounter(t, patient, 'draft');
    expect((await t.http.post(`/v1/encounters/${plain}/claim`).set('Authorization', doctor.auth)).status).toBe(404);
  });

  it('a red flag in a question after release does the same: queued first, alerted, acknowledged with no_action and a reason', async () => {
    const released = await seedEncounter(t, patient, 'released', doctor);
    const before = received.webhook.length;
    const asked = await t.http
      .post(`/v1/encounters/${released}/questions`)
      .set('Authorization', patient.auth)
      .send({ question: 'Since this morning I have crushing chest pain spreading to my left arm and I am sweating' });
    expect(asked.status).toBe(200);
    expect(asked.body.answer).toContain('A clinician has been alerted');

    const queue = reviewQueueSchema.parse((await t.http.get('/v1/review/queue').set('Authorization', doctor.auth)).body);
    expect(queue.items[0]).toMatchObject({
      id: released,
      status: 'released',
      urgent: true,
      redFlag: { source: 'qa', acknowledged: false },
    });
    expect(queue.items[0]?.redFlag?.patientWords).toContain('crushing chest pain');
    expect(queue.items[0]?.redFlag?.categories.length).toBeGreaterThan(0);
    await until(
      async () => received.webhook.length,
      (n) => n > before,
      'the Q&A alert',
    );
    expect(received.webhook.at(-1)).toMatchObject({ encounterId: released, source: 'qa' });
    expect(JSON.stringify(received.webhook.at(-1))).not.toContain('crushing');
    expect(await metrics()).toMatch(/^triage_red_flags_total\{category="[a-z_]+",source="qa"[^}]*\} 1$/m);

    const ack = await t.http
      .post(`/v1/encounters/${released}/acknowledge`)
      .set('Authorization', doctor.auth)
      .send({ action: 'no_action', reason: 'Spoke to the patient: pain was from a fall, already seen in A&E.' });
    expect(ack.status).toBe(200);
    expect(ack.body.redFlag.acknowledgement).toMatchObject({
      action: 'no_action',
      reason: 'Spoke to the patient: pain was from a fall, already seen in A&E.',
    });
    const mine = encounterDetailSchema.parse((await t.http.get(`/v1/encounters/${released}`).set('Authorization', patient.auth)).body);
    expect(mine.redFlag?.acknowledgement).toMatchObject({ action: 'no_action', reason: null });

    // A new red flag after the acknowledgement is a new episode: queued first and alerted again.
    const alertsBefore = received.webhook.length;
    const again = await t.http
      .post(`/v1/encounters/${released}/questions`)
      .set('Authorization', patient.auth)
      .send({ question: 'The crushing chest pain is back, spreading to my left arm, and I am sweating again' });
    expect(again.status).toBe(200);
    const requeued = reviewQueueSchema.parse((await t.http.get('/v1/review/queue').set('Authorization', doctor.auth)).body);
    expect(requeued.items[0]).toMatchObject({ id: released, redFlag: { source: 'qa', acknowledged: false } });
    expect(requeued.items[0]?.redFlag?.patientWords).toContain('is back');
    await until(
      async () => received.webhook.length,
      (n) => n > alertsBefore,
      'the second episode’s alert',
    );
    const reopened = encounterDetailSchema.parse((await t.http.get(`/v1/encounters/${released}`).set('Authorization', patient.auth)).body);
    expect(reopened.redFlag?.acknowledgement).toBeNull();
    expect(new Date(reopened.redFlag?.flaggedAt ?? 0).getTime()).toBeGreaterThan(new Date(mine.redFlag?.flaggedAt ?? 0).getTime());
    expect(
      (await t.http.post(`/v1/encounters/${released}/acknowledge`).set('Authorization', doctor.auth).send({ action: 'called_patient' }))
        .status,
    ).toBe(200);
  });
});

describe('when the on-call channel fails, nobody is told "alerted"', () => {
  let t: TestApp;
  let patient: SignedIn;
  afterAll(async () => t?.close());

  it('a refused webhook: the alert is marked failed and the patient is not told a clinician was alerted', async () => {
    const refusing = createServer((_req, res) => res.writeHead(400).end());
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', () => r()));
    try {
      t = await startTestApp('pglite', { ONCALL_WEBHOOK_URL: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/` });
      patient = await registerPatient(t);
      const encounters = t.app.get(EncountersService);
      const draft = await encounters.createDraft({ id: patient.id, role: 'patient' });
      const flagged = await encounters.raiseRedFlag({ id: patient.id, role: 'patient' }, draft.id, FLAG, 'intake');
      expect(flagged.redFlag?.alertStatus).toBe('failed');
      const released = await seedEncounter(t, patient, 'released', await createStaff(t, 'doctor'));
      const asked = await t.http
        .post(`/v1/encounters/${released}/questions`)
        .set('Authorization', patient.auth)
        .send({ question: 'I have crushing chest pain spreading to my left arm and I am sweating' });
      expect(asked.body.answer).not.toContain('A clinician has been alerted');
      expect(asked.body.answer).toContain('urgent list');
    } finally {
      await new Promise<void>((r) => refusing.close(() => r()));
    }
  });
});
