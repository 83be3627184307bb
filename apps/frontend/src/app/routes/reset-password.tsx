import { PASSWORD_RESET_TOKEN_PATTERN } from '@patientinsight/shared';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Alert, ButtonLink, Card, PageHeader } from '../../components/ui';
import { ResetPasswordForm } from '../../features/auth/components/auth-forms';

/** The e-mailed link carries the token in the fragment (`#token=…`), which never reaches a server log. */
export default function ResetPassword() {
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const [done, setDone] = useState(false);
  return (
    <>
      <PageHeader title="Choose a new password" />
      <Card>
        {done ? (
          <Alert tone="success" role="status" title="Password changed">
            <p>You were signed out everywhere. Sign in with your new password.</p>
            <ButtonLink to="/login">Sign in</ButtonLink>
          </Alert>
        ) : PASSWORD_RESET_TOKEN_PATTERN.test(token) ? (
          <ResetPasswordForm token={token} onReset={() => setDone(true)} />
        ) : (
          <Alert tone="danger" title="This link is incomplete">
            <p>Open the link from the e-mail exactly as it is, or ask for a new one.</p>
            <p>
              <Link to="/forgot-password">Ask for a new link</Link>
            </p>
          </Alert>
        )}
      </Card>
    </>
  );
}
