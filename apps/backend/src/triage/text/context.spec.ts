import { describe, expect, it } from '@jest/globals';
import { buildContext, type FindingStatus } from './context.js';
import { tokenize } from './tokens.js';

/** The status of the first occurrence of `finding` (its words as tokens) in `text`. */
function statusOf(text: string, finding: string, namedDiagnosis = false): FindingStatus {
  const tokens = tokenize(text, false);
  const words = tokenize(finding, false).map((t) => t.word);
  const start = tokens.findIndex((_, i) => words.every((w, j) => tokens[i + j]?.word === w));
  if (start < 0) throw new Error(`"${finding}" is not in "${text}"`);
  return buildContext(tokens).status(start, start + words.length, false, namedDiagnosis);
}

describe('ConText: how far a denial reaches', () => {
  it('denies every finding of a coordinated list, however many articles, commas and "or"s it has', () => {
    expect(statusOf("I don't have a fever, a cough or a rash", 'rash')).toBe('negated');
    expect(statusOf('She has not got a temperature, a stiff neck or a rash', 'rash')).toBe('negated');
    expect(statusOf("I haven't had any headaches, any dizziness or any blurred vision", 'blurred vision')).toBe('negated');
    expect(statusOf('He denies any nausea, any vomiting, or any tummy pain', 'tummy pain')).toBe('negated');
    expect(statusOf('There is no swelling, no redness and no heat in the joint', 'heat')).toBe('negated');
    expect(statusOf('Neither a cough nor a sore throat nor a runny nose', 'runny nose')).toBe('negated');
  });

  it('ends a denial where "and" brings in a person named without "my"', () => {
    expect(statusOf('grandmother is not getting up properly and grandfather is vomiting', 'vomiting')).toBe('current');
    expect(statusOf('he is not eating and baby is floppy', 'floppy')).toBe('current');
    expect(statusOf('no fever and no vomiting', 'vomiting')).toBe('negated');
  });

  it('still ends the denial at a new clause, a termination word or "and" before a new subject', () => {
    expect(statusOf('no fever, my neck is stiff', 'stiff')).toBe('current');
    expect(statusOf("I don't have a cough or a cold but my chest is tight", 'tight')).toBe('current');
    expect(statusOf('no headache and my face is drooping', 'drooping')).toBe('current');
    expect(statusOf('no headache and the left side of my face has dropped', 'face')).toBe('current');
    expect(statusOf('I do not have a rash, the baby is floppy', 'floppy')).toBe('current');
    expect(statusOf('no cough. A rash on my arm', 'rash')).toBe('current');
  });

  it('ends the denial where the list ends: a comma after its last item, or "just" / "only"', () => {
    expect(statusOf('no fever or anything like that, crushing pain in my chest', 'crushing pain')).toBe('current');
    expect(statusOf('not a cough nor a cold, swelling in my ankles', 'swelling')).toBe('current');
    expect(statusOf('no fever just a cough', 'cough')).toBe('current');
    expect(statusOf('I have not got a rash only an itch', 'itch')).toBe('current');
    expect(statusOf("it's not just a headache", 'headache')).toBe('current');
    // A comma between the items, before the last "or", is still the list.
    expect(statusOf('He denies any nausea, any vomiting, or any tummy pain', 'tummy pain')).toBe('negated');
  });

  it('keeps a denial to a few words: a long clause after it is not denied', () => {
    expect(statusOf('not feeling great at all after the long drive home from work, crushing chest pain', 'crushing chest pain')).toBe(
      'current',
    );
  });
});

describe('ConText: what is not happening now', () => {
  it('reads past history, a long-standing problem and a hypothetical apart', () => {
    expect(statusOf('I had a kidney stone years ago', 'kidney stone')).toBe('historical');
    expect(statusOf('I have had back pain for years', 'back pain')).toBe('chronic');
    expect(statusOf('my usual migraine', 'migraine')).toBe('chronic');
    expect(statusOf('what if I get chest pain on the plane?', 'chest pain')).toBe('hypothetical');
    expect(statusOf('the nurse said to come back if a rash appears', 'rash')).toBe('hypothetical');
    // A long-standing problem that changed now is current.
    expect(statusOf('My back pain has been there for years, but it got much worse this morning', 'back pain')).toBe('current');
  });

  it('reads a narrow trigger over the finding it names only, and cancels a trigger inside a pseudo-trigger', () => {
    expect(statusOf('my previous heart attack was in the winter', 'heart attack')).toBe('historical');
    expect(statusOf('I was discharged after my hip operation and my leg is swollen', 'swollen')).toBe('current');
    expect(statusOf('I was discharged after my stroke', 'stroke')).toBe('historical');
    expect(statusOf('I get my usual headache on Mondays', 'headache')).toBe('chronic');
    expect(statusOf('on my usual walk I got a headache', 'headache')).toBe('current');
    expect(statusOf('I am a known diabetic and I am vomiting', 'vomiting')).toBe('current');
    expect(statusOf('I am at risk of a stroke or a heart attack', 'heart attack')).toBe('hypothetical');
    expect(statusOf('at risk of clots and my calf is swollen', 'swollen')).toBe('current');
    expect(statusOf('my dog is limping and shaking', 'shaking')).toBe('animal');
    expect(statusOf('walking the dog when my chest went tight', 'tight')).toBe('current');
    expect(statusOf('I do not know how long he was knocked out', 'knocked out')).toBe('current');
  });
});

describe('ConText: a question the patient then says is theirs', () => {
  it('makes what a general or "what if" question asked about current once the patient claims it', () => {
    expect(statusOf('what causes crushing chest pain, I have it now', 'crushing chest pain')).toBe('current');
    expect(statusOf('what happens if you swallow bleach? my toddler just did', 'swallow bleach')).toBe('current');
    expect(statusOf('is a sudden headache dangerous? i have one now', 'headache')).toBe('current');
    expect(statusOf('what if my lips go blue? that is happening to my son', 'lips go blue')).toBe('current');
  });

  it('leaves the question hypothetical when nothing is claimed, or the claim is denied, past or long-standing', () => {
    expect(statusOf('what causes crushing chest pain? I am revising for an exam', 'crushing chest pain')).toBe('hypothetical');
    expect(statusOf("what causes crushing chest pain? I don't have it, just curious", 'crushing chest pain')).toBe('hypothetical');
    expect(statusOf('what causes crushing chest pain? I had it years ago', 'crushing chest pain')).toBe('hypothetical');
    expect(statusOf('what causes a bad headache? mine is my usual one, had it for years', 'headache')).toBe('hypothetical');
  });
});

describe('ConText: figurative speech, conditions, advice, health anxiety and verdicts after the finding', () => {
  it('reads an idiom with an alarm word as no symptom, and a symptom said beside it as one', () => {
    expect(statusOf('this deadline is giving me a heart attack lol', 'heart attack')).toBe('hypothetical');
    expect(statusOf('I nearly had a stroke when I saw the bill', 'stroke')).toBe('hypothetical');
    expect(statusOf('I could not breathe for laughing', 'breathe')).toBe('hypothetical');
    expect(statusOf('giving me a heart attack, my chest is crushing', 'crushing')).toBe('current');
    expect(statusOf('she was dying laughing then collapsed', 'collapsed')).toBe('current');
  });

  it('reads a verdict right after the finding as a denial, not "less than normal" or "not normal"', () => {
    expect(statusOf('her ketones negative, sugars a bit high', 'ketones')).toBe('negated');
    expect(statusOf('his speech is normal', 'speech')).toBe('negated');
    expect(statusOf('her breathing is not normal', 'breathing')).toBe('current');
    expect(statusOf('the baby is moving less than normal', 'moving less')).toBe('current');
  });

  it('reads "if" in a sentence that asks what to do as a condition, unless said as a fact, claimed or said now', () => {
    expect(statusOf('If I bang my head on warfarin what should I do?', 'bang my head')).toBe('hypothetical');
    expect(statusOf('Should you call an ambulance if someone has a seizure?', 'seizure')).toBe('hypothetical');
    expect(statusOf("Suppose my dad's face drops on one side, what should his carer do", 'face drops')).toBe('hypothetical');
    expect(statusOf("If he's not breathing what do I do?", 'not breathing')).toBe('current');
    expect(statusOf('if he swallowed a battery what should I do?', 'swallowed a battery')).toBe('current');
    expect(statusOf('If it helps, she is 6 weeks old with a temp of 38.5, what should I do?', 'temp')).toBe('current');
    expect(statusOf('not sure if it is serious but what should I do about this crushing pain?', 'crushing pain')).toBe('current');
    // In a statement "if" changes nothing: the detector never read a bare "if" as a condition there.
    expect(statusOf('sorry if this is silly but my baby is floppy', 'floppy')).toBe('current');
  });

  it('reads safety-net and reported advice and a future risk as advice, up to a new subject', () => {
    expect(statusOf("My GP said 'if you ever get crushing chest pain call 999'", 'crushing chest pain')).toBe('hypothetical');
    expect(statusOf("The midwife told me 'ring us if baby moves less'", 'moves less')).toBe('hypothetical');
    expect(statusOf("he could have a stroke if his blood pressure isn't controlled", 'stroke')).toBe('hypothetical');
    expect(statusOf('the midwife said to ring if baby moves less and she has not moved at all, 38 weeks', 'not moved')).toBe('current');
    expect(statusOf('the nurse said to call if it gets worse and now he cannot breathe', 'cannot breathe')).toBe('current');
  });

  it('reads a feared diagnosis as not lived, and only a named diagnosis: symptoms beside it still count', () => {
    expect(statusOf("I'm terrified of having a stroke like my dad", 'stroke', true)).toBe('hypothetical');
    expect(statusOf("every headache I get I think it's a brain bleed", 'brain bleed', true)).toBe('hypothetical');
    expect(statusOf('I keep googling chest pain', 'chest pain')).toBe('hypothetical');
    expect(statusOf('I googled my symptoms, crushing chest pain and sweating', 'crushing chest pain')).toBe('current');
    expect(statusOf("I'm scared of having another stroke and now my speech is slurred", 'slurred')).toBe('current');
    expect(statusOf('I am terrified of having a stroke and my face is drooping', 'drooping')).toBe('current');
  });

  it('reads a long-standing problem said to be different now as current, and persistence despite treatment as no denial', () => {
    expect(statusOf('angina for years but this is different, the pain is in my chest', 'angina')).toBe('current');
    expect(statusOf('I have had angina for years', 'angina')).toBe('chronic');
    expect(statusOf('the pain has not gone with 3 sprays of GTN', 'GTN')).toBe('current');
    expect(statusOf('I have not used my GTN', 'GTN')).toBe('negated');
  });

  it('reads "when a patient has…" in a question as someone in general, and "for my placement" as study', () => {
    expect(statusOf('when a patient has a seizure should we roll them on their side?', 'seizure')).toBe('hypothetical');
    expect(statusOf('when I stand up I faint, what should I do?', 'faint')).toBe('current');
    expect(statusOf('for my first aid course we learnt what a stroke looks like', 'stroke')).toBe('hypothetical');
  });

  it('says when an episode is over later in its sentence, unless it came back', () => {
    const resolved = (text: string, finding: string) => {
      const tokens = tokenize(text, false);
      const words = tokenize(finding, false).map((t) => t.word);
      const start = tokens.findIndex((_, i) => words.every((w, j) => tokens[i + j]?.word === w));
      return buildContext(tokens).resolvedAfter(start + words.length);
    };
    expect(resolved("there's blood in my spit, it's stopped now", 'blood in my spit')).toBe(true);
    expect(resolved('breathing went fast, settled after 10 mins, fine now', 'breathing went fast')).toBe(true);
    expect(resolved("coughing up blood, it stopped for a minute but now it's started again", 'coughing up blood')).toBe(false);
    expect(resolved('vomiting blood, no better since', 'vomiting blood')).toBe(false);
    expect(resolved('bleeding, it has not settled at all', 'bleeding')).toBe(false);
    expect(resolved('he stopped breathing', 'he')).toBe(false);
  });

  it('reads "just" meaning "only" and "now and then" as no recent time, and "just now" as one', () => {
    expect(statusOf('short of breath on stairs for years from my COPD, just need a refill', 'short of breath')).toBe('chronic');
    expect(statusOf('I get the odd streak of blood in my phlegm now and then like always', 'blood in my phlegm')).toBe('chronic');
    expect(statusOf("I've had asthma for years but just now I can't breathe", 'breathe')).toBe('current');
    expect(statusOf('short of breath for years and it just got much worse', 'short of breath')).toBe('current');
  });

  it('reads seasons and holidays as years ago', () => {
    expect(statusOf('I collapsed at a festival a few summers back', 'collapsed')).toBe('historical');
    expect(statusOf('I collapsed at a festival last summer', 'collapsed')).toBe('historical');
  });

  it('reads a duration in minutes or hours as recent, after a long-standing trigger earlier in the sentence', () => {
    expect(statusOf('repeat prescription please, and for the last half hour my chest is tight', 'tight')).toBe('current');
    expect(statusOf('repeat prescription please, and for the past 40 minutes my chest is tight', 'tight')).toBe('current');
    expect(statusOf('I have had a tight chest for years', 'tight chest')).toBe('chronic');
    expect(statusOf('my aunt had a stroke last year', 'stroke', true)).toBe('historical');
  });

  it('ends a denial at "and" before a new verb of the same subject, and not at a list of what is denied', () => {
    expect(statusOf("baby hasn't had a wet nappy all day and is really sleepy", 'sleepy')).toBe('current');
    expect(statusOf("she hasn't eaten and has a rash on her legs", 'rash')).toBe('current');
    expect(statusOf('no vomiting and diarrhoea', 'diarrhoea')).toBe('negated');
  });

  it('reads "without stopping" as a measure of effort, not a denial', () => {
    expect(statusOf("can't get up the stairs without stopping to breathe, lips purple", 'lips purple')).toBe('current');
    expect(statusOf('walks to the shop without chest pain', 'chest pain')).toBe('negated');
  });

  it('reads "and", maybe a pronoun, then an ongoing present after "last week" as now', () => {
    expect(statusOf("had my baby last week and i'm bleeding through pads", 'bleeding')).toBe('current');
    expect(statusOf('he had a fall last week and is being sick', 'being sick')).toBe('current');
    expect(statusOf('I had a bleed last week', 'bleed')).toBe('ambiguous');
  });

  it('ends a denial at "and" before a new verb of wanting, trying or saying', () => {
    expect(statusOf("talking to people who aren't there and wants to jump off the balcony", 'jump')).toBe('current');
    expect(statusOf("he isn't eating and says he will hurt himself", 'hurt himself')).toBe('current');
  });

  it('ends a denial at a comma before a clause with its own verb, not before the next item of a list', () => {
    expect(statusOf('no fever, lips are blue', 'blue')).toBe('current');
    expect(statusOf('not eating, eyes keep rolling back', 'rolling')).toBe('current');
    expect(statusOf('no fever, cough or rash', 'rash')).toBe('negated');
    expect(statusOf('I have not had a headache, a rash that is spreading or a stiff neck', 'stiff neck')).toBe('negated');
  });

  it('reads "cannot … without" as what follows happening', () => {
    expect(statusOf('can barely say 3 words without gasping', 'gasping')).toBe('current');
    expect(statusOf('walking without pain now', 'pain')).toBe('negated');
  });
});
