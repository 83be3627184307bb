import { describe, expect, it } from '@jest/globals';
import type { ConversationTurn, IntakeField } from '@patientinsight/shared';
import { replay } from '../intake/intake-flow.js';
import { composeOfflineReport } from './offline-composer.js';
import { cleanExtract, currentCaseText } from './summary-text.js';

const profile = { age: 35, sex: 'F' as const, conditions: ['asthma'], medications: [], allergies: ['penicillin (rash)'] };
const turn = (text: string, field: IntakeField): ConversationTurn => ({ role: 'patient', text, field, at: '2026-01-01T00:00:00Z' });

describe('the current case, written from the slots', () => {
  const summary = replay(
    [
      turn('My right knee hurts going down stairs since Saturday morning after an 8 mile run, worse on stairs', 'chiefComplaint'),
      turn('Like I said, it aches', 'character'),
      turn('About a 6 going down stairs, 2 or 3 sitting', 'severity'),
      turn('skip', 'pattern'),
      turn('when I sit down with my leg up', 'relieving'),
      turn('no', 'associatedSymptoms'),
    ],
    profile,
  ).summary;

  it('is a third-person lead line and labelled slots, never the answers pasted into a sentence', () => {
    const text = currentCaseText(summary);
    expect(text.split('\n')).toEqual([
      '35-year-old woman presenting with right knee pain.',
      '- In the patient’s words: “My right knee hurts going down stairs since Saturday morning after an 8 mile run, worse on stairs”',
      '- Onset: since Saturday morning, after an 8 mile run',
      '- Site: right knee',
      '- Character: it aches',
      '- Severity: 6/10 (patient-rated; the worst they gave when several were given)',
      '- Worse with: going down stairs',
      '- Better with: “when I sit down with my leg up” (patient’s words)',
      '- Associated symptoms: none reported',
      '- Known conditions: asthma',
      '- Allergies: penicillin (rash)',
      '- Not reported: course, context',
    ]);
    expect(text).not.toMatch(/reports My|began Like/);
  });

  it('puts the structured case into the offline report, with clean case extracts', () => {
    const report = composeOfflineReport(summary, [
      {
        caseId: '1-1',
        title: 'Patellofemoral pain in a runner',
        age: 30,
        sex: 'F',
        snippet: 'A 30-year-old runner had anterior knee pain on stairs.\\nMRI showed patellar cartilage thinning.\\n',
        matchedTerms: ['knee', 'stairs'],
      },
    ]);
    expect(report).toContain('35-year-old woman presenting with right knee pain.');
    expect(report).not.toContain('\\n');
    expect(report).toContain('“MRI showed patellar cartilage thinning.” [case:1-1]');
  });

  it('decodes the escape sequences some case files carry', () => {
    expect(cleanExtract('Fever\\nand rash.\\tCaf\\u00e9 \\"quoted\\"  text')).toBe('Fever and rash. Café "quoted" text');
  });
});
