/** The ingestion module's slice of the validated config (`configSlices` in config/embedder.config.ts). */
export const INGESTION_CONFIG = Symbol('INGESTION_CONFIG');
export type { IngestionConfig } from './ingestion.config.js';
