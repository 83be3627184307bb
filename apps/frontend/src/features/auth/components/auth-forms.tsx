import { changePasswordRequestSchema, loginRequestSchema, MIN_PASSWORD_LENGTH, registerRequestSchema, type User } from '@patientinsight/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, TextField } from '../../../components/ui';
import { useSchemaForm } from '../../../lib/form';
import { changePassword, login, register, storeSession } from '../api/auth';

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
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={form.errors.password} />
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
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={form.errors.currentPassword} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={form.errors.newPassword} />
      <div>
        <Button type="submit" busy={mutation.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
