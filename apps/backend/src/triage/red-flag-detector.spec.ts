import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CRISIS_GUIDANCE, detectRedFlags, triage } from './red-flag-detector.js';
import { correctToken, normalizeForTriage } from './normalize.js';
import { DEFAULT_TRIAGE_SET, evaluateTriage, readLabelledMessages } from './triage-evaluation.js';

/** Sets written to test generalisation (missed 52 % and 40 % of red flags when first run) and fixed since; kept as regression sets. */
const FORMER_HELD_OUT = ['triage-heldout.jsonl', 'triage-heldout-2.jsonl'].map((f) => DEFAULT_TRIAGE_SET.replace('triage-messages.jsonl', f));

describe('red-flag detector on the labelled evaluation set', () => {
  const messages = [DEFAULT_TRIAGE_SET, ...FORMER_HELD_OUT].flatMap((file) => readLabelledMessages(file));
  const result = evaluateTriage(messages);

  it('holds at least 200 labelled messages with positives, negations and near misses', () => {
    expect(readLabelledMessages(DEFAULT_TRIAGE_SET).length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(messages.map((m) => m.kind));
    for (const kind of ['positive', 'paraphrase', 'misspelling', 'negation', 'near_miss']) expect(kinds).toContain(kind);
  });

  it('catches every red flag (recall 100 %) and prints the false-alarm rate', () => {
    console.log(`triage: recall ${(result.recall * 100).toFixed(1)} %, false alarms ${result.falsePositives}/${result.negatives} (${(result.falseAlarmRate * 100).toFixed(1)} %)`);
    expect(result.misses.map((m) => m.text)).toEqual([]);
    expect(result.recall).toBe(1);
  });

  it('flags each positive with the category it was labelled with', () => {
    const wrong = messages
      .filter((m) => m.red_flag && m.category && m.category !== 'multiple')
      .filter((m) => !detectRedFlags(m.text).some((f) => f.category === m.category))
      .map((m) => `${m.category}: ${m.text}`);
    expect(wrong).toEqual([]);
  });
});

describe('red-flag detector rules', () => {
  it('respects negation inside the clause but not across "but"', () => {
    expect(detectRedFlags('I have no chest pain when I climb stairs')).toEqual([]);
    expect(detectRedFlags('no fever but crushing chest pain going to my jaw').map((f) => f.category)).toEqual(['cardiac_chest_pain']);
    expect(detectRedFlags("My throat isn't swollen")).toEqual([]);
  });

  it('treats phrases that contain "not" as symptoms', () => {
    expect(detectRedFlags('He is not breathing').map((f) => f.category)).toContain('breathing_difficulty');
    expect(detectRedFlags("The bleeding won't stop").map((f) => f.category)).toContain('severe_bleeding');
    expect(detectRedFlags("I don't want to live anymore").map((f) => f.category)).toContain('suicidal_or_self_harm');
  });

  it('ignores animals and everyday injuries', () => {
    expect(detectRedFlags('my dog had a seizure last week')).toEqual([]);
    expect(detectRedFlags('I cut myself shaving')).toEqual([]);
    expect(detectRedFlags('I have been cutting myself').map((f) => f.category)).toEqual(['suicidal_or_self_harm']);
  });

  it('does not count past events but always counts self-harm', () => {
    expect(detectRedFlags('I had a seizure as a child')).toEqual([]);
    expect(detectRedFlags('I tried to kill myself years ago and I think about it again').map((f) => f.category)).toContain('suicidal_or_self_harm');
  });

  it('corrects misspellings of clinical words but leaves everyday words alone', () => {
    expect(correctToken('unconcious')).toBe('unconscious');
    expect(correctToken('siezure')).toBe('seizure');
    expect(correctToken('chess')).toBe('chess');
    expect(correctToken('cooking')).toBe('cooking');
    expect(normalizeForTriage("I can't breathe!")).toBe('i cannot breathe !');
  });

  it('combines answers given in different messages of the intake', () => {
    expect(triage('it gets worse walking up stairs').urgent).toBe(false);
    const combined = triage('it gets worse walking up stairs', ['pain in my chest']);
    expect(combined.urgent).toBe(true);
    expect(combined.flags[0]?.category).toBe('cardiac_chest_pain');
  });

  it('gives crisis guidance for self-harm and none when nothing is flagged', () => {
    expect(triage('I want to end my life').guidance).toContain(CRISIS_GUIDANCE);
    expect(triage('sore knee after running')).toEqual({ urgent: false, flags: [], guidance: null });
  });

  it('never throws, and answers the same for the same text (any string)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 100 }), (a, b) => {
        const text = `${a} ${b}`;
        expect(detectRedFlags(text)).toEqual(detectRedFlags(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a red flag when harmless text is added after a full stop', () => {
    fc.assert(
      fc.property(fc.constantFrom('I have a sore knee', 'It started yesterday', 'no fever', 'I take vitamins'), (extra) => {
        expect(detectRedFlags(`I cannot breathe. ${extra}.`).map((f) => f.category)).toContain('breathing_difficulty');
      }),
    );
  });
});
