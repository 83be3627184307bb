/**
 * Lexical cues that read the intake's slots from a patient's free text (intake-flow.ts `extractSlots`).
 * Kept as data so a clinician can extend a list without touching the flow. Every list is lower case.
 */

/** Words that name a body site; a laterality or region word before one is kept with it ("right knee", "lower back"). */
export const SITES = [
  'head',
  'forehead',
  'temple',
  'temples',
  'face',
  'jaw',
  'tooth',
  'teeth',
  'ear',
  'ears',
  'eye',
  'eyes',
  'nose',
  'throat',
  'neck',
  'shoulder',
  'shoulders',
  'arm',
  'arms',
  'elbow',
  'elbows',
  'wrist',
  'wrists',
  'hand',
  'hands',
  'finger',
  'fingers',
  'thumb',
  'chest',
  'breast',
  'ribs',
  'back',
  'spine',
  'side',
  'flank',
  'stomach',
  'abdomen',
  'belly',
  'tummy',
  'pelvis',
  'groin',
  'bladder',
  'hip',
  'hips',
  'buttock',
  'leg',
  'legs',
  'thigh',
  'thighs',
  'knee',
  'knees',
  'kneecap',
  'calf',
  'calves',
  'shin',
  'shins',
  'ankle',
  'ankles',
  'heel',
  'foot',
  'feet',
  'toe',
  'toes',
  'skin',
  'scalp',
] as const;

/** Words that qualify a site. */
export const SITE_QUALIFIERS = [
  'left',
  'right',
  'both',
  'lower',
  'upper',
  'middle of the',
  'middle of my',
  'centre of the',
  'center of the',
  'back of the',
  'back of my',
  'front of the',
  'front of my',
  'inner',
  'outer',
  'inside of the',
  'outside of the',
  'behind the',
  'behind my',
  'around the',
  'around my',
  'under the',
  'under my',
] as const;

/** What the pain feels like (the `character` slot). */
export const CHARACTER_WORDS = [
  'sharp',
  'dull',
  'aching',
  'achy',
  'burning',
  'stabbing',
  'throbbing',
  'pounding',
  'pressing',
  'pressure',
  'tight',
  'tightness',
  'squeezing',
  'crushing',
  'cramping',
  'crampy',
  'shooting',
  'tingling',
  'gnawing',
  'stinging',
  'pins and needles',
  'heavy',
  'sore',
  'stiff',
] as const;

/** Words that say a complaint is pain (the complaint phrase becomes "<site> pain"). */
export const PAIN_WORDS = /\b(?:hurts?|hurting|pain(?:ful|s)?|aches?|aching|sore(?:ness)?)\b/;

/**
 * Named symptoms: the first one found names a complaint that is not pain; the others (not negated) are associated
 * symptoms. [the words that say it, the term the summary uses]
 */
export const SYMPTOMS: readonly (readonly [RegExp, string])[] = [
  [/\bheadaches?\b/, 'headache'],
  [/\bmigraines?\b/, 'migraine'],
  [/\bcough(?:ing)?\b/, 'cough'],
  [/\bfevers?\b|\bhigh temperature\b|\bfeverish\b/, 'fever'],
  [/\bchills?\b|\bshivers?\b/, 'chills'],
  [/\bshort(?:ness)? of breath\b|\bbreathless(?:ness)?\b|\bcan'?t catch my breath\b/, 'shortness of breath'],
  [/\bwheez(?:e|ing|y)\b/, 'wheeze'],
  [/\bnause(?:a|ous)\b|\bfeel(?:ing)? sick\b/, 'nausea'],
  [/\bvomit(?:ing|ed)?\b|\bthrowing up\b|\bthrew up\b/, 'vomiting'],
  [/\bdiarrh(?:o)?ea\b/, 'diarrhoea'],
  [/\bconstipat(?:ed|ion)\b/, 'constipation'],
  [/\bdizz(?:y|iness)\b|\blight-?headed(?:ness)?\b/, 'dizziness'],
  [/\brash(?:es)?\b|\bitch(?:y|ing)?\b/, 'rash'],
  [/\bswell(?:ing|en|s)?\b|\bswollen\b|\bpuffy\b/, 'swelling'],
  [/\bbruis(?:e|ed|ing)\b/, 'bruising'],
  [/\bnumb(?:ness)?\b/, 'numbness'],
  [/\bweak(?:ness)?\b/, 'weakness'],
  [/\btired(?:ness)?\b|\bfatigue(?:d)?\b|\bexhausted\b/, 'tiredness'],
  [/\bstiff(?:ness)?\b/, 'stiffness'],
  [/\bclick(?:s|ing)?\b|\bclunk(?:s|ing)?\b/, 'clicking'],
  [/\block(?:s|ing)\b/, 'locking'],
  [/\bgiv(?:es|ing) way\b|\bbuckl(?:es|ing)\b/, 'giving way'],
  [/\bsore throat\b/, 'sore throat'],
  [/\brunny nose\b|\bblocked nose\b|\bcongest(?:ed|ion)\b/, 'nasal congestion'],
  [/\bpalpitations?\b|\bheart (?:racing|pounding)\b/, 'palpitations'],
  [/\binsomnia\b|\bcan'?t sleep\b|\btrouble sleeping\b/, 'poor sleep'],
];

/**
 * Conditions whose words double as a symptom's, a site or the pain's character: "pressure" of "high blood
 * pressure" is not pressure-like pain, the "chest" of "chest infection" not the site. Their words are not read
 * for those slots (the answer keeps them whole). Negation is read by the triage's ConText (triage/text/context.ts).
 */
export const CONDITION_PHRASES: readonly RegExp[] = [
  /\b(?:(?:high|low|raised|elevated)\s+)?blood\s*pressure\b/,
  /\b(?:eye|intraocular)\s+pressure\b|\bpressure\s+(?:in|behind)\s+(?:my|the)\s+eyes?\b/,
  /\bpressure\s+(?:sores?|ulcers?)\b/,
  /\bheart\s*burn(?:s|ing)?\b/,
  /\b(?:(?:high|low)\s+)?(?:blood\s+)?sugars?(?:\s+levels?)?\b/,
  /\b(?:chest|ear|eye|throat|skin|bladder|kidney|urine|urinary|water|tooth|sinus|tummy|stomach)\s+(?:infection|bug)s?\b/,
  /\b(?:knee|hip|shoulder|elbow|ankle)\s+replacements?\b|\b(?:replaced|new)\s+(?:knee|hip|shoulder)s?\b/,
];

/** When it started: each match is kept as the patient's phrase ("since Saturday morning", "3 days ago"). */
const DAY =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last night|this morning|this afternoon|this evening|last week|last month|the weekend|last weekend)';
const COUNT = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several)';
const UNIT = '(?:minutes?|hours?|days?|weeks?|months?|years?)';
export const ONSET_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\bsince\\s+(?:last\\s+)?${DAY}(?:\\s+(?:morning|afternoon|evening|night))?`),
  new RegExp(`\\bsince\\s+${COUNT}\\s+${UNIT}\\s+ago`),
  new RegExp(`\\b(?:for|over)\\s+(?:the\\s+(?:past|last)\\s+)?${COUNT}\\s+${UNIT}`),
  new RegExp(`\\b${COUNT}\\s+${UNIT}\\s+ago\\b`),
  new RegExp(
    `\\b(?:started|began|begun|came on|start(?:ing)?)\\s+(?:on\\s+|last\\s+|about\\s+|around\\s+)?${DAY}(?:\\s+(?:morning|afternoon|evening|night))?`,
  ),
  new RegExp(`\\b(?:on\\s+)?(?:last\\s+)?${DAY}(?:\\s+(?:morning|afternoon|evening|night))?\\b`),
];
/** How it came on. */
export const ONSET_MANNER: readonly (readonly [RegExp, string])[] = [
  [/\b(?:suddenly|all of a sudden|out of nowhere|came on fast|sudden(?:ly)?)\b/, 'sudden onset'],
  [/\b(?:gradually|slowly|over time|bit by bit|gradual)\b/, 'gradual onset'],
];
/** What happened just before ("after an 8 mile run", "when I fell"): kept with the onset. */
export const TRIGGER =
  /\b(?:after|following|since)\s+(?:a|an|my|the|i|we|doing|playing|going for)\b[^,.;!?]*?\b(?:run|running|jog|jogging|walk|hike|fall|fell|fall|injury|injured|accident|crash|game|match|training|workout|gym|lifting|lifted|twist(?:ed)?|cold|flu|infection|flight|trip|surgery|operation)\b(?:\s+\w+)?/;

/** Things that make it worse: a phrase after one of these ("worse on stairs", "hurts going down stairs"). */
export const AGGRAVATING_PATTERNS: readonly RegExp[] = [
  /\b(?:worse|worst|hurts more|more painful|aggravated|made worse|flares? up)\s+((?:when|with|on|after|during|if|while|at|by|going|in)\s+[^,.;!?]+)/,
  /\b(?:hurts?|hurting|pain(?:ful)?|aches?|aching|sore|twinges?)\s+(?:more\s+)?(?:when\s+(?:i(?:'m)?\s+)?|while\s+(?:i(?:'m)?\s+)?|on\s+|if\s+i\s+)?((?:going|walking|climbing|running|jogging|bending|lifting|coughing|breathing|eating|lying|sitting|standing|moving|kneeling|squatting|turning|swallowing|twisting|reaching|sneezing|exercising|walk|climb|run|bend|lift|cough|breathe|eat|lie|sit|stand|move|kneel|squat|turn|swallow|twist|reach|sneeze|exercise|go)\b[^,.;!?]*)/,
];
/** Things that make it better. */
export const RELIEVING_PATTERNS: readonly RegExp[] = [
  /\b(?:better|eases?|eased|easier|relieved|improves?|settles?|goes away)\s+(?:when|with|by|after|if|while|on|once)\s+([^,.;!?]+)/,
  /\b([a-z][a-z -]{2,40}?)\s+(?:helps|help|makes it better|eases it|relieves it|takes the edge off)\b/,
];
/** The course: constant or intermittent, getting better or worse. */
export const PATTERN_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:constant(?:ly)?|all the time|non-?stop|never goes away|continuous(?:ly)?)\b/, 'constant'],
  [/\b(?:comes and goes|on and off|off and on|intermittent(?:ly)?|now and then|every so often)\b/, 'comes and goes'],
  [/\b(?:getting worse|worsening|worse and worse|gets worse every day)\b/, 'getting worse'],
  [/\b(?:getting better|improving|easing off)\b/, 'getting better'],
  [/\b(?:staying the same|about the same|no change|unchanged)\b/, 'unchanged'],
];

/** Where a free-text phrase stops: a clause that starts another slot. */
export const PHRASE_END = /\s+(?:since|after|for|and|but|which|because|so|though|although|especially|then)\b.*$/;

/** Filler a patient puts before an answer ("like I said, Saturday"); removed from a slot's value. */
export const FILLER =
  /^(?:(?:well|um+|uh+|erm|hmm|so|ok(?:ay)?|yes|yeah|like i said|as i said|i said|i think|i guess|i'?d say|i would say|probably|maybe|honestly|it'?s|it is|it was|it'?s been)[\s,.:-]+)+/i;
