import { env, loadConfig } from '@patientinsight/nest-kit';
import { z } from 'zod';
import { type CorpusConfig, corpusConfigShape } from '../corpus/corpus.config.js';
import { type IngestionConfig, ingestionConfigShape } from '../ingestion/ingestion.config.js';
import { type SearchConfig, searchConfigShape } from '../search/search.config.js';

/** Settings of the process itself (ports, database, data folder, token, shutdown). */
const processConfigShape = {
  PORT: env.port(3001),
  METRICS_PORT: env.port(9465),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** PostgreSQL in production; unset uses the embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' }).optional(),
  /** PostgreSQL schema for this service's tables (default: the connection's search_path, normally public). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  DATA_DIR: z.string().default('.data/embedder'),
  MIGRATE_ON_START: env.bool(true),
  /** Bearer token the backend presents; the embedder is internal only. */
  SERVICE_TOKEN: z.string({ message: 'is required' }).min(16, 'must be at least 16 characters'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
};

const REMOTE_ENCODER_SETTING = { openai: 'OPENAI_API_KEY', tei: 'TEI_URL', sagemaker: 'SAGEMAKER_ENDPOINT_NAME' } as const;

/**
 * Every setting of the embedder, from the environment, validated at boot. Rules that tie one variable to
 * another run here too, so a missing companion setting stops the boot with one line instead of failing
 * later in a factory or at the first request.
 */
export const embedderConfigSchema = z
  .object({ ...processConfigShape, ...ingestionConfigShape, ...corpusConfigShape, ...searchConfigShape })
  .superRefine((config, ctx) => {
    const require = (variable: string, present: unknown, when: string) => {
      if (!present) ctx.addIssue({ code: 'custom', path: [variable], message: `is required when ${when}` });
    };
    if (config.VECTOR_STORE === 'pinecone') {
      require('PINECONE_API_KEY', config.PINECONE_API_KEY, 'VECTOR_STORE=pinecone');
      require('PINECONE_INDEX_HOST', config.PINECONE_INDEX_HOST, 'VECTOR_STORE=pinecone');
    }
    if (config.DENSE_ENCODER in REMOTE_ENCODER_SETTING) {
      const variable = REMOTE_ENCODER_SETTING[config.DENSE_ENCODER as keyof typeof REMOTE_ENCODER_SETTING];
      require(variable, config[variable], `DENSE_ENCODER=${config.DENSE_ENCODER}`);
    }
    // One S3 key without the other would silently fall back to the default credential chain.
    if (Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY)) {
      const [missing, given] = config.S3_ACCESS_KEY_ID
        ? ['S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID']
        : ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];
      require(missing, false, `${given} is set`);
    }
  });
export type EmbedderConfig = z.output<typeof embedderConfigSchema>;

export const loadEmbedderConfig = (source: NodeJS.ProcessEnv = process.env): EmbedderConfig => loadConfig(embedderConfigSchema, source);

function pick<S extends z.ZodRawShape>(config: EmbedderConfig, shape: S): z.output<z.ZodObject<S>> {
  return Object.fromEntries(Object.keys(shape).map((key) => [key, config[key as keyof EmbedderConfig]])) as z.output<z.ZodObject<S>>;
}

/** What each module receives: its own settings, plus the few process settings it needs. */
export function configSlices(config: EmbedderConfig): { ingestion: IngestionConfig; corpus: CorpusConfig; search: SearchConfig } {
  return {
    ingestion: { ...pick(config, ingestionConfigShape), DATA_DIR: config.DATA_DIR, SHUTDOWN_TIMEOUT_MS: config.SHUTDOWN_TIMEOUT_MS },
    corpus: { ...pick(config, corpusConfigShape), DATA_DIR: config.DATA_DIR },
    search: pick(config, searchConfigShape),
  };
}
