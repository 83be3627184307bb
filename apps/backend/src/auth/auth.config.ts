import { env } from '@patientinsight/nest-kit';
import { z } from 'zod';

/** Tokens, sessions, the refresh cookie and the first administrator (spread into backendConfigSchema). */
export const authConfigShape = {
  /** HMAC key of the access tokens (HS256). Unset outside production: a random key per process. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(60, 'must be at least 60')
    .max(3600, 'must be at most 3600')
    .default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(300, 'must be at least 300')
    .max(90 * 86400, 'must be at most 90 days')
    .default(14 * 86400),
  /** A session's absolute lifetime from sign-in: refreshing slides the expiry, but never past this. */
  SESSION_MAX_LIFETIME_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(3600, 'must be at least 3600')
    .max(365 * 86400, 'must be at most 365 days')
    .default(30 * 86400),
  /**
   * How long a just-rotated refresh token still gets the same new token (two tabs refreshing at
   * once); after that, or once the new token has itself been rotated, presenting it ends the session.
   */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(0, 'must be 0 or more')
    .max(60, 'must be at most 60')
    .default(10),
  /** The refresh cookie's Secure flag. Browsers accept Secure cookies on http://localhost. */
  COOKIE_SECURE: env.bool(true),
  /** First administrator, created at start when no admin exists yet (or use the create-admin command). */
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(128, 'must be at most 128 characters').optional(),
};

export type AuthConfig = z.output<z.ZodObject<typeof authConfigShape>>;

/** The auth slice of the loaded config (provided by AuthModule). */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
export const authConfigKeys = Object.keys(authConfigShape);

/** Cross-field rules, run by the boot-time loader. */
export function authConfigProblems(config: AuthConfig & { NODE_ENV: string }): { variable: string; reason: string }[] {
  const problems: { variable: string; reason: string }[] = [];
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    problems.push({
      variable: 'JWT_SECRET',
      reason: 'is required when NODE_ENV=production (at least 32 random characters, e.g. `openssl rand -base64 48`)',
    });
  }
  if (config.SESSION_MAX_LIFETIME_SECONDS < config.REFRESH_TOKEN_TTL_SECONDS) {
    problems.push({
      variable: 'SESSION_MAX_LIFETIME_SECONDS',
      reason: `must be at least REFRESH_TOKEN_TTL_SECONDS (${config.REFRESH_TOKEN_TTL_SECONDS})`,
    });
  }
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    problems.push({
      variable: config.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL',
      reason: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
    });
  }
  return problems;
}
