/** Answers to the first nine intake questions, in order, with no red flag among them. Each flow adds its tenth. */
export const INTAKE_ANSWERS_WITHOUT_RED_FLAGS = [
  'Sharp pain in the middle of my chest',
  'It started two weeks ago after a cold, gradually',
  'Sharp and stabbing',
  'Centre of the chest, it does not spread',
  'About a 5 out of 10',
  'It comes and goes, a bit worse at night',
  'Lying flat and taking deep breaths',
  'Sitting up and leaning forward',
  'A low-grade fever and tiredness',
];
