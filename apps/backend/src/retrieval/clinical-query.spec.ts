import { describe, expect, it } from '@jest/globals';
import type { IntakeSummary } from '@patientinsight/shared';
import { buildClinicalQuery, buildRetrievalPlan, matchedConcepts } from './clinical-query.js';
import { ClinicalVocabulary, parseSynonyms, parseVocabulary, stem, tokenize } from './clinical-vocabulary.js';

const vocabulary = ClinicalVocabulary.load();

function summary(
  chiefComplaint: string,
  extra: Partial<IntakeSummary['hpi']> & {
    context?: string;
    conditions?: string[];
    medications?: string[];
    age?: number | null;
    sex?: 'F' | 'M' | null;
  } = {},
): IntakeSummary {
  const { context = null, conditions = [], medications = [], age = 35, sex = 'F', ...hpi } = extra;
  return {
    chiefComplaint,
    hpi: {
      onset: null,
      character: null,
      location: null,
      severity: null,
      pattern: null,
      aggravating: null,
      relieving: null,
      associatedSymptoms: [],
      ...hpi,
    },
    context,
    redFlags: [],
    profile: { age, sex, conditions, medications, allergies: [] },
  };
}

const concepts = (s: IntakeSummary) => buildClinicalQuery(s, vocabulary).concepts.map((c) => c.concept);

describe('lay → clinical vocabulary (data file)', () => {
  it('holds well over a thousand entries, every line well formed', () => {
    expect(vocabulary.size).toBeGreaterThan(1000);
  });

  it.each([
    ['my skin and eyes went yellow', 'jaundice'],
    ["I can't catch my breath", 'dyspnea'],
    ['pins and needles in my feet', 'paresthesia'],
    ['I keep throwing up', 'vomiting'],
    ['my water works are playing up', 'urinary frequency'],
    ['burning when I pee', 'dysuria'],
    ['my heart is racing', 'palpitations'],
    ['I passed out at work', 'syncope'],
    ['the room is spinning', 'vertigo'],
    ['coughing up blood', 'hemoptysis'],
    ['black tarry poo', 'melena'],
    ['my ankles are swollen', 'ankle swelling'],
  ])('"%s" → %s', (text, concept) => {
    expect(concepts(summary(text))).toContain(concept);
  });

  it('reads an age as no course and a duration by its length ("57 years old" is not chronic, "for 3 weeks" is subacute)', () => {
    const course = (text: string) =>
      buildClinicalQuery(summary(text), vocabulary)
        .concepts.filter((c) => c.kind === 'course')
        .map((c) => c.concept);
    expect(course('I am 57 years old and have a cough')).toEqual([]);
    expect(course('My son is 21 months, he has a cough')).toEqual([]);
    expect(course('I am 40 years, man, with a cough')).toEqual([]);
    expect(course('a cough for 3 weeks')).toEqual(['subacute']);
    expect(course('a cough since two days')).toEqual(['acute']);
    expect(course('bulimia for about ten years')).toEqual(['chronic']);
    expect(course('a cough from 20 years')).toEqual(['chronic']);
  });

  it('reads common misspellings of lay words as the word ("diarhea", "vomitting")', () => {
    expect(concepts(summary('I have diarhea and keep vomitting'))).toEqual(expect.arrayContaining(['diarrhea', 'vomiting']));
    expect(tokenize('stomache').map((t) => t.word)).toEqual(['stomach']);
  });

  it('rejects a malformed line, naming it', () => {
    expect(() => parseVocabulary('fine\tfever\tfinding\nbroken line\n')).toThrow(/line 2/);
    expect(() => parseVocabulary('x\ty\tnot-a-kind\n')).toThrow(/kind/);
    expect(() => parseSynonyms('fever\n')).toThrow(/line 1/);
  });

  it('stems lightly and keeps apostrophes', () => {
    expect(['vomiting', 'vomited', 'vomits'].map(stem)).toEqual(['vomit', 'vomit', 'vomit']);
    expect(tokenize('I can’t breathe. No fever').map((t) => [t.word, t.clause])).toEqual([
      ['i', 0],
      ["can't", 0],
      ['breathe', 0],
      ['no', 1],
      ['fever', 1],
    ]);
  });
});

describe('buildClinicalQuery', () => {
  it('the knee story: conversational filler is dropped, the clinical content kept', () => {
    const q = buildClinicalQuery(
      summary('Like I said, my right knee has been hurting since Saturday morning, I ran about 8 miles', {
        onset: 'Like I said, Saturday morning, about 8 miles into my long run',
        location: 'Outside of my knee, it does not spread',
        aggravating: 'Going down stairs and running',
        associatedSymptoms: ['a bit of swelling', 'no fever'],
        age: 35,
        sex: 'F',
      }),
      vocabulary,
    );
    const words = q.query.toLowerCase().split(/[^a-z]+/);
    for (const filler of ['said', 'morning', 'saturday', 'like', 'stairs', 'about', 'miles', 'going']) expect(words).not.toContain(filler);
    expect(q.otherWords).toEqual([]);
    expect(q.concepts.map((c) => c.concept)).toEqual(expect.arrayContaining(['knee pain', 'knee', 'physical exertion', 'swelling']));
    expect(q.negated.map((c) => c.concept)).toEqual(['fever']);
    // The negative is sent marked ("no fever" becomes negated terms in the embedder), never as a finding.
    expect(q.query).toMatch(/; no fever$/);
    expect(q.searchedFor).toContain('no fever');
  });

  it('keeps negated findings apart and sends them only as "no …"', () => {
    const q = buildClinicalQuery(
      summary("I've had a cough for a week. No fever, I don't have any chest pain but I get wheezy at night"),
      vocabulary,
    );
    expect(q.concepts.map((c) => c.concept)).toEqual(expect.arrayContaining(['cough', 'wheezing']));
    expect(q.negated.map((c) => c.concept)).toEqual(expect.arrayContaining(['fever', 'chest pain']));
    expect(q.query.replace(/no (?:fever|chest pain)/g, '')).not.toMatch(/fever|chest pain/);
  });

  it('a phrase that contains a negation word is not read as a negation ("can\'t catch my breath", "no appetite")', () => {
    const q = buildClinicalQuery(summary("I can't catch my breath and have no appetite"), vocabulary);
    expect(q.concepts.map((c) => c.concept)).toEqual(expect.arrayContaining(['dyspnea', 'loss of appetite']));
    expect(q.negated).toEqual([]);
  });

  it("uses every field of the summary, the profile conditions and medicines, and the patient's own specific words", () => {
    const q = buildClinicalQuery(
      summary('tummy ache', {
        onset: 'it came on suddenly',
        character: 'cramping',
        location: 'lower right side of my stomach',
        pattern: 'comes and goes',
        associatedSymptoms: ['throwing up', 'a temperature'],
        context: 'just got back from Thailand, ate street food in Bangkok',
        conditions: ['type 2 diabetes'],
        medications: ['metformin', 'Zestoretic'],
      }),
      vocabulary,
    );
    const all = q.concepts.map((c) => c.concept);
    expect(all).toEqual(
      expect.arrayContaining([
        'abdominal pain',
        'right lower quadrant pain',
        'vomiting',
        'fever',
        'travel',
        'tropical travel',
        'food exposure',
        'diabetes mellitus',
        'metformin',
        'zestoretic',
        'sudden onset',
        'intermittent',
      ]),
    );
    expect(q.otherWords).toEqual(['bangkok']);
    expect(q.query).toMatch(/abdominal pain.*bangkok/);
    expect(q.searchedFor).toEqual(expect.arrayContaining(['sudden onset', 'abdominal pain', 'bangkok']));
  });

  it('does not read again a field the intake inferred from an earlier answer (its words out of their context)', () => {
    const told = summary('I have high blood pressure. My right eye has been red for 3 weeks. I never saw a rash.', {
      character: 'pressure',
      location: 'right eye',
      associatedSymptoms: ['rash'],
    });
    const asked = buildClinicalQuery(told, vocabulary);
    // Answered by the patient, each field is read: "pressure" on its own is pain, "rash" a rash.
    expect(asked.concepts.map((c) => c.concept)).toEqual(expect.arrayContaining(['hypertension', 'red eye', 'pain', 'rash']));
    const inferred = buildClinicalQuery({ ...told, inferred: ['character', 'location', 'associatedSymptoms'] }, vocabulary);
    expect(inferred.concepts.map((c) => c.concept)).toEqual(expect.arrayContaining(['hypertension', 'red eye', 'subacute']));
    expect(inferred.concepts.map((c) => c.concept)).not.toContain('pain');
    expect(inferred.negated.map((c) => c.concept)).toContain('rash');
  });

  it('keeps a clinical-looking word the vocabulary does not list (a named diagnosis)', () => {
    expect(concepts(summary('They think it might be sarcoidosis, I get a dry cough'))).toEqual(
      expect.arrayContaining(['sarcoidosis', 'dry cough']),
    );
  });

  it('a summary of filler alone gives an empty query', () => {
    expect(buildClinicalQuery(summary('Like I said, I told you already, Saturday morning'), vocabulary).query).toBe('');
  });
});

describe('buildRetrievalPlan', () => {
  it('sends age and sex as data and filters on the age window', () => {
    const plan = buildRetrievalPlan(summary('chest pain', { age: 54, sex: 'F' }), vocabulary, 5, 20);
    expect(plan).toMatchObject({ topK: 5, filters: { ageMin: 34, ageMax: 74 }, patient: { age: 54, sex: 'F' } });
    expect(plan.query).not.toMatch(/year|woman|female/);
    expect(buildRetrievalPlan(summary('chest pain', { age: null, sex: null }), vocabulary, 5, 20)).toMatchObject({
      filters: null,
      patient: {},
    });
  });
});

describe('matchedConcepts', () => {
  const q = buildClinicalQuery(summary('My skin went yellow and I feel sick, pain under my right ribs'), vocabulary);

  it('finds a concept by its own words or a clinical synonym', () => {
    const m = matchedConcepts(
      q.concepts,
      'A 50-year-old man presented with icterus, nausea and right upper quadrant tenderness.',
      vocabulary,
    );
    expect(m.matched).toEqual(expect.arrayContaining(['jaundice', 'nausea', 'right upper quadrant pain']));
    expect(m.strong).toBeGreaterThanOrEqual(3);
  });

  it('does not count a concept the case negates, and counts weak kinds apart', () => {
    const sudden = buildClinicalQuery(summary('My skin went yellow, it all started suddenly'), vocabulary);
    const m = matchedConcepts(sudden.concepts, 'She denied jaundice. The headache was of sudden onset.', vocabulary);
    expect(m.matched).toEqual(['sudden onset']);
    expect(m.strong).toBe(0);
  });

  it('a case about something else matches nothing', () => {
    expect(
      matchedConcepts(
        q.concepts,
        'A patient with schizophrenia was admitted after an overdose; he said he climbed the stairs that morning.',
        vocabulary,
      ),
    ).toEqual({ matched: [], strong: 0 });
  });
});
