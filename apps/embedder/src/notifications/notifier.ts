import type { DriftSummary, IngestionCounters, IngestionRejection, IngestionState } from '@patientinsight/shared';

/** What a finished (or held) job tells the people who run ingestion. */
export interface JobNotification {
  jobId: string;
  state: IngestionState;
  source: string;
  counters: IngestionCounters;
  stageDurationsMs: Record<string, number>;
  elapsedMs: number;
  drift: DriftSummary | null;
  /** The first rejections, with field and reason. */
  rejections: IngestionRejection[];
  error: string | null;
  /** Set when a success changed nothing (no data rows, or nothing new). */
  warning?: string | null;
}

/** One way of telling (webhook, e-mail, log line). */
export abstract class Notifier {
  abstract readonly name: string;
  abstract send(notification: JobNotification): Promise<void>;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function driftLine(drift: DriftSummary | null): string {
  if (!drift) return 'Drift: not computed';
  if (drift.verdict === 'no_reference') return 'Drift: no reference yet (first batch of the corpus)';
  const figures = `KS D ${drift.ksStatistic} (p ${drift.ksPValue}), mean-age shift ${drift.meanAgeShift}, sex-ratio shift ${drift.sexRatioShift}, threshold ${drift.threshold}`;
  return drift.verdict === 'drift' ? `Drift: DRIFT over ${drift.exceeded.join(', ')} — ${figures}` : `Drift: within threshold — ${figures}`;
}

/** Subject and plain-text body shared by the e-mail and the log notifier. */
export function renderNotification(n: JobNotification): { subject: string; text: string } {
  const c = n.counters;
  const state = n.warning ? `${n.state} with nothing added` : n.state;
  const subject = `Ingestion ${n.jobId} ${state}: ${c.accepted} accepted, ${c.rejected} rejected, ${c.duplicate} duplicate of ${c.read} read`;
  const lines = [
    `Job ${n.jobId} from ${n.source} ended ${n.state} after ${seconds(n.elapsedMs)}.`,
    '',
    `Rows read ${c.read} = accepted ${c.accepted} + rejected ${c.rejected} + duplicate ${c.duplicate}; indexed ${c.indexed}.`,
    `Stages: ${Object.entries(n.stageDurationsMs)
      .map(([stage, ms]) => `${stage} ${seconds(ms)}`)
      .join(', ')}`,
    driftLine(n.drift),
  ];
  if (n.state === 'awaiting_approval')
    lines.push('', 'The batch is staged and not searchable until an operator approves it (POST /v1/ingestions/:id/approve) or rejects it.');
  if (n.warning) lines.push('', `Warning: ${n.warning}`);
  if (n.error) lines.push('', `Error: ${n.error}`);
  if (n.rejections.length > 0) {
    lines.push('', `First rejected rows (all of them: GET /v1/ingestions/${n.jobId}/rejections?format=csv):`);
    for (const r of n.rejections) lines.push(`  row ${r.row}${r.caseId ? ` (${r.caseId})` : ''}: ${r.field} — ${r.reason}`);
  }
  return { subject, text: lines.join('\n') };
}
