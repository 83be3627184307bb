import { z } from 'zod';
import { plainText, requestText } from './text.js';

/**
 * Accounts and sessions (backend). Routes:
 *   POST /v1/auth/register         registerRequestSchema        → 201 authResponseSchema (+ refresh cookie)
 *   POST /v1/auth/login            loginRequestSchema           → 200 authResponseSchema (+ refresh cookie)
 *   POST /v1/auth/refresh          (refresh cookie)             → 200 authResponseSchema (cookie rotated)
 *   POST /v1/auth/logout           (refresh cookie)             → 204
 *   POST /v1/auth/change-password  changePasswordRequestSchema  → 204 (other sessions revoked)
 *   POST /v1/auth/password-reset   passwordResetRequestSchema   → 202 passwordResetAcceptedSchema (same answer for any address)
 *   POST /v1/auth/password-reset/confirm passwordResetConfirmSchema → 204 (every session revoked)
 *   GET  /v1/me                                                 → userSchema
 *   GET  /v1/me/export                                          → patientExportSchema (patients)
 *   POST /v1/me/delete             deleteAccountRequestSchema   → 204 (patients)
 *   POST /v1/users                 createUserRequestSchema      → 201 userSchema (admins)
 *   GET  /v1/users                 userListQuerySchema          → userListSchema (admins)
 *   GET  /v1/users/:id                                          → userSchema (admins)
 *   PATCH /v1/users/:id            updateUserRequestSchema      → userSchema (admins)
 *   POST /v1/users/:id/password    adminPasswordResetSchema     → userSchema (admins; temporary password, change forced)
 * The access token goes in `Authorization: Bearer <token>`; the refresh token only ever travels in
 * the httpOnly cookie REFRESH_COOKIE_NAME.
 */

export const REFRESH_COOKIE_NAME = 'pi_refresh';
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const roleSchema = z.enum(['patient', 'doctor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const userStatusSchema = z.enum(['active', 'disabled', 'deleted']);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const emailSchema = requestText('must be a string')
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be an email address' }));

/** A new password: long enough to resist guessing, short enough that hashing cannot be abused. */
export const newPasswordSchema = requestText('must be a string')
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

/** A password being checked: no policy hints, only a size bound. */
const givenPasswordSchema = requestText('must be a string').min(1, 'is required').max(1024, 'is too long');

export const displayNameSchema = plainText({ min: 1, max: 100 });

export const registerRequestSchema = z.object({ email: emailSchema, password: newPasswordSchema, displayName: displayNameSchema }).strict();
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

export const loginRequestSchema = z.object({ email: emailSchema, password: givenPasswordSchema }).strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const changePasswordRequestSchema = z
  .object({ currentPassword: givenPasswordSchema, newPassword: newPasswordSchema })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, { message: 'must differ from the current password', path: ['newPassword'] });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const passwordResetRequestSchema = z.object({ email: emailSchema }).strict();
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

/** The answer to every reset request, whether or not the address has an account. */
export const passwordResetAcceptedSchema = z.object({ message: z.string() });
export type PasswordResetAccepted = z.infer<typeof passwordResetAcceptedSchema>;

/** A reset link's token: 32 random bytes, base64url (43 characters). */
export const PASSWORD_RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const passwordResetConfirmSchema = z
  .object({
    token: requestText('must be a string').regex(PASSWORD_RESET_TOKEN_PATTERN, 'must be the token from the e-mailed link (43 characters)'),
    newPassword: newPasswordSchema,
  })
  .strict();
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;

/** An admin sets a temporary password: every session of the account ends and the person must change it at next sign-in. */
export const adminPasswordResetSchema = z.object({ temporaryPassword: newPasswordSchema }).strict();
export type AdminPasswordReset = z.infer<typeof adminPasswordResetSchema>;

export const deleteAccountRequestSchema = z.object({ password: givenPasswordSchema }).strict();
export type DeleteAccountRequest = z.infer<typeof deleteAccountRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  displayName: z.string(),
  status: userStatusSchema,
  /** Set for accounts an admin created or gave a temporary password: every route but change-password answers 403 until it is changed. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const authResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: z.number(),
  user: userSchema,
});
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const createUserRequestSchema = z
  .object({
    email: emailSchema,
    role: roleSchema,
    displayName: displayNameSchema,
    /** Given to the person out of band; they must change it at first login. */
    initialPassword: newPasswordSchema,
  })
  .strict();
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    role: roleSchema.optional(),
    displayName: displayNameSchema.optional(),
    /** `disabled` revokes every session at once. Deletion is the patient's own action. */
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'name at least one of role, displayName, status' });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userListQuerySchema = z
  .object({
    role: roleSchema.optional(),
    status: userStatusSchema.optional(),
    limit: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(200, 'must be at most 200')
      .default(50),
    offset: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(1_000_000, 'is too large')
      .default(0),
  })
  .strict();
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userListSchema = z.object({ users: z.array(userSchema), total: z.number() });
export type UserList = z.infer<typeof userListSchema>;
