import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { saveEmergency } from '../../features/emergency/utils/emergency-store';
import { API, server, setupMswServer } from '../../testing/msw';
import { renderWithProviders } from '../../testing/test-utils';
import Login from './login';

setupMswServer();
afterEach(() => window.sessionStorage.clear());

describe('sign-in after a reload with the backend unreachable', () => {
  it('keeps the emergency advice saved for the consultation the patient was on', async () => {
    server.use(http.post(`${API}/v1/auth/refresh`, () => HttpResponse.error()));
    saveEmergency('enc-9', {
      flags: [{ category: 'stroke', label: 'sudden weakness of one side of the face' }],
      guidance: 'Call your local emergency number now.',
      redFlag: null,
    });
    renderWithProviders(<Login />, { auth: true, path: `/login?next=${encodeURIComponent('/patient/encounters/enc-9')}`, route: '/login' });
    const kept = await screen.findByTestId('emergency-screen');
    expect(kept.textContent).toContain('sudden weakness of one side of the face');
    expect(kept.textContent).toContain('We cannot reach PatientInsight right now');
    expect(screen.getByRole('link', { name: 'Call 112 (emergency)' }).getAttribute('href')).toBe('tel:112');
  });

  it('shows no emergency for another page, or when nothing was saved', async () => {
    server.use(
      http.post(`${API}/v1/auth/refresh`, () =>
        HttpResponse.json({ error: { code: 'UNAUTHENTICATED', message: 'no session' } }, { status: 401 }),
      ),
    );
    saveEmergency('enc-9', { flags: [], guidance: null, redFlag: null });
    renderWithProviders(<Login />, { auth: true, path: '/login?next=%2Fpatient%2Faccount', route: '/login' });
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.queryByTestId('emergency-screen')).toBeNull();
  });
});
