import { acknowledgeRequestSchema, type AcknowledgementAction, type EncounterDetail } from '@patientinsight/shared';
import { useState } from 'react';
import { Alert, Button, TextArea } from '../../../components/ui';
import { type FieldErrors, serverErrors, validate } from '../../../lib/form';
import { useReviewAction } from '../api/review';

const ACTIONS: { value: AcknowledgementAction; label: string }[] = [
  { value: 'called_patient', label: 'I called the patient' },
  { value: 'advised_ed', label: 'I advised the emergency department' },
  { value: 'no_action', label: 'No action needed (give the reason)' },
];

/** A doctor answers a red flag: what was done, why when nothing was, and an optional message the patient sees. */
export function AcknowledgeForm({ encounter }: { encounter: EncounterDetail }) {
  const action = useReviewAction(encounter.id);
  const [choice, setChoice] = useState<AcknowledgementAction | ''>('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (event: { preventDefault(): void }) => {
    event.preventDefault();
    setFailure(null);
    const checked = validate(acknowledgeRequestSchema, {
      action: choice || undefined,
      ...(reason.trim() ? { reason } : {}),
      ...(message.trim() ? { message } : {}),
    });
    setErrors(checked.errors ?? {});
    if (!checked.data) return;
    action.mutate(
      { kind: 'acknowledge', body: checked.data },
      {
        onError: (error) => {
          const { fields, message: text } = serverErrors(error);
          setErrors(fields);
          setFailure(text);
        },
      },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="acknowledge-title">
      <h3 id="acknowledge-title">Acknowledge this red flag</h3>
      {failure && <Alert tone="danger">{failure}</Alert>}
      <fieldset className="stack" aria-describedby={errors.action ? 'acknowledge-action-error' : undefined}>
        <legend>What did you do?</legend>
        {ACTIONS.map((a) => (
          <label key={a.value} className="row">
            <input
              type="radio"
              name="acknowledge-action"
              value={a.value}
              checked={choice === a.value}
              onChange={() => setChoice(a.value)}
            />
            {a.label}
          </label>
        ))}
        {errors.action && (
          <p id="acknowledge-action-error" className="field-error">
            Choose what you did.
          </p>
        )}
      </fieldset>
      <TextArea
        label="Reason"
        name="reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.reason}
        hint="Required when no action is needed; kept for the record, not shown to the patient."
      />
      <TextArea
        label="Message to the patient"
        name="message"
        rows={2}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        error={errors.message}
        hint="Optional; the patient sees it on their consultation page."
      />
      <div>
        <Button type="submit" busy={action.isPending}>
          Acknowledge
        </Button>
      </div>
    </form>
  );
}
