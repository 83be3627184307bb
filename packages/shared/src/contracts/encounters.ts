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
 *   GET  /v1/encounters/:id/report           (doctor) → reportViewSchema: the clinician report; a patient gets 403
 *                                            whatever the status (the patient reads patient-view instead)
 *   GET  /v1/encounters/:id/patient-view     (patient own once released) → patientViewSchema: only what the doctor
 *                                            wrote for the patient and the cases they chose to share
 *   GET  /v1/encounters/:id/patient-preview  (doctor) → patientViewSchema: exactly what the patient would see if
 *                                            released now (the release confirmation renders it)
 *   GET  /v1/encounters/:id/history          (doctor)   → encounterHistorySchema
 *   POST /v1/encounters/:id/submit           (patient)  → encounterDetailSchema
 *   POST /v1/encounters/:id/claim            (doctor)   → encounterDetailSchema
 *   POST /v1/encounters/:id/unclaim          (doctor holding it) → encounterDetailSchema
 *   PUT  /v1/encounters/:id/notes            (doctor holding it) doctorNotesRequestSchema → encounterDetailSchema
 *                                            (notes and message for the patient, next steps, private notes)
 *   PUT  /v1/encounters/:id/shared-cases     (doctor holding it) sharedCasesRequestSchema → encounterDetailSchema;
 *                                            400 CASE_NOT_IN_REPORT names the case
 *   PUT  /v1/encounters/:id/prescription     (doctor holding it) prescriptionRequestSchema → encounterDetailSchema; 409
 *                                            ALLERGY_CONFLICT (details.conflicts) unless `allergyOverride.reason` is given
 *   POST /v1/encounters/:id/release          (doctor holding it) → encounterDetailSchema; without a report only with
 *                                            something for the patient (message, notes or prescription), else 409
 *                                            REPORT_MISSING
 *   POST /v1/encounters/:id/return           (doctor holding it) returnRequestSchema → encounterDetailSchema
 *   POST /v1/encounters/:id/acknowledge      (doctor) acknowledgeRequestSchema → encounterDetailSchema: the doctor
 *                                            has seen a red flag and says what was done (409 if none is pending)
 *   GET  /v1/review/queue                    (doctor)   reviewQueueQuerySchema → reviewQueueSchema
 *   GET  /v1/review/dashboard                (doctor)   → dashboardSchema
 * A red flag (intake, screening or a question after release) puts the encounter in the queue at once,
 * first, whatever its status, until a doctor acknowledges it; doctors may read such a draft.
 * Another patient's encounter, a draft asked for by a doctor, or an unreleased report asked for by
 * its patient all answer 404 ENCOUNTER_NOT_FOUND: the caller learns nothing about what exists.
 */

export const encounterStatusSchema = z.enum(['draft', 'submitted', 'in_review', 'released', 'returned']);
export type EncounterStatus = z.infer<typeof encounterStatusSchema>;
export const ENCOUNTER_STATUSES: readonly EncounterStatus[] = encounterStatusSchema.options;

/** A JSON object whose exact shape another contract gives (intake.ts, reports.ts). */
const jsonObjectSchema = z.record(z.string(), z.unknown());

export const prescriptionRouteSchema = z.enum([
  'oral',
  'sublingual',
  'topical',
  'inhaled',
  'intranasal',
  'ophthalmic',
  'otic',
  'rectal',
  'vaginal',
  'transdermal',
  'subcutaneous',
  'intramuscular',
  'intravenous',
  'other',
]);

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

/** The doctor's reason for prescribing despite a recorded allergy (answers a 409 ALLERGY_CONFLICT). */
export const allergyOverrideSchema = z.object({ reason: plainText({ min: 10, max: 1000 }) }).strict();
export type AllergyOverride = z.infer<typeof allergyOverrideSchema>;

export const prescriptionRequestSchema = z
  .object({
    items: z.array(prescriptionItemSchema, { message: 'must be a list' }).max(20, 'at most 20 items'),
    allergyOverride: allergyOverrideSchema.optional(),
  })
  .strict();

/** `details` of a 409 ALLERGY_CONFLICT: each item whose medicine belongs to a class a recorded allergy names. */
export const allergyConflictSchema = z.object({
  item: z.number(),
  medication: z.string(),
  allergy: z.string(),
  drugClass: z.string(),
  crossReactive: z.boolean(),
});
export type AllergyConflict = z.infer<typeof allergyConflictSchema>;

/**
 * The patient's profile changed after the prescription and a recorded allergy now conflicts with it: shown to
 * doctors until the prescription is saved again (checked then against the latest allergies too).
 */
export const allergyWarningSchema = z.object({
  detectedAt: z.string(),
  profileVersion: z.number(),
  conflicts: z.array(allergyConflictSchema),
});
export type AllergyWarning = z.infer<typeof allergyWarningSchema>;
export type PrescriptionRequest = z.infer<typeof prescriptionRequestSchema>;

/**
 * The doctor's texts. `notes` and `message` are for the patient (shown once released); `nextSteps` is one
 * plain step per line; `privateNotes` are for clinicians only (never in the patient's view, export or PDF).
 * A field left out keeps its stored value.
 */
export const doctorNotesRequestSchema = z
  .object({
    notes: plainText({ max: 20_000, trim: false }),
    message: plainText({ max: 4000, trim: false }).optional(),
    nextSteps: plainText({ max: 4000, trim: false }).optional(),
    privateNotes: plainText({ max: 20_000, trim: false }).optional(),
  })
  .strict();
export type DoctorNotesRequest = z.infer<typeof doctorNotesRequestSchema>;

/** The report's cases the doctor shares with the patient (the rest stay clinician-only). */
export const sharedCasesRequestSchema = z
  .object({ caseIds: z.array(plainText({ min: 1, max: 100 }), { message: 'must be a list of case ids' }).max(50, 'at most 50 cases') })
  .strict();
export type SharedCasesRequest = z.infer<typeof sharedCasesRequestSchema>;

/** Why the doctor asks for a new report (kept in the history and the audit trail). */
export const regenerateReportRequestSchema = z.object({ reason: plainText({ min: 1, max: 1000 }).optional() }).strict();
export type RegenerateReportRequest = z.infer<typeof regenerateReportRequestSchema>;

/** The last report generation that failed (cleared when a report is stored): its error code and when. */
export const reportFailureSchema = z.object({ code: z.string(), message: z.string(), at: z.string() });
export type ReportFailure = z.infer<typeof reportFailureSchema>;

export const returnRequestSchema = z.object({ reason: text(2000) }).strict();
export type ReturnRequest = z.infer<typeof returnRequestSchema>;

export const acknowledgementActionSchema = z.enum(['called_patient', 'advised_ed', 'no_action'], {
  message: 'must be called_patient, advised_ed or no_action',
});
export type AcknowledgementAction = z.infer<typeof acknowledgementActionSchema>;

/** A doctor's answer to a red flag: what was done; a reason is required when nothing was done. */
export const acknowledgeRequestSchema = z
  .object({
    action: acknowledgementActionSchema,
    /** Why no action was needed (required for no_action); kept for the record, not shown to the patient. */
    reason: plainText({ min: 1, max: 2000 }).optional(),
    /** A message the patient sees on their consultation page. */
    message: plainText({ min: 1, max: 4000 }).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.action === 'no_action' && !body.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when the action is no_action' });
  });
export type AcknowledgeRequest = z.infer<typeof acknowledgeRequestSchema>;

export const redFlagSourceSchema = z.enum(['intake', 'screening', 'qa']);
export type RedFlagSource = z.infer<typeof redFlagSourceSchema>;

/** pending: being sent; sent: at least one on-call channel took it; failed: none did; not_configured: no channel is set up. */
export const alertStatusSchema = z.enum(['pending', 'sent', 'failed', 'not_configured']);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

/** The red-flag state the patient and the doctors see: when, whether on-call was alerted, the acknowledgement. */
export const redFlagStateSchema = z.object({
  flaggedAt: z.string(),
  source: redFlagSourceSchema,
  alert: z.object({ status: alertStatusSchema, sentAt: z.string().nullable() }),
  acknowledgement: z
    .object({
      action: acknowledgementActionSchema,
      at: z.string(),
      doctorId: z.string().nullable(),
      doctorName: z.string().nullable(),
      message: z.string().nullable(),
      /** Doctors only (null for the patient). */
      reason: z.string().nullable(),
    })
    .nullable(),
});
export type RedFlagState = z.infer<typeof redFlagStateSchema>;

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
  /** Present once triage raised a red flag. */
  redFlag: redFlagStateSchema.nullable().optional(),
  /** For the patient once released (null for the patient before). */
  patientMessage: z.string().nullable().optional(),
  nextSteps: z.string().nullable().optional(),
  /** Clinicians only: always null for the patient. */
  privateNotes: z.string().nullable().optional(),
  /** Doctors only: the cases chosen for the patient, and the ones rated not useful (never shown to the patient). */
  sharedCaseIds: z.array(z.string()).optional(),
  hiddenCaseIds: z.array(z.string()).optional(),
  /** Doctors only: the last failed report generation, until a report is stored. */
  reportFailure: reportFailureSchema.nullable().optional(),
  /** Doctors only: a conflict between the prescription and allergies the patient recorded after it (null otherwise). */
  allergyWarning: allergyWarningSchema.nullable().optional(),
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

/** A case the doctor shared with the patient: what it is and where to read it, no scores. */
export const sharedCaseSchema = z.object({
  caseId: z.string(),
  title: z.string(),
  pmid: z.string().nullable(),
  pubmedUrl: z.string().nullable(),
  age: z.number().nullable(),
  sex: z.string().nullable(),
  snippet: z.string(),
});
export type SharedCase = z.infer<typeof sharedCaseSchema>;

/**
 * What the patient sees of a released encounter, and all of it: the doctor's message, notes for the
 * patient, the prescription, plain next steps and the cases the doctor shared (less any rated not
 * useful). Never the clinician report's sections, scores, metadata or the doctor's private notes.
 */
export const patientViewSchema = z
  .object({
    encounterId: z.string(),
    status: encounterStatusSchema,
    releasedAt: z.string().nullable(),
    doctorName: z.string().nullable(),
    message: z.string().nullable(),
    notes: z.string().nullable(),
    prescription: z.array(prescriptionItemSchema),
    nextSteps: z.array(z.string()),
    sharedCases: z.array(sharedCaseSchema),
    /** Released with a report (false when the doctor answered without one); the PDF and questions work either way. */
    withReport: z.boolean(),
  })
  .strict();
export type PatientView = z.infer<typeof patientViewSchema>;

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
    mine: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    limit: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(200, 'must be at most 200')
      .default(50),
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
  /** A red flag waiting for a doctor's acknowledgement (or acknowledged): what was matched and the patient's words. */
  redFlag: z
    .object({
      flaggedAt: z.string(),
      source: redFlagSourceSchema,
      acknowledged: z.boolean(),
      /** Seconds since the flag was raised. */
      waitingSeconds: z.number(),
      categories: z.array(z.object({ category: z.string(), name: z.string(), label: z.string() })),
      /** The patient's own words that raised it (shortened). */
      patientWords: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/** Unacknowledged red flags first (any status), then urgent, then the longest waiting. */
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
  /** Red flags no doctor has acknowledged yet, whatever the encounter's status. */
  unacknowledged: z.object({ count: z.number(), oldestSeconds: z.number().nullable() }).optional(),
  /** Unacknowledged red flags first, then waiting encounters flagged by triage, oldest first. */
  flagged: z.array(queueItemSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
