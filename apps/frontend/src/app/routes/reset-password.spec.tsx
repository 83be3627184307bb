import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, server, setupMswServer } from '../../testing/msw';
import { renderWithProviders } from '../../testing/test-utils';
import ForgotPassword from './forgot-password';
import ResetPassword from './reset-password';

setupMswServer();

const TOKEN = 'A'.repeat(43);
const SAME = 'If an account uses this address, we have sent it a link to choose a new password. The link works for 30 minutes, once.';

describe('password reset pages', () => {
  it('asks for a link and shows the backend’s one answer', async () => {
    let sent: unknown;
    server.use(
      http.post(`${API}/v1/auth/password-reset`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ message: SAME }, { status: 202 });
      }),
    );
    const { user } = renderWithProviders(<ForgotPassword />, { path: '/forgot-password', route: '/forgot-password' });
    await user.type(screen.getByLabelText(/^Email/), 'Alex@Example.org');
    await user.click(screen.getByRole('button', { name: 'Send me a reset link' }));
    expect((await screen.findByRole('status')).textContent).toContain(SAME);
    expect(sent).toEqual({ email: 'alex@example.org' });
  });

  it('sends the token from the link’s fragment with the new password, then offers sign-in', async () => {
    let sent: unknown;
    server.use(
      http.post(`${API}/v1/auth/password-reset/confirm`, async ({ request }) => {
        sent = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderWithProviders(<ResetPassword />, { path: `/reset-password#token=${TOKEN}`, route: '/reset-password' });
    await user.type(screen.getByLabelText(/^New password/), 'a brand new passphrase 42');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('status')).textContent).toContain('signed out everywhere');
    expect(sent).toEqual({ token: TOKEN, newPassword: 'a brand new passphrase 42' });
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
  });

  it('says a used or expired link no longer works and offers a new one', async () => {
    server.use(
      http.post(`${API}/v1/auth/password-reset/confirm`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'RESET_TOKEN_INVALID',
              message: 'This reset link is not valid: ask for a new link.',
              details: [{ field: 'token', reason: 'is expired, used or unknown' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const { user } = renderWithProviders(<ResetPassword />, { path: `/reset-password#token=${TOKEN}`, route: '/reset-password' });
    await user.type(screen.getByLabelText(/^New password/), 'a brand new passphrase 42');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('This link no longer works')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password');
  });

  it('shows no form for a link without a token', async () => {
    renderWithProviders(<ResetPassword />, { path: '/reset-password', route: '/reset-password' });
    expect(await screen.findByText('This link is incomplete')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Set new password' })).toBeNull();
  });
});
