import type { RedFlagState } from '@patientinsight/shared';
import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encounterDetail, intakeState } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import PatientEncounter from './encounter';

setupMswServer();
const at = '2026-11-23T10:00:01.000Z';
const transcript = intakeState({
  status: 'complete',
  question: null,
  conversation: [
    { role: 'assistant', text: 'What brings you here today?', field: 'chiefComplaint', at },
    { role: 'patient', text: 'crushing chest pain spreading to my left arm', field: 'chiefComplaint', at },
    { role: 'assistant', text: 'When did it start?', field: 'onset', at },
    { role: 'patient', text: 'Skip this question', field: 'onset', at, kind: 'skip' },
  ],
});
beforeEach(() => server.use(http.get(`${API}/v1/encounters/enc-1/intake`, () => HttpResponse.json(transcript))));
afterEach(() => {
  window.sessionStorage.clear();
  delete window.__PATIENTINSIGHT_CONFIG__;
});

const triage = {
  urgent: true,
  guidance: 'Call your local emergency number now.',
  flags: [
    {
      category: 'acute_coronary_syndrome',
      label: 'chest pain spreading to your arm, with sweating',
      evidence: 'chest pain … arm … sweating',
      quote: 'crushing chest pain spreading to my left arm',
    },
  ],
};
const sent: RedFlagState = {
  flaggedAt: '2026-11-23T10:00:00.000Z',
  source: 'intake',
  alert: { status: 'sent', sentAt: '2026-11-23T10:00:01.000Z' },
  acknowledgement: null,
};
const urgent = (redFlag: RedFlagState | null) =>
  encounterDetail({ status: 'submitted', urgent: true, triage, report: null, redFlag, claimedBy: null, claimedAt: null });
const page = () => renderWithProviders(<PatientEncounter />, { path: '/patient/encounters/enc-1', route: '/patient/encounters/:id' });

describe('the patient’s emergency screen', () => {
  it('gives the reason in plain words, tap-to-call for the configured number, and says a clinician was alerted only once it was', async () => {
    window.__PATIENTINSIGHT_CONFIG__ = { emergencyNumber: '999' };
    server.use(
      http.get(`${API}/v1/encounters/enc-1`, () => HttpResponse.json(urgent({ ...sent, alert: { status: 'pending', sentAt: null } }))),
    );
    page();
    const screenEl = await screen.findByTestId('emergency-screen');
    expect(screen.getByRole('link', { name: 'Call 999 (emergency)' }).getAttribute('href')).toBe('tel:999');
    expect(screenEl.textContent).toContain('chest pain spreading to your arm, with sweating');
    expect(screenEl.textContent).toContain('We are alerting a clinician now');
    expect(screenEl.textContent).not.toContain('has been alerted');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Get emergency help now' })));
  });

  it('shows the doctor’s acknowledgement with its time', async () => {
    const ack: RedFlagState = {
      ...sent,
      acknowledgement: {
        action: 'called_patient',
        at: '2026-11-23T10:07:00.000Z',
        doctorId: 'd1',
        doctorName: 'Dr Rivera',
        message: 'An ambulance is on its way.',
        reason: null,
      },
    };
    server.use(http.get(`${API}/v1/encounters/enc-1`, () => HttpResponse.json(urgent(ack))));
    page();
    const text = (await screen.findByTestId('emergency-acknowledgement')).textContent ?? '';
    const clock = new Date('2026-11-23T10:07:00.000Z').toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    expect(text).toContain(`Dr Rivera called you at ${clock}.`);
    expect(text).toContain('An ambulance is on its way.');
  });

  it('is kept from what was loaded before and never replaced by a loading error when the backend is gone', async () => {
    server.use(http.get(`${API}/v1/encounters/enc-1`, () => HttpResponse.json(urgent(sent))));
    const first = page();
    expect((await screen.findByTestId('emergency-screen')).textContent).toContain('A clinician has been alerted');
    first.unmount();

    // A reload with the backend stopped: the advice comes back from this tab's storage.
    server.use(http.get(`${API}/v1/encounters/enc-1`, () => HttpResponse.error()));
    page();
    const kept = await screen.findByTestId('emergency-screen');
    await screen.findByText(/We cannot reach PatientInsight right now/);
    expect(kept.textContent).toContain('chest pain spreading to your arm, with sweating');
    expect(kept.textContent).toContain('A clinician has been alerted');
    expect(screen.queryByText('This consultation could not be loaded')).toBeNull();
    // Only the labels are kept on the device, never the patient's own words.
    expect(window.sessionStorage.getItem('patientinsight.emergency.enc-1')).not.toContain('crushing');
  });

  it('without any saved advice, a failed load is still an error (nothing to keep)', async () => {
    server.use(http.get(`${API}/v1/encounters/enc-1`, () => HttpResponse.error()));
    page();
    await screen.findByText('This consultation could not be loaded');
    expect(screen.queryByTestId('emergency-screen')).toBeNull();
  });
});

describe('the patient’s encounter after it was sent', () => {
  it('keeps the conversation readable behind a disclosure, skips shown as skips', async () => {
    server.use(
      http.get(`${API}/v1/encounters/enc-1`, () =>
        HttpResponse.json(
          encounterDetail({
            status: 'submitted',
            urgent: false,
            triage: null,
            report: null,
            redFlag: null,
            claimedBy: null,
            claimedAt: null,
          }),
        ),
      ),
    );
    const { user } = page();
    const summary = await screen.findByText('Your conversation (2 answers)');
    await user.click(summary);
    const log = screen.getByRole('log', { name: 'Your conversation' });
    expect(log.textContent).toContain('When did it start?');
    expect(log.textContent).toContain('Skipped this question.');
    expect(screen.queryByLabelText('Your answer')).toBeNull();
  });
});
