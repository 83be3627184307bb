import { type PatientProfile, patientProfileSchema } from '@patientinsight/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Alert, Button, SelectField, TextArea, TextField } from '../../../components/ui';
import { type FieldErrors, listFromText, numberOrNull, serverErrors, validate } from '../../../lib/form';
import { useSaveProfile } from '../api/profile';

/** What the form holds: strings as typed, turned into the profile only when validated. */
interface Draft {
  ageMode: 'dob' | 'age';
  dateOfBirth: string;
  age: string;
  sex: string;
  heightCm: string;
  weightKg: string;
  conditions: string;
  medications: string;
  allergies: string;
  contactName: string;
  contactPhone: string;
  contactRelationship: string;
}

const STEPS = [
  { title: 'About you', fields: ['dateOfBirth', 'age', 'sex'] },
  { title: 'Body measurements', fields: ['heightCm', 'weightKg'] },
  { title: 'Known conditions', fields: ['conditions'] },
  { title: 'Medicines and allergies', fields: ['medications', 'allergies'] },
  { title: 'Emergency contact', fields: ['emergencyContact'] },
] as const;

function toDraft(profile: PatientProfile | null): Draft {
  return {
    ageMode: profile?.age != null ? 'age' : 'dob',
    dateOfBirth: profile?.dateOfBirth ?? '',
    age: profile?.age != null ? String(profile.age) : '',
    sex: profile?.sex ?? '',
    heightCm: profile?.heightCm != null ? String(profile.heightCm) : '',
    weightKg: profile?.weightKg != null ? String(profile.weightKg) : '',
    conditions: profile?.conditions.join('\n') ?? '',
    medications: profile?.medications.join('\n') ?? '',
    allergies: profile?.allergies.join('\n') ?? '',
    contactName: profile?.emergencyContact?.name ?? '',
    contactPhone: profile?.emergencyContact?.phone ?? '',
    contactRelationship: profile?.emergencyContact?.relationship ?? '',
  };
}

function toProfile(d: Draft): unknown {
  const hasContact = d.contactName.trim() || d.contactPhone.trim();
  return {
    dateOfBirth: d.ageMode === 'dob' ? d.dateOfBirth || null : null,
    age: d.ageMode === 'age' ? numberOrNull(d.age) : null,
    sex: d.sex || null,
    heightCm: numberOrNull(d.heightCm),
    weightKg: numberOrNull(d.weightKg),
    conditions: listFromText(d.conditions),
    medications: listFromText(d.medications),
    allergies: listFromText(d.allergies),
    emergencyContact: hasContact
      ? { name: d.contactName, phone: d.contactPhone, ...(d.contactRelationship.trim() ? { relationship: d.contactRelationship } : {}) }
      : null,
  };
}

/** Errors that belong to the given step (`emergencyContact.phone` belongs to `emergencyContact`). */
const errorsOfStep = (errors: FieldErrors, step: number): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors).filter(([field]) =>
      ((STEPS[step]?.fields ?? []) as readonly string[]).some((f) => field === f || field.startsWith(`${f}.`)),
    ),
  );

/**
 * The five-step profile the patient fills before the first encounter. Each step is checked with the shared
 * profile schema before moving on; the last step saves a new profile version.
 */
export function OnboardingWizard({ initial, onSaved }: { initial: PatientProfile | null; onSaved: () => void }) {
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const save = useSaveProfile();
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose on every step change
  useEffect(() => {
    // Move focus to the new step's heading so screen-reader users hear where they are.
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [step]);

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  const next = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(patientProfileSchema, toProfile(draft));
    const stepErrors = result.errors ? errorsOfStep(result.errors, step) : {};
    setErrors(stepErrors);
    setMessage(null);
    if (Object.keys(stepErrors).length > 0) return;
    if (step < STEPS.length - 1) {
      setStep(step + 1);
      return;
    }
    if (!result.data) {
      // An error on an earlier step (should not happen, each was checked): go back to it.
      const bad = STEPS.findIndex((_, i) => Object.keys(errorsOfStep(result.errors ?? {}, i)).length > 0);
      setStep(Math.max(0, bad));
      setErrors(result.errors ?? {});
      return;
    }
    save.mutate(result.data, {
      onSuccess: onSaved,
      onError: (error) => {
        const { fields, message: text } = serverErrors(error);
        setMessage(text);
        setErrors(fields);
        const bad = STEPS.findIndex((_, i) => Object.keys(errorsOfStep(fields, i)).length > 0);
        if (bad >= 0) setStep(bad);
      },
    });
  };

  const current = STEPS[step] as (typeof STEPS)[number];
  return (
    <form className="card stack" onSubmit={next} noValidate aria-labelledby="onboarding-step-title">
      <ol className="steps" aria-label="Profile steps">
        {STEPS.map((s, i) => (
          <li key={s.title} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {s.title}
          </li>
        ))}
      </ol>
      <h2 id="onboarding-step-title" ref={heading} tabIndex={-1}>
        Step {step + 1} of {STEPS.length}: {current.title}
      </h2>
      {message && <Alert tone="danger">{message}</Alert>}
      {step === 0 && (
        <>
          <SelectField
            label="How do you want to give your age?"
            name="ageMode"
            value={draft.ageMode}
            onChange={set('ageMode')}
            options={[
              { value: 'dob', label: 'Date of birth' },
              { value: 'age', label: 'Age in years' },
            ]}
          />
          {draft.ageMode === 'dob' ? (
            <TextField
              label="Date of birth"
              name="dateOfBirth"
              type="date"
              value={draft.dateOfBirth}
              onChange={set('dateOfBirth')}
              error={errors.dateOfBirth}
            />
          ) : (
            <TextField label="Age (years)" name="age" inputMode="numeric" value={draft.age} onChange={set('age')} error={errors.age} />
          )}
          <SelectField
            label="Sex"
            name="sex"
            value={draft.sex}
            onChange={set('sex')}
            error={errors.sex}
            options={[
              { value: '', label: 'Prefer not to say' },
              { value: 'F', label: 'Female' },
              { value: 'M', label: 'Male' },
              { value: 'X', label: 'Other' },
            ]}
          />
        </>
      )}
      {step === 1 && (
        <>
          <TextField
            label="Height (cm)"
            name="heightCm"
            inputMode="decimal"
            value={draft.heightCm}
            onChange={set('heightCm')}
            error={errors.heightCm}
            hint="Leave empty if you do not know."
          />
          <TextField
            label="Weight (kg)"
            name="weightKg"
            inputMode="decimal"
            value={draft.weightKg}
            onChange={set('weightKg')}
            error={errors.weightKg}
            hint="Leave empty if you do not know."
          />
        </>
      )}
      {step === 2 && (
        <TextArea
          label="Known conditions"
          name="conditions"
          value={draft.conditions}
          onChange={set('conditions')}
          error={errors.conditions}
          hint="One a line, for example: asthma. Leave empty if none."
        />
      )}
      {step === 3 && (
        <>
          <TextArea
            label="Medicines you take"
            name="medications"
            value={draft.medications}
            onChange={set('medications')}
            error={errors.medications}
            hint="One a line, with the dose if you know it."
          />
          <TextArea
            label="Allergies"
            name="allergies"
            value={draft.allergies}
            onChange={set('allergies')}
            error={errors.allergies}
            hint="One a line. Leave empty if none."
          />
        </>
      )}
      {step === 4 && (
        <>
          <TextField
            label="Contact name"
            name="contactName"
            autoComplete="off"
            value={draft.contactName}
            onChange={set('contactName')}
            error={errors['emergencyContact.name']}
          />
          <TextField
            label="Contact phone"
            name="contactPhone"
            type="tel"
            value={draft.contactPhone}
            onChange={set('contactPhone')}
            error={errors['emergencyContact.phone']}
          />
          <TextField
            label="Relationship"
            name="contactRelationship"
            value={draft.contactRelationship}
            onChange={set('contactRelationship')}
            error={errors['emergencyContact.relationship']}
            hint="Optional, for example: partner."
          />
        </>
      )}
      <div className="row">
        {step > 0 && (
          <Button variant="secondary" onClick={() => setStep(step - 1)}>
            Back
          </Button>
        )}
        <Button type="submit" busy={save.isPending}>
          {step < STEPS.length - 1 ? 'Continue' : 'Save profile'}
        </Button>
      </div>
    </form>
  );
}
