import { describe, expect, it } from '@jest/globals';
import { LanguageModelError } from '../llm/language-model.js';
import { splitSentences, validateReport, validateText } from './citation-validator.js';

const CASES = [
  {
    caseId: 'A-1',
    title: 'Coronary vasospasm with exertional chest pain',
    snippet: 'A woman had exertional chest pain radiating to the left arm; angiography revealed vasospasm.',
  },
  {
    caseId: 'B-1',
    title: 'Pericarditis after a viral illness',
    snippet: 'Sharp pleuritic chest pain relieved by sitting forward; ECG showed diffuse ST elevation.',
  },
];

describe('citation validator', () => {
  it('keeps valid citations and removes citations to cases that were not retrieved', () => {
    const result = validateText('Case one had vasospasm [case:A-1]. Another had an infarct [case:Z-9].', CASES, { requireCitation: true });
    expect(result.text).toContain('[case:A-1]');
    expect(result.text).not.toContain('Z-9');
    expect(result.notes.map((n) => n.kind)).toContain('unknown_citation_removed');
    expect(result.cited).toEqual(['A-1']);
  });

  it('repairs an uncited claim from a "Case N" reference or clear overlap, and drops what it cannot attribute', () => {
    const repaired = validateText('Case 2 had diffuse ST elevation.', CASES, { requireCitation: true });
    expect(repaired.text).toBe('Case 2 had diffuse ST elevation [case:B-1].');
    const overlap = validateText('One woman had exertional chest pain radiating to the left arm and vasospasm.', CASES, {
      requireCitation: true,
    });
    expect(overlap.cited).toEqual(['A-1']);
    const dropped = validateText('Similar cases in the literature were treated surgically.', CASES, { requireCitation: true });
    expect(dropped.text).toBe('');
    expect(dropped.notes[0]?.kind).toBe('uncited_case_claim_removed');
  });

  it('softens a diagnosis stated as certain', () => {
    const result = validateText('The diagnosis is pericarditis. The patient definitely has pericarditis.', CASES);
    expect(result.text).not.toMatch(/diagnosis is|definitely/);
    expect(result.text).toMatch(/a diagnosis to consider is pericarditis/);
    expect(result.notes.filter((n) => n.kind === 'certain_diagnosis_softened').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects output without the three sections or without any valid citation', () => {
    expect(() => validateReport('I think it is nothing. Drink water.', CASES)).toThrow(LanguageModelError);
    expect(() =>
      validateReport(
        '## Current case\nPain.\n## Analysis of similar cases\nNothing cited here at all.\n## Suggested approach\nRest.',
        CASES,
      ),
    ).toThrow(/cites none/);
    const ok = validateReport(
      '## Current case\nPain.\n## Analysis of similar cases\n- Vasospasm was found [case:A-1].\n## Suggested approach\n- Examine.',
      CASES,
    );
    expect(ok.sections.map((s) => s.key)).toEqual(['currentCase', 'similarCases', 'suggestedApproach']);
  });

  it('keeps a citation written after the full stop with its sentence', () => {
    expect(splitSentences('Vasospasm was found. [case:A-1] Next sentence.')).toEqual(['Vasospasm was found. [case:A-1]', 'Next sentence.']);
  });
});

describe('sentence splitting', () => {
  it('does not split inside quotes or parentheses', () => {
    expect(splitSentences('Case 4 (“Cancer Patients. Considerations”) said: “He improved. Then left.” [case:A-1] Next one.')).toEqual([
      'Case 4 (“Cancer Patients. Considerations”) said: “He improved. Then left.” [case:A-1]',
      'Next one.',
    ]);
  });
});
