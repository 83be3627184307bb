import { z } from 'zod';

/** Settings of search: fusion, feedback and monitoring (merged into the embedder's config schema). */
export const searchConfigShape = {
  /** rrf or weighted (default): see docs/retrieval.md for the benchmark behind the choice. */
  SEARCH_FUSION: z.enum(['weighted', 'rrf']).default('weighted'),
  /** Weight of the dense score in weighted fusion (lexical gets 1 minus it); 0.5 goes with BM25_B 1 (docs/retrieval.md). */
  SEARCH_DENSE_WEIGHT: z.coerce.number().min(0).max(1).default(0.5),
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
  /** A search whose best fused score is below this counts as low-confidence (retrieval_low_confidence_total). */
  SEARCH_LOW_CONFIDENCE_FLOOR: z.coerce.number().min(0).max(1).default(0.5),
};

const searchConfigSchema = z.object(searchConfigShape);
/** What the search module receives. */
export type SearchConfig = z.output<typeof searchConfigSchema>;
