import { env, loadConfig } from '@patientinsight/shared';
import { z } from 'zod';

/** What a tel: link can dial: digits and spaces, an optional leading +. */
const PHONE = /^\+?[0-9][0-9 ]{1,19}$/;

export const frontendConfigSchema = z.object({
  PORT: env.port(8080),
  METRICS_PORT: env.port(9466),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** The backend's public URL (its load balancer), handed to the browser at runtime. */
  BACKEND_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).default('http://localhost:3000'),
  /** Built assets; defaults to the Vite output next to this server. */
  STATIC_DIR: z.string().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** The emergency number the patient's emergency screen offers to call (tap-to-call), per deployment. */
  EMERGENCY_NUMBER: z.string().regex(PHONE, 'must be a phone number: digits, spaces, an optional leading +').default('112'),
  /** A crisis line offered when the red flag is about suicide or self-harm (e.g. 988 in the US); unset: none. */
  CRISIS_LINE: z.string().regex(PHONE, 'must be a phone number: digits, spaces, an optional leading +').optional(),
});
export type FrontendConfig = z.output<typeof frontendConfigSchema>;
export const loadFrontendConfig = (source: Record<string, string | undefined> = process.env) => loadConfig(frontendConfigSchema, source);
