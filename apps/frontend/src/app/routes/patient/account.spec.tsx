import { authResponseSchema, deleteAccountRequestSchema, patientExportSchema } from '@patientinsight/shared';
import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checked } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import PatientAccount from './account';

setupMswServer();

const user = {
  id: 'patient-1',
  email: 'alex@example.org',
  role: 'patient' as const,
  displayName: 'Alex',
  status: 'active' as const,
  mustChangePassword: false,
  createdAt: '2026-11-23T10:00:00.000Z',
};
const session = () => HttpResponse.json(checked(authResponseSchema, { accessToken: 'token-1', tokenType: 'Bearer', expiresIn: 900, user }));

beforeEach(() => {
  // jsdom has no object URLs; the download itself is the browser's business.
  URL.createObjectURL = vi.fn(() => 'blob:export');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => vi.restoreAllMocks());

describe('patient account page', () => {
  it('downloads the data export the backend sends, as JSON', async () => {
    let authorization: string | null = null;
    server.use(
      http.post(`${API}/v1/auth/refresh`, session),
      http.get(`${API}/v1/me/export`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json(
          checked(patientExportSchema, {
            exportedAt: '2026-11-23T11:00:00.000Z',
            account: user,
            profile: { versions: [] },
            encounters: [],
          }),
        );
      }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user: u } = renderWithProviders(<PatientAccount />, { auth: true });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Download my data (JSON)' })).toBeTruthy());
    await u.click(screen.getByRole('button', { name: 'Download my data (JSON)' }));
    expect(await screen.findByText('Your data was downloaded as a JSON file.')).toBeTruthy();
    expect(authorization).toBe('Bearer token-1');
    expect(click).toHaveBeenCalledTimes(1);
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]?.[0] as Blob;
    expect(patientExportSchema.parse(JSON.parse(await blob.text())).account.email).toBe('alex@example.org');
  });

  it('deletes the account only with the password, shows a refusal, then signs out and leaves', async () => {
    const bodies: unknown[] = [];
    let loggedOut = false;
    server.use(
      http.post(`${API}/v1/auth/refresh`, session),
      http.post(`${API}/v1/auth/logout`, () => {
        loggedOut = true;
        return new HttpResponse(null, { status: 204 });
      }),
      http.post(`${API}/v1/me/delete`, async ({ request }) => {
        const body = deleteAccountRequestSchema.parse(await request.json());
        bodies.push(body);
        if (body.password !== 'correct horse battery staple')
          return HttpResponse.json({ error: { code: 'INVALID_PASSWORD', message: 'The password is not correct.' } }, { status: 403 });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user: u } = renderWithProviders(<PatientAccount />, { auth: true, path: '/patient/account', route: '/patient/account' });
    await u.click(await screen.findByRole('button', { name: 'Delete my account…' }));
    await u.click(screen.getByRole('button', { name: 'Delete my account permanently' }));
    expect(screen.getByText('is required')).toBeTruthy();
    expect(bodies).toEqual([]);
    await u.type(screen.getByLabelText('Type your password to confirm'), 'wrong password');
    await u.click(screen.getByRole('button', { name: 'Delete my account permanently' }));
    expect(await screen.findByText('The password is not correct.')).toBeTruthy();
    await u.clear(screen.getByLabelText('Type your password to confirm'));
    await u.type(screen.getByLabelText('Type your password to confirm'), 'correct horse battery staple');
    await u.click(screen.getByRole('button', { name: 'Delete my account permanently' }));
    expect(await screen.findByText('navigated away')).toBeTruthy();
    expect(loggedOut).toBe(true);
    expect(bodies).toHaveLength(2);
  });
});
