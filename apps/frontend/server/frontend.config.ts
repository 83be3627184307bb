import { env, loadConfig } from '@patientinsight/shared';
import { z } from 'zod';

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
});
export type FrontendConfig = z.output<typeof frontendConfigSchema>;
export const loadFrontendConfig = (source: Record<string, string | undefined> = process.env) => loadConfig(frontendConfigSchema, source);
