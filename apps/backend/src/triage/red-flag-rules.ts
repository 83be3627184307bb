import type { TriageCategory } from '@patientinsight/shared';

/**
 * Red-flag rules over normalised text (see normalize.ts: lower case, contractions expanded —
 * "can't" is "cannot", "don't" is "do not" — misspellings corrected, punctuation as separate tokens).
 * A rule fires when every one of its concepts has at least one match that is not negated.
 * Sources: NHS 111 / NICE "call 999" lists, the AHA warning signs (heart attack, stroke BE-FAST),
 * ESI level 1–2 criteria, and the 988 lifeline's warning signs. Patterns that contain a negation word
 * themselves ("cannot breathe", "bleeding will not stop") are symptoms, not negations.
 */

export interface RedFlagRule {
  category: TriageCategory;
  label: string;
  /** Each concept is a list of alternatives; all concepts must be present (in the message or the conversation). */
  concepts: RegExp[][];
  /** A "history of X" or "X ... years ago" mention does not count for these (a past event, not now). */
  pastEventsExcluded?: boolean;
}

/** Up to n more words inside one clause (punctuation tokens are not words, so gaps never cross them). */
const gap = (n: number) => `(?: [a-z0-9]+){0,${n}}`;
const re = (source: string) => new RegExp(`\\b(?:${source})\\b`, 'g');

const CHEST = '(?:chest|sternum|breastbone|heart)';
const PAIN_WORD = '(?:pain|pains|hurts?|hurting|ache|aches|aching|tight|tightness|pressure|squeez\\w*|crush\\w*|heavy|heaviness|discomfort|burning|sore|stabbing)';
const CHEST_PAIN = [
  re(`${CHEST}${gap(3)} ${PAIN_WORD}`),
  re(`${PAIN_WORD}${gap(5)} (?:chest|sternum|breastbone)`),
  re('elephant (?:is )?(?:sitting|standing) on (?:my |his |her )?chest'),
  re('angina'),
];
const CARDIAC_FEATURE = [
  re('exert\\w*|exercis\\w*|walk\\w*|stairs|climb\\w*|running|jog\\w*|effort|uphill|hills?|lifting|gym|mow\\w*|shovel\\w*|(?:have|had|has) to stop'),
  re(`(?:radiat\\w*|spread\\w*|shoot\\w*|goes|going|went|travel\\w*|mov\\w*|down|into|up|through)${gap(3)} (?:arm|arms|jaw|neck|back|shoulder|shoulders)`),
  re('(?:left|both) arms?|jaw'),
  re('sweat\\w*|clammy|nause\\w*|vomit\\w*|light ?headed|dizzy|faint\\w*|breathless|short of breath|shortness of breath|(?:cannot|hard to) breathe'),
  re('crush\\w*|squeez\\w*|pressure|heavy|heaviness|tight\\w*|elephant|vice|band'),
  re('severe|worst|excruciating|unbearable|terrible|10 out of 10|10 10'),
];

const FEVER = [re('fever\\w*|feverish|burning hot|very hot|(?:a |high |got a |has a |have a )temperature|febrile|high temperature|temperature of (?:3[89]|4[0-2]|10[1-6])\\w*|temp of (?:3[89]|4[0-2]|10[1-6])|burning up|shivering|rigors|chills')];

export const RED_FLAG_RULES: RedFlagRule[] = [
  {
    category: 'cardiac_chest_pain',
    label: 'chest pain with exertion, radiation, pressure, severity or autonomic symptoms',
    concepts: [CHEST_PAIN, CARDIAC_FEATURE],
  },
  {
    category: 'cardiac_chest_pain',
    label: 'possible heart attack',
    concepts: [[re('heart attack|cardiac arrest|myocardial infarction')]],
    pastEventsExcluded: true,
  },
  {
    category: 'stroke',
    label: 'stroke signs (face, arm, speech, vision, sudden confusion)',
    pastEventsExcluded: true,
    concepts: [
      [
        re(`(?:face|mouth|smile)${gap(3)} (?:droop\\w*|sagg\\w*|sag|sags|fallen|dropped|lopsided|numb|crooked|uneven)`),
        re('(?:droop\\w*|sagg\\w*|lopsided|uneven|crooked) (?:face|smile|mouth)'),
        re(`one side of (?:my |his |her |the )?(?:face|body|mouth)${gap(4)} (?:droop\\w*|numb\\w*|weak\\w*|sag\\w*|paraly\\w*|dead|heavy|tingl\\w*|cannot move|not work\\w*|not moving)`),
        re('(?:numb\\w*|weak\\w*|paraly\\w*|tingl\\w*|droop\\w*) (?:on|down|along) (?:one|the left|the right|my left|my right|his left|his right|her left|her right) side'),
        re(`(?:cannot|could not|unable to|not able to|can no longer) (?:lift|raise|move|feel|hold up|hold|grip with|grip)${gap(3)} (?:arm|arms|leg|legs|hand|side|cup|glass|pen|anything|things)`),
        re(`(?:left|right|one) (?:arm|leg|hand|side)${gap(3)} (?:suddenly )?(?:went |gone |is |feels |became |has gone |going )?(?:numb|weak|dead|limp|floppy|paraly\\w*|heavy|useless)`),
        re('slurr\\w* (?:speech|words|speaking|talking)|slurring'),
        re(`(?:speech|talking|words|voice)${gap(2)} (?:went |gone |is |sounds? |became |has gone )?(?:funny|strange|weird|odd|wrong|garbled|drunk)`),
        re('(?:speech|words|talking|speaking)(?: is| are| was| were| became| sounds?| sound)? (?:slurr\\w*|garbled|jumbled|muddled|nonsense)'),
        re(`(?:cannot|could not|unable to|not able to|trouble|difficulty|struggling to|hard to) (?:speak|talk|get (?:my |the )?words out|find (?:my |the )?words|form words|understand what people)`),
        re('words (?:are |were )?(?:coming|come|came) out (?:wrong|jumbled|garbled)'),
        re('(?:a|having|had|mini|another|possible) stroke|stroke (?:symptoms|signs)'),
        re(`sudden\\w*${gap(4)} (?:loss of vision|lost (?:my |his |her )?vision|blind|cannot see|vision loss|double vision|confus\\w*)`),
        re('(?:lost|lose|losing) (?:the |my |his |her )?(?:vision|sight) in (?:one|my left|my right|an|one of my) eyes?'),
      ],
    ],
  },
  {
    category: 'breathing_difficulty',
    label: 'severe breathing difficulty',
    concepts: [
      [
        re('(?:cannot|could not|can barely|can hardly|unable to|not able to|struggling to|struggle to|hard to|difficult to|trouble|difficulty|fighting to|fight for|gasping for) (?:breathe|breath|breathing|get (?:my |a )?breath|catch (?:my |his |her )?breath|get air|get enough air)(?! through (?:my|the|his|her) nose)'),
        re('gasping|choking|suffocat\\w*|drowning'),
        re(`(?:lips|face|fingers|tongue|skin)${gap(2)} (?:are |is |turning |turned |going |gone )?(?:blue|grey|gray)`),
        re(`(?:short of breath|shortness of breath|breathless|out of breath|winded)${gap(4)} (?:at rest|resting|sitting|lying|talking|speaking|even when|doing nothing|getting worse|severe)`),
        re('(?:severe|extreme|terrible|really bad|very bad) (?:shortness of breath|breathlessness|short of breath|wheez\\w*|asthma)'),
        re(`(?:inhaler|puffer|nebuli\\w*)${gap(4)} (?:not|no longer) (?:working|help\\w*)`),
        re('cannot (?:finish|complete|say|speak) (?:a |full |whole |my )?sentences?'),
        re('(?:stopped|not|no longer) breathing'),
        re('(?:something|food|a bone) (?:is )?stuck in (?:my |his |her )?throat'),
        re('air hunger'),
      ],
    ],
  },
  {
    category: 'severe_bleeding',
    label: 'severe or uncontrolled bleeding, or blood vomited or coughed up',
    concepts: [
      [
        re(`(?:bleeding|blood|bleed)${gap(3)} (?:will not|would not|does not|did not|has not|cannot|is not|not|never) (?:stop|stopping|stopped|slow\\w*)`),
        re('(?:cannot|could not|unable to|not able to) (?:stop|control) (?:the |this |my |his |her |it )?(?:bleeding|blood|bleed)'),
        re(`(?:bleeding|blood)${gap(2)} (?:heavily|profusely|a lot|everywhere|badly|pouring|gushing|spurting|squirting|pumping|soaking|soaked)`),
        re('(?:heavy|heavily|profuse\\w*|severe|uncontrolled|massive|lots of|so much|a lot of) (?:bleeding|blood)'),
        re('soak\\w* through'),
        re(`(?:vomit\\w*|throwing up|threw up|coughing up|coughed up|cough up|spitting up|spat up|spit up)${gap(2)} blood`),
        re('(?:blood|bloody) (?:in|on) (?:my |the )?(?:vomit|sick)'),
        re(`(?:vomit\\w*|throwing up|threw up|sick)${gap(4)} coffee grounds`),
        re('(?:keeps|kept|still|is still) bleeding|bleeding (?:through|all over)'),
        re(`(?:blood|bleeding)${gap(3)} (?:keeps|kept|will not stop|is still|still) (?:coming|pouring|flowing|running|gushing)`),
        re('(?:black|tarry) (?:tarry |sticky )?(?:stool|stools|poo|poop)'),
        re('blood (?:is )?(?:pouring|gushing|spurting|pumping)'),
      ],
    ],
  },
  {
    category: 'loss_of_consciousness',
    label: 'loss of consciousness or unresponsive',
    pastEventsExcluded: true,
    concepts: [
      [
        re('(?:passed|pass|passing|blacked|black|blacking|conked) out|fainted|fainting (?:spell|episode)s?'),
        re('(?:lost|losing|loss of|lose) consciousness|unconscious|unresponsive|collapsed|collapse|collapsing'),
        re('(?:will not|would not|cannot|could not|does not|did not|not) (?:wake|waking|woken)(?: up)?'),
        re('no one can wake|(?:cannot|could not) (?:be )?(?:woken|roused)'),
        re('knocked out|woke up on the floor|came to on the floor|came round on the floor'),
        re('(?:not|stopped|cannot|will not|does not) (?:respond\\w*|answer\\w*)'),
      ],
    ],
  },
  {
    category: 'suicidal_or_self_harm',
    label: 'suicidal thoughts or self-harm',
    concepts: [
      [
        re('(?:kill|kil|killing|hurt|hurting|harm|harming|cut|cutting|end|ending|poison|poisoning) (?:myself|my self)(?! (?:shaving|cooking|chopping|gardening|by accident|accidentally|on (?:a|the|some)|with (?:a|the) (?:knife|razor) while))'),
        re('suicid\\w*|self harm\\w*|selfharm\\w*'),
        re('(?:end|ending|take|taking) (?:my|my own) life|end it all|ending it all|(?:end|ending) everything'),
        re('(?:see no|not see the|not see any|there is no) point (?:in|of) (?:being alive|living|life|going on|carrying on)'),
        re('want (?:to )?die|want to be dead|wish (?:i was|i were|to be|i could be) dead|better off dead|better off without me'),
        re('(?:do not|does not|no longer|never) want to (?:live|be alive|be here|exist|wake up)'),
        re(`no (?:reason|point)${gap(1)} (?:to|in) (?:live|living|go on|going on|carry on|carrying on)|not worth living|life is not worth`),
        re(`(?:thought\\w*|think\\w*)${gap(1)} (?:of|about) (?:dying|death|ending it|ending my life)`),
        re('(?:plan|plans|planning|going) to (?:die|end it|overdose|jump)'),
        re('(?:take|taking|swallow|swallowing) (?:them|it|the pills|the tablets|my pills|my tablets) all|(?:stockpil\\w*|saved up|saving up|hoard\\w*|collect\\w*) (?:my |some |all my )?(?:pills|tablets|meds|medication)'),
        re('better off (?:if|when) (?:i|i am|i was|i were|i am not|i was not) (?:gone|dead|not here|not around|here)'),
        re('jump\\w* (?:off|from) (?:a |the )?(?:bridge|building|roof|cliff)'),
        re('goodbye (?:letters?|notes?)|suicide note|cannot go on'),
      ],
    ],
  },
  {
    category: 'anaphylaxis',
    label: 'possible anaphylaxis (airway swelling or breathing trouble with an allergic reaction)',
    pastEventsExcluded: true,
    concepts: [
      [
        re(`(?:throat|airway)${gap(5)} (?:closing|closed|swelling|swollen|swell\\w*|tight\\w*)`),
        re(`(?:tongue|lips?|mouth)${gap(3)} (?:swelling|swollen|swell\\w*|puff\\w*|blown up|ballooning|huge|enormous|thick)`),
        re('(?:swelling|swollen|swell\\w*) (?:of |in )?(?:my |his |her |the )?(?:tongue|lips?|throat)'),
        re('anaphyla\\w*'),
        re(`(?:used|use|using|needed|need|gave|give|injected|inject)${gap(2)} (?:epipen|epi pen|adrenaline|epinephrine)`),
      ],
    ],
  },
  {
    category: 'anaphylaxis',
    label: 'allergic reaction with breathing, swallowing or fainting',
    concepts: [
      [re('allerg\\w*|hives|stung|sting|bee|wasp|hornet|peanuts?|nuts|shellfish|penicillin|reaction|welts')],
      [
        re('breath\\w*|wheez\\w*|faint\\w*|dizzy|light ?headed|collaps\\w*'),
        re(`throat${gap(2)} (?:tight\\w*|clos\\w*|swell\\w*|swollen)`),
        re('(?:cannot|hard to|difficult to|trouble|difficulty|unable to) swallow\\w*'),
        re('(?:face|eyes|lips|tongue)(?: is| are)? (?:swelling|swollen|puff\\w*)'),
      ],
    ],
  },
  {
    category: 'meningitis_signs',
    label: 'fever with a stiff neck, light sensitivity, or a rash that does not fade',
    concepts: [FEVER, [re('stiff neck|neck (?:is |feels |very |so )*(?:stiff|rigid)|cannot (?:bend|touch|put) (?:my |his |her )?(?:chin|neck|head)|(?:light|bright light) hurts|sensitive to (?:the )?light|cannot (?:stand|bear|look at) (?:the )?light')]],
  },
  {
    category: 'meningitis_signs',
    label: 'a rash that does not fade under pressure',
    concepts: [
      [
        re(`rash${gap(5)} (?:does not|did not|will not|would not|not|doesn) (?:fade|go away when pressed|blanch)`),
        re(`(?:rash|spots|marks|blotches)${gap(5)} (?:under|with) (?:a |the )?glass|glass test|non ?blanching|(?:press|pressing|pressed) (?:a |the )?glass`),
        re(`(?:rash|spots|marks|blotches)${gap(2)} (?:that |which )?(?:do not|does not|did not|will not) (?:fade|go|disappear)`),
        re(`purple${gap(1)} (?:rash|spots|blotches|marks)|(?:rash|spots)${gap(2)} (?:is |are )?purple`),
        re('meningitis(?! vacc\\w*| jab| shot| injection)'),
      ],
    ],
    pastEventsExcluded: true,
  },
  {
    category: 'seizure',
    label: 'seizure or convulsions',
    pastEventsExcluded: true,
    concepts: [
      [
        re('seizure\\w*|seizing|convuls\\w*|fitting|(?:having|had|has) a fit|epileptic fit'),
        re(`(?:shaking|jerking|twitching)${gap(3)} (?:uncontrollabl\\w*|all over|whole body|and (?:then )?(?:not respond\\w*|unresponsive|unconscious))`),
        re('eyes (?:rolled|rolling) back'),
      ],
    ],
  },
  {
    category: 'overdose_or_poisoning',
    label: 'overdose or poisoning',
    concepts: [
      [
        re('overdos\\w*'),
        re(
          `(?:took|taken|take|swallowed|ate|eaten|drank|had)${gap(3)} (?:too many|too much|the whole|whole|full|entire|all|a handful|handful|lots|loads|dozens|\\d+)${gap(3)} (?:pills|tablets|meds|medicine|medication|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|sleeping|insulin|capsules|painkillers|bottle|packet|box)`,
        ),
        re(`(?:swallowed|drank|drunk|ate|eaten|drinking|swallowing)${gap(4)} (?:bleach|poison|antifreeze|detergent|pesticide|weed killer|cleaning|cleaner|dishwasher|washing up|button battery|laundry pod|batteries|rat poison|chemicals?|white spirit|paraffin)`),
        re('(?<!food )poisoned|(?<!food )poisoning'),
      ],
    ],
  },
  {
    category: 'sepsis_signs',
    label: 'fever or shivering with signs of sepsis',
    concepts: [
      FEVER,
      [
        re('confus\\w*|mottled|blotchy|not (?:passed|peed|urinated)|no (?:urine|pee)|very (?:drowsy|sleepy)|hard to wake|slurr\\w*'),
        re(`(?:skin|lips)${gap(1)} (?:is |are |looks |look )?(?:blue|grey|gray|mottled)`),
        re(`(?:heart|pulse)${gap(2)} (?:racing|pounding|very fast|really fast)`),
        re('(?:feel|feels|feeling) (?:like )?(?:i am |he is |she is )?(?:dying|going to die)'),
      ],
    ],
  },
  {
    category: 'sepsis_signs',
    label: 'possible sepsis',
    concepts: [[re('sepsis|septic')]],
  },
  {
    category: 'severe_abdominal_pain',
    label: 'sudden or severe abdominal or testicular pain',
    concepts: [
      [
        re(`(?:severe|worst|excruciating|unbearable|agoni[sz]ing|extreme|intense|terrible|10 out of 10|10 10)${gap(5)} (?:abdominal|stomach|belly|tummy|abdomen|groin|testicle|testicular|pelvic)`),
        re(`(?:abdominal|stomach|belly|tummy|abdomen|testicle|testicular) (?:pain|ache)${gap(4)} (?:worst|unbearable|excruciating|cannot (?:stand|move|walk)|doubled over|10 out of 10|10 10)`),
        re('(?:abdomen|stomach|belly) (?:is |feels )?(?:rigid|hard|hard as (?:a )?(?:board|rock)|board ?like)'),
      ],
    ],
  },
  {
    category: 'pregnancy_emergency',
    label: 'pregnancy with bleeding, severe pain, reduced movements, early waters or pre-eclampsia signs',
    concepts: [
      [re('pregnan\\w*|\\d+ weeks (?:along|gone)')],
      [
        re('bleed\\w*|blood'),
        re('(?:severe|bad|terrible|sharp|intense) (?:pain|cramp\\w*|headache)'),
        re(`(?:baby|babys|baby is)${gap(2)} (?:not|stopped|has not|is not|no longer|less) (?:moving|kicking)`),
        re('(?:waters|water) (?:broke|broken|have broken|has broken|breaking)|leaking fluid|fluid leaking'),
        re('blurr\\w* vision|vision (?:is )?(?:blurry|blurred)|seeing (?:spots|flashing)|flashing lights'),
        re('seizure\\w*|fit|fitting|convuls\\w*'),
        re('(?:face|hands) (?:are |is )?(?:very |really )?(?:swollen|swelling|puffy)|swelling (?:of|in) (?:my )?(?:face|hands)'),
      ],
    ],
  },
  {
    category: 'severe_headache',
    label: 'sudden, worst-ever (thunderclap) headache',
    concepts: [
      [
        re('worst headache|thunderclap'),
        re(`sudden\\w*${gap(3)} (?:severe|excruciating|explosive|intense|blinding|terrible|worst|agoni[sz]ing) (?:headache|head pain|pain in (?:my |the |his |her )?head)`),
        re(`(?:headache|head pain)${gap(4)} (?:like|as if) (?:i was |i had been |i have been |being |he was |she was )?(?:hit|struck|kicked|smacked)`),
        re(`never (?:had|felt|experienced)${gap(2)} (?:headache|head pain|pain in my head)${gap(2)} (?:this|so|like this|like that)`),
        re(`(?:explosive|severe|excruciating) headache${gap(4)} (?:sudden\\w*|seconds|instantly|out of nowhere)`),
        re(`(?:headache|head pain)${gap(2)} (?:exploded|explosive|out of nowhere|came on in seconds|like a thunderclap)`),
        re(`(?:worst|most severe|explosive|excruciating)${gap(2)} (?:pain|ache)${gap(2)} (?:in|of) (?:my |the |his |her )?head|(?:head|headache)${gap(4)} (?:like a bomb|bomb went off|explosion)`),
      ],
    ],
  },
  {
    category: 'head_injury',
    label: 'head injury with warning signs',
    pastEventsExcluded: true,
    concepts: [
      [
        re('(?:hit|banged|bumped|struck|knocked|smashed|hurt|injured|cracked) (?:my |his |her |the |their )?head|head (?:injury|trauma|wound)|concussion'),
        re(`fell${gap(4)} (?:on|onto) (?:my|his|her|the) head|fell (?:and )?hit (?:my|his|her) head`),
      ],
      [
        re('vomit\\w*|threw up|throwing up|been sick|being sick|confus\\w*|drows\\w*|sleepy|passed out|knocked out|unconscious|blood thinners?|warfarin|apixaban|rivaroxaban|clear fluid|seizure|memory loss|slurr\\w*|pupils|blacked out'),
        re('(?:cannot|does not|do not|did not) remember|blood (?:from|coming from) (?:my |his |her )?(?:ear|ears|nose)|worse and worse|getting worse'),
      ],
    ],
  },
];

/** Words that negate a concept when they come shortly before it in the same clause (NegEx-style). */
export const NEGATION_TRIGGERS = /\b(?:no|not|never|without|denies|deny|denied|denying|none|neither|nor|free of|negative for|ruled out|absence of|nothing like)\b/;
/** Phrases that contain a negation word but do not negate what follows. */
export const PSEUDO_NEGATIONS = /\b(?:not sure|not certain|no idea|not know|no longer|not only|not just|no doubt|not kidding|not joking|no matter|not stop|not go away|not getting better|not improving|no one|nobody|not even)\b/g;
/** Clause boundaries: negation does not carry across them. */
export const CLAUSE_BOUNDARY = /(?: [.,;:!?] | but | however | although | though | yet | except | apart from | and now | and then | now )/g;
/** The concept is about an animal, not a person ("my dog had a seizure"). */
export const ANIMAL_SUBJECT = /\b(?:my|our|the|his|her) (?:dog|cat|pet|puppy|kitten|horse|rabbit|hamster|bird|parrot)\b/;
/** A concept mentioned as a past event ("history of stroke", "a seizure 3 years ago"). */
export const PAST_EVENT_BEFORE = /\b(?:history of|previous|prior|past|(?:father|mother|dad|mum|mom|brother|sister|grandfather|grandmother|grandad|grandma|uncle|aunt|family) (?:had|died of|died from|has had))(?: [a-z]+){0,2} $/;
export const PAST_EVENT_AFTER = /^(?: [a-z0-9]+){0,6} (?:\d+|a|two|three|four|five|six|ten|many|several|few) (?:years?|yrs?|decades?) ago\b|^(?: [a-z0-9]+){0,6} (?:when (?:he|she|i|they) (?:was|were) \d+|as a (?:child|kid|teenager|baby)|when i was (?:a )?(?:child|kid|young|little|teenager|baby)|in (?:19|20)\d\d)\b/;
