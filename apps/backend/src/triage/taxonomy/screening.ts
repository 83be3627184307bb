/**
 * Structured screening: the presenting complaint selects its complaint groups, and each group's
 * discriminator questions are asked as yes/no items before the open questions, the way NHS 111 pathways
 * and the Manchester Triage System get recall by asking. A "yes" is a red flag of the question's category
 * whatever the free text said. Wording follows the lay-observable discriminators in the references.
 */
import type { ComplaintGroupId } from './categories.js';

export interface ScreeningQuestion {
  /** Stable id, `<group>.<discriminator>`: stored with the answer. */
  id: string;
  text: string;
  /** The category a "yes" raises. */
  category: string;
}

export interface ComplaintGroup {
  label: string;
  /** Findings (findings.ts) in the presenting complaint that select this group. */
  findings: string[];
  questions: ScreeningQuestion[];
}

export const COMPLAINT_GROUPS: Record<ComplaintGroupId, ComplaintGroup> = {
  chest: {
    label: 'chest pain',
    findings: ['chest_pain', 'chest_pain_severe', 'palpitations_severe', 'heart_attack_named', 'chest_pleuritic'],
    questions: [
      {
        id: 'chest.radiation',
        text: 'Does the pain feel heavy, tight or crushing, or spread to your arm, jaw, neck or back?',
        category: 'acute_coronary_syndrome',
      },
      {
        id: 'chest.autonomic',
        text: 'With the pain, are you sweating, clammy, short of breath or feeling faint?',
        category: 'acute_coronary_syndrome',
      },
      {
        id: 'chest.tearing',
        text: 'Did it start suddenly as a severe tearing or ripping pain, going through to your back?',
        category: 'aortic_dissection',
      },
      {
        id: 'chest.clot',
        text: 'Is one leg swollen or painful, or have you had an operation, a long journey or a baby in the last few weeks?',
        category: 'pulmonary_embolism',
      },
    ],
  },
  breathing: {
    label: 'breathing',
    findings: ['breathless', 'cannot_breathe', 'asthma', 'stridor', 'coughing_blood', 'chest_pleuritic'],
    questions: [
      {
        id: 'breathing.speech',
        text: 'Are you (or the person) too breathless to speak in full sentences right now?',
        category: 'respiratory_distress',
      },
      { id: 'breathing.colour', text: 'Are the lips, tongue or face turning blue or grey?', category: 'respiratory_distress' },
      {
        id: 'breathing.stridor',
        text: 'Is there a high-pitched noise when breathing in, drooling, or trouble swallowing saliva?',
        category: 'epiglottitis_stridor',
      },
      {
        id: 'breathing.allergy',
        text: 'Did this start after a food, a sting or a new medicine, with swelling of the lips, tongue or throat?',
        category: 'anaphylaxis',
      },
      { id: 'breathing.blood', text: 'Are you coughing up more than a streak of blood?', category: 'haemoptysis' },
    ],
  },
  head_neuro: {
    label: 'head, nerves or dizziness',
    findings: [
      'headache',
      'headache_thunderclap',
      'confusion',
      'face_droop',
      'arm_leg_weak_one_side',
      'speech_problem',
      'vision_sudden_loss',
      'balance_sudden_loss',
      'stroke_named',
      'seizure',
      'fainted',
      'syncope',
      'unresponsive',
    ],
    questions: [
      {
        id: 'neuro.fast',
        text: 'Is there any new drooping of the face, weakness or numbness of an arm or leg, or trouble speaking — even if it has gone away?',
        category: 'stroke',
      },
      { id: 'neuro.vision', text: 'Any sudden loss of sight, double vision or loss of balance?', category: 'stroke' },
      {
        id: 'neuro.thunderclap',
        text: 'Did a severe headache come on suddenly, reaching its worst within a few minutes?',
        category: 'subarachnoid_haemorrhage',
      },
      {
        id: 'neuro.meningitis',
        text: 'Is there a fever with a stiff neck, light hurting the eyes, or a rash that does not fade when a glass is pressed on it?',
        category: 'meningitis',
      },
      {
        id: 'neuro.conscious',
        text: 'Has there been a fit, or is the person newly confused, very drowsy or hard to wake?',
        category: 'unconscious_collapse',
      },
    ],
  },
  abdominal: {
    label: 'tummy',
    findings: [
      'abdominal_pain',
      'abdominal_pain_one_side',
      'vomiting',
      'vomiting_blood',
      'black_stool',
      'diarrhoea',
      'rectal_bleeding_heavy',
      'abdomen_rigid',
    ],
    questions: [
      {
        id: 'abdominal.blood',
        text: 'Have you vomited blood or something like coffee grounds, or passed black, sticky stools?',
        category: 'upper_gi_bleed',
      },
      {
        id: 'abdominal.severe',
        text: 'Is the pain severe (8 or more out of 10), or is the tummy rigid and hard to touch?',
        category: 'severe_pain',
      },
      {
        id: 'abdominal.ectopic',
        text: 'Could you be pregnant, with pain on one side, pain in the tip of the shoulder, bleeding or feeling faint?',
        category: 'ectopic_pregnancy',
      },
      {
        id: 'abdominal.diabetes',
        text: 'Do you have diabetes, and are you vomiting, breathing fast or deeply, or very drowsy?',
        category: 'dka',
      },
    ],
  },
  pregnancy: {
    label: 'pregnancy or a recent birth',
    findings: ['p_pregnant', 'p_postpartum', 'fetal_movements_reduced'],
    questions: [
      {
        id: 'pregnancy.bleeding',
        text: 'Are you bleeding from the vagina, or (after a birth) soaking a pad within an hour or passing large clots?',
        category: 'bleeding_in_pregnancy',
      },
      {
        id: 'pregnancy.movements',
        text: 'If you are 24 weeks or more: is the baby moving less than usual, or not at all?',
        category: 'reduced_fetal_movements',
      },
      {
        id: 'pregnancy.preeclampsia',
        text: 'Do you have a severe headache, blurred vision or flashing lights, pain under the ribs, or sudden swelling of the face or hands?',
        category: 'pre_eclampsia',
      },
      {
        id: 'pregnancy.ectopic',
        text: 'In early pregnancy: pain on one side of the tummy, pain in the tip of the shoulder, or feeling faint?',
        category: 'ectopic_pregnancy',
      },
    ],
  },
  child_unwell: {
    label: 'an unwell child',
    findings: ['p_child', 'p_baby', 'floppy_child_signs', 'dehydration_signs', 'child_ingested_object'],
    questions: [
      {
        id: 'child.infant_fever',
        text: 'Is the baby under 3 months old with a temperature of 38 °C (100.4 °F) or more?',
        category: 'febrile_infant',
      },
      {
        id: 'child.floppy',
        text: 'Is the child floppy, very sleepy or hard to wake, or crying in a weak or high-pitched way?',
        category: 'floppy_child',
      },
      {
        id: 'child.breathing',
        text: 'Is the child struggling to breathe, grunting, or sucking in under the ribs?',
        category: 'respiratory_distress',
      },
      { id: 'child.rash', text: 'Is there a rash that does not fade when you press a glass on it?', category: 'meningitis' },
      {
        id: 'child.dehydration',
        text: 'Is the child refusing drinks, with no wet nappy or no pee for 12 hours or more?',
        category: 'infant_dehydration',
      },
      {
        id: 'child.ingestion',
        text: 'Could the child have swallowed medicine, a chemical, a button battery or magnets?',
        category: 'child_ingestion',
      },
    ],
  },
  injury: {
    label: 'an injury',
    findings: [
      'head_injury_event',
      'major_mechanism',
      'penetrating_injury',
      'burn',
      'burn_severe',
      'bleeding_uncontrolled',
      'open_fracture',
      'limb_cold_pale',
    ],
    questions: [
      { id: 'injury.bleeding', text: 'Is there bleeding that does not stop with firm pressure?', category: 'major_trauma' },
      {
        id: 'injury.mechanism',
        text: 'Was it a high-speed crash, a fall from more than a few steps, a stab wound or a gunshot?',
        category: 'major_trauma',
      },
      {
        id: 'injury.head',
        text: 'Was the head hit, with vomiting, drowsiness, a fit, memory loss, or while taking blood thinners?',
        category: 'head_injury',
      },
      { id: 'injury.bone', text: 'Is a bone showing through the skin, or is a limb badly bent out of shape?', category: 'open_fracture' },
      {
        id: 'injury.burn',
        text: 'Is it a burn bigger than the hand, or on the face, hands, feet or genitals, or from electricity or a chemical?',
        category: 'severe_burns',
      },
    ],
  },
  mental_health: {
    label: 'mood or mental health',
    findings: ['suicidal', 'suicide_plan', 'self_harm', 'psychosis', 'danger_to_others', 'overdose_taken', 'mood_low'],
    questions: [
      { id: 'mental_health.suicide', text: 'In the past month, have you had thoughts of ending your life?', category: 'suicidal_intent' },
      {
        id: 'mental_health.plan',
        text: 'Have you thought about how you would do it, or made any plans or preparations?',
        category: 'suicidal_intent',
      },
      {
        id: 'mental_health.harm',
        text: 'Have you harmed yourself today, or taken more of any medicine than prescribed?',
        category: 'self_harm',
      },
      {
        id: 'mental_health.danger',
        text: 'Is anyone at risk of being harmed right now — by you, or by someone else?',
        category: 'acute_psychosis',
      },
    ],
  },
  skin_allergy: {
    label: 'skin or allergy',
    findings: ['allergy_trigger', 'airway_swelling', 'anaphylaxis_named', 'nonblanching_rash', 'rash', 'infection_source'],
    questions: [
      {
        id: 'skin.airway',
        text: 'Is there swelling of the lips, tongue or throat, or any difficulty breathing or swallowing?',
        category: 'anaphylaxis',
      },
      { id: 'skin.rash', text: 'Is there a rash that does not fade when a glass is pressed on it?', category: 'meningitis' },
      {
        id: 'skin.sepsis',
        text: 'Is redness spreading fast, with fever, shivering, confusion or feeling very unwell?',
        category: 'sepsis',
      },
    ],
  },
  urinary_genital: {
    label: 'urine or genitals',
    findings: ['testicle_pain', 'bladder_bowel_change', 'urinary'],
    questions: [
      { id: 'urinary.testicle', text: 'Is there sudden or severe pain in a testicle?', category: 'testicular_torsion' },
      {
        id: 'urinary.retention',
        text: 'Are you unable to pass urine at all, or have you lost control of your bladder or bowels?',
        category: 'cauda_equina',
      },
      { id: 'urinary.sepsis', text: 'Do you have a fever with shivering, confusion, or pain in your side or back?', category: 'sepsis' },
    ],
  },
  eye: {
    label: 'eyes',
    findings: ['eye_pain_red', 'halos_blurred', 'vision_sudden_loss'],
    questions: [
      {
        id: 'eye.painful',
        text: 'Is the eye very painful and red, with blurred vision or haloes around lights?',
        category: 'angle_closure_glaucoma',
      },
      { id: 'eye.sudden', text: 'Have you suddenly lost sight in an eye, or is there a curtain or shadow over it?', category: 'stroke' },
      { id: 'eye.chemical', text: 'Did a chemical splash into the eye, or was the eye cut or hit hard?', category: 'severe_burns' },
    ],
  },
  back: {
    label: 'back pain',
    findings: ['back_pain', 'legs_both_weak', 'saddle_anaesthesia'],
    questions: [
      {
        id: 'back.saddle',
        text: 'Is there numbness around your bottom or genitals, or new trouble passing urine or controlling your bowels?',
        category: 'cauda_equina',
      },
      { id: 'back.legs', text: 'Are both legs weak or numb, or is there sciatica in both legs?', category: 'cauda_equina' },
      {
        id: 'back.tearing',
        text: 'Did the pain come on suddenly as a severe tearing pain, with chest pain or fainting?',
        category: 'aortic_dissection',
      },
    ],
  },
};

/** Every screening question by id. */
export const SCREENING_QUESTIONS = new Map(Object.values(COMPLAINT_GROUPS).flatMap((g) => g.questions.map((q) => [q.id, q] as const)));
