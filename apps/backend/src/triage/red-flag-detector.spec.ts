import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { detect, screeningFor, triage } from './red-flag-detector.js';
import { CATEGORIES } from './taxonomy/categories.js';
import { FINDINGS } from './taxonomy/findings.js';
import { COMPLAINT_GROUPS } from './taxonomy/screening.js';
import { compilePhrase, PhraseMatcher } from './text/phrase-matcher.js';
import { normalizeText, tokenize } from './text/tokens.js';
import { evaluateTriage, readLabelledMessages, triageSplit } from '../../eval/triage-evaluation.ts';

const categoriesOf = (text: string) => detect(text).flags.map((f) => f.category);
/** What a message raises at all: the categories flagged and those asked about first. */
const raised = (text: string) => {
  const d = detect(text);
  return [...d.flags.map((f) => f.category), ...(d.clarification?.categories ?? [])];
};

describe('the taxonomy', () => {
  const PROFILE_FACTS = new Set(['p_infant_under_3_months']);

  it('has at least 35 categories, each with its reference, plain label, guidance and rules over known findings', () => {
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(35);
    for (const c of CATEGORIES) {
      expect(c.reference.length).toBeGreaterThan(10);
      expect(['emergency', 'urgent', 'crisis']).toContain(c.guidance);
      for (const rule of [...c.rules, ...(c.ask?.rules ?? [])])
        for (const id of rule.flat())
          expect(FINDINGS[id] !== undefined || PROFILE_FACTS.has(id) ? id : `${c.id}: unknown finding ${id}`).toBe(id);
    }
  });

  it('never lets one finding fill two slots of a rule (a rule would then hold on one finding)', () => {
    const repeated = CATEGORIES.flatMap((c) =>
      [...c.rules, ...(c.ask?.rules ?? [])].flatMap((rule) =>
        rule.flatMap((slot, i) =>
          slot.filter((id) => rule.some((other, j) => j !== i && other.includes(id))).map((id) => `${c.id}: ${id}`),
        ),
      ),
    );
    expect(repeated).toEqual([]);
  });

  it('covers every emergency the safety loop names', () => {
    const ids = new Set(CATEGORIES.map((c) => c.id));
    for (const id of [
      'acute_coronary_syndrome',
      'aortic_dissection',
      'pulmonary_embolism',
      'stroke',
      'subarachnoid_haemorrhage',
      'meningitis',
      'sepsis',
      'febrile_infant',
      'floppy_child',
      'infant_dehydration',
      'child_ingestion',
      'respiratory_distress',
      'epiglottitis_stridor',
      'anaphylaxis',
      'upper_gi_bleed',
      'haemoptysis',
      'ectopic_pregnancy',
      'bleeding_in_pregnancy',
      'reduced_fetal_movements',
      'pre_eclampsia',
      'postpartum_haemorrhage',
      'dka',
      'severe_hypoglycaemia',
      'testicular_torsion',
      'cauda_equina',
      'acute_limb_ischaemia',
      'major_trauma',
      'severe_burns',
      'open_fracture',
      'head_injury',
      'seizure',
      'overdose',
      'suicidal_intent',
      'self_harm',
      'acute_psychosis',
      'angle_closure_glaucoma',
      'dialysis_hyperkalaemia',
      'carbon_monoxide',
    ]) {
      expect(ids.has(id) ? id : `missing ${id}`).toBe(id);
    }
  });

  it('has screening questions for the twelve complaint groups, each raising a known category', () => {
    expect(Object.keys(COMPLAINT_GROUPS).sort()).toEqual([
      'abdominal',
      'back',
      'breathing',
      'chest',
      'child_unwell',
      'eye',
      'head_neuro',
      'injury',
      'mental_health',
      'pregnancy',
      'skin_allergy',
      'urinary_genital',
    ]);
    const ids = new Set(CATEGORIES.map((c) => c.id));
    for (const group of Object.values(COMPLAINT_GROUPS)) {
      expect(group.questions.length).toBeGreaterThanOrEqual(3);
      for (const q of group.questions) expect(ids.has(q.category) ? q.category : `${q.id}: unknown ${q.category}`).toBe(q.category);
      for (const f of group.findings) expect(FINDINGS[f] ? f : `unknown finding ${f}`).toBe(f);
    }
  });

  it('never matches a phrase on one bare function word (a list of multi-word items is read as whole alternatives)', () => {
    const stop = new Set(
      'a an the my his her our their your to of in on at for with and or but not no is are was were be go going gone went very so can will would have has had do does did it this that up down out off by from as like all one i he she we they me him them get got take took'.split(
        ' ',
      ),
    );
    const phrases = Object.values(FINDINGS).flatMap((f) => f.phrases);
    const bare = phrases.filter((source) => {
      const { steps } = compilePhrase(source, null);
      const only = steps[0]!;
      return (
        steps.length === 1 &&
        only.kind === 'alternatives' &&
        only.options.some((o) => o.length === 1 && typeof o[0] === 'string' && stop.has(o[0]))
      );
    });
    expect(bare).toEqual([]);
  });
});

describe('the detector', () => {
  it('respects negation inside its clause but not across "but" or a new clause', () => {
    expect(categoriesOf('I have no chest pain when I climb stairs')).toEqual([]);
    expect(categoriesOf("I don't feel suicidal, just tired")).toEqual([]);
    expect(categoriesOf('no fever but crushing chest pain going to my jaw')).toContain('acute_coronary_syndrome');
    expect(categoriesOf('no rash, my neck is stiff and I have a high temperature')).toContain('meningitis');
    expect(categoriesOf("my balls don't hurt and there's no swelling")).toEqual([]);
  });

  it('ends a denial where "and" brings in a new subject, not where it lists more denied findings', () => {
    expect(categoriesOf('no headache and my face is drooping on one side')).toContain('stroke');
    expect(categoriesOf("no chest pain and I can't breathe properly")).toContain('respiratory_distress');
    expect(categoriesOf('no headache and no drooping of my face')).toEqual([]);
    expect(categoriesOf('I have no fever and no stiff neck')).toEqual([]);
    expect(categoriesOf('no headache and the left side of my face has dropped')).toContain('stroke');
  });

  it('denies a whole list, and no further than its end', () => {
    expect(categoriesOf("She hasn't got a temperature, a stiff neck or a rash that won't fade")).toEqual([]);
    expect(categoriesOf('no fever or anything like that, crushing pain in my chest spreading to my arm')).toContain(
      'acute_coronary_syndrome',
    );
    expect(categoriesOf('no fever or anything like that just a crushing pain in my chest spreading to my arm')).toContain(
      'acute_coronary_syndrome',
    );
  });

  it('treats symptoms that contain a negation as symptoms', () => {
    expect(categoriesOf('He is not breathing')).toContain('respiratory_distress');
    expect(categoriesOf("The bleeding won't stop")).toContain('major_trauma');
    expect(categoriesOf("I don't want to live anymore")).toContain('suicidal_intent');
  });

  it('does not flag history, general questions or animals, and asks when a past event may be now', () => {
    expect(categoriesOf('I had a seizure as a child')).toEqual([]);
    expect(categoriesOf('My dad had a heart attack in 2019 and is fine now, I want a check-up')).toEqual([]);
    expect(categoriesOf('What are the warning signs of a stroke?')).toEqual([]);
    expect(categoriesOf('my dog had a seizure this morning')).toEqual([]);
    const asked = detect('My dad had a stroke');
    expect(asked.flags).toEqual([]);
    expect(asked.clarification?.categories).toContain('stroke');
  });

  it('flags an emergency that began during an everyday activity, whose words alone say nothing hypothetical', () => {
    const now = [
      'I was watching tv when I got crushing chest pain spreading to my arm',
      'while reading an article I got crushing chest pain spreading into my arm',
      'I was at a training session and collapsed, crushing chest pain going to my arm',
      'we were at the movies and his face dropped on one side and he cannot lift his arm',
      'doing my homework when I suddenly got the worst headache of my life',
      'I was reading in bed when crushing chest pain came on and went down my left arm',
      'I was learning to drive and suddenly my lips went blue and I cannot breathe',
      'I was explaining something at work and suddenly my speech went slurred and my face dropped',
    ];
    expect(now.filter((text) => categoriesOf(text).length === 0)).toEqual([]);
    // What the same words introduce as information, a lesson or a story stays unflagged.
    const hypothetical = [
      'I saw a documentary on tv about strokes, what does a drooping face mean?',
      'I read an article about heart attacks: does crushing chest pain always spread to the arm?',
      'in first aid training we learned that the worst headache of your life is an emergency',
      'can you explain what a heart attack feels like, is it crushing chest pain?',
      'in the film the man had crushing chest pain and collapsed',
    ];
    expect(hypothetical.filter((text) => categoriesOf(text).length > 0)).toEqual([]);
  });

  describe('an everyday word said beside an emergency happening now does not silence it', () => {
    const missed = (text: string) => categoriesOf(text).length === 0;
    const flagged = (text: string) => categoriesOf(text).length > 0;

    it('history: a place, an appointment or an earlier stay is where it happens, not when', () => {
      const now = [
        'my son collapsed at school and is not breathing properly',
        'my flatmate at university is unconscious and we cannot wake him',
        'I am at university and I have crushing chest pain going down my left arm',
        'crushing chest pain spreading down my left arm, feels like my previous heart attack',
        'I have crushing chest pain going into my arm and jaw, no prior heart problems',
        'I got back in the car and got crushing chest pain spreading to my left arm',
        'he is back in bed and we cannot wake him up',
        'I was discharged after my hip operation and my leg is swollen and I am coughing up blood',
        'I have a smelly discharge from my wound and a high fever and I am shivering and confused',
        'thick green discharge from the wound, he is shivering and confused and his skin is mottled',
        'I am waiting for my follow up appointment and I have crushing chest pain going down my arm',
        'I am in rehab for my knee and my face has dropped on one side',
        'I am home from hospital after my knee operation and my calf is swollen and I am coughing up blood',
        'the cut on his leg never healed and it is spreading red up his leg, he is shivering and confused',
        'my dad was previously fit and well, his face has dropped on one side and he cannot lift his arm',
        'he was treated for a chest infection and his lips are blue and he is struggling to breathe',
        "there is blood in my 2 year old's poo and she is floppy and will not wake",
        'when I was in the shower my chest went crushing and the pain went down my left arm',
        'when I was a passenger in the car my chest went crushing and the pain went down my left arm',
        'my mum used to be a nurse and she says my baby is floppy and not responding',
        'I am a cancer survivor and I have crushing chest pain going down my left arm',
        'she has a history of epilepsy and has been fitting for 10 minutes',
      ];
      expect(now.filter(missed)).toEqual([]);
      const past = [
        'I had a seizure at school years ago',
        'when I was at school I had fits, I am fine now',
        'my previous heart attack was in 2015 and I have had no chest pain since',
        'I have a history of a prior stroke and want to know about driving',
        'back in the day I had a blood clot in my lung',
        'I was discharged after my heart attack and want advice on exercise',
        'I had a follow up after my stroke and the doctor was happy',
        'he is in rehab after his stroke and doing well',
        'she went into hospital with a stroke and is home now and doing well',
        'I recovered from sepsis and want to get fit again',
        'the burn on her arm has healed nicely',
        'I was treated for a clot in my lung and want to know about flying',
        'in my 20s I had a seizure',
        'when I was a teenager I had a seizure',
        'I have a history of stroke and have weakness in my left arm from it',
        'years ago I had a clot in my lung and my leg swelled up',
      ];
      expect(past.filter(flagged)).toEqual([]);
    });

    it('long-standing: a usual habit or a known condition does not make a new emergency long-standing', () => {
      const now = [
        'I am a known diabetic and I am vomiting and drowsy and breathing really fast',
        'I went for a routine scan and afterwards I got crushing chest pain down my arm',
        'I was on my usual walk and got crushing chest pain spreading to my arm',
        'the odd thing is my face has dropped on one side and I cannot lift my arm',
        'my regular GP is off and I have crushing chest pain spreading to my left arm',
        'I was diagnosed with diabetes and I am vomiting and drowsy and breathing really fast',
        'I am stable on my tablets and I have crushing chest pain going down my left arm',
        'I was walking home as usual and got crushing chest pain down my arm',
        'as usual I took the bus to work and my face dropped on one side and I could not lift my arm',
      ];
      expect(now.filter(missed)).toEqual([]);
      const longStanding = [
        'I have known angina and get chest pain going to my arm on the hill, same as always',
        'I get my usual chest pain going down my arm when I walk up the hill',
        'chest pain going down my arm when I walk up the hill, same as always',
        'as usual I get chest pain going down my arm on the hill',
        'I get the odd fit, my epilepsy is well controlled',
        'I was diagnosed with epilepsy as a teenager and have the odd seizure',
      ];
      expect(longStanding.filter(flagged)).toEqual([]);
    });

    it('hypothetical: a risk, a warning or a request for information is not the emergency itself', () => {
      const now = [
        'I am at risk of clots and my calf is swollen and I am coughing up blood',
        'there is a chance of rain and my face dropped on one side and I cannot lift my arm',
        'I have all the warning signs, crushing chest pain spreading down my left arm and sweating',
        'I want information about my son who is not breathing properly and has blue lips',
        'I am writing in case this is serious, crushing chest pain spreading to my left arm',
        'we gave him first aid and he is not breathing and his lips are blue',
        'I was told to look out for a rash and she has a rash that does not fade with a glass and a high fever',
      ];
      expect(now.filter(missed)).toEqual([]);
      const hypothetical = [
        'what is my risk of a stroke with a drooping face in the family?',
        'is there a chance of a heart attack with crushing chest pain after a stent?',
        'tell me the warning signs of sepsis like mottled skin and confusion',
        'I would like information about strokes and face drooping',
        'I keep an epipen in case my throat swells up and I cannot breathe',
        'what if I get crushing chest pain and my arm goes numb?',
        'I am doing a first aid course about what to do when someone is not breathing',
        'the nurse told me to look out for a rash that does not fade and a stiff neck',
      ];
      expect(hypothetical.filter(flagged)).toEqual([]);
    });

    it('general questions: a question about what to do asks about the emergency, not in general', () => {
      const now = [
        'my son is not breathing properly and his lips are blue, how long will the ambulance take?',
        'I have crushing chest pain going into my left arm, do I need to go to hospital',
        'he fell down the stairs and I do not know how long he was knocked out',
        'can I take aspirin for crushing chest pain going down my left arm?',
        'do I need to call an ambulance for crushing chest pain going down my arm?',
        'can I go to A&E with crushing chest pain going down my arm?',
        'can I get help my husband is not breathing and his lips are blue',
        'wondering if you can help my son is not breathing properly and his lips are blue',
        'why do I have crushing chest pain going down my left arm',
      ];
      expect(now.filter(missed)).toEqual([]);
      const general = [
        'how long does a stroke with face drooping take to recover?',
        'how often should someone with epilepsy have a seizure before it is an emergency?',
        'how much blood loss after giving birth is too much?',
        'can I go back to work after a heart attack?',
      ];
      expect(general.filter(flagged)).toEqual([]);
    });

    it('animals: a pet in the scene is not the patient', () => {
      const now = [
        'walking the dog when my chest went crushing and the pain went down my left arm',
        'the dog is barking and my wife is not waking up',
        'I was walking the dog and collapsed, crushing chest pain spreading to my arm',
        'I was feeding the cat and my face dropped on one side and I cannot lift my arm',
      ];
      expect(now.filter(missed)).toEqual([]);
      const animal = [
        'my dog had a seizure this morning',
        'my dog is not breathing properly and his gums are blue',
        'the cat collapsed and is not breathing',
        'our puppy is floppy and will not wake up',
        'my dog collapsed and I think he is not breathing',
      ];
      expect(animal.filter(flagged)).toEqual([]);
    });

    it('history told in another part of the sentence does not reach a part said in the present', () => {
      const now = [
        'I had a stroke years ago, my face has dropped on one side and I cannot lift my arm',
        'my face has dropped on one side and I cannot lift my arm, I had a mini stroke years ago',
        'he went into hospital after hitting his head and they sent him home, he has been sick three times and is very drowsy',
      ];
      expect(now.filter(missed)).toEqual([]);
      const past = [
        'I had a stroke years ago, my face dropped on one side and I could not lift my arm',
        'years ago, I had crushing chest pain going down my left arm',
        'I had crushing chest pain and sweating, it was years ago',
      ];
      expect(past.filter(flagged)).toEqual([]);
    });
  });

  it('flags what a relative reports about someone else now', () => {
    expect(categoriesOf("Mum's face is drooping on one side and she can't lift her arm")).toContain('stroke');
    expect(categoriesOf('my baby is floppy and will not wake up properly')).toContain('floppy_child');
  });

  it('uses the profile: age, medicines and conditions change what is a red flag', () => {
    expect(categoriesOf('she has a temperature of 38.2')).toEqual([]);
    expect(detect('she has a temperature of 38.2', { ageMonths: 1 }).flags.map((f) => f.category)).toContain('febrile_infant');
    expect(categoriesOf('I banged my head on the door frame')).toEqual([]);
    expect(detect('I banged my head on the door frame', { medications: ['warfarin 5 mg'] }).flags.map((f) => f.category)).toContain(
      'head_injury',
    );
    expect(
      detect('I keep vomiting and my tummy hurts, I feel so drowsy', { conditions: ['type 1 diabetes'] }).flags.map((f) => f.category),
    ).toContain('dka');
  });

  it('reads misspellings and lay words', () => {
    expect(categoriesOf('he is unconcious on the kitchen floor')).toContain('unconscious_collapse');
    expect(categoriesOf('my pikin swallowed one of those button batteries')).toContain('child_ingestion');
    expect(categoriesOf('been throwing up stuff that looks like coffee grounds')).toContain('upper_gi_bleed');
  });

  it('does not flag a stated intention not to, learning to use a pen, "a bit of" a product or a question for a class', () => {
    expect(categoriesOf("I'm not going to kill myself, I just feel flat")).toEqual([]);
    expect(categoriesOf("I'm not going to hurt myself, I need to talk")).toEqual([]);
    expect(categoriesOf('How do I give an EpiPen? My daughter has a peanut allergy')).toEqual([]);
    expect(categoriesOf('a bit of bleach splashed on my glove, no pain or redness')).toEqual([]);
    expect(categoriesOf('What should we do if someone gets acid on their skin? asking for my science class')).toEqual([]);
    // Still an emergency: the claim names a person, and a real bite of a product.
    expect(categoriesOf('what happens if you swallow bleach? asking for my son, he just did')).toContain('child_ingestion');
    expect(categoriesOf('my toddler bit into a dishwasher tablet')).toContain('child_ingestion');
  });

  it('reads the rarer emergencies in lay words: a psychosis after a birth, a high potassium, a limb gone cold, a chemical burn', () => {
    expect(categoriesOf('since the birth she believes the baby is possessed and says she has to get rid of him')).toContain(
      'acute_psychosis',
    );
    expect(categoriesOf('the renal nurse rang, my potassium was 6.9 this morning')).toContain('dialysis_hyperkalaemia');
    expect(categoriesOf('my potassium was 4.2, all normal')).toEqual([]);
    expect(categoriesOf('my foot is really hurting and the whole thing has gone cold like ice')).toContain('acute_limb_ischaemia');
    expect(categoriesOf('spilt drain cleaner down my leg')).toContain('severe_burns');
    expect(categoriesOf('sprayed bleach in my eyes by accident')).toContain('severe_burns');
  });

  it('reads a method of suicide, self-harm with a blade or against a wall, and a doubled opioid', () => {
    expect(categoriesOf('I have thoughts of steering into oncoming traffic')).toContain('suicidal_intent');
    expect(categoriesOf('he is 15 and keeps banging his head into the wall till it bleeds')).toContain('self_harm');
    expect(categoriesOf('scraped my wrist with a blade again')).toContain('self_harm');
    expect(categoriesOf('he has doubled his oxycodone all day and now he is hard to wake')).toContain('overdose');
  });

  it('reads persecution with a weapon, "PD" with a broken machine, a goodbye sent and an empty pack found', () => {
    expect(categoriesOf('he thinks the police are beaming rays into his head and he went next door with a hammer')).toContain(
      'acute_psychosis',
    );
    expect(categoriesOf('I do PD overnight and the cycler broke, no dialysis for 3 days and now I am very weak')).toContain(
      'dialysis_hyperkalaemia',
    );
    expect(categoriesOf('she texted me goodbye and now her phone is off')).toContain('suicidal_intent');
    expect(categoriesOf('found him with empty blister packs all over the floor')).toContain('overdose');
  });

  it('does not read pink spit after flossing, "as expected", a friend who might be at risk or lips that tingled a bit as emergencies', () => {
    expect(categoriesOf('my gums bled after flossing and my spit was pink')).toEqual([]);
    expect(categoriesOf('some spotting after my smear test, as expected')).toEqual([]);
    expect(categoriesOf('How do I talk to a friend who might be suicidal?')).toEqual([]);
    expect(categoriesOf('my lips tingled a bit after eating an apple, gone now')).toEqual([]);
  });

  it('reads grandiose or persecutory beliefs with danger, preparations for suicide, a week of a pill organiser and a sore eye with halos', () => {
    expect(categoriesOf('she keeps saying she is the chosen one and wants to walk into the traffic to prove it')).toContain(
      'acute_psychosis',
    );
    expect(categoriesOf('my dad keeps saying the men next door are coming to get us')).toContain('acute_psychosis');
    expect(detect('my sister says she had a temperature after her bath').clarification?.categories ?? []).not.toContain('acute_psychosis');
    expect(categoriesOf('caustic soda got onto my hands at work')).toContain('severe_burns');
    expect(categoriesOf("I've said my goodbyes and I have enough pills saved up")).toContain('suicidal_intent');
    expect(categoriesOf('she took a whole week of compartments at once')).toContain('overdose');
    expect(categoriesOf('found the pill bottles empty by his bed')).toContain('overdose');
    expect(categoriesOf('my eye has been a bit sore and red and I see halos around lights')).toContain('angle_closure_glaucoma');
    expect(categoriesOf("I've been reading how much water to drink")).toEqual([]);
    expect(categoriesOf('the dosette box is empty, need a refill')).toEqual([]);
    expect(categoriesOf('do I still need to carry an EpiPen?')).toEqual([]);
  });

  it('reads a baby heard telling her to harm it, an organiser emptied early and several boxes from different chemists', () => {
    expect(categoriesOf('since the birth she hears the baby telling her to drown it')).toContain('acute_psychosis');
    expect(categoriesOf("his dosette for the whole week is empty already and he's drowsy")).toContain('overdose');
    expect(categoriesOf('I bought 5 boxes of paracetamol from different chemists')).toContain('suicidal_intent');
  });

  it("does not flag Parkinson's 'PD', a test booked in 6 days, how to take tablets, an everyday goodbye or will, two boxes, cement dust or one fleck", () => {
    expect(categoriesOf('my dad has PD and his PD nurse visited, he is a bit weak')).toEqual([]);
    expect(categoriesOf('my potassium test is in 6 days')).toEqual([]);
    expect(categoriesOf('should I take all my tablets from the dosette in the morning?')).toEqual([]);
    expect(categoriesOf('said goodbye to my daughter at the station and feel low')).not.toContain('suicidal_intent');
    expect(categoriesOf('we are writing our wills before my operation')).toEqual([]);
    expect(categoriesOf('I bought two boxes of paracetamol from different shops for my back')).toEqual([]);
    expect(categoriesOf('got cement dust on my hands, washed it off')).toEqual([]);
    expect(categoriesOf('there was a tiny pink fleck in my phlegm once')).toEqual([]);
    expect(categoriesOf('how can you spot someone who is suicidal?')).toEqual([]);
  });

  it('reads a baby better off in heaven, a rock-hard eye, a scalp burnt by hair dye and checking the drop from a height', () => {
    expect(categoriesOf('since the birth she keeps saying the baby would be better off with the angels')).toContain('acute_psychosis');
    expect(categoriesOf('my eye feels rock hard and red, everything is blurry')).toContain('angle_closure_glaucoma');
    expect(categoriesOf('the hair dye has left my scalp raw and oozing')).toContain('severe_burns');
    expect(categoriesOf('I went up the multi storey car park to see how high it is')).toContain('suicidal_intent');
    expect(categoriesOf('can I fit a smoke alarm myself?')).toEqual([]);
    expect(categoriesOf('are there charities for parents of teenagers who self harm?')).toEqual([]);
  });

  it('reads a bottle of cold remedy, hot tar, a wall punched till it bled, arms that barely move on dialysis, puffs without relief, "blod"', () => {
    expect(categoriesOf("I've taken a whole bottle of Night Nurse")).toContain('overdose');
    expect(categoriesOf('hot tar splashed on my arm at work')).toContain('severe_burns');
    expect(categoriesOf('been punching the wall till my hand bled')).toContain('self_harm');
    expect(categoriesOf('dialysis patient, missed my session, can barely move my arms')).toContain('dialysis_hyperkalaemia');
    expect(categoriesOf('15 puffs and nothing is helping')).toContain('respiratory_distress');
    expect(categoriesOf('coughing blod all day')).toContain('haemoptysis');
    expect(categoriesOf('I use 2 puffs twice a day and nothing else')).toEqual([]);
    expect(categoriesOf('how do I ask my patient if they are suicidal?')).toEqual([]);
    expect(categoriesOf('is it true you should rinse an acid burn for 20 minutes?')).toEqual([]);
  });

  it("does not read leaving a job, a spray in the eye or colleagues' goodbyes as a farewell or a chemical injury", () => {
    expect(categoriesOf('I sent a farewell email to my team on my last day')).toEqual([]);
    expect(categoriesOf('deodorant spray in my eyes, stings a bit')).toEqual([]);
    expect(categoriesOf('we said our goodbyes to my colleague at her leaving do')).toEqual([]);
    expect(categoriesOf('I sent my sister a goodbye text and I have the pills here')).toContain('suicidal_intent');
  });

  it('reads suicidal intent said by a relative, as joining someone who died with a time, and as a goodbye', () => {
    expect(categoriesOf('my brother says he is going to end his life')).toContain('suicidal_intent');
    expect(categoriesOf('she told me she wants to kill herself')).toContain('suicidal_intent');
    expect(categoriesOf('gran keeps saying she will go to grandad tonight, he died in the spring')).toContain('suicidal_intent');
    expect(categoriesOf('he wants to be with his late wife and has been saving his tablets')).toContain('suicidal_intent');
    expect(categoriesOf("can't do this any more, ending it tonight")).toContain('suicidal_intent');
    expect(categoriesOf('this is the last time anyone hears from me')).toContain('suicidal_intent');
    // Said alone, a wish to join someone who died or an indirect end is asked about (C-SSRS: ask directly).
    expect(categoriesOf("she gave away her clothes and says she won't need them where she's going")).toContain('suicidal_intent');
    expect(categoriesOf("I won't be a burden to anyone after tonight")).toContain('suicidal_intent');
    expect(categoriesOf('the tablets are lined up on the shelf')).toContain('suicidal_intent');
    expect(categoriesOf("I won't be a bother to anyone after the op, my daughter is staying")).toEqual([]);
    expect(detect('I just want to be with my husband again, he died last year').clarification?.categories).toContain('suicidal_intent');
    expect(detect("I won't be here tomorrow so cancel my review").clarification?.categories).toContain('suicidal_intent');
  });

  it('does not read a joke, a grave visited, a relative visited, a will for an operation or a leaving card as suicidal', () => {
    expect(categoriesOf('he would kill himself laughing if he saw this')).toEqual([]);
    expect(detect("going to see mum's grave tomorrow, it's a year since she died").clarification).toBeNull();
    expect(categoriesOf('going to be with my sister tonight, she just had her baby')).toEqual([]);
    expect(detect('mum talks about being with dad in heaven one day, he died in 2010, it comforts her').clarification).toBeNull();
    expect(detect("I've made a will with my solicitor and sorted my affairs before the bypass").clarification).toBeNull();
    expect(categoriesOf('we are writing goodbye cards for my colleague')).toEqual([]);
    expect(categoriesOf("I've been stockpiling my inhalers because of the shortage")).toEqual([]);
  });

  it('reads emergencies through what an onlooker sees: a hand on the chest, a grey colour, heaving shoulders, a face hanging lower', () => {
    expect(categoriesOf('he keeps pressing his fist into his chest and his colour is dreadful')).toContain('acute_coronary_syndrome');
    expect(categoriesOf('she is holding her jaw and her chest, white as a sheet')).toContain('acute_coronary_syndrome');
    expect(categoriesOf('he is sucking air in, shoulders heaving, lips going blue')).toContain('respiratory_distress');
    expect(categoriesOf("she's out of breath and her face is ashen")).toContain('respiratory_distress');
    expect(categoriesOf('one side of her face is hanging lower than the other')).toContain('stroke');
    expect(categoriesOf('she is 30 weeks pregnant, doubled over clutching her tummy and gone grey')).toContain('ectopic_pregnancy');
    expect(categoriesOf('38 weeks pregnant and my belly is rock hard and it hurts all the time')).toContain('bleeding_in_pregnancy');
    expect(categoriesOf('he went down in the hall and is making a gurgling noise')).toContain('unconscious_collapse');
    expect(categoriesOf('she is lying on the kitchen floor making a rattling noise')).toContain('unconscious_collapse');
    expect(categoriesOf('I was lying on the floor doing yoga and heard a gurgling noise from the radiator')).toEqual([]);
    expect(categoriesOf('he looks like death and keeps holding his chest')).toContain('acute_coronary_syndrome');
    expect(categoriesOf('he was playing football and started clutching his chest, now sweating and grey')).toContain(
      'acute_coronary_syndrome',
    );
  });

  it('reads weeks of pregnancy when the mother also speaks of the baby, and a baby still kicking as moving', () => {
    expect(categoriesOf("I'm 30 weeks and bleeding, worried about the baby")).toContain('bleeding_in_pregnancy');
    expect(categoriesOf('34 weeks, bad headache and flashing lights, baby moving fine')).toContain('pre_eclampsia');
    expect(categoriesOf('30 weeks, bleeding bright red, baby still kicking')).toEqual(['bleeding_in_pregnancy']);
    expect(categoriesOf('32 weeks and baby still kicking away, just want to book my glucose test')).toEqual([]);
    expect(categoriesOf('baby still not moving much, 35 weeks')).toContain('reduced_fetal_movements');
    expect(categoriesOf('34 weeks and the baby is still moving but much less than normal')).toContain('reduced_fetal_movements');
    // A child's age in weeks is no pregnancy.
    expect(categoriesOf('my son is 14 weeks and bleeding from his bottom')).not.toContain('bleeding_in_pregnancy');
  });

  it('does not read a blood pressure, a blood test or a gum bleed in pregnancy, or a GP surgery, as an emergency', () => {
    expect(categoriesOf("I'm 20 weeks pregnant and need my blood pressure tablets renewed")).toEqual([]);
    expect(categoriesOf("I'm 18 weeks pregnant, my bloods came back fine, can I fly?")).toEqual([]);
    expect(categoriesOf("I'm 30 weeks pregnant and my gums bleed when I brush, is that normal?")).toEqual([]);
    expect(categoriesOf("I'm 28 weeks pregnant and I'm bleeding")).toContain('bleeding_in_pregnancy');
    expect(categoriesOf('30 weeks, legs covered in blood, it just came out of nowhere')).toContain('bleeding_in_pregnancy');
    expect(categoriesOf("I'm confused about which medication to take. My GP surgery is closed so I came here.")).toEqual([]);
    expect(categoriesOf('had my operation last week, now a fever and she is confused and not making sense')).toContain('sepsis');
  });

  it('reads a blood pressure or pulse typed as numbers: low or very fast with an infection, high in pregnancy, never a normal one', () => {
    expect(categoriesOf('had a UTI for 3 days, now shivering, my bp machine says 82/50')).toContain('sepsis');
    expect(categoriesOf('cellulitis on my leg getting worse, feel awful, heart rate 138 on my watch')).toContain('sepsis');
    expect(categoriesOf('chest infection, my blood pressure is 85 over 55 and I feel dizzy')).toContain('sepsis');
    expect(categoriesOf('stung by a wasp, face swelling, bp 80/45 on my home monitor')).toContain('anaphylaxis');
    expect(categoriesOf('34 weeks pregnant, bp 162/112 at the pharmacy and a bad headache')).toContain('pre_eclampsia');
    expect(categoriesOf("32 weeks pregnant, headache, my bp is 118/76 and I'm fine otherwise")).toEqual([]);
    expect(categoriesOf('heart rate 150 on the treadmill with a cold, is that ok for 40?')).toEqual([]);
    expect(categoriesOf('pulse ox says 97 and pulse 72, feel fine, just a cold')).toEqual([]);
    expect(categoriesOf('cold and cough, pulse 88, bp 124/82')).toEqual([]);
  });

  it('reads a scald told by the skin, a deep burn by leathery skin, harm on purpose, a head clutched in pain, a child found with tablets', () => {
    expect(categoriesOf("Toddler sat in a hot bath I didn't check, his bottom and both legs are red raw and blistered")).toContain(
      'severe_burns',
    );
    expect(categoriesOf("kerosene stove burst, my mother's both legs burnt, skin is white and leathery")).toContain('severe_burns');
    expect(categoriesOf('burned myself badly with the iron on purpose, skin is white and blistered')).toContain('self_harm');
    expect(
      categoriesOf('my sister grabbed her head and screamed that it was the worst pain she has ever had, now she is confused'),
    ).toContain('subarachnoid_haemorrhage');
    expect(categoriesOf('My niece is 7 weeks, temperature of 38.3 after her bath')).toContain('febrile_infant');
    expect(categoriesOf("Found my 3yo with my nan's tablets, the blister pack has 4 gone")).toContain('child_ingestion');
    expect(categoriesOf('my kid needs his ADHD tablets, the box is empty')).toEqual([]);
    // Rubbed raw, not burnt; a walk or washing up said beside heat is still a scald.
    expect(categoriesOf("my son's hands are red raw and blistered from the kettle and he is running around screaming")).toContain(
      'severe_burns',
    );
    expect(categoriesOf("washing up, hot water splashed, my toddler's hands blistered")).toContain('severe_burns');
    expect(categoriesOf('my heels are red raw and blistered from my new shoes, agony to walk')).toEqual([]);
    expect(categoriesOf('my hands are red raw and blistered from the rowing machine')).toEqual([]);
    expect(categoriesOf("I didn't burn myself on purpose, it was the oven door, small red mark")).toEqual([]);
  });

  it('reads the 6 Ps of a limb said with a pronoun or by its missing pulse, and suicide by car said ahead', () => {
    expect(categoriesOf("Today my foot suddenly got so painful I can't put it down, it's pale and cold and numb")).toContain(
      'acute_limb_ischaemia',
    );
    expect(categoriesOf("my father's foot has turned pale and cold and I can't feel a pulse on it")).toContain('acute_limb_ischaemia');
    expect(categoriesOf("my leg aches, it's a bit cold today")).toEqual([]);
    expect(categoriesOf("after this shift I'm going to drive into the river. I've decided.")).toContain('suicidal_intent');
    expect(categoriesOf("I'm going to drive into town later, need my prescription")).toEqual([]);
    expect(
      categoriesOf("my husband just texted 'look after the kids, I'm sorry' and his car is gone, his pills are missing from the cupboard"),
    ).toContain('suicidal_intent');
    expect(categoriesOf('my pills are all gone, I need a refill before the weekend')).toEqual([]);
  });

  it('asks about chest pain when an onlooker sees only grey and sweating, the look of shock', () => {
    const asked = detect('he is clutching the stair rail, his colour is awful and he is pouring with sweat');
    expect(asked.flags).toEqual([]);
    expect(asked.clarification?.categories).toContain('acute_coronary_syndrome');
    expect(detect('sweating buckets at spin class today, felt great after').clarification).toBeNull();
    // A question, never a flag, where the same words are an idiom: asking costs one answer.
    expect(detect('she went white as a sheet at the bill and started sweating about how to pay it').flags).toEqual([]);
  });

  it('does not read a pale face at a bill, grey hair, blue with cold, mock horror, a screen or a sleeping baby as emergencies', () => {
    expect(detect('she went white as a sheet when she saw the bill').clarification).toBeNull();
    expect(categoriesOf('my husband has gone grey overnight with the stress')).toEqual([]);
    expect(categoriesOf('my hair is going grey and I have a cold')).toEqual([]);
    expect(categoriesOf('my beard is turning grey')).toEqual([]);
    expect(categoriesOf('he went blue with cold in the sea, warmed up now')).toEqual([]);
    expect(categoriesOf('my whole body aches with flu')).toEqual([]);
    expect(categoriesOf('passed loads of blood in the toilet this morning')).toContain('upper_gi_bleed');
    expect(categoriesOf('passed blood in my urine once after a marathon, tiny amount, gone now')).toEqual([]);
    expect(categoriesOf('I have a large mole on my back that is itchy')).toEqual([]);
    expect(categoriesOf('half his back is burnt and blistered from the bonfire')).toContain('severe_burns');
    expect(detect('she clutched her chest dramatically at the price').clarification).toBeNull();
    expect(categoriesOf('he stares at his phone and does not respond when I talk to him')).toEqual([]);
    expect(categoriesOf('he was watching tv and now he is not responding to us at all')).toContain('unconscious_collapse');
    expect(categoriesOf('the baby makes little grunts and squeaks in her sleep, feeding well')).toEqual([]);
    expect(categoriesOf('went blue in the face arguing with the council')).toEqual([]);
    expect(categoriesOf("couldn't get her words out during her speech, so nervous")).toEqual([]);
    expect(categoriesOf('her cheeks go blotchy in the cold wind, she is happy and playing')).toEqual([]);
    expect(categoriesOf('my husband snores so loudly I cannot sleep')).toEqual([]);
    expect(detect('she nearly collapsed laughing at the play').clarification).toBeNull();
    expect(categoriesOf('he was pretending to be shot playing cops and robbers')).toEqual([]);
    // Play is no exception by itself: real injuries happen at play.
    expect(categoriesOf("my son was playing and got shot with a nail gun, it's in his chest")).toContain('major_trauma');
    expect(categoriesOf('I wish I could just sleep for a week with the new baby')).toEqual([]);
    expect(detect('can we get someone to look at fitting rails on the stairs?').clarification).toBeNull();
  });

  it('reads a body controlled from outside with an urge to hurt someone', () => {
    expect(categoriesOf('they are controlling my hands through the radio and want me to hurt my brother')).toContain('acute_psychosis');
    expect(categoriesOf('my diabetes is controlled with tablets and my hands are fine')).toEqual([]);
  });

  it('does not read "several" as severe or severed (Porter gives all three one stem)', () => {
    expect(categoriesOf("I've had several headaches this month")).toEqual([]);
    expect(categoriesOf('several cuts on my hand from the garden')).toEqual([]);
    expect(categoriesOf('severe pain in my tummy')).toContain('severe_pain');
  });

  it('combines answers given in different messages', () => {
    expect(
      triage('now it is going down my left arm and I am sweating', ['I have a pain in my chest']).flags.map((f) => f.category),
    ).toContain('acute_coronary_syndrome');
  });

  it('gives crisis guidance for suicidal intent and emergency guidance for the rest, with the reason in plain words', () => {
    const crisis = triage('I have pills saved up and I plan to take them all tonight');
    expect(crisis.guidance).toMatch(/988/);
    const chest = triage('crushing chest pain spreading to my arm, with sweating');
    expect(chest.guidance).toMatch(/emergency/);
    expect(chest.flags[0]?.label).toMatch(/chest pain/);
    expect(chest.flags[0]?.quote).toBe('crushing chest pain spreading to my arm, with sweating');
  });

  it('selects the complaint groups of a complaint, and the child group from the profile age', () => {
    expect(screeningFor('my chest hurts').map((q) => q.id)).toContain('chest.radiation');
    expect(screeningFor('a cough', { ageYears: 1 }).map((q) => q.id)).toContain('child.floppy');
    expect(screeningFor('a wart on my finger')).toEqual([]);
  });

  it('reads a burning feeling as a symptom and an adult age as no child, while a burn of a child stays an emergency', () => {
    expect(triage('A 55-year-old man reports burning pain behind the breastbone, worse lying down after dinner').urgent).toBe(false);
    expect(triage('my 4 year old has burning when she pees').urgent).toBe(false);
    expect(triage('my 5 year old burnt her hand on the kettle').flags.map((f) => f.category)).toContain('severe_burns');
    expect(triage('my 3 yo has a burn on his arm from the iron').flags.map((f) => f.category)).toContain('severe_burns');
  });

  it('does not read a limb on one side, or running, as a tummy complaint', () => {
    const abdominal = (text: string) => screeningFor(text).some((q) => q.id.startsWith('abdominal.'));
    expect(abdominal('My right knee hurts going down stairs since Saturday morning after an 8 mile run')).toBe(false);
    expect(abdominal('pain in my left shoulder after running')).toBe(false);
    expect(abdominal('sharp pain low down on my right side')).toBe(true);
    expect(abdominal('my son has had the runs since yesterday')).toBe(true);
  });

  it('never throws and stays deterministic on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        expect(detect(text)).toEqual(detect(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the labelled sets', () => {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

  it('dev split (tuned on): recall and false alarms stay where they were measured', () => {
    const dev = evaluateTriage(triageSplit('dev').flatMap(readLabelledMessages), detect);
    console.log(`triage dev: recall ${pct(dev.recall)}, false alarms ${pct(dev.falseAlarmRate)} (${dev.total} messages)`);
    expect(dev.total).toBeGreaterThanOrEqual(400);
    expect(dev.recall).toBeGreaterThanOrEqual(0.88);
    expect(dev.falseAlarmRate).toBeLessThanOrEqual(0.15);
  });

  it("the first detector's sets stay caught (regression)", () => {
    const regression = evaluateTriage(triageSplit('regression').flatMap(readLabelledMessages), detect);
    console.log(`triage regression: recall ${pct(regression.recall)}, false alarms ${pct(regression.falseAlarmRate)}`);
    expect(regression.recall).toBeGreaterThanOrEqual(0.97);
  });

  it('the test split holds at least 400 messages over every category (its figures are reported by eval:triage, not tuned on)', () => {
    const test = triageSplit('test').flatMap(readLabelledMessages);
    expect(test.length).toBeGreaterThanOrEqual(400);
    expect(new Set(test.filter((m) => m.red_flag).map((m) => m.category)).size).toBeGreaterThanOrEqual(38);
  });
});

describe('everyday words that name a pregnancy only in one form', () => {
  it('reads "bumped" as a knock, "my bump" as a pregnancy', () => {
    expect(categoriesOf('I bumped my arm and there is some bleeding')).not.toContain('bleeding_in_pregnancy');
    expect(categoriesOf('bumped my head on a shelf, it is bleeding a little')).not.toContain('bleeding_in_pregnancy');
    expect(categoriesOf("I'm bleeding a lot from down below and my bump feels rock hard")).toContain('bleeding_in_pregnancy');
  });
});

describe('the usual daily dose', () => {
  it('reads "took all my tablets as usual" as the daily dose, and still flags a packet swallowed after it', () => {
    expect(categoriesOf('I took all my tablets this morning as usual, can I have coffee now?')).not.toContain('overdose');
    expect(categoriesOf('took all my tablets as usual and then swallowed the whole packet of paracetamol')).toContain('overdose');
  });
});

describe('look-alikes of figurative, conditional, reported and feared speech', () => {
  it('does not flag an idiom, and still flags a symptom said beside one', () => {
    expect(raised('this deadline is giving me a heart attack lol, can I book a smear test')).toEqual([]);
    expect(raised('I nearly had a stroke when I saw the price of my prescription')).toEqual([]);
    expect(categoriesOf('giving me a heart attack, seriously my chest is crushing and I am sweating')).toContain('acute_coronary_syndrome');
    // A caustic burn of the mouth is no idiom.
    expect(categoriesOf('he drank drain cleaner and says his mouth is on fire')).toContain('overdose');
  });

  it('does not flag a condition in a question about what to do, and flags one said as a fact or claimed', () => {
    expect(raised('If I bang my head while on warfarin what should I do?')).toEqual([]);
    expect(raised('if my kid ever gets a barking cough at night what should I do?')).toEqual([]);
    expect(categoriesOf("If he's not breathing what do I do?")).toContain('respiratory_distress');
    expect(categoriesOf('If it helps, she is 6 weeks old with a temp of 38.5, what should I do?')).toContain('febrile_infant');
    expect(categoriesOf('If I took 30 paracetamol would I be ok? I took them an hour ago')).toContain('overdose');
  });

  it("does not flag a clinician's advice or a future risk, and flags what happens after it", () => {
    expect(raised("My GP said 'if you ever get crushing chest pain call 999'. I don't have any, just want my results")).toEqual([]);
    expect(raised("The nurse said my husband 'could have a stroke if his blood pressure isn't controlled'")).toEqual([]);
    expect(categoriesOf('the midwife said to ring if baby moves less and she has not moved at all today, 38 weeks')).toContain(
      'reduced_fetal_movements',
    );
  });

  it('does not flag a feared diagnosis or a searched topic, and flags the symptoms said with them', () => {
    expect(raised("I'm terrified of having a stroke like my dad, I check my face every morning. How do I stop worrying?")).toEqual([]);
    expect(raised("every headache I get I think it's a brain bleed, my scans were clear")).toEqual([]);
    expect(categoriesOf("I'm scared of having another stroke and now my speech is slurred and my arm is weak")).toContain('stroke');
    expect(categoriesOf('I googled my symptoms, crushing chest pain and sweating, it says heart attack')).toContain(
      'acute_coronary_syndrome',
    );
  });

  it('reads blood ketones under 0.6 as normal (NHS), unless a higher reading follows', () => {
    expect(raised('type 1, ketones 0.2, sugar 11, not vomiting, just a cold')).toEqual([]);
    expect(categoriesOf('type 1, ketones 3.2 and being sick')).toContain('dka');
    expect(categoriesOf('type 1 ketones 0.3 this morning now 2.8 and vomiting')).toContain('dka');
  });

  it('reads "no breathing problems" as a denial, and "not breathing" as the emergency', () => {
    expect(raised('Sore calf after running a half marathon, both legs the same, no breathing problems')).toEqual([]);
    expect(categoriesOf('he collapsed and he is not breathing')).toContain('respiratory_distress');
  });
});

describe('readings, changes and episodes that are over', () => {
  it('reads a written temperature of 38 °C or more as a fever, not weeks of pregnancy or a weight', () => {
    expect(categoriesOf('My son is 10 weeks old and he feels hot, 38.5. Is it ok to give calpol?')).toContain('febrile_infant');
    expect(categoriesOf('my 6 week old is 37.2 and feeding well')).not.toContain('febrile_infant');
    expect(categoriesOf('my 6 week old weighs 38.5 kg')).not.toContain('febrile_infant');
  });

  it('asks about chest pain in long-standing angina said to be different and not eased by GTN', () => {
    expect(
      raised("I've had angina for years but this is different, the pain hasn't gone with 3 sprays of GTN and it's been 20 minutes"),
    ).toContain('acute_coronary_syndrome');
    expect(raised('I have had angina for years, GTN sorts it in a minute as always')).toEqual([]);
  });

  it('does not flag fast breathing said to be over in an adult, and still flags a child, a TIA, a return and blood brought up', () => {
    // Stopped, vomited or coughed-up blood still needs same-day care, and 999 with dizziness (NHS "vomiting blood").
    expect(categoriesOf('threw up blood twice, stopped now, feel dizzy')).toContain('upper_gi_bleed');
    expect(categoriesOf('I vomited a cup of blood an hour ago but it has stopped now')).toContain('upper_gi_bleed');
    expect(categoriesOf("coughed up blood this morning, it's settled now")).toContain('haemoptysis');
    expect(categoriesOf('had a panic attack, breathing went fast and my hands tingled, settled after 10 mins, fine now')).toEqual([]);
    expect(categoriesOf("he couldn't breathe and his lips went blue, he's fine now, he's 6 weeks old")).toContain('respiratory_distress');
    expect(categoriesOf('my face dropped and my arm went weak for 10 minutes, back to normal now')).toContain('stroke');
    expect(categoriesOf("coughing up a lot of blood, it stopped for a minute but now it's started again")).toContain('haemoptysis');
  });
});

describe('"just" that means "only"', () => {
  it('does not flag a long-standing symptom said with "just need a refill", and flags one said with "just now"', () => {
    expect(categoriesOf('I have bronchiectasis and get the odd streak of blood in my phlegm now and then, just my routine check')).toEqual(
      [],
    );
    expect(categoriesOf("I've had asthma for years but just now I can't breathe and my lips are blue")).toContain('respiratory_distress');
  });
});

describe('signs a relative sees and habits come back', () => {
  it('reads a hand rubbing or clasping the chest as chest pain, and rubbing a remedy on it as care', () => {
    expect(categoriesOf('Grandad keeps rubbing the centre of his chest and he is clammy and grey')).toContain('acute_coronary_syndrome');
    expect(categoriesOf('she is clasping her chest and sweating')).toContain('acute_coronary_syndrome');
    expect(raised('I have been rubbing Vicks on his chest for his cold, is that ok for a 4 year old?')).toEqual([]);
  });

  it('reads light that troubles or bothers the eyes as photophobia, with a fever as possible meningitis', () => {
    expect(categoriesOf('he is burning up and the light is bothering his eyes, neck is stiff')).toContain('meningitis');
    expect(categoriesOf('temperature of 39 and the lights are really troubling her eyes')).toContain('meningitis');
  });

  it('reads self-harm started again or relapsed as self-harm, and a chore done again as nothing', () => {
    expect(categoriesOf('I started cutting again last week')).toContain('self_harm');
    expect(categoriesOf('relapsed with the cutting after 2 years clean')).toContain('self_harm');
    expect(raised('my husband started cutting the hedge again, can I get hay fever tablets')).toEqual([]);
  });

  it('does not flag choking with laughter or "about had a heart attack when…"', () => {
    expect(raised('we were choking with laughter at the wedding, can I get my travel jabs')).toEqual([]);
    expect(raised('I about had a heart attack when I saw the parking fine, anyway need my repeat')).toEqual([]);
  });

  it('flags an emergency of the last half hour said after a routine request', () => {
    expect(
      categoriesOf('Need a repeat prescription for my inhaler, also for the last 20 minutes crushing chest pain and sweating'),
    ).toContain('acute_coronary_syndrome');
  });
});

describe('lay vocabulary groups: slang, function and what a relative sees', () => {
  it('reads "ticker" as the heart', () => {
    expect(categoriesOf('my ticker is hurting and the pain is going into my jaw')).toContain('acute_coronary_syndrome');
    expect(raised('my ticker is fine, the cardiologist said all clear, need my letter')).toEqual([]);
  });

  it('reads stopping to catch a breath as breathlessness, and "without stopping" as no denial of what follows', () => {
    expect(raised('mum has to stop for breath after three steps')).toContain('respiratory_distress');
    expect(categoriesOf("he can't get to the bathroom without stopping to breathe, lips grey")).toContain('respiratory_distress');
    expect(raised('I can walk up the stairs without stopping, breathing is fine, just a cough')).toEqual([]);
    expect(raised('he keeps stopping to catch his breath when laughing at the telly')).toEqual([]);
  });

  it('reads a child with dry nappies who is unusually drowsy as dangerously dehydrated', () => {
    expect(categoriesOf('no wet nappy since lunchtime and she is really lethargic')).toContain('infant_dehydration');
    expect(raised('she slept a lot after her jabs, wet nappies as normal, feeding well')).toEqual([]);
  });

  it('reads persecution in the active voice as psychosis, and people watching at work as nothing', () => {
    expect(categoriesOf('he says men in cars are following him and he has a knife to protect himself')).toContain('acute_psychosis');
    expect(raised('people are watching me at work because I got promoted, can I get counselling')).toEqual([]);
  });

  it("reads slicing or gouging one's own arms as self-harm, and slicing food as nothing", () => {
    expect(categoriesOf('she has been gouging her arms at night')).toContain('self_harm');
    expect(raised("I'm slicing vegetables and nicked my finger, plaster on")).toEqual([]);
  });

  it('reads bleeding "like crazy" as heavy bleeding', () => {
    expect(categoriesOf('my hand is bleeding like mad after the glass broke and it keeps going')).toContain('major_trauma');
  });

  it('reads a burn with large blisters as a severe burn, and a large patch of eczema or a blister from boots as nothing', () => {
    expect(categoriesOf('scalded my thigh with the kettle, massive blisters')).toContain('severe_burns');
    expect(raised('large patch of eczema on my arm, itchy')).toEqual([]);
    expect(raised('huge blister on my heel from new boots, popped it')).toEqual([]);
  });

  it('reads someone down on the floor and not moving as collapsed', () => {
    expect(categoriesOf('my uncle hit the floor in the shop and is not moving')).toContain('unconscious_collapse');
    expect(raised('my husband went down with flu last week, now he is fine')).toEqual([]);
  });
});

describe('more lay vocabulary: things that talk, patches, sounds by likeness, results said in words', () => {
  it('reads household objects heard talking as psychosis, and flags it with a threat or a weapon', () => {
    expect(categoriesOf('he says the fridge tells him to kill the neighbours')).toContain('acute_psychosis');
    expect(categoriesOf('my son is hearing voices and has barricaded himself in his room')).toContain('acute_psychosis');
    expect(categoriesOf('she is seeing demons and is walking round with a machete')).toContain('acute_psychosis');
    expect(raised('the microwave beeps at me all day, can I get earplugs for tinnitus')).toEqual([]);
  });

  it('reads a child who chewed or sucked a medicine patch as a poisoning', () => {
    expect(categoriesOf('my 2 year old was sucking on one of my fentanyl patches')).toContain('child_ingestion');
    expect(raised('can I cut my nicotine patches in half to wean off?')).toEqual([]);
  });

  it('reads breathing that sounds like a seal or a whistle as stridor', () => {
    expect(categoriesOf('my little boy breathes like a seal and is struggling')).toContain('epiglottitis_stridor');
    expect(categoriesOf('her breathing sounds like a squeaky toy when she breathes in')).toContain('epiglottitis_stridor');
  });

  it('reads a potassium said to be high with a value of 6 or more', () => {
    expect(categoriesOf('the renal nurse rang, potassium is very high at 7.2')).toContain('dialysis_hyperkalaemia');
    expect(raised('my potassium was a little high at 5.4, they said recheck next month')).toEqual([]);
  });

  it('reads "and I am …" after a time of last week as happening now', () => {
    expect(categoriesOf('gave birth last week and I am soaking a pad every hour with clots')).toContain('postpartum_haemorrhage');
    // A time of weeks ago with no ongoing present after it is still only asked about.
    expect(categoriesOf('I had a stroke a few weeks ago and my hand is stiff, what exercises help?')).not.toContain('stroke');
  });
});

describe('texting, grammar and severity said through function', () => {
  it('reads common misspellings of chest', () => {
    expect(categoriesOf('chst pain n sweatin bad')).toContain('acute_coronary_syndrome');
  });

  it('reads "can\'t X without Y" as Y happening', () => {
    expect(categoriesOf('she can hardly get a sentence out without gasping, lips blue')).toContain('respiratory_distress');
    expect(raised('I can walk to the shops without getting breathless now, much better')).toEqual([]);
  });

  it('reads a baby\'s age said with "only" or "just"', () => {
    expect(categoriesOf('temperature 38.2, she is just 5 weeks')).toContain('febrile_infant');
  });

  it('reads eyes that will not open as unresponsive, after a denial earlier in the message', () => {
    expect(categoriesOf('she is not talking, eyes are not opening')).toContain('unconscious_collapse');
  });

  it('reads the rest of a packet taken at once as an overdose, and the rest of a course as nothing', () => {
    expect(categoriesOf('I necked the rest of the packet of co-codamol an hour ago')).toContain('overdose');
    expect(raised('finished the rest of my antibiotics as the GP said, cough still there')).toEqual([]);
  });

  it('reads pain described by likeness in the belly (sudden and tearing: a possible dissection)', () => {
    expect(categoriesOf('my belly feels like it is being torn apart, came on suddenly')).toContain('aortic_dissection');
    expect(raised('my stomach feels like a washing machine after that curry, any tips')).toEqual([]);
  });
});

describe('a negation skipped by a gap is no negated symptom', () => {
  it('marks a match negated only when the phrase itself matched the negation', () => {
    const matcher = new PhraseMatcher([compilePhrase('neck *3 stiff|rigid|cannot move|cannot bend', 'stiff_neck')]);
    expect(matcher.match(tokenize('his neck is not stiff')).map((m) => m.negated)).toEqual([false]);
    expect(matcher.match(tokenize('his neck cannot move')).map((m) => m.negated)).toEqual([true]);
  });

  it('reads "neck is not stiff" as denied, and "neck, he cannot move it" phrases as symptoms', () => {
    expect(categoriesOf('his neck is not stiff, just a headache and a temperature')).toEqual([]);
    expect(categoriesOf('temperature 39, his neck is so stiff he cannot move it')).toContain('meningitis');
    expect(categoriesOf('one side of her face is not moving and her arm is weak')).toContain('stroke');
  });
});

describe("the rarer categories in relatives' words", () => {
  it('reads orders from a radio or a mission from god, with knives gathered or a drive into danger, as psychosis', () => {
    expect(categoriesOf('she says the telly gives her instructions and she has hidden all the knives under her bed')).toContain(
      'acute_psychosis',
    );
    expect(categoriesOf('he says he has a message from god and tried to crash the car')).toContain('acute_psychosis');
    expect(raised('the radio keeps giving traffic updates, anyway I need my flu jab')).toEqual([]);
    expect(raised("I've taken the kitchen knives to be sharpened, cut my thumb a bit, plaster on")).toEqual([]);
  });

  it('reads a wood burner smoking into the room, with a headache, as carbon monoxide', () => {
    expect(categoriesOf('the log burner keeps puffing back into the room and we all have headaches')).toContain('carbon_monoxide');
    expect(raised('our wood burner was smoking a bit last winter, we had it swept, all fine')).toEqual([]);
  });

  it('reads a potassium called critical as high', () => {
    expect(categoriesOf('hospital phoned, potassium is critical, what do I do')).toContain('dialysis_hyperkalaemia');
    expect(raised('my potassium was critical last year when I was in hospital, now normal, on dialysis and well')).toEqual([]);
  });
});

describe('discriminators in lay wording: severity through function, a new change, everyday look-alikes', () => {
  it('reads pain so bad the person cries or cannot walk, further along the clause, as severe pain', () => {
    expect(categoriesOf('my stomach hurts so much i am crying and can barely think')).toContain('severe_pain');
    expect(categoriesOf('pain in my lower belly, it is so bad that I cannot stand up')).toContain('severe_pain');
    expect(raised('my knee pain is so bad after the match, can I have a physio referral?')).toEqual([]);
  });

  it('reads confusion or drowsiness that is new ("was fine this morning", "out of character") as an emergency, dementia as always as nothing', () => {
    expect(categoriesOf("my nan is very confused and doesn't know where she is, she was completely fine this morning")).toContain(
      'unconscious_collapse',
    );
    expect(categoriesOf('my husband is so sleepy and muddled today, totally out of character')).toContain('unconscious_collapse');
    expect(raised('my grandad has dementia and gets muddled in the evenings, same as always, can we review his tablets?')).toEqual([]);
  });

  it('reads a teenager not waking up early enough for school as sleeping in, and a child who will not wake as unresponsive', () => {
    expect(raised('my 14 year old never wakes up on time for school, is it his age?')).toEqual([]);
    expect(categoriesOf('my son is not waking up when I shake him, he is breathing')).toContain('unconscious_collapse');
  });

  it('reads a replacement adrenaline pen asked for as no pen used', () => {
    expect(raised('allergic to nuts, can I order a replacement EpiPen please, mine runs out next month')).toEqual([]);
    expect(categoriesOf('allergic to nuts, ate a cake with almonds, just used my EpiPen and my throat is tight')).toContain('anaphylaxis');
  });

  it('reads a face pulled to one side by laughing as no droop, and a face that drops when smiling as a stroke sign', () => {
    expect(raised('his mouth went all lopsided because he was laughing so hard at the dog, anyway his ear is sore')).toEqual([]);
    expect(categoriesOf('when I asked her to smile her mouth went lopsided, only one side moves')).toContain('stroke');
  });

  it("reads an object taken out of a child's mouth before it was swallowed as no ingestion", () => {
    expect(raised('my toddler had a coin in his mouth but I got it out before he swallowed, he is fine')).toEqual([]);
    expect(categoriesOf('my toddler put a button battery in his mouth and now I cannot find it')).toContain('child_ingestion');
  });
});

describe('discriminators a parent or onlooker reports in their own words', () => {
  it('reads ribs showing with each breath and flaring nostrils as a child working to breathe', () => {
    expect(categoriesOf('my son is 2, you can see his ribs every time he breathes and his nose is flaring')).toContain(
      'respiratory_distress',
    );
    expect(raised('my son is skinny, you can see his ribs, is he eating enough?')).toEqual([]);
  });

  it('reads bleeding still going further along the clause, or towels soaked by number, as uncontrolled', () => {
    expect(categoriesOf('the bleeding from the cut on his leg has not stopped, gone through two towels')).toContain('major_trauma');
    expect(raised('cut my finger on a tin, it bled for a minute and stopped with a plaster')).toEqual([]);
  });

  it('reads a pain score said with its name as severe pain', () => {
    expect(categoriesOf('tummy pain, pain score 9 the nurse on the phone said, getting worse')).toContain('severe_pain');
    expect(raised('my tummy pain has been going on for 10 days, mild, comes and goes')).toEqual([]);
  });

  it('reads a feverish child who cries when the neck is bent or will not have the light on as meningism', () => {
    expect(categoriesOf('my son has a fever, he screams when I bend his neck and he does not want the light on')).toContain('meningitis');
    expect(raised('my son has a cold and a runny nose, he does not want the light off at bedtime')).toEqual([]);
  });

  it('reads a blow to the testicles with vomiting as a testicle emergency', () => {
    expect(categoriesOf('he got kicked in the balls at rugby an hour ago and has been sick twice')).toContain('testicular_torsion');
    expect(raised('my son kicked the ball into the neighbours garden and hurt his toe a little')).toEqual([]);
  });

  it('reads new sleepiness "which he never does" as an acute change, and a faint at the sight of a needle as no reaction', () => {
    expect(categoriesOf('dad is really drowsy today which he never does, keeps nodding off')).toContain('unconscious_collapse');
    expect(raised('my daughter fainted at the sight of the needle at her vaccine, came round straight away, fine now')).toEqual([]);
  });
});

describe('grammar of a class: what is kept down, endurance, birth told by what happened', () => {
  it('reads nothing kept down, said with a negation, as vomiting', () => {
    expect(categoriesOf("my 9 month old hasn't kept a bottle down since yesterday and no wet nappy all day")).toContain(
      'infant_dehydration',
    );
    expect(raised('my 9 month old is feeding well and has plenty of wet nappies, can she have cow milk yet?')).toEqual([]);
  });

  it('reads a limit of endurance as long-standing, and sudden inability to stand with a lean as a stroke sign', () => {
    expect(raised("I can't stand for long because of my arthritis, can I get a blue badge?")).toEqual([]);
    expect(categoriesOf('suddenly he cannot stand up and keeps falling to the left, his speech is slurred')).toContain('stroke');
  });

  it('reads a birth told by what happened, with blood lost, as a postpartum haemorrhage', () => {
    expect(categoriesOf("the baby's out at home and my wife is losing loads of blood")).toContain('postpartum_haemorrhage');
    expect(raised('my baby is out of nappies now, any tips on potty training at night?')).toEqual([]);
  });

  it('reads a neck that hurts when looking down, with a fever and headache, as meningism', () => {
    expect(categoriesOf('headache and a temp, his neck hurts when he looks down')).toContain('meningitis');
    expect(raised('my neck hurts when I look down at my phone all day, no fever')).toEqual([]);
  });

  it('reads slang for gushing blood as uncontrolled bleeding', () => {
    expect(categoriesOf('punched a window, blood pissing out of his wrist')).toContain('major_trauma');
  });
});

describe('readings and signs of the Manchester Triage and ESI discriminators said as numbers or seen', () => {
  it('reads a temperature of 41 °C or more as very hot (Manchester Triage), and one that has come down in an adult as over', () => {
    expect(categoriesOf('temperature 41 and shaking all over')).toContain('sepsis');
    expect(categoriesOf('his temp is 106.1 F')).toContain('sepsis');
    expect(raised('my temp was 41.2 yesterday with the flu, fine now, can I go back to work?')).toEqual([]);
    expect(raised('temperature 38.4 with a cold, eating and drinking fine')).toEqual([]);
  });

  it('reads a breathing rate of 50 or more a minute as the danger zone, and a duration as no rate', () => {
    expect(categoriesOf('I counted, my baby is breathing 70 times in a minute')).toContain('respiratory_distress');
    expect(categoriesOf('his resp rate is 56 the nurse said')).toContain('respiratory_distress');
    expect(raised('I walked for 50 minutes today and was breathing fine, any tips for my knees?')).toEqual([]);
  });

  it('reads a belly gone big and hard as rigid, and a leg shorter and turned out as a deformed limb', () => {
    expect(categoriesOf('his stomach has gone really big and hard and he is in pain')).toContain('severe_pain');
    expect(categoriesOf('mum fell, her leg looks shorter and turned out and she cannot get up')).toContain('open_fracture');
    expect(raised('my tummy gets bloated after bread, is it coeliac?')).toEqual([]);
  });

  it('reads lips swollen from a knock as an injury, and lips swelling after a food as an allergic reaction', () => {
    expect(raised("my son's lip is swollen after he got hit by the ball at football, he's fine")).toEqual([]);
    expect(categoriesOf('his lips are swelling up after he ate the prawns')).toContain('anaphylaxis');
  });

  it('reads a wish for it all to end as a question to ask, with tablets lined up or taken as a flag', () => {
    expect(raised('I have all my tablets in front of me and I want it to end')).toContain('suicidal_intent');
    expect(categoriesOf('I have all my tablets lined up and I want it to end')).toContain('suicidal_intent');
    expect(categoriesOf("I'm going to take them all and end it")).toContain('suicidal_intent');
    expect(raised('I want this week to end, work is mad, can I get a fit note for my back?')).toEqual([]);
  });
});

describe('text-speak, scalds told by what happened, colour with cold', () => {
  it('reads text-speak for cannot and are', () => {
    expect(categoriesOf('throat swellin up cnt breath')).toContain('respiratory_distress');
    expect(categoriesOf('babys lips r blue n shes floppy')).toContain('respiratory_distress');
    expect(raised('cnt make my appointment 2day, can I rebook?')).toEqual([]);
  });

  it('reads a hot drink pulled or spilt over a child as a scald, and a hot drink drunk as nothing', () => {
    expect(categoriesOf('my toddler pulled a hot cup of tea over himself, his chest is blistering')).toContain('severe_burns');
    expect(raised('my son loves a hot cup of cocoa before bed, is the sugar bad for his teeth?')).toEqual([]);
  });

  it('reads lips that go purple when cold and warm straight back as nothing, and lips blue while struggling to breathe as an emergency', () => {
    expect(raised("my baby's lips go a bit purple when she's cold in the bath, warms up straight away, pink and happy")).toEqual([]);
    expect(categoriesOf('her lips are going purple and she is struggling to breathe')).toContain('respiratory_distress');
  });
});

describe('look-alikes of the reading and sign rules', () => {
  it('reads a temperature of the air as no fever, and the same number of a person as very hot', () => {
    expect(raised('the thermometer says 41.5 outside today, how do I keep my baby cool?')).toEqual([]);
    expect(raised('temp was 41 in the sauna, felt great, can I book a health check?')).toEqual([]);
    expect(categoriesOf('my son is 41.5 on the thermometer and not himself')).toContain('sepsis');
  });

  it('reads breaths counted in a breathing exercise as no breathing rate', () => {
    expect(raised('I do 60 breaths a minute in my breathing exercise class, is that safe?')).toEqual([]);
  });

  it('reads a belly big and hard after a meal as a full stomach, and sleeping until noon as sleeping in', () => {
    expect(raised('my tummy is big and hard after christmas dinner haha, need to lose weight')).toEqual([]);
    expect(raised("my teen won't wake up before noon at weekends, is that normal?")).toEqual([]);
  });

  it('reads tablets in front of someone asking which is which as no preparation', () => {
    expect(raised('I have my tablets in front of me, which one is the blood pressure one?')).toEqual([]);
  });
});

describe('lay wording from the references not yet in the lexicon (dev part s) and its look-alikes', () => {
  it('reads Scots spellings as the words they are', () => {
    expect(normalizeText('came in fae the dark, cannae see right oot it, wee brother went tae bed')).toBe(
      'came in from the dark, cannot see right out it, wee brother went to bed',
    );
    expect(categoriesOf('he fell aff his bike and hit his heid, he was oot cold and noo keeps being sick')).toContain('head_injury');
    expect(raised('wee lad fell aff the swing and bumped his heid, he cried straight away, he is playing noo and eating his tea')).toEqual(
      [],
    );
  });

  it('reads the preparations of suicide said without its name', () => {
    expect(categoriesOf('been to four different chemists so nobody would notice how many I was buying')).toContain('suicidal_intent');
    expect(categoriesOf('been lookin up how high the top floor is, going up there after my shift')).toContain('suicidal_intent');
    expect(raised('I checked the height of the multistorey car park because my campervan is tall')).toEqual([]);
    expect(raised('I have been to three different chemists and none of them had Calpol, is the adult one ok for my son?')).toEqual([]);
  });

  it('reads self-harm by burning, danger on a roof, a caustic swallowed and bleeding after a birth centre', () => {
    expect(categoriesOf('she is burning her arms with a lighter again and now she will not answer')).toContain('self_harm');
    expect(categoriesOf('he says the angels have chosen him and he is edging towards the gutter of the roof')).toContain('acute_psychosis');
    expect(categoriesOf('my 2 year old drank some drain unblocker and is drooling and will not swallow')).toContain('child_ingestion');
    expect(categoriesOf('home from the birth centre today and now there is blood all over the floor, she is white as paper')).toContain(
      'postpartum_haemorrhage',
    );
    expect(raised('We got home from the birth centre yesterday, baby is feeding well, how do we register the birth?')).toEqual([]);
  });

  it('reads a grip lost to sweaty hands in the same clause as no weak hand', () => {
    expect(raised('the pen keeps slipping out of my sweaty right hand')).toEqual([]);
  });

  it('reads signs said by likeness: a grip that slips, a voice like a drink, a squeak breathing in, counted flutters', () => {
    expect(
      categoriesOf('suddenly the pen keeps sliding out of my right hand and my daughter said I sounded like I had been at the sherry'),
    ).toContain('stroke');
    expect(categoriesOf('sore throat, I can hardly get my own spit down and there is a squeak every time I breathe in')).toContain(
      'epiglottitis_stridor',
    );
    expect(categoriesOf('I am 35 weeks and in two hours I only counted three little flutters, normally he is so active')).toContain(
      'reduced_fetal_movements',
    );
    expect(raised('I am 20 weeks and have only felt a few flutters so far, my midwife says that is normal')).toEqual([]);
  });

  it('reads "how would we know if …" as a question, not a report', () => {
    expect(raised('My wife is 28 weeks. How would we know if the baby was not moving enough?')).toEqual([]);
    expect(categoriesOf('how would we know if it is a stroke? his face has dropped on one side and he cannot lift his arm')).toContain(
      'stroke',
    );
  });
});

describe('lay wording of the categories weakest on unseen text (dev part t) and its look-alikes', () => {
  it('reads a dropped g, "thrown up" and an onlooker counting repeated questions', () => {
    expect(categoriesOf("all of a sudden she's droppin' 'em out of her left hand and the corner of her mouth's hangin' down")).toContain(
      'stroke',
    );
    expect(
      categoriesOf("she's on warfarin, banged her head on the radiator, she's thrown up and asked me four times what happened"),
    ).toContain('head_injury');
    expect(raised("I've thrown up twice after a dodgy kebab last night, keeping water down now, any tips?")).toEqual([]);
  });

  it('reads a pet tripped over as how the person fell, and a pet hurt in the fall as the pet', () => {
    expect(categoriesOf("Mum's on warfarin, she tripped over the cat at twenty to five and banged her head on the radiator")).toContain(
      'head_injury',
    );
    expect(raised("I tripped over the cat, it yelped and now it's limping and won't put weight on its paw, do I need a vet?")).toEqual([]);
  });

  it('reads the cauda equina signs told by what the toilet is like, and a lifelong dribble as no emergency', () => {
    expect(
      categoriesOf('back pain for weeks, now both legs heavy and tingly, no feeling when I sit on the toilet seat and I only dribble'),
    ).toContain('cauda_equina');
    expect(raised("I can never tell when I'm done weeing since my prostate got bigger, it's been like that for years")).toEqual([]);
  });

  it('reads a missed period and a shoulder tip that is paining as an ectopic, a late period alone as nothing', () => {
    expect(
      categoriesOf(
        "her menses didn't come for six weeks, pain low on the right side, her shoulder tip is paining her, she nearly fell when she stood",
      ),
    ).toContain('ectopic_pregnancy');
    expect(raised("My period is three days late and I'm stressed about exams, test was negative, should I worry?")).toEqual([]);
  });

  it('reads a hand like candle wax and freezing to touch, and leaves the same colour in the cold every winter', () => {
    expect(
      categoriesOf('my right hand has gone the colour of candle wax and is freezing to touch, the fingers are dead and I cannot grip'),
    ).toContain('acute_limb_ischaemia');
    expect(
      raised("my toes go the colour of candle wax in the cold every winter then go red when they warm up, is that Raynaud's?"),
    ).toEqual([]);
  });

  it('reads a loaded gun beside the writer, a mother who must give the baby back to the river, and a gun kept in a cabinet as neither', () => {
    expect(categoriesOf("I took Dad's gun from the safe, it's loaded and lying next to me on the bed")).toContain('suicidal_intent');
    expect(categoriesOf('she keeps saying God wants the baby back and she has to give him back to the river tonight')).toContain(
      'acute_psychosis',
    );
    expect(raised("My dad's shotgun is in the locked cabinet next to me, do I need a licence to keep it after he died?")).toEqual([]);
  });
});
