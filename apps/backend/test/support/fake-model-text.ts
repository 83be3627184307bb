/**
 * What the fake model servers "generate": a plausible answer built from the prompt, citing the case
 * tags the prompt lists, so the whole pipeline (masking, validation, storage) sees realistic output.
 */
export type FakeAnswerStyle = 'good' | 'bad-citations' | 'no-sections';

export function fakeModelAnswer(prompt: string, style: FakeAnswerStyle = 'good'): string {
  const tags = [...new Set(prompt.match(/\[case:[^\]\s]+\]/g) ?? [])];
  const placeholders = [...new Set(prompt.match(/\[(?:NAME|DATE|EMAIL|PHONE|ID)_\d+\]/g) ?? [])];
  const nextQuestion = prompt.match(/Next question to ask: (.+)/);
  if (nextQuestion) return `Thank you for telling me. ${nextQuestion[1]!.trim()}`;
  if (/Question:/.test(prompt) && !/Write the three sections/.test(prompt)) {
    return `Based on the report, the most similar case had comparable symptoms and was investigated further ${tags[0] ?? ''}. Please discuss the next steps with your doctor.`;
  }
  if (style === 'no-sections') return 'I think this is probably nothing serious. Drink water.';
  const who = placeholders.find((p) => p.startsWith('[NAME')) ?? 'The patient';
  const lines = [
    '## Current case',
    `${who} describes the symptoms summarised in the intake. The history suggests several possibilities that need examination.`,
    '',
    '## Analysis of similar cases',
    ...tags
      .slice(0, 5)
      .map((tag, i) => `- Case ${i + 1} describes a patient with an overlapping presentation who was investigated with imaging ${tag}.`),
  ];
  if (style === 'bad-citations') {
    lines.push('- Another published case showed the same findings [case:NOT-RETRIEVED-1].');
    lines.push('- Similar cases in the literature were treated surgically.');
  }
  lines.push('', '## Suggested approach', `- Consider the investigations reported in the cited cases ${tags[0] ?? ''}.`);
  if (style === 'bad-citations') lines.push('- The diagnosis is pericarditis and the patient definitely has pericarditis.');
  lines.push('- Examine the patient and confirm the history.');
  return lines.join('\n');
}

/** Splits text into token-sized pieces (words with their following space), as a model streams. */
export function toTokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}
