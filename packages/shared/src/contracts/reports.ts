import { z } from 'zod';
import { sexSchema } from './cases.js';
import { generatorLabelSchema, intakeSummarySchema } from './intake.js';
import { searchFiltersSchema } from './search.js';
import { requestText } from './text.js';

/**
 * Reports and Q&A. Routes (backend):
 *   POST /v1/encounters/:id/report        (patient, own encounter, intake complete, before a doctor holds it)
 *                                         generates and stores the report. `Accept: text/event-stream` streams
 *                                         reportProgressEventSchema frames (`event: <type>\ndata: <json>\n\n`):
 *                                         progress…, fallback?, stored | error. The report itself is never sent to
 *                                         the patient before release (it is stored on the encounter; read it with
 *                                         GET /v1/encounters/:id/report, encounters.ts). Otherwise JSON reportStoredSchema.
 *                                         The intake also starts this itself when it completes.
 *   POST /v1/encounters/:id/report/regenerate  (doctor holding it, or any doctor while it is submitted; not once
 *                                         released) body regenerateReportRequestSchema (encounters.ts) → reportStoredSchema;
 *                                         audited as report.regenerate. A failure is stored on the encounter
 *                                         (reportFailure) and answered with its error.
 *   POST /v1/encounters/:id/questions     (patient once released, doctor) body askQuestionRequestSchema;
 *                                         SSE qaStreamEventSchema (fallback?, delta*, done | error) or JSON answerSchema
 *   GET  /v1/encounters/:id/report.pdf    (patient once released, doctor) the report as PDF
 * Citations in text are `[case:<caseId>]`; render them as links (caseUrl / pubmedUrl).
 */

export const CITATION_PATTERN = /\[case:([^\]\s]+)\]/g;
export const citationTag = (caseId: string): string => `[case:${caseId}]`;

export const reportSectionKeySchema = z.enum(['currentCase', 'similarCases', 'suggestedApproach']);
export type ReportSectionKey = z.infer<typeof reportSectionKeySchema>;
export const REPORT_SECTION_TITLES: Record<ReportSectionKey, string> = {
  currentCase: 'Current case',
  similarCases: 'Analysis of similar cases',
  suggestedApproach: 'Suggested approach',
};

/** One retrieved case as the report shows it. */
export const citedCaseSchema = z.object({
  caseId: z.string(),
  pmid: z.string().nullable(),
  pubmedUrl: z.string().nullable(),
  title: z.string(),
  age: z.number().nullable(),
  sex: sexSchema.nullable(),
  snippet: z.string(),
  score: z.number(),
  rank: z.number().int().min(1),
  scores: z.object({ lexical: z.number().optional(), dense: z.number().optional(), fused: z.number() }),
  /** Why it matched, as shown next to the case (the matched clinical concepts; plain shared words in older reports). */
  matchedTerms: z.array(z.string()),
  /**
   * The query's clinical concepts the case's full text contains ("jaundice", "knee"). A report cites only
   * cases with at least one specific concept. Absent in reports made before the relevance gate.
   */
  matchedConcepts: z.array(z.string()).optional(),
  /** Calibrated probability that the case is relevant to the patient (fitted out of fold on the benchmark); absent without a calibration. */
  relevance: z.number().min(0).max(1).optional(),
  /** Whether the report text cites it. */
  cited: z.boolean(),
});
export type CitedCase = z.infer<typeof citedCaseSchema>;

export const reportSectionSchema = z.object({ key: reportSectionKeySchema, title: z.string(), text: z.string() });
export type ReportSection = z.infer<typeof reportSectionSchema>;

/** What the citation validator changed in the model's output. */
export const validationNoteSchema = z.object({
  kind: z.enum(['unknown_citation_removed', 'uncited_case_claim_removed', 'certain_diagnosis_softened', 'empty_output']),
  detail: z.string(),
});
export type ValidationNote = z.infer<typeof validationNoteSchema>;

/** Everything needed to reproduce a report. */
export const reportProvenanceSchema = z.object({
  generatedBy: generatorLabelSchema,
  provider: z.enum(['offline', 'sagemaker-tgi', 'sagemaker-lmi', 'openai']),
  promptVersion: z.string(),
  corpusVersion: z.string().nullable(),
  retrieval: z.object({
    query: z.string(),
    topK: z.number().int(),
    filters: searchFiltersSchema.nullable(),
    degraded: z.boolean(),
    /** The clinical concepts searched for, negated ones as "no …" (shown to the doctor as "searched for: …"). */
    searchedFor: z.array(z.string()).optional(),
    /** No retrieved case shared a clinical concept with the patient: the report says so and cites none. */
    noCloseCase: z.boolean().optional(),
    /** Retrieved cases held back for want of a matched clinical concept. */
    withheld: z.number().int().min(0).optional(),
    /** The floor on the calibrated probability of relevance a cited case had to reach. */
    minRelevance: z.number().min(0).max(1).optional(),
  }),
  tokensIn: z.number().int().nullable(),
  tokensOut: z.number().int().nullable(),
  costUsd: z.number().nullable(),
  timeToFirstTokenMs: z.number().nullable(),
  totalMs: z.number(),
});
export type ReportProvenance = z.infer<typeof reportProvenanceSchema>;

export const reportSchema = z.object({
  encounterId: z.string(),
  summary: intakeSummarySchema,
  cases: z.array(citedCaseSchema),
  sections: z.array(reportSectionSchema),
  validation: z.array(validationNoteSchema),
  provenance: reportProvenanceSchema,
  disclaimer: z.string(),
  createdAt: z.string(),
});
export type Report = z.infer<typeof reportSchema>;

/** What the patient learns when their report is stored (not its content). */
export const reportStoredSchema = z.object({
  encounterId: z.string(),
  generatedBy: generatorLabelSchema,
  casesRetrieved: z.number().int(),
  casesCited: z.number().int(),
});
export type ReportStored = z.infer<typeof reportStoredSchema>;

export const reportStageSchema = z.enum(['retrieving', 'drafting', 'validating']);

/**
 * SSE frames the patient's `POST /report` stream carries: progress…, fallback?, stored | error.
 * Nothing of the report's content goes to the patient before release.
 */
export const reportProgressEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), stage: reportStageSchema, detail: z.string() }),
  z.object({ type: z.literal('fallback'), reason: z.string(), generatedBy: generatorLabelSchema }),
  z.object({ type: z.literal('stored'), stored: reportStoredSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type ReportProgressEvent = z.infer<typeof reportProgressEventSchema>;

/** SSE frames of the report generator itself (what a clinician-facing stream shows): meta, (fallback?), delta*, done | error. */
export const reportStreamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('meta'), cases: z.array(citedCaseSchema), generatedBy: generatorLabelSchema }),
  /** The model failed; the offline composer takes over (shown to the user). */
  z.object({ type: z.literal('fallback'), reason: z.string(), generatedBy: generatorLabelSchema }),
  /** Raw text as it arrives (before validation); the final text is in `done`. */
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('done'), report: reportSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type ReportStreamEvent = z.infer<typeof reportStreamEventSchema>;

export const MAX_QUESTION_CHARS = 2000;
export const askQuestionRequestSchema = z
  .object({
    question: requestText('question is required')
      .trim()
      .min(1, 'question must not be empty')
      .max(MAX_QUESTION_CHARS, `question must be at most ${MAX_QUESTION_CHARS} characters`),
  })
  .strict();
export type AskQuestionRequest = z.infer<typeof askQuestionRequestSchema>;

export const answerSchema = z.object({
  encounterId: z.string(),
  question: z.string(),
  answer: z.string(),
  /** Case ids cited in the answer (all among the report's cases). */
  citations: z.array(z.string()),
  /** Other sources the answer drew on. */
  sources: z.array(z.enum(['report', 'doctor_notes', 'cases'])),
  generatedBy: generatorLabelSchema,
  askedBy: z.enum(['patient', 'doctor']),
  createdAt: z.string(),
});
export type Answer = z.infer<typeof answerSchema>;

export const qaStreamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fallback'), reason: z.string(), generatedBy: generatorLabelSchema }),
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('done'), answer: answerSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type QaStreamEvent = z.infer<typeof qaStreamEventSchema>;

export const REPORT_DISCLAIMER =
  'Clinical decision support only. This report summarises published cases similar to the patient’s account; it is not a diagnosis. A clinician must review it before any decision.';
export const OFFLINE_LABEL = 'generated without a language model';

/** Parses an SSE body (`event:`/`data:` frames) into typed events; for clients and tests. */
export function parseSseFrames<T>(body: string, schema: z.ZodType<T>): T[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((frame) =>
      frame
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    )
    .filter((data) => data.length > 0)
    .map((data) => schema.parse(JSON.parse(data)));
}
