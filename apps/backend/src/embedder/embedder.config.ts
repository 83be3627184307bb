import { z } from 'zod';

/** The embedder's internal base URL, the token it expects and the per-call timeout (spread into backendConfigSchema). */
export const embedderConfigShape = {
  EMBEDDER_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).default('http://127.0.0.1:3001'),
  SERVICE_TOKEN: z.string({ message: 'is required' }).min(16, 'must be at least 16 characters'),
  EMBEDDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
};

export type EmbedderConfig = z.output<z.ZodObject<typeof embedderConfigShape>>;

/** The embedder slice of the loaded config (provided by EmbedderModule). */
export const EMBEDDER_CONFIG = Symbol('EMBEDDER_CONFIG');
export const embedderConfigKeys = Object.keys(embedderConfigShape);
