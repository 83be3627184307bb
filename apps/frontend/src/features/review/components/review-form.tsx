import {
  type AllergyConflict,
  type AllergyWarning,
  allergyConflictSchema,
  doctorNotesRequestSchema,
  type EncounterDetail,
  type PatientView,
  type PrescriptionItem,
  prescriptionRequestSchema,
  prescriptionRouteSchema,
  returnRequestSchema,
} from '@patientinsight/shared';
import { type ReactNode, useState } from 'react';
import { Alert, Button, SelectField, TextArea, TextField } from '../../../components/ui';
import { ApiError } from '../../../lib/api-client';
import { type FieldErrors, serverErrors, validate } from '../../../lib/form';
import { fetchPatientPreview, useReviewAction } from '../api/review';

type ItemDraft = { medication: string; dose: string; route: string; frequency: string; duration: string; instructions: string };
const emptyItem = (): ItemDraft => ({ medication: '', dose: '', route: 'oral', frequency: '', duration: '', instructions: '' });
const toDraft = (item: PrescriptionItem): ItemDraft => ({ ...item, instructions: item.instructions ?? '' });
/** The conflicts of a 409 ALLERGY_CONFLICT, or null for any other error. */
const allergyConflicts = (error: unknown): AllergyConflict[] | null => {
  if (!(error instanceof ApiError) || error.code !== 'ALLERGY_CONFLICT') return null;
  const parsed = allergyConflictSchema.array().safeParse((error.details as { conflicts?: unknown } | undefined)?.conflicts);
  return parsed.success ? parsed.data : [];
};
/** A prescription that conflicts with an allergy the patient recorded after it (not an emergency: no alert was sent). */
function AllergyWarningNotice({ warning, released }: { warning: AllergyWarning; released: boolean }) {
  return (
    <Alert tone="danger">
      <strong>Allergy recorded after this prescription.</strong> The patient has updated their profile since it was written:
      <ul>
        {warning.conflicts.map((c) => (
          <li key={`${c.item}-${c.allergy}`}>
            Medicine {c.item + 1}, {c.medication}, is in {c.drugClass}; newly recorded allergy: "{c.allergy}".
          </li>
        ))}
      </ul>
      {released
        ? 'The prescription has already been released: contact the patient about it.'
        : 'Change the prescription, or save it again with an override reason.'}
    </Alert>
  );
}

const toItem = (d: ItemDraft) => ({
  medication: d.medication,
  dose: d.dose,
  route: d.route,
  frequency: d.frequency,
  duration: d.duration,
  ...(d.instructions.trim() ? { instructions: d.instructions } : {}),
});

/**
 * The doctor's part of a review: claim, a message, notes and next steps for the patient, private notes, and a
 * prescription (each item validated with the shared schema), then release (after a preview of exactly what the
 * patient will see, `renderPreview`, and a confirmation) or return with a reason. Without a report, release
 * needs something written for the patient. The patient's allergies and current
 * medicines stand beside the prescription; a medicine the backend finds in an allergy's drug class (409
 * ALLERGY_CONFLICT) is named, and saving again needs an override reason.
 */
export function ReviewForm({
  encounter,
  currentUserId,
  renderPreview,
}: {
  encounter: EncounterDetail;
  currentUserId: string;
  renderPreview: (view: PatientView) => ReactNode;
}) {
  const action = useReviewAction(encounter.id);
  const [notes, setNotes] = useState(encounter.doctorNotes ?? '');
  const [patientMessage, setPatientMessage] = useState(encounter.patientMessage ?? '');
  const [nextSteps, setNextSteps] = useState(encounter.nextSteps ?? '');
  const [privateNotes, setPrivateNotes] = useState(encounter.privateNotes ?? '');
  const [preview, setPreview] = useState<PatientView | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [items, setItems] = useState<ItemDraft[]>(() => (encounter.prescription ?? []).map(toDraft));
  const [reason, setReason] = useState('');
  const [returning, setReturning] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: 'danger' | 'success'; text: string } | null>(null);
  const [conflicts, setConflicts] = useState<AllergyConflict[] | null>(null);
  const [overrideReason, setOverrideReason] = useState('');

  const fail = (error: unknown, prefix = '') => {
    const { fields, message: text } = serverErrors(error);
    setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}${k}`, v])));
    setMessage({ tone: 'danger', text: text ?? 'That did not work.' });
  };

  // An urgent encounter can be taken before the patient submits it (to write to them and release without a report).
  if (encounter.status === 'submitted' || (encounter.urgent && (encounter.status === 'draft' || encounter.status === 'returned'))) {
    return (
      <section className="card stack" aria-labelledby="review-title">
        <h2 id="review-title">Review</h2>
        <p>
          {encounter.status === 'submitted'
            ? 'This encounter is waiting for a doctor.'
            : 'The patient has not submitted this urgent encounter; you can claim it to write to them and release it.'}
        </p>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <div>
          <Button busy={action.isPending} onClick={() => action.mutate({ kind: 'claim' }, { onError: (e) => fail(e) })}>
            Claim this encounter
          </Button>
        </div>
      </section>
    );
  }
  if (encounter.status !== 'in_review') {
    return (
      <section className="card stack" aria-labelledby="review-title">
        <h2 id="review-title">Review</h2>
        <Alert tone={encounter.status === 'released' ? 'success' : 'info'}>
          {encounter.status === 'released'
            ? 'Released to the patient.'
            : encounter.status === 'returned'
              ? `Returned to the patient: ${encounter.returnReason ?? ''}`
              : 'Not yet submitted.'}
        </Alert>
        {encounter.allergyWarning && <AllergyWarningNotice warning={encounter.allergyWarning} released={encounter.status === 'released'} />}
      </section>
    );
  }
  if (encounter.claimedBy !== currentUserId) {
    return (
      <section className="card stack" aria-labelledby="review-title">
        <h2 id="review-title">Review</h2>
        <p>Another doctor is reviewing this encounter.</p>
        {encounter.allergyWarning && <AllergyWarningNotice warning={encounter.allergyWarning} released={false} />}
      </section>
    );
  }

  /** Validates notes and prescription together; returns the bodies or null (errors shown). */
  const checked = () => {
    const n = validate(doctorNotesRequestSchema, { notes, message: patientMessage, nextSteps, privateNotes });
    // The override is sent only once the backend has named a conflict and the doctor has answered it.
    const override = conflicts && overrideReason.trim() ? { allergyOverride: { reason: overrideReason } } : {};
    const p = validate(prescriptionRequestSchema, { items: items.map(toItem), ...override });
    const all: FieldErrors = {
      ...(n.errors ?? {}),
      ...Object.fromEntries(Object.entries(p.errors ?? {}).map(([k, v]) => [`prescription.${k}`, v])),
    };
    setErrors(all);
    if (!n.data || !p.data) {
      setMessage({ tone: 'danger', text: 'Some fields need fixing before saving.' });
      return null;
    }
    return { notes: n.data, prescription: p.data };
  };

  const save = async (thenRelease: boolean) => {
    setMessage(null);
    const bodies = checked();
    if (!bodies) return;
    try {
      await action.mutateAsync({ kind: 'notes', body: bodies.notes });
    } catch (e) {
      return fail(e);
    }
    try {
      await action.mutateAsync({ kind: 'prescription', body: bodies.prescription });
      setConflicts(null);
    } catch (e) {
      const found = allergyConflicts(e);
      if (found) setConflicts(found);
      return fail(e, 'prescription.');
    }
    if (!thenRelease) return setMessage({ tone: 'success', text: 'Notes and prescription saved.' });
    // Release opens the patient's page as it will be; the doctor confirms from there.
    setPreviewing(true);
    try {
      setPreview(await fetchPatientPreview(encounter.id));
    } catch (e) {
      fail(e);
    } finally {
      setPreviewing(false);
    }
  };

  const confirmRelease = async () => {
    try {
      await action.mutateAsync({ kind: 'release' });
      setPreview(null);
    } catch (e) {
      fail(e);
    }
  };

  const sendBack = async () => {
    const r = validate(returnRequestSchema, { reason });
    setErrors(r.errors ?? {});
    if (!r.data) return;
    try {
      await action.mutateAsync({ kind: 'return', body: r.data });
    } catch (e) {
      fail(e);
    }
  };

  const setItem = (i: number, key: keyof ItemDraft) => (e: { target: { value: string } }) =>
    setItems((list) => list.map((it, j) => (j === i ? { ...it, [key]: e.target.value } : it)));
  const err = (i: number, key: string) => errors[`prescription.items.${i}.${key}`];

  return (
    <section className="card stack" aria-labelledby="review-title">
      <h2 id="review-title">Your review</h2>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {!encounter.report && (
        <Alert tone="info">
          There is no report. You can still answer the patient: write a message, notes or a prescription and release them.
        </Alert>
      )}
      <TextArea
        label="Message to the patient"
        name="message"
        rows={3}
        value={patientMessage}
        onChange={(e) => setPatientMessage(e.target.value)}
        error={errors.message}
        hint="Shown first on the patient's page once you release it."
      />
      <TextArea
        label="Notes for the patient"
        name="notes"
        rows={5}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        error={errors.notes}
        hint="The patient reads these once you release them."
      />
      <TextArea
        label="Next steps for the patient"
        name="nextSteps"
        rows={3}
        value={nextSteps}
        onChange={(e) => setNextSteps(e.target.value)}
        error={errors.nextSteps}
        hint="One plain step per line."
      />
      <TextArea
        label="Private notes (clinicians only)"
        name="privateNotes"
        rows={3}
        value={privateNotes}
        onChange={(e) => setPrivateNotes(e.target.value)}
        error={errors.privateNotes}
        hint="Never shown to the patient, and not in their export or PDF."
      />
      <fieldset className="stack">
        <legend>
          <h3 style={{ margin: 0 }}>Prescription</h3>
        </legend>
        {encounter.allergyWarning && !conflicts && <AllergyWarningNotice warning={encounter.allergyWarning} released={false} />}
        <aside className="card stack" aria-labelledby="rx-patient-title">
          <h4 id="rx-patient-title" style={{ margin: 0 }}>
            Before prescribing
          </h4>
          <p>
            <strong>Allergies: </strong>
            {encounter.profile?.allergies.length ? encounter.profile.allergies.join(', ') : 'none recorded'}
          </p>
          <p>
            <strong>Current medicines: </strong>
            {encounter.profile?.medications.length ? encounter.profile.medications.join(', ') : 'none recorded'}
          </p>
        </aside>
        {conflicts && (
          <div className="stack">
            <Alert tone="danger">
              <strong>Allergy conflict.</strong>
              <ul>
                {conflicts.map((c) => (
                  <li key={`${c.item}-${c.allergy}`}>
                    Medicine {c.item + 1}, {c.medication}, is in {c.drugClass}; the patient's recorded allergy: "{c.allergy}".
                  </li>
                ))}
              </ul>
            </Alert>
            <TextArea
              label="Reason to prescribe despite the allergy"
              name="allergyOverride"
              rows={2}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              error={errors['prescription.allergyOverride.reason']}
              hint="At least 10 characters. Kept in the encounter history and the audit trail with your name and the time."
            />
          </div>
        )}
        {errors['prescription.items'] && <p className="field-error">{errors['prescription.items']}</p>}
        {items.length === 0 && <p className="muted">No medicines prescribed.</p>}
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no id until saved; order is the identity
          <fieldset key={i} className="card stack" aria-label={`Medicine ${i + 1}`}>
            <div className="grid" style={{ '--min': '12rem' } as React.CSSProperties}>
              <TextField label="Medicine" value={item.medication} onChange={setItem(i, 'medication')} error={err(i, 'medication')} />
              <TextField label="Dose" value={item.dose} onChange={setItem(i, 'dose')} error={err(i, 'dose')} hint="e.g. 500 mg" />
              <SelectField
                label="Route"
                value={item.route}
                onChange={setItem(i, 'route')}
                error={err(i, 'route')}
                options={prescriptionRouteSchema.options.map((r) => ({ value: r, label: r }))}
              />
              <TextField
                label="Frequency"
                value={item.frequency}
                onChange={setItem(i, 'frequency')}
                error={err(i, 'frequency')}
                hint="e.g. twice a day"
              />
              <TextField
                label="Duration"
                value={item.duration}
                onChange={setItem(i, 'duration')}
                error={err(i, 'duration')}
                hint="e.g. 7 days"
              />
            </div>
            <TextArea
              label="Instructions"
              rows={2}
              value={item.instructions}
              onChange={setItem(i, 'instructions')}
              error={err(i, 'instructions')}
            />
            <div>
              <Button variant="ghost" onClick={() => setItems((list) => list.filter((_, j) => j !== i))}>
                Remove medicine {i + 1}
              </Button>
            </div>
          </fieldset>
        ))}
        <div>
          <Button variant="secondary" onClick={() => setItems((list) => [...list, emptyItem()])}>
            Add a medicine
          </Button>
        </div>
      </fieldset>
      <div className="row">
        <Button variant="secondary" busy={action.isPending} onClick={() => save(false)}>
          Save draft
        </Button>
        <Button busy={action.isPending || previewing} onClick={() => save(true)}>
          Release to patient
        </Button>
        <Button variant="ghost" onClick={() => setReturning((v) => !v)} aria-expanded={returning}>
          Return to patient…
        </Button>
      </div>
      {preview && (
        <section className="card stack" aria-labelledby="release-preview-title" data-testid="release-preview">
          <h3 id="release-preview-title">What the patient will see</h3>
          <p>This is the patient's page exactly as it will be after release. Nothing else of the report reaches them.</p>
          {renderPreview(preview)}
          <div className="row">
            <Button busy={action.isPending} onClick={confirmRelease}>
              Confirm release
            </Button>
            <Button variant="secondary" onClick={() => setPreview(null)}>
              Back to editing
            </Button>
          </div>
        </section>
      )}
      {returning && (
        <div className="stack">
          <TextArea
            label="Reason for returning"
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason}
            hint="The patient sees this and can answer and submit again."
          />
          <div>
            <Button variant="danger" busy={action.isPending} onClick={sendBack}>
              Return with this reason
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
