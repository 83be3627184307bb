import { CITATION_PATTERN, citationTag, type PatientView, type PrescriptionItem } from '@patientinsight/shared';
import type { ChatMessage } from '../../llm/language-model.js';
import type { OfflineAnswerSource } from '../offline-composer.js';

/** Bump when the wording below changes. */
export const PATIENT_QA_PROMPT_VERSION = 'qa-patient-v1';

export const NOT_IN_PATIENT_VIEW =
  'What your doctor wrote for you does not answer this question. Please ask your doctor; they can answer it with your full history.';

/** A shared case as the patient's answer sees it: a local tag ("shared-1"), never the corpus id. */
export interface PatientCase {
  tag: string;
  title: string;
  snippet: string;
}

const rxLine = (item: PrescriptionItem) =>
  `Prescribed: ${item.medication} ${item.dose}, ${item.route}, ${item.frequency}, for ${item.duration}${item.instructions ? ` (${item.instructions})` : ''}.`;

/**
 * What a patient's question may be answered from: the patient view only (the doctor's message, notes, prescription
 * and next steps, and the cases the doctor shared), never the clinician report. Shared cases get local tags, so
 * neither a model nor the answer ever sees a corpus case id.
 */
export function patientMaterial(view: PatientView): { doctorWrote: string; cases: PatientCase[] } {
  const doctorWrote = [view.message, view.notes, ...view.prescription.map(rxLine), ...view.nextSteps]
    .filter((t): t is string => Boolean(t?.trim()))
    .join('\n');
  const cases = view.sharedCases.map((c, i) => ({ tag: `shared-${i + 1}`, title: c.title.replace(/[.\s]+$/, ''), snippet: c.snippet }));
  return { doctorWrote, cases };
}

/** Sources for the offline extractive answer (composeOfflineAnswer). */
export function offlineSources(material: ReturnType<typeof patientMaterial>): OfflineAnswerSource[] {
  return [
    ...(material.doctorWrote ? [{ kind: 'doctor_notes' as const, text: material.doctorWrote }] : []),
    ...material.cases.map((c) => ({ kind: 'cases' as const, text: c.snippet, caseId: c.tag })),
  ];
}

/** Chat messages for a patient's question: grounded in what the doctor wrote for them and the cases they shared. */
export function buildPatientQuestionMessages(
  question: string,
  material: ReturnType<typeof patientMaterial>,
  mask: (text: string) => string,
): ChatMessage[] {
  const system = `You answer a patient's question about their doctor's answer, in plain language. Use only what the doctor wrote for the patient and the published cases the doctor shared with them. Do not give new medical advice and never state a diagnosis as certain. If they do not answer the question, say so and suggest asking the doctor.
Every sentence that uses a case ends with its tag, for example [case:shared-1]; cite only the listed cases. Keep placeholders such as [NAME_1] unchanged. At most 5 sentences.`;
  const cases = material.cases.map((c) => `${citationTag(c.tag)} ${c.title}\n${c.snippet}`).join('\n\n');
  const user = `What the doctor wrote for the patient:\n${material.doctorWrote ? mask(material.doctorWrote) : '(nothing)'}\n\nCases the doctor shared:\n${cases || '(none)'}\n\nQuestion: ${mask(question)}`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

/** The answer as the patient reads it: each case tag becomes the shared case's title (an unknown tag is dropped). */
export function forPatient(text: string, cases: readonly PatientCase[]): string {
  const titles = new Map(cases.map((c) => [c.tag, c.title]));
  return text
    .replace(new RegExp(CITATION_PATTERN.source, 'g'), (_, tag: string) =>
      titles.has(tag) ? `(from the case your doctor shared: “${titles.get(tag)}”)` : '',
    )
    .replace(/A cited case says:/g, 'A case your doctor shared says:')
    .replace(/The doctor’s notes say:/g, 'Your doctor wrote:')
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ');
}
