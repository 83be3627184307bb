import { useNavigate } from 'react-router';
import { ErrorState, PageHeader, Spinner } from '../../../components/ui';
import { useProfile } from '../../../features/profile/api/profile';
import { OnboardingWizard } from '../../../features/profile/components/onboarding-wizard';

export default function Onboarding() {
  const profile = useProfile();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="Your health profile">
        <p>Your doctor sees this with every consultation. Each save keeps the earlier version.</p>
      </PageHeader>
      {profile.isPending && <Spinner label="Loading your profile…" />}
      {profile.isError && <ErrorState title="Your profile could not be loaded" error={profile.error} onRetry={profile.refetch} />}
      {profile.isSuccess && <OnboardingWizard initial={profile.data?.profile ?? null} onSaved={() => navigate('/patient')} />}
    </>
  );
}
