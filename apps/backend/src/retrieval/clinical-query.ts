import type { IntakeSummary, SearchFilters, SearchPatient } from '@patientinsight/shared';
import { type ClinicalVocabulary, type ConceptKind, GATE_KINDS, phraseKey, tokenize, WEAK_KINDS } from './clinical-vocabulary.js';

/** Where in the summary a concept came from (the chief complaint weighs most). */
export type ConceptSource =
  | 'chiefComplaint'
  | 'onset'
  | 'character'
  | 'location'
  | 'severity'
  | 'pattern'
  | 'aggravating'
  | 'relieving'
  | 'associatedSymptoms'
  | 'context'
  | 'conditions'
  | 'medications';

export interface QueryConcept {
  /** The clinical term ("dyspnea", "knee", "sudden onset"). */
  concept: string;
  kind: ConceptKind;
  source: ConceptSource;
  /** The patient's own words it was read from (not sent anywhere; kept for tests and the doctor's view). */
  from: string;
}

export interface ClinicalQuery {
  /** The text sent to the embedder: clinical concepts, the patient's other specific words, then "no …" for each negative. Empty when the summary names none. */
  query: string;
  /** Positive concepts, in the order the summary gave them, each once. */
  concepts: QueryConcept[];
  /** Findings the patient said they do not have ("no fever"): in the query only as "no fever" (negation-marked terms). */
  negated: QueryConcept[];
  /** The patient's other specific words (outside the vocabulary, not conversation): sent after the concepts. */
  otherWords: string[];
  /** What the doctor sees as "searched for: …". */
  searchedFor: string[];
}

export interface RetrievalPlan extends ClinicalQuery {
  topK: number;
  filters: SearchFilters | null;
  /** The profile's age and sex, sent as data (the embedder's demographic prior reads them). */
  patient: SearchPatient;
}

const NOT_REPORTED = 'not reported';
const present = (v: string | null | undefined): v is string =>
  Boolean(v && v.trim() && v.trim().toLowerCase() !== NOT_REPORTED && v.trim().toLowerCase() !== 'nothing');

/**
 * Words outside the vocabulary that still read as clinical terms (a named disease, a procedure, a drug
 * class), so a patient who already knows a diagnosis or a medicine name is not reduced to filler.
 */
const CLINICAL_SUFFIX =
  /(?:itis|osis|iasis|oma|emia|aemia|pathy|algia|ectomy|otomy|ostomy|plasty|scopy|cillin|mycin|cycline|prazole|statin|olol|pril|sartan|dipine|mab|tinib|azole|oxacin|tidine|triptan|parin|gliptin|gliflozin|formin|sone|olone|azepam|azolam|oxetine|aline|ipramine|profen|fenac|codone|morphine|thyroid\w*|glycemi\w*|tension)$/;
const NOT_CLINICAL = new Set([
  'diagnosis',
  'prognosis',
  'attention',
  'intention',
  'pretension',
  'extension',
  'mention',
  'retention',
  'tension',
]);

/**
 * Filled text fields of the summary, in the order a clinician reads them. A field the intake inferred from an
 * earlier answer (`summary.inferred`) is left out: that answer is read whole, and its words read again out of
 * context mislead ("pressure" out of "high blood pressure" is pain, "rash" out of "never saw a rash" is a rash).
 */
function fields(summary: IntakeSummary): { source: ConceptSource; text: string }[] {
  const h = summary.hpi;
  const inferred = new Set<string>(summary.inferred ?? []);
  const out: { source: ConceptSource; text: string }[] = [];
  const add = (source: ConceptSource, text: string | null | undefined) => {
    if (present(text) && !inferred.has(source)) out.push({ source, text: text.trim() });
  };
  add('chiefComplaint', summary.chiefComplaint);
  add('location', h.location);
  add('onset', h.onset);
  add('character', h.character);
  add('pattern', h.pattern);
  add('aggravating', h.aggravating);
  add('relieving', h.relieving);
  for (const s of h.associatedSymptoms) add('associatedSymptoms', s);
  add('context', summary.context);
  return out;
}

/**
 * From the structured intake summary to clinical concepts: each answer is read through the lay →
 * clinical vocabulary (longest phrase first, negation-aware); what the vocabulary does not know is
 * conversational filler and is dropped, except words that read as clinical terms. Known conditions and
 * medicines from the profile are clinical already and kept whole. Negated findings stay out of the query.
 */
export function buildClinicalQuery(summary: IntakeSummary, vocabulary: ClinicalVocabulary): ClinicalQuery {
  const concepts: QueryConcept[] = [];
  const negated: QueryConcept[] = [];
  const seen = new Set<string>();
  const seenNegated = new Set<string>();
  const otherWords: string[] = [];
  const take = (c: QueryConcept, isNegated: boolean) => {
    if (isNegated) {
      if (!seenNegated.has(c.concept) && !seen.has(c.concept) && !WEAK_KINDS.has(c.kind)) {
        seenNegated.add(c.concept);
        negated.push(c);
      }
      return;
    }
    if (seen.has(c.concept)) return;
    seen.add(c.concept);
    concepts.push(c);
  };

  for (const { source, text } of fields(summary)) {
    const { matches, others } = vocabulary.read(text);
    for (const w of others) if (!otherWords.includes(w)) otherWords.push(w);
    for (const m of matches)
      if (m.entry.kind !== 'ignore') take({ concept: m.entry.concept, kind: m.entry.kind, source, from: m.entry.lay }, m.negated);
    // Clinical-looking words the vocabulary does not list (a known diagnosis, a drug name).
    const covered = new Set(matches.flatMap((m) => phraseKey(m.entry.lay)));
    for (const t of tokenize(text)) {
      if (t.word.length >= 6 && CLINICAL_SUFFIX.test(t.word) && !NOT_CLINICAL.has(t.word) && !covered.has(t.stem)) {
        take({ concept: t.word, kind: 'finding', source, from: t.word }, false);
      }
    }
  }
  const severity = summary.hpi.severity;
  if (severity !== null && severity >= 8) take({ concept: 'severe', kind: 'modifier', source: 'severity', from: `${severity}/10` }, false);
  for (const condition of summary.profile.conditions) addWhole(condition, 'history', 'conditions');
  for (const medicine of summary.profile.medications) addWhole(medicine, 'medication', 'medications');

  function addWhole(text: string, kind: ConceptKind, source: ConceptSource) {
    if (!present(text)) return;
    const matches = vocabulary.match(text).filter((m) => !m.negated && m.entry.kind !== 'ignore');
    if (matches.length > 0)
      for (const m of matches)
        take({ concept: m.entry.concept, kind: m.entry.kind === 'finding' ? kind : m.entry.kind, source, from: text }, false);
    else take({ concept: text.trim().toLowerCase().slice(0, 80), kind, source, from: text }, false);
  }

  // Negatives the patient also reported positively elsewhere are not negatives.
  const positive = new Set(concepts.map((c) => c.concept));
  const keptNegated = negated.filter((c) => !positive.has(c.concept));
  const conceptWords = new Set(concepts.flatMap((c) => c.concept.split(/\s+/)));
  const others = otherWords.filter((w) => !conceptWords.has(w) && !CLINICAL_SUFFIX.test(w));
  return {
    // Negatives go last as "no …": the embedder's tokenizer marks them negated, so they can only match a case's own "no …".
    query: [...concepts.map((c) => c.concept), ...others, ...keptNegated.map((c) => `no ${c.concept}`)].join('; ').slice(0, 2000),
    concepts,
    negated: keptNegated,
    otherWords: others,
    searchedFor: [...concepts.map((c) => c.concept), ...others, ...keptNegated.map((c) => `no ${c.concept}`)],
  };
}

/**
 * The embedder request for a summary: the clinical query, the profile's age filter (cases within
 * `ageWindow` years; 0 turns it off) and the patient's age and sex as data.
 */
export function buildRetrievalPlan(summary: IntakeSummary, vocabulary: ClinicalVocabulary, topK: number, ageWindow: number): RetrievalPlan {
  const age = summary.profile.age;
  const filters: SearchFilters | null =
    age !== null && ageWindow > 0
      ? { ageMin: Math.max(0, Math.floor(age - ageWindow)), ageMax: Math.min(150, Math.ceil(age + ageWindow)) }
      : null;
  const patient: SearchPatient = { ...(age !== null ? { age } : {}), ...(summary.profile.sex ? { sex: summary.profile.sex } : {}) };
  return { ...buildClinicalQuery(summary, vocabulary), topK, filters, patient };
}

/**
 * The query's concepts a case's text contains (its own words or a clinical synonym, not under a
 * negation in the case), in query order; `strong` counts those of a gate kind (a finding, site or
 * condition). A case whose only matches are "pain", "sudden onset" or a shared exposure is not similar
 * enough to cite.
 */
export function matchedConcepts(
  concepts: QueryConcept[],
  caseText: string,
  vocabulary: ClinicalVocabulary,
): { matched: string[]; strong: number } {
  const stems = caseStems(caseText);
  const matched: string[] = [];
  let strong = 0;
  for (const c of concepts) {
    const hit = vocabulary.formsOf(c.concept).some((form) => form.every((s) => stems.has(s)));
    if (!hit || matched.includes(c.concept)) continue;
    matched.push(c.concept);
    if (GATE_KINDS.has(c.kind)) strong++;
  }
  return { matched, strong };
}

/** The case's stems outside negated stretches ("no fever" does not make a case febrile). */
function caseStems(text: string): Set<string> {
  const out = new Set<string>();
  let cueAt = -99;
  let cueClause = -1;
  for (const [i, t] of tokenize(text).entries()) {
    if (t.clause !== cueClause) cueAt = -99;
    if (/^(?:no|not|without|denied|denies|negative|absent|absence)$/.test(t.word)) {
      cueAt = i;
      cueClause = t.clause;
      continue;
    }
    if (/^(?:but|however|although|which|who)$/.test(t.word)) cueAt = -99;
    if (i - cueAt <= 3) continue;
    out.add(t.stem);
  }
  return out;
}
