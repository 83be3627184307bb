import { z } from 'zod';
import { plainText, requestText } from './text.js';

/**
 * The patient's profile (filled in at onboarding), versioned: every save is a new version.
 *   GET /v1/profile            → profileResponseSchema (404 PROFILE_NOT_FOUND before the first save)
 *   PUT /v1/profile            patientProfileSchema → profileResponseSchema (a new version)
 *   GET /v1/profile/versions   → profileHistorySchema
 * Doctors see the version an encounter was created with, inside the encounter.
 */

/** F and M as in the case corpus; X for other or not stated. */
export const profileSexSchema = z.enum(['F', 'M', 'X']);
export type ProfileSex = z.infer<typeof profileSexSchema>;

const listOfTerms = (what: string) =>
  z
    .array(plainText({ min: 1, max: 200 }), {
      message: 'must be a list',
    })
    .max(50, 'at most 50 entries')
    .default([]);

export const emergencyContactSchema = z
  .object({
    name: plainText({ min: 1, max: 100 }),
    phone: requestText()
      .trim()
      .regex(/^\+?[0-9 ()./-]{5,25}$/, 'must be a phone number (digits, spaces, + - ( ) . /)'),
    relationship: plainText({ max: 50 }).optional(),
  })
  .strict();
export type EmergencyContact = z.infer<typeof emergencyContactSchema>;

export const patientProfileSchema = z
  .object({
    /** Either the date of birth or the age (not both). */
    dateOfBirth: z.iso
      .date({ message: 'must be a date (YYYY-MM-DD)' })
      .refine((d) => new Date(d) <= new Date(), 'must not be in the future')
      .refine((d) => new Date(d).getUTCFullYear() >= 1890, 'must be after 1890')
      .nullable()
      .optional(),
    age: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(130, 'must be at most 130')
      .nullable()
      .optional(),
    sex: profileSexSchema.nullable().optional(),
    heightCm: z
      .number({ message: 'must be a number' })
      .min(30, 'must be at least 30 cm')
      .max(272, 'must be at most 272 cm')
      .nullable()
      .optional(),
    weightKg: z
      .number({ message: 'must be a number' })
      .min(0.5, 'must be at least 0.5 kg')
      .max(650, 'must be at most 650 kg')
      .nullable()
      .optional(),
    conditions: listOfTerms('condition'),
    medications: listOfTerms('medication'),
    allergies: listOfTerms('allergy'),
    emergencyContact: emergencyContactSchema.nullable().optional(),
  })
  .strict()
  .refine((p) => p.dateOfBirth == null || p.age == null, { message: 'give the date of birth or the age, not both', path: ['age'] });
export type PatientProfile = z.infer<typeof patientProfileSchema>;

export const profileResponseSchema = z.object({
  version: z.number(),
  updatedAt: z.string(),
  profile: patientProfileSchema,
  /** Derived from dateOfBirth (or the stated age) today. */
  ageYears: z.number().nullable(),
});
export type ProfileResponse = z.infer<typeof profileResponseSchema>;

export const profileHistorySchema = z.object({
  versions: z.array(z.object({ version: z.number(), createdAt: z.string(), profile: patientProfileSchema })),
});
export type ProfileHistory = z.infer<typeof profileHistorySchema>;

/** Age in whole years today, from the date of birth or the stated age. */
export function ageInYears(profile: Pick<PatientProfile, 'dateOfBirth' | 'age'>, today = new Date()): number | null {
  if (profile.age != null) return profile.age;
  if (!profile.dateOfBirth) return null;
  const born = new Date(profile.dateOfBirth);
  let years = today.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < born.getUTCMonth() || (today.getUTCMonth() === born.getUTCMonth() && today.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) years -= 1;
  return Math.max(0, years);
}
