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
/** Limits per encounter: past them only a message that raises a red flag is still taken. */
export const MAX_INTAKE_PATIENT_MESSAGES = 60;
export const MAX_INTAKE_TOTAL_CHARS = 40_000;

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

/** A category id of the triage taxonomy (apps/backend/src/triage/taxonomy), e.g. `acute_coronary_syndrome`. */
export const triageCategorySchema = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'must be a taxonomy category id');
export type TriageCategory = z.infer<typeof triageCategorySchema>;

export const redFlagSchema = z.object({
  category: triageCategorySchema,
  /** A short description for the doctor ("chest pain with exertion"). */
  label: z.string(),
  /** The words of the message that triggered it. */
  evidence: z.string(),
  /** The patient's own message (or screening answer) that raised it, shortened: what the doctor reads. */
  quote: z.string().max(600).optional(),
  /** Where it was raised: a free-text message, a screening question answered yes, or the profile plus a message. */
  source: z.enum(['message', 'screening', 'qa']).optional(),
  /** What the patient should do: call the emergency number, get same-day urgent care, or a crisis line. */
  guidance: z.enum(['emergency', 'urgent', 'crisis']).optional(),
});
export type RedFlag = z.infer<typeof redFlagSchema>;

export const triageResultSchema = z.object({
  urgent: z.boolean(),
  flags: z.array(redFlagSchema),
  /** What the patient must do now; present when urgent. */
  guidance: z.string().nullable(),
  /**
   * Not sure whether it is an emergency now (a past event? someone else?): ask before going on.
   * Present instead of a flag; the patient's answer decides.
   */
  clarification: z
    .object({ question: z.string(), categories: z.array(triageCategorySchema) })
    .nullable()
    .optional(),
  /** The patient's answer after the emergency guidance: it is happening now, or it was a misunderstanding (the flag stays for the doctor). */
  patientResponse: z.enum(['happening_now', 'misunderstanding']).nullable().optional(),
});
export type TriageResult = z.infer<typeof triageResultSchema>;

export const intakeSummarySchema = z.object({
  chiefComplaint: z.string().nullable(),
  hpi: hpiSchema,
  context: z.string().nullable(),
  redFlags: z.array(redFlagSchema),
  /** `dismissed`: the patient said the flag was a misunderstanding and went on; the doctor still sees it. */
  redFlagStatus: z.enum(['none', 'active', 'dismissed']).optional(),
  /** The structured screening answers, for the doctor. */
  screening: z
    .array(z.object({ id: z.string(), question: z.string(), answer: z.enum(['yes', 'no', 'unsure']), category: triageCategorySchema }))
    .optional(),
  profile: intakeProfileSchema,
  /** The complaint as a short clinical phrase read from the patient's words ("right knee pain"); null when not recognised. */
  complaintPhrase: z.string().nullable().optional(),
  /** Fields the patient answered (a "none" counts), fields read from an earlier answer instead of asked, and fields skipped. */
  answered: z.array(intakeFieldSchema).optional(),
  inferred: z.array(intakeFieldSchema).optional(),
  skipped: z.array(intakeFieldSchema).optional(),
  /** The patient chose to finish before every field was covered. */
  finishedEarly: z.boolean().optional(),
});
export type IntakeSummary = z.infer<typeof intakeSummarySchema>;

export const intakeMessageRequestSchema = z
  .object({
    text: requestText('text is required')
      .trim()
      .min(1, 'text must not be empty')
      .max(MAX_INTAKE_MESSAGE_CHARS, `text must be at most ${MAX_INTAKE_MESSAGE_CHARS} characters`),
    /** The patient wants to stop answering (the text is not an answer); safety screening questions left are still asked. */
    finish: z.boolean().optional(),
    /** The patient skips the open question asked (recorded as "not reported"); screening questions cannot be skipped. */
    skip: z.boolean().optional(),
    /** A correction of one summary field (the review step): the text replaces that field's answer. */
    field: intakeFieldSchema.optional(),
    /** The id of the screening / clarify question this answers (sent by the answer buttons). */
    questionId: requestText().max(64, 'must be at most 64 characters').optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const actions = [body.finish === true && 'finish', body.skip === true && 'skip', body.field !== undefined && 'field'].filter(Boolean);
    if (actions.length > 1) ctx.addIssue({ code: 'custom', path: [String(actions[1])], message: `cannot be combined with ${actions[0]}` });
  });
export type IntakeMessageRequest = z.infer<typeof intakeMessageRequestSchema>;

export const intakeStatusSchema = z.enum(['in_progress', 'complete', 'urgent']);
export type IntakeStatus = z.infer<typeof intakeStatusSchema>;

/**
 * The next question. `open` fills a summary field; `screening` is a yes/no discriminator of the complaint group
 * (a "yes" is a red flag whatever the free text said); `clarify` asks whether a possible emergency is happening now;
 * `confirm_flag` asks, after emergency guidance, whether it was a misunderstanding.
 */
export const intakeQuestionSchema = z.object({
  field: intakeFieldSchema.nullable(),
  text: z.string(),
  kind: z.enum(['open', 'screening', 'clarify', 'confirm_flag']).default('open'),
  /** Screening and clarify questions: the id the answer refers to. */
  id: z.string().optional(),
  /** Buttons the patient can use instead of typing (keyboard-usable in the app). */
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
export type IntakeQuestion = z.infer<typeof intakeQuestionSchema>;

export const conversationTurnSchema = z.object({
  role: z.enum(['assistant', 'patient']),
  text: z.string(),
  field: intakeFieldSchema.nullable(),
  at: z.string(),
  /** For a question: its kind and id; for an answer: the id of the question it answers. */
  /** Patient turns may also be a skip, a request to finish, or a review correction of `field`. */
  kind: z.enum(['open', 'screening', 'clarify', 'confirm_flag', 'guidance', 'skip', 'finish', 'review']).optional(),
  questionId: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
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
