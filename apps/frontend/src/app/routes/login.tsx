import { Link, useNavigate, useSearchParams } from 'react-router';
import { Card, PageHeader } from '../../components/ui';
import { LoginForm } from '../../features/auth/components/auth-forms';
import { homeFor, useAuth } from '../../features/auth/components/auth-provider';
import { EmergencyScreen } from '../../features/emergency/components/emergency-screen';
import { emergencyForPath } from '../../features/emergency/utils/emergency-store';

export default function Login() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const emergency = emergencyForPath(params.get('next'));
  return (
    <>
      <PageHeader title="Sign in" />
      <div className="stack">
        {emergency && <EmergencyScreen flags={emergency.flags} guidance={emergency.guidance} redFlag={emergency.redFlag} offline />}
        <Card>
          <LoginForm
            onSignedIn={(user) => {
              signIn(user);
              const next = params.get('next');
              navigate(next?.startsWith('/') && !user.mustChangePassword ? next : homeFor(user), { replace: true });
            }}
          />
          <p>
            <Link to="/forgot-password">Forgot password?</Link>
          </p>
          <p>
            New here? <Link to="/register">Create an account</Link>.
          </p>
        </Card>
      </div>
    </>
  );
}
