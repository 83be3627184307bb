import { citationTag, type IntakeSummary, REPORT_SECTION_TITLES } from '@patientinsight/shared';
import type { ChatMessage } from '../llm/language-model.js';
import { describePatient, summaryToSentences } from './summary-text.js';

/** Bump when the wording below changes: stored with every report so it can be reproduced. */
export const REPORT_PROMPT_VERSION = 'report-v1';

export interface PromptCase {
  caseId: string;
  title: string;
  age: number | null;
  sex: 'F' | 'M' | null;
  snippet: string;
}

const SYSTEM = `You are a clinical decision-support assistant. You write for a clinician, never for the patient, and you never diagnose.
Write exactly three sections, each starting with its heading on its own line:
## ${REPORT_SECTION_TITLES.currentCase}
## ${REPORT_SECTION_TITLES.similarCases}
## ${REPORT_SECTION_TITLES.suggestedApproach}
Rules:
1. Every sentence that uses anything from a similar case ends with that case's tag exactly as given, for example [case:1234567-1]. Cite only the cases listed. Never invent a tag.
2. Never state a diagnosis as certain. Write "may", "could be consistent with", "consider".
3. Use only facts from the patient summary and the listed cases. Say so when something is not known.
4. Keep placeholders such as [NAME_1] or [DATE_1] exactly as they are.
5. Be concise: at most 3 sentences for the current case, one or two per similar case, and at most 5 for the approach.`;

/** The chat messages for a report: the summary (already masked) and the numbered retrieved cases. */
export function buildReportMessages(summary: IntakeSummary, cases: PromptCase[], mask: (text: string) => string): ChatMessage[] {
  const caseLines = cases.map((c, i) => {
    const who = [c.age !== null ? `${Math.round(c.age)} years` : null, c.sex === 'F' ? 'female' : c.sex === 'M' ? 'male' : null]
      .filter(Boolean)
      .join(', ');
    return `Case ${i + 1} ${citationTag(c.caseId)}${who ? ` (${who})` : ''} — ${c.title}\n${c.snippet}`;
  });
  const user = `Patient summary (${describePatient(summary)}):\n${mask(summaryToSentences(summary).join(' '))}\n\nSimilar published cases:\n\n${caseLines.join('\n\n')}\n\nWrite the three sections now.`;
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}

export const QA_PROMPT_VERSION = 'qa-v1';

/** Chat messages for a question about a report: grounded in its text, the doctor's notes and the cited cases. */
export function buildQuestionMessages(
  input: { question: string; reportText: string; doctorNotes: string | null; cases: PromptCase[]; askedBy: 'patient' | 'doctor' },
  mask: (text: string) => string,
): ChatMessage[] {
  const audience =
    input.askedBy === 'patient'
      ? 'The question comes from the patient: answer in plain language, do not give new medical advice, and suggest asking their doctor for anything the report and notes do not cover.'
      : 'The question comes from the reviewing clinician: answer precisely.';
  const system = `You answer questions about one clinical decision-support report. ${audience}
Use only the report, the doctor's notes and the listed cases. If they do not contain the answer, say so.
Every sentence that uses a case ends with its tag, for example [case:1234567-1]; cite only the listed cases. Never state a diagnosis as certain. Keep placeholders such as [NAME_1] unchanged. At most 5 sentences.`;
  const cases = input.cases.map((c) => `${citationTag(c.caseId)} ${c.title}\n${c.snippet}`).join('\n\n');
  const user = `Report:\n${mask(input.reportText)}\n\nDoctor's notes:\n${input.doctorNotes ? mask(input.doctorNotes) : '(none)'}\n\nCases:\n${cases}\n\nQuestion: ${mask(input.question)}`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
