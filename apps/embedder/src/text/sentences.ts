/** Words a period follows inside a sentence ("St. Jude", "(Fig. A)", "e.g. the"). */
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'fig',
  'figs',
  'vs',
  'no',
  'approx',
  'al',
  'cf',
  'e.g',
  'i.e',
  'ca',
  'jr',
]);

/**
 * The text up to its first sentence end: `.`, `!` or `?` before a space and a capital letter or digit, unless
 * the word before a period is an abbreviation; the whole text when it has none.
 */
export function firstSentence(text: string): string {
  for (const end of text.matchAll(/[.!?](?=\s+[\p{Lu}\d])/gu)) {
    const before = text
      .slice(0, end.index)
      .match(/([\p{L}.]+)$/u)?.[1]
      ?.toLowerCase();
    if (end[0] === '.' && before && ABBREVIATIONS.has(before)) continue;
    return text.slice(0, end.index + 1);
  }
  return text;
}

/** A case's opening is its presentation; one without a sentence end is cut here, at a word boundary. */
export const MAX_OPENING_CHARS = 400;

/** The case's first sentence, at most `MAX_OPENING_CHARS` (cut at the last space before it). */
export function openingSentence(text: string): string {
  const sentence = firstSentence(text);
  if (sentence.length <= MAX_OPENING_CHARS) return sentence;
  const cut = sentence.lastIndexOf(' ', MAX_OPENING_CHARS);
  return sentence.slice(0, cut > 0 ? cut : MAX_OPENING_CHARS);
}
