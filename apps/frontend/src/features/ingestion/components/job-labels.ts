import type { IngestionJob, IngestionState } from '@patientinsight/shared';

export type StatusTone = 'success' | 'warning' | 'danger' | 'neutral';

const STATE_TEXT: Record<IngestionState, string> = {
  queued: 'Queued',
  running: 'Running',
  awaiting_approval: 'Waiting for your approval (drift)',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  rejected: 'Rejected by an operator',
};

/**
 * The words and colour of a job's result, so the colour says what happened: green only when cases
 * were added and no row was refused, amber when nothing was added, rows were refused or an operator
 * must decide, red when the job failed.
 */
export function jobStatus(job: Pick<IngestionJob, 'state' | 'outcome' | 'counters'>): { text: string; tone: StatusTone } {
  if (job.state === 'failed') return { text: STATE_TEXT.failed, tone: 'danger' };
  if (job.state === 'awaiting_approval') return { text: STATE_TEXT.awaiting_approval, tone: 'warning' };
  if (job.state !== 'succeeded') return { text: STATE_TEXT[job.state], tone: 'neutral' };
  if (job.outcome === 'nothing_new') return { text: 'Succeeded: nothing new added', tone: 'warning' };
  if (job.outcome === 'empty') return { text: 'Succeeded: no data rows', tone: 'warning' };
  if (job.counters.rejected > 0) return { text: `Succeeded: ${job.counters.rejected.toLocaleString('en')} rows rejected`, tone: 'warning' };
  return { text: STATE_TEXT.succeeded, tone: 'success' };
}

/** How a job's cases were made searchable, in one line: appended to the current version, or a new version fitted and why. */
export function indexingText(indexing: NonNullable<IngestionJob['indexing']>): string {
  if (indexing.mode === 'append') return 'Indexed by appending to the current corpus version (no refit)';
  return `Indexed by fitting a new corpus version${indexing.refitReason ? `: ${indexing.refitReason}` : ''}`;
}

const STAGES: Record<string, string> = {
  parse: 'Reading the file',
  clean: 'Cleaning',
  validate: 'Checking rows',
  dedupe: 'Finding duplicates',
  write: 'Saving rows',
  profile: 'Data profile',
  drift: 'Drift check',
  index_total: 'Search index (total)',
  index_read: 'Index: reading cases',
  index_fit_bm25: 'Index: keyword model',
  index_fit_lsa: 'Index: topic model',
  index_embed_write: 'Index: embedding and writing',
  index_build_indexes: 'Index: building indexes',
  index_save_models: 'Index: saving models',
  index_activate: 'Index: switching over',
};

/** `fit_bm25` → "Fit bm25": an unknown name still reads as words, never as an identifier. */
const words = (id: string) => {
  const spaced = id
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

export const stageLabel = (stage: string): string => STAGES[stage] ?? words(stage);

const FIELDS: Record<string, string> = { caseId: 'Case id', pmid: 'PubMed id', title: 'Title', text: 'Case text', age: 'Age', sex: 'Sex' };
/** A case field as the operator knows it (rejection reasons, missing-value rates). */
export const fieldLabel = (field: string): string => FIELDS[field] ?? words(field);

const DRIFT_FIGURES: Record<string, string> = {
  ksStatistic: 'Age distribution (KS statistic)',
  meanAgeShift: 'Mean age shift',
  sexRatioShift: 'Female share shift',
};
/** A drift figure's name (the `exceeded` list) in words. */
export const driftFigureLabel = (figure: string): string => DRIFT_FIGURES[figure] ?? words(figure);

export const formatMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
