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
      {profile.isError && <ErrorState error={profile.error} />}
      {profile.isSuccess && <OnboardingWizard initial={profile.data?.profile ?? null} onSaved={() => navigate('/patient')} />}
    </>
  );
}
