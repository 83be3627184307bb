import { useState } from 'react';
import { Button, Card } from '../../../components/ui';
import { useAuth } from './auth-provider';

/**
 * Shown instead of a page (and never as a sign-in form) while the backend does not answer: the session
 * may well still be valid. It retries by itself; the button retries now.
 */
export function Reconnecting() {
  const { reconnect } = useAuth();
  const [trying, setTrying] = useState(false);
  return (
    <Card as="section" aria-label="Reconnecting">
      <h1>Reconnecting…</h1>
      <p role="status">We cannot reach PatientInsight right now. We keep trying by ourselves; you do not need to sign in again.</p>
      <p>Check your internet connection. In an emergency call your local emergency number.</p>
      <div>
        <Button
          busy={trying}
          onClick={() => {
            setTrying(true);
            void reconnect().finally(() => setTrying(false));
          }}
        >
          Try again now
        </Button>
      </div>
    </Card>
  );
}
