/**
 * Drug-class vocabulary, kept as data: each class lists the generic and common brand names that belong
 * to it (`members`) and the words an allergy entry uses to name the whole class (`allergyTerms`).
 * `crossReactsWith` names classes whose allergy also warns on this one (cephalosporins and carbapenems
 * after a penicillin allergy). Terms are matched as whole words, case-insensitively, with hyphens and
 * punctuation read as spaces ("Co-Amoxiclav" = "co amoxiclav"). Extend the lists here, not in code.
 */
export interface DrugClass {
  id: string;
  label: string;
  members: readonly string[];
  allergyTerms: readonly string[];
  crossReactsWith?: readonly string[];
}

export const DRUG_CLASSES: readonly DrugClass[] = [
  {
    id: 'penicillins',
    label: 'penicillins (beta-lactams)',
    members: [
      'amoxicillin', 'amoxycillin', 'amoxil', 'co-amoxiclav', 'augmentin', 'ampicillin', 'flucloxacillin', 'floxapen', 'dicloxacillin',
      'cloxacillin', 'phenoxymethylpenicillin', 'penicillin v', 'benzylpenicillin', 'penicillin g', 'benzathine penicillin', 'piperacillin',
      'tazocin', 'zosyn', 'temocillin', 'pivmecillinam', 'selexid', 'ticarcillin', 'nafcillin', 'oxacillin',
    ],
    allergyTerms: ['penicillin', 'penicillins', 'beta-lactam', 'beta-lactams', 'beta lactam', 'betalactam'],
  },
  {
    id: 'cephalosporins',
    label: 'cephalosporins (beta-lactams)',
    members: [
      'cefalexin', 'cephalexin', 'keflex', 'cefadroxil', 'cefaclor', 'distaclor', 'cefuroxime', 'zinacef', 'zinnat', 'cefixime', 'suprax',
      'cefpodoxime', 'ceftriaxone', 'rocephin', 'cefotaxime', 'claforan', 'ceftazidime', 'fortum', 'cefepime', 'cefazolin', 'cefradine',
      'ceftaroline', 'cefdinir', 'cefprozil',
    ],
    allergyTerms: ['cephalosporin', 'cephalosporins', 'beta-lactam', 'beta-lactams', 'beta lactam', 'betalactam'],
    crossReactsWith: ['penicillins'],
  },
  {
    id: 'carbapenems',
    label: 'carbapenems (beta-lactams)',
    members: ['meropenem', 'meronem', 'imipenem', 'primaxin', 'ertapenem', 'invanz', 'doripenem'],
    allergyTerms: ['carbapenem', 'carbapenems', 'beta-lactam', 'beta-lactams', 'beta lactam', 'betalactam'],
    crossReactsWith: ['penicillins'],
  },
  {
    id: 'sulfonamides',
    label: 'sulfonamides',
    members: [
      'co-trimoxazole', 'cotrimoxazole', 'trimethoprim-sulfamethoxazole', 'sulfamethoxazole', 'sulphamethoxazole', 'bactrim', 'septrin',
      'septra', 'sulfasalazine', 'sulphasalazine', 'salazopyrin', 'sulfadiazine', 'sulphadiazine', 'silver sulfadiazine', 'flamazine', 'dapsone',
    ],
    allergyTerms: ['sulfa', 'sulpha', 'sulfonamide', 'sulfonamides', 'sulphonamide', 'sulphonamides', 'sulfa drugs', 'sulpha drugs'],
  },
  {
    id: 'nsaids',
    label: 'NSAIDs (incl. aspirin)',
    members: [
      'ibuprofen', 'nurofen', 'advil', 'brufen', 'motrin', 'naproxen', 'naprosyn', 'aleve', 'diclofenac', 'voltaren', 'voltarol', 'arthrotec',
      'aspirin', 'acetylsalicylic acid', 'disprin', 'ketoprofen', 'ketorolac', 'toradol', 'indometacin', 'indomethacin', 'mefenamic acid',
      'ponstan', 'meloxicam', 'mobic', 'piroxicam', 'etoricoxib', 'arcoxia', 'celecoxib', 'celebrex', 'etodolac', 'nabumetone', 'dexketoprofen',
    ],
    allergyTerms: ['nsaid', 'nsaids', 'non-steroidal', 'anti-inflammatory', 'anti-inflammatories', 'salicylate', 'salicylates', 'aspirin'],
  },
  {
    id: 'opioids',
    label: 'opioids',
    members: [
      'codeine', 'co-codamol', 'solpadeine', 'tylenol 3', 'dihydrocodeine', 'co-dydramol', 'morphine', 'oramorph', 'mst continus', 'zomorph',
      'tramadol', 'zydol', 'ultram', 'oxycodone', 'oxycontin', 'oxynorm', 'percocet', 'hydrocodone', 'vicodin', 'hydromorphone', 'fentanyl',
      'durogesic', 'buprenorphine', 'butrans', 'tapentadol', 'palexia', 'pethidine', 'meperidine', 'methadone', 'diamorphine', 'heroin',
    ],
    allergyTerms: ['opioid', 'opioids', 'opiate', 'opiates', 'narcotic', 'narcotics'],
  },
  {
    id: 'macrolides',
    label: 'macrolides',
    members: ['erythromycin', 'erythrocin', 'clarithromycin', 'klaricid', 'biaxin', 'azithromycin', 'zithromax', 'z-pak', 'fidaxomicin', 'roxithromycin'],
    allergyTerms: ['macrolide', 'macrolides'],
  },
  {
    id: 'fluoroquinolones',
    label: 'fluoroquinolones',
    members: ['ciprofloxacin', 'ciproxin', 'cipro', 'levofloxacin', 'tavanic', 'levaquin', 'moxifloxacin', 'avelox', 'ofloxacin', 'norfloxacin'],
    allergyTerms: ['quinolone', 'quinolones', 'fluoroquinolone', 'fluoroquinolones'],
  },
  {
    id: 'tetracyclines',
    label: 'tetracyclines',
    members: ['tetracycline', 'doxycycline', 'vibramycin', 'minocycline', 'minocin', 'lymecycline', 'tetralysal', 'oxytetracycline', 'demeclocycline'],
    allergyTerms: ['tetracycline', 'tetracyclines'],
  },
  {
    id: 'ace-inhibitors',
    label: 'ACE inhibitors',
    members: ['ramipril', 'tritace', 'lisinopril', 'zestril', 'enalapril', 'innovace', 'perindopril', 'coversyl', 'captopril', 'quinapril', 'fosinopril', 'trandolapril'],
    allergyTerms: ['ace inhibitor', 'ace inhibitors', 'ace-i', 'acei'],
  },
  {
    id: 'statins',
    label: 'statins',
    members: ['atorvastatin', 'lipitor', 'simvastatin', 'zocor', 'rosuvastatin', 'crestor', 'pravastatin', 'fluvastatin', 'pitavastatin'],
    allergyTerms: ['statin', 'statins'],
  },
  {
    id: 'anticoagulants',
    label: 'anticoagulants',
    members: [
      'warfarin', 'coumadin', 'apixaban', 'eliquis', 'rivaroxaban', 'xarelto', 'edoxaban', 'lixiana', 'dabigatran', 'pradaxa', 'heparin',
      'enoxaparin', 'clexane', 'lovenox', 'dalteparin', 'fragmin', 'tinzaparin',
    ],
    allergyTerms: ['anticoagulant', 'anticoagulants', 'blood thinner', 'blood thinners'],
  },
];
