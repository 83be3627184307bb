/**
 * Whether each finding is said as happening now: the scopes of ConText (Harkema et al. 2009) for chat.
 * - negation reaches up to 6 words forward, not counting the articles, "or"/"nor"/"and" and commas of a list
 *   ("I don't have a fever, a cough or a rash" denies all three); it stops at a clause end, a termination word
 *   ("but"), a comma that starts a new clause ("no fever, my neck is stiff") or follows the list's last item,
 *   "just"/"only", or "and" before a new subject;
 * - a "what if" question covers the rest of its clause; a general question forward up to a new subject, back only
 *   up to a comma;
 * - history or a long-standing problem counts unless the same clause says it is happening now
 *   ("years ago … and now again" stays current: when both are said, now wins); a long-standing problem is
 *   'chronic' (still there, not new: no emergency, yet the complaint of an intake), a past one 'historical';
 *   both reach forward only up to "and" before a new subject (history also up to "and is / has been"), and
 *   history told in another clause (or part) of the sentence does not reach one said in the present tense;
 * - a narrow trigger ("previous", "my usual") covers only the finding it names, right after it; a risk, a topic or
 *   advice covers what it names up to a new subject ("at risk of clots and my calf is swollen");
 * - "as usual", "same as always" describe what comes before them, and what follows only when they open the clause;
 * - a pet covers what follows it in its clause until a person is named ("walking the dog when my chest…");
 * - a pseudo-trigger ("walking the dog", "in my 2 year old") cancels the triggers inside it;
 * - "had" a named emergency with no time, or "last week", is ambiguous: the patient is asked;
 * - a question or "what if" followed by the patient's claim ("… ? I have it now", "mine just did") is happening now,
 *   unless the claim is itself denied, history or long-standing.
 */
import { CONTEXT_TRIGGERS, type ContextKind } from '../taxonomy/context-triggers.js';
import { compilePhrase, type PhraseMatch, PhraseMatcher, phraseWords } from './phrase-matcher.js';
import type { Token } from './tokens.js';

export type FindingStatus = 'current' | 'ambiguous' | 'worry' | 'chronic' | 'historical' | 'hypothetical' | 'negated' | 'animal';

type Trigger = ContextKind | 'ambiguous_time' | 'past_verb' | 'animal' | 'animal_attack' | 'advice_question';

const EXTRA_TRIGGERS: Record<Exclude<Trigger, ContextKind>, string[]> = {
  ambiguous_time: [
    'last week',
    'weeks ago',
    'week ago',
    'few weeks',
    'couple of weeks',
    'a while ago',
    'a while back',
    'some time ago',
    'the other week',
  ],
  past_verb: ['had|suffered|survived|diagnosed'],
  animal: ['dog|dogs|cat|cats|puppy|kitten|horse|rabbit|hamster|parrot|bird|pet|pets|goat|cow|guinea_pig|budgie'],
  animal_attack: ['bit|bitten|bite|bites|attacked|mauled|scratched|kicked|by'],
  // "… what should I do", "who do I call": a sentence that asks what to do, with or without its question mark.
  advice_question: [
    'what|who|how *0 should|do|would|can|could|shall *0 i|we|you|he|she|they|one|his|her|my|the *2 do|say|call|ring|use|tell',
  ],
};

/** Question words that open a general question, and the words that make a question about someone in particular. */
const QUESTION_WORDS = new Set([
  'what',
  'how',
  'why',
  'when',
  'which',
  'can',
  'could',
  'is',
  'are',
  'does',
  'do',
  'should',
  'would',
  'will',
  'who',
]);
const PERSONAL = new Set([
  'i',
  'me',
  'my',
  'mine',
  'we',
  'our',
  'us',
  'he',
  'him',
  'his',
  'she',
  'her',
  'they',
  'them',
  'their',
  'you',
  'your',
  'baby',
  'son',
  'daughter',
  'husband',
  'wife',
  'mum',
  'mom',
  'dad',
  'child',
]);

/** Sentences that are general questions ("can heart attack symptoms be different in women?"): asked about, not lived. */
function generalQuestions(tokens: readonly Token[], sentence: Int32Array): Set<number> {
  const out = new Set<number>();
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !tokens[i]!.boundary) continue;
    const words = tokens.slice(start, i).filter((t) => !t.boundary && !t.comma);
    if (tokens[i]?.word === '?' && words.length > 0 && QUESTION_WORDS.has(words[0]!.word) && !words.some((t) => PERSONAL.has(t.word)))
      out.add(sentence[start]!);
    start = i + 1;
  }
  return out;
}

// People a patient writes about, used as subjects without "my" ("grandfather is vomiting", "baby won't wake").
const KIN_SUBJECTS = [
  'baby',
  'mum',
  'mom',
  'mother',
  'dad',
  'father',
  'son',
  'daughter',
  'husband',
  'wife',
  'partner',
  'brother',
  'sister',
  'grandfather',
  'grandmother',
  'grandad',
  'grandpa',
  'grandma',
  'gran',
  'granny',
  'nan',
  'nana',
  'uncle',
  'aunt',
  'auntie',
  'toddler',
  'child',
];

const SUBJECTS = new Set([
  'i',
  'he',
  'she',
  'my',
  'his',
  'her',
  'they',
  'we',
  'it',
  'the',
  'our',
  'your',
  'their',
  ...KIN_SUBJECTS,
  'now',
  'but',
  'and',
  // "no pain at all, just a rash": what a comma then "just" or "only" adds is said, not denied.
  'just',
  'only',
]);
/**
 * "no headache and my face is drooping": "and" before a new subject ends a denial's reach; "no fever and chills"
 * or "and no …" keeps listing what is denied. Only the denial stops there: "… and his dentures are out, always been
 * like that" still says the whole clause is long-standing.
 */
const NEW_SUBJECTS = new Set([
  'i',
  'my',
  'he',
  'his',
  'she',
  'her',
  'it',
  'there',
  'they',
  'their',
  'we',
  'our',
  'your',
  // "not getting up properly and grandfather is vomiting": a person named after "and" is a new subject.
  ...KIN_SUBJECTS,
  // "no headache and the left side of my face has dropped": a definite noun phrase after "and" is a new subject.
  'the',
  'this',
  'that',
  'these',
  'those',
  // "hasn't had a wet nappy all day and is really sleepy": a new verb after "and" says something new of the same subject.
  'is',
  'are',
  'was',
  'were',
  'am',
  'seems',
  'looks',
  'keeps',
  'has',
  'became',
  'went',
  'wants',
  'tried',
  'tries',
  'says',
  'said',
  'started',
]);
const PRONOUN_SUBJECTS = new Set(['i', 'he', 'she', 'they', 'we', 'it']);
/**
 * A finite verb a word or two after a comma makes what follows a clause of its own, not the next item of a denied
 * list: "no fever, lips are blue", "not eating, eyes are not opening" ("no fever, cough or rash" stays a list).
 */
const CLAUSE_VERBS = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'keeps', 'went', 'gone', 'turned', 'looks', 'feels', 'seems']);
const startsClauseWithVerb = (tokens: readonly Token[], at: number): boolean => {
  for (let i = at; i < at + 3; i++) {
    const t = tokens[i];
    if (!t || t.boundary || t.comma || LIST_JOINS.has(t.word)) return false;
    if (i > at && CLAUSE_VERBS.has(t.word)) return true;
  }
  return false;
};
const NEGATION_WINDOW = 6;
/**
 * Words a denial reaches over without counting them: articles and quantifiers, and the "or", "nor", "and" and commas
 * of a list. A comma or "and" that starts a new clause has already ended the denial (`denialClause`).
 */
const LIST_WORDS = new Set(['a', 'an', 'the', 'any', 'some', 'or', 'nor', 'and', ',']);
/** The word that joins a list's last item: a comma after that item closes the list, and with it the denial. */
const LIST_JOINS = new Set(['or', 'nor', 'and']);
/** "no fever just a cough": what "just" or "only" adds is said, not denied (unless "not just", "not only"). */
const DENIAL_ENDS = new Set(['just', 'only']);
const INNER_NEGATIONS = new Set(['not', 'no', 'never', 'nothing', 'without']);
/**
 * The words a narrow trigger reaches over to the finding it names ("previous heart attack", "discharged after my
 * stroke", "diagnosed with type 1 diabetes"): articles, possessives, prepositions, numbers. Any other word is
 * the setting ("discharged after my hip operation and my leg is swollen"), and the finding after it is not covered.
 */
const NARROW_JOINS = new Set(
  'a an the my his her their our your this that some any with of for after from following about to on in had been having getting developing type'.split(
    ' ',
  ),
);
const NARROW_REACH = 4;
/** A clause with one of these is said in the present: history told in another clause does not reach it. */
const PRESENT_TENSE = new Set(['am', 'is', 'are', 'has', 'have']);
/** Linking verbs that tell a finding as a fact, and common irregular past verbs that open one. */
const FACT_VERBS = new Set(['is', 'are', 'am', 'was', 'were', 'been', 'being']);
const PAST_VERBS = new Set(
  'took swallowed ate drank fell hit got went had did came became began broke bit stopped passed collapsed cut burnt burned'.split(' '),
);
/** A person named after a pet: what follows is the person's ("the dog is barking and my wife is not waking up"). */
const PEOPLE = new Set(
  'i me my we us our wife husband partner son daughter mum mom mother dad father baby child kid boyfriend girlfriend brother sister nan grandma grandad granddad grandpa friend'.split(
    ' ',
  ),
);
/** "my dog collapsed and I think he is not breathing": the writer's guess is still about the pet. */
const GUESSES = new Set(['think', 'thought', 'guess', 'believe', 'reckon', 'suppose', 'wonder', 'noticed', 'saw', 'found', 'heard']);
const namesPerson = (word: string, next: string | undefined) => PEOPLE.has(word) && !(word === 'i' && GUESSES.has(next ?? ''));
/** The triggers a pseudo-trigger cancels when it holds them. */
const CANCELLED_BY_PSEUDO = new Set<Trigger>([
  'historical',
  'historical_narrow',
  'chronic',
  'chronic_narrow',
  'chronic_after',
  'hypothetical',
  'hypothetical_narrow',
  'question_general',
  'worry',
  'animal',
  'conditional',
  'conditional_advice',
  // "just need a refill", "now and then": a pseudo-trigger also holds words that look like a recent time.
  'recent',
  'termination',
]);

export const contextMatcher = new PhraseMatcher<Trigger>([
  ...Object.entries(CONTEXT_TRIGGERS).flatMap(([kind, phrases]) => phrases.map((p) => compilePhrase(p, kind as Trigger))),
  ...Object.entries(EXTRA_TRIGGERS).flatMap(([kind, phrases]) => phrases.map((p) => compilePhrase(p, kind as Trigger))),
]);

/**
 * Triggers that only ever make a finding less urgent are not spelling targets: a misspelt symptom must not be
 * "corrected" into one of their words ("fevr" is fever, not fear).
 */
const NOT_SPELLING_TARGETS = new Set<string>([
  'figurative',
  'post_negation',
  'conditional',
  'conditional_advice',
  'feared',
  'topic_narrow',
  'resolved',
  'advice_question',
]);

export const contextWords = [...Object.entries(CONTEXT_TRIGGERS), ...Object.entries(EXTRA_TRIGGERS)]
  .filter(([kind]) => !NOT_SPELLING_TARGETS.has(kind))
  .flatMap(([, phrases]) => phrases)
  .flatMap(phraseWords);

interface Spans {
  /** Sentence index of each token. */
  sentence: Int32Array;
  /** Clause index (a sentence split at commas that start a new clause and at termination words). */
  clause: Int32Array;
  /**
   * The clauses split again where a denial ends: "and" before a new subject, "just" or "only", and a comma after
   * a list's last item ("no fever or anything like that, crushing pain in my chest").
   */
  denialClause: Int32Array;
}

function spans(tokens: readonly Token[], terminations: readonly PhraseMatch<Trigger>[]): Spans {
  const sentence = new Int32Array(tokens.length);
  const clause = new Int32Array(tokens.length);
  const denialClause = new Int32Array(tokens.length);
  const terminationStarts = new Set(terminations.map((t) => t.start));
  let s = 0;
  let c = 0;
  let dc = 0;
  let listJoined = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = dc;
    if (token.boundary) {
      s++;
      c++;
      dc++;
    } else if ((token.comma && SUBJECTS.has(tokens[i + 1]?.word ?? '')) || terminationStarts.has(i)) {
      c++;
      dc++;
    } else if (token.word === 'and' && NEW_SUBJECTS.has(tokens[i + 1]?.word ?? '')) dc++;
    else if (token.comma && startsClauseWithVerb(tokens, i + 1)) dc++;
    else if (DENIAL_ENDS.has(token.word) && !INNER_NEGATIONS.has(tokens[i - 1]?.word ?? '')) dc++;
    else if (token.comma && listJoined) dc++;
    listJoined = dc === previous && (listJoined || LIST_JOINS.has(token.word));
    sentence[i] = s;
    clause[i] = c;
    denialClause[i] = dc;
  }
  return { sentence, clause, denialClause };
}

/** Said after a resolution, these say it came back: "it settled but now it has started again". */
const RETURNED = new Set(['still', 'again', 'keeps', 'keep', 'worse', 'returned', 'restarted']);

export interface ContextIndex {
  /** Whether the episode of the finding is said to be over later in its sentence ("… it's stopped now"). */
  resolvedAfter(end: number): boolean;
  /** `namedDiagnosis`: the finding is the patient's name for a diagnosis ("a stroke"), not a symptom. */
  status(start: number, end: number, negatedSymptom: boolean, namedDiagnosis?: boolean): FindingStatus;
  /** Whether two tokens are in the same sentence. */
  sameSentence(a: number, b: number): boolean;
}

/** Builds the context of one tokenised text; `status` then answers for any span in it. */
export function buildContext(tokens: readonly Token[]): ContextIndex {
  const matched = contextMatcher.match(tokens);
  const pseudoContext = matched.filter((t) => t.value === 'pseudo');
  const triggers = matched.filter(
    (t) => !CANCELLED_BY_PSEUDO.has(t.value) || !pseudoContext.some((p) => p.start <= t.start && p.end >= t.end),
  );
  const byKind = new Map<Trigger, PhraseMatch<Trigger>[]>();
  for (const t of triggers) byKind.set(t.value, [...(byKind.get(t.value) ?? []), t]);
  const { sentence, clause, denialClause } = spans(tokens, byKind.get('termination') ?? []);
  const years = tokens.flatMap((t, i) => (/^(19|20)\d\d$/.test(t.word) ? [i] : []));
  const general = generalQuestions(tokens, sentence);
  // Sentences that ask what to do: they end with a question mark or say "what should I do / say".
  const asking = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.word === '?' && i > 0) asking.add(sentence[i - 1]!);
  });
  for (const q of byKind.get('advice_question') ?? []) asking.add(sentence[q.start]!);
  const list = (kind: Trigger) => byKind.get(kind) ?? [];
  const inClause = (kind: Trigger, at: number) => list(kind).some((t) => clause[t.start] === clause[at]);
  const inSentence = (kind: Trigger, at: number) => list(kind).some((t) => sentence[t.start] === sentence[at]);
  // words[i]: how many counted words come before token i, so the distance from a denial is one subtraction.
  const words = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) words[i + 1] = words[i]! + (LIST_WORDS.has(tokens[i]!.word) ? 0 : 1);
  const pseudo = list('pseudo_negation');
  const denies = (at: number) =>
    list('negation').some(
      (n) =>
        n.end <= at &&
        words[at]! - words[n.end]! <= NEGATION_WINDOW &&
        denialClause[n.start] === denialClause[at] &&
        !pseudo.some((p) => p.start <= n.start && p.end >= n.end),
    );
  // "what causes crushing chest pain? I have it now": asked about, then said to be the patient's own.
  const claimedAfter = (end: number) =>
    list('claim').some(
      (c) =>
        c.start >= end &&
        !denies(c.start) &&
        !inClause('historical', c.start) &&
        !inClause('chronic', c.start) &&
        !inClause('chronic_after', c.start),
    );
  const presentClauses = new Set<number>();
  clause.forEach((c, i) => {
    if (PRESENT_TENSE.has(tokens[i]?.word ?? '')) presentClauses.add(c);
  });
  const ongoing = (i: number) =>
    ['is', 'are', 'am'].includes(tokens[i]?.word ?? '') ||
    (['has', 'have'].includes(tokens[i]?.word ?? '') && tokens[i + 1]?.word === 'been');
  // "… and is wheezing", "… and I am bleeding": "and", maybe a subject pronoun, then an ongoing present.
  const ongoingAfterAnd = (from: number, to: number) => {
    for (let i = from; i < to; i++)
      if (tokens[i]?.word === 'and' && (ongoing(i + 1) || (PRONOUN_SUBJECTS.has(tokens[i + 1]?.word ?? '') && ongoing(i + 2)))) return true;
    return false;
  };
  // The finding told as a fact: after "is", "was", "been" ("if she is not breathing") or opened by a past verb ("if he
  // swallowed a battery").
  const saidAsFact = (at: number) =>
    tokens.slice(Math.max(0, at - 2), at).some((t) => FACT_VERBS.has(t.word)) ||
    PAST_VERBS.has(tokens[at]?.word ?? '') ||
    /^[a-z]{3,}ed$/.test(tokens[at]?.word ?? '');
  const opensClause = (i: number) => i === 0 || clause[i - 1] !== clause[i] || tokens[i - 1]?.comma === true;
  // Forward up to "and" before a new subject, back over the whole clause.
  const reaches = (kind: Trigger, at: number) =>
    list(kind).some((t) => (t.start < at ? denialClause[t.start] === denialClause[at] : clause[t.start] === clause[at]));
  const narrow = (kind: Trigger, at: number) =>
    list(kind).some(
      (n) =>
        n.end <= at &&
        at - n.end <= NARROW_REACH &&
        clause[n.start] === clause[at] &&
        tokens.slice(n.end, at).every((t) => NARROW_JOINS.has(t.word) || /^\d/.test(t.word)),
    );

  const endOfSentence = (at: number) => {
    let i = at;
    while (i < tokens.length && sentence[i] === sentence[at]) i++;
    return i;
  };
  return {
    sameSentence: (a, b) => sentence[a] === sentence[b],
    resolvedAfter(end: number): boolean {
      if (end >= tokens.length) return false;
      const at = end - 1;
      const stop = endOfSentence(at);
      if (tokens.slice(end, stop).some((t) => RETURNED.has(t.word))) return false;
      return list('resolved').some(
        (r) =>
          r.start >= end &&
          sentence[r.start] === sentence[at] &&
          !tokens.slice(Math.max(0, r.start - 2), r.start).some((t) => INNER_NEGATIONS.has(t.word)),
      );
    },
    status(start: number, end: number, negatedSymptom: boolean, namedDiagnosis = false): FindingStatus {
      // "my balls do not hurt": a negation inside the finding's own words, unless the phrase is itself a negated symptom.
      if (tokens.slice(start + 1, end).some((t) => INNER_NEGATIONS.has(t.word)) && !negatedSymptom) return 'negated';
      if (denies(start)) return 'negated';
      // "ketones negative", "her speech is normal": a verdict right after the finding.
      if (list('post_negation').some((p) => p.start === end && denialClause[p.start] === denialClause[start])) return 'negated';
      // "this deadline is giving me a heart attack": the alarm word is part of an idiom.
      if (list('figurative').some((f) => f.start < end && start < f.end)) return 'hypothetical';
      // "terrified of having a stroke like my dad": a feared diagnosis; the symptoms said beside it still count.
      if (namedDiagnosis && list('feared').some((f) => f.end <= start && sentence[f.start] === sentence[start])) return 'hypothetical';
      // A topic or advice reaches forward up to a new subject ("we gave him first aid and he is not breathing"); a
      // condition covers its clause ("in case my throat swells up and I cannot breathe").
      const named = list('hypothetical_narrow').some((h) => h.start < start && denialClause[h.start] === denialClause[start]);
      if (named || list('hypothetical').some((h) => h.start < start && clause[h.start] === clause[start]))
        return claimedAfter(end) ? 'current' : 'hypothetical';
      // "if I cough up blood when should I see a doctor" asks about the finding; a question after a comma asks what
      // to do about what was said as fact ("… his lips are blue, how long will the ambulance take?").
      const asked = list('question_general').some((q) =>
        q.start < start
          ? denialClause[q.start] === denialClause[start]
          : clause[q.start] === clause[start] && !tokens.slice(end, q.start).some((t) => t.comma),
      );
      if (asked || general.has(sentence[start]!)) return claimedAfter(end) ? 'current' : 'hypothetical';
      const recentInClause = inClause('recent', start);
      // A condition said as a fact ("if he swallowed a battery", "if she is not breathing") is read as happening.
      const conditionStatus = (): FindingStatus => (claimedAfter(end) || saidAsFact(start) ? 'current' : 'hypothetical');
      // "If I bang my head on warfarin, what should I do?": a condition in a sentence that asks what to do. Said with
      // "now", "just" or "still" in its clause, or claimed after, it is happening.
      if (
        !recentInClause &&
        list('conditional').some((c) => c.start < start && clause[c.start] === clause[start]) &&
        asking.has(sentence[start]!)
      )
        return conditionStatus();
      // "ring us if baby moves less", "could have a stroke if his blood pressure is not controlled": advice and risk.
      if (
        !recentInClause &&
        list('conditional_advice').some((c) =>
          c.start < start ? denialClause[c.start] === denialClause[start] : c.start < end && clause[c.start] === clause[start],
        )
      )
        return conditionStatus();
      // "I keep googling chest pain": a topic searched for.
      if (narrow('topic_narrow', start)) return claimedAfter(end) ? 'current' : 'hypothetical';
      if (
        list('animal').some((a) => {
          if (a.end > start || clause[a.start] !== clause[start]) return false;
          for (let i = a.end; i < start; i++) if (namesPerson(tokens[i]?.word ?? '', tokens[i + 1]?.word)) return false;
          return true;
        }) &&
        !inClause('animal_attack', start)
      )
        return 'animal';
      // History too ("my mum used to be a nurse and she says my baby is floppy"); the sentence rule below still
      // makes a past-tense rest of the clause history ("years ago I had a clot and my leg swelled up").
      const historicalInClause =
        list('historical').some((h) => {
          if (h.start >= start) return clause[h.start] === clause[start];
          if (denialClause[h.start] !== denialClause[start]) return false;
          // "a history of epilepsy and has been fitting for 10 minutes", "… and is wheezing": "and" then an ongoing
          // present starts what is happening now ("and have weakness from it" may be what is left of the past).
          for (let i = h.end; i < start; i++) if (tokens[i]?.word === 'and' && ongoing(i + 1)) return false;
          return true;
        }) ||
        narrow('historical_narrow', start) ||
        years.some((y) => clause[y] === clause[start]);
      if (historicalInClause && !recentInClause) return 'historical';
      // "I usually get it on the hill, but tonight…": a long-standing problem that changed now is current.
      // A long-standing problem reaches forward up to a new subject ("I am a known diabetic and I am vomiting" is new),
      // back over its whole clause ("slurred when he's tired and his dentures are out, always been like that").
      const chronic =
        reaches('chronic', start) ||
        narrow('chronic_narrow', start) ||
        list('chronic_after').some((c) =>
          c.start > start ? clause[c.start] === clause[start] : opensClause(c.start) && denialClause[c.start] === denialClause[start],
        );
      if (chronic && !recentInClause && !inSentence('recent', start)) return 'chronic';
      // "I had a stroke years ago, my face has dropped": the present tense of its own clause says now.
      if (
        !historicalInClause &&
        !recentInClause &&
        !presentClauses.has(clause[start] ?? -1) &&
        inSentence('historical', start) &&
        !inSentence('recent', start)
      )
        return 'historical';
      if (list('worry').some((w) => w.end <= start && sentence[w.start] === sentence[start])) return 'worry';
      // "had my baby last week and I'm bleeding through pads": "and" then an ongoing present is now, not last week.
      const ambiguousTime = list('ambiguous_time').some(
        (a) => sentence[a.start] === sentence[start] && !(a.end <= start && ongoingAfterAnd(a.end, start)),
      );
      if (!recentInClause && ambiguousTime && !inSentence('recent', start)) return 'ambiguous';
      if (!recentInClause) {
        if (list('past_verb').some((p) => p.end <= start && start - p.end <= 2 && clause[p.start] === clause[start])) return 'ambiguous';
      }
      return 'current';
    },
  };
}
