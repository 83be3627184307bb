import { Link, useNavigate } from 'react-router';
import { Card, PageHeader } from '../../components/ui';
import { RegisterForm } from '../../features/auth/components/auth-forms';
import { useAuth } from '../../features/auth/components/auth-provider';

export default function Register() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="Create your account">
        <p>Patients register here. Doctor accounts are created by an administrator.</p>
      </PageHeader>
      <Card>
        <RegisterForm
          onRegistered={(user) => {
            signIn(user);
            navigate('/patient/onboarding', { replace: true });
          }}
        />
        <p>
          Already registered? <Link to="/login">Sign in</Link>.
        </p>
      </Card>
    </>
  );
}
