import type { RedFlagState } from '@patientinsight/shared';
import { useEffect, useRef } from 'react';
import { readRuntimeConfig } from '../../../lib/env';
import type { EmergencyFlag } from '../utils/emergency-store';

const time = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
const doctor = (name: string | null) => (name ? (/^dr\.?\s/i.test(name) ? name : `Dr ${name}`) : 'A doctor');

/** What the patient is told about the clinician: only what the backend says has happened. */
function ClinicianStatus({ redFlag }: { redFlag: RedFlagState | null }) {
  const ack = redFlag?.acknowledgement;
  if (ack) {
    const who = doctor(ack.doctorName);
    const what =
      ack.action === 'called_patient'
        ? `${who} called you at ${time(ack.at)}.`
        : ack.action === 'advised_ed'
          ? `${who} advised you to go to the emergency department at ${time(ack.at)}.`
          : `${who} reviewed your message at ${time(ack.at)}.`;
    return (
      <div className="stack" data-testid="emergency-acknowledgement">
        <p>
          <strong>{what}</strong>
        </p>
        {ack.message && (
          <p>
            Message from {who}: “{ack.message}”
          </p>
        )}
      </div>
    );
  }
  if (redFlag?.alert.status === 'sent')
    return (
      <p>
        A clinician has been alerted{redFlag.alert.sentAt ? ` (at ${time(redFlag.alert.sentAt)})` : ''}. Do not wait for them: call now.
      </p>
    );
  if (redFlag?.alert.status === 'pending') return <p>We are alerting a clinician now. Do not wait for them: call now.</p>;
  if (redFlag) return <p>Your message is at the top of your doctors’ urgent list. Do not wait for them: call now.</p>;
  return <p>Do not wait for a doctor’s reply: call now.</p>;
}

/**
 * The emergency screen: what to do now, tap-to-call links for the deployment's numbers, the reason in
 * plain words and what the clinicians have done. It is drawn from data already loaded (or saved in
 * this tab), so it stays when the network or the backend does not. It cannot be dismissed; focus moves
 * to it so keyboard and screen-reader users meet it first.
 */
export function EmergencyScreen({
  flags,
  guidance,
  redFlag,
  offline = false,
  onShown,
}: {
  flags: EmergencyFlag[];
  guidance: string | null;
  redFlag: RedFlagState | null;
  offline?: boolean;
  onShown?: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { emergencyNumber, crisisLine } = readRuntimeConfig();
  const crisis = flags.some((f) => f.guidance === 'crisis' || /suicid|self_harm/.test(f.category));
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once, when the screen first appears
  useEffect(() => {
    heading.current?.focus();
    onShown?.();
  }, []);
  return (
    <section className="alert alert-danger stack" aria-labelledby="emergency-title" data-testid="emergency-screen">
      <h2 id="emergency-title" ref={heading} tabIndex={-1}>
        Get emergency help now
      </h2>
      <p>
        <strong>
          {guidance ??
            'What you describe can be a medical emergency. Call your local emergency number now, or go to the nearest emergency department.'}
        </strong>
      </p>
      <div className="row">
        <a className="btn btn-danger" href={`tel:${emergencyNumber.replaceAll(' ', '')}`}>
          Call {emergencyNumber} (emergency)
        </a>
        {crisis && crisisLine && (
          <a className="btn btn-secondary" href={`tel:${crisisLine.replaceAll(' ', '')}`}>
            Call {crisisLine} (crisis line)
          </a>
        )}
      </div>
      {flags.length > 0 && (
        <div>
          <p>This is because you told us about:</p>
          <ul>
            {flags.map((f) => (
              <li key={f.category}>{f.label}</li>
            ))}
          </ul>
        </div>
      )}
      <div role="status" aria-live="polite">
        <ClinicianStatus redFlag={redFlag} />
      </div>
      {offline && (
        <p className="muted">We cannot reach PatientInsight right now. This advice was saved on this device and still applies.</p>
      )}
    </section>
  );
}
