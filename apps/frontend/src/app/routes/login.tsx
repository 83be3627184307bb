import { Link, useNavigate, useSearchParams } from 'react-router';
import { Card, PageHeader } from '../../components/ui';
import { LoginForm } from '../../features/auth/components/auth-forms';
import { homeFor, useAuth } from '../../features/auth/components/auth-provider';
import { EmergencyScreen } from '../../features/emergency/components/emergency-screen';
import { loadEmergency } from '../../features/emergency/utils/emergency-store';

/**
 * The emergency advice this tab saved for the consultation the patient was on: after a reload while
 * the backend is unreachable the session cannot be restored, and the advice must not disappear then.
 */
function savedEmergencyFor(next: string | null) {
  const id = next?.match(/^\/patient\/encounters\/([^/?#]+)$/)?.[1];
  return id ? loadEmergency(id) : null;
}

export default function Login() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const emergency = savedEmergencyFor(params.get('next'));
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
            New here? <Link to="/register">Create an account</Link>.
          </p>
        </Card>
      </div>
    </>
  );
}
