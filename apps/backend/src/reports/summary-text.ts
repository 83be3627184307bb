import type { IntakeSummary } from '@patientinsight/shared';

const NOT_REPORTED = 'not reported';
const value = (v: string | null | undefined): string | null => (v && v.trim() && v.trim().toLowerCase() !== NOT_REPORTED ? v.trim() : null);

/** "45-year-old woman", "man", "patient": how the summary names the patient, from the profile. */
export function describePatient(summary: IntakeSummary): string {
  const { age, sex } = summary.profile;
  const noun = sex === 'F' ? 'woman' : sex === 'M' ? 'man' : 'patient';
  return age !== null ? `${Math.round(age)}-year-old ${noun}` : noun;
}

/** The structured summary as plain sentences (used in prompts, the offline composer and the PDF). */
export function summaryToSentences(summary: IntakeSummary): string[] {
  const h = summary.hpi;
  const sentences: string[] = [];
  const complaint = value(summary.chiefComplaint) ?? 'symptoms that were not described';
  sentences.push(`A ${describePatient(summary)} reports ${complaint}${value(h.onset) ? `, which began ${value(h.onset)}` : ''}.`);
  const features = [
    value(h.character) && `described as ${value(h.character)}`,
    value(h.location) && `located ${/^(in|on|at|around|behind|over|across)\b/i.test(value(h.location)!) ? '' : 'in '}${value(h.location)}`,
    h.severity !== null && `rated ${h.severity}/10`,
    value(h.pattern) && `${value(h.pattern)}`,
  ].filter(Boolean);
  if (features.length) sentences.push(`It is ${features.join(', ')}.`);
  if (value(h.aggravating)) sentences.push(`It is made worse by ${value(h.aggravating)}.`);
  if (value(h.relieving)) sentences.push(`It is relieved by ${value(h.relieving)}.`);
  const associated = h.associatedSymptoms.map((s) => s.trim()).filter((s) => value(s));
  if (associated.length) sentences.push(`Associated symptoms: ${associated.join(', ')}.`);
  if (value(summary.context)) sentences.push(`Context: ${value(summary.context)}.`);
  const p = summary.profile;
  if (p.conditions.length) sentences.push(`Known conditions: ${p.conditions.join(', ')}.`);
  if (p.medications.length) sentences.push(`Medications: ${p.medications.join(', ')}.`);
  if (p.allergies.length) sentences.push(`Allergies: ${p.allergies.join(', ')}.`);
  return sentences.map((s) => s.replace(/\.\.$/, '.'));
}

/**
 * A case extract as a reader should see it: the escape sequences some source files carry (a literal "\\n",
 * "\\t", "\\u00e9", an escaped quote) decoded or turned into spaces, whitespace collapsed.
 */
export function cleanExtract(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\(["'\\/])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|me|my|mine|myself)\b/i;
/** A slot value in the summary: a phrase as it is; the patient's own first-person words quoted and marked as theirs. */
function slot(text: string): string {
  const clean = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
  return FIRST_PERSON.test(clean) ? `“${clean}” (patient’s words)` : clean;
}

const FIELD_NAMES: Record<string, string> = {
  onset: 'onset',
  character: 'character',
  location: 'site',
  severity: 'severity',
  pattern: 'course',
  aggravating: 'what makes it worse',
  relieving: 'what makes it better',
  associatedSymptoms: 'associated symptoms',
  context: 'context',
};

/**
 * The current case for the report: a third-person lead line and one labelled line per slot, built from the
 * structured summary (the patient's answers are never pasted into a sentence), then what was not covered.
 */
export function currentCaseText(summary: IntakeSummary): string {
  const h = summary.hpi;
  const patient = describePatient(summary);
  const phrase = summary.complaintPhrase?.trim();
  const complaint = value(summary.chiefComplaint);
  const lead = phrase
    ? `${patient[0]!.toUpperCase()}${patient.slice(1)} presenting with ${phrase}.`
    : complaint
      ? `${patient[0]!.toUpperCase()}${patient.slice(1)}; presenting complaint: ${slot(complaint)}.`
      : `${patient[0]!.toUpperCase()}${patient.slice(1)}; the presenting complaint was not described.`;
  const lines: string[] = [];
  const add = (label: string, v: string | null | undefined) => {
    const given = value(v);
    if (given) lines.push(`- ${label}: ${given.toLowerCase() === 'nothing' ? 'nothing identified' : slot(given)}`);
  };
  if (phrase && complaint && phrase.toLowerCase() !== complaint.toLowerCase())
    lines.push(`- In the patient’s words: “${complaint.replace(/[.!]+$/, '')}”`);
  add('Onset', h.onset);
  add('Site', h.location);
  add('Character', h.character);
  if (h.severity !== null) lines.push(`- Severity: ${h.severity}/10 (patient-rated; the worst they gave when several were given)`);
  add('Course', h.pattern);
  add('Worse with', h.aggravating);
  add('Better with', h.relieving);
  const associated = h.associatedSymptoms.map((s) => s.trim()).filter((s) => value(s));
  if (associated.length) lines.push(`- Associated symptoms: ${associated.map(slot).join(', ')}`);
  else if (summary.answered?.includes('associatedSymptoms')) lines.push('- Associated symptoms: none reported');
  add('Context', summary.context);
  const p = summary.profile;
  if (p.conditions.length) lines.push(`- Known conditions: ${p.conditions.join(', ')}`);
  if (p.medications.length) lines.push(`- Current medicines: ${p.medications.join(', ')}`);
  if (p.allergies.length) lines.push(`- Allergies: ${p.allergies.join(', ')}`);
  const positives = (summary.screening ?? []).filter((a) => a.answer !== 'no');
  if (positives.length)
    lines.push(
      `- Screening: ${positives.map((a) => `${a.answer === 'yes' ? 'yes' : 'not sure'} to “${a.question.replace(/\?$/, '')}?”`).join('; ')}`,
    );
  const filled: Record<string, boolean> = {
    onset: value(h.onset) !== null,
    character: value(h.character) !== null,
    location: value(h.location) !== null,
    severity: h.severity !== null,
    pattern: value(h.pattern) !== null,
    aggravating: value(h.aggravating) !== null,
    relieving: value(h.relieving) !== null,
    associatedSymptoms: associated.length > 0 || summary.answered?.includes('associatedSymptoms') === true,
    context: value(summary.context) !== null,
  };
  const notCovered = Object.keys(FIELD_NAMES).filter((f) => !filled[f]);
  if (notCovered.length)
    lines.push(
      `- Not reported: ${notCovered.map((f) => FIELD_NAMES[f]).join(', ')}${summary.finishedEarly ? ' (the patient finished the questions early)' : ''}`,
    );
  return [lead, ...lines].join('\n');
}

/** Words that carry no clinical meaning for matching. */
const STOP = new Set(
  'a an and are as at be been but by for from had has have he her his i in into is it its my no not of on or our she so than that the their them then there these they this to too was we were what when where which while who with you your very about after before over under also just like feel feels felt get gets got since year-old years year old weeks week days day months month hours two three four ago female male woman man patient presented history onset worse relieved reported described'.split(
    ' ',
  ),
);

/** Lower-case content words (for the retrieval query's "why it matched" and the offline composer). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? []).filter((w) => !STOP.has(w));
}
