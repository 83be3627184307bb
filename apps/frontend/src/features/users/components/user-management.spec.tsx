import { userListSchema } from '@patientinsight/shared';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { checked } from '../../../testing/fixtures';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import { UserManagement } from './user-management';

setupMswServer();

const account = (id: string, email: string, role: 'admin' | 'doctor') => ({
  id,
  email,
  role,
  displayName: email.split('@')[0] ?? email,
  status: 'active' as const,
  mustChangePassword: false,
  createdAt: '2026-11-23T10:00:00.000Z',
});

describe('UserManagement', () => {
  it('offers no way to disable one’s own account, and shows the backend’s refusal in words', async () => {
    server.use(
      http.get(`${API}/v1/users`, () =>
        HttpResponse.json(
          checked(userListSchema, {
            users: [account('me', 'me@example.org', 'admin'), account('dr', 'dr@example.org', 'doctor')],
            total: 2,
          }),
        ),
      ),
      http.patch(`${API}/v1/users/dr`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'OWN_ACCESS_CHANGE',
              message: 'You cannot disable your own account or change your own role: ask another administrator',
            },
          },
          { status: 409 },
        ),
      ),
    );
    const { user } = renderWithProviders(<UserManagement currentUserId="me" />);
    const table = await screen.findByRole('table');
    const mine = within(table).getByRole('row', { name: /me@example.org/ });
    expect(within(mine).queryByRole('button')).toBeNull();
    expect(mine.textContent).toContain('This is you');
    await user.click(within(table).getByRole('button', { name: /^Disable\s*dr@example.org/ }));
    expect((await screen.findByRole('heading', { name: 'The change was not saved' })).closest('[role="alert"]')?.textContent).toContain(
      'ask another administrator',
    );
  });

  it('sets a temporary password for another account, never offers it for one’s own', async () => {
    let sent: unknown;
    server.use(
      http.get(`${API}/v1/users`, () =>
        HttpResponse.json(
          checked(userListSchema, {
            users: [account('me', 'me@example.org', 'admin'), account('dr', 'dr@example.org', 'doctor')],
            total: 2,
          }),
        ),
      ),
      http.post(`${API}/v1/users/dr/password`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...account('dr', 'dr@example.org', 'doctor'), mustChangePassword: true });
      }),
    );
    const { user } = renderWithProviders(<UserManagement currentUserId="me" />);
    const table = await screen.findByRole('table');
    expect(within(within(table).getByRole('row', { name: /me@example.org/ })).queryByRole('button', { name: /Reset password/ })).toBeNull();
    await user.click(within(table).getByRole('button', { name: /^Reset password\s*of dr@example.org/ }));
    const field = screen.getByLabelText(/^Temporary password/, { selector: 'input' });
    expect(document.activeElement).toBe(field);
    await user.type(field, 'short');
    await user.click(screen.getByRole('button', { name: 'Set temporary password' }));
    expect(sent).toBeUndefined();
    await user.clear(field);
    await user.type(field, 'temporary passphrase 99');
    await user.click(screen.getByRole('button', { name: 'Set temporary password' }));
    expect(await screen.findByText(/Temporary password set for dr@example.org/)).toBeTruthy();
    expect(sent).toEqual({ temporaryPassword: 'temporary passphrase 99' });
  });
});
