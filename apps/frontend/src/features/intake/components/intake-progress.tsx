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

export function isAnswered(summary: IntakeSummary, field: IntakeField): boolean {
  switch (field) {
    case 'chiefComplaint':
      return summary.chiefComplaint !== null;
    case 'context':
      return summary.context !== null;
    case 'associatedSymptoms':
      return summary.hpi.associatedSymptoms.length > 0;
    default:
      return summary.hpi[field] !== null;
  }
}

/** How far the intake is through the summary fields, as a bar and a checklist. */
export function IntakeProgress({ summary, current, complete }: { summary: IntakeSummary; current: IntakeField | null; complete: boolean }) {
  const answered = INTAKE_FIELDS.filter((f) => isAnswered(summary, f)).length;
  const done = complete ? INTAKE_FIELDS.length : answered;
  return (
    <aside className="card stack" aria-label="Intake progress">
      <h2>Your summary</h2>
      <p>
        {done} of {INTAKE_FIELDS.length} topics covered
      </p>
      <ProgressBar value={done / INTAKE_FIELDS.length} label="Intake progress" />
      <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0, gap: 'var(--space-1)' }}>
        {INTAKE_FIELDS.map((f) => (
          <li key={f} aria-current={f === current ? 'step' : undefined}>
            <span aria-hidden="true">{isAnswered(summary, f) ? '✓ ' : f === current ? '→ ' : '○ '}</span>
            {FIELD_LABELS[f]}
            <span className="visually-hidden">{isAnswered(summary, f) ? ' (answered)' : f === current ? ' (current question)' : ' (not yet)'}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
