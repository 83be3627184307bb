/**
 * Findings: what a patient or a relative says, in lay words, mapped to one clinical finding each. Categories
 * (categories.ts) combine findings. Vocabulary drawn from the NHS "call 999 / go to A&E" pages, NICE and RCOG
 * red-flag lists, the Consumer Health Vocabulary's lay terms and common UK, US, Indian and Nigerian English
 * phrasings (see triage-references in the shared notes). Notation: phrase-matcher.ts. Ids starting `p_` are
 * facts about the person (age group, pregnancy, medicines, conditions), also read from the saved profile.
 */
export interface FindingDefinition {
  /** Plain words for the patient's screen and the doctor's queue. */
  label: string;
  phrases: string[];
  /** Everyday phrases that contain the finding's words but do not mean it ("heat stroke", "fitted me in"). */
  except?: string[];
}

const PAIN =
  'pain|pains|pian|paine|painful|hurt|hurts|hurting|ache|aching|sore|agony|tender|throb|throbbing|stabbing|burning|cramp|cramps|cramping';
// With its common misspellings: a corrector might otherwise take "chst" for another taxonomy word.
// Breathing rates from 50 a minute (ESI danger zone at every age).
const RATE_50_UP = Array.from({ length: 71 }, (_, i) => i + 50).join('|');
// A temperature of the air, not of a body: "41.5 outside today", "41 in the sauna".
const WEATHER_READING = '# *1 degrees? *0 outside|outdoors|in_the_shade|in_the_sun|in_the_sauna|in_the_greenhouse|today_outside';
const CHEST = 'chest|chst|chset|chets|cheast|breastbone|sternum|ribcage';
const BABY =
  'baby|babies|newborn|infant|bub|bubba|babe|pikin|son|daughter|child|kid|toddler|boy|girl|grandson|granddaughter|grandchild|nephew|niece|little|one|lo';

// The people a patient says they want to join after a death.
const KIN =
  'husband|wife|partner|mum|mother|mom|mam|dad|father|son|daughter|brother|sister|grandad|grandpa|grandma|gran|granny|nan|nana|baby|friend';
// A leaving card or party: an everyday goodbye, not a goodbye note.
const EVERYDAY_GOODBYE = 'goodbye|leaving|farewell *0 card|cards|party|parties|present|gift|drinks|do|lunch|collection';

// In the UK a "surgery" is also the practice itself ("my GP surgery is closed"), no operation.
const CLINIC_SURGERY = 'gp|gps|doctor|doctors|dental|dentist|dentists|vet|vets|local|practice *0 surgery|surgeries';

// Skin rubbed raw or blistered by shoes, a hike or an oar is no burn. Only causes that are never heat: a walk or washing
// up can come with a hot pan or hot water ("washing up, hot water, hands blistered").
const FRICTION = 'shoe|shoes|boots|trainers|hike|hiking|marathon|rowing|oar|oars|friction|rubbing|rubbed|eczema';
const RUBBED_RAW = [`red_raw|blistered|blisters *3 from|after|by|with *3 ${FRICTION}`, `${FRICTION} *8 red_raw|blistered|blisters`];

export const FINDINGS: Record<string, FindingDefinition> = {
  // Chest and heart
  chest_pain: {
    label: 'chest pain',
    except: [
      // A hand on the chest in pretence, in laughter or in mock horror is no sign; in play or sport it is (a heart
      // attack on the pitch), so "playing" is no exception.
      'clutching|clutched|holding|held|grabbing|grabbed|clasping|clasped *4 chest|heart *3 laughing|laughter|dramatically|in_mock|mock|pretending|joking',
      'pretending|pretend|mock *4 clutching|clutched|holding|grabbing|clasping *3 chest|heart',
      // Rubbing a remedy in is care, not the sign.
      'rubbing|rubbed|rubs|massaging *3 vicks|vapour|vapor|vaporub|cream|ointment|oil|balm|lotion|gel|suncream|moisturiser',
    ],
    phrases: [
      `${CHEST} * ${PAIN}|tight|tightness|pressure|heavy|heaviness|discomfort|squeezing|squeezed|crushing|crushed|pounding|pressing|weight|band|vice|gripping|killing|burn|burns|on_fire`,
      `${PAIN}|tightness|pressure|heaviness|discomfort|squeezing|crushing|weight|band|vice|gripping *6 ${CHEST}`,
      `heart ${PAIN}|hurts|hurting`,
      // "Ticker" is lay slang for the heart (UK, US, Australian English).
      `ticker *2 ${PAIN}|tight|heavy|pounding|playing_up|acting_up`,
      'pain|pains|hurt|ache|aching *2 ticker',
      `pain|pains|hurt|ache *2 heart`,
      'elephant *4 chest',
      'angina',
      'tight chest|chested',
      `${CHEST} feels * tight|heavy|crushed|squashed|squeezed|compressed|like`,
      'something sitting|pressing|standing *3 chest',
      'cardiac pain',
      // A hand held or rubbed on the chest is the sign a relative sees (Levine's sign), often with no pain word.
      'clutching|holding|grabbing|gripping|clutched|grabbed|rubbing|rubbed|rubs|clasping|clasped|massaging|pressing|pressed|thumping|thumped *4 chest|breastbone|heart',
      // The hand on the chest beside the arm, jaw or throat it spreads to: "holding his left arm and his chest".
      'clutching|holding|grabbing|gripping|clutched|grabbed|rubbing|rubbed|rubs|clasping|clasped|massaging|pressing *3 arm|jaw|neck|throat|shoulder *0 and *4 chest|breastbone',
      'fist|fists|hand|hands *3 into|against|on|over *2 chest|breastbone',
      'heart *2 paining|pain|pains|hurting|hurts|aching|ache',
      'someone|somebody|something|stone|rock|brick|bricks|elephant|weight|truck|lorry|car|bus *3 sitting|standing|pressing|crushing|squeezing|lying|pushing|parked|stood|sat *3 chest',
      'band|belt|rope|strap *3 around|round|across *2 chest',
      'chest *3 feels|feel|is *0 like_a_stone|like_a_rock|like_a_brick|like_a_weight|like_a_vice|like_a_band|like_lead|like_concrete',
      'like_a_knife|like_knives|knife_like|like_a_dagger|like_a_spear *4 chest|breastbone|heart',
      'chest|breastbone|heart *4 like_a_knife|like_knives|knife_like|like_a_dagger|like_a_spear',
      'chest|heart *3 dey_do_me|dey_pain|dey_press|dey_hurt|do_me_somehow|dey_burn|dey_tight|dey_squeeze',
      'dibdib|chhati|chhaati|chaati|seena|=seene *3 sakit|sumasakit|masakit|dard|mein_dard|me_dard|pain|paining|ghabrahat',
      'sakit|sumasakit|masakit|dard *3 dibdib|chhati|chhaati|chaati|seena|=seene',
      'like *1 tight|heavy|band|belt|vice|weight|brick|stone|rock|elephant|rope|strap|clamp|fist *5 chest|breastbone|sternum',
    ],
  },
  chest_pain_severe: {
    label: 'crushing or severe chest pain',
    phrases: [
      `crushing|crushed|squeezing|squashing|gripping|vice|elephant|heavy|heaviness|pressure|tearing|ripping|worst|severe|unbearable|excruciating|terrible|agonising|agonizing *4 ${CHEST}|heart`,
      `${CHEST} *3 crushing|crushed|squeezing|squeezed|gripping|squashed|vice|elephant|heavy|heaviness|pressure|worst|severe|unbearable|excruciating|killing|exploding|explode`,
    ],
  },
  pain_radiating: {
    label: 'pain spreading to the arm, jaw, neck or back',
    phrases: [
      'spread|spreading|spreads|radiate|radiating|radiates|going|goes|went|shoot|shooting|shoots|travel|travelling|traveling|travels|moving|moves|moved|down|into|up|through *4 arm|arms|jaw|neck|shoulder|shoulders|back|teeth|elbow|wrist',
      'left arm|shoulder|jaw *3 pain|ache|aches|aching|hurt|hurts|hurting|numb|heavy|tingling|tingly|dead|weak|sore',
      'pain|ache|aching|hurting|heavy|heaviness|tingling|numb|numbness *3 left arm|shoulder|hand',
      'jaw *2 pain|ache|aching|hurt|hurts|hurting|tight|tightness|sore',
      'pain|ache|aching|tight|tightness *3 jaw',
      'both arms *2 heavy|ache|pain|hurt|numb',
      'left hand|fingers *3 pain|ache|aching|hurt|hurts|hurting|numb|heavy|tingling|tingly|dead|weak|sore',
      'pain|ache|aching|hurting|heavy|heaviness|tingling|numb|numbness *3 left|both *0 arm|arms|shoulder|shoulders|hand|hands|jaw',
    ],
  },
  sweating: {
    label: 'sweating or clammy',
    phrases: [
      'sweat|sweating|sweaty|sweats|clammy|drenched|soaked|perspiring|perspiration|diaphoretic',
      'cold sweat|sweats',
      'pouring with sweat',
      'grey|gray|ashen|pale *3 sweaty|clammy',
      'pasina|paseena|pawis|pinapawisan',
      'dripping|pouring|wet|soaking *2 with *0 sweat',
    ],
  },
  exertional: {
    label: 'brought on by exertion',
    phrases: [
      'when|if|after|while|on *3 walk|walking|climb|climbing|exert|exertion|exercise|exercising|stairs|running|jogging|uphill|hill|lift|lifting|gardening|shovelling|shoveling',
      'have|had|has to stop',
    ],
  },
  gtn_used: {
    label: 'used angina spray or tablets',
    phrases: [
      'gtn|nitro|nitroglycerin|glyceryl|nitrolingual|angina_spray|angina_tablets|spray_under_my_tongue',
      'sorbitrate|isordil|isosorbide|angised|nitrate_spray|nitro_spray|tablet_under_my_tongue|tablet_under_the_tongue',
    ],
  },
  heart_attack_named: {
    label: 'possible heart attack',
    phrases: [
      'heart attack|attacks',
      'cardiac arrest',
      'myocardial infarction',
      'mi',
      'stemi',
      'heart is stopping',
      'having a heart',
      'heart attak|attac|atack',
      'heartattack|dil_ka_daura|dil_ka_dora|atake_sa_puso|heart_atake|cardiac_event|massive_coronary',
    ],
  },
  palpitations_severe: {
    label: 'racing or irregular heartbeat with faintness',
    phrases: [
      'heart|pulse *3 racing|pounding|fluttering|irregular|skipping|jumping|beating fast|very fast|all over the place|going crazy',
      'palpitation|palpitations',
      'heart rate *3 high|fast',
      'heart|pulse|heartbeat *4 irregularly|erratically|erratic|weirdly|strangely|oddly|out_of_rhythm|out_of_sync|flipping|flopping|thumping|banging|galloping|hammering|bouncing|going_mad',
    ],
  },
  back_pain: {
    label: 'back pain',
    phrases: [
      `back|waist * ${PAIN}|pain|spasm|killing|gone`,
      `${PAIN} *3 back|spine|waist`,
      'sciatica',
      'slipped disc|disk',
      'lumbago',
      'back gave out|went',
      'bad|dodgy|crook|knackered|buggered|stiff|painful *0 back',
      'put|threw|thrown|done|did|pulled|tweaked|wrenched *2 back *0 out|in',
      'kamar|kamar_dard|kamar_mein_dard|peeth|peeth_dard|sakit_ng_likod',
      'back|spine *2 playing_up|acting_up|giving_me_trouble|giving_me_grief|giving_me_hell|flaring|flared|flared_up|flaring_up|locked|seized|seized_up|in_spasm',
    ],
  },
  tearing_pain: {
    label: 'tearing or ripping pain',
    phrases: [
      'tearing|ripping|ripped|torn|tore|rips|tears',
      'unzipped|unzipping|unzip|split_open|splitting_open|torn_open|ripped_open *3 me|inside|open|down|chest|back',
      'like * being torn|ripped',
      'something * ripped|tore|split|snapped *3 inside|chest|back',
    ],
  },
  connective_tissue: {
    label: 'Marfan syndrome or a known aortic problem',
    phrases: [
      'marfan|marfans|ehlers|aneurysm|aortic|aorta',
      'bicuspid valve',
      'triple_a|aaa|ehlers_danlos|loeys_dietz|turner_syndrome|turners_syndrome|aortic_valve_replacement',
    ],
  },
  // Breathing
  breathless: {
    label: 'short of breath',
    except: ['breath|breathing *2 smell|smells|smelling|smelt|stinks|stink|odour|odor|bad_breath'],
    phrases: [
      'short of breath',
      'shortness of breath',
      'sob',
      'breathless|breathlessness|breathlessly',
      'out of breath',
      // Exact: the stem of "winded" is "wind" ("in the cold wind").
      '=winded',
      'cannot catch * breath',
      'catch my|his|her|their breath',
      'hard|difficult|struggle|struggling|trouble|difficulty|problem|labored|laboured|heavy|fast|rapid|quick|shallow *3 breath|breathe|breathing',
      'breathing *3 hard|difficult|bad|fast|rapid|quick|heavy|laboured|labored|funny|strange|weird|noisy|shallow|wheezy',
      'gasping|panting|puffing|puffed',
      'not getting enough air',
      'cannot get * air|breath',
      'air hunger',
      'chest * wheezy',
      'wheeze|wheezing|wheezy',
      'breath|breathing *2 short',
      'breathe properly',
      'breath is short|low',
      'hard to breath',
      'breathing|breathe|breath *3 heavily|fast|quickly|rapidly|hard|badly',
      'saans|sans *3 phool|phoolna|phooli|phool_raha|phool_rahi|takleef|taklif|problem|nahi|nai|ruk|rukna',
      'hinihingal|hingal|hirap_huminga|hirap_sa_paghinga|kinakapos_ng_hininga',
      'dyspnoea|dyspnea|breathlessness',
      'huffing_and_puffing|puffed_out|out_of_puff',
      // Severity said through function (MRC dyspnoea scale: stops for breath after a few steps or on the stairs).
      'stop|stops|stopping|stopped|rest|resting|pause|pausing *2 to|for|and *1 catch|get|take *2 breath|breathe|air',
      'stop|stops|stopping|stopped|pause|pausing *1 to|for *0 breathe|breath|air',
    ],
  },
  cannot_breathe: {
    label: 'severe difficulty breathing',
    except: [
      'snore|snores|snoring|snorer|apnoea|apnea *6 stop|stops|stopped|pauses|stopping *0 breathing',
      // Grey hair, blue with cold, "blue in the face" from arguing, and a sleeping baby's grunts and squeaks.
      'gone|turned|going|went|turning *1 grey|gray *2 overnight|hair|haired|roots|beard|early|prematurely|at_the_temples',
      'hair|beard|roots|eyebrows|stubble|moustache|mustache|temples|sky|clouds|weather *3 grey|gray|white|silver',
      'turned|went|gone|going|turning *1 blue|purple *2 with|from|in *1 cold|the_cold|cold_water',
      // Habitual colour with cold: "her lips go a bit purple when she's cold in the bath".
      'go|goes|get|gets|turn|turns *2 blue|purple|bluish|purplish *1 with|from|in|when|if *2 cold|the_cold|cold_water|chilly|freezing',
      'blue *2 face *3 arguing|shouting|telling|asking|talking|explaining|repeating|yelling|waiting|complaining',
      'grunts|grunting|grunt *4 squeaks|squeaking|snuffles|snuffling|in_her_sleep|in_his_sleep|in_their_sleep|while_asleep|when_asleep|when_pooing|straining',
      'sleep_apnoea|sleep_apnea|sleep_study',
      // "no breathing problems" denies a problem; it does not say someone is not breathing.
      'no|not|any|without *0 breathing|breath *0 problem|problems|difficulty|difficulties|issue|issues|trouble|troubles',
    ],
    phrases: [
      'cannot breathe|breath',
      'no air|breath',
      'not getting air',
      'can barely_breathe|hardly_breathe|scarcely_breathe|barely_breath|hardly_breath',
      'unable to breathe',
      'not able to breathe',
      'stopped breathing',
      'not breathing',
      'struggling|fighting|gasping *2 for_breath|to_breathe|for_air|for_breathe',
      'gasping',
      'choking|choked',
      'cannot speak|talk|finish|say *4 sentence|sentences|words|breath',
      'too_breathless|out_of_breath *3 speak|talk',
      'lips|face|skin|tongue|mouth *3 blue|grey|gray|purple|dusky',
      'blue|grey|gray|purple|dusky *2 lips|face|tongue|around_the_mouth',
      'turning|turned|going|gone|went *1 blue|grey|gray|purple|bluish',
      'sucking|pulling|caving_in *4 ribs|neck|chest|belly|tummy|throat',
      'ribs|chest|neck *3 sucking|pulling|caving|sinking',
      'grunting|grunts|grunt',
      'nostrils flaring',
      'nostrils|nostril|nose *2 flaring|flare|flares|flared|flaring_out',
      'ribs|collarbone|collarbones|breastbone *3 showing|visible|sticking_out|standing_out|see *3 every|each *0 breath|breathing',
      'see|seeing *3 ribs|collarbone|collarbones *3 breathes|breathing|breath',
      'inhaler|inhalers|pump|pumps|puffer|puffers|nebuliser|nebulizer|ventolin|salbutamol|albuterol *5 not|no|nothing|useless *2 help|helping|working|work|effect|difference|doing',
      // A reliever taken again and again without relief (BTS/SIGN life-threatening asthma).
      '#|#many|loads|lots|ten|twenty *1 puffs|puff|doses|nebulisers|nebulizers|nebs *4 not_helping|not_working|no_better|no_change|no_difference|no_relief|not_touching_it|done_nothing|did_nothing|does_nothing|made_no_difference',
      // "20 puffs and nothing's changing" ("nothing's" stays "nothing s").
      '#|#many|loads|lots|ten|twenty *1 puffs|puff|doses|nebulisers|nebulizers|nebs *4 nothing *1 changing|changed|working|helping|helped|touching|different',
      'inhaler|pump|puffer *4 doing nothing',
      'cannot get air in',
      'breath|breathing *3 stopped|stopping|stops',
      'breathing * very|really|so *1 fast|hard|bad|quick',
      'cannot lie down * breath|breathe',
      'drowning',
      'suffocating|suffocate',
      'stop|stops|stopped|pauses breathing',
      'blue spells',
      'fighting|struggling|gasping|working_hard|straining *3 for *2 breath|air|breathe|breaths',
      'each|every *0 breath *3 struggle|fight|effort|battle',
      'one|few|single|couple_of *0 words|word *2 at_a_time|between_breaths|at_a_go',
      'breathless|short_of_breath|out_of_breath|cannot_breathe *3 at_rest|resting|sitting_still|sitting_down|doing nothing|lying_still',
      'tired|exhausted|tiring|worn_out *3 from|of *1 breathing|trying_to_breathe',
      'oxygen|sats|saturation|saturations|oximeter|oxygen_level|pulse_ox *4 70|75|78|79|80|81|82|83|84|85|86|87|88|89|90|91|dropping|dropped|falling',
      'blue|purple|grey|gray|dusky *2 fingernails|nails|fingertips|finger_tips',
      'hindi_makahinga|di_makahinga|hindi_na_makahinga',
      'cannot_get|not_getting|no *2 breath|air *2 in|into_my_lungs|into_his_lungs|into_her_lungs',
      'air *3 not *2 going_in|getting_in|coming_in',
      'chest|ribs|tummy|belly *3 going_in|going_in_and_out|heaving|sucking_in|drawing_in|pulling_in|caving_in',
      'gulping|gulps|gulped *2 air|for_air|for_breath',
      // The work of breathing a relative sees: air sucked in, shoulders heaving (accessory muscles).
      'sucking|sucked|dragging|gasping *1 air|at_the_air|in_air *0 in?',
      'shoulders *3 heaving|heave|heaves|going_up_and_down|up_and_down|rising_and_falling',
      'like * fish_out_of_water|fish_gasping',
      'lips|tongue|gums|inside_of_the_lips|inside_of_his_lips|inside_of_her_lips *3 black|ashy|ashen|gone_dark|turned_dark|whitish_grey|bluish_grey',
    ],
  },
  asthma: {
    label: 'asthma',
    phrases: [
      'asthma|asthmatic|ashma|athsma|azma|asma',
      'inhaler|inhalers|pump|puffer|ventolin|salbutamol|albuterol|nebuliser|nebulizer',
      'copd|emphysema',
    ],
  },
  stridor: {
    label: 'noisy, high-pitched breathing in (stridor)',
    phrases: [
      'stridor',
      'noisy|whistling|squeaky|crowing|high pitched|high-pitched|harsh|raspy|rasping|honking *4 breath|breathing|breathe|sound|noise',
      'sound|noise *3 breathes|breathing|breath in|breathes in',
      'leaning|lean|sitting *3 forward *3 breathe|breath',
      'tripod',
      'cannot swallow * spit|saliva',
      'spit|saliva *3 cannot swallow',
      'muffled|hot_potato *2 voice',
      'barking|bark *2 cough',
      'seal *2 cough|bark',
      'squeaking|squeak|squeaks|squealing|whooping|honk|honking|crowing|rasping|screeching|whistle|whistles|whistling *4 when|while|as *2 breathes|breathing|breathe|breathes_in|breathing_in',
      'breathing|breath *3 squeaky|whistly|noisy|raspy|crowing|honking|croaky|harsh|high_pitched',
      'breathing|breath *3 squeak|squeaking|squeal|squealing|whistle|whistling',
      'squeaking|squeak|squeaks|squealing|whooping|honk|honking|crowing|rasping|screeching|whistle|whistles|whistling *4 every_time|each_time|whenever *2 breathes|breathing|breathe|breathes_in|breathing_in|breath_in',
      // The sound described by likeness, as a parent hears it.
      'sounds|sound|sounding *2 like *1 a|an *0 seal|sea_lion|goose|kettle|whistle|squeaky_toy *3 when|while|as *2 breathes|breathing|breathe|breathes_in|breathing_in',
      'breathes|breathing|breathe *3 like *1 a|an *0 seal|sea_lion|goose|kettle|whistle|squeaky_toy',
    ],
  },
  drooling: {
    label: 'drooling, cannot swallow saliva',
    phrases: [
      'drooling|dribbling|drool|dribble',
      'hardly|barely|cannot|struggling_to|struggle_to *1 get|swallow *3 own_spit|own_saliva|spit|saliva',
      'cannot swallow * spit|saliva',
      'spitting_out|spits_out|spitting *2 saliva|spit|dribble',
      'saliva|spit|dribble *3 pouring|running|everywhere|dripping',
      'spitting|spit|spits *3 into|in *2 cup|bowl|tissue|tissues|bucket|towel|bag',
      'cannot swallow *2 at_all|anything|even_water|even_saliva|even_spit|own_spit|own_saliva|my_spit|his_spit|her_spit',
    ],
  },
  sore_throat: {
    label: 'sore throat',
    phrases: [
      'sore|painful|swollen|bad *2 throat',
      'throat * hurts|pain|sore|killing|closing|tight',
      'cannot_swallow|hard_to_swallow|painful_to_swallow|hurts_to_swallow',
      'tonsils',
      'quinsy|tonsillitis|strep|strep_throat|throat_infection|pharyngitis|epiglottitis',
    ],
  },
  chest_pleuritic: {
    label: 'sharp chest pain on breathing',
    phrases: [
      `${PAIN}|sharp|stabbing *4 when|if|every * breathe|breath|breathing|cough|coughing`,
      'hurts|painful|pain *2 to breathe|breathe in|breath in',
      'breathe|breathing in *3 hurts|painful|stabbing|sharp',
      'hurts|painful|pain|agony|sharp|stabbing|catches *2 to|when|on|if *3 deep_breath|deep_breaths|breathe_deep|breathe_deeply|breathing_deeply|take_a_breath|breathe_in|breathing_in|inhale|inhaling|breath_in',
    ],
  },
  leg_clot_signs: {
    label: 'a swollen, painful calf or leg',
    phrases: [
      'calf|calves|leg|legs|thigh *3 swollen|swelling|swell|puffy|tender|red|hot|warm|painful|pain|hurts|aching|tight|bigger',
      'swollen|swelling|puffy|painful|tender|red|hot *2 calf|leg|thigh',
      'blood_clot|clots|dvt|thrombosis',
      'one|left|right *0 leg|calf *3 bigger|fatter|thicker|swollen *3 than * other',
    ],
  },
  clot_risk: {
    label: 'a recent operation, long journey, immobility or hormones',
    except: [CLINIC_SURGERY],
    phrases: [
      'surgery|operation|op|operated|c section|caesarean|cesarean|hip replacement|knee replacement',
      'long haul|long flight|long drive|long_journey|flew|plane|coach journey',
      'bed rest|bedbound|bed bound|immobile|cast|plaster|immobilised|immobilized',
      'pill|contraceptive|hrt|oestrogen|estrogen',
      'cancer|chemo|chemotherapy',
      'clot before|previous clot|had a clot',
      'just had a baby',
      'postpartum',
      'birth_control|contraceptive_pill|combined_pill|implant|hormone_pill|hormone_therapy',
      'bedridden|bed_ridden|laid_up|off_my_feet|wheelchair',
      'long_bus|long_train|long_car|long_coach *0 journey|ride|trip|drive',
      '#many hour|hours *2 flight|flights|drive|journey|bus|coach|train',
    ],
  },
  coughing_blood: {
    label: 'coughing up blood',
    except: [
      'blood *6 after|from * nosebleed|nose_bleed|brushing|gums|dentist|tooth',
      'nosebleed|nose_bleed *6 blood',
      'tiny|single|one|small|little *1 pink|red|bloody *0 fleck|speck|dot|spot',
      'gums|gum|brushing|brushed|flossing|flossed|dentist|tooth|teeth *8 spit|spat|spitting|phlegm|blood',
    ],
    phrases: [
      'cough|coughing|coughed|coughs|hacking *4 blood|bloody|red|clots',
      // "coughing blod": the spelling corrector makes "blod" "bled".
      'cough|coughing|coughed|coughs *0 up? bled|bleeding',
      'blood *4 cough|coughing|phlegm|sputum|mucus|spit|spitting|hanky|tissue|sink',
      'spitting|spat|spit|bringing_up *2 blood',
      'phlegm|sputum|mucus|spit *3 blood|bloody|red|pink|rusty|streaked|streaks',
      'haemoptysis|hemoptysis',
      'coughed|coughing|cough|coughs|hacked|hacking|hawked *0 up *5 blood|bloody|clots|red',
      'blood|bloody|red|pink|rusty *2 stained|tinged|streaked *3 phlegm|sputum|mucus|spit|cough',
      'khoon|khun|blood *4 khansi|khaansi',
      'khansi|khaansi *4 khoon|khun|blood',
    ],
  },
  // Head and nerves
  headache: {
    label: 'headache',
    phrases: [
      'clutched|clutching|grabbed|grabbing|gripping|holding *2 his|her|my|their *0 skull',
      'headache|headaches|migraine|migraines|head_ache',
      `head * ${PAIN}|pounding|splitting|killing|exploding|exploded|bursting|banging|throbbing|hammering`,
      `${PAIN}|pressure *4 head|skull|temple|forehead`,
      'head is killing',
      'back of * head|neck *3 pain|hurts|exploded|exploding|bang',
      'sir_dard|sar_dard|sirdard|sardard|sir_mein_dard|sar_mein_dard|sakit_ng_ulo',
      'head *3 feels *1 like * explode|bursting|splitting|split_open',
      // What an onlooker sees: "she grabbed her head and screamed".
      'grabbed|grabbing|clutched|clutching|clutches|grabs|gripping|gripped *1 her|his|my|their *0 head',
    ],
  },
  headache_thunderclap: {
    label: 'a sudden, very severe headache',
    phrases: [
      'worst|worse|biggest|strongest *4 headache|head pain|pain of my life|pain ever|pain i have ever',
      'thunderclap',
      'headache|head *5 worst|ever|=exploded|=burst|bomb|went_off',
      'headache|head *5 like *4 hit|kicked|struck|bat|hammer|gunshot|bomb|explosion|exploded|thunderclap',
      'explosion|exploded|explode|burst|popped|snapped *4 head|skull|brain',
      'hit|struck|kicked|smashed *3 head *4 out of nowhere|nothing|no reason|from nowhere',
      'like * been hit|kicked|struck *3 back of * head',
      'headache *4 seconds|instantly|instant|a minute|one minute',
      'never had|felt * headache|pain *3 like this|this bad|so bad|this severe|like it',
      'like * hit|struck|kicked|whacked|smacked|punched|bashed|clobbered|slammed *6 head|skull',
      'like * hit|struck *4 by *3 bat|hammer|brick|truck|baseball|cricket|bus|train|lightning',
      'from nothing|zero|0 *0 to *3 worst|agony|10|ten|unbearable|excruciating',
      'headache|head_pain *4 peaked|maxed|max|maximum|worst *3 seconds|minute|instantly|straight_away|immediately',
    ],
  },
  onset_sudden: {
    label: 'came on suddenly',
    phrases: [
      'sudden|suddenly|abrupt|abruptly|instant|instantly|immediately|out of nowhere|nowhere|out of the blue|all at once|in seconds|within seconds|within a minute|like a switch|thunderclap|without warning|struck',
      'came_on|came|started|hit *3 fast|quick|quickly|seconds|minute|instantly|suddenly|at once|like',
      'all of a sudden',
      'one minute * fine',
      'just happened|started',
      'in_a_flash|in_an_instant|like_lightning|like_a_bolt|bolt_from_the_blue|like_a_light_switch|flick_of_a_switch|ton_of_bricks|within_minutes|within_moments|in_a_second|in_a_split_second|straight_away',
      'without * warning',
      'one moment|second *3 fine|normal|ok|okay|talking|laughing',
      'came_on|came|started|hit *3 out of nothing|from nothing|like_a_train|like_a_truck|like_a_bus',
    ],
  },
  stiff_neck: {
    label: 'a stiff neck or pain bending the head forward',
    phrases: [
      'neck *3 will_not|does_not|cannot *1 bend|move|turn|go_down',
      'stiff|stiffness|rigid *2 neck',
      'neck *3 stiff|stiffness|rigid|locked|cannot move|cannot bend|hurts to move|painful to move',
      'cannot|unable|hurts to|pain to *3 bend|put|touch|move|tuck *3 chin|neck|head *3 chest|forward|down',
      'chin *3 chest *3 cannot|hurts|pain',
      'neck *2 hurts|hurt|hurting|pain|painful|sore|kills *3 when|if *2 look|looks|looking|bend|bends|bending|nod|nods|nodding *1 down|forward',
      'cries|crying|screams|screaming|winces|wincing|yells|hurts|pain|painful *3 when|if *3 bend|bending|move|moving|lift|lifting|tilt|tilting|touch|touching *2 neck|chin',
      'cannot|hurts_to|painful_to|pain_to|screams_when|cries_when *2 look_down|nod|bend_head_forward|bend_his_head|bend_her_head|bend_my_head|bend_neck|bend_his_neck|bend_her_neck|bend_my_neck',
      'gardan|garden *3 akad|akdi|akad_gayi|jam|jaam|stiff',
      'neck *3 like_a_board|like_a_plank|like_a_pole|like_wood|like_a_rod|like_steel',
    ],
  },
  photophobia: {
    label: 'light hurts the eyes',
    phrases: [
      'light|lights|bright|sun|sunlight *4 hurt|hurts|hurting|painful|pain|bother|bothers|bothering|trouble|troubles|troubling|irritates|irritating|sore|cannot stand|cannot bear|cannot look|unbearable|too much',
      'photophobia',
      'not *1 like|liking|want|tolerate *2 light|lights|brightness|sunlight|bright',
      'cannot stand|cannot bear|avoiding|hiding from *2 light|lights|bright',
      'dark room',
      'wants|wanting|keeps|needs|needing|wanted *3 lights_off|lights_out|curtains_closed|curtains_shut|curtains_drawn|the_dark|dark_room|blinds_down|blinds_shut',
      'shielding|covering|covers|shading|shades|hiding|screwing_up *2 eyes|her_eyes|his_eyes|my_eyes *3 light|lights|sun|bright',
      'squinting|squints|flinching|flinches *3 light|lights|sun|bright',
    ],
  },
  nonblanching_rash: {
    label: 'a rash that does not fade under a glass',
    except: ['green|yellow|greenish|yellowish|healing|old|fading|small|single *1 bruise|bruises'],
    phrases: [
      'rash|spots|dots|marks|blotches|patches|bruises|bruising *5 not *3 fade|go|blanch|disappear|change|go away|go white|vanish',
      'glass|tumbler|cup *5 still|not *3 see|fade|go|visible|there',
      'non_blanching|nonblanching',
      'purple|dark red|dark|red purple|maroon|blood *3 spots|rash|blotches|dots|pinpricks|pin pricks|marks|patches|bruises',
      'rash *3 purple|like bruises|bruise',
      'pinprick|pinpricks|pin prick|petechiae|purpura',
      'bruises|bruising *4 everywhere|all over|from nowhere|no reason|appearing',
      'bleeding|blood|blood_spots *2 under * skin',
      'spots|marks|blotches|dots|patches|rash *3 like *1 bruises|bruise|blood_spots|blood_blisters|pinpricks|pin_pricks',
      'failed * glass_test|tumbler_test|glass_test_failed',
      'purple|purplish|dark_red|plum|maroon|blackish|violet *4 spots|rash|blotches|dots|marks|patches|bruises|specks|freckles',
      'rash|spots|dots *4 do not fade|does not fade|did not fade|not fading|will not fade|still_there|still_visible|does not go|did not go|not going|stayed',
    ],
  },
  meningitis_named: {
    label: 'possible meningitis',
    phrases: ['meningitis|meningococcal|septicaemia|septicemia|menengitis|meningitus|menigitis'],
  },
  face_droop: {
    label: 'face drooping on one side',
    // An expression explains the face: "went to one side in the photo because he was laughing" (a smile asked for is no exception).
    except: [
      'face|mouth|smile|lip|lips *8 because|cos|from *3 laughing|laughter|grinning|joking|messing|pulling_faces|pulling_a_face|pulling_funny_faces',
    ],
    phrases: [
      'corner *3 mouth *3 hanging|drooping|down|dropped|sagging|slipped',
      'face|mouth|smile|lip|eye|eyelid|cheek *3 droop|drooping|droopy|drooped|sag|sagging|saggy|fallen|dropped|dropping|lopsided|crooked|twisted|uneven|slanted|pulled|slack|numb|paralysed|paralyzed|gone funny|gone weird|funny|weird|wonky',
      'droop|drooping|droopy|crooked|lopsided|uneven|wonky|twisted|slanted *2 face|smile|mouth|lip',
      'one side of * face|mouth *4 droop|drooping|down|fallen|numb|weak|sag|sagging|dead|heavy|paralysed|paralyzed|not moving|cannot move|gone|hanging|lower|slipped|slumped',
      'face *3 one side',
      'cannot smile|close *2 properly|one side|eye',
      'facial droop|palsy|weakness',
      'bell palsy',
      'face|mouth|smile|lip|lips *3 slipped|slipping|slid|tilted|skewed|deviated|pulled_to_one_side|turned_to_one_side|moved_to_one_side|gone_to_one_side|to_one_side|not straight|not even|asymmetrical|asymmetric',
      'half *0 face|half_of * face *4 droop|drooping|down|fallen|numb|weak|sag|sagging|dead|paralysed|paralyzed|not moving|gone|frozen',
      'dribbling|drooling|dribbles|drools|leaking *3 from|out_of *2 one_side|corner|side_of',
      'water|drink|tea|food|drool *3 dribbles|dribbling|falls|falling|spilling|spills|comes|coming|leaks|leaking *3 out_of * mouth|one_side|corner',
      'cannot close *2 eye|eyelid|his_eye|her_eye|my_eye *4 one_side|left|right|properly|fully',
    ],
  },
  arm_leg_weak_one_side: {
    label: 'weakness or numbness of one arm, leg or side',
    except: [
      'hold|keep *2 anything|things|food|water|fluids|it *0 down',
      // A grip lost to sweat, grease or soap is not a weak hand.
      'slipping|sliding|slips|slides|slid|slipped *8 sweaty|sweating|sweat|wet|greasy|slippery|oily|soapy|lotion|cream',
    ],
    phrases: [
      'dropping|dropped|drops *2 them|em|it|stuff *3 out_of|from *2 her|his|my *0 left|right *0 hand',
      'cannot *2 hold|grip *3 the_bowl|the_mug|the_cup|a_mug|the_glass|the_plate|a_plate|a_bowl|the_kettle|the_remote',
      'one_side|half *2 body|face|of_me *4 numb|weak|dead|heavy|paralysed|paralyzed|tingling|not working|cannot move|limp|useless|gone',
      'numb|numbness|weak|weakness|paralysed|paralyzed|tingling|dead|heavy|paralysis *3 on|down *2 one|left|right side',
      'numb|numbness|weak|weakness|paralysed|paralyzed|tingling|dead|heavy|paralysis *3 on|down *1 the|my|his|her *1 left|right',
      'left|right|one *2 arm|leg|hand|side|foot *4 numb|weak|dead|limp|floppy|heavy|useless|paralysed|paralyzed|not working|will not work|stopped working|gave way|cannot move|cannot lift|cannot feel|went',
      'cannot|could not|unable to|not able to *2 lift|raise|move|feel|grip|hold|use *4 arm|arms|leg|hand|side|cup|glass|pen|phone|fork|spoon|things',
      'dropping|dropped|drops *3 things|cup|glass|phone|everything',
      'slipping|sliding|falling|slips|slides|slid|slipped|fell *2 out_of|from *2 my|his|her *0 right|left *0 hand|fingers|grip',
      'arm|arms *3 drift|drifting|drifted|fell|falls|dropped|drops',
      'hemiplegia|hemiparesis',
      'weakness on one side',
      'arm went limp|dead',
      'arm|leg|hand|foot *3 floppy|limp|useless|paralysed|paralyzed|not working|stopped_working|will not work|flopping|flops|gave_way',
      'cannot *2 hold|grip|grasp|pick_up *3 anything|things|objects|a_cup|his_cup|her_cup|my_cup|teacup|a_glass|a_spoon|a_pen|the_phone|cutlery',
      'dragging|drags|dragged *3 leg|foot|his_leg|her_leg|my_leg|one_leg|left_leg|right_leg|his_foot|her_foot',
      'leg|foot *2 dragging',
      // Either word order, as the phrase above: "sudden weakness in one arm and leg".
      'weak|weakness|numb|numbness|paralysis|paralysed|paralyzed|tingling|no strength|no power|lost_power *3 left|right|one *0 arm|leg|hand|side|foot|half',
      'lost * power|strength|use|feeling *3 arm|leg|hand|side|left|right',
      'one_side|left_side|right_side *3 not working|stopped working|gone|dead|paralysed|paralyzed|weak|numb|floppy',
    ],
  },
  speech_problem: {
    label: 'slurred or confused speech',
    // Words that will not come out in a speech or an interview are nerves.
    except: [
      'cannot|could_not *1 get *2 words *1 out *4 speech|speeches|presentation|interview|exam|meeting|wedding|stage|audition|nervous|nerves',
    ],
    phrases: [
      'come|came|coming|comes *0 out *3 garbled|jumbled|muddled|slurred|all_wrong|backwards|like_gibberish',
      'slur|slurred|slurring|slurry|slurs',
      'speech|talking|talk|words|voice|speaking *3 funny|strange|weird|odd|wrong|garbled|jumbled|muddled|drunk|thick|nonsense|gibberish|off|not right|slurred|slurring|messed|mixed|confused',
      'cannot|could not|unable to|not able to|trouble|difficulty|struggling to|hard to|hardly *2 speak|talk|form_words|say_words|make_sense|understand',
      'cannot|could not|unable to|not able to|trouble|difficulty|struggling to|hard to|hardly *2 get|find * words',
      'words *3 wrong|jumbled|mixed up|muddled|come out|coming out|not coming|will not come',
      'talking *2 gibberish|nonsense|rubbish|drunk|funny|strange',
      'sounds drunk',
      'sounded|sounds|sounding|sound *3 like *3 drunk|tipsy|sloshed|plastered|been_at_the_sherry|been_at_the_bottle|been_at_the_wine|been_on_the_booze',
      'lost * speech|voice|words',
      'aphasia|dysphasia',
      'mixing|muddling|mixing_up|muddling_up|jumbling|jumbled *2 words|her_words|his_words|my_words|up_words',
      'wrong_words|random_words|made_up_words|wrong_order|words_in_the_wrong_order',
      'bol *2 nahi|nahin|nai|pa_rahe|pa_rahi|paa_rahe|paa_rahi|nahi_pa',
      'speech|talking|voice *3 gone|disappeared|stopped|weird|slow|slowed|sluggish|thick',
    ],
  },
  vision_sudden_loss: {
    label: 'sudden loss of vision or double vision',
    phrases: [
      'lost|lose|losing|loss_of *3 vision|sight|eyesight',
      'cannot see *4 eye|side|anything|out_of',
      'blind|blindness|blinded',
      'curtain|shadow|veil|blackness|black *4 eye|vision|sight',
      'double vision|sight',
      'seeing|see *2 double|two of everything|two of',
      'vision *3 gone|went|black|dark|double|half',
      'half * vision|sight *3 gone|missing|black',
      'vision|sight *3 blacked_out|went_dark|went_black|greyed_out|grey|shut_off|switched_off|disappeared|vanished|blanked',
      'everything *2 double|doubled|two_of',
      'eye|eyes *3 went|gone|going *1 blind|black|dark|dim',
      'cannot see *2 out_of|anything|a_thing|at_all|on_one_side|to_one_side',
    ],
  },
  balance_sudden_loss: {
    label: 'sudden loss of balance or coordination',
    // A limit of endurance is no loss of balance: "can't stand up for long because of my bad knees".
    except: [
      'cannot|could_not|unable_to *1 stand|stand_up|walk|sit|sit_up *1 up? *0 for *0 long|very_long|too_long|ages|more_than|longer_than|longer|any_length',
    ],
    phrases: [
      'cannot|could not|unable to *3 walk_straight|stand|balance|stand_up|coordinate',
      'cannot|could not|unable to *3 keep * balance',
      'lost|losing|loss_of *2 balance|coordination',
      'falling|fell|falls|leaning|veering *3 one side|to the left|to the right|over',
      'walking *2 like * drunk|drunk',
      'staggering|stumbling|unsteady|wobbly|off_balance',
      'room *2 spinning',
      'vertigo',
      'swaying|swayed|reeling|lurching|lurched|staggered|staggers|wobbling|keeling',
      'world|everything|room *2 spinning|going_round|going_around|turning|tilting|whirling',
      'legs|walking *3 all_over_the_place|not coordinating|uncoordinated|clumsy',
    ],
  },
  stroke_named: {
    label: 'possible stroke',
    except: [
      'heat stroke|strokes',
      'heatstroke',
      'swimming|back|breast|golf|tennis|brush|paint *0 stroke|strokes',
      'stroke|strokes *0 of *0 luck|genius',
      'stroke|strokes *0 practice',
      'stroked|stroking * cat|dog|hair|face',
    ],
    phrases: [
      'stroke|strokes|stoke|strok',
      'mini stroke',
      'tia',
      'transient ischaemic|ischemic',
      'cva',
      'brain attack',
      'bleed on|in the brain',
      'brain bleed',
      'lakwa|laqwa|lakva|lakhwa|falij|faalij|phalij|paralysis_attack|paralytic_attack|paralytic_stroke|brain_stroke|brain_haemorrhage|brain_hemorrhage|cerebral_haemorrhage|cerebral_hemorrhage',
      'clot * in|on *2 brain',
    ],
  },
  confusion: {
    label: 'new confusion or drowsiness',
    phrases: [
      'confused|confusion|disorientated|disoriented|delirious|delirium|incoherent',
      'not making sense|talking nonsense|talking rubbish|talking gibberish',
      'stopped|stop making sense',
      'saying|talking *0 random|strange *0 words|things|nonsense',
      'does not|did not|cannot *2 know|recognise|recognize|remember *4 where|who|me|us|date|day|his name|her name|name',
      'not himself|herself|themselves|myself',
      'acting strange|weird|odd|drunk|funny',
      'acting|behaving *3 strange|weird|odd|drunk|funny|aggressive|confused|strangely|oddly|bizarre|out_of_character',
      'behaving strangely|oddly|weirdly',
      'strange|odd|weird *0 behaviour|behavior',
      'drowsy|drowsiness|very sleepy|so sleepy|too sleepy|sleepy and|lethargic|lethargy|out of it|spaced out|zoned out|not with it|not all there|vacant|glazed|dazed|fuzzy head|foggy|cannot think|not responding properly|slow to respond|hard to wake|difficult to wake|not fully awake|barely awake|keeps falling asleep|will not stay awake|cannot stay awake|hard to rouse|difficult to rouse',
      'mumbling|babbling|rambling|gibberish',
      'sleepier|drowsier|more sleepy|more drowsy *3 than * normal|usual',
      'cold_and_clammy|clammy_and_cold',
      'away_with_the_fairies|doolally|loopy|off_his_head|off_her_head|not with us|not all with it|muddled|befuddled|bewildered|lost_the_plot',
      'does_not|did_not|cannot|not *2 know|recognise|recognize *2 where * is|are|was|were|am',
      'semi_conscious|semiconscious|half_conscious|barely_conscious|in_and_out_of_consciousness|drifting_in_and_out|going_in_and_out|slipping_in_and_out|in_and_out_of_it',
      'keeps|keep *2 drifting_off|nodding_off|dozing_off|passing_out|zoning_out|blanking_out',
      'lights_on_but_nobody_home|nobody_home|staring_through_me|staring_right_through|looking_through_me',
    ],
  },
  acute_change: {
    label: 'a new change from how they were',
    // ESI level 2 counts confusion or lethargy only when new: "he was fine yesterday" says it is (dementia "as always" is not).
    phrases: [
      'was|were|is|been *1 fine|normal|ok|okay|alright|well|perfectly_fine|totally_fine|completely_fine|absolutely_fine|his_normal_self|her_normal_self|himself|herself *2 yesterday|this_morning|last_night|earlier|this_afternoon|at_lunch|at_breakfast|at_lunchtime|hours_ago|an_hour_ago|a_few_hours_ago|until_today|till_today|before_lunch|until_this_morning',
      'completely|totally|very|so *0 out_of_character',
      'never *1 been|seen * like_this|this_way',
      'which|that *2 never *0 does|do|happens',
    ],
  },
  very_hot: {
    label: 'a temperature of 41 °C or more',
    // Manchester Triage "very hot" (41 °C and over). Read from a written temperature in the detector; the phrase is a
    // reading said in words.
    // The air, not the body: "41.5 outside today", "41 in the sauna".
    except: [WEATHER_READING],
    phrases: ['temp|temperature|fever *2 41|42|43|105|106|107 *0 degrees?'],
  },
  breathing_rate_high: {
    label: 'breathing 50 or more times a minute',
    // ESI danger-zone vital signs: a breathing rate over 50 is in the danger zone at every age. Said as a rate, never as
    // a duration ("out of breath for 50 minutes").
    // Breathing on purpose: "60 breaths a minute in my breathing exercise class".
    except: [
      '# *0 breaths|times *8 exercise|exercises|class|classes|yoga|breathwork|pranayama|meditation|technique|app|practice|practise',
      'exercise|exercises|class|classes|yoga|breathwork|pranayama|meditation|technique|app|practice|practise *8 #',
    ],
    phrases: [
      `breathing|breathes|respirations *2 ${RATE_50_UP} *0 times|breaths *2 minute|min`,
      `breathing|breathes|respirations *2 ${RATE_50_UP} *0 a|per *0 minute|min`,
      `breathing_rate|resp_rate|respiratory_rate|rr|breath_rate|respiration_rate *2 ${RATE_50_UP}`,
      `${RATE_50_UP} *0 breaths *2 minute|min`,
    ],
  },
  unresponsive: {
    label: 'unconscious or not responding',
    except: [
      // A teenager absorbed in a screen, or a collapse into laughter, is no unresponsiveness.
      // Only with "when I talk to him": "was watching tv and now he is not responding" is unresponsive.
      'phone|screen|ipad|tablet|game|games|gaming|telly|tv|xbox|playstation|console|headphones *5 not|no *1 respond|responding|answer|answering|reply|replying *2 when|if *2 talk|talking|speak|speaking|call|calling|ask|asking',
      'collapsed|collapse|collapsing *1 laughing|with_laughter|in_laughter|in_fits',
      // Sleeping in is no unresponsiveness: "not waking up early for school", "won't wake to his alarm".
      'not|never|cannot *1 waking|wake|wakes|getting *2 early|on_time|in_time|for_school|for_work|for_college|for_uni|alarm|alarms',
      'not|never|cannot *1 waking|wake|wakes|getting *2 before|until|till *0 noon|midday|lunchtime|lunch|late|10|11|12|the_afternoon',
      'no|not|any|without *0 breathing|breath *0 problem|problems|difficulty|difficulties|issue|issues|trouble|troubles',
    ],
    phrases: [
      'unconscious|unconsciousness|unresponsive|unrousable|unarousable|comatose|coma',
      'not|no *2 responding|response|respond|reacting|waking|wake|rousing',
      'will not|cannot|could not|would not *2 wake|rouse|respond|come round|come around|answer|answering|talk|speak',
      'woke|came *3 on the floor|ground',
      'do not know how * got there',
      'passed out *4 still|not|again|and|cannot',
      'knocked out|lost consciousness|out cold|blacked out|black out|blackout|went limp|gone limp|lifeless|lying still|eyes rolling|eyes rolled|rolling back',
      'collapsed|collapse|collapsing|keeled_over|dropped_to_the_floor|fell_to_the_floor|found_him|found_her',
      'no pulse',
      'cannot find * pulse',
      'not breathing',
      'not|no *2 answering|answer|talking',
      'eyes *2 closed *4 shaking|shake|wake|not|no',
      'not|no|has_not|have_not *2 come_round|coming_round|come_around|coming_around|come_to|came_round|woken|woken_up|come_back_round|regained_consciousness',
      'shook|shaking|shaken|shouting|shouted|slapped|pinched|splashed|calling *5 nothing|no_response|not_waking|did_not_wake|does_not_wake|will_not_wake|not_responding|not_respond|no_reaction|does_not_react|not_reacting',
      'dropped|fell|went_down|collapsed|keeled|keeled_over *2 like * stone|sack|log|rock|sack_of_potatoes',
      'slumped|slumping|slouched *3 over|chair|floor|car|sofa|couch|table|desk|toilet|steering_wheel|stairs|steps|ground|bench|pavement|wall',
      'does_not|did_not|will_not|cannot|not *2 open * eyes',
      'eyes *2 not|will_not|do_not|does_not|cannot *0 open|opening',
      'behosh|behoshi|bahosh|be_hosh|behoosh|nawalan_ng_malay|walang_malay|hinimatay',
      'motionless|unrousable|unwakeable|unwakable',
      // Down on the floor and still: what a relative sees of a collapse.
      'went_down|hit_the_floor|hit_the_deck|hit_the_ground|on_the_floor|on_the_ground|fell_down *6 not|no_longer *0 moving|moved|stirring|stirred',
    ],
  },
  syncope: {
    label: 'fainted or passed out',
    except: ['collapsed|collapse|collapsing *1 laughing|with_laughter|in_laughter|in_fits'],
    phrases: [
      'faint|fainted|fainting|faints|passed_out|passing_out|blacked_out|blackout|black_out|collapsed|keeled_over|lost_consciousness',
      'conked_out|hit_the_floor|hit_the_deck|dropped_to_the_ground|dropped_to_the_floor|went_down_like|hinimatay',
      'went|gone|goes *0 down *2 in|on *1 the *0 garden|floor|kitchen|street|corridor|road|bathroom|shop|office|pavement|ground|hallway|hall',
      'funny_turn|funny_turns|had_a_turn|having_a_turn|took_a_funny_turn|dizzy_spell|blackouts',
      'out_cold|spark_out|sparko|knocked_out_cold',
    ],
  },
  // Snoring, gurgling or rattling in someone who has gone down: an airway at risk (ESI level 1, NHS 999 list).
  // Down on the floor or ground, said without "collapsed": only counts with a snoring or gurgling airway.
  down_on_floor: {
    label: 'lying on the floor',
    phrases: ['lying|lay|laid|found|sprawled|slumped|flat *2 on|in *1 the? floor|ground|pavement|road|bathroom_floor|kitchen_floor|grass'],
  },
  airway_noise: {
    label: 'snoring, gurgling or rattling breathing',
    // Pipes, radiators and tummies gurgle too.
    except: [
      'snoring|gurgling|gurgly|rattling|rattly|rasping|noise|noises|sound|sounds *4 from|in|of *2 radiator|radiators|pipe|pipes|boiler|drain|drains|sink|plughole|toilet|tummy|stomach|belly|gut|bowels|kettle|fridge|engine|car|heating|window',
      'radiator|radiators|pipe|pipes|boiler|drain|drains|sink|plughole|toilet|tummy|stomach|belly|gut|bowels|kettle|fridge|engine|car|heating|window *4 snoring|gurgling|gurgly|rattling|rattly|rasping',
    ],
    phrases: [
      'snoring|gurgling|gurgly|rattling|rattly|rasping *2 noise|noises|sound|sounds|breathing|breath|breaths',
      'making|made|makes *2 snoring|gurgling|rattling|rasping|gasping *0 noise|noises|sound|sounds',
      'breathing|breath *3 sounds|sound *2 like_snoring|like_a_snore|gurgly|gurgling|rattly|rattling',
    ],
  },
  abdomen_rigid: {
    label: 'a rigid, board-like tummy',
    except: [
      'big|swollen|bloated|distended|blown_up *2 and *1 hard|tight|rigid|solid *3 after|from *3 dinner|lunch|breakfast|meal|meals|eating|food|takeaway|pizza|curry|buffet|christmas|beer|drinking|feast',
    ],
    phrases: [
      'belly|tummy|stomach|abdomen *3 rigid|board|solid|hard_as',
      // Distended and hard: "stomach has gone very big and hard" (after a big meal it is a full stomach, see except).
      'belly|tummy|stomach|abdomen *4 big|swollen|bloated|distended|blown_up *2 and *1 hard|tight|rigid|solid',
      'belly|tummy|stomach|abdomen *3 rock_hard|like_a_board|like_a_rock|like_a_stone|like_wood|hard_like|as_hard_as|board_like|boardlike|hard_as_a_rock|rock_solid|very_hard|really_hard|so_hard',
    ],
  },
  fainted: {
    label: 'fainted',
    // Fainting at the sight of a needle or of blood is the everyday vasovagal faint, not a reaction to a jab.
    except: [
      'faint|fainted|fainting|passed_out|keeled_over|swooned *3 sight|seeing|saw *1 of? *2 needle|needles|blood|injection|jab|syringe',
    ],
    phrases: [
      'nearly|almost *1 fell|collapsed|dropped|went_down *4 stood|standing|stood_up|got_up|getting_up',
      'came|come|went|coming *1 over *1 all? *0 weak|faint|funny|dizzy|queer|woozy|wobbly',
      'faint|fainted|fainting|faints|fainty|passed out|passing out|swoon|almost passed|nearly passed|nearly fainted|light headed|lightheaded|dizzy|dizziness|giddy|woozy',
      'chakkar|chakkar_aa|chakkar_aana|chakar|nahihilo|hilo',
      'everything *2 went|going|gone|turned *1 black|dark|grey|gray|white|fuzzy',
      'nearly_blacked_out|almost_blacked_out|greying_out|greyed_out|graying_out|grayed_out|about_to_pass_out|going_to_pass_out|gonna_pass_out',
    ],
  },
  seizure: {
    label: 'a fit or seizure',
    except: [
      'fitted|fit|fits *2 in|me|him|her|us|them',
      'keep|get|stay|feel|am|be|very fit',
      'fit and well|healthy|active',
      'fits * properly|well|fine',
      'fit to work|drive|fly|travel',
      // Fitting a thing: "where should I fit a CO alarm?".
      'fit|fitting|fitted|fits *2 a|an|the|new|our|my *0 alarm|alarms|detector|detectors|boiler|lock|locks|shelf|shelves|radiator|window|windows|door|doors|tyre|tyres|battery|batteries|smoke_alarm|co_alarm|carbon_monoxide_alarm|cooker|hob|meter|rail|rails|handrail|handrails|grab_rail|grab_rails|banister|bannister|stairlift|stair_lift|ramp|blind|blinds|curtains|carpet',
      // Installing aids at home: "fitting rails", "fit a stairlift".
      'fit|fitting|fitted *0 rail|rails|handrail|handrails|grab_rail|grab_rails|banister|bannister|stairlift|stair_lift|ramp|ramps|blinds|curtains|carpet|carpets',
      'laughing|giggling|coughing fit',
      'fit of * laughter|anger|rage|coughing',
      'a|the|dress|suit|wedding|bra|kitchen|carpet|glasses|shoe|shoes|trouser|cast|hearing_aid *0 =fitting|=fittings|=fitter',
    ],
    phrases: [
      'seizure|seizures|seizing|seized|siezure|=fit|=fits|=fitting|convulsion|convulsions|convulsing|convulsed|epileptic attack|grand mal',
      'shaking|jerking|twitching|trembling|stiffened|stiff *4 cannot stop|will not stop|not stop|all over|whole body|arms and legs|uncontrollably|and not responding|and unresponsive',
      'eyes *3 rolled|rolling *2 back',
      'foaming|frothing *2 mouth',
      'bit|bitten|biting *2 tongue',
      'body went stiff|rigid',
      'jerking|jerk *2 arms|legs|body',
      'convulsing|convulsions|fitting|seizing|jerking|shaking|twitching *5 not stop|will not stop|cannot_stop|not stopping|keeps_going|still_going|on_and_on',
      'kombulsyon|nangingisay|jhatke|jhatka|daura|dora|mirgi|epilepsy_attack|epileptic_fit|fit_attack|fits_attack',
      'stiff|stiffened|rigid *3 and * jerking|shaking|twitching|jerks|shakes',
      'eyes *3 rolled|rolling|rolls *2 up|back|upwards|into * head',
      'lips|face *3 blue *4 shaking|jerking|fitting|twitching',
      'febrile *0 convulsion|convulsions|seizure|seizures|fit|fits',
      'eyes *3 turning|turned|going|went|gone *1 up|upwards|back|white|to_the_top',
    ],
  },
  seizure_prolonged: {
    label: 'a long fit or one that will not stop',
    phrases: [
      '#|five|ten|several *2 minutes|mins *4 fit|fitting|seizure|shaking|jerking|convulsing',
      'fit|fitting|seizure|shaking|jerking|convulsing *5 #|five|ten *2 minutes|mins',
      'another|second|third|back to back|one after another *2 fit|seizure|fits|seizures',
      'not stop|will not stop|cannot stop|still *2 fitting|seizing|shaking|jerking|convulsing',
      'first *3 fit|seizure|ever',
      'never had * fit|seizure|fits|seizures',
      'fit|fits|fitting|seizure|seizures|seizing|convulsion|convulsions|convulsing|shaking|jerking *4 not stop|will not stop|cannot_stop|not stopping|keeps_going|still_going|for_ages|on_and_on|not stopped|has not stopped|going_on',
      'one|fit|seizure *3 after|into *2 another|the_other|next',
      'fits|seizures *3 back_to_back|in_a_row|one_after_the_other|close_together|#|keep_coming|keeps_having|coming',
    ],
  },
  // Allergy
  allergy_trigger: {
    label: 'contact with an allergy trigger',
    phrases: [
      'allergic|allergy|allergies|reaction|anaphylactic|anaphylaxis',
      'peanut|peanuts|nut|nuts|cashew|almond|shellfish|prawn|prawns|shrimp|crab|lobster|fish|egg|sesame|milk|wheat|kiwi',
      'sting|stung|bee|wasp|hornet|insect_bite',
      'penicillin|amoxicillin|antibiotic|antibiotics|contrast|dye|latex|injection|jab|vaccine',
      '=ate|eaten|eating|drank|taken|took *4 something|new',
      'hives|welts|wheals|urticaria|itchy rash|blotchy|rash all over|flushed|flushing',
      'groundnut|groundnuts|peanut_butter|hazelnut|walnut|pistachio|pecan|brazil_nut|tree_nut|tree_nuts|mussels|oysters|squid|clams|crayfish|soy|soya|mustard|lupin|celery|satay|pesto|marzipan|nutella|praline',
      'ibuprofen|aspirin|nsaid|diclofenac|sulfa|septrin|cotrimoxazole|ceftriaxone|cephalexin|augmentin|co_amoxiclav|flucloxacillin|anaesthetic|hair_dye|black_henna|jellyfish|fire_ant|fire_ants',
    ],
  },
  airway_swelling: {
    label: 'swelling of the throat, tongue or lips',
    except: [
      'tongue|lip|lips|cheek *6 bit|bitten|biting|bite',
      // Swelling from a knock explains itself: "a fat lip from football", "lip swollen after he fell".
      'fat|split|busted|burst *0 lip|lips',
      'lip|lips|mouth|face|cheek|eye *4 from|after *4 knock|hit|punch|punched|fall|fell|ball|elbow|elbowed|tackle|fight|football|rugby|boxing|bang|banged|headbutt',
      'tingled|tingling|tingly|itchy|itched|itching *1 slightly|a_bit|a_little|mildly|a_tiny_bit',
      'slightly|a_bit|a_little|mildly|only *1 tingled|tingling|tingly|itchy',
    ],
    phrases: [
      'throat *4 closing|closing up|swelling|swollen|tight|tightening|tight|thick|narrow|blocked|shutting|close up',
      'tongue|lips|lip|mouth|face *3 swell|swelling|swollen|puffy|puffed|huge|thick|fat|big|tingling|blowing up|ballooning',
      'swollen|swelling|puffy|puffed_up *2 tongue|lips|lip|throat|face|mouth',
      'angioedema|angio_oedema',
      'windpipe|airway *4 closing|swelling|closing_up|tightening|narrowing|constricting|constricted|shutting|blocked|sealing|squeezing',
      'tongue|lips|lip *3 double|massive|ballooned|ballooning|twice_the_size|too_big|filling',
    ],
  },
  swallow_voice_change: {
    label: 'a hoarse voice or trouble swallowing',
    phrases: ['cannot swallow', 'hoarse|hoarseness|croaky', 'voice * changed|strange|funny|weird|different'],
  },
  adrenaline_used: {
    label: 'an adrenaline pen was used',
    // Learning to use one is not using one: "how do I use an EpiPen?".
    except: [
      'do|does|should|would|will *2 i|he|she|we|you|they *1 still? need|carry|get|have *3 epipen|epi_pen|epipens|jext|emerade|auvi_q|adrenaline|auto_injector|autoinjector|pen|pens',
      // A replacement asked for is no pen used: "just need a new epipen as mine expired".
      'need|needs|order|ordering|get|getting|renew|renewing|replace|replacing|request|requesting|prescribe|prescription|repeat *2 new|another|replacement|spare|more|extra|repeat|second *0 epipen|epi_pen|epipens|jext|emerade|auvi_q|pen|pens|adrenaline|auto_injector|autoinjector',
      'how|when|whether|learn|learning|teach|taught|show|shown|practise|practice|practising|practicing|trainer *3 use|give|inject|using|giving|injecting *3 epipen|epi_pen|jext|emerade|auvi_q|adrenaline|epinephrine|auto_injector|autoinjector|pen',
    ],
    phrases: [
      'used|gave|give|giving|jabbed|injected|took|had to use|needed|use *4 epipen|epi_pen|jext|emerade|auvi_q|adrenaline|epinephrine|auto_injector|autoinjector|pen',
      'epipen|epi_pen|jext|adrenaline|pen *3 used|given|gone in|in his|in her|in my',
      'anapen|auvi_q',
    ],
  },
  anaphylaxis_named: {
    label: 'possible anaphylaxis',
    phrases: [
      'anaphylaxis|anaphylactic|anaphalaxis|anafilaxis|anaphylactoid',
      'allergic shock',
      'severe allergic reaction',
      'severe|serious|massive|major|huge *2 allergic|allergy *0 reaction|attack|response',
      'allergic|allergy *0 attack',
      'anaphylatic|anafylaxis|anaphylaxsis|anaphylaxic',
    ],
  },
  // Abdomen and bleeding
  vomiting_blood: {
    label: 'vomiting blood',
    except: [
      'red *4 slushie|wine|juice|beetroot|drink|colouring|coloring|sweets|lolly|jelly|ketchup|tomato|cordial|squash|pepper|curry',
      'brought|bring|bringing|brings *0 up *2 blood *0 test|tests|pressure|sugar|results|work|count|levels',
    ],
    phrases: [
      'blood *3 coming up|came up|bringing up|brought up',
      'vomit|vomiting|vomited|throwing up|threw up|being sick|been sick|sick|puke|puking|puked|retching|bringing up *5 blood|bloody|red|coffee|clots|dark brown|black',
      'blood *3 vomit|sick|puke',
      'coffee grounds|ground|granules',
      'haematemesis|hematemesis',
      'brought|bring|bringing|brings *0 up *3 blood|bloody|clots',
      'ulti|ultee|ulty|sumuka|nagsuka *4 blood|khoon|khun|dugo',
      'vomit|sick|sicked|puke|threw_up|throwing_up *4 tea_leaves|coffee_grounds|coffee_granules|dark_granules',
      'vommiting|vomitting|vometing|vommited|vomitted|vommit|vomitting|vomting|vomited *5 blood|bloody|red|clots',
    ],
  },
  black_stool: {
    label: 'black, tarry stools',
    phrases: [
      'black|tarry|tar|sticky black|jet black *3 poo|poop|stool|stools|motion|motions|toilet|bowel|bowels|shit|feces|faeces',
      'poo|poop|stool|stools|motion *3 black|tarry|like_tar',
      'melaena|melena',
      'poo|poop|stool|stools|motion|motions|potty|latrine|crap|shit|number_two|number_2|bowel_movement|bowel_movements|bm|faeces|feces *3 black|tarry|like_tar|jet_black|black_as|like_coal|sticky_black|pitch_black',
      'black|tarry|tar_like|jet_black|pitch_black *3 potty|latrine|crap|number_two|number_2|bowel_movement|bowel_movements|bm|turds|dump|diarrhoea|diarrhea',
      'kala|kali|kaala|kaali *2 potty|latrine|stool|toilet|motion|pakhana',
    ],
  },
  rectal_bleeding_heavy: {
    label: 'heavy bleeding from the back passage',
    phrases: [
      'lot of|lots of|pouring|pints|cups|clots|heavy|so much|filling *3 blood *4 toilet|bottom|back passage|rectum|poo|stool',
      'bleeding *3 bottom|back passage|rectum *4 not stop|will not stop|lot|heavy|pouring|clots',
      'loads_of|load_of|loads|tons_of|so_much|a_lot_of|lot_of|pouring|gushing|streaming *3 blood *4 bum|butt|anus|arse|rectum|back_passage|bottom|toilet|pan|poo',
      'bleeding|blood *3 from|out_of *2 bum|butt|anus|arse *4 lot|loads|heavy|pouring|gushing|not stop|will not stop|clots|everywhere',
      // "Passed blood" says no site; in quantity it needs care now wherever it came from.
      'passed|passing|pass *1 blood *3 loads|lots|lot|so_much|pints|cups|clots|heavy|pouring|gushing|not stop|will not stop',
      'passed|passing *0 loads_of|lots_of|a_lot_of|so_much|pints_of|cups_of *0 blood',
    ],
  },
  abdominal_pain: {
    label: 'tummy pain',
    phrases: [
      `tummy|stomach|belly|abdomen|abdominal|abdo|gut|guts|stomache|side|pelvis|pelvic|groin|lower belly|lower tummy|womb|uterus|flank * ${PAIN}|agony|killing|cramping|cramps`,
      `${PAIN}|cramps|cramping *4 tummy|stomach|belly|abdomen|side|pelvis|pelvic|groin|womb|low down|lower|below`,
      'stomach ache|tummy ache|bellyache|belly ache',
      'stomach|tummy|belly *2 hard|rigid|swollen|bloated|distended|tight',
      // Pain shown rather than said: clutching the belly, doubled over.
      'clutching|holding|gripping|clasping|clutched|grabbed|grabbing *3 belly|tummy|stomach|abdomen|side',
      'doubled|bent|curled *1 over|up *3 pain|agony|belly|tummy|stomach',
      // Pain described by likeness: "my stomach feels like it's being ripped in half".
      'tummy|stomach|belly|abdomen|gut|guts *2 feels|feel|felt|feeling *0 like *4 ripped|ripping|torn|tearing|knife|knives|stabbed|stabbing|exploding|burst|bursting|on_fire',
    ],
  },
  abdominal_pain_one_side: {
    label: 'pain low down on one side',
    phrases: [
      `one side|one-sided|left side|right side|lower left|lower right|left lower|right lower *4 ${PAIN}|pain`,
      `${PAIN}|pain|cramp *4 one side|left side|right side|lower left|lower right`,
    ],
  },
  shoulder_tip_pain: {
    label: 'pain in the tip of the shoulder',
    phrases: ['shoulder_tip|shoulder-tip', 'tip of * shoulder', 'shoulder * pain|hurts|ache *4 lie|lying|down'],
  },
  severe_pain: {
    label: 'severe pain',
    // A limit of endurance is a long-standing function, not severity now: "can't walk for long because of my knees".
    except: [
      'cannot|could_not|unable_to *1 stand|stand_up|walk|sit|sit_up *1 up? *0 for *0 long|very_long|too_long|ages|more_than|longer_than|longer|any_length',
    ],
    phrases: [
      'worst * pain',
      'pain * worst',
      'agony|agonising|agonizing|excruciating|unbearable|unbelievable|intolerable|screaming|crying in pain|doubled over|writhing|rolling around',
      '10 outof 10|11 outof 10|9 outof 10|10 10|ten out of ten|10 out of 10|9 out of 10|off the scale|off the charts',
      'severe|extreme|terrible|horrible|intense|awful|really bad|very bad|killing me',
      'cannot *2 move|walk|stand|sit_still|sleep|bear_it *3 pain|because',
      'pain * cannot move|walk|stand',
      // Severity said through function or tears, further along the clause: "tummy pain so bad im crying n cant walk".
      `${PAIN}|hurts|headache|migraine *2 so|that|too *0 bad|much|severe|strong *4 crying|cry|tears|screaming|scream|cannot|could_not`,
      `${PAIN}|hurts *6 cannot|could_not *1 walk|stand|stand_up|get_up|move|talk|breathe|sit_up`,
      // The pain named before, its severity after a comma: "pain in my belly, it is so bad that I cannot stand up".
      'so|too *0 bad|painful|severe *3 cannot|could_not *1 walk|stand|stand_up|get_up|move|talk|sit_up',
      'crying|howling|screaming|yelling|wailing|moaning|groaning|sobbing *2 in|with|from *0 pain|agony',
      'so_much_pain|terrible_pain|extreme_pain|in_a_lot_of_pain|doubled_up|curled_up_in_a_ball|rolling_on_the_floor|rolling_about|writhing_around',
      '7 outof 10|8 outof 10|seven out of ten|eight out of ten|nine out of ten|7 out of 10|8 out of 10',
      'pain *0 level|score|scale|rating *1 7|8|9|10|seven|eight|nine|ten',
    ],
  },
  vomiting: {
    label: 'vomiting',
    phrases: [
      'thrown up|throwed up|throwing up|boak|boaking|boaked|boking|boked',
      // Nothing kept down, said with a negation: "hasn't kept a bottle down for 2 days".
      'not|never|nothing|hardly|barely *1 kept|keep|keeping|stay|stayed|staying|stays|held|holding *3 down',
      'vomit|vomiting|vomited|vomits|throwing up|threw up|throw up|being sick|been sick|keeps being sick|sick everywhere|puke|puking|puked|spew|spewing|retching|emesis|vommiting|vomitting|vometing',
      'cannot keep * down',
      'ulti|ultee|ulty|ultiyan|sumusuka|nagsusuka|chucking_up|chucked_up|chuck_up|barfing|barfed|barf|hurling|heaving|throwing_my_guts|bringing_everything_up|bringing_up_everything|sicking_up|sicked_up|vomitting|vommitting|vommiting',
    ],
  },
  vomit_green: {
    label: 'green vomit',
    phrases: [
      'green|bile|bilious|dark green|bright green *3 vomit|sick|puke|throwing up|up',
      'vomit|sick|vomiting|throwing_up *3 green|bile',
      'greenish|yellow_green|yellowy_green|bottle_green|luminous_green|dark_green *3 vomit|sick|puke|stuff|liquid',
    ],
  },
  diarrhoea: {
    label: 'diarrhoea',
    phrases: [
      'loose_motion|loose_motions|diarrhoea|diarrhea|diarhea|got_the_runs|get_the_runs|getting_the_runs|have_the_runs|has_the_runs|had_the_runs|having_the_runs|with_the_runs|runny poo|loose stool|loose stools|watery poo|watery stools|purging|running stomach|stooling',
      'squits|trots|the_shits|dysentery|gastroenteritis|gastro|tummy_bug|stomach_bug|loose_potty|loose_potties|watery_potty|watery_motions|loose_bowels|watery_diarrhoea|watery_diarrhea|lbm|pooing_water|poo_like_water|runny_tummy|runny_stomach|dast|loose_stools|pagtatae|nagtatae',
    ],
  },
  // Pregnancy and birth
  p_pregnant: {
    label: 'pregnant',
    // "my specialist says it's expected", "expecting the results" are no pregnancy.
    except: [
      'is|was|be|as|than|were|are|not|more|less|worse|better *0 expected',
      'expected|expect|expecting *0 to|that|it|so|as|this|them|him|her|results|a_call|delivery',
    ],
    phrases: [
      'menses|period|periods|menstruation|monthly *4 not_come|did_not_come|did_not_show|has_not_come|have_not_come|late|missed|overdue',
      'pregnant|pregnancy|preggo|preggers|expecting|with child|pregnent|pregant|prenant|belle',
      'carrying|carry *3 belle|baby|pregnancy|twins',
      '# months *0 pregnant|gone',
      '# week|weeks *3 pregnant|along|gone|gestation|pg',
      'i am # week|weeks',
      // The exact word: "bumped my head" is no pregnancy.
      '=bump|womb|fetus|foetus|unborn',
      'positive *2 test|pregnancy_test',
      'missed * period|periods',
      'late * period',
      'period * late|missed|not come|not came',
      'midwife|antenatal|maternity',
      'first|second|third trimester',
      'bun_in_the_oven|family_way|baby_bump|expecting_a_baby|having_a_baby|baby_on_the_way|due_date|buntis|garbhvati|garbhwati|pet_se|hamla|haamla',
    ],
  },
  p_postpartum: {
    label: 'recently gave birth',
    phrases: [
      'gave birth|given birth|giving birth',
      // Birth told by what happened: "the baby's out", "the afterbirth hasn't come".
      'baby|babys *1 is|s|has|just *0 out|born|arrived|come_out',
      'afterbirth|placenta *3 not|still|out|come|came|delivered|stuck',
      'had * baby *4 ago|days|weeks|yesterday|last week|on',
      'delivered|delivery',
      'birth_centre|birthing_centre|birth_center|birthing_center|labour_ward|labor_ward|delivery_suite|maternity_ward|maternity_unit|postnatal_ward *4 home|discharged|left|came_back|got_back|came_home|got_home',
      'home|back|discharged|came_home|got_home *4 from *1 the *0 birth_centre|birthing_centre|birth_center|labour_ward|labor_ward|delivery_suite|maternity_ward|maternity_unit|postnatal_ward',
      'register|registering|registered *1 the|his|her|our *0 birth',
      'c section|caesarean|cesarean|c-section|section',
      'postpartum|post_partum|postnatal|post_natal|after_birth|after_the_birth|after_delivery',
      'after having * baby',
      'breastfeeding|breast feeding|new mum|new mom|newborn',
      'just_delivered|recently_delivered|delivered_at_home|home_birth|newly_delivered|after_childbirth|after_labour|after_labor|since_the_birth|since_delivery|since_giving_birth|nanganak|kapanganak',
    ],
  },
  vaginal_bleeding: {
    label: 'vaginal bleeding',
    // "Blood" in a blood pressure, a test or a thinner, a clot in a lung or leg, and bleeding from a named other place are
    // no bleeding from the womb: a pregnant patient asking for her blood pressure tablets is no emergency.
    except: [
      'blood *0 pressure|pressures|test|tests|sugar|sugars|glucose|thinner|thinners|thinning|group|type|count|counts|work|results|result|donation|donor|bank|cells|vessel|vessels|sample|samples|form|forms|level|levels|orange|oranges|pudding|sausage|relative|relatives|clot_in_my_lungs|clot_in_her_lungs',
      'high|low|hi *0 blood',
      '=bloods',
      'brain|head|gut|stomach|bowel *0 bleed|bleeding|haemorrhage|hemorrhage',
      'bleeding|bleed *0 stomach|ulcer|gums|piles|haemorrhoids|hemorrhoids|nose',
      'nail|nails|cuticle|cuticles|elbow|arm|hand|hands|face|scalp *4 bled|bleeding|bleed|blood',
      'clot|clots *1 in|on *1 my|his|her|the? *0 lung|lungs|leg|legs|calf|brain|arm|heart',
      'nose|nosebleed|gum|gums|spit|saliva|sputum|phlegm|tooth|teeth|lip|lips|finger|fingers|thumb|cut|scratch|scratches|scratching|eczema|graze|shaving *3 blood|bleeding|bleed|bled|bleeds',
      'blood|bleeding|bleed|bled|bleeds *2 from|in|on *1 my|his|her|the? *0 nose|gums|gum|spit|saliva|sputum|phlegm|tooth|teeth|lip|lips|finger|fingers|thumb|cut|scratch|scratches|eczema|graze',
    ],
    phrases: [
      'bleeding|bleed|bled|blood|=spotting|clots|clot|haemorrhage|hemorrhage',
      'passed *3 clot|clots|tissue|something',
      'soaking|soaked|filling|changing *4 pad|pads|towel|towels|sanitary',
      'waters *2 broke|broken|green|bloody',
    ],
  },
  bleeding_heavy: {
    label: 'heavy bleeding',
    phrases: [
      'heavy|heavily|lot of|lots of|so much|pouring|gushing|flooding|soaking|soaked|pints|huge|massive|large|big *4 blood|bleeding|bleed|clots|clot',
      'blood *3 all_over|everywhere *2 floor|the_floor|bed|the_bed|sheets|the_sheets|bathroom|the_bathroom|carpet|the_carpet|seat|the_seat',
      'losing|lost|lose|loses *2 loads|lots|lot|much|pints|litres|liters *1 of? *0 blood',
      'rushing|flowing|gushing *3 like * tap|water',
      'blood *3 rushing|flowing|running *3 out|from',
      'bleeding *4 heavy|heavier|a lot|lots|not stop|will not stop|cannot stop|more|increasing|through|everywhere|fast|gushing',
      'pad|pads|towel|towels *3 every hour|an hour|soaked|full|soaking|through',
      'clots *3 size|big|large|golf|lemon|egg|palm|fist',
      'bleeding|bleed|blood *4 heavily|profusely|nonstop|non_stop|like_a_tap|like_a_river|like_a_faucet|buckets|plenty|too_much|very_much|much_blood|lot',
      'blood *3 dripping|running|pouring|trickling|streaming *3 down * legs|leg|thighs|thigh',
      'clots *3 plum|orange|tennis|grapefruit|fist|hand|palm|saucer|liver',
      'blood *3 keep|keeps|keeping|is *1 coming|flowing|pouring *2 plenty|a_lot|loads|heavily|too_much|out|and_coming',
    ],
  },
  fetal_movements_reduced: {
    label: 'the baby is moving less',
    phrases: [
      'baby|bump|babies|twins|he|she|it *4 not|stopped|less|fewer|hardly|barely|quiet|quieter|slower|slowed|no *3 moving|move|moved|movement|movements|kick|kicking|kicked|kicks|wriggling|wriggle|wriggly|active',
      'not felt|cannot feel|no|fewer|less|reduced|decreased|hardly any *3 movement|movements|kicks|kicking|baby move|baby moving|baby kick',
      'only|just *2 counted *3 one|two|three|four|a_few|a_couple|1|2|3|4 *3 flutters|flutter|kicks|kick|movements|wriggles|moves|nudges',
      'baby|he|she *2 move|moves|moving|moved|kicking|kicks *3 less|fewer|slower|not much|hardly|barely',
      'movements|kicks *3 less|fewer|reduced|stopped|slowed|changed|different|quiet|decreased|weaker|weak|softer',
      'not * felt * baby|kick|move',
      'baby * quiet',
      'bump|tummy|womb|belly *3 gone|very|so|too|really|unusually|been *1 still|quiet|quieter|silent',
      'bump|tummy|womb|belly *3 quieter|silent|still',
      'baby|bump *3 less_active|inactive|motionless|not as active|not as lively|less_lively|less_wriggly|much_less_wriggly',
      'cannot_feel|not felt|not feeling|not feel *2 baby|babies|bump|twins|bubs|him|her|it *0 move|moving|kick|kicking|at_all|today',
      'movements|moves|kicks|kicking|wriggles|wriggling *3 nothing|none|gone|barely|hardly|much_less|less_than|fewer_than|not_much',
      'no|not|hardly_any|barely_any|not_many *2 movement|movements|kicks|kicking|wriggles|wriggling|flutters',
    ],
  },
  baby_quiet: {
    label: 'the baby has gone quiet',
    // "Still" as in "yet", not "motionless": a baby still kicking is moving.
    except: ['still *0 moving|kicking|kicks|kick|wriggling|wriggly|active|lively|moves|move|going'],
    phrases: [
      'baby|babies|twins|bubs|bub|bubba *3 gone|very|so|much|really|been|is|unusually|too *1 quiet|quieter|still|silent|calm|calmer',
    ],
  },
  preeclampsia_signs: {
    label: 'headache, vision changes, pain under the ribs or sudden swelling in pregnancy',
    phrases: [
      'flashing_lights|flashes|sparkles|spots|floaters|stars *3 eyes|vision|before',
      'blurred|blurry|blurring|fuzzy|funny|strange *2 vision|sight|eyes',
      'pain|ache|hurts|hurting *4 under|below * ribs',
      'pain|ache|hurts|hurting *4 upper_right|top_of * tummy|stomach|belly',
      'right side under * ribs',
      'sudden|suddenly|very|really|so *3 swollen|swelling|puffy|puffed *5 face|hands|feet|ankles|fingers|legs',
      'face|hands|feet|fingers|ankles *3 swollen|swelling|puffy|puffed up|blown up',
      'ring|rings|shoes *3 not fit|not fitting|tight|cannot_get',
      'protein * urine|wee',
      'seeing|see|saw *2 spots|stars|sparkles|flashes|flashing|flashing_lights|flickering|zigzags|zigzag|zig_zags|lights|floaters',
      'flashing|flickering|sparkly|sparkling|shimmering|zigzag|zig_zag *0 lights|lines|spots',
      'face|hands|feet|fingers|ankles|legs *3 puffed_up|blown_up|like_balloons|ballooned|swelled_up|swollen_up',
      'protein|proteinuria *3 urine|wee|pee|dipstick',
    ],
  },
  // Readings typed as numbers are read by the detector (vitalSignReadings), which knows a high one from a normal one.
  bp_high: {
    label: 'high blood pressure',
    phrases: [
      'blood_pressure|bp *3 high|up|raised',
      'gestational_hypertension|pregnancy_induced_hypertension|pih|high_bp|bp_is_high|bp_high|bp_very_high|bp_shot_up|bp_up',
    ],
  },
  // Diabetes
  p_diabetes: {
    label: 'diabetes',
    phrases: [
      'diabetes|diabetic|diabetics|diabetis|diabeties|diabetec|type 1|type one|t1d|type 2|type two|t2d|insulin|metformin|gliclazide|sugar problem|sugar disease|sugar level|sugars|blood sugar|glucose|dm|libre|dexcom|cgm|pump',
      'sugar_patient|sugar_ki_bimari|madhumeh|sugar_disease|has_sugar|have_sugar|got_sugar|sugar_level_high',
    ],
  },
  ketones: {
    label: 'ketones, fruity breath or deep fast breathing',
    phrases: [
      'ketones|ketone|keytones|ketoacidosis|dka',
      'fruity|pear_drop|pear_drops|nail_varnish|nail_polish|acetone|sweet *3 breath|smell',
      'breath|breathing *3 fruity|sweet|acetone|deep|weird',
      'kussmaul|deep_sighing|sighing_breaths|deep_and_fast|deep_fast_breathing|gulping_air',
      'not|stopped|skipped|missed|forgot *3 taking|take|had *2 insulin',
      'breath|breathing *3 smell|smells|smelling *2 funny|strange|odd|weird|sweet|fruity|like_nail|like_pear|like_alcohol|like_acetone|like_fruit',
    ],
  },
  high_sugar: {
    label: 'very high blood sugar or great thirst',
    phrases: [
      'sugar|sugars|glucose|bg|bm|reading|levels|meter *4 high|hi|through_the_roof|off_the_scale|over_20|over_30|20|25|30|33|hhh',
      'thirsty|thirst|drinking_loads|peeing_loads|weeing_loads|peeing_all_the_time',
      'sugar|sugars|glucose|bg|bm|reading|levels|meter *4 21|22|23|24|26|27|28|29|31|32|34|35|400|450|500|550|600|off_the_charts|off_the_scale|reads_hi|says_hi|error|too_high_to_read',
    ],
  },
  hypoglycaemia: {
    label: 'low blood sugar',
    phrases: [
      'hypo|hypos|hypoglycaemia|hypoglycemia|low_sugar|low_blood_sugar|went_low|going_low',
      'meter|reading|monitor|libre|dexcom *3 lo|low',
      'sugar|sugars|glucose|bm|reading|levels *3 low|dropped|crashed|dropping|falling|2|1',
      'sugar|sugars|glucose|bm|reading|levels *3 very_low|too_low|dangerously_low|crashed|tanked|plummeted',
      'low|lo *3 on * meter|monitor|libre|dexcom|sensor',
    ],
  },
  // Genital and urinary
  testicle_pain: {
    label: 'pain or swelling of a testicle',
    // A ball kicked, thrown or hit in a game is no testicle: "kicked the ball into the garden" ("kicked in the balls" is).
    except: [
      'kicked|kick|kicks|kicking|threw|throw|throwing|caught|catch|hit|hitting|bounced|bouncing *0 the|a|his|her|my|our *0 ball|football|rugby_ball|tennis_ball',
    ],
    phrases: [
      'testicle|testicles|testis|testes|ball|balls|nut|nuts|scrotum|scrotal|sack|sac|bollock|bollocks|privates|private part|goolies|willy|groin|down_there *4 pain|hurts|hurting|ache|aching|agony|swollen|swelling|killing|tender|sore|twisted|high|raised|red',
      `${PAIN}|swollen|swelling|agony|kicked *4 testicle|testicles|ball|balls|nut|nuts|scrotum|privates|bollock|sack|groin|down_there`,
      'torsion|twisted_testicle',
      'hit|kicked|kneed|struck|whacked|smacked|booted|elbowed *1 in|on *1 the|his|my|me *0 balls|nuts|testicles|testicle|privates|crotch|bollocks|goolies|nads',
      'nads|gonads|family_jewels|crown_jewels|nutsack|ballsack|ball_sack|andkosh|bayag *4 pain|hurts|hurting|ache|aching|agony|swollen|swelling|killing|tender|sore|twisted|throbbing',
      'ball|balls|testicle|testicles|nut *3 higher|pulled_up|sitting_up|riding_high|gone_up|sideways|horizontal|lying_sideways',
    ],
  },
  saddle_anaesthesia: {
    label: 'numbness between the legs or around the bottom',
    phrases: [
      'no feeling *5 toilet_seat|toilet|sit|sitting|sat|wipe|wiping|bottom|back_passage|privates',
      'like *3 sat|sitting|sit *1 on *1 nothing|air',
      'numb|numbness|no feeling|cannot_feel|do not feel|tingling|pins_and_needles|dead *5 bottom|bum|anus|back_passage|genitals|privates|vagina|penis|saddle|groin|inner_thighs|down_below|down_there|when_i_wipe|wiping|toilet_paper|between_my_legs|between_the_legs|between_his_legs|between_her_legs',
      'saddle *2 numb|numbness|anaesthesia|anesthesia',
      'bottom|bum|private_part|private_parts|privates|genitals|vagina|penis|groin|down_there|saddle|back_passage *3 numb|numbness|no feeling|dead|tingling|cannot_feel',
      'cannot feel *3 passing|pass *0 stool|poo|urine|wee',
      'cannot feel * wipe|wiping|toilet_paper',
      'no sensation|lost sensation|lost_feeling|lost_the_feeling|reduced_feeling|less_feeling|altered_sensation|gone_numb|feels_numb|no feeling *5 crotch|perineum|perineal|buttocks|butt|backside|arse|private_area|genital_area|bits|down_below|down_there|bottom|bum|groin|genitals|privates|vagina|penis|saddle|inner_thighs|anus',
      'crotch|perineum|buttocks|butt|backside|private_area|genital_area|inner_thighs|inner_thigh *3 numb|numbness|no feeling|dead|tingling|pins_and_needles|cannot_feel',
    ],
  },
  bladder_bowel_change: {
    label: 'cannot pass urine or has lost control of the bladder or bowels',
    phrases: [
      'trying|try|tried|straining *2 to *0 wee|pee|urinate|pass_water *5 dribble|dribbles|dribbling|trickle|trickles|nothing|ages',
      'never|do_not|cannot *1 know|tell *1 if|when *2 done|finished|empty',
      'cannot|could not|unable to|not able to|struggling to|trouble|difficulty|hard to *2 pee|wee|urinate|pass_urine|pass_water|go_to_the_toilet|start_peeing|empty_my_bladder|empty_bladder',
      'not|no *2 peed|weed|urinated|passed urine|pee|wee *4 hours|all day|since',
      'straining|strain *3 pee|wee|urinate',
      'nothing|hardly anything|only a dribble *2 comes|coming out',
      'wet myself|wet himself|wet herself|pee myself|peed myself|soiled|wet the bed|incontinent|incontinence|leaking|lost control|no control|accident',
      'cannot feel * pee|wee|bladder|when_i_need',
      'bladder|bowel|bowels *3 control|not working|stopped|full',
      'retention',
      'catheter',
      'not|no|cannot *1 passing|passed|pass *0 urine|water|wee|pee',
      'pooed|pooped|pooing|wetting|weeing|peeing|pissed|pissing|shat|messed|soiling *1 myself|himself|herself|themselves|pants|trousers|knickers',
      'urine|wee|pee *3 stopped|not coming|will not come|blocked|stuck|only_dribbles|just_dribbles',
      'peshab|pishab|peshaab|pisaab *3 band|nahi|nahin|ruk|rukna|ruka|ruk_gaya|nahi_aa',
      'cannot tell *3 if|when|whether *3 finished|full|need|done',
      'cannot *2 control|hold *2 bladder|bowels|bowel|wee|pee|urine|poo|water',
    ],
  },
  legs_both_weak: {
    label: 'both legs weak, numb or painful',
    phrases: [
      'both legs|both my legs|both feet|legs|both of my legs *4 weak|numb|numbness|dead|heavy|jelly|gave way|giving way|tingling|pins and needles|cannot move|not working|pain|sciatica|shooting',
      'weak|numb|numbness|tingling|pain|sciatica *3 both * legs|both sides|both feet',
      'cannot *2 walk|stand|move * legs',
      'legs * gave way|giving way|collapsed',
      'cannot feel *2 legs|feet|my_legs|both_legs|his_legs|her_legs',
      'legs *3 buckled|buckling|went_from_under|went_from_under_me|collapsed_under',
      'sciatica|leg_pain|shooting_pain *4 both|other|second *0 leg|side|sides',
    ],
  },
  // Limbs and injury
  limb_cold_pale: {
    label: 'a cold, pale or blue limb',
    except: [
      'fingers|toes|hands|feet|hand|foot *6 white|blue|cold|pale|purple|numb *5 in_the_cold|cold_weather|raynaud|raynauds|winter|chilblains|when_it_is_cold|when_cold',
    ],
    phrases: [
      'colour|color *2 of *1 candle_wax|wax|chalk|putty|a_candle|paper|marble|a_corpse',
      'freezing|icy|ice_cold|stone_cold *1 to *1 touch|the_touch',
      'leg|legs|foot|feet|arm|hand|toes|fingers *6 cold|icy|freezing|white|pale|blue|purple|mottled|marble|grey|gray|waxy|corpse|no pulse|pulseless',
      'cold|icy|freezing|white|pale|blue|mottled|grey|gray *3 leg|foot|feet|arm|hand|toes|fingers',
      'cannot feel * pulse *3 foot|leg|wrist|ankle',
      'leg|legs|foot|feet|arm|hand|toes|fingers *6 dusky|bluish|purplish|blotchy|cold_to_touch|cold_to_the_touch|stone_cold|ice_cold|like_ice|deathly_pale|white_as|gone_black|turning_black|black',
      'no pulse|cannot feel a pulse|cannot find a pulse|lost the pulse *3 foot|leg|feet|ankle|wrist|arm|toes',
      'leg|legs|foot|feet|arm|hand|toes|fingers *10 cold_like_ice|ice_cold|icy_cold|stone_cold|freezing_cold|like_ice|like_a_block_of_ice|cold_as_ice|deathly_cold',
      'leg|legs|foot|feet|arm|hand|toes|fingers *10 colour|color|skin *2 becoming|became|turning|turned|gone|going|changing|changed *2 white|pale|blue|grey|gray|purple|mottled|dusky|bluish|blotchy|black',
    ],
  },
  // Said of a limb with a pronoun after a comma ("my foot got so painful I can't put it down, it's pale and cold"), which a
  // phrase cannot reach across: two of the 6 Ps together, counted only beside a painful or numb limb.
  pale_and_cold_pronoun: {
    label: 'pale and cold',
    except: ['it_is|they_are|it_went|it_has_gone|it_looks|it_feels *4 outside|out_there|weather|snow|snowing|winter|frost|frosty'],
    phrases: [
      'it_is|they_are|it_went|they_went|it_has_gone|they_have_gone|it_looks|they_look|it_feels|they_feel|it_has_turned|it_turned|it_got|they_got *1 all|really|very|so? *0 pale|white|blue|mottled|purple|waxy *1 and *1 cold|icy|freezing|numb',
      'it_is|they_are|it_went|they_went|it_has_gone|they_have_gone|it_looks|they_look|it_feels|they_feel|it_has_turned|it_turned|it_got|they_got *1 all|really|very|so? *0 cold|icy|freezing|numb *1 and *1 pale|white|blue|mottled|purple|waxy',
    ],
  },
  // Pulselessness, one of the 6 Ps of acute limb ischaemia: a pulse that cannot be felt, said near a limb or alone.
  pulse_absent: {
    label: 'no pulse can be felt',
    phrases: ['cannot_feel|cannot_find|could_not_feel|could_not_find|no|lost|not_getting|unable_to_feel|unable_to_find *2 pulse|pulses'],
  },
  bp_low: {
    label: 'a low blood pressure reading',
    phrases: ['blood_pressure|bp *3 very? *0 low|dropped|dropping|crashed|crashing|plummeted'],
  },
  // Only a number says it: set by the detector's reading of pulses (vitalSignReadings), never by a phrase.
  heart_rate_very_fast: { label: 'a pulse over 130', phrases: [] },
  pain_or_numbness: {
    label: 'pain or numbness',
    phrases: [`${PAIN}|numb|numbness|tingling|pins_and_needles|no_feeling`, 'cannot feel *2 leg|legs|foot|feet|arm|hand|toes|fingers|calf'],
  },
  limb_pain_numb: {
    label: 'a painful, numb or weak limb',
    phrases: [
      `leg|foot|arm|hand|calf|toes|fingers * ${PAIN}|numb|numbness|weak|tingling|pins and needles|cannot move|paralysed|dead`,
      `${PAIN}|numb|numbness|weak|tingling *3 leg|foot|arm|hand|calf|toes|fingers`,
      'cannot feel *2 leg|legs|foot|feet|arm|hand|toes|fingers|calf',
      'dead|deadness|heavy|heaviness *3 leg|foot|arm|hand',
      'leg|foot|feet|arm|hand|toes|fingers *6 cannot_feel|no feeling|numb|numbness|agony|killing',
    ],
  },
  penetrating_injury: {
    label: 'a stab wound, gunshot or impalement',
    except: [
      'flu|covid|booster|vitamin|b12|tetanus|allergy|cortisone|steroid|botox|hpv|measles|mmr|pneumonia|hepatitis|rabies|first|second|insulin|hormone|fertility|testosterone *2 shot|shots',
      'shot|shots *2 of *1 vodka|tequila|whisky|whiskey|espresso|rum|gin|jager|sambuca|coffee',
      // Play: "pretending to be shot", a Nerf gun.
      'pretend|pretending|pretended|toy|nerf|water_pistol|cops_and_robbers *4 shot|stabbed|shooting',
      'mug_shot|photo_shot|screen_shot|long_shot',
    ],
    phrases: [
      '=stab|=stabbed|=knifed|knife wound|knife went|knife in|machete|cutlass|=glassed',
      'been|got|was *0 stabbed',
      'stab_wound|stab_wounds',
      'shot|gunshot|gun_shot|bullet|=gunned',
      'been shot',
      'impaled|impalement|went into|sticking out of *3 chest|belly|stomach|neck|head|eye',
      'stab_wound|puncture_wound',
      '=shanked|=shived|=chibbed|=chived|=cutlassed|=jooked|=juked',
      'knife|blade|glass|nail|rod|spike|pole|screwdriver|arrow|scissors|metal|stick|branch|bolt|pipe *3 stuck|sticking|lodged|embedded|went *3 in|into|out_of|through *3 chest|belly|stomach|neck|back|head|eye|abdomen|tummy|side|skull',
    ],
  },
  major_mechanism: {
    label: 'a high-energy injury (crash, fall from height, hit by a vehicle)',
    except: ['minor|small|little|slight|low_speed|fender_bender|fender|parking|car_park *3 car|crash|accident|collision|bump|prang'],
    phrases: [
      'car|motorbike|motorcycle|bike|okada|bus|truck|lorry|keke|vehicle|van *4 crash|crashed|accident|hit|knocked|ran over|run over|rolled|flipped|collision|smash',
      'hit|knocked|run over|ran over|struck *3 by * car|bus|truck|lorry|van|vehicle|motorbike|bike',
      'fell|fall|fallen|jumped *4 roof|ladder|height|balcony|window|stairs|scaffolding|tree|storey|storeys|cliff|wall|metres|meters|feet',
      'fell|fall|fallen|jumped *2 from|off|out_of *3 first|second|third|fourth|fifth|top|upper|#|1st|2nd|3rd|4th *0 floor|floors|storey|story',
      'thrown|ejected|went_through * windscreen',
      'crushed|trapped|pinned *3 under|by|between',
      'rta|rtc|mva|road accident|road traffic',
      'came_off|thrown_off|fell_off|flew_off|knocked_off *2 motorbike|motorcycle|okada|scooter|moped|quad|horse|motor_bike|dirt_bike|bike_at_speed',
      'crash|crashed|collision|accident|wreck|smash|pile_up|rolled *3 jeepney|tricycle|rickshaw|auto_rickshaw|tuk_tuk|danfo|boda|matatu|jeep|suv|tractor|okada|keke|motorbike|motorcycle|car|truck|lorry|bus|van',
      'jeepney|tricycle|rickshaw|tuk_tuk|danfo|boda|matatu|jeep|suv|tractor|train *4 crash|crashed|accident|hit|knocked|ran_over|run_over|rolled|flipped|collision',
      'pedestrian|cyclist *3 hit|struck|knocked|run_over',
      'gas|cylinder|bomb|boiler|firework|fireworks|factory|mine|car|tank|pressure_cooker *2 explosion|exploded|blast|went_off|burst|blew_up',
      'explosion *3 at|in *2 house|home|kitchen|work|factory|site|building',
      '=gored|trampled|kicked_by_a_horse|kicked_by_a_cow|crushed_by',
      'dived|dove|diving *4 shallow|head_first|headfirst|into_the_shallow',
      'high_speed|at_speed|#many mph|#many kmh|#many km',
    ],
  },
  bleeding_uncontrolled: {
    label: 'bleeding that will not stop',
    phrases: [
      'cannot|could not|will not|would not stop *3 bleeding|blood|bleed',
      'bleeding|blood|bleed *4 not stop|will not stop|cannot stop|would not stop|not stopping|everywhere|pouring|gushing|spurting|pumping|squirting|through|soaked|soaking|loads|so much|a lot',
      'spurting|pumping|squirting|gushing|pouring *3 blood|out',
      'soaked|soaking *3 through *2 towel|towels|bandage|cloth|tea_towel',
      'bleeding|bleed *6 not stopping|has not stopped|not stopped|still going|keeps going|keeps coming',
      'soaked|soaking|bled_through|gone_through|went_through|going_through *1 #|two|three|four|five|several|multiple *0 towels|tea_towels|bandages|dressings|cloths|pads *0 already?',
      'lost * lot of blood',
      'pool of blood',
      'deep cut|deep wound|gash|gaping|laceration|=sliced|severed|cut off|chopped off|amputated',
      'bleeding|blood|bleed *4 pissing|pissin|lashing|piddling|like_crazy|like_mad|like_anything|like_hell|like_nothing_else|like_a_tap|tap|faucet|hose|hosepipe|fountain|like_a_river|like_a_pig|profusely|heavily|nonstop|non_stop|buckets|dripping_everywhere|streaming',
      'blood *3 spraying|sprays|jetting|shooting|squirts|spurts|pumps',
      'cut|severed|nicked|sliced|slashed|hit *3 artery|an_artery|the_artery',
      'khoon|khun|blood *3 ruk_nahi|nahi_ruk|band_nahi|nahi_band|rukta_nahi|nahi_rukta|nahi_ruk_raha|ruk_nahi_raha|hindi_tumitigil|ayaw_tumigil',
    ],
  },
  head_injury_event: {
    label: 'a head injury',
    phrases: [
      'hit|banged|bumped|knocked|smacked|bashed|struck|whacked|cracked|injured|hurt *4 head|forehead|skull|temple',
      'head *4 hit|banged|bumped|knocked|smacked|bashed|injury|injured|wound|cut|gash|trauma|concussion',
      'fell|fall|fallen|slipped|tripped *6 head|hit|banged|landed_on',
      'concussion|concussed',
      'head_injury|head_trauma',
      'rolled|fell|fallen|dropped *3 off|from *4 bed|table|changing|sofa|couch|bunk|high_chair|stairs|chair',
      'swelling|lump|bump|egg *4 head|forehead|skull',
      'headbutt|headbutted',
      'blow|whack|thump|smack|bang|knock|crack|hit|kick *3 to|on|in *2 head|skull|forehead|temple',
      'head|skull|forehead *3 split|split_open|dented|dent|bleeding|cracked|caved|smashed',
      'sir|sar *3 chot|lagi|phat|phata|phoot|lag_gayi',
      'knocked_out|knocked_unconscious|knocked_him_out|knocked_her_out',
    ],
  },
  head_injury_red_sign: {
    label: 'vomiting, drowsiness, a fit, memory loss or fluid from the nose or ears after it',
    phrases: [
      'asked|asking|asks|keeps_asking *3 two|three|four|five|six|several|many|loads_of|lots_of|# *1 times|time *3 what_happened|where_she_is|where_he_is|what_day',
      'clear_fluid|fluid|blood *4 nose|ear|ears',
      'bleeding * ear|ears',
      'bruising|bruise|bruised *3 behind * ear|ears|around * eyes|eyes',
      'panda_eyes|raccoon_eyes',
      'cannot remember|does not remember|not remember|memory loss|lost memory|amnesia|forgot|forgetting',
      'knocked out|blacked out|passed out|lost consciousness|unconscious',
      'keeps asking * same',
      'repeating|repeats|repeated|asking *2 questions|same|himself|herself|the_same|over_and_over',
      'pupils|pupil *3 different|unequal|one_bigger|odd|uneven|big_and_small',
    ],
  },
  p_anticoagulant: {
    label: 'on blood thinners',
    phrases: [
      'warfarin|coumadin|apixaban|eliquis|rivaroxaban|xarelto|edoxaban|lixiana|dabigatran|pradaxa|heparin|clexane|enoxaparin|tinzaparin|clopidogrel|plavix|ticagrelor|brilinta|prasugrel',
      'blood thinner|blood thinners|blood-thinner|thinners|anticoagulant|anticoagulants|anticoagulation|thin my blood|thins my blood|thin blood',
      'bleeding disorder|haemophilia|hemophilia|von willebrand|low platelets',
      'acitrom|acenocoumarol|sintrom|nicoumalone|dalteparin|fragmin|innohep|fondaparinux|arixtra|blood_thinning_tablets|blood_thinning_injections|blood_thinning_medicine',
    ],
  },
  burn: {
    label: 'a burn or scald',
    except: [
      'set|setting|lit|light|lighting|made|make|making|build|built|by_the|sitting_by|in_front_of_the|near_the *1 fire|bonfire|fires',
      // A burning feeling is a symptom (reflux, cystitis, neuropathy), not a burn; a cause still matches on its own words.
      'burning|burn|burns *1 pain|pains|sensation|sensations|feeling|feel|ache|aches',
      'burning|burns *3 pee|peeing|wee|weeing|urine|urinate|urinating|passing_water|tummy|stomach|belly|chest|throat|breastbone|eyes|feet',
      'heartburn|heart_burn|acid_burn',
      ...RUBBED_RAW,
      // Iron the mineral, not the hot iron: "should I take iron beforehand?", "my iron is low".
      'take|taking|took|start|starting|stop|stopped|on|need|needs|needed *2 iron',
      'iron tablet|tablets|pill|pills|supplement|supplements|drops|level|levels|infusion|infusions|deficiency|deficient|low|count|sulphate|sulfate',
      'low iron',
    ],
    phrases: [
      'burn|burns|burned|burnt|scald|scalded|scalding|scalds|fire|flames|=boiling|hot water|hot oil|hot tea|kettle|iron|acid|bleach|chemical|caustic|electric shock|electrocuted|shocked by',
      'scorched|singed|seared|charred',
      // A scald told by what happened: "pulled a hot cup of tea over himself" (a hot drink drunk is none).
      'spilled|spilt|spill|spills|pulled|knocked|poured|tipped|splashed|dropped|threw|fell *5 hot|boiling|scalding *2 tea|coffee|water|oil|soup|milk|drink|fat|chocolate|cup|mug|pan|pot|kettle',
      'hot|boiling|scalding *3 tea|coffee|water|oil|soup|milk|drink|fat|chocolate|cup|mug|pan|pot *3 over|onto|all_over|down *1 himself|herself|themselves|myself|him|her|me|his|my|baby|chest|arm|leg|legs|face|hand|lap',
      'hot_tar|tar|bitumen|asphalt|molten|molten_metal|hot_wax|hot_glue *4 splashed|spilt|spilled|stuck|on|onto|burn|burnt|burned|blistered',
      'jal_gaya|jal_gayi|jal_gaye|jala_hua|jali_hui|napaso|nasunog',
      // A scald told only by the skin: "his bottom and both legs are red raw and blistered".
      'red_raw *2 and? *1 blistered|blistering|blisters',
    ],
  },
  drowsy: {
    label: 'unusually sleepy or drowsy',
    // NICE CG84: altered responsiveness (lethargic, drowsy) is a red flag in a child with diarrhoea or vomiting.
    phrases: [
      'really|very|so|too|extremely|unusually|abnormally|super *0 sleepy|drowsy|lethargic|listless|dozy',
      'lethargic|listless|drowsy',
    ],
  },
  burn_large_area: {
    label: 'large blisters or a large burnt area',
    // NHS burns: A&E for a burn larger than the person's hand or with large blisters; read only beside a burn.
    phrases: [
      'big|large|huge|massive|giant|wide|enormous *1 blister|blisters|area|areas|patch|patches',
      'blisters|blistered|blistering *2 everywhere|all_over|huge|massive|big|large|the_size',
    ],
  },
  burn_severe: {
    label: 'a large, deep, electrical or chemical burn, or one on the face, hands or genitals',
    // A large patch of a skin condition is no burn.
    except: ['eczema|psoriasis|rash|hives|bruise|bruising|birthmark|acne|spots|dry_skin|dermatitis|vitiligo', ...RUBBED_RAW],
    phrases: [
      // The size only beside a burn word: "my whole body aches with flu" is no burn.
      'large|big|huge|whole|entire|most of|all over|half|massive|covers|covering|everywhere *5 burn|burns|burned|burnt|scald|scalded|scalds',
      'large|big|huge|whole|entire|most of|half|massive *3 arm|leg|back|chest|body|skin|face *4 burn|burns|burned|burnt|scald|scalded|blistered|blistering|red_raw',
      'burn|burns|burned|burnt|scald|scalded|scalds *5 face|eyes|mouth|hands|hand|feet|genitals|privates|groin|airway|throat|whole|large|big|white|black|charred|leathery|waxy|numb|no pain|peeling off|skin off|skin came off|blisters everywhere',
      'white|black|charred|leathery|waxy *3 skin|burn',
      // A deep (full-thickness) burn: leathery or waxy skin that no longer hurts (NHS burns and scalds).
      'skin *3 leathery|charred|waxy|white_and_leathery|white_and_hard',
      'both|all *0 legs|arms|hands|feet *3 burnt|burned|scalded',
      'electric shock|electrocuted|electrocution|lightning|high voltage|live wire',
      'acid|chemical|caustic|lye|drain cleaner|oven cleaner *4 face|eyes|skin|splashed|thrown|burn',
      'splashed|spilled|spilt|spill|poured|sprayed|squirted|splash|got|dropped *3 acid|chemical|chemicals|caustic|lye|alkali|ammonia|drain_cleaner|drain_unblocker|unblocker|oven_cleaner|caustic_soda|paint_stripper|descaler|limescale_remover|toilet_cleaner|hydrofluoric|sulphuric|sulfuric|hydrochloric|wet_cement|wet_concrete|quicklime|hair_relaxer|relaxer *4 on|onto|over|in|into|down *2 arm|arms|hand|hands|leg|legs|face|skin|neck|chest|foot|feet|eye|eyes|body|back',
      'drain_unblocker|unblocker|caustic_soda|paint_stripper|hydrofluoric|sulphuric|sulfuric|hydrochloric|quicklime|wet_cement|cement|concrete *5 burn|burns|burnt|burned|burning|blister|blisters|blistering|raw|peeling|white|black',
      'bleach|cleaner|cleaning_product|chemical|chemicals|ammonia|disinfectant|caustic|acid|alkali *4 in|into *2 eye|eyes',
      'hair_bleach|hair_dye|relaxer|perm_solution|peroxide|developer|bleach|dye *8 blistered|blistering|blisters|weeping|raw|peeling|oozing|chemical_burn|burnt_my_scalp|burned_my_scalp',
      'acid|caustic|lye|alkali|drain_cleaner|drain_unblocker|unblocker|oven_cleaner|caustic_soda|paint_stripper|descaler|limescale_remover|toilet_cleaner|hydrofluoric|wet_cement|wet_concrete|quicklime|relaxer *6 on|onto|over|in|into|down *2 arm|arms|hand|hands|leg|legs|face|skin|neck|chest|foot|feet|eye|eyes|body|back|scalp|knees|fingers',
      'smoke *3 breathed|inhaled|lungs|house fire|fire',
      'house fire|caught fire|clothes caught|on_fire|set on fire',
      'size of * hand|palm|plate',
      'skin *3 peeled|peeling|came off|hanging|melted',
      'face|eyes|mouth|lips|hands|hand|feet|genitals|privates|groin|throat|neck *4 burnt|=burned|scalded|singed|charred|blistered',
      'burn|burns|burned|burnt|scald|scalded|scalds *4 all_over|everywhere|whole_body|both_arms|both_legs|both_hands|most_of',
      'breathed|inhaled|breathing|inhaling|swallowed|choked_on *3 smoke|fumes',
      'shock|shocked|zapped|electric_shock *4 socket|plug|wire|cable|mains|power_line|power_lines|outlet|pylon',
      'skin *3 bubbled|bubbling|bubbly|melting|sloughing|hanging_off',
      'severe|severely|badly|seriously|terribly|deeply|deep|full_thickness|third_degree|second_degree *3 burn|burns|burned|burnt|scalded|scald|scalds',
      'hot_tar|tar|bitumen|asphalt|molten|molten_metal *4 splashed|spilt|spilled|stuck|onto|burn|burnt|burned|blistered',
      'exploded|explosion|blast|blew_up|burst|fireball|flash_burn *5 burn|burnt|burned|burns|scalded|scald',
    ],
  },
  open_fracture: {
    label: 'a bone through the skin or a badly deformed limb',
    phrases: [
      'bone *5 sticking|poking|showing|visible|came_through|coming_through|exposed|through_the_skin|through_his_skin|through_her_skin|through_my_skin|out',
      'see * bone',
      'cut|wound|gash|bleeding|hole *4 over|near|at|where * break|broken|fracture|bone',
      'open_fracture|compound_fracture',
      'arm|leg|ankle|wrist|finger|bone *4 wrong way|wrong angle|weird angle|funny angle|bent|twisted round|backwards|deformed|shape|dangling|hanging|snapped|snap',
      'shin|thigh|forearm|collarbone|toe|foot|hand *4 wrong_way|wrong_angle|weird_angle|funny_angle|odd_angle|strange_angle|backwards|deformed|dangling|twisted_round|pointing_the_wrong_way',
      'bone|something_white *5 poking|sticking|showing|coming_through|through_the_skin|out',
      'extra_bend|extra_joint|bend_where|bent_where|new_joint|z_shape|s_shape',
      // A broken hip as a relative sees it: the leg shorter and turned out.
      'leg|foot *3 shorter|shortened|turned_out|turned_outwards|turning_out|rotated|rolled_out|flopped_out|pointing_outwards|pointing_out',
    ],
  },
  // Poisoning, overdose and mental health
  overdose_taken: {
    label: 'took too many tablets or a poison',
    except: [
      // "Do I take all my tablets from the dosette box with food?" asks how to take them.
      'do|should|can|shall|when|how *2 i|we|he|she|you|they *1 take|have *4 all|whole *4 tablets|pills|meds|medication|medicines',
      'food poisoning|poisoned',
      'poisoning from|after * takeaway|food|chicken|restaurant|meal|kebab',
      'treated|admitted|recovered|hospital * for * poisoning',
      'poison *0 ivy|oak|sumac',
      // The usual daily dose: "I took all my tablets this morning as usual" (a packet swallowed after it still counts).
      'took|taken|take|had *2 all *1 my|his|her|of_my|of_his|of_her *1 tablets|pills|meds|medication|medicines *4 as_usual|as_normal|as_always|as_prescribed|like_always|like_every_day',
    ],
    phrases: [
      'took|taken|take|swallowed|swallow|downed|drank|drunk|necked|popped|=ate|eaten|had *6 whole|all|lot|lots|many|too_many|loads|=handful|=handfuls|packet|packets|pack|box|bottle|bottles|strip|strips|#many|double|extra|month|week *6 pills|tablets|tabs|meds|medication|medicines|medicine|paracetamol|tylenol|acetaminophen|panadol|ibuprofen|aspirin|painkillers|sleeping|antidepressants|tramadol|codeine|insulin|capsules|sertraline|citalopram|amitriptyline|diazepam|valium|xanax|oxy|oxycodone|morphine|codamol|cocodamol|zopiclone|quetiapine|propranolol|lithium',
      'took|taken|swallowed|had *2 #many *2 of my|his|her *3 tablets|pills|meds|medicine|medication|codamol|paracetamol',
      'took|taken|swallowed|downed|necked|popped|=ate|drank *4 pills|tablets|paracetamol|tylenol|painkillers|sleeping pills|antidepressants *4 all|whole|lot|too_many|loads|=handful|packet|box|bottle|#many',
      'overdose|overdosed|over_dose|od|oded|ods',
      'overdoing * tablets|pills',
      'doubling|doubled|tripling|tripled|quadrupled *4 morphine|oramorph|oxycodone|oxy|fentanyl|methadone|codeine|tramadol|heroin|opioids|painkillers|sleeping_pills|diazepam|insulin|patches',
      'whole|full|entire *2 packet|pack|box|bottle|strip *3 paracetamol|tablets|pills|meds|medication|sleeping|painkillers|tylenol|acetaminophen|ibuprofen|aspirin|insulin|antidepressants|tramadol|codeine',
      'bunch|load|loads|heap|=handful *3 of *3 pills|tablets|meds',
      'bunch|load|loads|heap|=handful *3 of *3 paracetamol|ibuprofen|codeine|codamol|cocodamol|tramadol|sleeping_pills|painkillers|antidepressants|sertraline|citalopram|nytol',
      'full|whole|entire *2 bottle|bottles *3 night_nurse|nytol|calpol|cough_medicine|cough_syrup|cough_mixture|benadryl|medicine|methadone|oramorph',
      'do_not_know|not_sure|idk|dunno *0 how many',
      'too_many|too_much *3 pills|tablets|meds|medicine|medication|paracetamol|insulin|painkillers|tylenol|heroin|fentanyl|methadone|drugs|cocaine|ketamine|gbl|ghb|spice',
      'drank|drunk|swallowed|took|taken|drink|=ate *4 bleach|poison|antifreeze|weed_killer|weedkiller|pesticide|insecticide|sniper|dichlorvos|rat_poison|paraquat|kerosene|paraffin|petrol|gasoline|detergent|methanol|chemical|chemicals',
      'poisoned|poisoning',
      'swallowed|downed|necked|popped|took|taken *1 the_lot|them_all|all_of_them|all_of_it|whole_lot',
      'swallowed|downed|necked|popped|took|taken *1 the_rest|the_remainder|what_was_left *1 of *2 box|packet|pack|bottle|strip|tub|blister',
      'took|taken|had|swallowed|=ate *4 all|whole|entire|every *5 compartments|week_s_tablets|week_s_pills|week_s_worth|week_s_doses|whole_week',
      'whole|entire|all_of *2 dosette|dossett|dosset|pill_box|pillbox|pill_organiser|pill_organizer|blister_pack *3 at_once|in_one_go|together|at_the_same_time',
      'dosette|dossett|dosset|pill_box|pillbox|pill_organiser|pill_organizer|blister_pack *4 whole_week|week_s|all_week|the_week *4 empty|emptied|gone|all_gone',
      'empty|emptied|all_gone *4 only *1 monday|tuesday|wednesday|thursday|friday|saturday|sunday|day_one|the_first_day',
      'found|finding *3 blister|blisters|blister_pack|blister_packs|pill_packets|tablet_packets|pill_bottle|pill_bottles|strips|dosette *6 empty|emptied|all_gone',
      'found|finding *5 empty|emptied *2 box|boxes|packet|packets|bottle|bottles|blister|blisters|blister_pack|strip|strips|pack|packs|dosette',
      'drank|drunk|swallowed|took|taken|drink|=ate *4 jik|harpic|dettol|savlon|phenyl|phenyle|acid|toilet_cleaner|drain_cleaner|insect_killer|mosquito_killer|baygon|rogor|endosulfan|organophosphate|celphos|sulphas|gammalin|otapiapia|silver_cleaner|muriatic|rat_killer|roach_killer|pesticides|weed_killer|lason',
      'zeher|zehar|zahar|jahar|zeher_kha|zeher_khaya|zeher_pi|uminom_ng_lason',
      '#many|twenty|thirty|forty|fifty *3 of *3 co_codamol|codamol|paracetamol|tylenol|ibuprofen|sertraline|citalopram|fluoxetine|amitriptyline|tablets|pills|sleeping_pills|painkillers',
    ],
  },
  // A child found with medicines, or a pack found with doses gone: swallowing is presumed until ruled out (NHS
  // Healthier Together poisoning pathway); only read beside a child.
  medicine_within_reach: {
    label: 'found with medicines, some gone',
    phrases: [
      'found|caught|saw|see *4 with|holding|chewing|eating|sucking|into|in *4 tablets|pills|medicine|medicines|meds|capsules|blister_pack|blister|vitamins|gummies|calpol|inhaler|patches|nicotine|vape|liquid|pods|liquitabs|dishwasher_tablets',
      'blister_pack|blister|packet|pack|strip|bottle|box|tub *4 # *1 gone|missing|empty|popped|open',
      'some|few|several|couple|one|two|three|four|#many *1 of_the|of? *0 tablets|pills|capsules *2 gone|missing',
    ],
  },
  suicidal: {
    label: 'thoughts of suicide',
    except: [
      // Everyday goodbyes and wills: "said goodbye to my son at the airport", "writing wills before his operation".
      'said|saying|say *0 goodbye *5 airport|station|school|nursery|gate|train|flight|holiday|dog|cat|pet|puppy|horse|hospice|funeral|colleagues|coworkers|workmates|team|office|class|classmates|neighbours|neighbors',
      EVERYDAY_GOODBYE,
      // Supplies kept in (inhalers, food) are no stockpile of means.
      'stockpiled|stockpiling *3 inhaler|inhalers|food|nappies|diapers|toilet_roll|masks|supplies|formula|because|in_case|for_the_winter',
      'writing|wrote|written|making|made|updating|updated *2 wills|will *4 before|ahead|solicitor|lawyer|attorney|probate|estate|operation|surgery',
      'die|died|dying *0 of|from * embarrassment|laughing|laughter|boredom|shame|cringe',
      'not|never *0 going|gonna *0 to *0 kill|end|take|hurt|harm',
      'dying to|for',
      'killing me * laughing',
      'kill|killed * it at|in * gym|exam|interview|work|game',
      'end|ending|ended *3 it|things *0 with|between',
      'kill|killing *2 himself|herself|themselves *1 laughing|laughter',
      'kill|killing *2 himself|herself|themselves *2 on_that|on_those|on_the_motorbike|on_the_bike',
      'jump|jumped|jumping|jumps *1 off|from *2 sofa|bed|couch|chair|bike|table|swing|trampoline|wall|step|steps|stairs|bus|horse|diving_board|the_sofa|the_bed|the_couch|the_chair|the_table|the_swing|the_trampoline|the_wall|the_stairs|the_bus|the_horse',
    ],
    phrases: [
      'kill|killing|end|ending|take|taking *2 myself|my life|my own life|it all|everything|things',
      // The same said by a relative (C-SSRS asks it of the person or of those around them).
      'kill|killing|end|ending *2 himself|herself|themselves|themself|his_life|her_life|their_life|his_own_life|her_own_life|their_own_life',
      'take|taking|took *2 his_own_life|her_own_life|their_own_life',
      'disappear|disappeared|disappearing|gone *1 for_good|forever|for_ever',
      'leave|leaving|depart|departing *1 this_world|this_earth|this_life',
      'cannot *1 do|take|cope_with *1 this|it *0 any_more|anymore',
      // "Ending it" with a time: the decision and its moment (C-SSRS items 4-5).
      'ending|end|do *1 it *3 tonight|today|tomorrow|when * asleep|when * in_bed|once * asleep|once * in_bed',
      'tonight|today *6 i_am_ending_it|ending_it|end_it|do_it|doing_it',
      'last time *3 anyone|anybody|you|everyone|people *1 hears|hear|sees|see *1 from|of *0 me|him|her',
      'said|saying|say|texted|texting *1 bye|byes|goodbyes|goodbye *2 to *1 everybody|everyone|all|us|the_family',
      'i|he|she *1 will|would|am|is|be *1 be? gone|dead *2 by|before *1 morning|the_morning|tomorrow|the_weekend|weekend|friday|saturday|sunday|monday|tuesday|wednesday|thursday',
      'suicide|suicidal|sucidal|suicde|sucide|unalive|kms|kys',
      'want|wanting|wanted|wish|going|plan|planning|ready|decided *3 to die|dead|to end it|to not be here|to not exist|to disappear|to go to sleep and not wake|not to wake up|to be gone|to jump|to hang',
      'not|no *2 want|reason|point *3 to live|to be alive|living|alive|be here|wake up|in living|going on|carry on',
      'not worth living|it anymore',
      'life * not worth',
      'better off *2 dead|without me|gone',
      'no way out|cannot go on|cannot carry on|cannot do this anymore|cannot take it anymore|tired of living|tired of life|done with life|end of the road|finished with life',
      'jump|jumping|throw_myself *4 bridge|building|roof|train|off|in_front',
      'hang|hanging *2 myself|rope',
      'rope|noose|stockpiled|stockpiling',
      'saving|saved|collected|collecting|hoarding|hoarded * pills|tablets',
      'wrote|written|writing|left *2 note|letter|goodbye|will',
      // A letter left out with a ring or keys, a burden that ends at a named time: preparations and intent (C-SSRS).
      'left|leaving *3 a_letter|a_note|letters|notes *2 on *1 the *0 table|bed|pillow|side|kitchen_table|mantelpiece',
      'not *1 be *1 a? problem|burden|bother|nuisance *2 for|to *1 anyone|anybody|everyone|you|anyone_else *2 after_tonight|after_today|after_tomorrow|after_this|much_longer|for_long',
      'not *1 need *2 them|it|anything|any_of_this|any_of_it|my_things *1 where *1 i_am|she_is|he_is|they_are|i_m *0 going',
      'saying_goodbye|said_goodbye',
      'said|saying *1 my|all_my *0 goodbyes|goodbye|farewells',
      'burden|nuisance *4 much_longer|for_long|any_longer|anymore|any_more',
      // Not "farewell" or an email: leaving a job is said that way.
      'sent|sending|texted|posted|posting|messaged|typed|recorded *3 goodbye|final_message|last_message|suicide_note',
      'goodbye *2 message|messages|msg|text|texts|note|letter|video|voicemail',
      'goodbye *2 on|to|in *2 facebook|instagram|snapchat|whatsapp|twitter|tiktok|social_media|group_chat|family_chat|status|story',
      'give|gave|giving away * things|stuff|belongings',
      'not * here|around * much_longer|for_long',
      'not * alive * tomorrow|by_morning|much_longer',
      'want to sleep forever',
      'everyone * better off',
      'tired of * life|living|everything',
      'nobody|no_one|noone *2 will *0 miss|care',
      'bought|got|have|drink|drinking *3 sniper|paraquat|pesticide|rat_poison|weedkiller|weed_killer *3 today|tonight|now|and',
      'disappear forever',
      'end my pain forever',
      'top|topping|off|=offing *1 myself',
      'end|ending|finish|finishing *1 myself|my_life|it_tonight|it_today|it_now|it_all_tonight',
      'never been born|not been born|was_never_born|had_never_been_born|were_never_born',
      'nothing|no_reason|no_point *2 to_live_for|left_to_live_for|living_for|to_live',
      'done_living|sick_of_living|sick_of_life|had_enough_of_life|had_enough_of_living|give_up_on_life|giving_up_on_life|given_up_on_life|tired_of_being_alive',
      'khudkushi|khudkhushi|aatmahatya|atmahatya|marna_chahta|marna_chahti|mar_jana_chahta|mar_jana_chahti|mar_jaun|mar_jaunga|mar_jaungi|jeena_nahi|jeena_nahin|magpakamatay|mamatay_na|gusto_ko_nang_mamatay',
      'wan|wanna|gonna *1 die|kill_myself|end_it',
      // Means and intent in one breath: "going to take them all and end it".
      'take|taking|swallow|swallowing|down|neck|necking *1 them|all|the_lot|everything *1 all? *1 and *0 end|finish *0 it|it_all|everything|myself',
      'drive|driving|crash|crashing *3 into * river|tree|wall|lorry|truck|off_a|off_the *0 on_purpose|deliberately',
      // The intention said ahead ("I'm going to drive into the river"): an accident is told after it happened.
      'going_to|gonna|will|am_going_to|decided_to|planning_to|plan_to *1 drive|crash|steer|swerve *2 into|off *3 river|sea|lake|canal|wall|tree|lorry|truck|oncoming|traffic|bridge|cliff|quarry|reservoir',
      'thinking|thoughts|thought|urge|urges|tempted|want|wanting|fantasising|fantasizing *2 about|of|to *0 driving|crashing|steering|swerving|veering *4 into|off *3 wall|tree|lorry|truck|bridge|river|barrier|oncoming|traffic|cliff',
      'kil|kll|kiil|kilk *1 myself|my_self|meself',
    ],
  },
  suicide_plan: {
    label: 'a plan or means to end their life',
    except: [EVERYDAY_GOODBYE],
    phrases: [
      'loaded *4 next_to_me|beside_me|by_my_side|in_my_hand|on_my_lap',
      'gun|rifle|pistol|shotgun|firearm *6 in_my_hand|on_my_lap|in_my_mouth|to_my_head',
      'plan|planned|planning|decided|ready *3 to *2 do_it|kill|end|jump|hang|overdose|take_them|go_through',
      'take|swallow|taking *2 them|all *3 tonight|tomorrow|today|later',
      'worked_out|figured_out *2 how|when|where',
      'engine running|pipe|hosepipe|edge of|ledge|on the bridge|on the roof',
      'saved|stockpiled|hoarded|collected|hidden|hid|saving|stockpiling *3 pills|tablets|paracetamol|meds',
      'pills|tablets|meds *3 saved|saved_up|stockpiled|hoarded|ready|hidden',
      'pills|tablets|meds|paracetamol|painkillers *2 lined_up|counted_out|laid_out|set_out|all_out_ready',
      'bought|got|have *3 rope|noose|charcoal|gun|hosepipe',
      'rope|noose *4 ready|tonight|tomorrow|plan|bought|got|tied',
      'note|letter *2 written|wrote|ready|done|left',
      'wrote|written|writing|left *2 suicide_note|goodbye|note_for|letter_for',
      'saved|stockpiled|hoarded|collected|hidden|hid|saving|stockpiling *3 pills|tablets|paracetamol|meds',
      'pills|tablets|meds *3 saved|saved_up|stockpiled|hoarded|hidden',
      'bought|got|have *3 rope|noose|charcoal|hosepipe',
      'rope|noose|dupatta|chunni|saree|sari|belt|cord|cable|scarf *4 fan|ceiling|ceiling_fan|beam|banister|hook|rafter|tree',
      'standing|sitting|stood|sat|climbed *3 on|at|over *2 edge|ledge|bridge|roof|cliff|railway|tracks|platform|railing|parapet',
      'tonight *2 is *1 the_night',
      'counted|lined_up|collected|stockpiled|saved *3 the_tablets|the_pills|enough_pills|enough_tablets|the_means',
      'bought|got|have *2 enough_pills|enough_tablets|the_means|the_rope',
      'bridge|roof|rooftop|cliff|railway|tracks|car_park|multi_storey|balcony|tower *5 check|checking|checked|see|seeing|measure *2 how_high|how_far_down|how_deep|the_drop|the_height|how_tall',
      'looking_up|looked_up|lookin_up|googled|googling|researched|researching *1 how_high|how_far_down|how_big_the_drop *8 top_floor|top_of|rooftop|cliff',
      'different|several|various|separate|other|four|three|five *1 chemists|pharmacies|shops|supermarkets *8 nobody|no_one|noone|anyone|they *2 notice|noticed|suspect|suspicious|ask_questions',
      'enough *3 tablets|pills|paracetamol|meds|insulin *3 put_by|saved_up|stockpiled|hidden|to_do_it|to_die|to_end_it|to_kill_myself',
      'bought|buying|collected|collecting *2 several|lots|loads|enough|3|4|5|6|7|8|9|10|#many *3 boxes|packets|packs|bottles *4 different|several|separate|various|other *0 shops|chemists|pharmacies|supermarkets|stores',
      'reading|read|looking_up|looked_up|googling|googled|searched|searching|researching|researched *2 lethal_dose|fatal_dose|how_to_die|how_to_kill|painless_way|painless_ways|how_to_hang|how_to_overdose|ways_to_die|ways_to_kill|how_to_end_it|suicide_methods',
      'how many|much *3 paracetamol|pills|tablets|insulin|sleeping_pills *3 to_die|to_kill|would_kill|will_kill|lethal|fatal',
    ],
  },
  // Wanting to be with someone who has died (C-SSRS wish to be dead said as a reunion): with a time, a plan or
  // preparations it is intent; alone the detector asks.
  reunion_wish: {
    label: 'wants to join someone who has died',
    except: [
      'go|going|went|be|being *0 to|with *3 grave|graveside|cemetery|churchyard|crematorium|memorial|bench|funeral|service|care_home|hospital|house|home|party|wedding|shop|shops|doctor|gp',
      // A belief about a reunion one day is no plan.
      `him|her|them|${KIN} *4 one_day|someday|some_day|when_my_time_comes|when_the_time_comes|when_her_time_comes|when_his_time_comes`,
    ],
    phrases: [
      `join|joining|rejoin|reunite|reunited|follow|following *2 him|her|them|${KIN}`,
      `be|being *0 with *2 him|her|them|${KIN} *1 again|soon|tonight|now`,
      `want|wants|wanted|wanting|going|ready|longing|longs|decided *2 to *1 be_with|go_to|go_with|join|meet|see *2 him|her|them|${KIN}`,
      `go|going|come|coming|went *1 with|to *1 him|her|them|${KIN} *1 tonight|this_evening|today|soon|now`,
      `meet|meeting|see|seeing *2 him|her|${KIN} *2 again *0 tonight|soon|today|this_evening`,
      'calls|calling|called|tells|telling|told|asks|asking|wants *2 her|him|me|them *1 to *0 come|go|join *1 with|to? *0 him|her|them',
    ],
  },
  // Means gone from where they were kept: only with a farewell does it read as a step towards suicide.
  means_missing: {
    label: 'medicines or a means gone missing',
    phrases: [
      'pills|tablets|meds|medication|medicines|painkillers|insulin|rope|gun|shotgun|car|keys *3 missing|gone|all_gone|not_there|disappeared|taken',
      'missing|gone *2 pills|tablets|meds|medication|medicines|painkillers|insulin|rope|gun|shotgun',
    ],
  },
  p_bereaved: {
    label: 'someone close has died',
    except: [
      'passed *0 out|urine|water|stool|stools|blood|clot|clots|exam|exams|test|tests|wind|motion|motions|stone|stones|away_the_time',
    ],
    phrases: [
      'who|he|she|they *0 died|passed|passed_away|passed_on',
      'died|passed_away|passed_on|lost_him|lost_her *3 ago|last|in|this|year|years|month|months|week|weeks|recently',
      `late|dead|deceased *0 ${KIN}`,
      `lost *1 my|his|her|their *0 ${KIN} *2 last|in|ago|this|year|years|recently`,
      'since *1 he|she|they *0 died|passed|passed_away',
    ],
  },
  time_imminent: {
    label: 'said for tonight or the next few days',
    phrases: [
      'tonight|tonite|2nite|this_evening|this_afternoon|today|tomorrow|by_morning|before_morning|this_weekend|by_the_weekend|soon|very_soon',
      'on|this|by|next *0 monday|tuesday|wednesday|thursday|friday|saturday|sunday|anniversary|birthday',
    ],
  },
  // Farewells whose meaning one question settles (C-SSRS: ask directly); the detector asks, never flags, on them alone.
  farewell_hint: {
    label: 'a goodbye or an end said indirectly',
    // Affairs put in order for an operation or with a solicitor are planning, not a goodbye.
    except: [
      'solicitor|lawyer|attorney|probate|operation|surgery|op|bypass|procedure|transplant *6 affairs',
      'affairs *6 solicitor|lawyer|attorney|probate|operation|surgery|op|bypass|procedure|transplant',
    ],
    phrases: [
      'not|never *1 be *1 here|around|alive *2 tomorrow|next_week|by_then|for_it|for_the_appointment|for_christmas|for_my_birthday',
      'not|no_longer *1 need|needing *3 appointment|follow_up|followup|prescription|tablets|meds|medication|repeat|review *3 next|anymore|any_more|again|where_i_am_going',
      'tell|give *2 mum|dad|mother|father|kids|children|family|wife|husband|everyone|them|her|him *3 i_love|that_i_love|i_am_sorry|that_i_am_sorry|i_said_sorry|my_love',
      'not|never *2 be *0 coming_back|come_back',
      'one_way *1 ticket|train|flight|trip',
      // A wish for it all to end: C-SSRS item 1, asked about directly ("I want it to end", "I wish it would all be over").
      'want|wanting|wanted|wish|need *0 it|everything|it_all|things|my_life *0 all? *0 to *0 end|be_over',
      'wish *0 it|everything|it_all|things *0 all? *0 would|could *0 end|be_over',
      'my|his|her|their *0 affairs *1 in_order|sorted|in_place',
      'putting|put|getting|got|sorting|sorted *2 my|his|her|their *0 affairs|house_in_order',
      'gave|giving|given|give *2 me|away|us|her|him *3 bank_cards|cards|passwords|pin|keys|belongings|possessions|things|jewellery|guitar|games|laptop|cat|dog|pets|clothes|ring|rings|books|records|savings',
      'asked|asking|asks *2 me|us|her|him *1 to *0 take|look_after|have|keep *2 cat|dog|pets|things|belongings|kids|children',
      // A message that reads as a last one: sorry, forgive me, look after the children.
      'texted|text|messaged|message|note|letter|voicemail|wrote|left *6 i_am_sorry|sorry_for_everything|forgive_me|i_love_you_all|love_you_all|look_after_the_kids|look_after_the_children|look_after_mum|look_after_dad|look_after_yourself|take_care_of_the_kids',
    ],
  },
  self_harm: {
    label: 'self-harm',
    except: [
      // Taken out of a child's mouth before it went down: "put a battery in his mouth but I took it out".
      'battery|batteries|magnet|magnets|coin|coins *6 but|and *2 took|got|pulled|fished|hooked|spat|spit *2 it|them|one|all *0 out',
      'scar|scars|scarring|scarred',
      // "I'm not going to hurt myself": a stated intention not to ("not go" alone is a pseudo-negation: "will not go away").
      'not|never *0 going|gonna *0 to *0 hurt|harm|cut|kill|burn|end',
      'cut|cutting|burned|burnt|burn|hurt|hit *2 myself|my *4 shaving|cooking|chopping|accident|accidentally|mistake|gardening|on the|on a|with the|while|at work|playing|football|gym|opening|slicing',
    ],
    phrases: [
      'cut|slit|slashed|slashing *2 his|her|their *0 wrist|wrists|arm|arms|throat',
      'burnt|burned|cut|hit|hurt|scalded *4 on_purpose|deliberately|intentionally',
      'slice|slicing|sliced|gouge|gouging|gouged|carve|carving *2 myself|herself|himself|my_arms|my_arm|my_legs|my_wrists|my_thighs|his_arms|her_arms|her_wrists|his_wrists|her_legs|his_legs',
      'cut|cutting|cuts|slash|slashing|slashed|slit|burn|burning|burned|burnt|hurt|hurting|harm|harming|hit|hitting|stab|stabbing|stabbed *2 myself|herself|himself|my wrist|my wrists|my arm|my arms|my legs|my thighs',
      'self harm|self-harm|selfharm|self harming|self-harming|sh|self injury',
      // "Cutting" said of oneself as a habit come back (C-SSRS behaviour): "been cutting again", "relapsed with cutting".
      'been|started|start|back_to|relapsed|relapse *1 cutting|burning *0 again',
      'relapsed|relapse *2 cutting|self_harm|self-harm|selfharm',
      'wrists|wrist *3 cut|slit|slashed|bleeding',
      'razor|blade|blades *4 cut|cutting|myself|arm|skin',
      'carving|carved|scratching|scratched|etching|etched *4 into * skin|arm|arms|leg|legs|myself|wrist|thigh|stomach',
      'lighter|cigarette|iron|hot_metal|lighter_flame *4 on|into|to *2 skin|arm|arms|myself|leg|wrist|thigh',
      'burning|burnt|burned|burns|burn *3 her|his|my|their *0 arms|arm|skin|legs|leg|wrists|wrist|thighs|thigh|hands|hand *3 with *2 lighter|lighters|cigarette|cigarettes|iron|matches|match|lighter_flame',
      'khud_ko|khudko *2 chot|nuksan|nuksaan|kaat|kaata|kaati|maar|jala|jalaya',
      'swallowed|swallowing|eaten|=ate|inserted|putting|put *3 blades|razor_blades|razors|batteries|glass|nails|screws|pins|needles|bleach',
      'banging|bang|bangs|hitting|bashing|smashing|headbutting|slamming *3 head *3 against|on|into *2 wall|walls|floor|door|doors|table *4 over_and_over|again_and_again|repeatedly|blood|bleeding|bleeds|until|till',
      'scratched|scratching|scraped|scraping|gouged|gouging|sliced|slicing *3 arm|arms|wrist|wrists|skin|leg|legs|thigh|thighs|stomach *4 razor|blade|blades|glass|knife|compass|scissors|sharpener',
      'razor|blade|blades|glass|knife *4 till|until *2 bled|bleed|bleeding|blood',
      'punching|punched|punch|hitting|hit|bashing|banging|smashing *2 wall|walls|door|doors|mirror|window *4 until|till *3 bled|bleed|bleeds|bleeding|blood|broke|broken|cracked',
    ],
  },
  // Said to be deliberate, it is self-harm whatever the everyday object or place ("with the iron on purpose").
  harm_on_purpose: {
    label: 'self-harm',
    phrases: ['burnt|burned|burn|cut|hit|hurt|scalded|scald|stabbed *2 myself|herself|himself *6 on_purpose|deliberately|intentionally'],
  },
  self_injury_object: {
    label: 'pushed an object into the body',
    phrases: [
      'stuck|stabbed|pushed|put|jammed *3 needle|knife|pin|blade|glass|nail|pen *4 into|in|through *3 arm|leg|skin|myself|wrist|stomach',
    ],
  },
  self_harm_serious: {
    label: 'a deep or bleeding self-inflicted wound',
    phrases: [
      'deep|deeper|gaping|wide|open|to the bone|fat|white|stitches|will not stop|not stop|cannot stop|bleeding|blood|soaked',
      'see * fat|bone|tendon|white|yellow',
      'blistered|blistering|charred|melted|peeled|skin_off|skin_came_off|burnt_badly|badly|gaping|stitches|needs_stitches|wide_open|down_to|through_the_skin|layers',
    ],
  },
  psychosis: {
    label: 'hearing voices or losing touch with reality',
    except: [
      'food poisoning|poisoned',
      'poisoning from|after * takeaway|food|chicken|restaurant|meal|kebab',
      'hearing|hear|heard *0 things|noises|sounds *4 ringing|buzzing|tinnitus|ear|ears|whooshing|humming',
      'god|jesus|allah|lord *3 talks|talk|speaks|speak|spoke|talked *4 through|in|during *2 bible|prayer|prayers|scripture|scriptures|quran|koran|church|word|heart',
    ],
    phrases: [
      'god|jesus|allah|angels|angel|the_devil|devil *3 wants|want|wanted|needs *3 the_baby|baby|him|her|them *0 back',
      'jesus|god|allah|angels|angel|spirits|devil|satan *3 told|tells|telling|talking|speaking|said|says|commanded',
      'jesus|god|allah|angels|angel|spirits|devil|satan *1 have|has|had *0 picked|chosen|chose|called|summoned *2 him|her|me|them',
      'jesus|god|allah|angels|angel|spirits|devil|satan *3 chosen|calling|called|summoned|summoning *2 him|her|me|them',
      'tv|telly|tele|television|radio|phone|computer|neighbours *3 sending|talking|messages|signals|controlling|orders|instructions|commands',
      'mission_from_god|message_from_god|messages_from_god|sent_by_god|orders_from_god',
      // Things that talk: household objects heard as voices.
      'microwave|fridge|kettle|walls|wall|lamp|toaster|oven|furniture|mirror|car|house *2 talks|talk|talking|speaks|speaking|tells|told|telling|whispers|whispering *0 to|him|her|me|them',
      'chosen * by * god',
      'can fly|thinks he can fly|thinks she can fly',
      'seeing|see|saw *2 angels|ghosts|demons|devils|spirits|things|shadows',
      'controlling|reading|stealing|putting *2 my|his|her *1 thoughts|mind',
      'something|someone|somebody|they|it|phone|tv|radio|chip|aliens *3 controlling|controls|controlled|taken_over|taking_over *2 my|his|her *1 body|brain|actions|movements|limbs|hands|arms',
      'thoughts *3 being|are *2 controlled|read|stolen|broadcast',
      'voice|voices *5 tell|telling|told|say|saying|command|commanding|order|ordering',
      'hearing|hear|heard *2 voices|things|people',
      'seeing things|seeing people|seeing demons|seeing spirits|seeing devils',
      'being *0 followed|watched|poisoned|controlled|monitored|tracked|hunted|chased',
      // Persecutory ideas said in the active voice: "people are following him".
      'people|someone|somebody|they|everyone|everybody|men|strangers|police|neighbours|neighbors|government|cars *2 following|tracking|chasing|hunting|spying_on *0 him|her|me|them|us',
      'spied on',
      'followed|watched|poisoned|controlled|monitored|tracked|spied *3 by',
      'out_to_get|after_me|plot|conspiracy|implant|microchip',
      'government|police|neighbours * after|watching|spying',
      'chip|camera * in * head|brain|body',
      'devil|demon|demons|spirits|possessed|witch|witches|juju|messiah|chosen_one|special_powers|special_mission',
      'god * told|telling|talking',
      'paranoid|paranoia|psychotic|psychosis|hallucinating|hallucination|hallucinations|delusion|delusions|delusional|manic|mania',
      'awake for days',
      'not making sense',
      'talking to * self|himself|herself|people|nobody|noone',
      'thinks|believes|convinced|insists|sure *4 poison|poisoning|poisoned|trying_to_kill|trying_to_poison|trying_to_hurt|trying_to_harm|out_to_get|spying|plotting',
      'thinks|believes|says|claims|convinced|insists|sure *4 god|jesus|messiah|prophet|invincible|immortal|superpowers|powers|chosen|being_watched|being_followed|being_poisoned|being_tracked|implanted|chip|impostor|impostors|imposter|imposters|replaced|fake|robots|aliens|the_devil|possessed',
      'neighbours|neighbors|people|everyone|family|wife|husband|doctors|nurses *3 poisoning|poison|spying|after_me|after_him|after_her|plotting|out_to_get|impostors|imposters|replaced_by',
      'lost_touch_with_reality|not in his right mind|not in her right mind|lost_his_mind|lost_her_mind|losing_his_mind|losing_her_mind|out_of_his_mind|out_of_her_mind|gone_crazy|acting_crazy|acting_mad|behaving_crazy|pagal|paagal|baliw|nababaliw|kolo|craze|don_craze|mental_breakdown|psychotic_episode',
      'talking|shouting|screaming|arguing *2 to|at|with *2 walls|wall|tv|television|mirror|dead|nobody|no_one|people_who_are_not_there|invisible|empty_room',
      'hearing|hear|heard *2 things|voices|people|someone|them *3 not there|nobody_else|no one else|planning|plotting|talking_about',
      'controlling|control|inserting|insert|stealing|steal *2 my|his|her *1 thoughts|brain|mind|head',
      'jinn|jinnat|djinn|bewitched|kala_jadu|black_magic|evil_spirit|evil_spirits|kulam|aswang|engkanto',
      'says|saying|thinks|believes|claims|convinced|insists|keeps_saying *6 son_of_god|daughter_of_god|the_messiah|a_prophet|the_chosen_one|sent_by_god|immortal|invincible|bulletproof',
      'says|saying|thinks|believes|claims|convinced|insists|keeps_saying *6 coming_to_get_us|coming_to_get_me|coming_to_get_him|coming_to_get_her|coming_to_kill|out_to_get|going_to_kill_us|going_to_kill_him|going_to_kill_her',
      'neighbours|neighbors|people|they|government|police|someone|somebody|aliens|satellites *3 putting|pumping|sending|spraying|piping|beaming|pushing *4 gas|poison|radiation|rays|chemicals|waves|signals|microwaves|thoughts|voices',
      'hearing|hear|heard|hears *2 baby|the_baby|dog|cat|tv|animals|walls|furniture *2 talk|talking|talks|speak|speaking|telling|tell|tells|say|saying|says',
      'baby|babies|child|twins *4 better_off *2 in_heaven|with_god|with_the_angels',
      // Postpartum psychosis in a relative's words: the baby swapped, not hers, evil or possessed.
      'baby|babies|child|son|daughter|twins *4 swapped|switched|replaced|changeling|evil|possessed|cursed|the_devil|a_demon|not_ours|not_mine|not_hers|not_his|not_really_ours|not_really_mine|not_real',
      'thinks|believes|says|saying|claims|convinced|insists|keeps_saying *4 swapped|switched|not_ours|not_mine|not_hers|not_his|evil|cursed',
    ],
  },
  danger_to_others: {
    label: 'a risk of harming someone',
    phrases: [
      'give|giving|take|taking|put|putting|throw|throwing *1 him|her|the_baby|baby|them *2 back *0 to *1 the? *0 river|sea|water|lake|god|angels',
      'get|kill|hurt|stop *0 them|him|her|it *2 before * get|kill|hurt',
      'trying to|wants to|keeps trying *3 jump|get onto|climb onto *2 roof|window|balcony|bridge',
      'edging|edged|inching|creeping|shuffling *2 towards|toward|along|to|over *2 the|his|her *0 edge|gutter|ledge|railing|railings|parapet',
      'holding|waving|has|carrying|got|with|armed *3 knife|knives|machete|cutlass|axe|gun|weapon|poker|hammer|crowbar|baseball_bat|screwdriver',
      'says|said|saying|threatens|threatening *3 he|she|they|he_will|she_will|they_will|going *2 use_it|use_them|use_that',
      'walk|walking|run|running|lie|lying|stand|standing|step|stepping *2 on|onto|into|in_front_of|across *2 motorway|road|traffic|train|tracks|railway|cars',
      'gone|went|going|headed|heading|run|ran|stormed *3 round|over|next_door|after|outside *3 with *2 knife|knives|machete|cutlass|axe|gun|hammer|bat|crowbar|weapon|stick|rod|screwdriver',
      'stab|stabbing|attack|attacking|hit|hitting|smash|smashing *3 with *2 hammer|screwdriver|crowbar|bat|scissors',
      'know|knows|found_out|find_out *2 where * live|lives',
      'not eating|not drinking|no food|no water *6 days|day',
      'prove *3 faith|god|loyalty',
      'kill|hurt|harm|attack|stab|strangle|shoot|beat|smother|drown *4 someone|somebody|people|him|her|them|my wife|my husband|my kids|my children|my baby|my mum|my dad|my mother|my father|neighbour|neighbor|everyone|anyone|others',
      'knife|knives|weapon|axe|machete|cutlass|gun|hammer *4 threat|threaten|threatening|waving|holding|carrying|grabbed|swinging|with',
      'threatening|threatened|violent|aggressive|attacked|attacking|smashing|smashed|lashing out|hit me|hitting',
      'locked * in',
      'barricaded|barricading|barricades',
      'dangerous|danger|unsafe|not safe|scared of him|scared of her|afraid of him|afraid of her',
      'kill|hurt|harm|attack|stab|strangle|shoot|beat|smother|drown|get *4 us|me|family|his_family|her_family|the_baby|the_kids|the_children|his_wife|her_husband|mother|father|mum|dad|brother|sister|people|them_all|all_of_us',
      'breaking|broke|smashing|smashed|throwing|threw|punching|punched *3 things|windows|window|furniture|doors|door|walls|wall|plates|tv',
      'panga|bolo|dao|bat|scissors|blade|rod|stick|iron_rod *4 threat|threaten|threatening|waving|holding|carrying|grabbed|swinging|chasing',
      'tried|tries|try|attempted|attempting|threatening|threatened|threatens *2 to *0 jump|climb|throw|set|burn|stab|strangle|kill|attack|drive|crash|run_over',
      'taken|took|taking|hiding|hidden|hid|hoarding|collecting|collected|gathered *3 knives|knife|weapons|weapon|axe|hammer|machete',
      'set|setting|sets *3 fire|on_fire|alight|ablaze',
      'burn|burning *2 the_house|house|down_the_house|everyone',
      'scared|afraid|frightened|worried|terrified|not_safe *3 to *0 leave *4 alone',
      'get_rid_of|getting_rid_of|got_rid_of *2 the_baby|baby|it|him|her|them',
      'baby|babies|child|children|kids|son|daughter|twins|them|him|her *4 better_off *2 dead|in_heaven|with_god|with_the_angels|gone|not_born|never_born',
      'smother|smothering|suffocate|suffocating|drown|drowning|strangle|strangling|shake|shaking *2 it|the_baby|baby|him|her|them',
    ],
  },
  // Eyes
  eye_pain_red: {
    label: 'a painful red eye',
    phrases: [
      'eye|eyes|eyeball *4 nipping|nippin|stinging|throbbing|red_raw|killing|murder',
      `eye|eyes|eyeball *4 ${PAIN}|red|bloodshot|agony|killing|pounding|swollen`,
      `behind * eye|eyes *3 ${PAIN}|pounding`,
      `${PAIN}|red|bloodshot|agony|pressure *3 eye|eyes|eyeball`,
      'red painful eye',
      'chemical|bleach|acid|cleaner *4 eye|eyes',
      'aankh|ankh|aankhon|mata *3 dard|laal|lal|pain|red|sakit|masakit',
      'eye|eyes|eyeball *3 paining|stabbing|on_fire|burning_up|like_a_knife|like_needles|bursting|about_to_pop|hard_as|rock_hard|stone_hard|hard_like_a_stone|hard_like_stone|like_a_marble|hard_to_touch|hard_as_a_rock',
    ],
  },
  halos_blurred: {
    label: 'blurred vision or haloes around lights',
    phrases: [
      'fuzzy|blurry|coloured|colored|rainbow *0 rings|halos|haloes|circles',
      'black_bit|black_part|pupil *3 huge|massive|wide|bigger',
      'halo|halos|haloes|rings|rainbow|rainbows|circles *3 lights|light|around',
      'halo|halos|haloes|rings|rainbow|rainbows|circles *2 round|around *2 them|lights|lamps|bulbs',
      'lights|lamps|street_lamps|street_lights|streetlights|headlights|bulbs *3 halo|halos|haloes|rings|rainbows|circles',
      'seeing|see *0 halo|halos|haloes|rainbows|rings',
      'blurred|blurry|blurring|misty|cloudy|foggy|hazy|smoky *3 vision|sight|eye|see',
      'everything|things|everything_is|it_is_all *1 misty|blurry|blurred|foggy|hazy|cloudy|smoky|fuzzy',
      'vision|sight *3 blurred|blurry|cloudy|misty|foggy|hazy',
      'pupil *3 big|large|dilated|fixed|not react|odd',
      'vision|sight|eyesight *3 dim|dull|steamy|smudged|milky|smeary|smeared|fogged|fogging|clouding|faded',
      'seeing|see *3 through * fog|mist|smoke|haze|frosted_glass|steam',
      'glare|glow|glowing|rainbow *3 around|round *2 lights|light|lamps|bulbs|street_lights|headlights',
      'like * looking * through *2 frosted|steamed|fogged|fogged_up|dirty *0 glass|window|windows|up_glass',
    ],
  },
  // Kidneys
  p_dialysis: {
    label: 'on dialysis',
    phrases: [
      'dialysis|dialyses|haemodialysis|hemodialysis|peritoneal|kidney failure|renal failure|ckd 5|stage 5|end stage kidney|fistula|kidney machine',
      // "PD" is also Parkinson's disease ("his PD nurse"): only its dialysis uses.
      'on|do|does|doing *0 pd',
      'pd *1 machine|bags|bag|catheter|fluid|cycler|exchanges|exchange|dialysis',
      'esrd|eskd|capd|apd|kidneys_failed|kidneys_have_failed|both_kidneys_failed|renal_unit|kidney_unit|dialysis_unit|dialysis_centre|dialysis_center|permcath|av_fistula|haemo|hemo_sessions|dialysis_sessions',
    ],
  },
  potassium_high: {
    label: 'a high potassium result',
    phrases: [
      'hyperkalaemia|hyperkalemia',
      'potassium *2 very|dangerously|critically|really|too|extremely|seriously *0 high|raised|elevated',
      'very|dangerously|critically|extremely *0 high|raised|elevated *0 potassium',
      'potassium *0 6|7|8|9',
      'potassium *2 critical|critically|dangerous|sky_high|through_the_roof',
      'potassium *4 high|raised|elevated *1 6|7|8|9',
      'potassium *2 was|is|of|at|result|reading|level|levels|came_back *0 6|7|8|9',
    ],
  },
  missed_dialysis: {
    label: 'a missed dialysis session',
    phrases: [
      'missed|skipped|did not go|could not go|cancelled|no dialysis|not had dialysis *4 dialysis|session|sessions|treatment|run',
      'session|sessions|dialysis *4 missed|skipped|cancelled',
      'did not attend|did not make|could not make|no show|could not get to|did not get to *4 dialysis|session|sessions|kidney_machine|machine|unit',
      'not had|not have|not been on|without|no *2 any? dialysis|haemodialysis|hemodialysis|exchanges|dialysis_sessions *4 since|for|days|day|week|because',
      'dialysis_machine|kidney_machine|pd_machine|cycler *3 broke|broken|broken_down|not_working|stopped_working|failed|faulty',
    ],
  },
  weakness_general: {
    label: 'weakness or palpitations',
    except: [
      'collapsed|collapse|collapsing *1 laughing|with_laughter|in_laughter|in_fits',
      'cannot|could_not|unable_to *1 stand|stand_up|walk|sit|sit_up *1 up? *0 for *0 long|very_long|too_long|ages|more_than|longer_than|longer|any_length',
    ],
    phrases: [
      'legs *3 cannot|will_not *1 carry|hold *1 him|her|me|up',
      'weak|weakness|floppy|heavy|jelly|limp|wobbly|no strength|cannot lift|cannot stand|cannot walk|legs gave|exhausted|wiped out|drained|collapse|collapsed|paralysed|paralyzed',
      'heart *3 racing|skipping|irregular|fluttering|pounding|funny|slow|thumping|missing_beats',
      'palpitations|palpitation',
      'muscles *3 weak|heavy|cramping|twitching|not working|stopped working',
      'legs|body *3 not carrying|will not carry|giving way|gave way',
      'heart|pulse *4 irregular|racing|pounding|anyhow|dhak',
      'heart|pulse *3 beating anyhow|beating funny|beating fast|beating strange|irregular|jumping',
      'tingling * lips|around_mouth',
      'no power|no strength|lost_strength|lost_power|cannot_lift|cannot_move *3 legs|arms|body|muscles',
      'hardly|barely|can_hardly|can_barely *0 move|lift|stand|walk *2 my? arms|legs|body|up',
      'heart|pulse|heartbeat *4 irregularly|erratically|erratic|weirdly|strangely|oddly|out_of_rhythm|out_of_sync|missing|skipping|flipping|flopping|thumping|banging|slow',
    ],
  },
  // Carbon monoxide
  co_source: {
    label: 'a possible carbon monoxide source (boiler, gas fire, generator) or others at home ill',
    // An alarm that has never gone off is no sign of carbon monoxide.
    except: ['alarm|alarms|detector|detectors *3 never|not *1 gone|go|went|goes|sounded|beeped|triggered'],
    phrases: [
      'carbon monoxide|co alarm|co detector|co2 alarm|monoxide',
      'angithi|sigri|brazier|coal_fire|charcoal_stove|charcoal_burner|coal_stove',
      'closed|sealed|shut *2 room|windows|doors *4 fire|heater|stove|charcoal|coal|burning|generator',
      'boiler|gas fire|gas heater|heater|generator|gen|genset|stove|cooker|gas cooker|furnace|fireplace|charcoal|brazier|barbecue|bbq|paraffin heater|kerosene heater|chimney|flue|=exhaust|exhaust_fumes|garage',
      'alarm *4 going_off|beeping|went_off',
      'whole family|everyone in the house|all of us|we all|both of us|my husband and|my wife and|the kids and|everyone at home|whole house|whole household *4 headache|headaches|sick|dizzy|unwell|ill|same',
      'better|fine|improves|goes_away *3 outside|out of the house|away from home|at work|on holiday|in fresh air',
      'worse *3 at_home|indoors|inside',
      'worse *3 when * heating|heater|fire|on',
      'yellow|orange *2 flame|flames',
      // A solid-fuel or wood burner smoking back into the room (NHS carbon monoxide sources).
      'wood_burner|woodburner|log_burner|multi_fuel_stove|stove|fire|fireplace|chimney *4 smoking|smoky|smoked|puffing|blowing_back *3 room|house|inside|back|in',
      'soot|sooty|black_marks',
      'dog|cat|pets|birds *3 sick|ill|lethargic|died|unwell',
      'gas_leak|smell_of_gas|smelled_gas|smell_gas|smelt_gas|gas_smell|smells_of_gas|fumes|generator_fumes|geyser|gas_geyser|bukhari|uling|kalan|kerosene_lamp|hurricane_lamp|lantern|patio_heater|camping_stove|disposable_barbecue|disposable_bbq|paraffin_lamp',
      'everyone|all_of_us|whole_family|we_all|both_of_us|the_kids|the_children|everybody|all_the_family *4 headache|headaches|sick|dizzy|vomiting|nauseous|nausea|throwing_up|drowsy|sleepy|faint|confused|tired|unwell|poorly',
      'closed|sealed|shut|no *2 room|windows|window|doors|door|ventilation *4 angithi|sigri|brazier|heater|stove|charcoal|coal|generator|bukhari|uling|geyser',
      'go_away|goes_away|went_away|disappear|disappears|clear|clears|clear_up|settle|settles *4 at_work|outside|out_of_the_house|away_from_home|on_holiday|in_fresh_air|at_school|at_my_mum',
      'come|comes|came|start|starts *1 back|again *3 at_home|home|indoors|in_the_house',
      'detector|co_detector|gas_detector *4 going_off|beeping|went_off|sounding|sounded|ringing|bleeping|flashing|alarm',
      'dog|cat|pets|birds|pet|budgie|parrot *3 sluggish|drowsy|sleepy|weak|wobbly|collapsed|vomiting|sick|lethargic|dead',
    ],
  },
  nausea: {
    label: 'nausea',
    phrases: [
      'nausea|nauseous|nauseated|queasy|feel sick|feeling sick|feels sick|felt sick|sick to my stomach|want to vomit|like throwing up',
      'like_vomiting|like_being_sick|going_to_be_sick|gonna_be_sick|about_to_be_sick|gonna_throw_up|gonna_puke|want_to_puke|feel_pukey|pukey|sicky|ji_machla|ji_michla|jee_machlana|ji_mitlana|nasusuka|naduduwal',
    ],
  },
  // Infection and general
  fever: {
    label: 'fever',
    except: [
      WEATHER_READING,
      'temperature|temp|thermometer|reading *3 35|36|37',
      '35|36|37 *0 degrees|c|celsius',
      'normal *0 temperature|temp',
      'not a *0 temperature|temp|fever',
    ],
    phrases: [
      'flu_ish|flu_like|fluey|fever|fevers|feverish|febrile|pyrexia|pyrexial|temperature|temp|temps|high temp|high temperature|burning up|=boiling|roasting|hot to touch|hot to the touch|very hot|so hot|body hot|body is hot|body dey hot|hot body|hot and cold|shivering|shivers|shivery|rigors|rigours|chills|=chilly|shaking with cold|teeth chattering|sweats and chills|flu like',
      '38|39|40|41|101|102|103|104|105 *2 degrees|c|f|celsius|fahrenheit',
      '38|39|40|41|101|102|103|104|105 *4 thermometer|temp|temperature|fever|armpit|ear',
      'temp|temperature|thermometer|reading *4 38|39|40|41|101|102|103|104|105|high',
      'malaria|typhoid',
      'bukhar|bukhaar|bokhar|taap|lagnat|sinat|inat|dengue|chikungunya',
      'body *2 heat|heating|burning|boiling|hot|on_fire|too_hot|hot_hot',
      'hot|burning|boiling *2 like * fire|oven|stove|kettle',
      'thermometer *2 talk|talks|say|says|show|shows|read|reads *2 38|39|40|41|101|102|103|104|105',
    ],
  },
  infection_source: {
    label: 'an infection or recent operation',
    except: [CLINIC_SURGERY],
    phrases: [
      'redness|red *3 spread|spreading|spreads|tracking|moving_up',
      'infection|infected|infections|uti|water infection|kidney infection|chest infection|pneumonia|cellulitis|abscess|wound|pus|oozing|smelly|redness spreading|red streak|red streaks',
      'surgery|operation|op|catheter|line|picc|port',
      'flu|covid|virus|bug|cold',
      'antibiotics|antibiotic',
      'boil|boils|carbuncle|septic|festering|gangrene|tooth_abscess|dental_abscess|pyelonephritis|kidney_infection|urinary_infection|bladder_infection|urine_infection|infected_bite|infected_cut|infected_wound',
      'ulcer|wound|cut|bite|stitches|scar *3 infected|smelly|oozing|weeping|pus|red_and_hot|hot_and_red',
    ],
  },
  sepsis_signs: {
    label: 'mottled or blue skin, very fast breathing, no urine, or feeling something is badly wrong',
    phrases: [
      'mottled|blotchy|marbled|patchy|grey|gray|ashen|pale|pasty|bluish|blue *3 skin|lips|legs|knees|all over|colour|color|tongue',
      'skin *3 mottled|blotchy|blue|grey|gray|ashen|cold and clammy|marbled|weird colour|strange colour',
      'not|no|has not|have not|hardly *3 peed|weed|urinated|passed urine|pee|wee|urine|passed water *4 all_day|since|hours|12|18|today|yesterday',
      'breathing *3 very fast|really fast|so fast|fast|rapid|quick',
      'heart|pulse *3 racing|very fast|really fast|so fast|pounding',
      'going_to_die|gonna_die|am_dying|sense_of_doom',
      'feel|feels|felt like * dying|die',
      'never felt|been * ill|sick|bad',
      'something * badly|seriously|really|terribly wrong',
      'cold hands|cold feet|freezing cold hands',
      'shaking uncontrollably|uncontrollable shaking|shaking violently',
      'sepsis|septic|blood_poisoning',
      'worst * ever felt',
      'peed|weed|urinated|passed_urine|pee|wee *3 once|only_once|only_a_little|a_tiny_bit|a_dribble *3 all_day|today|since|in_#',
      'mottled|mottling|marbled|marbling',
    ],
  },
  // What an onlooker sees of poor circulation (shock): grey, ashen or deathly pale. Never an emergency alone ("went
  // white as a sheet at the bill"); with chest pain, breathlessness or pain in pregnancy it is (NHS, RCUK, NICE NG51).
  pallor_shock: {
    label: 'grey, ashen or deathly pale',
    except: ['grey|gray|white *2 hair|haired|roots|beard|overnight|sky|weather'],
    phrases: [
      'white|pale *1 as *1 a? sheet|ghost|death|chalk|paper|snow',
      'ashen|ashy|deathly_pale|deathly_white|death_warmed_up|grey_faced|gray_faced|pasty_faced',
      'gone|turned|going|went|turning|looks|looking|look|is|are|was *1 very|really|so|all? *0 grey|gray|ashen|white|pasty|putty_coloured',
      'colour|color *2 drained|gone|terrible|awful|dreadful|horrible|shocking|bad|of_putty|of_ash|of_death|of_paper|like_putty|like_ash',
      'terrible|awful|horrible|dreadful|shocking|funny|deathly|grey|gray|ashen *1 colour|color',
      // After another sign of poor circulation: "sweating and grey", "cold and ashen".
      'sweating|sweaty|clammy|cold|pale|blue *1 and *0 grey|gray|ashen',
      'drained_of_colour|drained_of_color|no_colour|no_color|lost_his_colour|lost_her_colour|lost_all_colour|lost_his_color|lost_her_color',
      'face|skin *2 grey|gray|ashen|white|putty|deathly|waxy|like_wax',
      'looks|looking|look|looked *1 like *1 death|a_corpse|a_ghost|death_warmed_up',
    ],
  },
  sepsis_named: { label: 'possible sepsis', phrases: ['sepsis|septic|septicaemia|blood_poisoning'] },
  p_immunosuppressed: {
    label: 'a weakened immune system (chemotherapy, transplant, steroids)',
    except: ['sickle_cell_trait|sickle_trait|sickle_cell_carrier'],
    phrases: [
      'chemo|chemotherapy|radiotherapy|neutropenic|neutropenia|low white|transplant|immunosuppressed|immunosuppressant|immunocompromised|steroids|prednisolone|prednisone|methotrexate|biologics|hiv|leukaemia|leukemia|lymphoma|myeloma|spleen removed|no spleen',
      'on_chemo|having_chemo|immunotherapy|biologic|rituximab|azathioprine|mycophenolate|tacrolimus|ciclosporin|cyclosporine|infliximab|adalimumab|humira|high_dose_steroids|cancer_treatment|bone_marrow_transplant|stem_cell_transplant|sickle_cell|splenectomy|asplenia',
    ],
  },
  // Children
  p_child: {
    label: 'a child',
    phrases: [
      BABY.replace('|little|one|lo', ''),
      'little one|little boy|little girl',
      '# year old|month old|week old|day old',
      'nappy|nappies|diaper|diapers|cot|crib|pram|nursery|school',
      'bairn|wean|kiddo|bachcha|bacha|bachi|bachche|munna|munni|anak|bunso',
    ],
  },
  p_baby: {
    label: 'a baby',
    except: [
      '# month|months|week|weeks *4 pregnant|gone|along|gestation|pregnancy|bump|midwife|antenatal|maternity|labour|contractions|waters',
    ],
    phrases: [
      'baby|babies|newborn|infant|bub|bubba|neonate|new born|new-born',
      '# month old|week old|day old|weeks old|days old|months old',
      'nappy|nappies|diaper|diapers|breastfed|breastfeeding|bottle fed|formula|feeds|feeding|fontanelle|soft spot',
      'sanggol|bagong_panganak|chhota_baccha|chota_bacha|nawjat|navjaat',
      'pikin|baby|son|daughter|boy|girl|bub|bubs|lo|he|she *1 is|na|dey|only|just *1 # month|months|week|weeks|day|days',
    ],
  },
  floppy_child_signs: {
    label: 'floppy, very sleepy, a weak or high-pitched cry, a bulging soft spot',
    except: [
      'grunts|grunting|grunt *4 squeaks|squeaking|snuffles|snuffling|in_her_sleep|in_his_sleep|in_their_sleep|while_asleep|when_asleep|when_pooing|straining',
      // A tired parent's wish to sleep is not a sleepy baby.
      'wish|could|want|wanted|need|needs|love_to|dying_to *3 sleep|sleeping',
      'not|never|cannot *1 waking|wake|wakes|getting *2 early|on_time|in_time|for_school|for_work|for_college|for_uni|alarm|alarms',
      'not|never|cannot *1 waking|wake|wakes|getting *2 before|until|till *0 noon|midday|lunchtime|lunch|late|10|11|12|the_afternoon',
    ],
    phrases: [
      'floppy|limp|like a rag doll|ragdoll|rag doll|lifeless|no muscle tone|hypotonic',
      'high pitched|high-pitched|weak|strange|unusual|constant|continuous|moaning|whimpering|whimpery|whiny|feeble|cat like *2 cry|crying|scream|screaming|cries',
      'will not|cannot|not *2 hold * head up',
      'not|no|barely|hardly|will_not *3 responding|respond|react|reacting|waking|wake|smile|smiling|looking at me|interested|crying|cry|eye contact|feeding|feed|eating|drinking|sucking',
      'soft_spot|fontanelle|fontanel|fontanella *3 bulging|bulge|raised|swollen|tense|sunken|sinking|dipped',
      'bulging * soft_spot|fontanelle',
      'very sleepy|so sleepy|too sleepy|just sleeping|sleeping all day|sleeping and sleeping|keeps sleeping|hard to wake|difficult to wake|will not stay awake',
      'mottled|blue|grey|gray|pale|ashen|white|bluish *3 skin|lips|tongue|hands|feet|all_over',
      'grunting|grunts|grunt',
      'cold hands and feet',
      'not himself|herself|right',
      'eyes * rolling|staring',
      'like_a_noodle|like_jelly|like_a_wet_noodle|like_a_wet_rag|no muscle|all_floppy|gone_floppy|gone_limp|just_flops|flops_about',
      'staring_blankly|blank_stare|vacant|glassy_eyed|glazed|eyes_glazed|staring_into_space|not focusing|not following',
      'weak|whimpery|whimpering|moaning|strange|different|unusual|high_pitched *3 cry|crying|cries|sounds',
      'not|will_not|cannot *2 hold|lift|keep *2 head|neck',
    ],
  },
  dehydration_signs: {
    label: 'dry nappies, sunken eyes or soft spot, no tears, not drinking',
    phrases: [
      'dry|no wet|not wet|not many wet|fewer wet|less wet|only one wet|few wet *3 nappy|nappies|diaper|diapers',
      'not|no|barely|hardly|has not|have not *3 peed|weed|wee|pee|urine|wet',
      'not|no|barely|hardly *2 passing|passed|making *0 urine|wee|pee|water',
      'barely|hardly|only one|one *1 wet *0 nappy|nappies|diaper',
      'nappy|nappies|diaper|diapers *4 dry|not wet|hours',
      'sunken|sunk|hollow|deep_set *3 eyes|eye|soft spot|fontanelle|cheeks',
      'eyes|soft spot|fontanelle *3 sunken|sunk|sinking|hollow|dipped',
      'no tears|crying without tears|cries without tears|no tears when',
      'dry *2 mouth|lips|tongue',
      'not|refusing|refuses|will not|cannot keep|stopped *3 drinking|feeding|feed|feeds|milk|fluids|bottle|breast|water|down',
      'everything *3 comes back up|comes out|straight out|straight through',
      'skin *3 stays up|stays pinched|tenting|does not go back|not go back',
      'soft_spot|fontanelle|fontanel|fontanella *5 sunken|sunk|sinking|hollow|dipped|dipping|caved|dip|dent|dented|low|gone_in|going_in|sucked_in',
      'mouth|lips|tongue *3 dry|cracked|parched|sticky|crusty|dried',
      'eyes *3 gone_in|gone_inside|sunk_in|sunken_in|hollow|deep|dark_circles|dark_rings|sinking',
      'sick|vomits|vomiting|throws_up|brings_up|brought_up *2 every|each|all *0 feed|feeds|bottle|bottles|drink|drinks|fluids',
      'no|not|hardly_any|barely_any *1 pee|wee|urine|wet *2 since|all_day|for_hours|#|today',
    ],
  },
  child_ingested_object: {
    label: 'swallowed a button battery, magnets or something dangerous',
    // "a bit of bleach on my hand" is a small amount, not a bite.
    // Taken out of the mouth before it went down: "put a battery in his mouth but I took it out straight away".
    except: [
      'a|little bit of',
      'battery|batteries|magnet|magnets|coin|coins *6 but|and *2 took|got|pulled|fished|hooked|spat|spit *2 it|them|one|all *0 out',
    ],
    phrases: [
      'button|coin|watch|lithium|cell|remote|hearing aid|small *2 battery|batteries|cell',
      'battery|batteries *4 swallow|swallowed|mouth|=ate|eaten|missing|gone|put_in',
      'magnet|magnets|magnetic|neodymium|buckyballs',
      'swallowed|=ate|eaten|chewed|sucked|bit|bitten|drank|drunk|got_into|licked|mouth *5 pill|pills|tablets|medicine|medication|meds|gummies|bleach|cleaner|detergent|dishwasher|washing|pod|pods|liquitab|capsule|tide|fairy|chemical|antifreeze|iron|vitamins|paracetamol|calpol|nicotine|vape|e liquid|berries|mushroom|mushrooms|plant|leaves|oil|kerosene|paraffin|petrol|weed|cannabis|edibles|battery|magnet|magnets|perfume|alcohol|vodka|gin|grandma|grandmas|nan|nans',
      'got into *4 cupboard|cabinet|handbag|bag|medicine|pills|tablets|box',
      'swallowed|=ate|eaten|drank|drunk|chewed|sucked|licked|got_hold_of|got_into|mouth *5 unblocker|drain_cleaner|drain_opener|oven_cleaner|caustic|lye|descaler|limescale_remover|degreaser|weedkiller|antifreeze|screenwash|lamp_oil|paraffin|white_spirit|turps|turpentine',
      'empty *3 packet|bottle|blister|pack *4 next_to|near|beside|by|found',
      'found * with *3 pills|tablets|bottle|packet|bleach|battery|magnets|open|patch|patches',
      // Medicine patches (opioid, nicotine) chewed or sucked by a child: NHS child poisoning advice.
      'chewed|chewing|sucked|sucking|swallowed|=ate|bit|bitten|mouth *5 patch|patches',
      'dishwasher|laundry|washing|detergent|liquid|toilet|bleach|cleaning *3 tablet|tablets|pod|pods|capsule|capsules|liquitab|liquitabs|block|blocks *6 mouth|swallowed|=ate|eaten|chewed|bit|bitten|sucked|licked|drank|burst|bitten',
      'swallowed|=ate|eaten|chewed|sucked|drank|drunk|got_into|licked|got_hold_of *5 syrup|cough_syrup|cough_mixture|cough_medicine|nurofen|antihistamine|piriton|benadryl|melatonin|heart_tablets|blood_pressure_tablets|antidepressants|methadone|opioid|fentanyl|mouthwash|hand_sanitiser|hand_sanitizer|sanitiser|sanitizer|essential_oil|eucalyptus|camphor|tea_tree|lamp_oil|lighter_fluid|slug_pellets|mothballs|mothball|naphthalene|washing_powder|drain_cleaner|oven_cleaner|toilet_cleaner|dettol|harpic|jik|phenyl|diesel|turpentine|thinner|nail_polish_remover|superglue|vape_liquid|vape_juice|e_liquid|liquid_nicotine|nicotine|cigarette|cigarettes|cigarette_butt',
      'vape|nicotine|e_liquid|vape_liquid|vape_juice *4 drank|drunk|swallowed|licked|sucked|chewed|mouth|got_hold_of|got_into',
    ],
  },
  // Complaint words that only select a screening group (screening.ts), never a flag on their own
  mood_low: {
    label: 'low mood or anxiety',
    phrases: [
      'depressed|depression|anxious|anxiety|panic|panicking|stressed|hopeless|worthless|overwhelmed|suicidal|lonely',
      'low_mood|mental_health|not coping|cannot_cope',
      'feeling|feel|felt|been *2 low|sad|empty|numb|hopeless|awful|terrible',
      'udaas|dukhi|malungkot|miserable|crying_all_the_time|numb_inside|down_in_the_dumps',
    ],
  },
  rash: {
    label: 'a rash or skin problem',
    phrases: ['rash|rashes|spots|hives|itchy|itching|itch|blisters|blister|redness|eczema|sting|bite|bitten|welts|lump|lumps|skin'],
  },
  urinary: {
    label: 'a urinary or genital problem',
    phrases: [
      'pee|peeing|wee|weeing|urine|urinating|urination|bladder|uti|cystitis|kidney|penis|vagina|vaginal|discharge|testicle|testicles|scrotum|groin',
      'water_infection',
      'burning|stinging|pain *3 pee|peeing|wee|weeing|urinate',
    ],
  },
  // Everyday explanations: they hold back a clarifying question (never a flag) when the message gives one.
  benign_explanation: {
    label: 'an everyday explanation',
    phrases: [
      'from|with|after *2 coughing|cough|cold|flu|gym|workout|lifting|cycling|running|football|exercise|training|sport',
      'when|if * press|pressing|touch|poke',
      'tender to touch',
      'bumped|knocked|pulled_a_muscle|strained|twisted',
      'heartburn|indigestion|reflux|gaviscon|rennie|rennies|antacid|antacids',
      'sorts|sorted|settles|settled|eases|eased|easing|goes|went|wears *2 it|off|away|down|better',
      'brought * down',
      'better now|fine now|totally fine|feel fine|feels fine|otherwise fine|otherwise well|perfectly well|back to normal|fine straight after|fine after|came round straight away|came round quickly',
      'put on weight|unfit|out of shape|overweight',
      'drinking|feeding|eating|playing *3 well|normally|fine|and playing|as usual',
      'wet nappies',
    ],
  },
  // Misc general
  unwell_severe: {
    label: 'feels seriously unwell',
    phrases: [
      'getting_worse|worse_and_worse|very unwell|seriously ill|really ill|very ill|gravely|getting worse fast|going downhill|deteriorating|worse and worse|never been this ill|look terrible|looks terrible|looks grey|looks awful|looks very ill',
      'looks_like_death|look_like_death|looks_dreadful|looks_awful|very_poorly|really_poorly|so_poorly|critically_ill|seriously_unwell|very_sick|really_sick|so_sick|gone_downhill|went_downhill|took_a_turn|taken_a_turn|turn_for_the_worse|deteriorated|deteriorating_fast|getting_weaker|much_worse|sinking|fading',
    ],
  },
};
