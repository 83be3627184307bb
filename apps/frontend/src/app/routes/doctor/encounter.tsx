import {
  conversationTurnSchema,
  type EncounterDetail,
  type EncounterEvent,
  type Feedback,
  reportSchema,
  triageResultSchema,
} from '@patientinsight/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { z } from 'zod';
import { Alert, Badge, Button, Card, ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { formatCategory, formatClock } from '../../../lib/format';
import { useAuth } from '../../../features/auth/components/auth-provider';
import { useEncounter } from '../../../features/encounters/api/encounters';
import { PatientAnswer } from '../../../features/encounters/components/patient-answer';
import { ReportQa } from '../../../features/reports/components/report-qa';
import { ReportView } from '../../../features/reports/components/report-view';
import { historyQueryOptions, useFeedback, useRegenerateReport } from '../../../features/review/api/review';
import { AcknowledgeForm } from '../../../features/review/components/acknowledge-form';
import { FeedbackButtons } from '../../../features/review/components/feedback-buttons';
import { ReviewForm } from '../../../features/review/components/review-form';
import { ShareToggle } from '../../../features/review/components/share-toggle';

/** Whether this doctor may ask for a new report now: submitted, or in review and held by them (never once released). */
const canRegenerate = (e: EncounterDetail, userId: string | undefined) =>
  e.status === 'submitted' || (e.status === 'in_review' && e.claimedBy === userId);

/** Regenerate the report (audited); the answer's error, e.g. the case search still down, is shown as is. */
function RegenerateReport({ encounter, label }: { encounter: EncounterDetail; label: string }) {
  const regenerate = useRegenerateReport(encounter.id);
  return (
    <div className="stack">
      <div>
        <Button
          variant="secondary"
          busy={regenerate.isPending}
          onClick={() =>
            regenerate.mutate({
              reason: encounter.reportFailure ? `After a failed generation (${encounter.reportFailure.code})` : 'Requested by the doctor',
            })
          }
        >
          {label}
        </Button>
      </div>
      {regenerate.isError && <Alert tone="danger">The report could not be regenerated: {regenerate.error.message}</Alert>}
      {regenerate.isSuccess && <Alert tone="success">A new report was generated.</Alert>}
    </div>
  );
}

/** The report is composed in the background when the intake completes; it appears here when stored, or its failure does. */
function ReportPending({ waitedMs, encounter, mayRegenerate }: { waitedMs: number; encounter: EncounterDetail; mayRegenerate: boolean }) {
  const failure = encounter.reportFailure;
  if (failure || (encounter.urgent && !encounter.report)) {
    return (
      <Card title="Report">
        {failure ? (
          <Alert tone="warning" title="The report could not be generated">
            <p>{failure.message}</p>
          </Alert>
        ) : (
          <p>No report is generated for an urgent encounter: answer the patient with a message or notes below.</p>
        )}
        {failure && mayRegenerate && <RegenerateReport encounter={encounter} label="Regenerate the report" />}
        <p className="muted">You can release a message, notes or a prescription to the patient without a report.</p>
      </Card>
    );
  }
  return (
    <Card title="Report">
      <Spinner label="The report is being prepared from the intake and similar cases; it appears here when ready." />
      {waitedMs > 60_000 && (
        <Alert tone="warning">
          <p>
            It is taking longer than usual; the report service may be unavailable. You can review the intake above meanwhile, and this page
            keeps checking.
          </p>
        </Alert>
      )}
    </Card>
  );
}

function Intake({ encounter }: { encounter: EncounterDetail }) {
  const turns = z.array(conversationTurnSchema).safeParse(encounter.conversation);
  const triage = triageResultSchema.safeParse(encounter.triage);
  return (
    <Card title="Patient">
      {triage.success && triage.data.urgent && (
        <Alert tone="danger" title="Red flags">
          <ul>
            {triage.data.flags.map((f) => (
              <li key={`${f.category}-${f.evidence}`}>
                {f.label}: “{f.evidence}”
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {encounter.profile && (
        <p>
          {encounter.profile.age != null
            ? `${encounter.profile.age} years`
            : encounter.profile.dateOfBirth
              ? `born ${encounter.profile.dateOfBirth}`
              : 'age not given'}{' '}
          · sex {encounter.profile.sex ?? 'not given'}
          {encounter.profile.conditions.length > 0 ? ` · conditions: ${encounter.profile.conditions.join(', ')}` : ''}
          {encounter.profile.medications.length > 0 ? ` · medicines: ${encounter.profile.medications.join(', ')}` : ''}
          {encounter.profile.allergies.length > 0 ? ` · allergies: ${encounter.profile.allergies.join(', ')}` : ''}
        </p>
      )}
      {turns.success && turns.data.length > 0 && (
        <details>
          <summary>Intake conversation ({turns.data.length} turns)</summary>
          <ol>
            {turns.data.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the transcript is append-only
              <li key={i}>
                <strong>{t.role === 'patient' ? 'Patient' : 'Intake'}:</strong> {t.text}
              </li>
            ))}
          </ol>
        </details>
      )}
    </Card>
  );
}

const redFlagsSchema = z.object({
  flags: z.array(z.looseObject({ category: z.string(), label: z.string(), quote: z.string().optional() })).catch([]),
  /** The patient's answer to "is this happening now?" after the flag. */
  patientResponse: z.enum(['happening_now', 'misunderstanding']).nullable().optional().catch(null),
});
const RESPONSE_TEXT = {
  happening_now: 'The patient confirmed it is happening now.',
  misunderstanding: 'The patient answered that it is not happening now (a misunderstanding) and went on with the intake.',
} as const;
const ACTION_TEXT = {
  called_patient: 'called the patient',
  advised_ed: 'advised the emergency department',
  no_action: 'no action needed',
} as const;
const SOURCE_TEXT = { intake: 'the intake', screening: 'a screening answer', qa: 'a question after the report' } as const;
const ALERT_TEXT = {
  pending: 'on-call alert being sent',
  sent: 'on-call alerted',
  failed: 'on-call alert FAILED',
  not_configured: 'no on-call channel configured',
} as const;

/** The red flag first: what was matched, the patient's words, and the acknowledgement (or the form for it). */
function RedFlag({ encounter }: { encounter: EncounterDetail }) {
  const state = encounter.redFlag;
  if (!state) return null;
  // Read leniently (category, label, the optional quote): the card must show whatever the taxonomy sends.
  const triage = redFlagsSchema.safeParse(encounter.triage ?? {});
  const flags = triage.success ? triage.data.flags : [];
  const quote = [...flags].reverse().find((f) => f.quote)?.quote;
  const ack = state.acknowledgement;
  return (
    <section className="card stack" aria-labelledby="red-flag-card-title" data-testid="red-flag-card">
      <h2 id="red-flag-card-title">
        Red flag <Badge tone="urgent">{ack ? 'acknowledged' : 'urgent'}</Badge>
      </h2>
      <p>
        Raised at {formatClock(state.flaggedAt)} from {SOURCE_TEXT[state.source]} · {ALERT_TEXT[state.alert.status]}
      </p>
      <ul>
        {flags.map((f) => (
          <li key={f.category}>
            <strong>{formatCategory(f.category)}</strong>: {f.label}
          </li>
        ))}
      </ul>
      {quote && (
        <blockquote>
          <p>“{quote}”</p>
        </blockquote>
      )}
      {triage.success && triage.data.patientResponse && <p>{RESPONSE_TEXT[triage.data.patientResponse]}</p>}
      {ack ? (
        <Alert
          tone="success"
          title={`Acknowledged at ${formatClock(ack.at)} by ${ack.doctorName ?? 'a doctor'}: ${ACTION_TEXT[ack.action]}`}
        >
          {ack.reason && <p>Reason: {ack.reason}</p>}
          {ack.message && <p>Message to the patient: {ack.message}</p>}
        </Alert>
      ) : (
        <AcknowledgeForm encounter={encounter} />
      )}
    </section>
  );
}

/** What a history event carries that the doctor must see: the reason given to prescribe despite an allergy, or the allergy recorded afterwards. */
const allergyEventSchema = z.looseObject({
  allergyOverride: z.looseObject({ reason: z.string() }).optional(),
  conflicts: z.array(z.looseObject({ medication: z.string(), allergy: z.string() })).optional(),
});
function eventDetail(e: EncounterEvent): string {
  const data = allergyEventSchema.safeParse(e.data ?? {});
  if (!data.success) return '';
  if (e.type === 'prescription' && data.data.allergyOverride) return ` — allergy override: “${data.data.allergyOverride.reason}”`;
  if (e.type === 'allergy_warning' && data.data.conflicts?.length)
    return ` — allergy recorded after the prescription: ${data.data.conflicts.map((c) => `${c.medication} / “${c.allergy}”`).join(', ')}`;
  return '';
}

function History({ id }: { id: string }) {
  const history = useQuery(historyQueryOptions(id));
  if (!history.data) return null;
  return (
    <details className="card">
      <summary>History ({history.data.events.length} events)</summary>
      <ol>
        {history.data.events.map((e) => (
          <li key={e.id}>
            {new Date(e.at).toLocaleString('en')}: {e.type}
            {e.fromStatus && e.toStatus ? ` (${e.fromStatus} → ${e.toStatus})` : ''} by {e.actorRole ?? 'system'}
            {eventDetail(e)}
          </li>
        ))}
      </ol>
    </details>
  );
}

export default function DoctorEncounter() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const [openedAt] = useState(() => Date.now());
  // Poll until the report (or its failure) is there.
  const encounter = useEncounter(id, {
    refetchInterval: (data) => (data && !reportSchema.safeParse(data.report).success && !data.reportFailure ? 3000 : false),
  });
  const feedback = useFeedback(id);
  if (encounter.isPending) return <Spinner label="Loading the encounter…" />;
  if (encounter.isError)
    return <ErrorState title="This encounter could not be loaded" error={encounter.error} onRetry={encounter.refetch} />;
  const e = encounter.data;
  const report = reportSchema.safeParse(e.report);
  const mine = (caseId?: string): Feedback | undefined =>
    feedback.data?.feedback.find((f) => f.doctorId === user?.id && (caseId ? f.caseId === caseId : f.target === 'report'));
  return (
    <>
      <PageHeader title={e.chiefComplaint ?? 'Encounter'}>
        <p className="row">
          <Badge>{e.status.replace('_', ' ')}</Badge>
          {e.urgent && <Badge tone="urgent">urgent</Badge>}
          {e.submittedAt && <span className="muted">submitted {new Date(e.submittedAt).toLocaleString('en')}</span>}
        </p>
      </PageHeader>
      <div className="stack">
        <RedFlag encounter={e} />
        <Intake encounter={e} />
        {report.success ? (
          <ReportView
            report={report.data}
            audience="doctor"
            caseActions={(c) => (
              <div className="stack">
                <FeedbackButtons encounterId={id} caseId={c.caseId} current={mine(c.caseId)} label={`case ${c.rank}`} />
                <ShareToggle
                  encounter={e}
                  caseId={c.caseId}
                  label={`case ${c.rank}`}
                  editable={e.status === 'in_review' && e.claimedBy === user?.id}
                />
              </div>
            )}
            actions={
              <div className="stack">
                <FeedbackButtons encounterId={id} current={mine()} label="this report" />
                {canRegenerate(e, user?.id) && <RegenerateReport encounter={e} label="Regenerate the report" />}
              </div>
            }
          />
        ) : (
          <ReportPending waitedMs={encounter.dataUpdatedAt - openedAt} encounter={e} mayRegenerate={canRegenerate(e, user?.id)} />
        )}
        <ReviewForm encounter={e} currentUserId={user?.id ?? ''} renderPreview={(view) => <PatientAnswer view={view} />} />
        {report.success && <ReportQa encounterId={id} cases={report.data.cases} audience="doctor" />}
        <History id={id} />
      </div>
    </>
  );
}
