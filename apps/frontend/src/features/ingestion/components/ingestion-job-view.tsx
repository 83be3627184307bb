import type { IngestionJob, IngestionReport } from '@patientinsight/shared';
import { lazy, Suspense, useState } from 'react';
import { Alert, Badge, Button, ErrorState, ProgressBar, Spinner, Stat, TextArea, TableWrap } from '../../../components/ui';
import {
  downloadRejectionsCsv,
  isFinal,
  isSettled,
  REJECTIONS_PAGE_SIZE,
  useCancelIngestion,
  useDecision,
  useIngestion,
  useIngestionReport,
  useRecentIngestions,
  useRejections,
} from '../api/ingestion';
import { driftFigureLabel, fieldLabel, formatMs, indexingText, jobStatus, type StatusTone, stageLabel } from './job-labels';
import { formatRate, jobProgress, lastIndexBuildMs } from './progress-math';

const QualityCharts = lazy(() => import('./quality-charts'));

const BADGE_TONE: Record<StatusTone, 'success' | 'warning' | 'urgent' | undefined> = {
  success: 'success',
  warning: 'warning',
  danger: 'urgent',
  neutral: undefined,
};

/** The badge for a job's state and result (shared with the list of jobs). */
export function JobStatusBadge({ job }: { job: Pick<IngestionJob, 'state' | 'outcome' | 'counters'> }) {
  const { text, tone } = jobStatus(job);
  return <Badge tone={BADGE_TONE[tone]}>{text}</Badge>;
}

/** What the job is doing now, and a time left only where it can be known (see jobProgress). */
function currentStage(job: IngestionJob, lastBuildMs: number | null): string {
  if (job.state === 'queued') return 'Waiting for a worker to pick it up';
  if (job.state === 'awaiting_approval') return 'Waiting for an operator’s decision; this page keeps checking';
  if (job.phase === 'index') {
    const reference = lastBuildMs === null ? 'no estimate yet' : `no estimate; the last index build took ${formatMs(lastBuildMs)}`;
    return `Building the search index (the new cases are appended, or the whole corpus is indexed again) · ${reference}`;
  }
  return `Reading and checking rows · ${formatRate(job.throughput.rowsPerSecond)} rows/s · time left: not known until the whole file is read`;
}

function JobProgress({ job }: { job: IngestionJob }) {
  const { fraction } = jobProgress(job);
  const running = !isSettled(job);
  const recent = useRecentIngestions(running && job.phase === 'index');
  const lastBuildMs = recent.data ? lastIndexBuildMs(recent.data.jobs, job.id) : null;
  const stages = Object.entries(job.stageDurationsMs);
  return (
    <section className="card stack" aria-labelledby="job-progress-title">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="job-progress-title">Progress</h2>
        <JobStatusBadge job={job} />
      </div>
      {fraction === null ? (
        // Native indeterminate progress: neither stage can say how much is left (see jobProgress).
        <progress className="progress" aria-label="Ingestion progress" aria-valuetext={`${job.counters.read} rows read so far`} />
      ) : (
        <ProgressBar value={fraction} label="Ingestion progress" />
      )}
      <p aria-live="polite" data-testid="job-rate">
        {isFinal(job) ? `Finished · ${formatRate(job.throughput.rowsPerSecond)} rows/s while reading` : currentStage(job, lastBuildMs)}
      </p>
      {job.indexing && (
        <p className="muted" data-testid="job-indexing">
          {indexingText(job.indexing)}
        </p>
      )}
      <div className="grid" style={{ '--min': '8rem' } as React.CSSProperties}>
        <Stat label="Rows read" value={job.counters.read.toLocaleString('en')} />
        <Stat label="Accepted" value={job.counters.accepted.toLocaleString('en')} />
        <Stat label="Rejected" value={job.counters.rejected.toLocaleString('en')} />
        <Stat label="Duplicates" value={job.counters.duplicate.toLocaleString('en')} />
        <Stat label="Searchable" value={job.counters.indexed.toLocaleString('en')} />
      </div>
      {stages.length > 0 && (
        <details>
          <summary>Time per stage</summary>
          <dl className="grid" style={{ '--min': '12rem', margin: 0 } as React.CSSProperties}>
            {stages.map(([stage, ms]) => (
              <div key={stage}>
                <dt className="muted">{stageLabel(stage)}</dt>
                <dd style={{ margin: 0 }}>{formatMs(ms)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {job.warning && (
        <Alert tone="warning" title="Nothing was added">
          <p>{job.warning}</p>
        </Alert>
      )}
      {job.state === 'succeeded' && job.outcome === 'added' && job.counters.rejected > 0 && (
        <Alert tone="warning" title="Some rows were not added">
          <p>
            {job.counters.accepted.toLocaleString('en')} cases were added; {job.counters.rejected.toLocaleString('en')} rows were rejected.
            Each one and its reason is listed under “Rows not added”.
          </p>
        </Alert>
      )}
      {job.error && (
        <Alert tone="danger" title="The job failed">
          <p>{job.error}</p>
          <p>Rows already accepted are kept. Fix the source and start a new ingestion, or retry.</p>
        </Alert>
      )}
    </section>
  );
}

type RowFilter = 'rejected' | 'duplicate' | 'all';
const FILTER_TEXT: Record<RowFilter, string> = { rejected: 'Rejected', duplicate: 'Duplicates', all: 'All' };

function RejectedRows({ job }: { job: IngestionJob }) {
  // Until the operator picks a filter: rejected rows when there are any, otherwise every row not
  // added (duplicates), so the list never says "none" while the counters say otherwise. It follows
  // the counters while the job runs.
  const [chosen, setChosen] = useState<RowFilter | null>(null);
  const outcome: RowFilter = chosen ?? (job.counters.rejected > 0 ? 'rejected' : 'all');
  const [cursors, setCursors] = useState<number[]>([0]);
  const after = cursors.at(-1) ?? 0;
  const counts: Record<RowFilter, number> = {
    rejected: job.counters.rejected,
    duplicate: job.counters.duplicate,
    all: job.counters.rejected + job.counters.duplicate,
  };
  const page = useRejections(job.id, after, outcome, !isSettled(job), `${job.state}:${counts.rejected}:${counts.duplicate}`);
  const total = page.data?.total ?? 0;
  const pageNumber = cursors.length;
  const choose = (o: RowFilter) => {
    setChosen(o);
    setCursors([0]);
  };
  return (
    <section className="card stack" aria-labelledby="rejections-title">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="rejections-title">Rows not added</h2>
        <Button variant="secondary" onClick={() => void downloadRejectionsCsv(job.id)}>
          Download all as CSV
        </Button>
      </div>
      <fieldset className="row">
        <legend className="visually-hidden">Show</legend>
        {(['rejected', 'duplicate', 'all'] as const).map((o) => (
          <Button key={o} variant={outcome === o ? 'primary' : 'secondary'} aria-pressed={outcome === o} onClick={() => choose(o)}>
            {FILTER_TEXT[o]} ({counts[o].toLocaleString('en')})
          </Button>
        ))}
      </fieldset>
      {page.isPending && <Spinner label="Loading rows…" />}
      {page.isError && <ErrorState title="Could not load the rows" error={page.error} onRetry={page.refetch} />}
      {page.data && page.data.rejections.length === 0 && (
        <p className="muted">
          {outcome === 'all' ? 'Every row read was added.' : outcome === 'rejected' ? 'No row was rejected.' : 'No row was a duplicate.'}
          {!isSettled(job) && ' (so far)'}
          {outcome !== 'all' && counts.all > 0 && (
            <>
              {' '}
              <Button variant="ghost" onClick={() => choose('all')}>
                Show all {counts.all.toLocaleString('en')} rows not added
              </Button>
            </>
          )}
        </p>
      )}
      {page.data && page.data.rejections.length > 0 && (
        <>
          <TableWrap label="Rows not added">
            <table>
              <caption className="visually-hidden">
                Rows not added, page {pageNumber} of {Math.max(1, Math.ceil(total / REJECTIONS_PAGE_SIZE))}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Line</th>
                  <th scope="col">Case id</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Field</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {page.data.rejections.map((r) => (
                  <tr key={`${r.row}-${r.field}`}>
                    <td>{r.row}</td>
                    <td>{r.line ?? '—'}</td>
                    <td className="mono">{r.caseId ?? '—'}</td>
                    <td>{r.outcome === 'duplicate' ? 'Duplicate' : 'Rejected'}</td>
                    <td>{fieldLabel(r.field)}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <div className="row">
            <Button variant="secondary" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Previous page
            </Button>
            <span>
              Page {pageNumber} of {Math.max(1, Math.ceil(total / REJECTIONS_PAGE_SIZE))} · {total.toLocaleString('en')} rows
            </span>
            <Button
              variant="secondary"
              disabled={page.data.nextAfter === null}
              onClick={() => page.data.nextAfter !== null && setCursors((c) => [...c, page.data.nextAfter as number])}
            >
              Next page
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function DriftSummary({ report }: { report: IngestionReport }) {
  const d = report.drift;
  if (!d) return <p className="muted">No drift figures for this job.</p>;
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  return (
    <div className="stack">
      <p>
        Verdict:{' '}
        <Badge tone={d.verdict === 'drift' ? 'warning' : 'success'}>
          {d.verdict === 'drift'
            ? 'drift beyond threshold'
            : d.verdict === 'no_reference'
              ? 'no reference yet (first batch)'
              : 'within threshold'}
        </Badge>
      </p>
      <dl className="grid" style={{ '--min': '10rem', margin: 0 } as React.CSSProperties}>
        <div>
          <dt className="muted">KS statistic (age)</dt>
          <dd style={{ margin: 0 }}>{d.ksStatistic?.toFixed(3) ?? 'n/a'}</dd>
        </div>
        <div>
          <dt className="muted">KS p-value</dt>
          <dd style={{ margin: 0 }}>{d.ksPValue?.toFixed(3) ?? 'n/a'}</dd>
        </div>
        <div>
          <dt className="muted">Mean age shift</dt>
          <dd style={{ margin: 0 }}>{pct(d.meanAgeShift)}</dd>
        </div>
        <div>
          <dt className="muted">Female share shift</dt>
          <dd style={{ margin: 0 }}>{pct(d.sexRatioShift)}</dd>
        </div>
        <div>
          <dt className="muted">Female share p-value</dt>
          <dd style={{ margin: 0 }}>{d.sexRatioPValue?.toFixed(3) ?? 'n/a'}</dd>
        </div>
        <div>
          <dt className="muted">Threshold</dt>
          <dd style={{ margin: 0 }}>{pct(d.threshold)}</dd>
        </div>
      </dl>
      {d.exceeded.length > 0 && <p>Over the threshold: {d.exceeded.map(driftFigureLabel).join(', ')}</p>}
      {d.belowMinBatch && (
        <p className="muted">Fewer than {d.minBatch} cases: the figures are reported, but a batch this small never waits for approval.</p>
      )}
    </div>
  );
}

function DecisionPanel({ job }: { job: IngestionJob }) {
  const decide = useDecision(job.id);
  const [note, setNote] = useState('');
  return (
    <Alert tone="warning" title="This batch drifts from the indexed corpus">
      <p>
        Its rows are staged but not searchable. Approve to make them searchable at once, or reject to discard them; nothing else changes.
      </p>
      <TextArea label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="row">
        <Button
          busy={decide.isPending && decide.variables?.decision === 'approve'}
          onClick={() => decide.mutate({ decision: 'approve', note: note.trim() || undefined })}
        >
          Approve batch
        </Button>
        <Button
          variant="danger"
          busy={decide.isPending && decide.variables?.decision === 'reject'}
          onClick={() => decide.mutate({ decision: 'reject', note: note.trim() || undefined })}
        >
          Reject batch
        </Button>
      </div>
      {decide.isError && <p className="field-error">{decide.error.message}</p>}
    </Alert>
  );
}

/** One ingestion job, live: progress, counters, rejected rows with reasons, quality and drift. */
export function IngestionJobView({ jobId }: { jobId: string }) {
  const job = useIngestion(jobId);
  const cancel = useCancelIngestion(jobId);
  const done = job.data ? isSettled(job.data) : false;
  const report = useIngestionReport(jobId, job.data?.state, done);
  if (job.isPending) return <Spinner label="Loading the job…" />;
  if (job.isError) return <ErrorState title="Could not load this ingestion" error={job.error} onRetry={job.refetch} />;
  const data = job.data;
  return (
    <div className="stack">
      <p className="muted">
        {data.source.filename ?? data.source.uri} · {data.source.format.toUpperCase()} · started{' '}
        {new Date(data.createdAt).toLocaleString('en')}
      </p>
      <JobProgress job={data} />
      {!done && (
        <div>
          <Button variant="secondary" busy={cancel.isPending} disabled={data.cancelRequested} onClick={() => cancel.mutate()}>
            {data.cancelRequested ? 'Cancelling…' : 'Cancel job'}
          </Button>
        </div>
      )}
      {data.state === 'awaiting_approval' && <DecisionPanel job={data} />}
      {data.decision && (
        <Alert tone="info">
          {data.decision.decision === 'approved' ? 'Approved' : 'Rejected'} by {data.decision.actor} on{' '}
          {new Date(data.decision.at).toLocaleString('en')}
          {data.decision.note ? `: ${data.decision.note}` : ''}
        </Alert>
      )}
      <RejectedRows job={data} />
      <section className="card stack" aria-labelledby="quality-title">
        <h2 id="quality-title">Data quality and drift</h2>
        {!done && <p className="muted">The quality profile and drift report appear when the job finishes.</p>}
        {report.isPending && done && <Spinner label="Loading the quality report…" />}
        {report.isError && <ErrorState title="Could not load the quality report" error={report.error} onRetry={report.refetch} />}
        {report.data && (
          <>
            <DriftSummary report={report.data} />
            {report.data.profile && (
              <dl className="grid" style={{ '--min': '10rem', margin: 0 } as React.CSSProperties}>
                <div>
                  <dt className="muted">Cases</dt>
                  <dd style={{ margin: 0 }}>{report.data.profile.cases}</dd>
                </div>
                <div>
                  <dt className="muted">Mean age</dt>
                  <dd style={{ margin: 0 }}>{report.data.profile.age.mean?.toFixed(1) ?? 'n/a'}</dd>
                </div>
                <div>
                  <dt className="muted">Median text length (bytes)</dt>
                  <dd style={{ margin: 0 }}>
                    {report.data.profile.textLength.quantiles?.p50 ?? report.data.profile.textLength.mean?.toFixed(0) ?? 'n/a'}
                  </dd>
                </div>
                {Object.entries(report.data.profile.missingRates).map(([field, rate]) => (
                  <div key={field}>
                    <dt className="muted">{fieldLabel(field)} missing</dt>
                    <dd style={{ margin: 0 }}>{(rate * 100).toFixed(1)}%</dd>
                  </div>
                ))}
              </dl>
            )}
            <Suspense fallback={<Spinner label="Loading charts…" />}>
              <QualityCharts profile={report.data.profile} reference={report.data.reference} />
            </Suspense>
          </>
        )}
      </section>
    </div>
  );
}
