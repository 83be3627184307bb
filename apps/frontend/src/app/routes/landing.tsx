import { Navigate } from 'react-router';
import { ButtonLink, Card, PageHeader, Spinner } from '../../components/ui';
import { homeFor, useAuth } from '../../features/auth/components/auth-provider';
import { Unreachable } from '../layout';

export default function Landing() {
  const { user, status } = useAuth();
  if (status === 'loading') return <Spinner label="Checking your session…" />;
  if (status === 'unreachable') return <Unreachable path="/" />;
  if (user) return <Navigate to={homeFor(user)} replace />;
  return (
    <>
      <PageHeader title="PatientInsight">
        <p>
          Describe your symptoms in a short guided chat. Your doctor reviews a summary with similar published patient cases and answers you.
        </p>
      </PageHeader>
      <Card>
        <p>This service supports your doctor. It is not a diagnosis. In an emergency call your local emergency number.</p>
        <div className="row">
          <ButtonLink to="/register">Create an account</ButtonLink>
          <ButtonLink to="/login" variant="secondary">
            Sign in
          </ButtonLink>
        </div>
      </Card>
    </>
  );
}
