import type { EncounterStatus } from '@patientinsight/shared';
import { Link, useNavigate } from 'react-router';
import { Alert, Badge, Button, ButtonLink, Card, ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { useAuth } from '../../../features/auth/components/auth-provider';
import { useCreateEncounter, useEncounters } from '../../../features/encounters/api/encounters';
import { useProfile } from '../../../features/profile/api/profile';

export const PATIENT_STATUS: Record<EncounterStatus, string> = {
  draft: 'In progress',
  submitted: 'Submitted to your doctor',
  in_review: 'Your doctor is reviewing it',
  released: 'Answer ready',
  returned: 'Your doctor needs more information',
};

export default function PatientHome() {
  const { user } = useAuth();
  const profile = useProfile();
  const encounters = useEncounters();
  const create = useCreateEncounter();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={`Hello${user ? `, ${user.displayName}` : ''}`} />
      <div className="stack">
        {profile.data === null && (
          <Alert tone="info" title="Complete your profile first">
            <p>
              Five short steps: your age, measurements, conditions, medicines and an emergency contact. Your doctor sees them with each
              consultation.
            </p>
            <ButtonLink to="/patient/onboarding">Complete my profile</ButtonLink>
          </Alert>
        )}
        <Card title="Start a consultation">
          <p>Answer a few questions about your symptoms, one at a time. It takes about five minutes.</p>
          {create.isError && <ErrorState title="Could not start a consultation" error={create.error} />}
          <div>
            <Button
              busy={create.isPending}
              onClick={() => create.mutate(undefined, { onSuccess: (e) => navigate(`/patient/encounters/${e.id}`) })}
            >
              Start a new consultation
            </Button>
          </div>
        </Card>
        <Card title="My consultations">
          {encounters.isPending && <Spinner label="Loading your consultations…" />}
          {encounters.isError && (
            <ErrorState title="Your consultations could not be loaded" error={encounters.error} onRetry={encounters.refetch} />
          )}
          {encounters.data?.encounters.length === 0 && <p className="muted">None yet.</p>}
          {encounters.data && encounters.data.encounters.length > 0 && (
            <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {encounters.data.encounters.map((e) => (
                <li key={e.id} className="row">
                  <Link to={e.status === 'released' ? `/patient/encounters/${e.id}/report` : `/patient/encounters/${e.id}`}>
                    {e.chiefComplaint ?? 'Consultation'}
                  </Link>
                  <Badge tone={e.status === 'released' ? 'success' : undefined}>{PATIENT_STATUS[e.status]}</Badge>
                  <span className="muted">{new Date(e.createdAt).toLocaleDateString('en')}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
