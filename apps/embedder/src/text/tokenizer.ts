/**
 * The one tokenizer every weight-free encoder shares, so a document and a query are cut the same way:
 * lowercase alphanumeric runs, a small stop list, no stemming (stemming lowered every engine's score on
 * the PMC-Patients benchmark; see docs/retrieval.md).
 *
 * A word with a non-ASCII character is normalised (NFKC: full-width and ligature forms become their plain
 * letters) and its accents folded, so `Meniere` and `Ménière` are one token. Letters of any script form
 * words; runs in scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) are cut
 * into words by ICU's dictionaries through `Intl.Segmenter`.
 *
 * Negation: a finding that follows a negation cue ("no fever", "denied chest pain", "negative for
 * blood") is emitted as `not_<token>` until the clause ends, so a query's "no fever" neither matches a
 * case that has fever nor is mistaken for one (NegEx-style scope: the cue opens it, punctuation or a
 * scope breaker such as "but" closes it, at most `NEGATION_WINDOW` tokens).
 */
/**
 * Bumped whenever a case tokenizes differently, by this tokenizer or by how the case is written into a document
 * (`caseDocument`): a corpus version records the one it was built with, and cases are not appended to a version cut
 * by another (1: ASCII only, 2: Unicode folding, 3: μ as u and Greek letters spelled out, 4: the opening sentence
 * written twice).
 */
export const TOKENIZER_VERSION = 4;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be been by for from had has have he her his in into is it its of on or our she than that the their them then there these they this those to was we were which who with'.split(
    ' ',
  ),
);

const NEGATION_CUES: ReadonlySet<string> = new Set([
  'no',
  'not',
  'without',
  'denied',
  'denies',
  'deny',
  'negative',
  'absent',
  'absence',
  'nor',
  'never',
  'neither',
]);
const SCOPE_BREAKERS: ReadonlySet<string> = new Set([
  'but',
  'however',
  'although',
  'except',
  'apart',
  'aside',
  'which',
  'who',
  'whereas',
  'though',
  'yet',
]);
const NEGATION_WINDOW = 4;

/** What the stop list and the negation lists say of a word, as bits, so a token costs one lookup instead of three. */
const STOP = 1;
const CUE = 2;
const BREAKER = 4;
const WORD_ROLES: ReadonlyMap<string, number> = (() => {
  const roles = new Map<string, number>();
  const mark = (words: ReadonlySet<string>, role: number) => {
    for (const w of words) roles.set(w, (roles.get(w) ?? 0) | role);
  };
  mark(STOP_WORDS, STOP);
  mark(NEGATION_CUES, CUE);
  mark(SCOPE_BREAKERS, BREAKER);
  return roles;
})();

export interface TokenizerOptions {
  /** Mark negated findings as `not_<token>` (default on). */
  negation?: boolean;
}

/** Letters that carry no combining accent to strip, spelled as an English text would. */
const FOLDED_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
/**
 * Accents: diacritics on Latin and Greek letters, and Arabic vowel signs. Not marks that make another
 * letter (Cyrillic й) or spell the word (Thai, Indic vowels).
 */
const LATIN_GREEK_ACCENTS = /([\p{Script=Latin}\p{Script=Greek}])[\u0300-\u036f]+/gu;
const ARABIC_VOWEL_SIGNS = /[\u064b-\u065f\u0670]/g;
/** Any code unit outside ASCII (surrogate halves included). */
const NON_ASCII = /[\u0080-\uffff]/;
/** Trade and service marks: NFKC would spell them as letters glued to the word (`VIZIGO™` → `vizigotm`). */
const TRADE_MARKS = /[\u2120\u2122]/g;
/**
 * A Greek letter used as a symbol (TNF-α, β2, κ/λ) is spelled out as English case reports write it, and μ (NFKC
 * makes the micro sign μ) is the SI prefix written u as in UCUM's ASCII units, so μg = ug; an all-Greek word of
 * three letters or more is Greek text and stays as it is.
 */
const GREEK_NAMES: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'u',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};
const GREEK_LETTER = /[\u03b1-\u03c9]/g;
const GREEK_WORD = /^[\u03b1-\u03c9]{3,}$/;
const spellGreekSymbols = (word: string): string => (GREEK_WORD.test(word) ? word : word.replace(GREEK_LETTER, (c) => GREEK_NAMES[c]!));
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const words = new Intl.Segmenter('und', { granularity: 'word' });

/** Lowercase, NFKC and accent-folded: what both an indexed case and a query are matched on. */
export function normalizeText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .replace(TRADE_MARKS, ' ')
    .normalize('NFKD')
    .replace(LATIN_GREEK_ACCENTS, '$1')
    .replace(ARABIC_VOWEL_SIGNS, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLDED_LETTERS[c]!);
}

/** Splits text into tokens; `onToken` avoids building an array for 167k documents. */
export function forEachToken(text: string, onToken: (token: string) => void, options: TokenizerOptions = {}): void {
  const negation = options.negation !== false;
  let scope = 0;
  const word = (token: string) => {
    const role = WORD_ROLES.get(token) ?? 0;
    if (negation && role & CUE) {
      scope = NEGATION_WINDOW;
    } else if (negation && role & BREAKER) {
      scope = 0;
    } else if (!(role & STOP)) {
      if (scope > 0) {
        onToken(`not_${token}`);
        scope--;
      } else {
        onToken(token);
      }
    }
  };
  const clauseBreak = () => {
    scope = 0;
  };
  scanWords(text.toLowerCase(), word, clauseBreak, false);
}

const SEPARATOR = 0;
const LETTER = 1;
const MARK = 2;
/** Classes of the non-ASCII code units seen so far (a text uses few distinct ones). */
const unitClass = new Map<number, number>();
function classOf(c: number): number {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? LETTER : SEPARATOR;
  let known = unitClass.get(c);
  if (known === undefined) {
    // Surrogate halves belong to a letter outside the BMP far more often than not (CJK extensions).
    const ch = String.fromCharCode(c);
    known = c >= 0xd800 && c <= 0xdfff ? LETTER : /[\p{L}\p{N}]/u.test(ch) ? LETTER : /\p{M}/u.test(ch) ? MARK : SEPARATOR;
    unitClass.set(c, known);
  }
  return known;
}

const noClause = () => {};
/** Clause punctuation of other scripts and its full-width forms (separators are never normalised, so they are listed). */
const WIDE_CLAUSE_BREAKS = new Set([0x3002, 0x061f, 0x061b, 0xff0e, 0xff1b, 0xff1a, 0xff01, 0xff1f]);

/**
 * Words are runs that start with a letter or digit and go on through letters, digits and marks. Only a run
 * that holds a non-ASCII character is normalised (most case reports are ASCII but for a few symbols), and
 * is then scanned again: normalising may split it (`½` becomes `1⁄2`). A run in a script written without
 * spaces is cut by the ICU word segmenter.
 */
function scanWords(lower: string, word: (token: string) => void, clauseBreak: () => void, normalized: boolean): void {
  let start = -1;
  let nonAscii = false;
  const n = lower.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 32;
    const kind = classOf(c);
    if (kind === LETTER || (kind === MARK && start >= 0)) {
      if (start < 0) start = i;
      if (c >= 128) nonAscii = true;
      // The ASCII letters and digits that follow, in a tight loop: they are most of any text.
      for (let d = lower.charCodeAt(i + 1); (d >= 97 && d <= 122) || (d >= 48 && d <= 57); d = lower.charCodeAt(i + 1)) i++;
      continue;
    }
    if (start >= 0) {
      const run = lower.slice(start, i);
      if (nonAscii && !normalized) {
        scanWords(normalizeText(run), word, noClause, true);
      } else if (nonAscii && UNSPACED_SCRIPT.test(run)) {
        for (const segment of words.segment(run)) if (segment.isWordLike) word(segment.segment);
      } else {
        word(nonAscii ? spellGreekSymbols(run) : run);
      }
      start = -1;
      nonAscii = false;
    }
    // Clause punctuation ends a negation's scope; commas do not ("no fever, cough or rash").
    if (c < 128 ? c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 10 : WIDE_CLAUSE_BREAKS.has(c)) clauseBreak();
  }
}

export function tokenize(text: string, options: TokenizerOptions = {}): string[] {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t), options);
  return out;
}
