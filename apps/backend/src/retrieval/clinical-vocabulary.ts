import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The lay → clinical vocabulary and the clinical synonyms, kept as data beside the package. */
export const VOCABULARY_FILE = fileURLToPath(new URL('../../vocabulary/lay-to-clinical.tsv', import.meta.url));
export const SYNONYMS_FILE = fileURLToPath(new URL('../../vocabulary/clinical-synonyms.tsv', import.meta.url));
export const CONVERSATIONAL_FILE = fileURLToPath(new URL('../../vocabulary/conversational-words.txt', import.meta.url));

/**
 * What a concept is. `finding`, `site`, `history`, `medication` and `exposure` say something about the
 * patient a case can share; `general` (pain, ache), `course` (sudden onset) and `modifier` (severe)
 * only qualify them, so a case matching only those is not similar enough to cite. `ignore` phrases are
 * conversational filler that would otherwise match ("like I said", "fell asleep"): consumed, never a concept.
 */
export const CONCEPT_KINDS = ['finding', 'site', 'history', 'medication', 'exposure', 'general', 'course', 'modifier', 'ignore'] as const;
export type ConceptKind = (typeof CONCEPT_KINDS)[number];
export const WEAK_KINDS: ReadonlySet<ConceptKind> = new Set(['general', 'course', 'modifier']);
/**
 * Kinds that make a case similar enough to cite: it shares a finding, the site or a condition with the
 * patient. A shared medicine or exposure alone (both on warfarin, both ran) is shown but not enough.
 */
export const GATE_KINDS: ReadonlySet<ConceptKind> = new Set(['finding', 'site', 'history']);

export interface VocabularyEntry {
  /** The lay phrase as written in the file. */
  lay: string;
  /** The clinical term it stands for (what the query sends and the doctor sees). */
  concept: string;
  kind: ConceptKind;
}

export interface Token {
  /** Lower-case surface form. */
  word: string;
  /** Light stem used for matching (both the vocabulary and the text go through it). */
  stem: string;
  /** Index of the clause the token belongs to (a clause ends at . ; : ! ? or a line break). */
  clause: number;
}

/** Words that carry nothing for matching a phrase: dropped from the vocabulary's phrases and the text alike. */
const SKIP = new Set(
  "a an the my his her their our your its this that these those some any really very so quite pretty super just like kind sort of bit little lot lots um uh er erm well actually basically literally totally extremely awfully terribly real all kinda sorta gotten i i'm im i've ive i'd me it it's is was were are am be been have has had hav do does doe did went gone turned turn become became gett got".split(
    ' ',
  ),
);
const skipped = (t: Token) => SKIP.has(t.word) || SKIP.has(t.stem);

/** Negation cues (NegEx-style): they negate the concepts that follow in the same clause, within a few words. */
const NEGATION_CUES = new Set(
  "no not never without none nor neither nothing denies denied deny don't dont didn't didnt doesn't doesnt haven't havent hasn't hasnt hadn't hadnt isn't isnt wasn't wasnt aren't arent weren't werent won't wont".split(
    ' ',
  ),
);
/** Words that end a negation's scope before the clause ends. */
const SCOPE_ENDS = new Set('but however although though except apart yet whereas which while'.split(' '));
/** How many tokens after a cue it still negates. */
export const NEGATION_WINDOW = 6;

/** Light suffix stripping so "vomited", "vomiting" and "vomits" meet; not a linguistic stemmer. */
export function stem(word: string): string {
  if (word.includes("'") || word.length <= 3 || /^\d/.test(word)) return word;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ied')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !/(?:ss|us|is|ous)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Contractions typed without the apostrophe ("cant", "dont"), read as written with it. */
const CONTRACTIONS = new Map(
  "cant can't dont don't didnt didn't doesnt doesn't wont won't isnt isn't wasnt wasn't havent haven't hasnt hasn't couldnt couldn't wouldnt wouldn't shouldnt shouldn't arent aren't im i'm ive i've id i'd"
    .split(' ')
    .flatMap((w, i, all) => (i % 2 === 0 ? [[w, all[i + 1]!] as const] : [])),
);

/**
 * Common misspellings of frequent lay words (spell-checker and common-misspelling lists, patients' malapropisms),
 * read as the word, so "diarhea" and "vomitting" meet every phrase written with the word. Only strings that are not
 * words themselves ("breath", "diabetic" are left alone).
 */
const MISSPELLINGS = new Map(
  Object.entries({
    diarrhea: 'diarhea diarreah diahrrea diarhoea diarrhia diorrhea',
    diarrhoea: 'diarrohea diarrhoe',
    nauseous: 'nausious nauseus nautious',
    nausea: 'nausia nausae',
    nauseated: 'nausiated',
    stomach: 'stomache stomac stomoch stomech',
    headache: 'headach headake hedache headace',
    headaches: 'headachs headakes',
    dizzy: 'dizy dizzie',
    vomit: 'vommit vomic',
    vomiting: 'vomitting vommiting vommitting',
    vomited: 'vomitted vommited',
    swollen: 'swolen swollon',
    swelling: 'sweling',
    itchy: 'itchey itchie',
    temperature: 'temprature tempreture temperture',
    migraine: 'migrane migrain',
    migraines: 'migranes',
    asthma: 'asma asthama athsma',
    arthritis: 'arthritus arthuritis artritis',
    tonsillitis: 'tonsilitis tonsolitis',
    allergy: 'alergy allergie alergie',
    allergic: 'alergic',
    seizure: 'seizer siezure sezure',
    seizures: 'seizers siezures',
    diabetes: 'diabetis diabeties diabetus',
    pneumonia: 'neumonia pnemonia newmonia',
    exhausted: 'exausted exhaused',
    unconscious: 'unconcious unconsious',
    tingling: 'tingeling',
    ibuprofen: 'ibuprofin ibuprophen',
    paracetamol: 'paracetemol paracetomol',
    hemorrhoids: 'hemroids hemeroids hemerroids',
    chickenpox: 'chickenpocks',
    ringworm: 'wingworm',
    cholesterol: 'colesterol cholestrol',
    eczema: 'exzema excema eczma',
    psoriasis: 'sorisis psoriosis',
    sciatica: 'siatica',
    pregnant: 'pregant pregnet',
    period: 'peroid',
    periods: 'peroids',
    aching: 'acheing',
    coughing: 'coffing caughing',
    phlegm: 'flem phlem flegm',
  }).flatMap(([word, wrong]) => wrong.split(' ').map((w) => [w, word] as const)),
);

/** Lower-case word tokens with their clause index; apostrophes stay inside words ("can't"). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let clause = 0;
  const normalized = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase();
  for (const m of normalized.matchAll(/[a-z0-9]+(?:'[a-z]+)?|[.;:!?\n]+/g)) {
    const w = m[0];
    if (/^[.;:!?\n]/.test(w)) {
      clause++;
      continue;
    }
    const word = CONTRACTIONS.get(w) ?? MISSPELLINGS.get(w) ?? w;
    out.push({ word, stem: stem(word), clause });
  }
  return out;
}

/** The stems a phrase is matched on (skipped words removed). */
export function phraseKey(phrase: string): string[] {
  return tokenize(phrase)
    .filter((t) => !skipped(t))
    .map((t) => t.stem);
}

export interface PhraseMatch {
  entry: VocabularyEntry;
  /** Positions (in the filtered token list) the phrase covered. */
  from: number;
  to: number;
  negated: boolean;
}

/**
 * The vocabulary as a phrase index: longest match first over the text's tokens (skipped words
 * removed), so "can't catch my breath" wins over "breath" and its "can't" is not read as a negation.
 */
export class ClinicalVocabulary {
  private readonly byFirst = new Map<string, { key: string[]; entry: VocabularyEntry }[]>();
  private readonly synonyms = new Map<string, string[][]>();
  private readonly synonymText: Map<string, string[]>;
  readonly size: number;

  constructor(
    entries: VocabularyEntry[],
    synonyms: Map<string, string[]> = new Map(),
    private readonly conversational: ReadonlySet<string> = new Set(),
  ) {
    let size = 0;
    const keys = new Set<string>();
    for (const entry of entries) {
      const key = phraseKey(entry.lay);
      // Two lay phrases that read the same once skipped words are gone: the first listed wins.
      if (key.length === 0 || keys.has(key.join(' '))) continue;
      keys.add(key.join(' '));
      const list = this.byFirst.get(key[0]!) ?? [];
      list.push({ key, entry });
      this.byFirst.set(key[0]!, list);
      size++;
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
    for (const [concept, list] of synonyms)
      this.synonyms.set(
        concept,
        list.map(phraseKey).filter((k) => k.length > 0),
      );
    this.synonymText = synonyms;
    this.size = size;
  }

  static load(
    vocabularyFile = VOCABULARY_FILE,
    synonymsFile = SYNONYMS_FILE,
    conversationalFile = CONVERSATIONAL_FILE,
  ): ClinicalVocabulary {
    return new ClinicalVocabulary(
      parseVocabulary(readFileSync(vocabularyFile, 'utf8')),
      parseSynonyms(readFileSync(synonymsFile, 'utf8')),
      parseWordList(readFileSync(conversationalFile, 'utf8')),
    );
  }

  /** Every vocabulary phrase found in the text, in order, each marked negated when a cue governs it. */
  match(text: string): PhraseMatch[] {
    return this.read(text).matches;
  }

  /**
   * The phrases found, and the other words of the text: those outside every phrase, of four letters or
   * more, not conversation (conversational-words.txt) and not under a negation. A patient's own specific
   * words ("Dhaka", "marathon", "nickel") are often what a case report shares with them.
   */
  read(text: string): { matches: PhraseMatch[]; others: string[] } {
    const tokens = tokenize(text).filter((t) => !skipped(t));
    const out: PhraseMatch[] = [];
    const others: string[] = [];
    // Position of the last unconsumed negation cue in the current clause, or -1.
    let cueAt = -1;
    let cueClause = -1;
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (cueClause !== t.clause || SCOPE_ENDS.has(t.word)) cueAt = -1;
      let found: { key: string[]; entry: VocabularyEntry } | undefined;
      for (const candidate of this.byFirst.get(t.stem) ?? []) {
        const { key } = candidate;
        if (i + key.length > tokens.length) continue;
        let ok = true;
        for (let k = 0; k < key.length && ok; k++) ok = tokens[i + k]!.stem === key[k] && tokens[i + k]!.clause === t.clause;
        if (ok) {
          found = candidate;
          break;
        }
      }
      if (found) {
        const negated = cueAt >= 0 && i - cueAt <= NEGATION_WINDOW;
        out.push({ entry: found.entry, from: i, to: i + found.key.length, negated });
        i += found.key.length;
        continue;
      }
      if (NEGATION_CUES.has(t.word)) {
        cueAt = i;
        cueClause = t.clause;
      } else if (
        /^[a-z]{4,}$/.test(t.word) &&
        !this.conversational.has(t.word) &&
        !(cueAt >= 0 && i - cueAt <= NEGATION_WINDOW) &&
        !others.includes(t.word)
      ) {
        others.push(t.word);
      }
      i++;
    }
    return { matches: out, others };
  }

  /** Other ways case reports write the concept (clinical-synonyms.tsv), as written. */
  synonymsOf(concept: string): string[] {
    return this.synonymText.get(concept) ?? [];
  }

  /** The stem sequences that count as the concept in a case's text: its own words and its clinical synonyms. */
  formsOf(concept: string): string[][] {
    return [phraseKey(concept), ...(this.synonyms.get(concept) ?? [])].filter((k) => k.length > 0);
  }
}

/** `lay phrase <TAB> clinical concept <TAB> kind` per line; `#` starts a comment. Bad lines are errors (data is checked at boot). */
export function parseVocabulary(text: string): VocabularyEntry[] {
  const out: VocabularyEntry[] = [];
  for (const [n, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const [lay, concept, kind, ...rest] = line.split('\t').map((s) => s.trim());
    if (!lay || !concept || !kind || rest.length > 0 || !(CONCEPT_KINDS as readonly string[]).includes(kind)) {
      throw new Error(`lay vocabulary line ${n + 1}: expected "lay<TAB>concept<TAB>kind" with kind one of ${CONCEPT_KINDS.join(', ')}`);
    }
    out.push({ lay, concept, kind: kind as ConceptKind });
  }
  return out;
}

/** `concept <TAB> synonym | synonym ...` per line: other ways case reports write the concept. */
export function parseSynonyms(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [n, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const [concept, list, ...rest] = line.split('\t').map((s) => s.trim());
    if (!concept || !list || rest.length > 0) throw new Error(`clinical synonyms line ${n + 1}: expected "concept<TAB>synonym | synonym"`);
    out.set(concept, [
      ...(out.get(concept) ?? []),
      ...list
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean),
    ]);
  }
  return out;
}

/** Whitespace-separated words, `#` lines are comments. */
export function parseWordList(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('#'))
      .flatMap((l) => l.toLowerCase().split(/\s+/))
      .filter(Boolean),
  );
}
