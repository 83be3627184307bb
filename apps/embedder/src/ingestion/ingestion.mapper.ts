import type {
  DriftSummary,
  IngestionDecision,
  IngestionIndexing,
  IngestionJob,
  IngestionOutcome,
  IngestionRejection,
  StatisticsProfile,
} from '@patientinsight/shared';
import type { JobNotification } from '../notifications/notifier.js';
import type { JobRow, OutcomeRow } from './ingestion.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const roundMs = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Math.round(v)]));

export function toRejection(row: OutcomeRow): IngestionRejection {
  return { row: row.row_number, line: row.line, caseId: row.case_id, outcome: row.outcome, field: row.field, reason: row.reason };
}

/** What a succeeded job changed, with the sentence an operator needs when it changed nothing. */
export function jobOutcome(row: Pick<JobRow, 'state' | 'rows_read' | 'rows_accepted' | 'rows_rejected' | 'rows_duplicate'>): {
  outcome: IngestionOutcome | null;
  warning: string | null;
} {
  if (row.state !== 'succeeded') return { outcome: null, warning: null };
  if (row.rows_read === 0)
    return { outcome: 'empty', warning: 'The source has no data rows (only a header, or nothing): nothing was added.' };
  if (row.rows_accepted === 0) {
    return {
      outcome: 'nothing_new',
      warning: `Nothing new was added: of ${row.rows_read} rows, ${row.rows_duplicate} were already in the corpus and ${row.rows_rejected} were rejected.`,
    };
  }
  return { outcome: 'added', warning: null };
}

export function toJob(row: JobRow, rejections: OutcomeRow[]): IngestionJob {
  const elapsedMs = Math.round(row.processing_ms);
  return {
    id: row.id,
    state: row.state,
    phase: row.phase,
    source: { kind: row.source_kind, uri: row.source_uri, format: row.format, filename: row.filename },
    columnMapping: row.column_mapping,
    counters: {
      read: row.rows_read,
      accepted: row.rows_accepted,
      rejected: row.rows_rejected,
      duplicate: row.rows_duplicate,
      indexed: row.rows_indexed,
    },
    throughput: { rowsPerSecond: elapsedMs > 0 ? Math.round((row.rows_read / elapsedMs) * 1000) : 0, elapsedMs },
    stageDurationsMs: roundMs(row.stage_ms),
    rejections: rejections.map(toRejection),
    drift: (row.drift as DriftSummary | null) ?? null,
    decision: (row.decision as IngestionDecision | null) ?? null,
    corpusVersion: row.corpus_version,
    indexing: (row.indexing as IngestionIndexing | null | undefined) ?? null,
    ...jobOutcome(row),
    error: row.error,
    attempts: row.attempts,
    cancelRequested: row.cancel_requested,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

export function toNotification(row: JobRow, rejections: OutcomeRow[]): JobNotification {
  const job = toJob(row, rejections);
  return {
    jobId: job.id,
    state: job.state,
    source: job.source.filename ? `upload ${job.source.filename}` : job.source.uri,
    counters: job.counters,
    stageDurationsMs: job.stageDurationsMs,
    elapsedMs: job.throughput.elapsedMs,
    drift: job.drift,
    rejections: job.rejections,
    error: job.error,
    warning: job.warning,
  };
}

export type { StatisticsProfile };
