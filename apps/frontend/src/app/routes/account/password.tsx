import { useState } from 'react';
import { Alert, ButtonLink, Card, PageHeader } from '../../../components/ui';
import { getMe } from '../../../features/auth/api/auth';
import { ChangePasswordForm } from '../../../features/auth/components/auth-forms';
import { homeFor, useAuth } from '../../../features/auth/components/auth-provider';

export default function ChangePassword() {
  const { user, updateUser } = useAuth();
  const [done, setDone] = useState(false);
  return (
    <>
      <PageHeader title="Change your password">
        {user?.mustChangePassword && (
          <p>
            You signed in with a password someone else set (a new account, or a temporary password from an administrator). Choose your own
            before continuing.
          </p>
        )}
      </PageHeader>
      <Card>
        {done && user ? (
          <Alert tone="success">
            <p>Password changed. Other sessions were signed out.</p>
            <ButtonLink to={homeFor(user)}>Continue</ButtonLink>
          </Alert>
        ) : (
          <ChangePasswordForm
            onChanged={() => {
              // Continue leads home only once the session knows the password changed; before that it led back here.
              void getMe()
                .then(updateUser)
                .finally(() => setDone(true));
            }}
          />
        )}
      </Card>
    </>
  );
}
