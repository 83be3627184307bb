import { ConfigValidationError, env, loadConfig } from '@patientinsight/nest-kit';
import { z } from 'zod';
import { limitsConfigProblems, limitsConfigShape } from '../limits/limits.config.js';
import { auditConfigProblems, auditConfigShape } from '../audit/audit.config.js';
import { authConfigProblems, authConfigShape } from '../auth/auth.config.js';
import { embedderConfigShape } from '../embedder/embedder.config.js';
import { llmConfigProblems, llmConfigShape } from '../llm/llm.config.js';
import { mailConfigProblems, mailConfigShape } from '../mail/mail.config.js';
import { onCallConfigProblems, onCallConfigShape } from '../oncall/oncall.config.js';
import { reportsConfigProblems, reportsConfigShape } from '../reports/reports.config.js';

/** Every setting of the backend, from the environment, validated at boot. */
export const backendConfigSchema = z.object({
  PORT: env.port(3000),
  METRICS_PORT: env.port(9464),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** PostgreSQL in production; unset uses the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' }).optional(),
  /** PostgreSQL schema for this service's tables (default: the connection's search_path, normally public). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  DATA_DIR: z.string().default('.data/backend'),
  MIGRATE_ON_START: env.bool(true),
  /** The embedder's internal base URL, the token it expects and the timeout (src/embedder/embedder.config.ts). */
  ...embedderConfigShape,
  /** Browser origins allowed by CORS (the frontend's public URL). */
  CORS_ORIGINS: env.list(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  /** `production` makes JWT_SECRET mandatory and hides the OpenAPI page unless API_DOCS=true. */
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
  /** Tokens, sessions, the refresh cookie and the first administrator (src/auth/auth.config.ts). */
  ...authConfigShape,
  /** Serve the OpenAPI page at /docs (default: on in development only). */
  API_DOCS: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  /**
   * How many proxies in front of the backend append to X-Forwarded-For (an ALB: 1); the client
   * address is the entry that many hops from the right, so a value the client put in front is never
   * taken. `true` means 1; `false` or 0 ignores the header (the NLB keeps the client address itself).
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-5])$/, 'must be false, true (one proxy) or the number of proxies (0-5)')
    .default('false')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  /** Request limits and their store (src/limits/limits.config.ts). */
  ...limitsConfigShape,
  /** Language model: provider, timeouts, retries, breaker, prices (src/llm/llm.config.ts). */
  ...llmConfigShape,
  /** Reports: retrieval per report and MLflow tracking (src/reports/reports.config.ts). */
  ...reportsConfigShape,
  /** The on-call channel for red flags (src/oncall/oncall.config.ts). */
  ...onCallConfigShape,
  /** The audit chain's HMAC key, checkpoints and scheduled verification (src/audit/audit.config.ts). */
  ...auditConfigShape,
  /** E-mail to people (reset links, "your doctor has answered"): outbox folder or SMTP (src/mail/mail.config.ts). */
  ...mailConfigShape,
});
export type BackendConfig = z.output<typeof backendConfigSchema>;

export function loadBackendConfig(source: NodeJS.ProcessEnv = process.env): BackendConfig {
  const config = loadConfig(backendConfigSchema, source);
  // Rules across variables live here (each slice's *ConfigProblems), so the schema stays a plain object others can extend.
  const problems: { variable: string; reason: string }[] = [];
  problems.push(...authConfigProblems(config));
  problems.push(...limitsConfigProblems(config));
  problems.push(...llmConfigProblems(config));
  problems.push(...reportsConfigProblems(config));
  problems.push(...onCallConfigProblems(config));
  problems.push(...auditConfigProblems(config));
  problems.push(...mailConfigProblems(config));
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}
