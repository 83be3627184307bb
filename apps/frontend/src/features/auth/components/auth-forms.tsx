import {
  changePasswordRequestSchema,
  loginRequestSchema,
  MIN_PASSWORD_LENGTH,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  registerRequestSchema,
  type User,
} from '@patientinsight/shared';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert, Button, TextField } from '../../../components/ui';
import { ApiError } from '../../../lib/api-client';
import { useSchemaForm } from '../../../lib/form';
import { changePassword, confirmPasswordReset, login, register, requestPasswordReset, storeSession } from '../api/auth';

export function LoginForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const mutation = useMutation({ mutationFn: login, onSuccess: (auth) => onSignedIn(storeSession(auth)) });
  const form = useSchemaForm(loginRequestSchema, (data, handlers) => mutation.mutate(data, handlers));
  return (
    <form className="stack" onSubmit={form.onSubmit} noValidate aria-label="Sign in">
      {form.message && <Alert tone="danger">{form.message}</Alert>}
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={form.errors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={form.errors.password} />
      <div>
        <Button type="submit" busy={mutation.isPending}>
          Sign in
        </Button>
      </div>
    </form>
  );
}

export function RegisterForm({ onRegistered }: { onRegistered: (user: User) => void }) {
  const mutation = useMutation({ mutationFn: register, onSuccess: (auth) => onRegistered(storeSession(auth)) });
  const form = useSchemaForm(registerRequestSchema, (data, handlers) => mutation.mutate(data, handlers));
  return (
    <form className="stack" onSubmit={form.onSubmit} noValidate aria-label="Create an account">
      {form.message && <Alert tone="danger">{form.message}</Alert>}
      <TextField label="Your name" name="displayName" autoComplete="name" required error={form.errors.displayName} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={form.errors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={form.errors.password}
      />
      <div>
        <Button type="submit" busy={mutation.isPending}>
          Create account
        </Button>
      </div>
    </form>
  );
}

export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const mutation = useMutation({ mutationFn: changePassword, onSuccess: onChanged });
  const form = useSchemaForm(changePasswordRequestSchema, (data, handlers) => mutation.mutate(data, handlers));
  return (
    <form className="stack" onSubmit={form.onSubmit} noValidate aria-label="Change password">
      {form.message && <Alert tone="danger">{form.message}</Alert>}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={form.errors.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={form.errors.newPassword}
      />
      <div>
        <Button type="submit" busy={mutation.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}

/** Asks for a reset link. The answer is the same for every address, so it is shown as it comes. */
export function ForgotPasswordForm() {
  const mutation = useMutation({ mutationFn: requestPasswordReset });
  const form = useSchemaForm(passwordResetRequestSchema, (data, handlers) => mutation.mutate(data, handlers));
  if (mutation.isSuccess)
    return (
      <Alert tone="success" role="status" title="Check your e-mail">
        <p>{mutation.data.message}</p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </Alert>
    );
  return (
    <form className="stack" onSubmit={form.onSubmit} noValidate aria-label="Ask for a password reset link">
      {form.message && <Alert tone="danger">{form.message}</Alert>}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        hint="The address you sign in with."
        error={form.errors.email}
      />
      <div>
        <Button type="submit" busy={mutation.isPending}>
          Send me a reset link
        </Button>
      </div>
    </form>
  );
}

/** Sets a new password with the token from the e-mailed link (kept out of the form's visible fields). */
export function ResetPasswordForm({ token, onReset }: { token: string; onReset: () => void }) {
  const mutation = useMutation({ mutationFn: confirmPasswordReset, onSuccess: onReset });
  const form = useSchemaForm(passwordResetConfirmSchema, (data, handlers) => mutation.mutate(data, handlers));
  const expired = mutation.error instanceof ApiError && mutation.error.code === 'RESET_TOKEN_INVALID' ? mutation.error : null;
  return (
    <form className="stack" onSubmit={form.onSubmit} noValidate aria-label="Choose a new password">
      {expired ? (
        <Alert tone="danger" title="This link no longer works">
          <p>{expired.message}</p>
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        </Alert>
      ) : (
        form.message && <Alert tone="danger">{form.message}</Alert>
      )}
      <input type="hidden" name="token" value={token} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={form.errors.newPassword}
      />
      <div>
        <Button type="submit" busy={mutation.isPending}>
          Set new password
        </Button>
      </div>
    </form>
  );
}
