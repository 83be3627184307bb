import { useParams } from 'react-router';
import { Alert, Button, ButtonLink, ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { useEncounter, useSubmitEncounter } from '../../../features/encounters/api/encounters';
import { IntakeChat } from '../../../features/intake/components/intake-chat';
import { PATIENT_STATUS } from './home';

function SubmitButton({ id }: { id: string }) {
  const submit = useSubmitEncounter(id);
  return (
    <div className="stack">
      <p>Send your answers to a doctor. You will see their reply here.</p>
      {submit.isError && <ErrorState title="Not sent" error={submit.error} />}
      <div>
        <Button busy={submit.isPending} onClick={() => submit.mutate()}>
          Submit to my doctor
        </Button>
      </div>
    </div>
  );
}

export default function PatientEncounter() {
  const { id = '' } = useParams();
  // While the doctor works on it, check now and then so the status moves on by itself.
  const encounter = useEncounter(id, { refetchInterval: 10_000 });
  if (encounter.isPending) return <Spinner label="Loading your consultation…" />;
  if (encounter.isError) return <ErrorState title="This consultation could not be loaded" error={encounter.error} />;
  const e = encounter.data;
  return (
    <>
      <PageHeader title="Your consultation">
        <p data-testid="encounter-status">Status: {PATIENT_STATUS[e.status]}</p>
      </PageHeader>
      {e.status === 'returned' && (
        <Alert tone="warning" title="Your doctor needs more information">
          <p>{e.returnReason}</p>
          <SubmitButton id={id} />
        </Alert>
      )}
      {(e.status === 'submitted' || e.status === 'in_review') && (
        <Alert tone="success" title="Submitted to your doctor">
          <p>{e.status === 'in_review' ? 'A doctor is reviewing your answers now.' : 'A doctor will review your answers soon.'} You can close this page; your answer will be here.</p>
          {e.urgent && <p>Your answers mentioned something urgent. If you have not already, call your local emergency number now.</p>}
        </Alert>
      )}
      {e.status === 'released' && (
        <Alert tone="success" title="Your doctor has answered">
          <ButtonLink to={`/patient/encounters/${id}/report`}>Read the answer</ButtonLink>
        </Alert>
      )}
      {(e.status === 'draft' || e.status === 'returned') && <IntakeChat encounterId={id} whenComplete={() => (e.status === 'draft' ? <SubmitButton id={id} /> : null)} />}
    </>
  );
}
