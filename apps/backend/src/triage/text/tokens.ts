/**
 * Triage text as tokens: NFKC, accents folded, lower case, contractions expanded, misspelt clinical words
 * corrected, each word stemmed. Clause punctuation stays as its own token so context rules see boundaries.
 * One pass over the text, so the cost is linear in its length.
 */
import { createRequire } from 'node:module';
import { stemmer } from 'stemmer';

const englishWords = createRequire(import.meta.url)('an-array-of-english-words/index.json') as string[];

export interface Token {
  /** The word as written (lower case, contractions expanded), or the punctuation mark. */
  word: string;
  /** Porter stem of the corrected word; the punctuation mark itself for boundaries. */
  stem: string;
  /** Whether this token ends a clause (. ! ? ; : or a line break). */
  boundary: boolean;
  /** A comma: ends the scope of a negation but not of a question. */
  comma: boolean;
}

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan'?t\b|\bcan not\b|\bcannot\b/g, 'cannot'],
  [/\bwon'?t\b/g, 'will not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must)n'?t\b/g, '$1 not'],
  [/\bi'?m\b/g, 'i am'],
  [/\b(i|you|we|they)'ve\b/g, '$1 have'],
  [/\b(it|he|she|that|there|what)'s\b/g, '$1 is'],
  [/\b(i|you|we|they|he|she)'d\b/g, '$1 would'],
  [/\b(i|you|we|they|he|she|it)'ll\b/g, '$1 will'],
  [/\b(\d+)\s*\/\s*10\b/g, '$1 outof 10'],
  [/\b(\d+)\s*(?:yo|y\/o|yrs? old)\b/g, '$1 year old'],
  // An adult's age ("a 55-year-old man") is not "a child": only ages under 18 keep the words a child's age has.
  [/\b(1[89]|[2-9]\d|1\d\d)[\s-]*(?:years?|yrs?)[\s-]*old\b/g, '$1 years of age'],
  [/\b(\d+)\s*(?:wks?|weeks?)\b/g, '$1 week'],
  [/\b(\d+)\s*(?:mths?|mos?|months?)\b/g, '$1 month'],
  [/\ba\s*&\s*e\b|\bae\b/g, 'emergency'],
  // One word for "cannot" in every tense and phrasing, so phrases need not list each.
  [/\b(?:could not|can not|unable to|not able to)\b/g, 'cannot'],
];

/** Clinical and lay words the taxonomy uses; misspellings are corrected towards these only. */
const vocabulary = new Set<string>();
const dictionary = new Set<string>(englishWords);
const correctionCache = new Map<string, string>();

/** Vocabulary words by length, so a misspelt word is compared only with words of a close length. */
const byLength = new Map<number, string[]>();
function candidatesFor(word: string, allowed: number): string[] {
  const out: string[] = [];
  for (let n = word.length - allowed; n <= word.length + allowed; n++) out.push(...(byLength.get(n) ?? []));
  return out;
}

/** Registers the words of the taxonomy's patterns as correction targets (called once when it is compiled). */
export function addVocabulary(words: Iterable<string>): void {
  for (const word of words) if (/^[a-z]{3,}$/.test(word)) vocabulary.add(word);
  byLength.clear();
  for (const word of vocabulary) byLength.set(word.length, [...(byLength.get(word.length) ?? []), word]);
  correctionCache.clear();
}

/** Optimal-string-alignment distance, abandoned once every cell of a row exceeds `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The taxonomy word a misspelt token was meant to be. A real English word is never changed ("paint" stays
 * "paint"), and short tokens are left alone: the closer two short words are, the likelier both are real.
 */
function correctWord(word: string): string {
  if (word.length < 4 || vocabulary.has(word) || dictionary.has(word) || /\d/.test(word)) return word;
  const cached = correctionCache.get(word);
  if (cached !== undefined) return cached;
  const allowed = word.length >= 8 ? 2 : 1;
  let best = word;
  let bestDistance = allowed + 1;
  for (const candidate of candidatesFor(word, allowed)) {
    if (candidate[0] !== word[0] && word.length < 7) continue;
    const distance = editDistance(word, candidate, allowed);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (correctionCache.size > 20_000) correctionCache.clear();
  correctionCache.set(word, best);
  return best;
}

const SCOTS: Readonly<Record<string, string>> = {
  heid: 'head',
  oot: 'out',
  aff: 'off',
  noo: 'now',
  twa: 'two',
  nae: 'no',
  doon: 'down',
  aboot: 'about',
  fae: 'from',
  tae: 'to',
};
const SCOTS_WORD = new RegExp(`\\b(?:${Object.keys(SCOTS).join('|')})\\b`, 'g');

/** Lower case, accents folded, apostrophes unified, contractions expanded. */
export function normalizeText(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) s = s.replace(pattern, replacement);
  return (
    s
      .replace(/\bcant\b/g, 'cannot')
      .replace(/\b(dont|doesnt|didnt|isnt|wasnt|arent|werent|havent|hasnt|couldnt|wouldnt|shouldnt)\b/g, (w) => `${w.slice(0, -2)} not`)
      .replace(/\bwont\b/g, 'will not')
      .replace(/\bim\b/g, 'i am')
      // Text-speak of the same words: "cnt breath", "dnt", "tonite", "his lips r blue".
      .replace(/\b(?:cnt|cnnt|cudnt|cdnt|culdnt|cldnt)\b/g, 'cannot')
      .replace(/\bdnt\b/g, 'do not')
      .replace(/\b(?:dint|ddnt)\b/g, 'did not')
      .replace(/\b(?:tonite|2nite|2night)\b/g, 'tonight')
      .replace(/\b2day\b/g, 'today')
      .replace(/\b(?:2moro|2morrow|tmrw|tmrow)\b/g, 'tomorrow')
      .replace(/\b(lips?|eyes?|they|you|we|hands?|feet|nails|legs?|arms?) r\b/g, '$1 are')
      // Scots spellings ("smacked his heid", "oot cold", "he cannae breathe"): none is an English word.
      .replace(/\b(?:cannae|canna)\b/g, 'cannot')
      .replace(/\b(do|does|did|is|was|could|would|should)nae\b/g, '$1 not')
      .replace(/\b(?:dinnae|dinna)\b/g, 'do not')
      .replace(SCOTS_WORD, (w) => SCOTS[w]!)
      // A dropped g ("droppin' 'em", "hangin' down"), marked by its apostrophe; a word that ends a quote ("the pain'") stays.
      .replace(/\b([a-z]{2,})in'(?=[\s.,!?;:)]|$)/g, (word, stem: string) =>
        dictionary.has(`${stem}in`) || !dictionary.has(`${stem}ing`) ? word : `${stem}ing`,
      )
  );
}

const STEM_CACHE = new Map<string, string>();
// Porter stems "several" to "sever", the stem of "severe" and "severed": "several bruises" read as severe bleeding.
const STEM_OVERRIDES: Readonly<Record<string, string>> = { several: 'several', severally: 'several' };
export function stem(word: string): string {
  let s = STEM_CACHE.get(word);
  if (s === undefined) {
    s = STEM_OVERRIDES[word] ?? stemmer(word);
    if (STEM_CACHE.size > 50_000) STEM_CACHE.clear();
    STEM_CACHE.set(word, s);
  }
  return s;
}

/** The tokens of a text (see the file comment). */
export function tokenize(text: string, correct = true): Token[] {
  const tokens: Token[] = [];
  for (const match of normalizeText(text).matchAll(/[a-z]+|\d+(?:\.\d+)?|[.!?;:\n,]/g)) {
    const raw = match[0];
    if (/^[.!?;:\n]$/.test(raw)) tokens.push({ word: raw, stem: raw, boundary: true, comma: false });
    else if (raw === ',') tokens.push({ word: raw, stem: raw, boundary: false, comma: true });
    else {
      const word = correct && /^[a-z]+$/.test(raw) ? correctWord(raw) : raw;
      tokens.push({ word, stem: /^[a-z]+$/.test(word) ? stem(word) : word.replace(/\.\d+$/, ''), boundary: false, comma: false });
    }
  }
  return tokens;
}
