import { type ConversationTurn, INTAKE_FIELDS, type IntakeField, type IntakeProfile, type IntakeQuestion, type IntakeSummary, type RedFlag } from '@patientinsight/shared';

/** The structured question for each summary field (the offline flow; a model may rephrase them). */
export const QUESTIONS: Record<IntakeField, string> = {
  chiefComplaint: 'What is the main problem that brings you here today?',
  onset: 'When did it start, and did it come on suddenly or gradually?',
  character: 'How would you describe it — for example sharp, dull, burning, pressing or throbbing?',
  location: 'Where exactly do you feel it, and does it spread anywhere?',
  severity: 'On a scale from 1 to 10, where 10 is the worst you can imagine, how bad is it?',
  pattern: 'Is it constant, or does it come and go? Is it getting better, worse, or staying the same?',
  aggravating: 'Does anything make it worse?',
  relieving: 'Does anything make it better?',
  associatedSymptoms: 'Have you noticed any other symptoms alongside it?',
  context: 'Is there anything else we should know — a recent illness, injury, travel, or a change in your medication?',
};
export const SEVERITY_RETRY = 'Please give a number from 1 to 10 (10 is the worst you can imagine), or say “skip”.';
export const COMPLETION_TEXT = 'Thank you, that is everything we need. Your answers are summarised for the doctor.';
export const NOT_REPORTED = 'not reported';

const SKIP = /^\s*(?:skip|pass|n\/?a|not sure|unsure|i (?:do not|don't|dont) know|don't know|dont know|no idea|prefer not to say)\s*[.!]?\s*$/i;
const NONE = /^\s*(?:no|none|nothing|nope|no other symptoms|not really|nothing else|no,? nothing)\s*[.!]?\s*$/i;
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** 1–10 from "7", "7/10", "about a seven", "8 out of 10"; null when there is no single clear number. */
export function parseSeverity(text: string): number | null {
  const numbers = [...text.toLowerCase().matchAll(/\b(10|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:days?|weeks?|hours?|months?|years?|mg|times))/g)].map((m) => WORDS[m[1]!] ?? Number(m[1]));
  const candidates = numbers.filter((n) => n >= 1 && n <= 10);
  // "7/10" or "7 out of 10" yields two numbers, the second being the scale.
  if (candidates.length === 2 && candidates[1] === 10) return candidates[0]!;
  return candidates.length === 1 ? candidates[0]! : null;
}

/** Whether a patient answer fills its field (a skip counts as answered: "not reported"). */
function answerValue(field: IntakeField, text: string): { ok: true; value: string | number | string[] } | { ok: false } {
  const trimmed = text.trim();
  if (SKIP.test(trimmed)) return { ok: true, value: field === 'associatedSymptoms' ? [] : NOT_REPORTED };
  if (field === 'severity') {
    const n = parseSeverity(trimmed);
    return n === null ? { ok: false } : { ok: true, value: n };
  }
  if (field === 'associatedSymptoms') {
    if (NONE.test(trimmed)) return { ok: true, value: [] };
    return { ok: true, value: trimmed.split(/\s*(?:,|;|\band\b|\balso\b)\s*/i).map((s) => s.replace(/^(?:i have|i've got|i get|some|a bit of)\s+/i, '').trim()).filter((s) => s.length > 1) };
  }
  if (field !== 'chiefComplaint' && NONE.test(trimmed)) return { ok: true, value: 'nothing' };
  return { ok: true, value: trimmed.slice(0, 1000) };
}

export interface IntakeProgress {
  summary: IntakeSummary;
  answered: Set<IntakeField>;
  /** The next field to ask, or null when every field is answered or the patient finished. */
  nextField: IntakeField | null;
  /** The last answer to the field asked could not be used (an unclear severity). */
  retry: boolean;
  finished: boolean;
}

export function emptySummary(profile: IntakeProfile): IntakeSummary {
  return {
    chiefComplaint: null,
    hpi: { onset: null, character: null, location: null, severity: null, pattern: null, aggravating: null, relieving: null, associatedSymptoms: [] },
    context: null,
    redFlags: [],
    profile,
  };
}

/** Rebuilds the summary from the conversation (the stored turns are the source of truth). */
export function replay(conversation: ConversationTurn[], profile: IntakeProfile, redFlags: RedFlag[] = []): IntakeProgress {
  const summary = emptySummary(profile);
  summary.redFlags = redFlags;
  const answered = new Set<IntakeField>();
  let retry = false;
  let finished = false;
  for (const turn of conversation) {
    if (turn.role === 'assistant' && turn.text.startsWith(COMPLETION_TEXT)) finished = true;
    if (turn.role !== 'patient' || !turn.field) continue;
    const parsed = answerValue(turn.field, turn.text);
    retry = !parsed.ok;
    if (!parsed.ok) continue;
    answered.add(turn.field);
    const value = parsed.value;
    if (turn.field === 'chiefComplaint') summary.chiefComplaint = String(value);
    else if (turn.field === 'context') summary.context = String(value);
    else if (turn.field === 'severity') summary.hpi.severity = typeof value === 'number' ? value : null;
    else if (turn.field === 'associatedSymptoms') summary.hpi.associatedSymptoms = Array.isArray(value) ? value : [];
    else summary.hpi[turn.field] = String(value);
  }
  const nextField = finished ? null : (INTAKE_FIELDS.find((f) => !answered.has(f)) ?? null);
  return { summary, answered, nextField, retry, finished: finished || nextField === null };
}

export function structuredQuestion(progress: IntakeProgress): IntakeQuestion | null {
  if (!progress.nextField) return null;
  const text = progress.retry && progress.nextField === 'severity' ? SEVERITY_RETRY : QUESTIONS[progress.nextField];
  return { field: progress.nextField, text, kind: 'open' };
}
