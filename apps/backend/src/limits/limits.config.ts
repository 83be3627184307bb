import { z } from 'zod';

const count = (fallback: number) =>
  z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(fallback);
const seconds = (fallback: number) =>
  z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number').min(1, 'must be at least 1').default(fallback);

/**
 * Request limits and where their counters live (spread into backendConfigSchema). `memory` keeps
 * them in the process (one replica, `scripts/start.sh`); with more replicas they must share Redis,
 * or every pod grants the whole allowance again.
 */
export const limitsConfigShape = {
  RATE_LIMIT_STORE: z.enum(['memory', 'redis'], { message: 'must be memory or redis' }).default('memory'),
  /** redis:// or rediss:// (TLS); a password goes in the URL, so it comes from a Secret. Required when RATE_LIMIT_STORE=redis. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional(),
  /** Prefix of every key the limits write to Redis (several deployments can share one Redis). */
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1-64 letters, digits or : _ . -')
    .default('patientinsight:limits:'),
  /** Register, change-password and account deletion per client IP and per account (login per IP too) within LOGIN_WINDOW_SECONDS. */
  LOGIN_IP_LIMIT: count(30),
  LOGIN_ACCOUNT_LIMIT: count(10),
  LOGIN_WINDOW_SECONDS: seconds(300),
  /**
   * Failed logins per client (client IP + account) are answered at once this many times; after that,
   * each failure makes that client wait LOGIN_BACKOFF_BASE_SECONDS, doubled per further failure up to
   * LOGIN_BACKOFF_MAX_SECONDS. A success resets it. Other clients of the same account are not held up.
   */
  LOGIN_BACKOFF_FREE_FAILURES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .default(3),
  LOGIN_BACKOFF_BASE_SECONDS: seconds(1),
  LOGIN_BACKOFF_MAX_SECONDS: seconds(900),
  /** Calls of a costly route (report generation, questions, the report PDF) per signed-in user and per client IP within COSTLY_WINDOW_SECONDS. */
  COSTLY_USER_LIMIT: count(30),
  COSTLY_IP_LIMIT: count(120),
  COSTLY_WINDOW_SECONDS: seconds(600),
  /** Intake messages (each may call the model) per signed-in user and per client IP within COSTLY_WINDOW_SECONDS. */
  INTAKE_USER_LIMIT: count(60),
  INTAKE_IP_LIMIT: count(300),
  /** Token refreshes per session (refresh cookie) and per client IP within LOGIN_WINDOW_SECONDS. */
  REFRESH_SESSION_LIMIT: count(30),
  REFRESH_IP_LIMIT: count(300),
  /** Password-reset e-mails per address and per client IP (and reset confirmations per IP) within PASSWORD_RESET_WINDOW_SECONDS. */
  PASSWORD_RESET_EMAIL_LIMIT: count(3),
  PASSWORD_RESET_IP_LIMIT: count(20),
  PASSWORD_RESET_WINDOW_SECONDS: seconds(3600),
};

export type LimitsConfig = z.output<z.ZodObject<typeof limitsConfigShape>>;

/** The limits slice of the loaded config (provided by LimitsModule). */
export const LIMITS_CONFIG = Symbol('LIMITS_CONFIG');
export const limitsConfigKeys = Object.keys(limitsConfigShape);

/** Rules across the limit settings; backend.config.ts reports them with the others. */
export function limitsConfigProblems(config: LimitsConfig): { variable: string; reason: string }[] {
  const problems: { variable: string; reason: string }[] = [];
  if (config.RATE_LIMIT_STORE === 'redis' && !config.REDIS_URL)
    problems.push({ variable: 'REDIS_URL', reason: 'is required when RATE_LIMIT_STORE=redis' });
  if (config.LOGIN_BACKOFF_MAX_SECONDS < config.LOGIN_BACKOFF_BASE_SECONDS) {
    problems.push({
      variable: 'LOGIN_BACKOFF_MAX_SECONDS',
      reason: `must be at least LOGIN_BACKOFF_BASE_SECONDS (${config.LOGIN_BACKOFF_BASE_SECONDS})`,
    });
  }
  return problems;
}
