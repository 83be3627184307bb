import { z } from 'zod';
import { patientProfileSchema } from './profiles.js';
import { plainText } from './text.js';

/**
 * Encounters: one intake, its summary, triage, report and review. Status flow:
 *   draft → submitted → in_review → released, or in_review → returned (with a reason) → submitted again.
 * Routes (backend; the intake routes are in intake.ts):
 *   POST /v1/encounters                      (patient)  → 201 encounterDetailSchema
 *   GET  /v1/encounters                      (patient)  → encounterListSchema, own encounters
 *   GET  /v1/encounters/:id                  (patient own, doctor once submitted) → encounterDetailSchema
 *   GET  /v1/encounters/:id/report           (patient own once released, doctor) → reportViewSchema
 *   GET  /v1/encounters/:id/history          (doctor)   → encounterHistorySchema
 *   POST /v1/encounters/:id/submit           (patient)  → encounterDetailSchema
 *   POST /v1/encounters/:id/claim            (doctor)   → encounterDetailSchema
 *   POST /v1/encounters/:id/unclaim          (doctor holding it) → encounterDetailSchema
 *   PUT  /v1/encounters/:id/notes            (doctor holding it) doctorNotesRequestSchema → encounterDetailSchema
 *   PUT  /v1/encounters/:id/prescription     (doctor holding it) prescriptionRequestSchema → encounterDetailSchema
 *   POST /v1/encounters/:id/release          (doctor holding it) → encounterDetailSchema
 *   POST /v1/encounters/:id/return           (doctor holding it) returnRequestSchema → encounterDetailSchema
 *   GET  /v1/review/queue                    (doctor)   reviewQueueQuerySchema → reviewQueueSchema
 *   GET  /v1/review/dashboard                (doctor)   → dashboardSchema
 * Another patient's encounter, a draft asked for by a doctor, or an unreleased report asked for by
 * its patient all answer 404 ENCOUNTER_NOT_FOUND: the caller learns nothing about what exists.
 */

export const encounterStatusSchema = z.enum(['draft', 'submitted', 'in_review', 'released', 'returned']);
export type EncounterStatus = z.infer<typeof encounterStatusSchema>;
export const ENCOUNTER_STATUSES: readonly EncounterStatus[] = encounterStatusSchema.options;

/** A JSON object whose exact shape another contract gives (intake.ts, reports.ts). */
const jsonObjectSchema = z.record(z.string(), z.unknown());

export const prescriptionRouteSchema = z.enum(['oral', 'sublingual', 'topical', 'inhaled', 'intranasal', 'ophthalmic', 'otic', 'rectal', 'vaginal', 'transdermal', 'subcutaneous', 'intramuscular', 'intravenous', 'other']);

const text = (max: number) => plainText({ min: 1, max });

export const prescriptionItemSchema = z
  .object({
    medication: text(200),
    dose: text(100),
    route: prescriptionRouteSchema,
    frequency: text(100),
    duration: text(100),
    instructions: plainText({ max: 1000 }).optional(),
  })
  .strict();
export type PrescriptionItem = z.infer<typeof prescriptionItemSchema>;

export const prescriptionRequestSchema = z
  .object({ items: z.array(prescriptionItemSchema, { message: 'must be a list' }).max(20, 'at most 20 items') })
  .strict();
export type PrescriptionRequest = z.infer<typeof prescriptionRequestSchema>;

export const doctorNotesRequestSchema = z
  .object({ notes: plainText({ max: 20_000, trim: false }) })
  .strict();
export type DoctorNotesRequest = z.infer<typeof doctorNotesRequestSchema>;

export const returnRequestSchema = z.object({ reason: text(2000) }).strict();
export type ReturnRequest = z.infer<typeof returnRequestSchema>;

export const encounterListItemSchema = z.object({
  id: z.string(),
  status: encounterStatusSchema,
  urgent: z.boolean(),
  chiefComplaint: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
});
export type EncounterListItem = z.infer<typeof encounterListItemSchema>;

export const encounterListSchema = z.object({ encounters: z.array(encounterListItemSchema) });
export type EncounterList = z.infer<typeof encounterListSchema>;

export const reportMetaSchema = z.object({
  model: z.string().nullable(),
  promptVersion: z.string().nullable(),
  corpusVersion: z.string().nullable(),
  generatedAt: z.string().nullable(),
  /** Retrieval parameters and anything else needed to reproduce the report. */
  details: jsonObjectSchema.nullable(),
});
export type ReportMeta = z.infer<typeof reportMetaSchema>;

export const encounterDetailSchema = encounterListItemSchema.extend({
  patientId: z.string(),
  /** Turns of the intake (conversationTurnSchema in intake.ts). */
  conversation: z.array(z.unknown()),
  summary: jsonObjectSchema.nullable(),
  triage: jsonObjectSchema.nullable(),
  /** Null for the patient until the doctor releases it (reportSchema in reports.ts). */
  report: jsonObjectSchema.nullable(),
  reportMeta: reportMetaSchema.nullable(),
  /** The profile as it was when the encounter was created. */
  profile: patientProfileSchema.nullable(),
  profileVersion: z.number().nullable(),
  claimedBy: z.string().nullable(),
  claimedAt: z.string().nullable(),
  /** Shown to the patient only once released. */
  doctorNotes: z.string().nullable(),
  prescription: z.array(prescriptionItemSchema).nullable(),
  returnReason: z.string().nullable(),
  revision: z.number(),
});
export type EncounterDetail = z.infer<typeof encounterDetailSchema>;

export const reportViewSchema = z.object({
  encounterId: z.string(),
  status: encounterStatusSchema,
  releasedAt: z.string().nullable(),
  report: jsonObjectSchema,
  reportMeta: reportMetaSchema,
  doctorNotes: z.string().nullable(),
  prescription: z.array(prescriptionItemSchema).nullable(),
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const encounterEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  type: z.string(),
  fromStatus: encounterStatusSchema.nullable(),
  toStatus: encounterStatusSchema.nullable(),
  data: jsonObjectSchema.nullable(),
});
export type EncounterEvent = z.infer<typeof encounterEventSchema>;

export const encounterHistorySchema = z.object({ events: z.array(encounterEventSchema) });
export type EncounterHistory = z.infer<typeof encounterHistorySchema>;

export const reviewQueueQuerySchema = z
  .object({
    status: z.enum(['submitted', 'in_review']).default('submitted'),
    /** Only encounters the calling doctor holds. */
    mine: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false').transform((v) => v === 'true'),
    limit: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  })
  .strict();
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

export const queueItemSchema = z.object({
  id: z.string(),
  status: encounterStatusSchema,
  urgent: z.boolean(),
  chiefComplaint: z.string().nullable(),
  submittedAt: z.string().nullable(),
  waitingSeconds: z.number(),
  claimedBy: z.string().nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/** Urgent (triage-flagged) first, then the longest waiting. */
export const reviewQueueSchema = z.object({ items: z.array(queueItemSchema) });
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

export const dashboardSchema = z.object({
  counts: z.record(encounterStatusSchema, z.number()),
  waiting: z.object({
    /** Submitted and not yet claimed. */
    count: z.number(),
    urgentCount: z.number(),
    oldestSeconds: z.number().nullable(),
    medianSeconds: z.number().nullable(),
  }),
  /** Waiting encounters flagged by triage, oldest first. */
  flagged: z.array(queueItemSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
