import { z } from 'zod';
import { userSchema } from './accounts.js';
import { encounterDetailSchema, encounterEventSchema } from './encounters.js';
import { profileHistorySchema } from './profiles.js';

/** GET /v1/me/export (patient): everything the backend holds about the caller, as JSON. */
export const patientExportSchema = z.object({
  exportedAt: z.string(),
  account: userSchema,
  profile: profileHistorySchema,
  encounters: z.array(encounterDetailSchema.extend({ events: z.array(encounterEventSchema) })),
});
export type PatientExport = z.infer<typeof patientExportSchema>;
