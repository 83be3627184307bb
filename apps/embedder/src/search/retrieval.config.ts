import { env } from '@patientinsight/nest-kit';
import { z } from 'zod';

const optionalHttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional();

/** Settings of retrieval: store, encoders, fusion and monitoring (merged into the embedder's config schema). */
export const retrievalConfigShape = {
  /** Where vectors live: the embedded LanceDB folder (default) or a Pinecone dotproduct index. */
  VECTOR_STORE: z.enum(['lancedb', 'pinecone']).default('lancedb'),
  PINECONE_API_KEY: z.string().optional(),
  /** Data-plane host of the index, with its scheme (https://idx-xyz.svc.pinecone.io). */
  PINECONE_INDEX_HOST: optionalHttpUrl,
  PINECONE_TIMEOUT_MS: z.coerce.number().int().min(50).default(5000),
  /** Dense side: corpus-trained LSA (default), none (lexical only) or a remote embedding model. */
  DENSE_ENCODER: z.enum(['lsa', 'none', 'openai', 'tei', 'sagemaker']).default('lsa'),
  LSA_DIMENSION: z.coerce.number().int().min(2).max(1024).default(256),
  /** LSA is fitted on at most this many cases (evenly spaced); every case is still embedded. */
  LSA_MAX_FIT_DOCS: z.coerce.number().int().min(100).default(20_000),
  BM25_K1: z.coerce.number().positive().max(10).default(1.2),
  BM25_B: z.coerce.number().min(0).max(1).default(0.75),
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
  /** rrf or weighted (default): see docs/retrieval.md for the benchmark behind the choice. */
  SEARCH_FUSION: z.enum(['weighted', 'rrf']).default('weighted'),
  /** Weight of the dense score in weighted fusion (lexical gets 1 minus it). */
  SEARCH_DENSE_WEIGHT: z.coerce.number().min(0).max(1).default(0.6),
  SEARCH_RRF_K: z.coerce.number().int().min(1).default(60),
  /** Candidates each component contributes before fusion. */
  SEARCH_CANDIDATES: z.coerce.number().int().min(10).max(1000).default(100),
  /** Pseudo-relevance feedback: top fused cases whose vectors are added to the query vector (0 = off). */
  SEARCH_PRF_DOCS: z.coerce.number().int().min(0).max(20).default(2),
  SEARCH_PRF_WEIGHT: z.coerce.number().min(0).max(10).default(2),
  /** Lexical scores onto [0, 1] before weighted fusion: minmax over the lexical candidates (default) or divided by the best. */
  SEARCH_SCORE_NORMALIZATION: z.enum(['minmax', 'max']).default('minmax'),
  /** Score regularisation (Diaz 2005): weight of the mean score of a case's nearest candidates (0 = off). */
  SEARCH_REGULARIZATION: z.coerce.number().min(0).max(1).default(0.5),
  SEARCH_REGULARIZATION_NEIGHBOURS: z.coerce.number().int().min(1).max(50).default(5),
  /** How many of the best fused candidates are regularised (each other's neighbours). */
  SEARCH_REGULARIZATION_CANDIDATES: z.coerce.number().int().min(2).max(1000).default(50),
  /** Weight of the age/sex agreement prior (0 = off). */
  SEARCH_DEMOGRAPHIC_PRIOR: z.coerce.number().min(0).max(1).default(0),
  /** A search whose best fused score is below this counts as low-confidence (the original used 0.5). */
  SEARCH_LOW_CONFIDENCE_FLOOR: z.coerce.number().min(0).max(1).default(0.5),
};
