import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type IntakeState, intakeStateSchema } from '@patientinsight/shared';
import { registerPatient, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';

const KNEE = 'My right knee hurts going down stairs since Saturday morning after an 8 mile run, worse on stairs';

/** Slot filling, skip versus finish, and the review step, over HTTP with the offline flow (no model). */
describe('intake slots, skip, finish and review over HTTP', () => {
  let t: TestApp;
  let patient: SignedIn;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    patient = await registerPatient(t, 'Kim Knee');
  });
  afterAll(async () => {
    await t?.close();
  });

  const start = async (): Promise<string> => (await t.http.post('/v1/encounters').set('Authorization', patient.auth)).body.id as string;
  const post = (id: string, body: Record<string, unknown>) =>
    t.http.post(`/v1/encounters/${id}/messages`).set('Authorization', patient.auth).send(body);
  const send = async (id: string, body: Record<string, unknown>): Promise<IntakeState> => {
    const res = await post(id, body);
    expect(res.status).toBe(200);
    return intakeStateSchema.parse(res.body);
  };
  /** Answers screening questions "No" until an open question (or the end). */
  const pastScreening = async (id: string, state: IntakeState): Promise<IntakeState> => {
    while (state.question && state.question.kind !== 'open')
      state = await send(id, { text: 'No', ...(state.question.id ? { questionId: state.question.id } : {}) });
    return state;
  };

  it('fills onset, site and what makes it worse from the first answer and never asks them; a range severity is accepted', async () => {
    const id = await start();
    let state = await pastScreening(id, await send(id, { text: KNEE }));
    expect(state.summary.inferred).toEqual(['onset', 'location', 'aggravating']);
    expect(state.summary.hpi).toMatchObject({
      location: 'right knee',
      onset: 'since Saturday morning, after an 8 mile run',
      aggravating: 'going down stairs',
    });
    const asked: string[] = [];
    while (state.question) {
      if (state.question.kind !== 'open') {
        state = await send(id, { text: 'No', questionId: state.question.id });
        continue;
      }
      const field = state.question.field!;
      asked.push(field);
      state = await send(id, { text: field === 'severity' ? 'About a 6 going down stairs, 2 or 3 sitting' : 'skip' });
    }
    expect(asked).not.toEqual(expect.arrayContaining(['onset']));
    expect(asked.filter((f) => ['onset', 'location', 'aggravating'].includes(f))).toEqual([]);
    expect(asked).toContain('severity');
    expect(state.status).toBe('complete');
    expect(state.summary.hpi.severity).toBe(6);
  });

  it('refuses to finish before the main concern is told', async () => {
    const id = await start();
    const res = await post(id, { text: 'I have nothing more to add', finish: true });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INTAKE_NOT_SKIPPABLE');
  });

  it('skips an open question as "not reported", refuses to skip a safety question, and refuses finish with skip', async () => {
    const id = await start();
    const first = await send(id, { text: 'I have had some chest pain on and off' });
    expect(first.question?.kind).toBe('screening');
    const refused = await post(id, { text: 'Skip this question', skip: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INTAKE_NOT_SKIPPABLE');
    const both = await post(id, { text: 'done', skip: true, finish: true });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/skip: cannot be combined with finish/);
    const open = await pastScreening(id, first);
    const field = open.question!.field!;
    const skipped = await send(id, { text: 'Skip this question', skip: true });
    expect(skipped.summary.skipped).toContain(field);
    expect(skipped.question?.field).not.toBe(field);
  });

  it('finishing early still asks the safety questions, then says what was not covered; the review step corrects a field', async () => {
    const id = await start();
    const first = await send(id, { text: 'I have had some chest pain on and off' });
    expect(first.question?.kind).toBe('screening');
    let state = await send(id, { text: 'I have nothing more to add', finish: true });
    expect(state.conversation.at(-2)?.text).toMatch(/safety questions/);
    expect(state.question?.kind).toBe('screening');
    state = await pastScreening(id, state);
    expect(state.status).toBe('complete');
    expect(state.summary.finishedEarly).toBe(true);
    expect(state.summary.answered).toEqual(['chiefComplaint', 'location', 'pattern']);
    // "I have nothing more to add" filled no field.
    expect(state.summary.hpi.character).toBeNull();
    expect((await post(id, { text: 'more', finish: true })).body.error.code).toBe('INTAKE_COMPLETE');

    const corrected = await send(id, { text: 'Since Friday evening', field: 'onset' });
    expect(corrected.summary.hpi.onset).toBe('Since Friday evening');
    expect(corrected.status).toBe('complete');
    expect(corrected.conversation.at(-1)).toMatchObject({ role: 'patient', kind: 'review', field: 'onset' });
    const badSeverity = await post(id, { text: 'quite a lot', field: 'severity' });
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.error.details).toEqual([
      { field: 'text', reason: 'give a number from 1 to 10 or a word such as mild or severe' },
    ]);
    expect((await send(id, { text: '4 or 5', field: 'severity' })).summary.hpi.severity).toBe(5);
    const unknownField = await post(id, { text: 'x', field: 'mood' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toMatch(/field/);
  });
});
