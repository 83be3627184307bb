import { Link, useNavigate, useSearchParams } from 'react-router';
import { Card, PageHeader } from '../../components/ui';
import { LoginForm } from '../../features/auth/components/auth-forms';
import { homeFor, useAuth } from '../../features/auth/components/auth-provider';

export default function Login() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title="Sign in" />
      <Card>
        <LoginForm
          onSignedIn={(user) => {
            signIn(user);
            const next = params.get('next');
            navigate(next?.startsWith('/') && !user.mustChangePassword ? next : homeFor(user), { replace: true });
          }}
        />
        <p>
          New here? <Link to="/register">Create an account</Link>.
        </p>
      </Card>
    </>
  );
}
