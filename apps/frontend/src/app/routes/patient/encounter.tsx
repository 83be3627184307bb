import type { EncounterDetail, IntakeState } from '@patientinsight/shared';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, ButtonLink, ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { EmergencyScreen } from '../../../features/emergency/components/emergency-screen';
import { type Emergency, loadEmergency, readEmergencyTriage, saveEmergency } from '../../../features/emergency/utils/emergency-store';
import { useEncounter, useSubmitEncounter } from '../../../features/encounters/api/encounters';
import { IntakeChat, IntakeTranscript } from '../../../features/intake/components/intake-chat';
import { PATIENT_STATUS } from './home';

function SubmitButton({ id }: { id: string }) {
  const submit = useSubmitEncounter(id);
  return (
    <div className="stack">
      <p>Send your answers to a doctor. You will see their reply here.</p>
      {submit.isError && <ErrorState title="Not sent" error={submit.error} />}
      <div>
        <Button
          busy={submit.isPending}
          // The status line says what happened next; focus goes there rather than to the page body.
          onClick={() =>
            submit.mutate(undefined, { onSuccess: () => requestAnimationFrame(() => document.getElementById('encounter-status')?.focus()) })
          }
        >
          Submit to my doctor
        </Button>
      </div>
    </div>
  );
}

/** The emergency shown by the loaded encounter, if it is urgent. */
function emergencyOf(e: EncounterDetail): Omit<Emergency, 'savedAt'> | null {
  if (!e.urgent) return null;
  return { ...readEmergencyTriage(e.triage), redFlag: e.redFlag ?? null };
}

export default function PatientEncounter() {
  const { id = '' } = useParams();
  // While a red flag waits for a doctor, check often so their acknowledgement shows up; otherwise now and then.
  const encounter = useEncounter(id, { refetchInterval: (data) => (data?.redFlag && !data.redFlag.acknowledgement ? 3000 : 10_000) });
  const [saved, setSaved] = useState<Emergency | null>(() => loadEmergency(id));
  const e = encounter.data;
  const live = e ? emergencyOf(e) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: save whenever a newer encounter arrives
  useEffect(() => {
    if (live) setSaved(saveEmergency(id, live));
  }, [id, encounter.dataUpdatedAt]);

  // The emergency screen never gives way to a loading error or a spinner; a failing check (even
  // while it is being retried) says the advice is the saved one.
  // The patient said the flag was a misunderstanding: the intake goes on and the doctor still sees the flag.
  const dismissed = e?.triage?.patientResponse === 'misunderstanding';
  const emergency = dismissed ? null : (live ?? saved);
  const unreachable = encounter.isError || encounter.failureCount > 0;
  const screen = (offline: boolean) =>
    emergency && <EmergencyScreen flags={emergency.flags} guidance={emergency.guidance} redFlag={emergency.redFlag} offline={offline} />;
  if (!e) {
    if (emergency) {
      return (
        <>
          <PageHeader title="Your consultation" />
          {screen(unreachable)}
        </>
      );
    }
    if (encounter.isPending) return <Spinner label="Loading your consultation…" />;
    return <ErrorState title="This consultation could not be loaded" error={encounter.error} onRetry={encounter.refetch} />;
  }

  const intakeOpen = e.status === 'draft' || e.status === 'returned';
  // A red flag the intake just raised, before this page's encounter knows it: shown in the chat, and the
  // encounter is fetched again so the screen (with the alert state) moves to the top.
  const firstFlag = (state: IntakeState) =>
    emergency ? null : (
      <EmergencyScreen
        flags={state.triage.flags}
        guidance={state.triage.guidance}
        redFlag={null}
        onShown={() => void encounter.refetch()}
      />
    );
  return (
    <>
      <PageHeader title="Your consultation">
        <p data-testid="encounter-status" id="encounter-status" tabIndex={-1}>
          Status: {PATIENT_STATUS[e.status]}
        </p>
      </PageHeader>
      <div className="stack">
        {screen(unreachable)}
        {unreachable && !emergency && <Alert tone="warning">We could not refresh this page; what you see may be out of date.</Alert>}
        {dismissed && (
          <Alert tone="info" title="You told us this is not happening now">
            Your doctor can still see what you wrote. If it does happen, call your local emergency number straight away.
          </Alert>
        )}
        {e.status === 'returned' && (
          <Alert tone="warning" title="Your doctor needs more information">
            <p>{e.returnReason}</p>
            <SubmitButton id={id} />
          </Alert>
        )}
        {(e.status === 'submitted' || e.status === 'in_review') && (
          <Alert tone="success" title="Submitted to your doctor">
            <p>
              {e.status === 'in_review' ? 'A doctor is reviewing your answers now.' : 'A doctor will review your answers soon.'} You can
              close this page; your answer will be here.
            </p>
          </Alert>
        )}
        {e.status === 'released' && (
          <Alert tone="success" title="Your doctor has answered">
            <ButtonLink to={`/patient/encounters/${id}/report`}>Read the answer</ButtonLink>
          </Alert>
        )}
        {intakeOpen && (
          <IntakeChat
            encounterId={id}
            renderUrgent={firstFlag}
            whenComplete={() => (e.status === 'draft' ? <SubmitButton id={id} /> : null)}
          />
        )}
        {!intakeOpen && <IntakeTranscript encounterId={id} />}
      </div>
    </>
  );
}
