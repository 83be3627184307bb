import { Link } from 'react-router';
import { Card, PageHeader } from '../../components/ui';
import { ForgotPasswordForm } from '../../features/auth/components/auth-forms';

export default function ForgotPassword() {
  return (
    <>
      <PageHeader title="Forgot your password?">
        <p>Enter the address you sign in with. We will e-mail you a link to choose a new password; it works for 30 minutes, once.</p>
      </PageHeader>
      <Card>
        <ForgotPasswordForm />
        <p>
          Remembered it? <Link to="/login">Sign in</Link>.
        </p>
      </Card>
    </>
  );
}
