import { z } from 'zod';
import { sexSchema } from './cases.js';

export const MAX_QUERY_CHARS = 20_000;

export const searchFiltersSchema = z
  .object({
    ageMin: z.number().min(0).max(150).optional(),
    ageMax: z.number().min(0).max(150).optional(),
    sex: sexSchema.optional(),
  })
  .strict()
  .refine((f) => f.ageMin === undefined || f.ageMax === undefined || f.ageMin <= f.ageMax, {
    message: 'ageMin must not exceed ageMax',
    path: ['ageMin'],
  });
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

/**
 * Per-request overrides of the embedder's configured retrieval method (the benchmark compares
 * configurations on one running embedder with them); omitted fields keep the configured defaults.
 */
export const searchOptionsSchema = z
  .object({
    mode: z.enum(['hybrid', 'lexical', 'dense']).optional(),
    fusion: z.enum(['weighted', 'rrf']).optional(),
    denseWeight: z.number().min(0).max(1).optional(),
    feedbackDocs: z.number().int().min(0).max(20).optional(),
    demographicPrior: z.number().min(0).max(1).optional(),
    normalization: z.enum(['minmax', 'max']).optional(),
    regularization: z.number().min(0).max(1).optional(),
  })
  .strict();
export type SearchOptions = z.infer<typeof searchOptionsSchema>;

/**
 * Who the similar cases are for, as data (the patient's profile): the demographic prior compares
 * each case's age and sex with these. Filters stay separate (`filters`), so a caller may rank by
 * agreement without excluding anyone.
 */
export const searchPatientSchema = z
  .object({
    age: z.number().min(0).max(150).optional(),
    sex: sexSchema.optional(),
  })
  .strict();
export type SearchPatient = z.infer<typeof searchPatientSchema>;

export const searchRequestSchema = z
  .object({
    query: z.string().trim().min(1, 'query must not be empty').max(MAX_QUERY_CHARS, `query must be at most ${MAX_QUERY_CHARS} characters`),
    topK: z.number().int().min(1).max(100).default(10),
    filters: searchFiltersSchema.optional(),
    excludeIds: z.array(z.string().min(1)).max(1000).optional(),
    patient: searchPatientSchema.optional(),
    options: searchOptionsSchema.optional(),
  })
  .strict();
export type SearchRequest = z.input<typeof searchRequestSchema>;
export type ParsedSearchRequest = z.output<typeof searchRequestSchema>;

/**
 * Why a case ranked where it did. `lexical` is the BM25 score and `dense` the cosine of query and case
 * (absent when the case was not among that component's candidates or the component did not run);
 * `lexicalNormalized` the BM25 score on [0, 1] as weighted fusion used it (min-max over the lexical
 * candidates by default), `feedback` the cosine after pseudo-relevance feedback, `neighbours` the mean
 * fused score of the case's nearest candidates when the score was regularised
 * (fused = (1 − α)·own + α·neighbours), `prior` the age/sex agreement bonus, and `fused` the final
 * score the ranking uses.
 */
export const componentScoresSchema = z.object({
  lexical: z.number().optional(),
  lexicalNormalized: z.number().optional(),
  dense: z.number().optional(),
  feedback: z.number().optional(),
  neighbours: z.number().optional(),
  prior: z.number().optional(),
  fused: z.number(),
});

export const searchResultSchema = z.object({
  caseId: z.string(),
  pmid: z.string().nullable(),
  title: z.string(),
  age: z.number().nullable(),
  sex: sexSchema.nullable(),
  snippet: z.string(),
  score: z.number(),
  scores: componentScoresSchema,
  rank: z.number().int().min(1),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.object({
  results: z.array(searchResultSchema),
  tookMs: z.number(),
  corpusVersion: z.string().optional(),
  degraded: z.boolean().optional(),
  degradedReason: z.string().optional(),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
