import { z } from 'zod';
import { emailSchema } from './accounts.js';
import { plainText } from './text.js';

/**
 * The audit trail (admins only; nothing can change it through the API).
 *   GET /v1/audit          auditQuerySchema → auditPageSchema (newest first; page with `beforeSeq`)
 *   GET /v1/audit/verify   → auditVerificationSchema (walks the hash chain)
 *   GET /v1/audit/actions  → auditActionsSchema (the actions on record, for the search's picklist)
 */
export const auditOutcomeSchema = z.enum(['success', 'denied', 'not_found', 'failure']);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

const uuid = z.uuid({ message: 'must be a UUID' });

export const auditQuerySchema = z
  .object({
    /** Rows where this user acted. */
    userId: uuid.optional(),
    /** Rows about this patient's data. */
    patientId: uuid.optional(),
    /** Rows where the account with this e-mail acted (none match when no account has it). */
    actorEmail: emailSchema.optional(),
    /** Rows about the data of the patient with this e-mail. */
    patientEmail: emailSchema.optional(),
    action: plainText({ max: 100 }).optional(),
    from: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
    to: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
    beforeSeq: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').optional(),
    limit: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  outcome: auditOutcomeSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The account behind an id on the page, so the trail shows names beside ids. */
export const auditPersonSchema = z.object({ displayName: z.string(), email: z.string(), role: z.string(), status: z.string() });
export type AuditPerson = z.infer<typeof auditPersonSchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBeforeSeq: z.number().nullable(),
  /** Every actor and patient id on this page that is a known account, keyed by id. */
  people: z.record(z.string(), auditPersonSchema).default({}),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditActionsSchema = z.object({ actions: z.array(z.string()) });
export type AuditActions = z.infer<typeof auditActionsSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /** The first row whose hash or link does not match, when not ok. */
  firstBadSeq: z.number().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
