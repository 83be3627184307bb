import { INTAKE_FIELDS, type IntakeField, type IntakeSummary } from '@patientinsight/shared';
import { ProgressBar } from '../../../components/ui';

export const FIELD_LABELS: Record<IntakeField, string> = {
  chiefComplaint: 'Main concern',
  onset: 'When it started',
  character: 'What it feels like',
  location: 'Where',
  severity: 'How bad (1–10)',
  pattern: 'Pattern',
  aggravating: 'What makes it worse',
  relieving: 'What helps',
  associatedSymptoms: 'Other symptoms',
  context: 'Other context',
};

const NOT_REPORTED = 'not reported';

/** Whether the patient told us this field (a "none" counts; a skip does not). */
export function isAnswered(summary: IntakeSummary, field: IntakeField): boolean {
  if (summary.answered) return summary.answered.includes(field);
  switch (field) {
    case 'chiefComplaint':
      return summary.chiefComplaint !== null;
    case 'context':
      return summary.context !== null && summary.context !== NOT_REPORTED;
    case 'associatedSymptoms':
      return summary.hpi.associatedSymptoms.length > 0;
    default:
      return summary.hpi[field] !== null && summary.hpi[field] !== NOT_REPORTED;
  }
}

/** The fields not covered yet (neither answered nor skipped), in the order they would be asked. */
export function missingFields(summary: IntakeSummary): IntakeField[] {
  return INTAKE_FIELDS.filter((f) => !isAnswered(summary, f) && !summary.skipped?.includes(f));
}

function status(summary: IntakeSummary, field: IntakeField, current: IntakeField | null): { mark: string; text: string } {
  if (summary.inferred?.includes(field)) return { mark: '✓ ', text: ' (from an earlier answer)' };
  if (isAnswered(summary, field)) return { mark: '✓ ', text: ' (answered)' };
  if (summary.skipped?.includes(field)) return { mark: '– ', text: ' (skipped)' };
  if (field === current) return { mark: '→ ', text: ' (current question)' };
  return { mark: '○ ', text: ' (not yet)' };
}

/** How far the intake is through the summary fields, as a bar and a checklist; a finished intake still counts only what was told. */
export function IntakeProgress({ summary, current }: { summary: IntakeSummary; current: IntakeField | null; complete?: boolean }) {
  const done = INTAKE_FIELDS.filter((f) => isAnswered(summary, f)).length;
  return (
    <aside className="card stack" aria-label="Intake progress">
      <h2>Your summary</h2>
      <p>
        {done} of {INTAKE_FIELDS.length} topics covered
      </p>
      <ProgressBar value={done / INTAKE_FIELDS.length} label="Intake progress" />
      <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0, gap: 'var(--space-1)' }}>
        {INTAKE_FIELDS.map((f) => {
          const s = status(summary, f, current);
          return (
            <li key={f} aria-current={f === current ? 'step' : undefined}>
              <span aria-hidden="true">{s.mark}</span>
              {FIELD_LABELS[f]}
              <span className={s.text === ' (from an earlier answer)' || s.text === ' (skipped)' ? 'muted' : 'visually-hidden'}>
                {s.text}
              </span>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
