import { deleteAccountRequestSchema } from '@patientinsight/shared';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, ButtonLink, Card, PageHeader, TextField } from '../../../components/ui';
import { deleteMyAccount, exportMyData } from '../../../features/auth/api/auth';
import { useAuth } from '../../../features/auth/components/auth-provider';
import { serverErrors, validate } from '../../../lib/form';

export default function PatientAccount() {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [exporting, setExporting] = useState(false);
  const [message, setMessage] = useState<{ tone: 'danger' | 'success'; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const download = async () => {
    setExporting(true);
    setMessage(null);
    try {
      const data = await exportMyData();
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = 'patientinsight-my-data.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ tone: 'success', text: 'Your data was downloaded as a JSON file.' });
    } catch (e) {
      setMessage({ tone: 'danger', text: serverErrors(e).message ?? 'Export failed.' });
    } finally {
      setExporting(false);
    }
  };

  const remove = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { data, errors } = validate(deleteAccountRequestSchema, Object.fromEntries(new FormData(event.currentTarget)));
    setError(errors?.password);
    if (!data) return;
    try {
      await deleteMyAccount(data);
      await signOut();
      navigate('/', { replace: true });
    } catch (e) {
      const { fields, message: text } = serverErrors(e);
      setError(fields.password ?? text ?? 'Not deleted.');
    }
  };

  return (
    <>
      <PageHeader title="Your account" />
      <div className="stack">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <Card title="Your data">
          <p>Download everything we hold about you: your account, every version of your profile, and your consultations.</p>
          <div>
            <Button variant="secondary" busy={exporting} onClick={download}>
              Download my data (JSON)
            </Button>
          </div>
        </Card>
        <Card title="Password">
          <div>
            <ButtonLink to="/account/password" variant="secondary">
              Change my password
            </ButtonLink>
          </div>
        </Card>
        <Card title="Delete my account">
          <p>This removes your personal data. The record of who accessed it is kept, as the law requires. It cannot be undone.</p>
          {!confirming ? (
            <div>
              <Button variant="danger" onClick={() => setConfirming(true)}>
                Delete my account…
              </Button>
            </div>
          ) : (
            <form className="stack" onSubmit={remove} noValidate>
              <TextField
                label="Type your password to confirm"
                name="password"
                type="password"
                autoComplete="current-password"
                error={error}
              />
              <div className="row">
                <Button type="submit" variant="danger">
                  Delete my account permanently
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  Keep my account
                </Button>
              </div>
            </form>
          )}
        </Card>
      </div>
    </>
  );
}
