import type { CitedCase, Report } from '@patientinsight/shared';
import type { ReactNode } from 'react';
import { Alert, Badge } from '../../../components/ui';
import { CaseCard } from './case-card';
import { CitedText } from './cited-text';

function Summary({ report }: { report: Report }) {
  const { summary } = report;
  const rows: [string, string | null][] = [
    ['Main concern', summary.chiefComplaint],
    ['Onset', summary.hpi.onset],
    ['Character', summary.hpi.character],
    ['Location', summary.hpi.location],
    ['Severity', summary.hpi.severity === null ? null : `${summary.hpi.severity} / 10`],
    ['Pattern', summary.hpi.pattern],
    ['Worse with', summary.hpi.aggravating],
    ['Better with', summary.hpi.relieving],
    ['Other symptoms', summary.hpi.associatedSymptoms.join(', ') || null],
    ['Context', summary.context],
  ];
  return (
    <section className="card stack" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary of what was reported</h2>
      {summary.redFlags.length > 0 && (
        <Alert tone="danger" title="Red flags">
          <ul>
            {summary.redFlags.map((f) => (
              <li key={`${f.category}-${f.evidence}`}>{f.label}</li>
            ))}
          </ul>
        </Alert>
      )}
      <dl className="stack" style={{ gap: 'var(--space-1)', margin: 0 }}>
        {rows
          .filter(([, v]) => v !== null)
          .map(([k, v]) => (
            <div key={k} className="row" style={{ gap: 'var(--space-2)' }}>
              <dt style={{ fontWeight: 600 }}>{k}:</dt>
              <dd style={{ margin: 0 }}>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

export interface ReportViewProps {
  report: Report;
  audience: 'patient' | 'doctor';
  /** The doctor's notes and prescription (patients see them once released). */
  review?: ReactNode;
  /** Per-case actions, e.g. the doctor's feedback buttons. */
  caseActions?: (item: CitedCase) => ReactNode;
  /** Report-level actions (feedback, PDF). */
  actions?: ReactNode;
}

/**
 * A generated report: the summary, the three sections with their citations as links to the cases,
 * the similar cases (side by side with the text for doctors), provenance and the disclaimer.
 */
export function ReportView({ report, audience, review, caseActions, actions }: ReportViewProps) {
  const doctor = audience === 'doctor';
  const { generatedBy } = report.provenance;
  return (
    <div className="stack">
      <Alert tone="warning">
        <p>{report.disclaimer}</p>
        {!doctor && <p>In an emergency call your local emergency number.</p>}
      </Alert>
      {review}
      <div className="grid" style={{ '--min': doctor ? '22rem' : '100%', alignItems: 'start' } as React.CSSProperties}>
        <div className="stack">
          <Summary report={report} />
          <article className="card stack" aria-labelledby="report-title">
            <h2 id="report-title">Report</h2>
            <p className="row muted">
              <Badge>
                {generatedBy.kind === 'offline' ? generatedBy.label : `model: ${generatedBy.model ?? report.provenance.provider}`}
              </Badge>
              {generatedBy.fallbackReason && (
                <span>The language model was unavailable ({generatedBy.fallbackReason}); this report was composed offline.</span>
              )}
            </p>
            {report.sections.map((section) => (
              <section key={section.key} className="prose" aria-labelledby={`section-${section.key}`}>
                <h3 id={`section-${section.key}`}>{section.title}</h3>
                <CitedText text={section.text} cases={report.cases} />
              </section>
            ))}
            {doctor && report.validation.length > 0 && (
              <Alert tone="info" title="Checked and corrected">
                <ul>
                  {report.validation.map((v) => (
                    <li key={`${v.kind}-${v.detail}`}>{v.detail}</li>
                  ))}
                </ul>
              </Alert>
            )}
            {doctor && (report.provenance.retrieval.searchedFor?.length ?? 0) > 0 && (
              <p className="muted">Searched for: {report.provenance.retrieval.searchedFor!.join(', ')}</p>
            )}
            {doctor && (
              <p className="mono muted">
                prompt {report.provenance.promptVersion} · corpus {report.provenance.corpusVersion ?? 'n/a'} · top{' '}
                {report.provenance.retrieval.topK}
                {report.provenance.retrieval.degraded ? ' · retrieval degraded' : ''}
              </p>
            )}
            {actions}
          </article>
        </div>
        <section className="stack" aria-labelledby="cases-title">
          <h2 id="cases-title">Similar published cases</h2>
          {report.cases.length === 0 && (
            <p className="muted">
              {report.provenance.retrieval.noCloseCase
                ? 'No sufficiently similar published case was found.'
                : 'No similar cases were found.'}
            </p>
          )}
          {report.cases.map((c) => (
            <CaseCard key={c.caseId} item={c} showScores={doctor} actions={caseActions?.(c)} />
          ))}
        </section>
      </div>
    </div>
  );
}
