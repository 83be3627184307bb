/**
 * The red-flag detector: findings (taxonomy/findings.ts) found in the text, each read in its context
 * (text/context.ts), combined by the categories' rules (taxonomy/categories.ts) with what is known of the
 * person. Deterministic, no model involved, and linear in the text: phrases are indexed by their first word.
 */
import type { RedFlag, TriageCategory, TriageResult } from '@patientinsight/shared';
import { CATEGORIES, type CategoryDefinition, type ComplaintGroupId, type Guidance } from './taxonomy/categories.js';
import { FINDINGS } from './taxonomy/findings.js';
import { COMPLAINT_GROUPS, type ScreeningQuestion } from './taxonomy/screening.js';
import { buildContext, type ContextIndex, contextWords, type FindingStatus } from './text/context.js';
import { compilePhrase, type PhraseMatch, PhraseMatcher, phraseWords } from './text/phrase-matcher.js';
import { addVocabulary, normalizeText, type Token, tokenize } from './text/tokens.js';

export type { FindingStatus };

/** What is known of the person from the saved profile (never asked again). */
export interface TriageProfile {
  ageYears?: number | null;
  ageMonths?: number | null;
  conditions?: readonly string[];
  medications?: readonly string[];
}

export interface Detection {
  flags: RedFlag[];
  /** A possible emergency to ask about before going on; null when flagged or nothing found. */
  clarification: { question: string; categories: TriageCategory[] } | null;
}

addVocabulary([...Object.values(FINDINGS).flatMap((f) => [...f.phrases, ...(f.except ?? [])].flatMap(phraseWords)), ...contextWords]);
const findingMatcher = new PhraseMatcher<string>(Object.entries(FINDINGS).flatMap(([id, f]) => f.phrases.map((p) => compilePhrase(p, id))));
const exceptionMatcher = new PhraseMatcher<string>(
  Object.entries(FINDINGS).flatMap(([id, f]) => (f.except ?? []).map((p) => compilePhrase(p, id))),
);

const INFANT_AGE =
  /\b(?:(?:(?:is|of|aged?|na|only|just)\s+)?(\d+)\s*(day|days|week|weeks)\s*old|(\d+|one|two|a)\s*months?\s*old|newborn|new born|neonate|born (\d+) (days|weeks) ago|(?:baby|son|daughter|boy|girl|he|she|pikin|infant|it|niece|nephew|grandson|granddaughter|grandchild|lo) (?:is|na|of) (?:only |just |barely )?(\d+|one|two) (days?|weeks?|months?)\b(?! ago))\b/g;
const SMALL_NUMBERS: Record<string, number> = { one: 1, two: 2, a: 1 };

/** Weeks of pregnancy as patients write them ("32 weeks", "33+2", "37 wks"), not a duration ("for 3 weeks", "2 weeks ago"). */
const GESTATION =
  /(?<!\b(?:for|past|last|next|in|about|over|than|few|couple|of)\s)\b(?:1[2-9]|[23]\d|4[0-2])(?:\s*\+\s*[0-6])?\s*(?:weeks?|wks?|week)\b(?!\s*(?:ago|old|now|later|time|since))|\b(?:1[2-9]|[23]\d|4[0-2])\s*\+\s*[0-6]\b/;

/**
 * A child's age or birth in weeks ("my son is 14 weeks", "a 16 week baby", "born at 29 weeks"): taken out before
 * GESTATION is read, so that a bare "30 weeks" elsewhere still says pregnant even when the mother speaks of the baby.
 */
const CHILD_AGE_IN_WEEKS =
  /\b(?:baby|son|daughter|boy|girl|infant|pikin|grandson|granddaughter|nephew|niece),?\s+(?:(?:is|was|na|of)\s+)?(?:(?:only|just|barely|nearly|almost|now)\s+)?\d+\s*(?:weeks?|wks?)\b|\b\d+\s*(?:weeks?|wks?)\s+(?:baby|son|daughter|boy|girl|infant)\b|\bborn\s+(?:\w+\s+)?at\s+\d+\s*(?:weeks?|wks?)\b/g;

/** Whether the text names a baby under 3 months ("my 6 week old", "2 month old", "newborn"). */
function mentionsInfantUnder3Months(normalized: string): boolean {
  for (const m of normalized.matchAll(INFANT_AGE)) {
    if (m[1] && m[2]) return m[2].startsWith('day') ? Number(m[1]) <= 90 : Number(m[1]) <= 12;
    if (m[3]) return (SMALL_NUMBERS[m[3]] ?? Number(m[3])) < 3;
    if (m[4] && m[5]) return m[5] === 'days' ? Number(m[4]) <= 90 : Number(m[4]) <= 12;
    if (m[6] && m[7]) {
      const n = SMALL_NUMBERS[m[6]] ?? Number(m[6]);
      return m[7].startsWith('day') ? n <= 90 : m[7].startsWith('week') ? n <= 12 : n < 3;
    }
    return true;
  }
  return false;
}

interface Seen {
  status: FindingStatus;
  /** Said as over later in its sentence ("… it's stopped now"): no emergency in an adult (OVER_WHEN_RESOLVED). */
  resolved?: boolean;
  words: string;
}

// A long-standing problem ranks with history: neither is an emergency now.
const RANK: Record<FindingStatus, number> = {
  current: 0,
  ambiguous: 1,
  worry: 2,
  chronic: 3,
  historical: 3,
  hypothetical: 4,
  animal: 5,
  negated: 6,
};
const BETWEEN_MESSAGES: Token = { word: '.', stem: '.', boundary: true, comma: false };

/**
 * Findings that are no emergency in an adult once the patient says the episode is over ("breathing went fast, settled
 * after 10 mins", a very high temperature that has come down): ESI and MTS grade the state now. Not stroke signs (a TIA that went away is still urgent, NICE NG128),
 * chest pain, fits, collapse, allergy or injuries, and not blood vomited or coughed up: stopped, it still needs urgent
 * care the same day and, with dizziness or faintness, 999 (NHS), which a rule that drops the flag cannot tell apart.
 */
const OVER_WHEN_RESOLVED = new Set(['breathless', 'cannot_breathe', 'sepsis_signs', 'bleeding_uncontrolled', 'very_hot']);

/** Blood ketones under 0.6 mmol/L are normal (NHS, diabetic ketoacidosis). */
const NORMAL_KETONES_BELOW = 0.6;
const KETONE_READING_REACH = 8;

/**
 * "ketones 0.2", "my ketones go up to around 0.5": every reading after the word, up to a comma or the sentence's end,
 * is normal. A rising reading ("0.3 this morning, now 2.8" said without a comma) keeps the finding.
 */
function normalKetoneReading(tokens: readonly Token[], match: { value: string; end: number }): boolean {
  if (match.value !== 'ketones') return false;
  let readings = 0;
  for (let i = match.end; i < Math.min(tokens.length, match.end + KETONE_READING_REACH); i++) {
    const token = tokens[i]!;
    if (token.boundary || token.comma) break;
    if (!/^\d+(\.\d+)?$/.test(token.word)) continue;
    if (Number(token.word) >= NORMAL_KETONES_BELOW) return false;
    readings++;
  }
  return readings > 0;
}

/**
 * A body temperature written as a reading ("he feels hot, 38.5", "39.2 this morning", "101.3F"): a decimal from
 * 38.0 °C (NICE NG143's fever threshold under 3 months) or 100.4 °F up, unless a unit says it is something else.
 */
const TEMPERATURE_READING = /^(?:3[89]|4[0-2])\.\d$|^10[0-7]\.\d$/;
const NOT_TEMPERATURE_UNITS = new Set(['week', 'weeks', 'wk', 'wks', 'kg', 'kgs', 'lb', 'lbs', 'cm', 'mm', 'mmol', 'percent', '%']);
// Manchester Triage "very hot": 41 °C (105.8 °F) and over.
const VERY_HOT_C = 41;
const VERY_HOT_F = 105.8;
function temperatureReadings(tokens: readonly Token[]): PhraseMatch<string>[] {
  return tokens.flatMap((t, i) => {
    if (!TEMPERATURE_READING.test(t.word) || NOT_TEMPERATURE_UNITS.has(tokens[i + 1]?.word ?? '')) return [];
    const value = Number(t.word);
    const fever = { value: 'fever', start: i, end: i + 1, negated: false };
    return value >= VERY_HOT_F || (value < 100 && value >= VERY_HOT_C) ? [fever, { ...fever, value: 'very_hot' }] : [fever];
  });
}

// Words that say a pair of numbers is a blood pressure, or a number a pulse; a pulse oximeter's number is a saturation.
const BP_WORDS = new Set(['bp', 'pressure', 'pressures', 'systolic', 'mmhg', 'cuff', 'reading', 'readings']);
const PULSE_WORDS = new Set(['pulse', 'hr', 'heartrate', 'heartbeat', 'rate', 'bpm', 'beats', 'beat', 'ticker']);
const NOT_PULSE_WORDS = new Set([
  'ox',
  'oximeter',
  'oxygen',
  'sats',
  'saturation',
  'saturations',
  'spo2',
  'o2',
  'breathing',
  'breaths',
  'respiratory',
]);
// A fast pulse during or after exercise is expected.
const EXERCISE_WORDS = new Set([
  'running',
  'run',
  'ran',
  'jog',
  'jogging',
  'gym',
  'treadmill',
  'workout',
  'exercise',
  'exercising',
  'training',
  'cycling',
  'spin',
  'sprint',
  'match',
  'race',
  'hiit',
]);
// Known words, so the spelling corrector leaves them as typed.
addVocabulary([...BP_WORDS, ...PULSE_WORDS, ...NOT_PULSE_WORDS, ...EXERCISE_WORDS]);
const READING_REACH = 4;
const isNumber = (t: Token | undefined): t is Token => t !== undefined && /^\d{2,3}$/.test(t.word);
const near = (tokens: readonly Token[], from: number, to: number, words: ReadonlySet<string>): boolean => {
  for (let i = Math.max(0, from); i < Math.min(tokens.length, to); i++) if (words.has(tokens[i]!.word)) return true;
  return false;
};

/**
 * Vital signs typed as numbers. A blood pressure ("bp 85/50", "150 over 100"): systolic 90 or under is low (NICE NG51
 * high-risk), 140/90 or over is high (NICE NG133's threshold in pregnancy). A pulse ("pulse 140", "heart rate 135 bpm")
 * over 130 is very fast (NICE NG51), not during exercise. Any other number is left alone.
 */
function vitalSignReadings(tokens: readonly Token[], context: ContextIndex): PhraseMatch<string>[] {
  const found: PhraseMatch<string>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (!isNumber(first)) continue;
    const second = isNumber(tokens[i + 1]) ? i + 1 : tokens[i + 1]?.word === 'over' && isNumber(tokens[i + 2]) ? i + 2 : -1;
    if (second > 0) {
      const systolic = Number(first.word);
      const diastolic = Number(tokens[second]!.word);
      const plausible = systolic >= 50 && systolic <= 260 && diastolic >= 25 && diastolic <= 160 && systolic > diastolic;
      if (plausible && near(tokens, i - READING_REACH, second + 3, BP_WORDS)) {
        const match = { start: i, end: second + 1, negated: false };
        if (systolic <= 90) found.push({ ...match, value: 'bp_low' });
        if (systolic >= 140 || diastolic >= 90) found.push({ ...match, value: 'bp_high' });
        i = second;
        continue;
      }
    }
    const rate = Number(first.word);
    if (rate <= 130 || rate > 250) continue;
    if (!near(tokens, i - READING_REACH, i + 3, PULSE_WORDS) || near(tokens, i - READING_REACH, i + 3, NOT_PULSE_WORDS)) continue;
    if (tokens.some((t, j) => EXERCISE_WORDS.has(t.word) && context.sameSentence(i, j))) continue;
    found.push({ value: 'heart_rate_very_fast', start: i, end: i + 1, negated: false });
  }
  return found;
}

/**
 * Each finding of the tokens with its best status (current beats ambiguous beats the rest); `from` splits off
 * the findings that start at or after that token (the new message after its conversation window).
 */
function findingsOfTokens(tokens: readonly Token[], from = 0): { all: Map<string, Seen>; after: Map<string, Seen> } {
  const context = buildContext(tokens);
  const all = new Map<string, Seen>();
  const after = new Map<string, Seen>();
  const exceptions = exceptionMatcher.match(tokens);
  for (const match of [...findingMatcher.match(tokens), ...temperatureReadings(tokens), ...vitalSignReadings(tokens, context)]) {
    if (exceptions.some((e) => e.value === match.value && e.start < match.end && match.start < e.end)) continue;
    const status = normalKetoneReading(tokens, match)
      ? 'negated'
      : context.status(match.start, match.end, match.negated, match.value.endsWith('_named'));
    const resolved = status === 'current' && OVER_WHEN_RESOLVED.has(match.value) && context.resolvedAfter(match.end);
    for (const map of match.start >= from ? [all, after] : [all]) {
      const previous = map.get(match.value);
      if (!previous || RANK[status] < RANK[previous.status] || (status === previous.status && previous.resolved === true && !resolved))
        map.set(match.value, {
          status,
          resolved,
          words: tokens
            .slice(match.start, match.end)
            .map((t) => t.word)
            .join(' '),
        });
    }
  }
  return { all, after };
}

/** Each finding of a text with its best status. */
function findingsOf(text: string): Map<string, Seen> {
  return findingsOfTokens(tokenize(text)).all;
}

/** Facts about the person from the profile's free text (conditions, medicines) and age. */
function profileFacts(profile: TriageProfile | undefined): Set<string> {
  const facts = new Set<string>();
  if (!profile) return facts;
  const text = [...(profile.conditions ?? []), ...(profile.medications ?? [])].join('. ');
  for (const [id, seen] of findingsOf(text)) if (id.startsWith('p_') && seen.status !== 'negated') facts.add(id);
  const months = profile.ageMonths ?? (profile.ageYears != null ? profile.ageYears * 12 : null);
  if (months != null && months < 3) facts.add('p_infant_under_3_months');
  if (months != null && months < 24) facts.add('p_baby');
  if (months != null && months < 16 * 12) facts.add('p_child');
  return facts;
}

type Level = 'current' | 'uncertain';

function holds(rules: string[][][], has: (id: string) => boolean): string[][] | null {
  for (const rule of rules) if (rule.every((slot) => slot.some(has))) return rule;
  return null;
}

const GUIDANCE_TEXT: Record<Guidance, string> = {
  emergency:
    'This may be an emergency. Call your local emergency number now (911 in the US, 112 in the EU, 999 in the UK) or go to the nearest emergency department. Do not wait for this report, and do not drive yourself.',
  urgent:
    'This needs a clinician today. Call your urgent care line now (111 in the UK) or go to an urgent care centre or emergency department. If it gets worse, call your local emergency number.',
  crisis:
    'If you are thinking about ending your life or have harmed yourself, you are not alone: call or text 988 (US Suicide & Crisis Lifeline), 116 123 (Samaritans, UK), or your local emergency number, or go to the nearest emergency department now. If you can, stay with someone you trust.',
};

/**
 * Red flags in one text (a message, or a window of a conversation). `words` is the patient's text kept
 * for the doctor (shortened); `source` says where it came from.
 */
export function detect(text: string, profile?: TriageProfile, source: RedFlag['source'] = 'message'): Detection {
  return evaluate(findingsOf(text), normalizeText(text), text, profileFacts(profile), source);
}

/** The categories that findings (with what is known of the person) make: flags, or a question to ask. */
function evaluate(
  seen: ReadonlyMap<string, Seen>,
  normalized: string,
  text: string,
  profileKnown: ReadonlySet<string>,
  source: RedFlag['source'],
): Detection {
  const facts = new Set(profileKnown);
  if (mentionsInfantUnder3Months(normalized)) facts.add('p_infant_under_3_months');
  if (GESTATION.test(normalized.replace(CHILD_AGE_IN_WEEKS, ' ')) && !facts.has('p_infant_under_3_months')) facts.add('p_pregnant');
  if (facts.has('p_infant_under_3_months')) facts.add('p_baby');
  if (facts.has('p_baby')) facts.add('p_child');

  const level = (id: string): Level | null => {
    if (facts.has(id)) return 'current';
    const s = seen.get(id);
    if (!s) return null;
    // Facts about the person hold whatever the tense ("diagnosed with diabetes years ago").
    if (id.startsWith('p_')) return s.status === 'negated' || s.status === 'hypothetical' || s.status === 'animal' ? null : 'current';
    // An episode that is over is no emergency in an adult; in a child (a baby who went blue and is "fine now") it is.
    if (s.status === 'current') return s.resolved && level('p_child') !== 'current' ? null : 'current';
    if (s.status === 'ambiguous' || s.status === 'worry') return 'uncertain';
    return null;
  };
  const current = (id: string) => level(id) === 'current';
  const possible = (id: string) => level(id) !== null;

  const flags: RedFlag[] = [];
  const asks: CategoryDefinition[] = [];
  for (const category of CATEGORIES) {
    const rule = holds(category.rules, current);
    if (rule) {
      const used = rule.map((slot) => slot.find(current)!);
      flags.push({
        category: category.id,
        label: `${category.label}: ${[...new Set(used.map((id) => FINDINGS[id]?.label ?? 'a baby under 3 months'))].join(', ')}`,
        evidence: used.flatMap((id) => (seen.get(id) ? [seen.get(id)!.words] : [])).join(' … '),
        quote: text.length > 600 ? `${text.slice(0, 597)}…` : text,
        source,
        guidance: category.guidance,
      });
    } else if (holds(category.rules, possible) || (category.ask && !current('benign_explanation') && holds(category.ask.rules, current)))
      asks.push(category);
  }
  if (flags.length > 0 || asks.length === 0) return { flags, clarification: null };
  const question =
    asks.length === 1 && asks[0]!.ask ? asks[0]!.ask.question : 'Is this happening now, to you or to the person you are writing for?';
  return { flags, clarification: { question, categories: asks.map((c) => c.id) } };
}

/** The guidance for a set of flags: a crisis line first when one applies, then the most urgent other advice. */
export function guidanceFor(flags: readonly RedFlag[]): string | null {
  if (flags.length === 0) return null;
  const kinds = new Set(flags.map((f) => f.guidance ?? 'emergency'));
  const parts: string[] = [];
  if (kinds.has('crisis')) parts.push(GUIDANCE_TEXT.crisis);
  if (kinds.has('emergency') || kinds.has('crisis')) parts.push(GUIDANCE_TEXT.emergency);
  else parts.push(GUIDANCE_TEXT.urgent);
  return parts.join(' ');
}

/** How much of the patient's earlier messages is read again with a new one: enough for a symptom split over answers. */
const CONVERSATION_WINDOW_CHARS = 2_000;

/**
 * Triage of a patient message in the context of what they said before: a flag whose parts were given in
 * different answers ("pain in my chest" … "now it is going down my arm") is still caught. Only the last
 * CONVERSATION_WINDOW_CHARS of earlier messages are read, so the cost does not grow with the conversation.
 */
export function triage(
  message: string,
  previousPatientMessages: readonly string[] = [],
  profile?: TriageProfile,
  source: RedFlag['source'] = 'message',
): TriageResult {
  return triageMessage(message, previousPatientMessages, profile, source).result;
}

/**
 * `triage`, also saying which categories the message raised by itself: a flag found only with the earlier
 * window repeats what the conversation already said, so a patient who called it a misunderstanding is not
 * flagged again for the same words. Clarifying questions come from the message alone, for the same reason.
 */
export function triageMessage(
  message: string,
  previousPatientMessages: readonly string[] = [],
  profile?: TriageProfile,
  source: RedFlag['source'] = 'message',
): { result: TriageResult; fromMessage: Set<TriageCategory> } {
  let window = '';
  for (let i = previousPatientMessages.length - 1; i >= 0 && window.length < CONVERSATION_WINDOW_CHARS; i--)
    window = `${previousPatientMessages[i]} .\n${window}`;
  window = window.slice(-CONVERSATION_WINDOW_CHARS);
  // One pass over window and message: the message's own findings are those that start inside it.
  const windowTokens = window ? [...tokenize(window), BETWEEN_MESSAGES] : [];
  const { all, after } = findingsOfTokens([...windowTokens, ...tokenize(message)], windowTokens.length);
  const facts = profileFacts(profile);
  const normalizedMessage = normalizeText(message);
  const own = evaluate(after, normalizedMessage, message, facts, source);
  const combined = window
    ? evaluate(all, `${normalizeText(window)} . ${normalizedMessage}`, message, facts, source)
    : { flags: [], clarification: null };
  const byCategory = new Map<TriageCategory, RedFlag>();
  for (const flag of [...own.flags, ...combined.flags]) if (!byCategory.has(flag.category)) byCategory.set(flag.category, flag);
  const flags = [...byCategory.values()];
  const fromMessage = new Set(own.flags.map((f) => f.category));
  if (flags.length > 0) return { result: { urgent: true, flags, guidance: guidanceFor(flags), clarification: null }, fromMessage };
  return { result: { urgent: false, flags, guidance: null, clarification: own.clarification }, fromMessage };
}

/**
 * The context (text/context.ts) of a finding in a text read by character offsets, as the intake reads its slots
 * with regular expressions: the status of the words from `from` to `to` (one word when `to` is left out). A
 * span's first token is the count of tokens before it, the same token the whole text's tokenisation has there.
 */
export function contextOfText(text: string): (from: number, to?: number) => FindingStatus {
  const context = buildContext(tokenize(text));
  const tokenAt = (offset: number) => tokenize(text.slice(0, offset), false).length;
  return (from, to) => {
    const start = tokenAt(from);
    return context.status(start, to === undefined ? start + 1 : Math.max(start + 1, tokenAt(to)), false);
  };
}

/** How many discriminator questions the intake asks at most (the first groups' questions, in order). */
const MAX_SCREENING_QUESTIONS = 8;

/**
 * The screening questions for a presenting complaint: the complaint groups its findings select (and a child's
 * group from the profile's age), each group's questions in order, without repeats.
 */
export function screeningFor(complaint: string, profile?: TriageProfile): ScreeningQuestion[] {
  const seen = findingsOf(complaint);
  const present = (id: string) => seen.has(id) && seen.get(id)!.status !== 'negated';
  const groups = (Object.keys(COMPLAINT_GROUPS) as ComplaintGroupId[]).filter((g) => COMPLAINT_GROUPS[g].findings.some(present));
  const facts = profileFacts(profile);
  if ((facts.has('p_child') || facts.has('p_baby')) && !groups.includes('child_unwell')) groups.unshift('child_unwell');
  const questions = new Map<string, ScreeningQuestion>();
  for (const group of groups) for (const q of COMPLAINT_GROUPS[group].questions) if (!questions.has(q.id)) questions.set(q.id, q);
  return [...questions.values()].slice(0, MAX_SCREENING_QUESTIONS);
}

/** The red flag a "yes" to a screening question raises. */
export function screeningFlag(question: ScreeningQuestion, answerText: string): RedFlag {
  const category = CATEGORIES.find((c) => c.id === question.category)!;
  return {
    category: category.id,
    label: `${category.label}: answered yes to "${question.text}"`,
    evidence: answerText.slice(0, 200),
    quote: `${question.text} — ${answerText}`.slice(0, 600),
    source: 'screening',
    guidance: category.guidance,
  };
}

/** The flags a "yes" to a clarifying question confirms: the categories asked about, with the words that raised them. */
export function confirmedFlags(categories: readonly string[], originalText: string): RedFlag[] {
  return categories.flatMap((id) => {
    const category = CATEGORIES.find((c) => c.id === id);
    if (!category) return [];
    return [
      {
        category: id,
        label: `${category.label} (confirmed as happening now)`,
        evidence: originalText.slice(0, 200),
        quote: originalText.slice(0, 600),
        source: 'message' as const,
        guidance: category.guidance,
      },
    ];
  });
}
