import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { encounterDetail } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { AcknowledgeForm } from './acknowledge-form';

setupMswServer();

describe('AcknowledgeForm', () => {
  it('asks what was done, requires a reason for no action, then sends the acknowledgement', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/v1/encounters/enc-1/acknowledge`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(encounterDetail({ urgent: true }));
      }),
    );
    const { user } = renderWithProviders(<AcknowledgeForm encounter={encounterDetail({ urgent: true })} />);
    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(screen.getByText('Choose what you did.')).toBeTruthy();
    await user.click(screen.getByLabelText('No action needed (give the reason)'));
    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(screen.getByText('is required when the action is no_action')).toBeTruthy();
    expect(bodies).toEqual([]);

    await user.click(screen.getByLabelText('I advised the emergency department'));
    await user.type(screen.getByLabelText(/^Message to the patient/), 'Please go to A&E now.');
    await user.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await expect.poll(() => bodies).toEqual([{ action: 'advised_ed', message: 'Please go to A&E now.' }]);
  });
});
