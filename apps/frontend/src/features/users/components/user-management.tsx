import { adminPasswordResetSchema, createUserRequestSchema, MIN_PASSWORD_LENGTH, roleSchema, type User } from '@patientinsight/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, ErrorState, SelectField, Spinner, TextField, TableWrap } from '../../../components/ui';
import { type FieldErrors, serverErrors, validate } from '../../../lib/form';
import { useCreateUser, useResetUserPassword, useUpdateUser, useUsers } from '../api/users';

const ROLES = roleSchema.options.map((r) => ({ value: r, label: r }));

function CreateUserForm() {
  const create = useCreateUser();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: 'danger' | 'success'; text: string } | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const { data, errors: invalid } = validate(createUserRequestSchema, Object.fromEntries(new FormData(form)));
    setErrors(invalid ?? {});
    setMessage(null);
    if (data)
      create.mutate(data, {
        onSuccess: (user) => {
          form.reset();
          setMessage({
            tone: 'success',
            text: `Created ${user.email} (${user.role}). Give them the initial password out of band; they must change it at first sign-in.`,
          });
        },
        onError: (error) => {
          const { fields, message: text } = serverErrors(error);
          setErrors(fields);
          setMessage({ tone: 'danger', text: text ?? 'Not created.' });
        },
      });
  };
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="create-user-title">
      <h2 id="create-user-title">Create a doctor or admin account</h2>
      <div className="grid" style={{ '--min': '14rem' } as React.CSSProperties}>
        <TextField label="Name" name="displayName" error={errors.displayName} />
        <TextField label="Email" name="email" type="email" error={errors.email} />
        <SelectField label="Role" name="role" defaultValue="doctor" options={ROLES} error={errors.role} />
        <TextField
          label="Initial password"
          name="initialPassword"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          error={errors.initialPassword}
        />
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div>
        <Button type="submit" busy={create.isPending}>
          Create account
        </Button>
      </div>
    </form>
  );
}

/** Sets a temporary password for one account (never the admin's own: they use "Change password"). */
function TemporaryPasswordForm({ account, onClose }: { account: User; onClose: () => void }) {
  const reset = useResetUserPassword();
  const field = useRef<HTMLInputElement>(null);
  // Opened from a row of the table: the keyboard goes to the field, not back to the page top.
  useEffect(() => field.current?.focus(), []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: 'danger' | 'success'; text: string } | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const { data, errors: invalid } = validate(adminPasswordResetSchema, Object.fromEntries(new FormData(form)));
    setErrors(invalid ?? {});
    setMessage(null);
    if (data)
      reset.mutate(
        { id: account.id, body: data },
        {
          onSuccess: () => {
            form.reset();
            setMessage({
              tone: 'success',
              text: `Temporary password set for ${account.email}. They were signed out everywhere; tell them the password out of band, and they must choose their own at next sign-in.`,
            });
          },
          onError: (error) => {
            const { fields, message: text } = serverErrors(error);
            setErrors(fields);
            setMessage({ tone: 'danger', text: text ?? 'Not changed.' });
          },
        },
      );
  };
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="temporary-password-title">
      <h2 id="temporary-password-title">Temporary password for {account.email}</h2>
      <TextField
        ref={field}
        label="Temporary password"
        name="temporaryPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. Their sessions end at once.`}
        error={errors.temporaryPassword}
      />
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="row">
        <Button type="submit" busy={reset.isPending}>
          Set temporary password
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </form>
  );
}

/**
 * Admins create doctor and admin accounts, change roles, disable accounts and set temporary passwords.
 * Their own account offers neither disable nor reset: another admin must do that (the backend refuses it too, OWN_ACCESS_CHANGE).
 */
export function UserManagement({ currentUserId }: { currentUserId: string }) {
  const [role, setRole] = useState('');
  const [offset, setOffset] = useState(0);
  const users = useUsers(role, offset);
  const update = useUpdateUser();
  const [resetting, setResetting] = useState<User | null>(null);
  return (
    <div className="stack">
      <CreateUserForm />
      {resetting && <TemporaryPasswordForm key={resetting.id} account={resetting} onClose={() => setResetting(null)} />}
      <section className="card stack" aria-labelledby="users-title">
        <h2 id="users-title">Accounts</h2>
        <SelectField
          label="Show role"
          value={role}
          onChange={(e) => {
            setRole(e.target.value);
            setOffset(0);
          }}
          options={[{ value: '', label: 'all roles' }, ...ROLES]}
        />
        {users.isPending && <Spinner label="Loading accounts…" />}
        {users.isError && <ErrorState title="The accounts could not be loaded" error={users.error} onRetry={users.refetch} />}
        {update.isError && <ErrorState title="The change was not saved" error={update.error} />}
        {users.data && (
          <>
            <TableWrap label="Accounts">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.users.map((u) => (
                    <tr key={u.id}>
                      <td>
                        {u.displayName}
                        {u.id === currentUserId && <span className="muted"> (you)</span>}
                      </td>
                      <td>{u.email}</td>
                      <td>{u.role}</td>
                      <td>
                        <Badge tone={u.status === 'active' ? 'success' : undefined}>{u.status}</Badge>
                      </td>
                      <td>
                        {u.id === currentUserId && (
                          <span className="muted">This is you. Another administrator can change your access.</span>
                        )}
                        {u.id !== currentUserId && u.status !== 'deleted' && (
                          <Button
                            variant="secondary"
                            busy={update.isPending && update.variables?.id === u.id}
                            onClick={() => update.mutate({ id: u.id, body: { status: u.status === 'active' ? 'disabled' : 'active' } })}
                          >
                            {u.status === 'active' ? 'Disable' : 'Enable'}
                            <span className="visually-hidden"> {u.email}</span>
                          </Button>
                        )}
                        {u.id !== currentUserId && u.status !== 'deleted' && (
                          <Button variant="secondary" onClick={() => setResetting(u)}>
                            Reset password
                            <span className="visually-hidden"> of {u.email}</span>
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <div className="row">
              <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>
                Previous
              </Button>
              <span>
                {users.data.total === 0 ? 0 : offset + 1}–{Math.min(offset + 50, users.data.total)} of {users.data.total}
              </span>
              <Button variant="secondary" disabled={offset + 50 >= users.data.total} onClick={() => setOffset(offset + 50)}>
                Next
              </Button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
