import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type IntakeState, intakeStateSchema, MAX_INTAKE_PATIENT_MESSAGES } from '@patientinsight/shared';
import { FakeOpenAiServer } from './support/fake-openai-server.ts';
import { COMPLAINT_GROUPS } from '../src/triage/taxonomy/screening.js';
import { registerPatient, type SignedIn, startTestApp, type TestApp } from './support/backend-test-app.js';

/** A presenting complaint for each complaint group, worded without a red flag of its own. */
const COMPLAINTS: Record<keyof typeof COMPLAINT_GROUPS, string> = {
  chest: 'I have had some chest pain on and off',
  breathing: 'I get short of breath',
  head_neuro: 'I have a headache',
  abdominal: 'My tummy hurts',
  pregnancy: 'I am pregnant and feel a bit off',
  child_unwell: 'My toddler has been unwell and grumpy',
  injury: 'I hurt my head on a cupboard',
  mental_health: 'I have been feeling low and anxious',
  skin_allergy: 'I have an itchy rash on my arm',
  urinary_genital: 'It burns when I pee',
  eye: 'My eye is red and sore',
  back: 'My lower back hurts',
};

describe('intake screening over HTTP, with a language model configured', () => {
  const model = new FakeOpenAiServer();
  let t: TestApp;
  let patient: SignedIn;

  beforeAll(async () => {
    const url = await model.start();
    t = await startTestApp('pglite', {
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: url,
      LLM_MODEL: 'gpt-4o',
      LLM_RETRIES: '0',
    });
    patient = await registerPatient(t, 'Sam Screening');
  });
  afterAll(async () => {
    await t?.close();
    await model.stop();
  });

  const start = async (): Promise<{ id: string; state: IntakeState }> => {
    const id = (await t.http.post('/v1/encounters').set('Authorization', patient.auth)).body.id as string;
    return {
      id,
      state: intakeStateSchema.parse((await t.http.get(`/v1/encounters/${id}/intake`).set('Authorization', patient.auth)).body),
    };
  };
  const send = async (id: string, body: { text: string; questionId?: string }): Promise<IntakeState> => {
    const res = await t.http.post(`/v1/encounters/${id}/messages`).set('Authorization', patient.auth).send(body);
    expect(res.status).toBe(200);
    return intakeStateSchema.parse(res.body);
  };
  /** Answers clarifying questions with "no" until a screening question of the group comes up. */
  const untilScreening = async (id: string, state: IntakeState, group: keyof typeof COMPLAINT_GROUPS): Promise<IntakeState> => {
    const ids = new Set(COMPLAINT_GROUPS[group].questions.map((q) => q.id));
    for (let i = 0; i < 12 && state.question && !(state.question.kind === 'screening' && ids.has(state.question.id ?? '')); i++) {
      state = await send(id, { text: 'No', ...(state.question.id ? { questionId: state.question.id } : {}) });
    }
    return state;
  };

  for (const group of Object.keys(COMPLAINTS) as (keyof typeof COMPLAINTS)[]) {
    it(`${group}: a "yes" to a discriminator flags the encounter with its category and reaches no model`, async () => {
      const { id, state: first } = await start();
      let state = await send(id, { text: COMPLAINTS[group] });
      expect(state.status).toBe('in_progress');
      state = await untilScreening(id, state, group);
      const question = state.question!;
      expect(question).toMatchObject({ kind: 'screening', options: expect.arrayContaining([{ value: 'yes', label: 'Yes' }]) });
      const category = [...Object.values(COMPLAINT_GROUPS)].flatMap((g) => g.questions).find((q) => q.id === question.id)!.category;
      const callsBefore = model.calls.length;
      const flagged = await send(id, { text: 'yes', questionId: question.id });
      expect(flagged.status).toBe('urgent');
      expect(flagged.triage.flags.map((f) => f.category)).toContain(category);
      expect(flagged.triage.flags.find((f) => f.category === category)).toMatchObject({ source: 'screening' });
      expect(flagged.question?.kind).toBe('confirm_flag');
      expect(model.calls.length).toBe(callsBefore);
      // The doctor's queue has it at once, without a submit.
      expect(first.status).toBe('in_progress');
      const encounter = await t.http.get(`/v1/encounters/${id}`).set('Authorization', patient.auth);
      expect(encounter.body.urgent).toBe(true);
    });
  }

  it('a free-text red flag never reaches the model; a misunderstanding lets the intake go on and keeps the flag', async () => {
    const { id } = await start();
    const callsBefore = model.calls.length;
    const flagged = await send(id, { text: 'my chest is crushing and the pain is going down my left arm, I am sweating' });
    expect(flagged.status).toBe('urgent');
    expect(flagged.triage.flags[0]).toMatchObject({ category: 'acute_coronary_syndrome', quote: expect.stringContaining('crushing') });
    expect(model.calls.length).toBe(callsBefore);
    const goOn = await send(id, { text: 'misunderstanding', questionId: 'confirm_flag' });
    expect(goOn.status).toBe('in_progress');
    expect(goOn.triage).toMatchObject({ urgent: true, patientResponse: 'misunderstanding' });
    expect(goOn.summary.redFlagStatus).toBe('dismissed');
    expect(goOn.question).not.toBeNull();
    expect(goOn.conversation.some((turn) => turn.text.includes('crushing'))).toBe(true);
  });

  it('asks whether a possible emergency is happening now, and a "yes" flags it', async () => {
    const { id } = await start();
    const asked = await send(id, { text: 'My dad had a stroke' });
    expect(asked.question).toMatchObject({ kind: 'clarify' });
    expect(asked.status).toBe('in_progress');
    const yes = await send(id, { text: 'yes', questionId: asked.question!.id });
    expect(yes.status).toBe('urgent');
    expect(yes.triage.flags.map((f) => f.category)).toContain('stroke');
  });

  it('caps the messages of one encounter with a clear error, but still takes a red flag past the cap', async () => {
    const { id } = await start();
    let state = await send(id, { text: 'A mild cough' });
    // An unclear severity is asked again, so the conversation can grow to the cap.
    let refused: { status: number; body: { error: { code: string } } } | null = null;
    for (let i = 0; i < MAX_INTAKE_PATIENT_MESSAGES + 5 && !refused; i++) {
      const q = state.question!;
      const body = {
        text: q.field === 'severity' ? 'it hurts a lot' : q.kind === 'open' ? 'skip' : 'No',
        ...(q.id ? { questionId: q.id } : {}),
      };
      const res = await t.http.post(`/v1/encounters/${id}/messages`).set('Authorization', patient.auth).send(body);
      if (res.status !== 200) refused = res;
      else state = intakeStateSchema.parse(res.body);
    }
    expect([refused?.status, refused?.body.error.code]).toEqual([409, 'INTAKE_LIMIT']);
    const emergency = await send(id, { text: 'now I cannot breathe and my lips are blue' });
    expect(emergency.status).toBe('urgent');
  });
});
