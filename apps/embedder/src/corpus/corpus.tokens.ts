import type { ProcessIdentity } from '../common/process-identity.js';

/** Injection tokens of the corpus feature. */
export const CORPUS_SETTINGS = Symbol('CORPUS_SETTINGS');
export const TEXT_EMBEDDER = Symbol('TEXT_EMBEDDER');

export interface CorpusSettings {
  dense: 'lsa' | 'none' | 'openai' | 'tei' | 'sagemaker';
  bm25: { k1: number; b: number };
  negation: boolean;
  lsaDimension: number;
  lsaMaxFitDocs: number;
  remoteBatchSize: number;
  refitShare: number;
  refitUnknownTokenShare: number;
  refitIntervalMinutes: number;
  /** This process, recorded as the builder of each version it starts. */
  identity: ProcessIdentity;
}
