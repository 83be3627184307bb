import type { RedFlagState } from '@patientinsight/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { encounterDetail } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import DoctorEncounter from './encounter';

setupMswServer();

const pending: RedFlagState = {
  flaggedAt: '2026-11-23T10:00:00.000Z',
  source: 'intake',
  alert: { status: 'sent', sentAt: '2026-11-23T10:00:01.000Z' },
  acknowledgement: null,
};
const triage = {
  urgent: true,
  guidance: 'Call now.',
  patientResponse: 'misunderstanding',
  flags: [
    {
      category: 'acute_coronary_syndrome',
      label: 'chest pain spreading to the arm, with sweating',
      evidence: 'chest pain … arm',
      quote: 'crushing chest pain spreading to my left arm',
    },
  ],
};

describe('the doctor’s red-flag card', () => {
  it('shows the category, the patient’s words and answer, the alert state, and the acknowledge form until acknowledged', async () => {
    server.use(
      http.post(`${API}/v1/auth/refresh`, () =>
        HttpResponse.json({ error: { code: 'UNAUTHENTICATED', message: 'no session' } }, { status: 401 }),
      ),
      http.get(`${API}/v1/encounters/enc-1`, () =>
        HttpResponse.json(
          encounterDetail({
            status: 'draft',
            urgent: true,
            triage,
            report: null,
            redFlag: pending,
            claimedBy: null,
            claimedAt: null,
            submittedAt: null,
          }),
        ),
      ),
      http.get(`${API}/v1/encounters/enc-1/feedback`, () => HttpResponse.json({ feedback: [] })),
      http.get(`${API}/v1/encounters/enc-1/history`, () => HttpResponse.json({ events: [] })),
    );
    renderWithProviders(<DoctorEncounter />, { auth: true, path: '/doctor/encounters/enc-1', route: '/doctor/encounters/:id' });
    const card = await screen.findByTestId('red-flag-card');
    expect(card.textContent).toContain('Acute coronary syndrome');
    expect(card.textContent).toContain('crushing chest pain spreading to my left arm');
    expect(card.textContent).toContain('not happening now (a misunderstanding)');
    expect(card.textContent).toContain('on-call alerted');
    expect(within(card).getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
    // An urgent draft can be claimed (to write to the patient and release without a report).
    expect(screen.getByRole('button', { name: 'Claim this encounter' })).toBeTruthy();
  });
});
