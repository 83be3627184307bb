import { type TriageResult } from '@patientinsight/shared';
import { useEffect, useRef } from 'react';

/**
 * Emergency guidance after a red flag. It has no close button and cannot be dismissed: the intake
 * has stopped. Focus moves to it so keyboard and screen-reader users meet it first.
 */
export function RedFlagBanner({ triage }: { triage: TriageResult }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="alert alert-danger stack" role="alert" aria-labelledby="red-flag-title" data-testid="red-flag-banner">
      <h2 id="red-flag-title" ref={heading} tabIndex={-1}>
        Get emergency help now
      </h2>
      <p>
        <strong>
          {triage.guidance ??
            'What you describe can be a medical emergency. Call your local emergency number now, or go to the nearest emergency department.'}
        </strong>
      </p>
      {triage.flags.length > 0 && (
        <div>
          <p>This is because you mentioned:</p>
          <ul>
            {triage.flags.map((f) => (
              <li key={`${f.category}-${f.evidence}`}>
                {f.label} (“{f.evidence}”)
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>Do not wait for a doctor’s reply: call now.</p>
    </section>
  );
}
