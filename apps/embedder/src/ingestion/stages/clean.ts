import type { CaseField } from '@patientinsight/shared';
import { createHash } from 'node:crypto';
import type { ParsedRow } from './parse.js';

/** A row after cleaning: normalised values, with what could not be understood kept for validation to name. */
export interface CleanRow {
  row: number;
  line: number | null;
  caseId: string | null;
  pmid: string | null;
  title: string;
  text: string | null;
  /** Years; null when absent; NaN when present but unreadable (see ageProblem). */
  age: number | null;
  ageProblem: string | null;
  sex: 'F' | 'M' | null;
  /** The raw sex value when it is not one we know. */
  sexUnknown: string | null;
  /** Case fields that were empty or absent in the source, for the missing-value rates. */
  missing: CaseField[];
}

// Months of 30 days (a day is 1/360 year): [[3.0,'month'],[2.0,'day']] is 0.256 years.
const DAY = 1 / 360;
const YEARS_PER_UNIT: Record<string, number> = {
  year: 1,
  month: 1 / 12,
  week: 7 * DAY,
  day: DAY,
  hour: DAY / 24,
  minute: DAY / (24 * 60),
};

/** A list of pairs once each pair is replaced by P: `[P, P]`, a trailing comma allowed as in Python, or one bare pair. */
const AGE_LIST = /^(P|\[P(,P)*,?\])$/;
const AGE_PAIR = /\[\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*,\s*['"]\s*([A-Za-z]+?)s?\s*['"]\s*\]/g;

/**
 * PMC-Patients ages are Python literals listing `[value, unit]` pairs that add up:
 * `[[3.0, 'month'], [2.0, 'day']]` is 3/12 + 2/360 = 0.256 years (rounded to 3 decimals).
 * A bare number ("45") is taken as years. Returns NaN with a reason for anything else.
 */
export function parseAge(raw: unknown): { years: number | null; problem: string | null } {
  if (raw === undefined || raw === null) return { years: null, problem: null };
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? { years: raw, problem: null } : { years: Number.NaN, problem: 'is not a finite number' };
  const text = (Array.isArray(raw) ? JSON.stringify(raw) : String(raw)).trim();
  if (text === '' || text === '[]') return { years: null, problem: null };
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) return { years: Number(text), problem: null };
  const inWords = ageInWords(text);
  if (inWords !== null) return { years: inWords, problem: null };
  // The whole literal must be one list of pairs (or a single pair), brackets matched: neither
  // "[[3.0, 'month'], garbage]" nor a truncated "[[45.0, 'year']" is half-read.
  if (!AGE_LIST.test(text.replace(AGE_PAIR, 'P').replace(/\s+/g, '')))
    return { years: Number.NaN, problem: `cannot read ${truncate(text)}: expected [[value, 'unit'], ...]` };
  let years = 0;
  for (const match of text.matchAll(AGE_PAIR)) {
    const unit = match[2]!.toLowerCase();
    const factor = YEARS_PER_UNIT[unit];
    if (factor === undefined) return { years: Number.NaN, problem: `unknown age unit "${unit}" in ${truncate(text)}` };
    years += Number(match[1]) * factor;
  }
  return { years: Math.round(years * 1000) / 1000, problem: null };
}

/** Unit words of ages written out ("45 years", "1 yr 6 mo"); a bare "m" is left out: minutes or months. */
const AGE_WORD_UNITS: Record<string, number> = {
  ...Object.fromEntries(['y', 'yr', 'yrs', 'year', 'years'].map((u) => [u, YEARS_PER_UNIT.year!])),
  ...Object.fromEntries(['mo', 'mos', 'month', 'months'].map((u) => [u, YEARS_PER_UNIT.month!])),
  ...Object.fromEntries(['w', 'wk', 'wks', 'week', 'weeks'].map((u) => [u, YEARS_PER_UNIT.week!])),
  ...Object.fromEntries(['d', 'day', 'days'].map((u) => [u, YEARS_PER_UNIT.day!])),
};
const AGE_WORD_PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/g;

/** An age written as amounts with units ("2 years and 3 months", "10 days old"), in years; null when it is not one. */
function ageInWords(text: string): number | null {
  const lower = text.toLowerCase().replace(/\s+old$/, '');
  // Only amounts, units and separators: anything left over ("about", a number without its unit) is not read.
  if (!/^\d/.test(lower) || lower.replace(AGE_WORD_PART, '').replace(/,|\band\b|\s/g, '') !== '') return null;
  let years = 0;
  for (const [, amount, unit] of lower.matchAll(AGE_WORD_PART)) {
    const factor = AGE_WORD_UNITS[unit!];
    if (factor === undefined) return null;
    years += Number(amount) * factor;
  }
  return Math.round(years * 1000) / 1000;
}

const SEXES: Record<string, 'F' | 'M'> = { f: 'F', female: 'F', woman: 'F', girl: 'F', w: 'F', m: 'M', male: 'M', man: 'M', boy: 'M' };

/** Gender normalised to F/M; anything else is reported as unknown (validation rejects it). */
export function normaliseSex(raw: unknown): { sex: 'F' | 'M' | null; unknown: string | null } {
  if (raw === undefined || raw === null) return { sex: null, unknown: null };
  const text = String(raw).trim();
  if (text === '') return { sex: null, unknown: null };
  const sex = SEXES[text.toLowerCase()];
  return sex ? { sex, unknown: null } : { sex: null, unknown: truncate(text) };
}

/** Whitespace runs become one space; control characters (NUL and friends) go; the ends are trimmed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Any whitespace but a single space: only then does collapsing whitespace change the text. */
const IRREGULAR_WHITESPACE = /[^\S ]| {2}/;

/**
 * Every character either replacement below could touch (control characters, whitespace but the space, and a few
 * more): one scan for a class is much cheaper than the two patterns, the whitespace one an alternation.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const MAY_CHANGE = /[\u0000-\u001F\u007F\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]/;

export function normaliseText(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  // The replacements run only when they would change something: rewriting every 3 KB text twice
  // was most of the clean stage at 167k cases.
  let text = String(raw);
  if (!MAY_CHANGE.test(text) && !text.includes('  ')) {
    text = text.trim();
    return text === '' ? null : text;
  }
  CONTROL_CHARACTERS.lastIndex = 0;
  if (CONTROL_CHARACTERS.test(text)) text = text.replace(CONTROL_CHARACTERS, '');
  if (IRREGULAR_WHITESPACE.test(text)) text = text.replace(/\s+/g, ' ');
  text = text.trim();
  return text === '' ? null : text;
}

/** The second dedupe key: the same case text (ignoring case and spacing) is the same case. */
export function textHash(normalisedText: string): string {
  return createHash('sha256').update(normalisedText.toLowerCase()).digest('hex');
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function asId(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  const text = String(raw).trim();
  return text === '' ? null : text;
}

/** The clean stage. */
export function cleanRow(parsed: ParsedRow): CleanRow {
  const { fields } = parsed;
  const missing = (['caseId', 'pmid', 'title', 'text', 'age', 'sex'] as CaseField[]).filter((f) => {
    const v = fields[f];
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
  });
  const age = parseAge(fields.age);
  const sex = normaliseSex(fields.sex);
  return {
    row: parsed.row,
    line: parsed.line,
    caseId: asId(fields.caseId),
    pmid: asId(fields.pmid),
    title: normaliseText(fields.title) ?? '',
    text: normaliseText(fields.text),
    age: age.years,
    ageProblem: age.problem,
    sex: sex.sex,
    sexUnknown: sex.unknown,
    missing,
  };
}
