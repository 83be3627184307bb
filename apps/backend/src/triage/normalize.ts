/**
 * Text normalisation for triage: lower case, contractions expanded, punctuation kept as clause
 * boundaries, and misspelled clinical words corrected against a fixed vocabulary. Deterministic and
 * dependency-free so the same message always triages the same way.
 */

/** Clinical words the rules rely on; a token within a small edit distance of one is corrected to it. */
export const TRIAGE_VOCABULARY = [
  'abdomen', 'abdominal', 'allergic', 'allergy', 'anaphylaxis', 'anaphylactic', 'asthma', 'attack', 'bleeding', 'bleed', 'blood',
  'bloody', 'breath', 'breathe', 'breathing', 'breathless', 'chest', 'choking', 'clammy', 'collapsed', 'conscious', 'consciousness',
  'confused', 'confusion', 'convulsing', 'convulsion', 'convulsions', 'coughing', 'crushing', 'drooping', 'droopy', 'dizzy',
  'epipen', 'exercise', 'exertion', 'fainted', 'fainting', 'headache', 'heart', 'heaviness', 'injection', 'jaw', 'left', 'lips', 'meningitis',
  'migraine', 'numb', 'numbness', 'overdose', 'paralysed', 'paralyzed', 'passed', 'pills', 'poison', 'poisoned', 'pregnant', 'pressure', 'radiating',
  'rash', 'seizure', 'seizures', 'shortness', 'slurred', 'slurring', 'spreading', 'squeezing', 'stairs', 'stiff', 'stomach',
  'stroke', 'suicide', 'suicidal', 'swallow', 'swallowing', 'sweating', 'sweaty', 'swelling', 'swollen', 'throat', 'tightness',
  'tongue', 'unconscious', 'unresponsive', 'vomiting', 'vomited', 'weakness', 'wheezing', 'worst', 'sudden', 'suddenly',
  'shoulder', 'arm', 'arms', 'neck', 'fever', 'severe', 'heavily', 'excruciating', 'trouble', 'struggling', 'difficulty',
  'swallowed', 'choked', 'unbearable', 'pain', 'radiates', 'spreads', 'myself', 'thunderclap', 'bleach', 'tablets', 'paracetamol', 'acetaminophen', 'dying',
];

/** Everyday words that sit one edit away from a vocabulary word and must never be "corrected". */
const PROTECTED = new Set([
  'chess', 'paint', 'painted', 'faith', 'breed', 'bread', 'heard', 'hearth', 'lift', 'lefts', 'best', 'rest', 'test', 'jam', 'raw',
  'past', 'passes', 'pass', 'stair', 'stars', 'start', 'starts', 'rush', 'crash', 'stuff', 'stiffer', 'numbs', 'lips', 'tips',
  'blond', 'blonde', 'bleak', 'sweeping', 'sweet', 'swollen', 'swallow', 'strike', 'stoke', 'poisson', 'head', 'heat', 'wheeling',
  'death', 'breadth', 'choosing', 'chasing', 'coping', 'coughed', 'dizzy', 'pressed', 'presser', 'sweater', 'breathes', 'passing',
  'attach', 'attached', 'seize', 'seized', 'stroked', 'strokes', 'bleeds', 'bleached', 'pill', 'tablet', 'dyeing', 'myself',
  'breeding', 'swearing', 'cooking', 'pulls', 'worse', 'staff', 'hears', 'spending', 'radiation', 'pleasure', 'smelling', 'spelling',
  'dwelling', 'selling', 'paused', 'lisp', 'leaf', 'numbers', 'plain', 'paid', 'pail', 'pains', 'chin', 'chess',
]);

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped for speed. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
  }
  return d[a.length]![b.length]!;
}

const VOCAB = new Set(TRIAGE_VOCABULARY);
/** Frequent misspellings too far from their word for the edit distance (or ambiguous at distance 1). */
const KNOWN_MISSPELLINGS: Record<string, string> = { throught: 'throat', brething: 'breathing', breatheing: 'breathing', cheast: 'chest', concious: 'conscious' };
const correctionCache = new Map<string, string>();

/** The vocabulary word a token was probably meant to be, or the token itself. */
export function correctToken(token: string): string {
  const known = KNOWN_MISSPELLINGS[token];
  if (known) return known;
  if (token.length < 4 || VOCAB.has(token) || PROTECTED.has(token) || /\d/.test(token)) return token;
  const cached = correctionCache.get(token);
  if (cached) return cached;
  // Longer words tolerate more typos; short ones only one, and only against words of similar length.
  const allowed = token.length >= 9 ? 2 : 1;
  let best = token;
  let bestDistance = allowed + 1;
  for (const word of TRIAGE_VOCABULARY) {
    if (Math.abs(word.length - token.length) > allowed || word[0] !== token[0] && token.length < 6) continue;
    const distance = editDistance(token, word, allowed);
    if (distance < bestDistance) {
      best = word;
      bestDistance = distance;
    }
  }
  if (correctionCache.size < 10_000) correctionCache.set(token, best);
  return best;
}

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan[’']?t\b|\bcan not\b/g, 'cannot'],
  [/\bwon[’']?t\b/g, 'will not'],
  [/\bain[’']?t\b/g, 'is not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must)n[’']?t\b/g, '$1 not'],
  [/\bi[’']?m\b/g, 'i am'],
  [/\b(i|you|we|they)[’']ve\b/g, '$1 have'],
  [/\b(it|he|she|that)[’']s\b/g, '$1 is'],
  [/\b(i|you|we|they|he|she)[’']d\b/g, '$1 would'],
  [/\b(i|you|we|they|he|she|it)[’']ll\b/g, '$1 will'],
];

/**
 * Lower-cased, contractions expanded, misspellings corrected, words separated by single spaces and
 * clause punctuation kept as its own token (" , " " . ") so rules can see boundaries.
 */
export function normalizeForTriage(text: string): string {
  let s = text.toLowerCase().replace(/[’‘`]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) s = s.replace(pattern, replacement);
  s = s.replace(/\bcant\b/g, 'cannot').replace(/\b(dont|doesnt|didnt|isnt|wasnt|havent|hasnt|couldnt|wouldnt)\b/g, (w) => `${w.slice(0, -2)} not`);
  s = s.replace(/\bwont\b/g, 'will not').replace(/\bim\b/g, 'i am');
  const tokens = s.match(/[a-z0-9]+|[.,;:!?\n]/g) ?? [];
  return tokens
    .map((t) => (/^[a-z]+$/.test(t) ? correctToken(t) : t === '\n' ? '.' : t))
    .join(' ');
}
