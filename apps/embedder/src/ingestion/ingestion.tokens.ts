import type { EmbedderConfig } from '../config/embedder.config.js';

/** The embedder's validated config, as ingestion sees it. */
export const INGESTION_CONFIG = Symbol('INGESTION_CONFIG');
export type IngestionConfig = EmbedderConfig;
