import { z } from 'zod';
import { requestText } from './text.js';

/** Lifecycle of an ingestion job. `awaiting_approval` holds a drifting batch for an operator; `rejected` is the operator's no. */
export const ingestionStateSchema = z.enum(['queued', 'running', 'awaiting_approval', 'succeeded', 'failed', 'cancelled', 'rejected']);
export type IngestionState = z.infer<typeof ingestionStateSchema>;
export const TERMINAL_INGESTION_STATES: readonly IngestionState[] = ['succeeded', 'failed', 'cancelled', 'rejected'];

export const ingestionFormatSchema = z.enum(['csv', 'json', 'jsonl']);
export type IngestionFormat = z.infer<typeof ingestionFormatSchema>;

/** The case fields a source column can feed. */
export const CASE_FIELDS = ['caseId', 'pmid', 'title', 'text', 'age', 'sex'] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

/**
 * Renamed columns: `{ text: 'patient' }` reads the case text from the column `patient`. Unmapped
 * fields fall back to the PMC-Patients names (patient_uid, PMID, title, patient|text, age, gender).
 */
const columnName = requestText().trim().min(1, 'must name a column').max(200).optional();
export const columnMappingSchema = z
  .object({ caseId: columnName, pmid: columnName, title: columnName, text: columnName, age: columnName, sex: columnName })
  .strict();
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

const SOURCE_URI = /^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+|file:\/\/\/.+)$/;

/** `POST /v1/ingestions` with a JSON body (the multipart form carries the same fields beside the file). */
export const createIngestionRequestSchema = z
  .object({
    sourceUri: requestText()
      .max(2048, 'must be at most 2048 characters')
      .regex(SOURCE_URI, 'must be s3://bucket/key or file:///absolute/path'),
    format: ingestionFormatSchema.optional(),
    columnMapping: columnMappingSchema.optional(),
  })
  .strict();
export type CreateIngestionRequest = z.infer<typeof createIngestionRequestSchema>;

export const createIngestionResponseSchema = z.object({ id: z.string(), state: ingestionStateSchema });
export type CreateIngestionResponse = z.infer<typeof createIngestionResponseSchema>;

export const rowOutcomeSchema = z.enum(['rejected', 'duplicate']);
export type RowOutcome = z.infer<typeof rowOutcomeSchema>;

/** One row that did not become a case: which row, which field, why. */
export const ingestionRejectionSchema = z.object({
  row: z.number().int().min(1),
  /** Source line where the row ends (CSV), or the JSONL line; null for JSON arrays. */
  line: z.number().int().nullable(),
  caseId: z.string().nullable(),
  outcome: rowOutcomeSchema,
  field: z.string(),
  reason: z.string(),
});
export type IngestionRejection = z.infer<typeof ingestionRejectionSchema>;

export const ingestionCountersSchema = z.object({
  read: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  duplicate: z.number().int(),
  indexed: z.number().int(),
});
export type IngestionCounters = z.infer<typeof ingestionCountersSchema>;

export const driftVerdictSchema = z.enum(['no_reference', 'within_threshold', 'drift']);

export const driftSummarySchema = z.object({
  verdict: driftVerdictSchema,
  threshold: z.number(),
  ksStatistic: z.number().nullable(),
  ksPValue: z.number().nullable(),
  meanAgeShift: z.number().nullable(),
  sexRatioShift: z.number().nullable(),
  /** Two-proportion z test of the female share (the shift counts only when significant at DRIFT_KS_ALPHA). */
  sexRatioPValue: z.number().nullable().default(null),
  /** Below DRIFT_MIN_BATCH cases drift is reported but never holds the job. */
  minBatch: z.number().int().nonnegative().default(0),
  belowMinBatch: z.boolean().default(false),
  /** Which figures went over the threshold (and were significant where a test applies). */
  exceeded: z.array(z.string()),
});
export type DriftSummary = z.infer<typeof driftSummarySchema>;

export const ingestionDecisionSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  actor: z.string(),
  note: z.string().nullable(),
  at: z.string(),
  drift: driftSummarySchema.nullable(),
});
export type IngestionDecision = z.infer<typeof ingestionDecisionSchema>;

/**
 * What a succeeded job changed, so that "nothing happened" never looks like a plain success:
 * `added` (cases went live), `nothing_new` (rows were read but every one was rejected or a duplicate),
 * `empty` (the source had no data rows, e.g. a header-only CSV).
 */
export const ingestionOutcomeSchema = z.enum(['added', 'nothing_new', 'empty']);
export type IngestionOutcome = z.infer<typeof ingestionOutcomeSchema>;

/** How a job's cases were made searchable (issue 24): appended to the active version with its fitted models, or a refit. */
export const ingestionIndexingSchema = z.object({
  mode: z.enum(['append', 'refit']),
  /** Why a new version was fitted instead of appending; null for an append. */
  refitReason: z.string().nullable(),
  /** Cases added to the version since its fit over the cases it was fitted on, after this job; null for a refit. */
  addedShare: z.number().nullable(),
  /** Share of the tokens appended since the fit that its vocabulary does not know (unsearchable until a refit); null for a refit. */
  unknownTokenShare: z.number().nullable(),
  /**
   * `exact`: BM25 statistics (case count, document frequencies, average length) are those of every case in the version,
   * appended ones included; `fitted`: appended cases are scored with the statistics of the fit (a store given sparse vectors).
   */
  bm25: z.enum(['exact', 'fitted']),
});
export type IngestionIndexing = z.infer<typeof ingestionIndexingSchema>;

export const ingestionJobSchema = z.object({
  id: z.string(),
  state: ingestionStateSchema,
  /** What the worker does next: read rows, build the index, or nothing. */
  phase: z.enum(['ingest', 'index', 'done']),
  source: z.object({
    kind: z.enum(['upload', 'file', 's3']),
    uri: z.string(),
    format: ingestionFormatSchema,
    filename: z.string().nullable(),
  }),
  columnMapping: columnMappingSchema.nullable(),
  counters: ingestionCountersSchema,
  throughput: z.object({ rowsPerSecond: z.number(), elapsedMs: z.number() }),
  stageDurationsMs: z.record(z.string(), z.number()),
  rejections: z.array(ingestionRejectionSchema),
  drift: driftSummarySchema.nullable(),
  decision: ingestionDecisionSchema.nullable(),
  corpusVersion: z.string().nullable(),
  /** How the cases were indexed; null before the index phase and when the job had no case to index. */
  indexing: ingestionIndexingSchema.nullable().default(null),
  /** Set once the job succeeded, null before and for other ends. */
  outcome: ingestionOutcomeSchema.nullable().default(null),
  /** A sentence for the operator when a success changed nothing (outcome `nothing_new` or `empty`). */
  warning: z.string().nullable().default(null),
  error: z.string().nullable(),
  attempts: z.number().int(),
  cancelRequested: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type IngestionJob = z.infer<typeof ingestionJobSchema>;

export const listIngestionsQuerySchema = z
  .object({
    state: ingestionStateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Jobs created before this job (keyset paging, newest first). */
    before: requestText().min(1).max(100).optional(),
  })
  .strict();
export type ListIngestionsQuery = z.infer<typeof listIngestionsQuerySchema>;

export const ingestionListSchema = z.object({ jobs: z.array(ingestionJobSchema), nextBefore: z.string().nullable() });
export type IngestionList = z.infer<typeof ingestionListSchema>;

export const rejectionsQuerySchema = z
  .object({
    outcome: z.enum(['rejected', 'duplicate', 'all']).default('rejected'),
    /** Rows after this row number (paging). */
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();
export type RejectionsQuery = z.infer<typeof rejectionsQuerySchema>;

export const rejectionPageSchema = z.object({
  jobId: z.string(),
  total: z.number().int(),
  rejections: z.array(ingestionRejectionSchema),
  nextAfter: z.number().int().nullable(),
});
export type RejectionPage = z.infer<typeof rejectionPageSchema>;

const quantilesSchema = z.object({ p05: z.number(), p25: z.number(), p50: z.number(), p75: z.number(), p95: z.number() });

const distributionSchema = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  quantiles: quantilesSchema.nullable(),
});

/** Statistics of a batch (or of the live corpus, as the drift reference). */
export const statisticsProfileSchema = z.object({
  cases: z.number().int(),
  age: distributionSchema.extend({ histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })) }),
  sex: z.object({ F: z.number().int(), M: z.number().int(), femaleShare: z.number().nullable() }),
  /** Case text length in bytes (UTF-8, after cleaning). */
  textLength: distributionSchema,
  /** Share of rows read whose field was empty or absent, before validation. */
  missingRates: z.record(z.string(), z.number()),
});
export type StatisticsProfile = z.infer<typeof statisticsProfileSchema>;

export const ingestionReportSchema = z.object({
  jobId: z.string(),
  state: ingestionStateSchema,
  counters: ingestionCountersSchema,
  stageDurationsMs: z.record(z.string(), z.number()),
  profile: statisticsProfileSchema.nullable(),
  reference: statisticsProfileSchema.nullable(),
  drift: driftSummarySchema.nullable(),
  gate: z.object({ enabled: z.boolean(), held: z.boolean() }),
  decision: ingestionDecisionSchema.nullable(),
});
export type IngestionReport = z.infer<typeof ingestionReportSchema>;

/** `POST /v1/ingestions/:id/approve|reject`: who decided, and optionally why. */
export const ingestionDecisionRequestSchema = z
  .object({
    actor: requestText().trim().min(1, 'must name who decides').max(200),
    note: requestText().trim().max(2000).optional(),
  })
  .strict();
export type IngestionDecisionRequest = z.infer<typeof ingestionDecisionRequestSchema>;
