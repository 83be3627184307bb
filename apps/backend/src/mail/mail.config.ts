import { z } from 'zod';

/**
 * Where the backend's e-mail to people goes (password reset links, "your doctor has answered"):
 * `outbox` (the default) writes each message to DATA_DIR/outbox and sends nothing, so a fresh box
 * works without a relay; `smtp` sends through the relay named here. Production refuses `outbox`: it would
 * silently drop every reset link and answer notice.
 */
export const mailConfigShape = {
  MAIL_TRANSPORT: z.enum(['outbox', 'smtp'], { message: 'must be outbox or smtp' }).default('outbox'),
  MAIL_FROM: z.email({ message: 'must be an email address' }).default('no-reply@patientinsight.localhost'),
  /** The frontend's public URL, for the links in the messages (default: the first CORS origin). */
  MAIL_APP_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  SMTP_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'must be a host name or IP address')
    .optional(),
  SMTP_PORT: z.coerce
    .number({ message: 'must be a port number (1-65535)' })
    .int('must be a whole number')
    .min(1, 'must be 1-65535')
    .max(65535, 'must be 1-65535')
    .default(587),
  /** Both or neither: the relay's login. */
  SMTP_USER: z.string().min(1, 'must not be empty').optional(),
  SMTP_PASSWORD: z.string().min(1, 'must not be empty').optional(),
  /** `starttls` (upgrade required, port 587), `implicit` (TLS from the start, port 465), `none` (a relay on a trusted local network only). */
  SMTP_TLS: z.enum(['starttls', 'implicit', 'none'], { message: 'must be starttls, implicit or none' }).default('starttls'),
  /** Give up on a relay that does not answer within this many milliseconds. */
  SMTP_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1000, 'must be at least 1000')
    .max(120_000, 'must be at most 120000')
    .default(15_000),
};

export interface MailConfig {
  MAIL_TRANSPORT: 'outbox' | 'smtp';
  MAIL_FROM: string;
  MAIL_APP_URL?: string;
  SMTP_HOST?: string;
  SMTP_PORT: number;
  SMTP_USER?: string;
  SMTP_PASSWORD?: string;
  SMTP_TLS: 'starttls' | 'implicit' | 'none';
  SMTP_TIMEOUT_MS: number;
  DATA_DIR: string;
  CORS_ORIGINS: string[];
}

/** The settings of the mail slice: its own and the shared DATA_DIR (the outbox) and CORS_ORIGINS (the app's link). */
export const mailConfigKeys = [...Object.keys(mailConfigShape), 'DATA_DIR', 'CORS_ORIGINS'];

export function mailConfigProblems(config: MailConfig & { NODE_ENV: string }): { variable: string; reason: string }[] {
  const problems: { variable: string; reason: string }[] = [];
  if (config.NODE_ENV === 'production' && config.MAIL_TRANSPORT === 'outbox') {
    problems.push({
      variable: 'MAIL_TRANSPORT',
      reason: 'must be smtp when NODE_ENV=production (outbox only writes files and sends nothing): set MAIL_TRANSPORT=smtp and SMTP_HOST',
    });
  }
  if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_HOST)
    problems.push({ variable: 'SMTP_HOST', reason: 'is required when MAIL_TRANSPORT=smtp' });
  if (Boolean(config.SMTP_USER) !== Boolean(config.SMTP_PASSWORD)) {
    problems.push({
      variable: config.SMTP_USER ? 'SMTP_PASSWORD' : 'SMTP_USER',
      reason: 'SMTP_USER and SMTP_PASSWORD must be set together',
    });
  }
  return problems;
}

/** The base of every link in a message. */
export function mailAppUrl(config: Pick<MailConfig, 'MAIL_APP_URL' | 'CORS_ORIGINS'>): string {
  return (config.MAIL_APP_URL ?? config.CORS_ORIGINS[0] ?? 'http://localhost:8080').replace(/\/$/, '');
}
