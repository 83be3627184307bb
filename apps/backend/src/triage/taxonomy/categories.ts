/**
 * The emergency categories: what combination of findings (findings.ts) makes each one, what the patient
 * should do, and the reference it follows. A rule is a list of slots; it holds when every slot has at
 * least one finding said as happening now (see context.ts). `ask` rules hold for a possible emergency
 * that needs one question first ("is your baby under 3 months old?").
 */
export type Guidance = 'emergency' | 'urgent' | 'crisis';
export type ComplaintGroupId =
  | 'chest'
  | 'breathing'
  | 'head_neuro'
  | 'abdominal'
  | 'pregnancy'
  | 'child_unwell'
  | 'injury'
  | 'mental_health'
  | 'skin_allergy'
  | 'urinary_genital'
  | 'eye'
  | 'back';

export interface CategoryDefinition {
  id: string;
  /** Plain words, as the patient and the doctor read them. */
  label: string;
  reference: string;
  guidance: Guidance;
  groups: ComplaintGroupId[];
  rules: string[][][];
  /** A possible emergency: one question decides. */
  ask?: { rules: string[][][]; question: string };
}

export const CATEGORIES: CategoryDefinition[] = [
  {
    id: 'acute_coronary_syndrome',
    label: 'chest pain that could be a heart attack',
    reference: 'ESI level 2 high-risk chest pain; NHS "heart attack" call 999 list; AHA warning signs',
    guidance: 'emergency',
    groups: ['chest'],
    rules: [
      [
        ['chest_pain', 'chest_pain_severe'],
        [
          'pain_radiating',
          'sweating',
          'exertional',
          'breathless',
          'cannot_breathe',
          'nausea',
          'vomiting',
          'fainted',
          'severe_pain',
          'onset_sudden',
          'gtn_used',
          'pallor_shock',
        ],
      ],
      [['chest_pain_severe']],
      [['heart_attack_named']],
      [['pain_radiating'], ['sweating', 'breathless', 'nausea', 'fainted']],
    ],
    ask: {
      // Grey and sweating is what an onlooker sees of shock (Manchester Triage "shock"); with no pain said, ask.
      rules: [[['chest_pain']], [['pallor_shock'], ['sweating']]],
      question:
        'Is the chest pain happening now, or did it start in the last day? Does it feel heavy or tight, spread to your arm, jaw, neck or back, or come with sweating or breathlessness?',
    },
  },
  {
    id: 'aortic_dissection',
    label: 'sudden tearing chest or back pain',
    reference:
      'RCEM/RCR thoracic aortic dissection guideline (2021); DAShED high-risk features (abrupt pain that migrates counts as high risk)',
    guidance: 'emergency',
    groups: ['chest', 'back'],
    rules: [
      [['tearing_pain'], ['chest_pain', 'back_pain', 'abdominal_pain', 'severe_pain', 'onset_sudden', 'pain_radiating']],
      [['connective_tissue'], ['chest_pain', 'back_pain', 'severe_pain', 'tearing_pain']],
      [['back_pain'], ['chest_pain_severe', 'fainted', 'arm_leg_weak_one_side']],
      [['tearing_pain', 'chest_pain_severe', 'onset_sudden'], ['bp_low']],
      [['onset_sudden'], ['pain_radiating'], ['back_pain', 'chest_pain']],
    ],
  },
  {
    id: 'pulmonary_embolism',
    label: 'breathlessness or chest pain with signs of a blood clot',
    reference: 'NICE NG158 venous thromboembolic diseases; RCEM Learning PE features',
    guidance: 'emergency',
    groups: ['breathing', 'chest'],
    rules: [
      [['breathless', 'chest_pleuritic', 'coughing_blood', 'cannot_breathe'], ['leg_clot_signs']],
      [
        ['breathless', 'chest_pleuritic'],
        ['clot_risk', 'p_postpartum'],
        ['onset_sudden', 'chest_pain', 'coughing_blood', 'fainted', 'palpitations_severe', 'heart_rate_very_fast'],
      ],
    ],
  },
  {
    id: 'stroke',
    label: 'signs of a stroke (face, arm, speech, sight or balance)',
    reference: 'NHS Act FAST; BE-FAST; NICE NG128 (resolved symptoms are still urgent)',
    guidance: 'emergency',
    groups: ['head_neuro', 'eye'],
    rules: [
      [['face_droop']],
      [['arm_leg_weak_one_side']],
      [['speech_problem']],
      [['stroke_named']],
      [['vision_sudden_loss'], ['onset_sudden', 'headache', 'balance_sudden_loss', 'speech_problem']],
      [['balance_sudden_loss'], ['onset_sudden', 'headache', 'vision_sudden_loss', 'vomiting']],
      [['confusion'], ['onset_sudden']],
    ],
    ask: {
      rules: [[['vision_sudden_loss']], [['balance_sudden_loss']]],
      question:
        'Did this start suddenly, in the last day or two? Is there also any weakness, numbness, a drooping face or trouble speaking?',
    },
  },
  {
    id: 'subarachnoid_haemorrhage',
    label: 'a sudden, very severe headache',
    reference: 'NICE NG228 subarachnoid haemorrhage (thunderclap headache)',
    guidance: 'emergency',
    groups: ['head_neuro'],
    rules: [
      [['headache_thunderclap']],
      [['headache'], ['onset_sudden']],
      [['headache'], ['severe_pain'], ['stiff_neck', 'vomiting', 'photophobia', 'fainted', 'confusion']],
    ],
  },
  {
    id: 'meningitis',
    label: 'fever or headache with a stiff neck, a rash that does not fade, or light hurting the eyes',
    reference: 'NICE NG143 red features; NICE CG102 meningitis; NHS meningitis symptoms',
    guidance: 'emergency',
    groups: ['head_neuro', 'child_unwell', 'skin_allergy'],
    rules: [
      [['nonblanching_rash']],
      [
        ['stiff_neck', 'photophobia'],
        ['fever', 'headache', 'vomiting', 'confusion'],
      ],
      [['stiff_neck'], ['photophobia', 'rash']],
      [
        ['meningitis_named'],
        ['fever', 'headache', 'vomiting', 'stiff_neck', 'nonblanching_rash', 'confusion', 'fever', 'unwell_severe', 'floppy_child_signs'],
      ],
    ],
  },
  {
    id: 'sepsis',
    label: 'signs of a serious infection (sepsis)',
    reference: 'NICE NG51 high-risk criteria (lay-observable); UK Sepsis Trust',
    guidance: 'emergency',
    groups: ['breathing', 'skin_allergy', 'abdominal'],
    rules: [
      [
        ['fever', 'infection_source', 'unwell_severe'],
        ['sepsis_signs', 'confusion', 'unresponsive', 'cannot_breathe', 'bp_low', 'heart_rate_very_fast'],
      ],
      [['sepsis_named'], ['unwell_severe', 'fever', 'confusion', 'breathless']],
      [['p_immunosuppressed'], ['fever']],
      [['sepsis_signs'], ['confusion', 'breathless', 'unwell_severe', 'cannot_breathe']],
      // Manchester Triage "very hot": 41 °C or more is orange whatever the cause.
      [['very_hot']],
    ],
  },
  {
    id: 'febrile_infant',
    label: 'fever in a baby under 3 months',
    reference: 'NICE NG143: under 3 months with temperature of 38 °C or more is a red feature',
    guidance: 'emergency',
    groups: ['child_unwell'],
    rules: [[['p_infant_under_3_months'], ['fever']]],
    ask: { rules: [[['p_baby'], ['fever']]], question: 'How old is your baby? Is the baby under 3 months old?' },
  },
  {
    id: 'floppy_child',
    label: 'a floppy, unresponsive or very unwell child',
    reference: 'NHS "Is your baby or toddler seriously ill?"; NICE NG143 red traffic-light features',
    guidance: 'emergency',
    groups: ['child_unwell'],
    rules: [
      [
        ['p_child', 'p_baby'],
        ['floppy_child_signs', 'unresponsive', 'cannot_breathe', 'vomit_green', 'sepsis_signs'],
      ],
      [['floppy_child_signs'], ['fever', 'vomiting', 'unresponsive', 'confusion']],
    ],
  },
  {
    id: 'infant_dehydration',
    label: 'a baby or child who may be dangerously dehydrated',
    reference: 'NICE CG84 diarrhoea and vomiting in under 5s (red flags)',
    guidance: 'urgent',
    groups: ['child_unwell', 'abdominal'],
    rules: [
      [['p_child', 'p_baby'], ['dehydration_signs'], ['vomiting', 'diarrhoea', 'fever', 'confusion', 'floppy_child_signs', 'drowsy']],
    ],
  },
  {
    id: 'child_ingestion',
    label: 'a child who swallowed medicine, a chemical, a button battery or magnets',
    reference: 'NHS Healthier Together poisoning pathway; Alder Hey button battery and magnet advice',
    guidance: 'emergency',
    groups: ['child_unwell'],
    rules: [
      [['child_ingested_object']],
      [
        ['p_child', 'p_baby'],
        ['overdose_taken', 'medicine_within_reach'],
      ],
    ],
  },
  {
    id: 'respiratory_distress',
    label: 'severe difficulty breathing',
    reference: 'ESI level 1 severe respiratory distress; BTS/SIGN life-threatening asthma',
    guidance: 'emergency',
    groups: ['breathing'],
    rules: [
      [['cannot_breathe']],
      [['breathing_rate_high']],
      [['breathless'], ['confusion', 'fainted', 'chest_pain_severe', 'unwell_severe', 'sepsis_signs', 'pallor_shock']],
    ],
    ask: {
      rules: [[['breathless']]],
      question:
        'Are you (or the person) so short of breath right now that it is hard to speak in full sentences, or are the lips turning blue or grey?',
    },
  },
  {
    id: 'epiglottitis_stridor',
    label: 'noisy breathing in, drooling or a closing throat',
    reference: 'NHS epiglottitis; MTS stridor discriminator',
    guidance: 'emergency',
    groups: ['breathing', 'child_unwell'],
    rules: [
      [['stridor']],
      [['sore_throat'], ['airway_swelling', 'cannot_breathe', 'breathless', 'drooling']],
      [['drooling'], ['fever', 'breathless', 'airway_swelling']],
    ],
  },
  {
    id: 'anaphylaxis',
    label: 'a severe allergic reaction',
    reference: 'Resuscitation Council UK emergency treatment of anaphylaxis (2021)',
    guidance: 'emergency',
    groups: ['skin_allergy', 'breathing'],
    rules: [
      [['airway_swelling']],
      [['anaphylaxis_named']],
      [
        ['allergy_trigger'],
        [
          'adrenaline_used',
          'breathless',
          'cannot_breathe',
          'fainted',
          'unresponsive',
          'stridor',
          'vomiting',
          'swallow_voice_change',
          'bp_low',
        ],
      ],
      [['adrenaline_used']],
    ],
  },
  {
    id: 'upper_gi_bleed',
    label: 'vomiting blood or black, tarry stools',
    reference: 'NICE CG141 upper GI bleeding; NHS "vomiting blood"',
    guidance: 'emergency',
    groups: ['abdominal'],
    rules: [[['vomiting_blood']], [['black_stool']], [['rectal_bleeding_heavy']]],
  },
  {
    id: 'haemoptysis',
    label: 'coughing up blood',
    reference: 'NHS "coughing up blood" (A&E if more than a few streaks or with breathlessness)',
    guidance: 'urgent',
    groups: ['breathing', 'chest'],
    rules: [[['coughing_blood']]],
  },
  {
    id: 'ectopic_pregnancy',
    label: 'tummy or shoulder-tip pain, bleeding or fainting in early pregnancy',
    reference: 'NICE NG126 ectopic pregnancy and miscarriage',
    guidance: 'emergency',
    groups: ['pregnancy', 'abdominal'],
    rules: [
      [['p_pregnant'], ['abdominal_pain_one_side', 'shoulder_tip_pain'], ['abdominal_pain', 'vaginal_bleeding', 'fainted', 'severe_pain']],
      [
        ['p_pregnant'],
        ['abdominal_pain'],
        ['fainted', 'severe_pain', 'shoulder_tip_pain', 'pallor_shock', 'bp_low', 'heart_rate_very_fast'],
      ],
    ],
  },
  {
    id: 'bleeding_in_pregnancy',
    label: 'bleeding in pregnancy',
    reference: 'RCOG GTG63 antepartum haemorrhage; NICE NG126',
    guidance: 'emergency',
    groups: ['pregnancy'],
    rules: [
      [['p_pregnant'], ['vaginal_bleeding', 'bleeding_heavy', 'bleeding_uncontrolled']],
      // Abruption can bleed inside: a hard, constantly painful womb with little blood to see (RCOG GTG63).
      [['p_pregnant'], ['abdomen_rigid']],
    ],
  },
  {
    id: 'reduced_fetal_movements',
    label: 'the baby moving less in pregnancy',
    reference: 'RCOG Green-top Guideline 57 reduced fetal movements (a baby that has gone quiet in pregnancy is reduced movement)',
    guidance: 'urgent',
    groups: ['pregnancy'],
    rules: [[['fetal_movements_reduced']], [['p_pregnant'], ['baby_quiet']]],
  },
  {
    id: 'pre_eclampsia',
    label: 'headache, vision changes, pain under the ribs or sudden swelling in pregnancy',
    reference: 'NICE NG133 hypertension in pregnancy (symptoms of pre-eclampsia)',
    guidance: 'urgent',
    groups: ['pregnancy', 'head_neuro'],
    rules: [
      [
        ['p_pregnant', 'p_postpartum'],
        ['preeclampsia_signs', 'halos_blurred', 'vision_sudden_loss'],
        ['headache', 'vomiting', 'abdominal_pain', 'bp_high'],
      ],
      [['p_pregnant', 'p_postpartum'], ['headache'], ['severe_pain', 'vomiting']],
      [
        ['p_pregnant', 'p_postpartum'],
        ['bp_high'],
        ['headache', 'halos_blurred', 'preeclampsia_signs', 'vomiting', 'abdominal_pain', 'unwell_severe', 'mood_low'],
      ],
    ],
  },
  {
    id: 'postpartum_haemorrhage',
    label: 'heavy bleeding after giving birth',
    reference: 'RCOG GTG52 postpartum haemorrhage; NICE NG194 postnatal care',
    guidance: 'emergency',
    groups: ['pregnancy'],
    rules: [
      [['p_postpartum'], ['bleeding_heavy', 'bleeding_uncontrolled']],
      [
        ['p_postpartum'],
        ['vaginal_bleeding'],
        ['fainted', 'fever', 'sepsis_signs', 'severe_pain', 'bleeding_heavy', 'bp_low', 'heart_rate_very_fast'],
      ],
    ],
  },
  {
    id: 'dka',
    label: 'diabetes with vomiting, tummy pain, fast breathing or drowsiness (possible ketoacidosis)',
    reference: 'NHS diabetic ketoacidosis; JBDS DKA guideline',
    guidance: 'emergency',
    groups: ['abdominal', 'breathing'],
    rules: [
      [['ketones'], ['p_diabetes', 'vomiting', 'abdominal_pain', 'confusion', 'high_sugar', 'nausea']],
      [['p_diabetes'], ['high_sugar'], ['vomiting', 'abdominal_pain', 'breathless', 'confusion', 'unwell_severe']],
      [['p_diabetes'], ['vomiting'], ['abdominal_pain', 'breathless', 'confusion', 'unwell_severe']],
    ],
  },
  {
    id: 'severe_hypoglycaemia',
    label: 'low blood sugar with confusion, a fit or unconsciousness',
    reference: 'NHS low blood sugar (hypoglycaemia): call 999 if unconscious or fitting',
    guidance: 'emergency',
    groups: ['head_neuro'],
    rules: [
      [
        ['hypoglycaemia', 'p_diabetes'],
        ['confusion', 'unresponsive', 'seizure', 'speech_problem'],
      ],
    ],
  },
  {
    id: 'testicular_torsion',
    label: 'sudden or severe pain in a testicle',
    reference: 'NICE CKS scrotal pain and swelling (torsion: surgery within hours)',
    guidance: 'emergency',
    groups: ['urinary_genital', 'abdominal'],
    rules: [[['testicle_pain'], ['onset_sudden', 'severe_pain', 'vomiting', 'nausea', 'abdominal_pain']]],
    ask: {
      rules: [[['testicle_pain']]],
      question:
        'Did the pain in the testicle come on suddenly, or is it severe or getting worse? (It needs to be seen within hours if so.)',
    },
  },
  {
    id: 'cauda_equina',
    label: 'back pain with numbness between the legs or bladder or bowel problems',
    reference: 'NICE CKS sciatica red flags (cauda equina syndrome)',
    guidance: 'emergency',
    groups: ['back', 'urinary_genital'],
    rules: [[['saddle_anaesthesia']], [['back_pain', 'legs_both_weak'], ['bladder_bowel_change']], [['back_pain'], ['legs_both_weak']]],
  },
  {
    id: 'acute_limb_ischaemia',
    label: 'a cold, pale, painful or numb limb',
    reference: 'RCEM Learning acute limb ischaemia (the 6 Ps)',
    guidance: 'emergency',
    groups: ['injury'],
    rules: [
      [['limb_cold_pale'], ['limb_pain_numb', 'severe_pain', 'onset_sudden', 'pain_or_numbness', 'pulse_absent']],
      [['pale_and_cold_pronoun'], ['limb_pain_numb']],
    ],
  },
  {
    id: 'major_trauma',
    label: 'a serious injury or bleeding that will not stop',
    reference: 'ESI level 1–2; NICE NG39 major trauma; NHS "call 999" for severe bleeding',
    guidance: 'emergency',
    groups: ['injury'],
    rules: [
      [['penetrating_injury']],
      [['bleeding_uncontrolled']],
      [['major_mechanism']],
      [['bleeding_heavy'], ['fainted', 'sepsis_signs', 'unwell_severe', 'bleeding_uncontrolled', 'bp_low', 'heart_rate_very_fast']],
    ],
    ask: {
      rules: [[['bleeding_heavy']]],
      question: 'Is the bleeding heavy right now — soaking through pads or towels, or not stopping when you press on it?',
    },
  },
  {
    id: 'severe_burns',
    label: 'a large, deep, electrical or chemical burn',
    reference:
      'NHS burns and scalds (A&E list); British Burn Association first aid; a hoarse voice or noisy breathing after a fire is an airway burn (Resuscitation Council UK airway signs)',
    guidance: 'emergency',
    groups: ['injury', 'skin_allergy'],
    rules: [
      [['burn_severe']],
      [['burn'], ['p_baby', 'p_child', 'cannot_breathe', 'severe_pain', 'swallow_voice_change', 'stridor', 'burn_large_area']],
    ],
  },
  {
    id: 'open_fracture',
    label: 'a bone through the skin or a badly deformed limb',
    reference: 'BOAST open fractures; NHS broken bones (999 list)',
    guidance: 'emergency',
    groups: ['injury'],
    rules: [[['open_fracture']]],
  },
  {
    id: 'head_injury',
    label: 'a head injury with vomiting, drowsiness, a fit or on blood thinners',
    reference: 'NICE NG232 head injury (community referral criteria)',
    guidance: 'emergency',
    groups: ['injury', 'head_neuro'],
    rules: [
      [
        ['head_injury_event'],
        [
          'vomiting',
          'confusion',
          'unresponsive',
          'seizure',
          'head_injury_red_sign',
          'p_anticoagulant',
          'speech_problem',
          'arm_leg_weak_one_side',
          'vision_sudden_loss',
          'major_mechanism',
          'severe_pain',
        ],
      ],
    ],
  },
  {
    id: 'seizure',
    label: 'a fit (seizure)',
    reference: 'NHS epilepsy: call 999 for a first fit or one lasting over 5 minutes; ESI level 1 active seizure',
    guidance: 'emergency',
    groups: ['head_neuro', 'child_unwell'],
    rules: [
      [
        ['seizure'],
        [
          'seizure_prolonged',
          'unresponsive',
          'cannot_breathe',
          'head_injury_event',
          'p_pregnant',
          'fever',
          'p_baby',
          'p_child',
          'confusion',
        ],
      ],
      [['seizure_prolonged']],
    ],
    ask: { rules: [[['seizure']]], question: 'Is the fit happening now, is it the first one ever, or has it lasted more than 5 minutes?' },
  },
  {
    id: 'overdose',
    label: 'an overdose or poisoning',
    reference: 'NHS poisoning; TOXBASE; ESI level 2 high-risk ingestion',
    guidance: 'crisis',
    groups: ['mental_health'],
    rules: [[['overdose_taken']]],
  },
  {
    id: 'suicidal_intent',
    label: 'thoughts of ending their life',
    reference: 'C-SSRS screener (items 4–6 high risk); 988 Suicide & Crisis Lifeline',
    guidance: 'crisis',
    groups: ['mental_health'],
    rules: [
      [['suicidal']],
      [['suicide_plan']],
      // Going to join someone who died, with a time or a step taken towards it.
      [['reunion_wish'], ['p_bereaved'], ['time_imminent', 'suicide_plan', 'farewell_hint']],
      [['farewell_hint'], ['suicide_plan', 'means_missing']],
    ],
    ask: {
      rules: [[['farewell_hint']], [['reunion_wish'], ['p_bereaved']]],
      question: 'Are you, or is the person you are writing about, thinking of ending their life?',
    },
  },
  {
    id: 'self_harm',
    label: 'self-harm',
    reference: 'NICE NG225 self-harm; C-SSRS suicidal behaviour',
    guidance: 'crisis',
    groups: ['mental_health', 'injury'],
    rules: [[['self_harm']], [['self_injury_object']], [['harm_on_purpose']]],
  },
  {
    id: 'acute_psychosis',
    label: 'hearing voices or losing touch with reality with a risk of harm',
    reference: 'NICE CG178 psychosis (crisis care); Mental Health Act place of safety guidance',
    guidance: 'crisis',
    groups: ['mental_health'],
    rules: [[['psychosis'], ['danger_to_others', 'suicidal', 'self_harm']]],
    ask: { rules: [[['psychosis']]], question: 'Is anyone in danger right now — does the person want to hurt themselves or someone else?' },
  },
  {
    id: 'angle_closure_glaucoma',
    label: 'a painful red eye with blurred vision or haloes',
    reference: 'NICE CKS glaucoma (acute angle-closure: same-day ophthalmology)',
    guidance: 'emergency',
    groups: ['eye'],
    rules: [[['eye_pain_red'], ['halos_blurred', 'vomiting', 'nausea', 'headache', 'vision_sudden_loss']]],
  },
  {
    id: 'dialysis_hyperkalaemia',
    label: 'on dialysis with weakness, palpitations or a missed session',
    reference: 'Renal Association hyperkalaemia guideline; NHS kidney dialysis',
    guidance: 'emergency',
    groups: ['chest', 'head_neuro'],
    rules: [
      [
        ['p_dialysis', 'missed_dialysis'],
        ['weakness_general', 'palpitations_severe', 'heart_rate_very_fast', 'breathless', 'chest_pain', 'fainted', 'confusion'],
      ],
      // A potassium of about 6.5 or more is an emergency whether or not the patient feels it.
      [['potassium_high']],
    ],
  },
  {
    id: 'carbon_monoxide',
    label: 'possible carbon monoxide poisoning',
    reference: 'NHS carbon monoxide poisoning',
    guidance: 'emergency',
    groups: ['head_neuro'],
    rules: [[['co_source'], ['headache', 'fainted', 'nausea', 'vomiting', 'confusion', 'weakness_general', 'breathless', 'unresponsive']]],
  },
  {
    id: 'unconscious_collapse',
    label: 'collapsed, unconscious or not responding',
    reference: 'ESI level 1 unresponsive; NHS call 999 list',
    guidance: 'emergency',
    groups: ['head_neuro'],
    rules: [
      [['unresponsive']],
      [['confusion'], ['fever', 'headache', 'head_injury_event', 'p_diabetes', 'vomiting', 'breathless', 'sepsis_signs']],
      // ESI level 2: confusion or lethargy that is new ("he was fine yesterday"), not a long-standing dementia.
      [['confusion'], ['acute_change']],
      [['syncope', 'down_on_floor'], ['airway_noise']],
    ],
    ask: {
      rules: [[['syncope']]],
      question: 'Did they faint and come round fully within a minute, or are they still drowsy, confused or not waking properly?',
    },
  },
  {
    id: 'severe_pain',
    label: 'severe pain',
    reference: 'ESI level 2 severe pain (7 or more out of 10); MTS severe pain discriminator',
    guidance: 'urgent',
    groups: ['abdominal', 'back'],
    rules: [
      [['abdomen_rigid']],
      [
        ['severe_pain'],
        ['abdominal_pain', 'testicle_pain', 'chest_pain', 'back_pain', 'headache', 'eye_pain_red', 'limb_pain_numb', 'onset_sudden'],
      ],
    ],
  },
];
