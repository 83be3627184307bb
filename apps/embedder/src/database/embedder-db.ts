import type { Generated } from 'kysely';

/** Table types of the embedder's database (one interface per table, named as the table). */
export interface CorpusVersionTable {
  id: string;
  state: 'building' | 'active' | 'retired' | 'failed';
  created_at: Date;
  activated_at: Date | null;
  /** Retrieval details (0004-corpus-models): store kind, encoders, size, build durations. */
  store?: string | null;
  encoder?: string | null;
  case_count?: number | null;
  build_ms?: Record<string, number> | null;
  /** The building process (0007-corpus-version-builder), and why the build failed. */
  builder?: string | null;
  error?: string | null;
  /** Tokens of the cases appended since the fit, and the unknown ones among them (0009-corpus-version-appended-tokens). */
  appended_tokens?: Generated<number>;
  appended_unknown_tokens?: Generated<number>;
}

/** A fitted encoder model of a corpus version (BM25 statistics, LSA projection). */
export interface CorpusModelTable {
  version_id: string;
  name: string;
  format: string;
  data: Buffer;
  created_at: Generated<Date>;
}

export interface CaseRecordTable {
  case_id: string;
  pmid: string | null;
  title: string;
  text: string;
  age: number | null;
  sex: 'F' | 'M' | null;
  /** sha256 of the normalised text: the second dedupe key. */
  text_hash: string;
  job_id: string | null;
  state: 'staged' | 'live';
  created_at: Generated<Date>;
}

export type IngestionJobState = 'queued' | 'running' | 'awaiting_approval' | 'succeeded' | 'failed' | 'cancelled' | 'rejected';

export interface IngestionJobTable {
  id: string;
  state: IngestionJobState;
  phase: 'ingest' | 'index' | 'done';
  source_kind: 'upload' | 'file' | 's3';
  source_uri: string;
  /** ETag of the S3 object an object-created notification started the job for (0006); null for API jobs. */
  source_etag?: string | null;
  format: 'csv' | 'json' | 'jsonl';
  filename: string | null;
  column_mapping: Record<string, string> | null;
  rows_read: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  rows_duplicate: Generated<number>;
  rows_indexed: Generated<number>;
  /** Rows read whose field was empty, by case field (for the missing-value rates). */
  missing_counts: Generated<Record<string, number>>;
  /** Milliseconds spent per stage, summed over batches and attempts. */
  stage_ms: Generated<Record<string, number>>;
  processing_ms: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  attempts: Generated<number>;
  cancel_requested: Generated<boolean>;
  approved: Generated<boolean>;
  profile: unknown | null;
  reference_profile: unknown | null;
  drift: unknown | null;
  decision: unknown | null;
  corpus_version: string | null;
  /** How its cases were indexed (0010-ingestion-indexing): the contract's IngestionIndexing; null before the index phase. */
  indexing?: unknown | null;
  error: string | null;
  notified_at: Date | null;
  /** When the uploaded file was deleted (0008-upload-removed); null while it is kept or for other sources. */
  upload_removed_at?: Date | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

/** A row that did not become a case (accepted rows are the case_record rows of the job). */
export interface IngestionRowTable {
  job_id: string;
  row_number: number;
  line: number | null;
  case_id: string | null;
  outcome: 'rejected' | 'duplicate';
  field: string;
  reason: string;
}

export interface EmbedderDb {
  corpus_version: CorpusVersionTable;
  corpus_model: CorpusModelTable;
  case_record: CaseRecordTable;
  ingestion_job: IngestionJobTable;
  ingestion_row: IngestionRowTable;
}

export type { Generated };
