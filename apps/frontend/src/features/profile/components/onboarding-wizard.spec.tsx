import { patientProfileSchema, profileResponseSchema } from '@patientinsight/shared';
import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { checked } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { OnboardingWizard } from './onboarding-wizard';

setupMswServer();

describe('OnboardingWizard', () => {
  it('walks the five steps, refuses a bad value on its own step, moves focus to each step, and saves a profile the backend schema accepts', async () => {
    let saved: unknown = null;
    server.use(
      http.put(`${API}/v1/profile`, async ({ request }) => {
        saved = patientProfileSchema.parse(await request.json());
        return HttpResponse.json(
          checked(profileResponseSchema, { version: 1, updatedAt: '2026-11-23T10:00:00.000Z', profile: saved as never, ageYears: 54 }),
        );
      }),
    );
    let done = false;
    const { user } = renderWithProviders(<OnboardingWizard initial={null} onSaved={() => (done = true)} />);

    expect(screen.getByRole('heading', { name: 'Step 1 of 5: About you' })).toBeTruthy();
    await user.type(screen.getByLabelText('Date of birth'), '2999-01-01');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('must not be in the future')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('How do you want to give your age?'), 'age');
    await user.type(screen.getByLabelText('Age (years)'), '54');
    await user.selectOptions(screen.getByLabelText('Sex'), 'F');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const step2 = await screen.findByRole('heading', { name: 'Step 2 of 5: Body measurements' });
    await waitFor(() => expect(document.activeElement).toBe(step2));
    await user.type(screen.getByLabelText('Height (cm)'), '900');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('must be at most 272 cm')).toBeTruthy();
    await user.clear(screen.getByLabelText('Height (cm)'));
    await user.type(screen.getByLabelText('Height (cm)'), '165');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByRole('heading', { name: 'Step 3 of 5: Known conditions' });
    await user.type(screen.getByLabelText('Known conditions', { selector: 'textarea' }), 'asthma{Enter}eczema');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { name: 'Step 4 of 5: Medicines and allergies' });
    await user.type(screen.getByLabelText('Allergies', { selector: 'textarea' }), 'penicillin');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { name: 'Step 5 of 5: Emergency contact' });
    await user.type(screen.getByLabelText('Contact name'), 'Sam');
    await user.type(screen.getByLabelText('Contact phone'), 'call me');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(screen.getByText('must be a phone number (digits, spaces, + - ( ) . /)')).toBeTruthy();
    expect(saved).toBeNull();
    await user.clear(screen.getByLabelText('Contact phone'));
    await user.type(screen.getByLabelText('Contact phone'), '+44 20 7946 0000');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    await waitFor(() => expect(done).toBe(true));
    expect(saved).toEqual({
      dateOfBirth: null,
      age: 54,
      sex: 'F',
      heightCm: 165,
      weightKg: null,
      conditions: ['asthma', 'eczema'],
      medications: [],
      allergies: ['penicillin'],
      emergencyContact: { name: 'Sam', phone: '+44 20 7946 0000' },
    });
  });

  it('goes back to the step the backend refuses and shows its reason', async () => {
    server.use(
      http.put(`${API}/v1/profile`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'Invalid request body',
              details: [{ field: 'weightKg', reason: 'must be at least 0.5 kg' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const { user } = renderWithProviders(
      <OnboardingWizard initial={{ age: 30, weightKg: 60, conditions: [], medications: [], allergies: [] }} onSaved={() => undefined} />,
    );
    for (let i = 0; i < 4; i++) await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByRole('heading', { name: 'Step 2 of 5: Body measurements' })).toBeTruthy();
    expect(screen.getByText('must be at least 0.5 kg')).toBeTruthy();
  });
});
