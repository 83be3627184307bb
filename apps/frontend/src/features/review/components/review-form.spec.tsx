import { doctorNotesRequestSchema, prescriptionRequestSchema, returnRequestSchema, type PatientView } from '@patientinsight/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { encounterDetail } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { ReviewForm } from './review-form';

setupMswServer();

/** Stands in for the patient's page component the doctor route passes (features do not import each other). */
const preview = (view: PatientView) => (
  <div>
    <p>From {view.doctorName}</p>
    <p>{view.notes}</p>
  </div>
);

describe('ReviewForm', () => {
  it('claims a waiting encounter', async () => {
    let claims = 0;
    server.use(
      http.post(`${API}/v1/encounters/enc-1/claim`, () => {
        claims++;
        return HttpResponse.json(encounterDetail());
      }),
    );
    const { user } = renderWithProviders(
      <ReviewForm
        encounter={encounterDetail({ status: 'submitted', claimedBy: null, claimedAt: null })}
        currentUserId="doctor-1"
        renderPreview={preview}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Claim this encounter' }));
    expect(claims).toBe(1);
  });

  it('shows field errors from the shared schema and sends nothing until the prescription is complete', async () => {
    let calls = 0;
    server.use(
      http.put(`${API}/v1/encounters/enc-1/notes`, () => {
        calls++;
        return HttpResponse.json(encounterDetail());
      }),
    );
    const { user } = renderWithProviders(<ReviewForm encounter={encounterDetail()} currentUserId="doctor-1" renderPreview={preview} />);
    await user.click(screen.getByRole('button', { name: 'Add a medicine' }));
    const medicine = screen.getByRole('group', { name: 'Medicine 1' });
    await user.type(within(medicine).getByLabelText('Medicine'), 'Amoxicillin');
    await user.click(screen.getByRole('button', { name: 'Release to patient' }));
    expect(within(medicine).getAllByText('must not be empty')).toHaveLength(3); // dose, frequency, duration
    expect(within(medicine).getByLabelText(/^Dose/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Some fields need fixing before saving.')).toBeTruthy();
    expect(calls).toBe(0);
  });

  it('saves notes and prescription, then releases, in that order with bodies the backend schema accepts', async () => {
    const seen: string[] = [];
    server.use(
      http.put(`${API}/v1/encounters/enc-1/notes`, async ({ request }) => {
        seen.push(`notes:${JSON.stringify(doctorNotesRequestSchema.parse(await request.json()))}`);
        return HttpResponse.json(encounterDetail());
      }),
      http.put(`${API}/v1/encounters/enc-1/prescription`, async ({ request }) => {
        seen.push(`prescription:${JSON.stringify(prescriptionRequestSchema.parse(await request.json()))}`);
        return HttpResponse.json(encounterDetail());
      }),
      http.get(`${API}/v1/encounters/enc-1/patient-preview`, () => {
        seen.push('preview');
        return HttpResponse.json({
          encounterId: 'enc-1',
          status: 'in_review',
          releasedAt: null,
          doctorName: 'Dr Example',
          message: null,
          notes: 'Chest X-ray next week.',
          prescription: [{ medication: 'Amoxicillin', dose: '500 mg', route: 'oral', frequency: 'three times a day', duration: '7 days' }],
          nextSteps: [],
          sharedCases: [],
          withReport: true,
        });
      }),
      http.post(`${API}/v1/encounters/enc-1/release`, () => {
        seen.push('release');
        return HttpResponse.json(encounterDetail({ status: 'released', releasedAt: '2026-11-23T11:00:00.000Z' }));
      }),
    );
    const { user } = renderWithProviders(<ReviewForm encounter={encounterDetail()} currentUserId="doctor-1" renderPreview={preview} />);
    await user.type(screen.getByLabelText(/Notes for the patient/), 'Chest X-ray next week.');
    await user.click(screen.getByRole('button', { name: 'Add a medicine' }));
    await user.type(within(screen.getByRole('group', { name: 'Medicine 1' })).getByLabelText('Medicine'), 'Amoxicillin');
    await user.type(screen.getByLabelText(/^Dose/), '500 mg');
    await user.selectOptions(screen.getByLabelText('Route'), 'oral');
    await user.type(screen.getByLabelText(/^Frequency/), 'three times a day');
    await user.type(screen.getByLabelText(/^Duration/), '7 days');
    await user.click(screen.getByRole('button', { name: 'Release to patient' }));
    // Release first shows the patient's page as it will be; nothing is released until the doctor confirms.
    const shown = await screen.findByTestId('release-preview');
    expect(within(shown).getByText('From Dr Example')).toBeTruthy();
    expect(within(shown).getByText('Chest X-ray next week.')).toBeTruthy();
    expect(seen).not.toContain('release');
    await user.click(screen.getByRole('button', { name: 'Confirm release' }));
    await waitFor(() => expect(seen).toHaveLength(4));
    expect(seen).toEqual([
      'notes:{"notes":"Chest X-ray next week.","message":"","nextSteps":"","privateNotes":""}',
      'prescription:{"items":[{"medication":"Amoxicillin","dose":"500 mg","route":"oral","frequency":"three times a day","duration":"7 days"}]}',
      'preview',
      'release',
    ]);
  });

  it('requires a reason to return, and shows the backend field error when it refuses', async () => {
    server.use(
      http.post(`${API}/v1/encounters/enc-1/return`, async ({ request }) => {
        returnRequestSchema.parse(await request.json());
        return HttpResponse.json(
          {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'Invalid request body',
              details: [{ field: 'reason', reason: 'must be at most 2000 characters' }],
            },
          },
          { status: 400 },
        );
      }),
    );
    const { user } = renderWithProviders(<ReviewForm encounter={encounterDetail()} currentUserId="doctor-1" renderPreview={preview} />);
    await user.click(screen.getByRole('button', { name: 'Return to patient…' }));
    await user.click(screen.getByRole('button', { name: 'Return with this reason' }));
    expect(screen.getByText('must not be empty')).toBeTruthy();
    await user.type(screen.getByLabelText(/Reason for returning/), 'Please describe when the cough is worst.');
    await user.click(screen.getByRole('button', { name: 'Return with this reason' }));
    expect(await screen.findByText('must be at most 2000 characters')).toBeTruthy();
    expect(screen.getByText('Some answers need fixing; see the highlighted fields.')).toBeTruthy();
  });

  it('is read-only for another doctor’s encounter', () => {
    renderWithProviders(
      <ReviewForm encounter={encounterDetail({ claimedBy: 'doctor-2' })} currentUserId="doctor-1" renderPreview={preview} />,
    );
    expect(screen.getByText('Another doctor is reviewing this encounter.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Release to patient' })).toBeNull();
  });
});
