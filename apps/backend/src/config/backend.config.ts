import { env, loadConfig } from '@patientinsight/nest-kit';
import { z } from 'zod';

/** Every setting of the backend, from the environment, validated at boot. */
export const backendConfigSchema = z.object({
  PORT: env.port(3000),
  METRICS_PORT: env.port(9464),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** PostgreSQL in production; unset uses the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' }).optional(),
  DATA_DIR: z.string().default('.data/backend'),
  MIGRATE_ON_START: env.bool(true),
  /** The embedder's internal base URL and the token it expects. */
  EMBEDDER_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).default('http://127.0.0.1:3001'),
  SERVICE_TOKEN: z.string({ message: 'is required' }).min(16, 'must be at least 16 characters'),
  EMBEDDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Browser origins allowed by CORS (the frontend's public URL). */
  CORS_ORIGINS: env.list(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
});
export type BackendConfig = z.output<typeof backendConfigSchema>;

export const loadBackendConfig = (source: NodeJS.ProcessEnv = process.env): BackendConfig => loadConfig(backendConfigSchema, source);
