import type { EncounterDetail } from '@patientinsight/shared';
import { useReviewAction } from '../api/review';

/**
 * Per case: whether the patient sees it once released. Only the doctor holding the encounter may change it;
 * a case rated not useful stays hidden from the patient whatever this says.
 */
export function ShareToggle({
  encounter,
  caseId,
  label,
  editable,
}: {
  encounter: EncounterDetail;
  caseId: string;
  label: string;
  editable: boolean;
}) {
  const action = useReviewAction(encounter.id);
  const shared = encounter.sharedCaseIds ?? [];
  const hidden = (encounter.hiddenCaseIds ?? []).includes(caseId);
  const id = `share-${caseId}`;
  const toggle = (on: boolean) =>
    action.mutate({ kind: 'share', body: { caseIds: on ? [...shared, caseId] : shared.filter((c) => c !== caseId) } });
  return (
    <div className="stack" style={{ gap: 'var(--space-1)' }}>
      <label htmlFor={id} className="row" style={{ gap: 'var(--space-2)' }}>
        <input
          id={id}
          type="checkbox"
          checked={shared.includes(caseId) && !hidden}
          disabled={!editable || hidden || action.isPending}
          onChange={(e) => toggle(e.target.checked)}
        />
        Share {label} with the patient
      </label>
      {hidden && <span className="muted">Rated not useful: hidden from the patient.</span>}
      {action.isError && (
        <span className="field-error" role="alert">
          Not saved: {action.error.message}
        </span>
      )}
    </div>
  );
}
