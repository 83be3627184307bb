import { INTAKE_FIELDS, type IntakeField, type IntakeState, intakeMessageRequestSchema } from '@patientinsight/shared';
import { useEffect, useRef, useState } from 'react';
import { Button, ErrorState, TextArea } from '../../../components/ui';
import { useSendIntakeMessage } from '../api/intake';
import { FIELD_LABELS, isAnswered } from './intake-progress';

const NOT_REPORTED = 'not reported';

/** What the summary holds for a field, as the patient reads it; null when nothing was told. */
function shown(state: IntakeState, field: IntakeField): string | null {
  const s = state.summary;
  if (field === 'chiefComplaint') return s.chiefComplaint;
  if (field === 'context') return s.context === NOT_REPORTED ? null : s.context;
  if (field === 'severity') return s.hpi.severity === null ? null : `${s.hpi.severity} out of 10`;
  if (field === 'associatedSymptoms')
    return s.hpi.associatedSymptoms.length ? s.hpi.associatedSymptoms.join(', ') : isAnswered(s, field) ? 'none' : null;
  const value = s.hpi[field];
  return value === null || value === NOT_REPORTED ? null : value;
}

/**
 * The review step: every topic of the summary with what we understood, each editable (or addable when it was
 * skipped or not asked), before the patient sends it. A correction is sent like an answer (and triaged).
 */
export function IntakeReview({ encounterId, state }: { encounterId: string; state: IntakeState }) {
  const send = useSendIntakeMessage(encounterId);
  const [editing, setEditing] = useState<IntakeField | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  // The review is the next thing to do once the questions end: focus moves to its heading.
  useEffect(() => heading.current?.focus(), []);
  // Closing the editor returns focus to the button that opened it (after it is enabled again), so keyboard users keep their place.
  const returnTo = useRef<IntakeField | null>(null);
  useEffect(() => {
    if (editing) box.current?.focus();
    else if (returnTo.current) {
      document.getElementById(`review-edit-${returnTo.current}`)?.focus();
      returnTo.current = null;
    }
  }, [editing]);

  const close = (field: IntakeField) => {
    returnTo.current = field;
    setEditing(null);
    setError(undefined);
  };
  const save = (field: IntakeField) => (event: { preventDefault(): void }) => {
    event.preventDefault();
    const parsed = intakeMessageRequestSchema.safeParse({ text: draft, field });
    if (!parsed.success) {
      setError(
        parsed.error.issues[0]?.message === 'text must not be empty'
          ? 'Type your correction before saving.'
          : parsed.error.issues[0]?.message,
      );
      box.current?.focus();
      return;
    }
    send.mutate(parsed.data, { onSuccess: () => close(field) });
  };
  const missing = INTAKE_FIELDS.filter((f) => shown(state, f) === null);

  return (
    <section className="stack" aria-labelledby="review-title">
      <h3 id="review-title" ref={heading} tabIndex={-1}>
        Check your summary before you send it
      </h3>
      <p>This is what your doctor will read. Correct anything we got wrong, or add what is missing.</p>
      {state.summary.finishedEarly && missing.length > 0 && (
        <p>
          You finished before these were covered: {missing.map((f) => FIELD_LABELS[f].toLowerCase()).join(', ')}. Your doctor will see them
          as not reported.
        </p>
      )}
      <dl className="stack review-list" style={{ margin: 0, gap: 'var(--space-2)' }}>
        {INTAKE_FIELDS.map((field) => {
          const value = shown(state, field);
          return (
            <div key={field} className="stack" style={{ gap: 'var(--space-1)' }}>
              <dt>
                <strong>{FIELD_LABELS[field]}</strong>
              </dt>
              <dd style={{ margin: 0 }}>
                {editing === field ? (
                  <form className="stack" onSubmit={save(field)} noValidate>
                    <TextArea
                      ref={box}
                      label={`Your answer: ${FIELD_LABELS[field].toLowerCase()}`}
                      name={`review-${field}`}
                      rows={2}
                      value={draft}
                      error={error}
                      onChange={(e) => setDraft(e.target.value)}
                    />
                    {send.isError && <ErrorState title="Not saved" error={send.error} />}
                    <div className="row">
                      <Button type="submit" busy={send.isPending}>
                        Save
                      </Button>
                      <Button variant="secondary" onClick={() => close(field)} disabled={send.isPending}>
                        Cancel
                      </Button>
                    </div>
                  </form>
                ) : (
                  <div className="row">
                    <span className={value === null ? 'muted' : undefined}>
                      {value ?? (state.summary.skipped?.includes(field) ? 'Skipped' : 'Not covered')}
                    </span>
                    <Button
                      variant="secondary"
                      id={`review-edit-${field}`}
                      aria-label={`${value === null ? 'Add' : 'Edit'} ${FIELD_LABELS[field].toLowerCase()}`}
                      onClick={() => {
                        setDraft(value && field !== 'severity' ? value : '');
                        setError(undefined);
                        setEditing(field);
                      }}
                      disabled={editing !== null}
                    >
                      {value === null ? 'Add' : 'Edit'}
                    </Button>
                  </div>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
