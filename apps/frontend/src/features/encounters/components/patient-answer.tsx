import type { PatientView } from '@patientinsight/shared';
import { Card } from '../../../components/ui';

/**
 * What the patient reads once the doctor releases an encounter, in this order: the doctor's message, notes
 * for the patient, the prescription, plain next steps, then only the published cases the doctor chose to
 * share. The doctor's release preview renders the same component from the same endpoint shape.
 */
export function PatientAnswer({ view }: { view: PatientView }) {
  const from = view.doctorName ? `From ${view.doctorName}` : 'From your doctor';
  return (
    <div className="stack" data-testid="patient-answer">
      <Card title={from}>
        {view.message ? <p style={{ whiteSpace: 'pre-wrap' }}>{view.message}</p> : null}
        {view.notes ? <p style={{ whiteSpace: 'pre-wrap' }}>{view.notes}</p> : null}
        {!view.message && !view.notes && <p className="muted">Your doctor did not add a written note.</p>}
      </Card>
      <Card title="Your prescription">
        {view.prescription.length > 0 ? (
          <ul>
            {view.prescription.map((p) => (
              <li key={`${p.medication}-${p.dose}`}>
                <strong>{p.medication}</strong> {p.dose}, {p.route}, {p.frequency}, for {p.duration}
                {p.instructions ? `. ${p.instructions}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No medicines prescribed.</p>
        )}
      </Card>
      <Card title="What to do next">
        {view.nextSteps.length > 0 && (
          <ol>
            {view.nextSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        )}
        <p>If you get worse or are worried, contact your doctor. In an emergency call your local emergency number.</p>
      </Card>
      {view.sharedCases.length > 0 && (
        <section className="card stack" aria-labelledby="shared-cases-title">
          <h2 id="shared-cases-title">Published cases your doctor shared</h2>
          <p className="muted">Other people's cases, shared for background. They are not a diagnosis of you.</p>
          <ul className="stack">
            {view.sharedCases.map((c) => (
              <li key={c.caseId}>
                {c.pubmedUrl ? (
                  <a href={c.pubmedUrl} target="_blank" rel="noreferrer">
                    {c.title}
                  </a>
                ) : (
                  <strong>{c.title}</strong>
                )}
                <p className="muted">{c.snippet}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
