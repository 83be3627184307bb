/**
 * The one tokenizer every weight-free encoder shares, so a document and a query are cut the same way:
 * lowercase alphanumeric runs, a small stop list, no stemming (stemming lowered every engine's score on
 * the PMC-Patients benchmark; see docs/retrieval.md).
 *
 * Negation: a finding that follows a negation cue ("no fever", "denied chest pain", "negative for
 * blood") is emitted as `not_<token>` until the clause ends, so a query's "no fever" neither matches a
 * case that has fever nor is mistaken for one (NegEx-style scope: the cue opens it, punctuation or a
 * scope breaker such as "but" closes it, at most `NEGATION_WINDOW` tokens).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be been by for from had has have he her his in into is it its of on or our she than that the their them then there these they this those to was we were which who with'.split(' '),
);

const NEGATION_CUES: ReadonlySet<string> = new Set(['no', 'not', 'without', 'denied', 'denies', 'deny', 'negative', 'absent', 'absence', 'nor', 'never', 'neither']);
const SCOPE_BREAKERS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'except', 'apart', 'aside', 'which', 'who', 'whereas', 'though', 'yet']);
const NEGATION_WINDOW = 4;

export interface TokenizerOptions {
  /** Mark negated findings as `not_<token>` (default on). */
  negation?: boolean;
}

/** Splits text into tokens; `onToken` avoids building an array for 167k documents. */
export function forEachToken(text: string, onToken: (token: string) => void, options: TokenizerOptions = {}): void {
  const negation = options.negation !== false;
  const lower = text.toLowerCase();
  let scope = 0;
  let start = -1;
  const n = lower.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 32;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const token = lower.slice(start, i);
      start = -1;
      if (negation && NEGATION_CUES.has(token)) {
        scope = NEGATION_WINDOW;
      } else if (negation && SCOPE_BREAKERS.has(token)) {
        scope = 0;
      } else if (!STOP_WORDS.has(token)) {
        if (scope > 0) {
          onToken(`not_${token}`);
          scope--;
        } else {
          onToken(token);
        }
      }
    }
    // Clause punctuation ends a negation's scope; commas do not ("no fever, cough or rash").
    if (c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 10) scope = 0;
  }
}

export function tokenize(text: string, options: TokenizerOptions = {}): string[] {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t), options);
  return out;
}
