import { env } from '@patientinsight/nest-kit';
import { z } from 'zod';

const optionalHttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional();

/** Settings of the corpus feature: the vector store and the encoders a version is built with (merged into the embedder's config schema). */
export const corpusConfigShape = {
  /** Where vectors live: the embedded LanceDB folder (default) or a Pinecone dotproduct index. */
  VECTOR_STORE: z.enum(['lancedb', 'pinecone']).default('lancedb'),
  PINECONE_API_KEY: z.string().optional(),
  /** Data-plane host of the index, with its scheme (https://idx-xyz.svc.pinecone.io). */
  PINECONE_INDEX_HOST: optionalHttpUrl,
  PINECONE_TIMEOUT_MS: z.coerce.number().int().min(50).default(5000),
  /** How long an append waits while another replica appends to the same version, before its job fails (and can be retried). */
  PINECONE_APPEND_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).default(300_000),
  /** Dense side: corpus-trained LSA (default), none (lexical only) or a remote embedding model. */
  DENSE_ENCODER: z.enum(['lsa', 'none', 'openai', 'tei', 'sagemaker']).default('lsa'),
  LSA_DIMENSION: z.coerce.number().int().min(2).max(1024).default(256),
  /** LSA is fitted on at most this many cases (evenly spaced); every case is still embedded. */
  LSA_MAX_FIT_DOCS: z.coerce.number().int().min(100).default(20_000),
  BM25_K1: z.coerce.number().positive().max(10).default(1.2),
  /**
   * Full length normalisation: a long report no longer scores high on the many words it holds. Chosen with a dense
   * weight of 0.5 (SEARCH_DENSE_WEIGHT), on held folds (docs/retrieval.md); a version keeps the b it was fitted with.
   */
  BM25_B: z.coerce.number().min(0).max(1).default(1),
  /** Mark negated findings ("no fever") so they match only negated findings. */
  NEGATION: env.bool(true),
  OPENAI_BASE_URL: optionalHttpUrl,
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  TEI_URL: optionalHttpUrl,
  SAGEMAKER_ENDPOINT_NAME: z.string().optional(),
  /** Override of the SageMaker runtime URL (tests, VPC endpoints). */
  SAGEMAKER_ENDPOINT_URL: optionalHttpUrl,
  AWS_REGION: z.string().default('us-east-1'),
  ENCODER_TIMEOUT_MS: z.coerce.number().int().min(50).default(3000),
  /** Retries of a remote encoder after a timeout or 5xx (exponential backoff), before the search degrades. */
  ENCODER_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  ENCODER_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(64),
  /**
   * A job's cases are appended to the active version (its fitted models, no refit) while the cases added
   * since its fit stay at most this share of the cases it was fitted on; past it, a new version is fitted.
   * 0 refits on every job.
   */
  CORPUS_REFIT_SHARE: z.coerce.number().min(0).max(10).default(0.1),
  /**
   * A job's cases are fitted into a new version instead of appended once the tokens appended since the active
   * version's fit (this job's included) would hold more than this share the version's vocabulary does not know:
   * those terms are unsearchable until a refit. 0 refits on any unknown token, 1 never for this reason.
   * Default 0.05: what a vocabulary fitted on 900 of the sample's 1,000 cases leaves unknown in the other 100 (5.0%;
   * 6.4% fitted on 605, 17.6% on 100). The share falls as the corpus grows, so at full size only a batch whose words
   * differ passes it, while a corpus of fewer than ~1,000 cases refits, which costs little there.
   */
  CORPUS_REFIT_UNKNOWN_TOKEN_SHARE: z.coerce.number().min(0).max(1).default(0.05),
  /** Refit the active version this often when cases were appended since its fit (minutes; 0: never on a schedule). */
  CORPUS_REFIT_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(525_600).default(0),
};

const corpusConfigSchema = z.object(corpusConfigShape);
/** What the corpus module receives: its own settings and the data folder (LanceDB tables and model files live there). */
export type CorpusConfig = z.output<typeof corpusConfigSchema> & { DATA_DIR: string };
