import { CITATION_PATTERN, type CitedCase } from '@patientinsight/shared';
import { Fragment } from 'react';

/** Text with `[case:<id>]` citations rendered as numbered links to the case card below. */
export function CitedText({ text, cases, as: Tag = 'p' }: { text: string; cases: CitedCase[]; as?: 'p' | 'span' }) {
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(CITATION_PATTERN.source, 'g'))) {
    const index = match.index ?? 0;
    parts.push(<Fragment key={`t${index}`}>{text.slice(last, index)}</Fragment>);
    const caseId = match[1] as string;
    const cited = byId.get(caseId);
    parts.push(
      cited ? (
        <a key={`c${index}`} className="citation" href={`#case-${caseId}`} aria-label={`Similar case ${cited.rank}: ${cited.title}`}>
          [{cited.rank}]
        </a>
      ) : (
        <span key={`c${index}`} className="citation">
          [case {caseId}]
        </span>
      ),
    );
    last = index + match[0].length;
  }
  parts.push(<Fragment key="end">{text.slice(last)}</Fragment>);
  return <Tag>{parts}</Tag>;
}
