import { describe, expect, it } from '@jest/globals';
import { composeOfflineAnswer, NOT_IN_REPORT } from '../offline-composer.js';
import { isMedicationQuestion } from './qa.service.js';

const report = {
  kind: 'report' as const,
  text: '35-year-old woman presenting with right knee pain.\n- Worse with: going down stairs\n- Take a full history and examine the patient to confirm the account above.',
};
const knee = {
  kind: 'cases' as const,
  caseId: '1-1',
  text: 'A runner with knee pain on stairs had an MRI that showed patellar cartilage thinning.',
};

describe('offline answers to questions', () => {
  it('recognises medicine questions, by a drug or class name or by the words of one', () => {
    expect(isMedicationQuestion('is it OK to take naproxen with my asthma?')).toBe(true);
    expect(isMedicationQuestion('Can I take Nurofen?')).toBe(true);
    expect(isMedicationQuestion('should I stop my inhaler')).toBe(true);
    expect(isMedicationQuestion('What did the MRI in the similar case show?')).toBe(false);
    expect(isMedicationQuestion('Why does my knee hurt on stairs?')).toBe(false);
  });

  it('does not answer from a single generic shared word ("take"), and says when the report has no answer', () => {
    const answer = composeOfflineAnswer('is it OK to take naproxen with my asthma?', [report, knee]);
    expect(answer).toEqual({ text: NOT_IN_REPORT, sources: [] });
    expect(composeOfflineAnswer('How long will I be off work?', [report, knee]).text).toBe(NOT_IN_REPORT);
  });

  it('answers from the sentences that share the question’s content words, with the case cited', () => {
    const answer = composeOfflineAnswer('What did the MRI show for the knee?', [report, knee]);
    expect(answer.text).toContain(
      'A cited case says: A runner with knee pain on stairs had an MRI that showed patellar cartilage thinning [case:1-1].',
    );
    expect(answer.sources).toContain('cases');
  });
});
