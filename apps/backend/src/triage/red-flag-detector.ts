import type { RedFlag, TriageCategory, TriageResult } from '@patientinsight/shared';
import { normalizeForTriage } from './normalize.js';
import { ANIMAL_SUBJECT, CLAUSE_BOUNDARY, NEGATION_TRIGGERS, PAST_EVENT_AFTER, PAST_EVENT_BEFORE, PSEUDO_NEGATIONS, RED_FLAG_RULES, type RedFlagRule } from './red-flag-rules.js';

/** How many words before a concept a negation word still reaches (NegEx uses 5–6). */
const NEGATION_WINDOW_WORDS = 6;

/** Whether the concept starting at `start` is negated inside its clause. */
function isNegated(text: string, start: number): boolean {
  const clauses = text.slice(0, start).split(CLAUSE_BOUNDARY);
  const clause = (clauses[clauses.length - 1] ?? '').replace(PSEUDO_NEGATIONS, ' ');
  const window = clause.trim().split(/\s+/).slice(-NEGATION_WINDOW_WORDS).join(' ');
  return NEGATION_TRIGGERS.test(window);
}

const NEGATED_PHRASE = /\bnot\b|cannot|\bno\b|never/;
const INNER_NEGATION = /\b(?:not|no|never)\b/;

/** Whether the concept is mentioned as a past event: "history of a stroke", "a seizure 3 years ago". */
function isPastEvent(text: string, start: number, end: number): boolean {
  const before = text.slice(0, start).split(CLAUSE_BOUNDARY).pop() ?? '';
  const after = text.slice(end).split(CLAUSE_BOUNDARY)[0] ?? '';
  return PAST_EVENT_BEFORE.test(before) || PAST_EVENT_AFTER.test(after);
}

/** The first affirmed (not negated, not past) match of any alternative of a concept. */
function affirmedMatch(text: string, alternatives: RegExp[], rule: RedFlagRule): string | null {
  for (const pattern of alternatives) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (isNegated(text, start)) continue;
      // "throat is not swollen": a negation inside a gap of the pattern, unless the pattern itself
      // is a negated phrase ("cannot breathe", "bleeding will not stop").
      if (!NEGATED_PHRASE.test(pattern.source) && INNER_NEGATION.test(match[0])) continue;
      if (rule.pastEventsExcluded && isPastEvent(text, start, end)) continue;
      if (ANIMAL_SUBJECT.test(text.slice(0, start).split(CLAUSE_BOUNDARY).pop() ?? '')) continue;
      return match[0];
    }
  }
  return null;
}

/** Red flags in one text (a message, or several joined). Deterministic; at most one flag per category. */
export function detectRedFlags(text: string): RedFlag[] {
  const normalized = normalizeForTriage(text);
  const flags = new Map<TriageCategory, RedFlag>();
  for (const rule of RED_FLAG_RULES) {
    if (flags.has(rule.category)) continue;
    const evidence: string[] = [];
    for (const concept of rule.concepts) {
      const found = affirmedMatch(normalized, concept, rule);
      if (found === null) break;
      evidence.push(found);
    }
    if (evidence.length === rule.concepts.length) {
      flags.set(rule.category, { category: rule.category, label: rule.label, evidence: evidence.join(' … ') });
    }
  }
  return [...flags.values()];
}

export const EMERGENCY_GUIDANCE =
  'This may be an emergency. Call your local emergency number now (911 in the US, 112 in the EU, 999 in the UK) or go to the nearest emergency department. Do not wait for this report, and do not drive yourself.';
export const CRISIS_GUIDANCE =
  'If you are thinking about ending your life or harming yourself, you are not alone: call or text 988 (US Suicide & Crisis Lifeline), call your local emergency number, or go to the nearest emergency department now. If you can, stay with someone you trust.';

/**
 * Triage of a patient message in the context of what they said before: a flag whose parts were
 * given in different answers ("pain in my chest" … "it gets worse on the stairs") is still caught.
 */
export function triage(message: string, previousPatientMessages: readonly string[] = []): TriageResult {
  const own = detectRedFlags(message);
  const combined = previousPatientMessages.length ? detectRedFlags([...previousPatientMessages, message].join(' .\n')) : [];
  const byCategory = new Map<TriageCategory, RedFlag>();
  for (const flag of [...own, ...combined]) if (!byCategory.has(flag.category)) byCategory.set(flag.category, flag);
  const flags = [...byCategory.values()];
  if (flags.length === 0) return { urgent: false, flags, guidance: null };
  const suicidal = flags.some((f) => f.category === 'suicidal_or_self_harm' || f.category === 'overdose_or_poisoning');
  return { urgent: true, flags, guidance: suicidal ? `${CRISIS_GUIDANCE} ${EMERGENCY_GUIDANCE}` : EMERGENCY_GUIDANCE };
}
