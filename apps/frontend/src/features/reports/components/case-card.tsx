import type { CitedCase } from '@patientinsight/shared';
import type { ReactNode } from 'react';
import { Badge } from '../../../components/ui';

const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(3));
const sexLabel = (s: CitedCase['sex']) => (s === 'F' ? 'female' : s === 'M' ? 'male' : 'sex not stated');

/** One similar published case: who, why it matched, the score breakdown and the article link. */
export function CaseCard({ item, showScores, actions }: { item: CitedCase; showScores: boolean; actions?: ReactNode }) {
  return (
    <article className="card stack" id={`case-${item.caseId}`} aria-labelledby={`case-${item.caseId}-title`} style={{ gap: 'var(--space-2)' }}>
      <h3 id={`case-${item.caseId}-title`}>
        [{item.rank}] {item.title}
      </h3>
      <div className="row">
        <Badge>{item.age === null ? 'age not stated' : `${Math.round(item.age)} years`}</Badge>
        <Badge>{sexLabel(item.sex)}</Badge>
        {item.cited && <Badge tone="success">cited</Badge>}
      </div>
      <p className="muted">{item.snippet}</p>
      {item.matchedTerms.length > 0 && <p>Matched on: {item.matchedTerms.join(', ')}</p>}
      {showScores && (
        <dl className="row mono" aria-label="Score breakdown" style={{ margin: 0 }}>
          <dt>lexical</dt>
          <dd style={{ margin: 0 }}>{fmt(item.scores.lexical)}</dd>
          <dt>dense</dt>
          <dd style={{ margin: 0 }}>{fmt(item.scores.dense)}</dd>
          <dt>fused</dt>
          <dd style={{ margin: 0 }}>{fmt(item.scores.fused)}</dd>
        </dl>
      )}
      <p className="mono">Case {item.caseId}</p>
      {item.pubmedUrl ? (
        <a href={item.pubmedUrl} target="_blank" rel="noreferrer">
          Read the article on PubMed<span className="visually-hidden"> (case {item.rank}, opens in a new tab)</span>
        </a>
      ) : (
        <span className="muted">No PubMed article linked</span>
      )}
      {actions}
    </article>
  );
}
