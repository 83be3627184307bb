/**
 * Finds lexicon phrases in tokens. A phrase is written as words separated by spaces:
 *   `a|b`   one of several words; `a_b` inside alternatives is a two-word alternative
 *   `word?` an optional word        `#`  any number   `#many` a whole number of 10 or more
 *   `=word` that exact word, not its stem ("=fit" is not "fitness")
 *   `*`     up to 3 other words     `*N` up to N other words
 * Between two gaps, a list with several multi-word items ("passed out|fainted|blacked out") is read as
 * whole alternatives; otherwise `|` binds one word ("left arm|shoulder" is "left arm" or "left shoulder").
 * Words are compared by stem, so "vomit" also finds "vomiting" and "vomited". Gaps never cross a clause
 * boundary or a comma. Phrases are indexed by their first word, so a text is scanned once and each
 * position only tries the phrases that can start there.
 */
import { normalizeText, stem, type Token } from './tokens.js';

/** One word of an alternative: a stem, or any number. */
type Word = string | { exact: string; stem: string } | typeof NUMBER | typeof MANY;
const NUMBER = Symbol('number');
const MANY = Symbol('many');
type Step = { kind: 'alternatives'; options: Word[][]; optional: boolean } | { kind: 'gap'; max: number };

export interface Phrase<T> {
  steps: Step[];
  value: T;
  source: string;
  /** The phrase is itself a negated symptom ("not breathing", "will not stop"). */
  negated: boolean;
}

export interface PhraseMatch<T> {
  value: T;
  /** Token span [start, end). */
  start: number;
  end: number;
  negated: boolean;
}

const DEFAULT_GAP = 3;
/** Index key of phrases that start with a number. */
const NUMBER_KEY = '#';

function toWords(option: string, source: string): Word[] {
  return option
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((w) => {
      if (w === '#') return NUMBER;
      if (w === '#many') return MANY;
      if (/^=[a-z]+$/.test(w)) return { exact: w.slice(1), stem: stem(w.slice(1)) };
      if (!/^[a-z0-9]+$/.test(w)) throw new Error(`phrase "${source}": "${w}" is not a word or #`);
      return /^\d/.test(w) ? w : stem(w);
    });
}

export function compilePhrase<T>(source: string, value: T): Phrase<T> {
  const steps: Step[] = [];
  const normalized = normalizeText(source.replace(/[-_]/g, ' ')).trim();
  // Segments are read from the source as written (normalising first would merge "could not" into one word).
  for (const segment of source
    .replace(/-/g, ' ')
    .toLowerCase()
    .trim()
    .split(/\s+(\*\d*)\s+/)) {
    if (/^\*\d*$/.test(segment)) {
      steps.push({ kind: 'gap', max: segment.length > 1 ? Number(segment.slice(1)) : DEFAULT_GAP });
      continue;
    }
    const parts = segment.split(/\s+/);
    if (parts.filter((p) => p.includes('|')).length >= 2) {
      steps.push({
        kind: 'alternatives',
        options: segment.split('|').map((o) => toWords(normalizeText(o.trim().replace(/_/g, ' ')), source)),
        optional: false,
      });
      continue;
    }
    for (const part of parts) {
      const optional = part.endsWith('?');
      const options = (optional ? part.slice(0, -1) : part).split('|').filter(Boolean);
      if (options.length === 0) throw new Error(`phrase "${source}": empty alternative in "${part}"`);
      steps.push({ kind: 'alternatives', options: options.map((o) => toWords(normalizeText(o.replace(/_/g, ' ')), source)), optional });
    }
  }
  const first = steps[0];
  if (!first || first.kind !== 'alternatives' || first.optional || first.options.some((o) => o.length === 0)) {
    throw new Error(`phrase "${source}" must start with a required word`);
  }
  if (steps.at(-1)?.kind === 'gap') throw new Error(`phrase "${source}" must not end with a gap`);
  return { steps, value, source, negated: /\b(?:not|no|never|nothing|without|cannot)\b/.test(normalized) };
}

/** The words a phrase is written with (the spelling corrector's targets). */
export function phraseWords(source: string): string[] {
  return normalizeText(source)
    .split(/[\s|?*#_=-]+/)
    .filter((w) => /^[a-z]+$/.test(w));
}

export class PhraseMatcher<T> {
  private readonly byFirstStem = new Map<string, Phrase<T>[]>();

  constructor(phrases: Iterable<Phrase<T>>) {
    for (const phrase of phrases) {
      const first = phrase.steps[0] as { options: Word[][] };
      for (const s of new Set(
        first.options.map((o) => (typeof o[0] === 'symbol' ? NUMBER_KEY : typeof o[0] === 'object' ? o[0].stem : o[0]!)),
      )) {
        const list = this.byFirstStem.get(s) ?? [];
        list.push(phrase);
        this.byFirstStem.set(s, list);
      }
    }
  }

  /** Every phrase occurrence (the shortest match of each phrase at each start). */
  match(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const byWord = this.byFirstStem.get(token.stem);
      const byNumber = /^\d/.test(token.word) ? this.byFirstStem.get(NUMBER_KEY) : undefined;
      if (!byWord && !byNumber) continue;
      for (const phrase of byNumber ? [...(byWord ?? []), ...byNumber] : byWord!) {
        // A negated phrase records which tokens its own words matched, to tell its negation from one a gap skipped.
        const path = phrase.negated ? [] : undefined;
        const end = matchFrom(phrase.steps, 0, tokens, i, path);
        if (end !== -1) out.push({ value: phrase.value, start: i, end, negated: path !== undefined && negationIsPhraseWord(tokens, path) });
      }
    }
    return out;
  }
}

const NEGATION_WORDS = new Set(['not', 'no', 'never', 'nothing', 'without', 'cannot']);

/**
 * Whether the negation in a match is one of the phrase's own words ("neck … cannot move") rather than a word a gap
 * skipped ("neck is not stiff" matched by "neck * stiff" is a denied stiff neck, not a symptom with a negation in it).
 */
function negationIsPhraseWord(tokens: readonly Token[], path: readonly number[]): boolean {
  return path.some((i) => NEGATION_WORDS.has(tokens[i]?.word ?? ''));
}

const isWord = (token: Token | undefined): token is Token => token !== undefined && !token.boundary && !token.comma;

const wordMatches = (word: Word, token: Token | undefined): boolean =>
  isWord(token) &&
  (word === NUMBER
    ? /^\d/.test(token.word)
    : word === MANY
      ? /^\d+$/.test(token.word) && Number(token.word) >= 10
      : typeof word === 'object'
        ? token.word === word.exact
        : token.stem === word);

/**
 * The end of the shortest match of steps[s..] starting at token t, or -1; `path` collects the tokens the phrase's own words
 * matched (not those a gap skipped). Gaps are bounded, so this is constant work per start.
 */
function matchFrom(steps: readonly Step[], s: number, tokens: readonly Token[], t: number, path?: number[]): number {
  if (s === steps.length) return t;
  const step = steps[s]!;
  if (step.kind === 'gap') {
    for (let skip = 0; skip <= step.max; skip++) {
      if (skip > 0 && !isWord(tokens[t + skip - 1])) break;
      const end = matchFrom(steps, s + 1, tokens, t + skip, path);
      if (end !== -1) return end;
    }
    return -1;
  }
  for (const option of step.options) {
    if (!option.every((word, i) => wordMatches(word, tokens[t + i]))) continue;
    const before = path?.length ?? 0;
    for (let i = 0; i < option.length; i++) path?.push(t + i);
    const end = matchFrom(steps, s + 1, tokens, t + option.length, path);
    if (end !== -1) return end;
    path?.splice(before);
  }
  return step.optional ? matchFrom(steps, s + 1, tokens, t, path) : -1;
}
