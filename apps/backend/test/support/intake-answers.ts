/** Answers to the first nine intake questions, in order, with no red flag among them. Each flow adds its tenth. */
export const INTAKE_ANSWERS_WITHOUT_RED_FLAGS = [
  'Sharp pain in the middle of my chest',
  'It started two weeks ago after a cold, gradually',
  'Sharp and stabbing',
  'Centre of the chest, it does not spread',
  'About a 5 out of 10',
  'It comes and goes',
  'Lying flat and taking deep breaths',
  'Sitting up and leaning forward',
  'A low-grade fever and tiredness',
];

interface QuestionLike {
  kind?: string;
  id?: string;
  field: string | null;
}

const FIELD_ORDER = [
  'chiefComplaint',
  'onset',
  'character',
  'location',
  'severity',
  'pattern',
  'aggravating',
  'relieving',
  'associatedSymptoms',
  'context',
];

/**
 * Answers an intake as a patient without red flags would: each open question with the answer at its field's
 * position in `answers` (the flow skips fields an earlier answer covered), every screening or clarifying question
 * with "No". Stops when the intake asks nothing more or has no answer for the field asked.
 */
export async function answerIntake<S extends { question: QuestionLike | null }>(
  first: S,
  answers: readonly string[],
  send: (body: { text: string; questionId?: string }) => Promise<S>,
): Promise<S[]> {
  const states = [first];
  let next = 0;
  for (let turn = 0; turn < 80; turn++) {
    const question = states.at(-1)!.question;
    if (!question) break;
    if (question.kind === 'screening' || question.kind === 'clarify')
      states.push(await send({ text: 'No', ...(question.id ? { questionId: question.id } : {}) }));
    else {
      const index = question.field ? FIELD_ORDER.indexOf(question.field) : next;
      if (index < 0 || index >= answers.length) break;
      next = index + 1;
      states.push(await send({ text: answers[index]! }));
    }
  }
  return states;
}
