import { z } from 'zod';
import { sexSchema } from './cases.js';
import { requestText } from './text.js';

/**
 * Intake: the patient answers one question at a time; every answer passes triage first, then fills
 * one field of the structured summary. Routes (backend):
 *   POST /v1/encounters/:id/messages   body intakeMessageRequestSchema  → intakeTurnSchema
 *   GET  /v1/encounters/:id/intake                                      → intakeStateSchema
 */

export const MAX_INTAKE_MESSAGE_CHARS = 4000;

/** The summary fields, in the order the offline flow asks for them. */
export const intakeFieldSchema = z.enum([
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
]);
export type IntakeField = z.infer<typeof intakeFieldSchema>;
export const INTAKE_FIELDS: readonly IntakeField[] = intakeFieldSchema.options;

/** What the account already knows; shown pre-filled, never asked again. */
export const intakeProfileSchema = z.object({
  age: z.number().min(0).max(150).nullable(),
  sex: sexSchema.nullable(),
  conditions: z.array(z.string()).default([]),
  medications: z.array(z.string()).default([]),
  allergies: z.array(z.string()).default([]),
});
export type IntakeProfile = z.infer<typeof intakeProfileSchema>;

/** History of present illness. Every field is null until answered (or skipped: then 'not reported'). */
export const hpiSchema = z.object({
  onset: z.string().nullable(),
  character: z.string().nullable(),
  location: z.string().nullable(),
  /** Patient-rated 1–10. */
  severity: z.number().int().min(1).max(10).nullable(),
  pattern: z.string().nullable(),
  aggravating: z.string().nullable(),
  relieving: z.string().nullable(),
  associatedSymptoms: z.array(z.string()),
});
export type Hpi = z.infer<typeof hpiSchema>;

export const triageCategorySchema = z.enum([
  'cardiac_chest_pain',
  'stroke',
  'breathing_difficulty',
  'severe_bleeding',
  'loss_of_consciousness',
  'suicidal_or_self_harm',
  'anaphylaxis',
  'meningitis_signs',
  'seizure',
  'overdose_or_poisoning',
  'sepsis_signs',
  'severe_abdominal_pain',
  'pregnancy_emergency',
  'severe_headache',
  'head_injury',
]);
export type TriageCategory = z.infer<typeof triageCategorySchema>;

export const redFlagSchema = z.object({
  category: triageCategorySchema,
  /** A short description for the doctor ("chest pain with exertion"). */
  label: z.string(),
  /** The words of the message that triggered it. */
  evidence: z.string(),
});
export type RedFlag = z.infer<typeof redFlagSchema>;

export const triageResultSchema = z.object({
  urgent: z.boolean(),
  flags: z.array(redFlagSchema),
  /** What the patient must do now; present when urgent. */
  guidance: z.string().nullable(),
});
export type TriageResult = z.infer<typeof triageResultSchema>;

export const intakeSummarySchema = z.object({
  chiefComplaint: z.string().nullable(),
  hpi: hpiSchema,
  context: z.string().nullable(),
  redFlags: z.array(redFlagSchema),
  profile: intakeProfileSchema,
});
export type IntakeSummary = z.infer<typeof intakeSummarySchema>;

export const intakeMessageRequestSchema = z
  .object({
    text: requestText('text is required')
      .trim()
      .min(1, 'text must not be empty')
      .max(MAX_INTAKE_MESSAGE_CHARS, `text must be at most ${MAX_INTAKE_MESSAGE_CHARS} characters`),
    /** The patient wants to stop answering; the summary is kept as it is. */
    finish: z.boolean().optional(),
  })
  .strict();
export type IntakeMessageRequest = z.infer<typeof intakeMessageRequestSchema>;

export const intakeStatusSchema = z.enum(['in_progress', 'complete', 'urgent']);
export type IntakeStatus = z.infer<typeof intakeStatusSchema>;

export const intakeQuestionSchema = z.object({ field: intakeFieldSchema, text: z.string() });
export type IntakeQuestion = z.infer<typeof intakeQuestionSchema>;

export const conversationTurnSchema = z.object({
  role: z.enum(['assistant', 'patient']),
  text: z.string(),
  field: intakeFieldSchema.nullable(),
  at: z.string(),
});
export type ConversationTurn = z.infer<typeof conversationTurnSchema>;

/** Which composer asked the question: the offline flow is labelled for the user. */
export const generatorLabelSchema = z.object({
  kind: z.enum(['offline', 'model']),
  /** "generated without a language model" for the offline composer. */
  label: z.string(),
  model: z.string().nullable(),
  fallbackReason: z.string().nullable(),
});
export type GeneratorLabel = z.infer<typeof generatorLabelSchema>;

export const intakeStateSchema = z.object({
  encounterId: z.string(),
  status: intakeStatusSchema,
  summary: intakeSummarySchema,
  conversation: z.array(conversationTurnSchema),
  /** The next question; null once complete or urgent. */
  question: intakeQuestionSchema.nullable(),
  triage: triageResultSchema,
  generatedBy: generatorLabelSchema,
});
export type IntakeState = z.infer<typeof intakeStateSchema>;

/** Answer to one patient message: the new state (the last triage result is that message's). */
export const intakeTurnSchema = intakeStateSchema;
export type IntakeTurn = IntakeState;
