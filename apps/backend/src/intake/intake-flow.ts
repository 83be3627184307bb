import {
  type ConversationTurn,
  INTAKE_FIELDS,
  type IntakeField,
  type IntakeProfile,
  type IntakeQuestion,
  type IntakeSummary,
  type RedFlag,
  type TriageResult,
} from '@patientinsight/shared';
import { contextOfText, type FindingStatus, screeningFor, type TriageProfile } from '../triage/red-flag-detector.js';
import { SCREENING_QUESTIONS } from '../triage/taxonomy/screening.js';
import {
  AGGRAVATING_PATTERNS,
  CHARACTER_WORDS,
  CONDITION_PHRASES,
  FILLER,
  ONSET_MANNER,
  ONSET_PATTERNS,
  PAIN_WORDS,
  PATTERN_WORDS,
  PHRASE_END,
  RELIEVING_PATTERNS,
  SITE_QUALIFIERS,
  SITES,
  SYMPTOMS,
  TRIGGER,
} from './slot-cues.js';

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
export const SEVERITY_RETRY =
  'Please choose a number from 1 to 10 (10 is the worst you can imagine), describe it in a word such as mild or severe, or say “skip”.';
/** The closing turn; it marks the intake as finished. It claims nothing about coverage (the patient may have finished early). */
export const COMPLETION_TEXT =
  'Thank you. Your answers are summarised for your doctor: check the summary below, correct or add anything, then send it.';
/** The closing turn stored by earlier versions; still recognised so those conversations stay finished. */
const EARLIER_COMPLETION_TEXTS = ['Thank you, that is everything we need. Your answers are summarised for the doctor.'];
const isCompletion = (turn: ConversationTurn) =>
  turn.role === 'assistant' && [COMPLETION_TEXT, ...EARLIER_COMPLETION_TEXTS].some((t) => turn.text.startsWith(t));
export const NOT_REPORTED = 'not reported';
/** Said when the patient asks to finish while the complaint's safety questions are still to be asked. */
export const SAFETY_BEFORE_FINISH = 'Before you finish, we need your answer to a few safety questions.';

const SKIP =
  /^\s*(?:skip|pass|n\/?a|not sure|unsure|i (?:do not|don't|dont) know|don't know|dont know|no idea|prefer not to say)\s*[.!]?\s*$/i;
const NONE = /^\s*(?:no|none|nothing|nope|no other symptoms|not really|nothing else|no,? nothing)\s*[.!]?\s*$/i;
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

const SEVERITY_WORDS: [RegExp, number][] = [
  [/\b(?:worst|unbearable|excruciating|agony|agonising|agonizing)\b/, 10],
  [/\b(?:severe|really bad|very bad|terrible|awful)\b/, 8],
  [/\b(?:moderate|medium|quite bad|fairly bad)\b/, 5],
  [/\b(?:mild|slight|a little|not too bad|not bad)\b/, 3],
];

/** "skip", "not sure", "don't know": the patient does not answer this one. */
export const isSkipWords = (text: string): boolean => SKIP.test(text);

/**
 * 1–10 from "7", "7/10", "about a seven", "8 out of 10", a range or several situations ("about a 6 going down
 * stairs, 2 or 3 sitting": the worst one, 6), or words ("mild", "severe"); null when there is no rating.
 */
export function parseSeverity(text: string): number | null {
  const lower = text.toLowerCase();
  const outOf = /\b(10|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\/|out of)\s*10\b/.exec(lower);
  if (outOf) return WORDS[outOf[1]!] ?? Number(outOf[1]);
  const numbers = [
    ...lower.matchAll(
      /\b(10|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:days?|weeks?|hours?|months?|years?|mg|times|am|pm|o'?clock|minutes?|mins?))/g,
    ),
  ].map((m) => WORDS[m[1]!] ?? Number(m[1]));
  const candidates = numbers.filter((n) => n >= 1 && n <= 10);
  if (candidates.length > 0) return Math.max(...candidates);
  for (const [pattern, value] of SEVERITY_WORDS) if (pattern.test(lower)) return value;
  return null;
}

/** The 1–10 buttons of the severity question. */
export const SEVERITY_OPTIONS = Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));

/** What a free-text answer already says about the other slots (slot-cues.ts holds the words). */
export interface ExtractedSlots {
  /** The complaint as a short phrase ("right knee pain", "cough"). */
  complaint?: string;
  onset?: string;
  location?: string;
  character?: string;
  severity?: number;
  pattern?: string;
  aggravating?: string;
  relieving?: string;
  associatedSymptoms?: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const QUALIFIER = `(?:(?:${SITE_QUALIFIERS.map(escapeRegExp).join('|')})\\s+)`;
const SITE = new RegExp(`\\b(?:(?:my|the|his|her|your)\\s+)?(${QUALIFIER}*)(${SITES.join('|')})\\b`, 'g');
/** "back" and "side" are sites only with a qualifier or possessive ("came back", "side effect" are not). */
const AMBIGUOUS_SITES = new Set(['back', 'side']);
const RADIATION = new RegExp(
  `\\b(?:spreads?|spreading|radiat\\w*|goes|going|moves?|shoots?|travels?)\\s+(?:down|up|into|to|through|across)\\s+(?:my|the|both)?\\s*(${QUALIFIER}*(?:${SITES.join('|')}))\\b`,
);
const DAYS = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/g;

/** "when I bend over" → "bend over". */
const LEADING_WHEN = /^(?:(?:when|while|if)\s+)?(?:i(?:'m| am)?\s+)?/;
/**
 * Whether the finding at a character offset is not happening now (ConText, triage/text/context.ts): denied, told as
 * past history, asked about or advised ("what if", "come back if"), or about an animal. Such a finding fills no
 * present-tense slot; the answer itself keeps the words for the doctor. Kept: current, a long-standing problem
 * (chronic: still there), a worry ("scared it is my heart": the patient has it) and an ambiguous time ("had a cough
 * for 5 days", "last week": most often this illness, which the doctor wants in its history).
 */
type NotNow = (from: number, to?: number) => boolean;
const HAPPENING_NOW = new Set<FindingStatus>(['current', 'chronic', 'worry', 'ambiguous']);
/** The text with each condition phrase blanked (same length, so offsets still point into the answer). */
const withoutConditions = (lower: string) =>
  CONDITION_PHRASES.reduce((text, phrase) => text.replace(new RegExp(phrase, 'g'), (m) => ' '.repeat(m.length)), lower);
const tidy = (phrase: string) =>
  phrase
    .replace(PHRASE_END, '')
    .replace(/\s+(?:too|as well|also)$/, '')
    .replace(/\bmy\b/g, 'the')
    .replace(DAYS, (d) => d[0]!.toUpperCase() + d.slice(1))
    .replace(/\s+/g, ' ')
    .trim();
const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g) ?? []);
/** Drops a phrase whose words are all in another one ("on stairs" beside "going down stairs"). */
function distinct(phrases: string[]): string[] {
  const unique = [...new Set(phrases.filter((p) => p.length > 1))];
  return unique.filter(
    (p, i) =>
      !unique.some(
        (q, j) =>
          j !== i &&
          q.length >= p.length &&
          [...words(p)].filter((w) => !['on', 'at', 'in', 'with', 'when', 'the'].includes(w)).every((w) => words(q).has(w)) &&
          (q.length > p.length || j < i),
      ),
  );
}

function siteOf(reading: string, notNow: NotNow): { site: string; noun: string; index: number } | null {
  for (const m of reading.matchAll(SITE)) {
    const qualifiers = (m[1] ?? '').trim();
    const noun = m[2]!;
    const possessive = /^(?:my|the|his|her|your)\s/.test(m[0]);
    if (AMBIGUOUS_SITES.has(noun) && !qualifiers && !possessive) continue;
    if (notNow(m.index + m[0].length - noun.length, m.index + m[0].length)) continue;
    return {
      site: `${qualifiers.replace(/\bmy\b/g, 'the')} ${noun}`.trim(),
      noun: `${qualifiers.match(/\b(?:left|right|both|lower|upper)\b/)?.[0] ?? ''} ${noun}`.trim(),
      index: m.index,
    };
  }
  return null;
}

/**
 * Reads every slot a free-text answer covers (onset, site, character, what makes it worse or better, the course,
 * other symptoms, an explicit "6/10"), each as a short phrase, so the flow does not ask it again.
 */
export function extractSlots(text: string): ExtractedSlots {
  const lower = ` ${text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ')} `;
  const out: ExtractedSlots = {};
  // Symptoms, the site and the character are read with condition phrases blanked, and only where happening now.
  const reading = withoutConditions(lower);
  const context = contextOfText(lower);
  const notNow: NotNow = (from, to) => !HAPPENING_NOW.has(context(from, to));
  /** The first mention of a pattern said as happening now ("a rash years ago, … a rash again today": the second). */
  const firstNow = (pattern: RegExp) =>
    [...reading.matchAll(new RegExp(pattern.source, 'g'))].find((m) => !notNow(m.index, m.index + m[0].length)) ?? null;
  const site = siteOf(reading, notNow);
  if (site) {
    const radiation = RADIATION.exec(reading);
    out.location = radiation ? `${site.site}, spreading to the ${radiation[1]!.trim()}` : site.site;
  }

  const found = SYMPTOMS.flatMap(([pattern, term]) => {
    const m = firstNow(pattern);
    return m ? [{ term, index: m.index }] : [];
  }).sort((a, b) => a.index - b.index);
  const painIsComplaint = firstNow(PAIN_WORDS) !== null && !found.some((f) => f.term === 'sore throat');
  if (painIsComplaint) out.complaint = site ? `${site.noun} pain` : 'pain';
  else if (found.length) out.complaint = found[0]!.term;
  const associated = found
    .map((f) => f.term)
    .filter((t) => t !== out.complaint && !(t === 'stiffness' && /\bstiff\b/.test(lower) && painIsComplaint === false));
  if (associated.length) out.associatedSymptoms = [...new Set(associated)];

  const character = CHARACTER_WORDS.filter((w) => firstNow(new RegExp(`\\b${escapeRegExp(w)}\\b`)) !== null);
  if (character.length) out.character = character.filter((w) => !character.some((o) => o !== w && o.startsWith(w))).join(', ');

  const time = ONSET_PATTERNS.map((p) => p.exec(lower)).find((m) => m !== null);
  const trigger = TRIGGER.exec(lower);
  const manner = ONSET_MANNER.find(([p]) => p.test(lower))?.[1];
  const onset = [time?.[0].trim(), trigger?.[0].trim(), manner].filter((x): x is string => Boolean(x)).map(tidyOnset);
  if (onset.length) out.onset = distinct(onset).join(', ');

  const severity = /\b(10|[1-9])\s*(?:\/|out of)\s*10\b/.exec(lower);
  if (severity) out.severity = Number(severity[1]);

  const pattern = PATTERN_WORDS.filter(([p]) => p.test(lower)).map(([, v]) => v);
  if (pattern.length) out.pattern = pattern.join(', ');

  const aggravating = AGGRAVATING_PATTERNS.flatMap((p) =>
    [...lower.matchAll(new RegExp(p, 'g'))].filter((m) => !notNow(m.index)).map((m) => tidy(m[1]!.replace(LEADING_WHEN, ''))),
  );
  if (distinct(aggravating).length) out.aggravating = distinct(aggravating).join('; ');
  const relieving = RELIEVING_PATTERNS.flatMap((p) =>
    [...lower.matchAll(new RegExp(p, 'g'))].map((m) =>
      tidy((m[1]!.split(/\s*(?:,|\band\b|\bbut\b|\bso\b)\s*/).at(-1) ?? '').replace(LEADING_WHEN, '')),
    ),
  );
  if (distinct(relieving).length) out.relieving = distinct(relieving).join('; ');
  return out;
}

/** "since saturday morning" → "since Saturday morning"; a bare day reads "on Saturday". */
function tidyOnset(phrase: string): string {
  const tidied = tidy(phrase.replace(/^(?:started|began|begun|came on|start(?:ing)?)\s+/, ''));
  return /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.test(tidied) ? `on ${tidied}` : tidied;
}

/** A direct answer as the summary keeps it: the filler before it and a trailing full stop removed. */
export function cleanAnswer(text: string): string {
  return (
    text
      .trim()
      .replace(FILLER, '')
      .replace(/[.!]+$/, '')
      .trim() || text.trim()
  );
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
    return {
      ok: true,
      value: trimmed
        .split(/\s*(?:,|;|\band\b|\balso\b)\s*/i)
        .map((s) => s.replace(/^(?:i have|i've got|i get|some|a bit of)\s+/i, '').trim())
        .filter((s) => s.length > 1),
    };
  }
  if (field !== 'chiefComplaint' && NONE.test(trimmed)) return { ok: true, value: 'nothing' };
  return { ok: true, value: (field === 'chiefComplaint' ? trimmed : cleanAnswer(trimmed)).slice(0, 1000) };
}

export interface IntakeProgress {
  summary: IntakeSummary;
  answered: Set<IntakeField>;
  /** The next field to ask, or null when every field is answered or the patient finished. */
  nextField: IntakeField | null;
  /** The last answer to the field asked could not be used (an unclear severity). */
  retry: boolean;
  finished: boolean;
  /** The patient asked to finish (screening questions left are still asked). */
  finishRequested: boolean;
  /** The patient's first answer as typed (the screening groups are chosen from it). */
  complaintText: string | null;
}

export function emptySummary(profile: IntakeProfile): IntakeSummary {
  return {
    chiefComplaint: null,
    hpi: {
      onset: null,
      character: null,
      location: null,
      severity: null,
      pattern: null,
      aggravating: null,
      relieving: null,
      associatedSymptoms: [],
    },
    context: null,
    redFlags: [],
    profile,
  };
}

function setField(summary: IntakeSummary, field: IntakeField, value: string | number | string[]): void {
  if (field === 'chiefComplaint') summary.chiefComplaint = String(value);
  else if (field === 'context') summary.context = String(value);
  else if (field === 'severity') summary.hpi.severity = typeof value === 'number' ? value : null;
  else if (field === 'associatedSymptoms') summary.hpi.associatedSymptoms = Array.isArray(value) ? value : [];
  else summary.hpi[field] = String(value);
}

/** The turns whose text is a free-text answer (read for other slots too); yes/no answers, skips and finishes are not. */
const isFreeText = (turn: ConversationTurn) =>
  turn.role === 'patient' && turn.field !== null && (turn.kind === undefined || turn.kind === 'open' || turn.kind === 'review');

/**
 * Rebuilds the summary from the conversation (the stored turns are the source of truth). Each free-text answer
 * fills its own field and every other field it already covers that is still empty, so those are not asked.
 */
export function replay(conversation: ConversationTurn[], profile: IntakeProfile, redFlags: RedFlag[] = []): IntakeProgress {
  const summary = emptySummary(profile);
  summary.redFlags = redFlags;
  const answered = new Set<IntakeField>();
  const inferred = new Set<IntakeField>();
  const skipped = new Set<IntakeField>();
  let retry = false;
  let finished = false;
  let finishRequested = false;
  let complaintText: string | null = null;
  let complaintPhrase: string | null = null;
  for (const turn of conversation) {
    if (isCompletion(turn)) finished = true;
    if (turn.role === 'patient' && turn.kind === 'finish') finishRequested = true;
    if (turn.role !== 'patient' || !turn.field) continue;
    if (turn.kind === 'skip') {
      setField(summary, turn.field, turn.field === 'associatedSymptoms' ? [] : NOT_REPORTED);
      answered.add(turn.field);
      skipped.add(turn.field);
      inferred.delete(turn.field);
      retry = false;
      continue;
    }
    const parsed = answerValue(turn.field, turn.text);
    if (turn.kind !== 'review') retry = !parsed.ok;
    if (!parsed.ok) continue;
    answered.add(turn.field);
    inferred.delete(turn.field);
    setField(summary, turn.field, parsed.value);
    if (SKIP.test(turn.text)) skipped.add(turn.field);
    else skipped.delete(turn.field);
    if (!isFreeText(turn) || SKIP.test(turn.text)) continue;
    const slots = extractSlots(turn.text);
    if (turn.field === 'chiefComplaint') {
      complaintText ??= turn.text.trim();
      complaintPhrase = slots.complaint ?? null;
    }
    const fill = (field: IntakeField, value: string | number | string[] | undefined) => {
      if (value === undefined || field === turn.field || answered.has(field)) return;
      setField(summary, field, value);
      answered.add(field);
      inferred.add(field);
    };
    fill('onset', slots.onset);
    fill('location', slots.location);
    fill('character', slots.character);
    fill('severity', slots.severity);
    fill('pattern', slots.pattern);
    fill('aggravating', slots.aggravating);
    fill('relieving', slots.relieving);
    fill('associatedSymptoms', slots.associatedSymptoms);
  }
  summary.complaintPhrase = complaintPhrase;
  summary.answered = INTAKE_FIELDS.filter((f) => answered.has(f) && !skipped.has(f));
  summary.inferred = INTAKE_FIELDS.filter((f) => inferred.has(f));
  summary.skipped = INTAKE_FIELDS.filter((f) => skipped.has(f));
  const remaining = INTAKE_FIELDS.find((f) => !answered.has(f)) ?? null;
  summary.finishedEarly = finishRequested && remaining !== null;
  const nextField = finished || finishRequested ? null : remaining;
  return { summary, answered, nextField, retry, finished: finished || nextField === null, finishRequested, complaintText };
}

export function structuredQuestion(progress: IntakeProgress): IntakeQuestion | null {
  if (!progress.nextField) return null;
  const text = progress.retry && progress.nextField === 'severity' ? SEVERITY_RETRY : QUESTIONS[progress.nextField];
  return { field: progress.nextField, text, kind: 'open', ...(progress.nextField === 'severity' ? { options: SEVERITY_OPTIONS } : {}) };
}

/** The yes/no buttons of screening and clarifying questions. */
export const YES_NO_OPTIONS = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'Not sure' },
];
export const CONFIRM_FLAG_QUESTION: IntakeQuestion = {
  field: null,
  kind: 'confirm_flag',
  id: 'confirm_flag',
  text: 'Is this happening now? If you misunderstood the question or it is not happening now, tell us and we will carry on.',
  options: [
    { value: 'now', label: 'Yes, it is happening now' },
    { value: 'misunderstanding', label: 'No, I misunderstood or it is not happening now' },
  ],
};
export const CONTINUE_AFTER_MISUNDERSTANDING = 'Thank you. We will carry on; the doctor will still see what you told us.';

const YES =
  /^\s*(?:y|yes|yeah|yea|yep|yup|ya|yah|yes+|aye|correct|right|true|i do|it does|it is|there is|he is|she is|they are|i have|i am|sure|definitely|absolutely)\b/i;
const NO =
  /^\s*(?:n|no|nope|nah|naw|not really|none|never|nothing|i do not|i don'?t|it does not|it doesn'?t|there is no|there isn'?t|he is not|she is not|not at all|negative)\b/i;
const UNSURE = /^\s*(?:unsure|not sure|don'?t know|do not know|dunno|maybe|perhaps|i think so|possibly|idk)\b/i;

/** A yes/no/unsure answer from a button value or typed words; null when it is neither. Unsure is checked first ("not sure" starts like "not"). */
export function parseYesNo(text: string): 'yes' | 'no' | 'unsure' | null {
  if (UNSURE.test(text)) return 'unsure';
  if (NO.test(text)) return 'no';
  if (YES.test(text)) return 'yes';
  return null;
}

/** The patient's answer to "is this happening now?". */
export function parseConfirmation(text: string): 'happening_now' | 'misunderstanding' | null {
  if (/^\s*(?:now|yes)\b/i.test(text)) return 'happening_now';
  if (
    /^\s*(?:misunderstanding|no)\b|misunderst|mistake|not happening|wrong button|by accident|not now|years ago|in the past|not me/i.test(
      text,
    )
  )
    return 'misunderstanding';
  if (/happening now|right now|still/i.test(text)) return 'happening_now';
  return null;
}

export const toTriageProfile = (profile: IntakeProfile): TriageProfile => ({
  ageYears: profile.age,
  conditions: profile.conditions,
  medications: profile.medications,
});

/** The question the last assistant turn put, while the patient has not answered it. */
export function pendingQuestion(conversation: readonly ConversationTurn[]): IntakeQuestion | null {
  const last = conversation.at(-1);
  if (!last || last.role !== 'assistant' || !last.kind || last.kind === 'guidance') {
    if (last?.role === 'assistant' && last.field) return { field: last.field, text: last.text, kind: 'open' };
    return null;
  }
  if (last.kind === 'skip' || last.kind === 'finish' || last.kind === 'review') return null;
  return { field: last.field, text: last.text, kind: last.kind, id: last.questionId, options: last.options };
}

/** The structured screening answers given so far (for the doctor, and to know what is left to ask). */
export function screeningAnswers(conversation: readonly ConversationTurn[]): NonNullable<IntakeSummary['screening']> {
  const out: NonNullable<IntakeSummary['screening']> = [];
  for (const turn of conversation) {
    if (turn.role !== 'patient' || turn.kind !== 'screening' || !turn.questionId) continue;
    const question = SCREENING_QUESTIONS.get(turn.questionId);
    // Words that are neither yes nor no count as "not sure", so the question is not asked again and again.
    const answer = parseYesNo(turn.text) ?? 'unsure';
    if (question) out.push({ id: question.id, question: question.text, answer, category: question.category });
  }
  return out;
}

/**
 * The next question: while a red flag is active, whether it is happening now; then the complaint's screening
 * questions (skipping categories already flagged), even when the patient asked to finish; then the open
 * questions whose fields no answer has covered yet.
 */
export function nextIntakeQuestion(
  conversation: readonly ConversationTurn[],
  profile: IntakeProfile,
  triage: TriageResult | null,
): IntakeQuestion | null {
  if (triage?.urgent && triage.patientResponse !== 'misunderstanding') return CONFIRM_FLAG_QUESTION;
  const progress = replay([...conversation], profile, triage?.flags ?? []);
  // Finishing early still goes through the complaint's screening questions; only the open ones are dropped.
  if (progress.finished && !progress.finishRequested) return null;
  if (conversation.some(isCompletion)) return null;
  const complaint = progress.complaintText ?? progress.summary.chiefComplaint;
  if (complaint) {
    const asked = new Set(screeningAnswers(conversation).map((a) => a.id));
    const flagged = new Set((triage?.flags ?? []).map((f) => f.category));
    const next = screeningFor(complaint, toTriageProfile(profile)).find((q) => !asked.has(q.id) && !flagged.has(q.category));
    if (next) return { field: null, kind: 'screening', id: next.id, text: next.text, options: YES_NO_OPTIONS };
  }
  return structuredQuestion(progress);
}
