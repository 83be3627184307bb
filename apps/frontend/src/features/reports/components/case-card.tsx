import type { CitedCase } from '@patientinsight/shared';
import type { ReactNode } from 'react';
import { Badge } from '../../../components/ui';

const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(3));

/** Meaning similarity (cosine of the two texts' vectors) in words. */
function similarityInWords(dense: number | undefined): string | null {
  if (dense === undefined) return null;
  if (dense >= 0.6) return 'very close in meaning';
  if (dense >= 0.4) return 'moderately close in meaning';
  if (dense >= 0.2) return 'loosely related in meaning';
  return 'barely related in meaning';
}

/** What the numbers say, in one sentence a clinician can read without knowing the ranking. */
export function scoreSummary(item: CitedCase): string {
  const parts = [`Ranked ${item.rank} among the similar cases retrieved`];
  if (item.relevance !== undefined) parts.push(`estimated ${Math.round(item.relevance * 100)}% likely to be relevant`);
  const meaning = similarityInWords(item.scores.dense);
  if (meaning) parts.push(meaning);
  if (item.matchedTerms.length)
    parts.push(`shares ${item.matchedTerms.length === 1 ? 'the finding' : 'the findings'} ${item.matchedTerms.slice(0, 4).join(', ')}`);
  return `${parts.join('; ')}.`;
}
const sexLabel = (s: CitedCase['sex']) => (s === 'F' ? 'female' : s === 'M' ? 'male' : 'sex not stated');

/** One similar published case: who, why it matched, the score breakdown and the article link. */
export function CaseCard({ item, showScores, actions }: { item: CitedCase; showScores: boolean; actions?: ReactNode }) {
  return (
    <article
      className="card stack"
      id={`case-${item.caseId}`}
      aria-labelledby={`case-${item.caseId}-title`}
      style={{ gap: 'var(--space-2)' }}
    >
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
        <>
          <p data-testid="score-summary">{scoreSummary(item)}</p>
          <details>
            <summary>Score details</summary>
            <dl className="stack" aria-label="Score breakdown" style={{ margin: 0, gap: 'var(--space-1)' }}>
              <dt>
                Word match (BM25) <span className="mono">{fmt(item.scores.lexical)}</span>
              </dt>
              <dd className="muted" style={{ margin: 0 }}>
                How strongly the case’s words match the patient’s, rare words counting most. It has no upper limit and compares cases within
                this search only.
              </dd>
              <dt>
                Meaning similarity <span className="mono">{fmt(item.scores.dense)}</span>
              </dt>
              <dd className="muted" style={{ margin: 0 }}>
                From 0 (unrelated) to 1 (the same meaning): how close the two descriptions are, even in different words.
              </dd>
              <dt>
                Combined score <span className="mono">{fmt(item.scores.fused)}</span>
              </dt>
              <dd className="muted" style={{ margin: 0 }}>
                What the ranking uses: word match and meaning together, smoothed towards similar cases. Higher ranks first; only the order
                matters.
              </dd>
              {item.relevance !== undefined && (
                <>
                  <dt>
                    Estimated relevance <span className="mono">{fmt(item.relevance)}</span>
                  </dt>
                  <dd className="muted" style={{ margin: 0 }}>
                    The chance that a case with these scores was judged relevant in our evaluation (calibrated), not a diagnosis.
                  </dd>
                </>
              )}
            </dl>
          </details>
        </>
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
