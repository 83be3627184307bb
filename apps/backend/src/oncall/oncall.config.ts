import { env } from '@patientinsight/nest-kit';
import { z } from 'zod';

/**
 * Where a red flag is announced (the on-call channel): a webhook (a pager or chat bridge) and/or
 * e-mail through SMTP. Neither carries the patient's words or name, only the encounter id, the
 * categories and a link for a signed-in doctor.
 */
export const onCallConfigShape = {
  /** POSTed a JSON alert per red flag (retried on 5xx and network errors). */
  ONCALL_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  /** smtp:// or smtps:// URL of the mail relay (nodemailer's connection URL). */
  ONCALL_SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).optional(),
  ONCALL_EMAIL_FROM: z.email({ message: 'must be an email address' }).default('patientinsight@localhost'),
  /** Comma-separated addresses of the on-call rota. */
  ONCALL_EMAIL_TO: env.list(),
  /** The frontend's public URL: the alert links to the doctor's page of the encounter. */
  ONCALL_APP_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  /** How long a patient's request waits for the alert before answering "alert pending". */
  ONCALL_ALERT_WAIT_MS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(30_000, 'must be at most 30000').default(3000),
};

export interface OnCallConfig {
  ONCALL_WEBHOOK_URL?: string;
  ONCALL_SMTP_URL?: string;
  ONCALL_EMAIL_FROM: string;
  ONCALL_EMAIL_TO: string[];
  ONCALL_APP_URL?: string;
  ONCALL_ALERT_WAIT_MS: number;
  CORS_ORIGINS: string[];
}

/** The settings of the on-call slice: its own and the shared CORS_ORIGINS (the link's default origin). */
export const onCallConfigKeys = [...Object.keys(onCallConfigShape), 'CORS_ORIGINS'];

export function onCallConfigProblems(config: OnCallConfig): { variable: string; reason: string }[] {
  const problems: { variable: string; reason: string }[] = [];
  const badAddress = config.ONCALL_EMAIL_TO.find((a) => !z.email().safeParse(a).success);
  if (badAddress !== undefined) problems.push({ variable: 'ONCALL_EMAIL_TO', reason: 'must be a comma-separated list of email addresses' });
  if (config.ONCALL_SMTP_URL && config.ONCALL_EMAIL_TO.length === 0)
    problems.push({ variable: 'ONCALL_EMAIL_TO', reason: 'is required when ONCALL_SMTP_URL is set' });
  if (!config.ONCALL_SMTP_URL && config.ONCALL_EMAIL_TO.length > 0)
    problems.push({ variable: 'ONCALL_SMTP_URL', reason: 'is required when ONCALL_EMAIL_TO is set' });
  return problems;
}
