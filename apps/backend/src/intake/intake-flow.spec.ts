import { describe, expect, it } from '@jest/globals';
import type { ConversationTurn, IntakeField } from '@patientinsight/shared';
import { COMPLETION_TEXT, NOT_REPORTED, parseConfirmation, parseSeverity, parseYesNo, QUESTIONS, replay, SEVERITY_OPTIONS, SEVERITY_RETRY, structuredQuestion } from './intake-flow.js';

const profile = { age: 40, sex: 'M' as const, conditions: [], medications: [], allergies: [] };
const turn = (role: 'patient' | 'assistant', text: string, field: IntakeField | null): ConversationTurn => ({ role, text, field, at: '2026-01-01T00:00:00Z' });

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
    expect(structuredQuestion(replay(conversation, profile))).toEqual({ field: 'severity', text: SEVERITY_RETRY, kind: 'open', options: SEVERITY_OPTIONS });
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
