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

/** Words that carry no clinical meaning for matching. */
const STOP = new Set(
  'a an and are as at be been but by for from had has have he her his i in into is it its my no not of on or our she so than that the their them then there these they this to too was we were what when where which while who with you your very about after before over under also just like feel feels felt get gets got since year-old years year old weeks week days day months month hours two three four ago female male woman man patient presented history onset worse relieved reported described'.split(' '),
);

/** Lower-case content words (for the retrieval query's "why it matched" and the offline composer). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? []).filter((w) => !STOP.has(w));
}
