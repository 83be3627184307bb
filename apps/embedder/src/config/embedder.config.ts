import { env, loadConfig } from '@patientinsight/nest-kit';
import { z } from 'zod';
import { ingestionConfigShape } from '../ingestion/ingestion.config.js';
import { retrievalConfigShape } from '../search/retrieval.config.js';

/** Every setting of the embedder, from the environment, validated at boot. */
export const embedderConfigSchema = z.object({
  PORT: env.port(3001),
  METRICS_PORT: env.port(9465),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** PostgreSQL in production; unset uses the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' }).optional(),
  /** PostgreSQL schema for this service's tables (default: the connection's search_path, normally public). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').optional(),
  DATA_DIR: z.string().default('.data/embedder'),
  MIGRATE_ON_START: env.bool(true),
  /** Bearer token the backend presents; the embedder is internal only. */
  SERVICE_TOKEN: z.string({ message: 'is required' }).min(16, 'must be at least 16 characters'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  ...ingestionConfigShape,
  ...retrievalConfigShape,
});
export type EmbedderConfig = z.output<typeof embedderConfigSchema>;

export const loadEmbedderConfig = (source: NodeJS.ProcessEnv = process.env): EmbedderConfig => loadConfig(embedderConfigSchema, source);
