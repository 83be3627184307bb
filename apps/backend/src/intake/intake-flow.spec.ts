import { describe, expect, it } from '@jest/globals';
import type { ConversationTurn, IntakeField } from '@patientinsight/shared';
import {
  COMPLETION_TEXT,
  extractSlots,
  NOT_REPORTED,
  nextIntakeQuestion,
  parseConfirmation,
  parseSeverity,
  parseYesNo,
  QUESTIONS,
  replay,
  SEVERITY_OPTIONS,
  SEVERITY_RETRY,
  structuredQuestion,
} from './intake-flow.js';

const profile = { age: 40, sex: 'M' as const, conditions: [], medications: [], allergies: [] };
const turn = (role: 'patient' | 'assistant', text: string, field: IntakeField | null): ConversationTurn => ({
  role,
  text,
  field,
  at: '2026-01-01T00:00:00Z',
});

describe('intake flow', () => {
  it('reads a 1–10 severity from the ways people say it', () => {
    expect(parseSeverity('7')).toBe(7);
    expect(parseSeverity('about 7/10')).toBe(7);
    expect(parseSeverity('8 out of 10')).toBe(8);
    expect(parseSeverity('maybe a seven')).toBe(7);
    expect(parseSeverity('10')).toBe(10);
    expect(parseSeverity('it hurts a lot')).toBeNull();
    expect(parseSeverity('between 3 and 6')).toBe(6);
    expect(parseSeverity('About a 6 going down stairs, 2 or 3 sitting')).toBe(6);
    expect(parseSeverity('mild really')).toBe(3);
    expect(parseSeverity('it is severe')).toBe(8);
    expect(parseSeverity('for 3 days, a 4')).toBe(4);
  });

  it('asks one field at a time, re-asks an unclear severity, and accepts a skip', () => {
    let conversation: ConversationTurn[] = [];
    const answers: [IntakeField, string][] = [
      ['chiefComplaint', 'headache'],
      ['onset', 'yesterday'],
      ['character', 'dull'],
      ['location', 'forehead'],
    ];
    for (const [field, text] of answers) {
      expect(structuredQuestion(replay(conversation, profile))).toEqual({ field, text: QUESTIONS[field], kind: 'open' });
      conversation = [...conversation, turn('patient', text, field)];
    }
    conversation.push(turn('patient', 'it hurts a lot', 'severity'));
    expect(structuredQuestion(replay(conversation, profile))).toEqual({
      field: 'severity',
      text: SEVERITY_RETRY,
      kind: 'open',
      options: SEVERITY_OPTIONS,
    });
    conversation.push(turn('patient', 'skip', 'severity'));
    const progress = replay(conversation, profile);
    expect(progress.summary.hpi.severity).toBeNull();
    expect(progress.nextField).toBe('pattern');
  });

  it('fills the summary, splits associated symptoms, and completes when the patient stops', () => {
    const conversation = [
      turn('patient', 'cough', 'chiefComplaint'),
      turn('patient', "don't know", 'onset'),
      turn('patient', 'a fever, a sore throat and tiredness', 'associatedSymptoms'),
    ];
    const progress = replay(conversation, profile);
    expect(progress.summary.chiefComplaint).toBe('cough');
    expect(progress.summary.hpi.onset).toBe(NOT_REPORTED);
    expect(progress.summary.hpi.associatedSymptoms).toEqual(['a fever', 'a sore throat', 'tiredness']);
    expect(progress.finished).toBe(false);
    const stopped = replay([...conversation, turn('assistant', COMPLETION_TEXT, null)], profile);
    expect(stopped.finished).toBe(true);
    // A conversation closed by an earlier version's wording stays finished.
    expect(
      replay(
        [...conversation, turn('assistant', 'Thank you, that is everything we need. Your answers are summarised for the doctor.', null)],
        profile,
      ).finished,
    ).toBe(true);
    expect(structuredQuestion(stopped)).toBeNull();
  });
});

describe('answers to structured questions', () => {
  it('reads yes, no and not sure from buttons and typed words', () => {
    expect(['Yes', 'yeah it does', 'yep'].map(parseYesNo)).toEqual(['yes', 'yes', 'yes']);
    expect(['No', 'nope', "I don't think so", 'not really'].map(parseYesNo)).toEqual(['no', 'no', 'no', 'no']);
    expect(['Not sure', "don't know", 'maybe'].map(parseYesNo)).toEqual(['unsure', 'unsure', 'unsure']);
    expect(parseYesNo('it started on Tuesday')).toBeNull();
  });

  it('reads the answer to "is this happening now?" from either button label', () => {
    expect(parseConfirmation('Yes, it is happening now')).toBe('happening_now');
    expect(parseConfirmation('No, I misunderstood or it is not happening now')).toBe('misunderstanding');
    expect(parseConfirmation('that was years ago')).toBe('misunderstanding');
    expect(parseConfirmation('it is still happening')).toBe('happening_now');
  });
});

const KNEE = 'My right knee hurts going down stairs since Saturday morning after an 8 mile run, worse on stairs';

describe('slots read from free text', () => {
  it('reads onset, site and what makes it worse from the knee story (and no severity from "8 mile")', () => {
    expect(extractSlots(KNEE)).toEqual({
      complaint: 'right knee pain',
      location: 'right knee',
      onset: 'since Saturday morning, after an 8 mile run',
      aggravating: 'going down stairs',
    });
  });

  it('reads the same slots from other wordings', () => {
    const headache = extractSlots('Throbbing headache behind my eyes since yesterday, worse when I bend over, paracetamol helps a bit');
    expect(headache).toMatchObject({
      complaint: 'headache',
      location: 'behind the eyes',
      character: 'throbbing',
      onset: 'since yesterday',
      aggravating: 'bend over',
      relieving: 'paracetamol',
    });
    const back = extractSlots('lower back pain that shoots down my left leg, comes and goes, about 6/10');
    expect(back).toMatchObject({
      complaint: 'lower back pain',
      location: 'lower back, spreading to the left leg',
      pattern: 'comes and goes',
      severity: 6,
    });
    const stomach = extractSlots('my stomach has been hurting on and off for a couple of weeks, worse after eating, and I feel sick');
    expect(stomach).toMatchObject({
      complaint: 'stomach pain',
      location: 'stomach',
      onset: 'for a couple of weeks',
      aggravating: 'after eating',
      associatedSymptoms: ['nausea'],
    });
    expect(extractSlots('It started two weeks ago after a cold, gradually')).toEqual({
      onset: 'two weeks ago, after a cold, gradual onset',
    });
  });

  it('leaves out what the patient says they do not have, and reads nothing from words that only look like cues', () => {
    const cough = extractSlots('I have had a dry cough for 5 days, no fever, and I feel tired');
    expect(cough).toMatchObject({ complaint: 'cough', onset: 'for 5 days', associatedSymptoms: ['tiredness'] });
    expect(extractSlots('I came back from holiday and feel off')).toEqual({});
    expect(extractSlots('no pain at all, just a rash')).toEqual({ complaint: 'rash' });
  });

  it('does not read a finding the patient denies as present, however far the denial stands from it', () => {
    expect(extractSlots('I never had a rash')).toEqual({});
    expect(extractSlots('I have never in my life had a rash')).toEqual({});
    expect(extractSlots("There isn't really any sign of a rash")).toEqual({});
    expect(extractSlots("I don't think I have a fever, my knee hurts")).toEqual({ complaint: 'knee pain', location: 'knee' });
    expect(extractSlots("I haven't been sick, no fever. My throat is sore")).toMatchObject({
      complaint: 'throat pain',
      location: 'throat',
    });
    expect(extractSlots("I haven't been sick, no fever. My throat is sore").associatedSymptoms).toBeUndefined();
    // A denial ends at "but": what follows is present.
    expect(extractSlots('no fever but a rash on my arm')).toMatchObject({ complaint: 'rash', location: 'arm' });
    // …and at "and" before a new subject; "and" that lists more findings stays inside the denial.
    expect(extractSlots('no fever and my knee hurts')).toEqual({ complaint: 'knee pain', location: 'knee' });
    expect(extractSlots('my knee hurts, no fever and no rash').associatedSymptoms).toBeUndefined();
  });

  it('leaves out every finding of a denied list, not only the first few words after the denial', () => {
    const throat = extractSlots("My throat is sore. I don't have a fever, a cough or a rash");
    expect(throat).toMatchObject({ complaint: 'throat pain', location: 'throat' });
    expect(throat.associatedSymptoms).toBeUndefined();
    expect(extractSlots('Pain in my lower back. I have not noticed any numbness, any weakness or any tingling')).toEqual({
      complaint: 'lower back pain',
      location: 'lower back',
    });
    // What follows a new subject after the list is said, not denied.
    expect(extractSlots('no cough or cold and the back of my knee is swollen')).toMatchObject({
      complaint: 'swelling',
      location: 'back of the knee',
    });
  });

  it('fills no present-tense slot from a finding told as past history, a hypothetical, advice or an animal', () => {
    expect(extractSlots('I had a rash years ago')).toEqual({});
    expect(extractSlots('I broke my wrist as a child, now my knee hurts')).toEqual({ complaint: 'knee pain', location: 'knee' });
    expect(extractSlots('What should I do if I get chest pain on the plane?')).toEqual({});
    expect(extractSlots('The GP said to come back if I get a fever or a stiff neck')).toEqual({});
    expect(extractSlots('our dog keeps coughing')).toEqual({});
    // A first mention in the past does not hide a second one now.
    expect(extractSlots('I used to get headaches as a teenager. Since Monday I have a headache again')).toMatchObject({
      complaint: 'headache',
    });
  });

  it('keeps what is still there or may be now: a long-standing problem, a worry, a past tense without a time', () => {
    expect(extractSlots('I have had lower back pain for years')).toMatchObject({ complaint: 'lower back pain', location: 'lower back' });
    expect(extractSlots("I'm scared it's my heart, my chest feels tight")).toMatchObject({ location: 'chest', character: 'tight' });
    expect(extractSlots('I had a fever last week and now a cough')).toMatchObject({ complaint: 'fever', associatedSymptoms: ['cough'] });
  });

  it('reads a condition phrase as history, not as the pain’s character or site', () => {
    expect(extractSlots('I have high blood pressure and my chest hurts')).toEqual({ complaint: 'chest pain', location: 'chest' });
    expect(extractSlots('I am on tablets for high blood pressure and my chest feels tight')).toMatchObject({ character: 'tight' });
    expect(extractSlots('I have a history of high blood pressure')).toEqual({});
    expect(extractSlots('my eye pressure is high, I have a headache')).toEqual({ complaint: 'headache' });
    expect(extractSlots('I get heart burning after meals')).not.toHaveProperty('character');
    expect(extractSlots('I get heartburn after meals and my blood sugar is high')).toEqual({});
    expect(extractSlots('I had a chest infection last month and now a cough')).toEqual({ complaint: 'cough', onset: 'last month' });
    expect(extractSlots('I had a knee replacement and now my hip hurts')).toMatchObject({ complaint: 'hip pain', location: 'hip' });
    // The same words outside a condition phrase still describe the pain.
    expect(extractSlots('a pressure in my chest')).toMatchObject({ character: 'pressure', location: 'chest' });
    expect(extractSlots('burning pain in my chest')).toMatchObject({ character: 'burning', complaint: 'chest pain' });
  });
});

describe('slot filling in the flow', () => {
  it('does not ask again what the first answer covered', () => {
    const progress = replay([turn('patient', KNEE, 'chiefComplaint')], profile);
    expect(progress.summary.hpi).toMatchObject({
      onset: 'since Saturday morning, after an 8 mile run',
      location: 'right knee',
      aggravating: 'going down stairs',
    });
    expect(progress.summary.complaintPhrase).toBe('right knee pain');
    expect(progress.summary.inferred).toEqual(['onset', 'location', 'aggravating']);
    expect(progress.nextField).toBe('character');
    // The knee story selects no screening group here, so the next open question is the first uncovered field.
    const asked: IntakeField[] = [];
    let conversation = [turn('patient', KNEE, 'chiefComplaint')];
    for (let i = 0; i < 10; i++) {
      const next = replay(conversation, profile).nextField;
      if (!next) break;
      asked.push(next);
      conversation = [...conversation, turn('patient', next === 'severity' ? 'About a 6 going down stairs, 2 or 3 sitting' : 'skip', next)];
    }
    expect(asked).toEqual(['character', 'severity', 'pattern', 'relieving', 'associatedSymptoms', 'context']);
    expect(replay(conversation, profile).summary.hpi.severity).toBe(6);
  });

  it('keeps an explicit answer over what an earlier answer implied, and a review correction over both', () => {
    const conversation = [
      turn('patient', 'Sharp pain in my chest', 'chiefComplaint'),
      turn('patient', 'It started two weeks ago, worse when I breathe in', 'onset'),
    ];
    const progress = replay(conversation, profile);
    expect(progress.summary.hpi.character).toBe('sharp');
    expect(progress.summary.hpi.onset).toBe('It started two weeks ago, worse when I breathe in');
    expect(progress.summary.hpi.aggravating).toBe('breathe in');
    const corrected = replay([...conversation, { ...turn('patient', 'dull, like a weight', 'character'), kind: 'review' }], profile);
    expect(corrected.summary.hpi.character).toBe('dull, like a weight');
    expect(corrected.summary.inferred).not.toContain('character');
  });

  it('fills no slot from a condition the patient names or a finding they deny in a later answer', () => {
    const progress = replay(
      [
        turn('patient', 'cough', 'chiefComplaint'),
        turn('patient', 'I have high blood pressure and I have never in my life had a rash', 'context'),
      ],
      profile,
    );
    expect(progress.summary.context).toBe('I have high blood pressure and I have never in my life had a rash');
    expect(progress.summary.hpi.character).toBeNull();
    expect(progress.summary.hpi.associatedSymptoms).toEqual([]);
    expect(progress.summary.inferred).toEqual([]);
  });

  it('fills no slot from past history told in a later answer, which stays in that answer for the doctor', () => {
    const history = 'I had shingles years ago, with a bad rash and burning pain';
    const progress = replay([turn('patient', 'cough', 'chiefComplaint'), turn('patient', history, 'context')], profile);
    expect(progress.summary.context).toBe(history);
    expect(progress.summary.hpi.associatedSymptoms).toEqual([]);
    expect(progress.summary.hpi.character).toBeNull();
    expect(progress.summary.inferred).toEqual([]);
  });

  it('records a skip as not reported and a finish without filling the open field', () => {
    const conversation: ConversationTurn[] = [
      turn('patient', 'cough', 'chiefComplaint'),
      { ...turn('patient', 'Skip this question', 'onset'), kind: 'skip' },
    ];
    const skipped = replay(conversation, profile);
    expect(skipped.summary.hpi.onset).toBe(NOT_REPORTED);
    expect(skipped.summary.skipped).toEqual(['onset']);
    expect(skipped.nextField).toBe('character');
    const finished = replay([...conversation, { ...turn('patient', 'I would like to finish now', null), kind: 'finish' }], profile);
    expect(finished.finished).toBe(true);
    expect(finished.summary.finishedEarly).toBe(true);
    expect(finished.summary.hpi.character).toBeNull();
    expect(finished.summary.answered).toEqual(['chiefComplaint']);
  });

  it('still asks the complaint’s screening questions after the patient asks to finish', () => {
    const conversation: ConversationTurn[] = [
      turn('patient', 'I have chest pain', 'chiefComplaint'),
      { ...turn('patient', 'That is all', null), kind: 'finish' },
    ];
    const question = nextIntakeQuestion(conversation, profile, null);
    expect(question?.kind).toBe('screening');
    expect(nextIntakeQuestion([...conversation, turn('assistant', COMPLETION_TEXT, null)], profile, null)).toBeNull();
  });
});
