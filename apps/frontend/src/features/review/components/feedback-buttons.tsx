import type { Feedback } from '@patientinsight/shared';
import { Button } from '../../../components/ui';
import { useSendFeedback } from '../api/review';

/** Useful / not useful for the report or one cited case; pressed state shows the doctor's last rating. */
export function FeedbackButtons({
  encounterId,
  caseId,
  current,
  label,
}: {
  encounterId: string;
  caseId?: string;
  current?: Feedback;
  label: string;
}) {
  const send = useSendFeedback(encounterId);
  const rate = (useful: boolean) => send.mutate(caseId ? { target: 'case', caseId, useful } : { target: 'report', useful });
  return (
    <fieldset className="row" aria-label={`Feedback on ${label}`}>
      <span className="muted">Was {label} useful?</span>
      <Button
        variant={current?.useful === true ? 'primary' : 'secondary'}
        aria-pressed={current?.useful === true}
        onClick={() => rate(true)}
        busy={send.isPending && send.variables?.useful === true}
      >
        Useful
      </Button>
      <Button
        variant={current?.useful === false ? 'primary' : 'secondary'}
        aria-pressed={current?.useful === false}
        onClick={() => rate(false)}
        busy={send.isPending && send.variables?.useful === false}
      >
        Not useful
      </Button>
      {send.isError && (
        <span className="field-error" role="alert">
          Not saved: {send.error.message}
        </span>
      )}
    </fieldset>
  );
}
