import { authResponseSchema, encounterListSchema } from '@patientinsight/shared';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { createMemoryRouter, type RouteObject, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { saveEmergency } from '../features/emergency/utils/emergency-store';
import { checked } from '../testing/fixtures';
import { API, server, setupMswServer } from '../testing/msw';
import { AppProvider } from './provider';
import { type RouteHandle, routes } from './router';

setupMswServer();

const patient = {
  id: 'patient-1',
  email: 'alex@example.org',
  role: 'patient' as const,
  displayName: 'Alex',
  status: 'active' as const,
  mustChangePassword: false,
  createdAt: '2026-11-23T10:00:00.000Z',
};
const session = () =>
  HttpResponse.json(checked(authResponseSchema, { accessToken: 'token-1', tokenType: 'Bearer', expiresIn: 900, user: patient }));

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { router, user: userEvent.setup() };
}

/** Every page route, however deep, with whether it names its page. */
function leaves(list: RouteObject[]): RouteObject[] {
  return list.flatMap((r) => (r.children ? leaves(r.children) : r.lazy ? [r] : []));
}

describe('app shell', () => {
  it('gives every page route its own document title', () => {
    const pages = leaves(routes);
    expect(pages.length).toBeGreaterThan(15);
    const titles = pages.map((r) => (r.handle as RouteHandle | undefined)?.title);
    expect(titles.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('names the page in the tab, and shows a friendly page for an unknown address', async () => {
    server.use(
      http.post(`${API}/v1/auth/refresh`, () =>
        HttpResponse.json({ error: { code: 'UNAUTHENTICATED', message: 'no session' } }, { status: 401 }),
      ),
    );
    renderApp('/no/such/page');
    await screen.findByRole('heading', { name: 'Page not found' });
    // The title is set in an effect after the page renders: under load it can land after the heading.
    await waitFor(() => expect(document.title).toBe('Page not found · PatientInsight'));
    expect(screen.getByRole('link', { name: 'Go to your start page' })).toBeTruthy();
    expect(screen.queryByText(/no\/such\/page/)).toBeNull();
  });

  it('with the backend unreachable, a signed-in patient sees "Reconnecting…" (not a sign-in form) and gets back in when it answers', async () => {
    let up = false;
    server.use(
      http.post(`${API}/v1/auth/refresh`, () => (up ? session() : HttpResponse.error())),
      http.get(`${API}/v1/profile`, () =>
        HttpResponse.json({ error: { code: 'PROFILE_NOT_FOUND', message: 'No profile has been saved yet' } }, { status: 404 }),
      ),
      http.get(`${API}/v1/encounters`, () => HttpResponse.json(checked(encounterListSchema, { encounters: [] }))),
    );
    saveEmergency('enc-7', {
      flags: [{ category: 'stroke', label: 'sudden weakness of one side of the face' }],
      guidance: 'Call your local emergency number now.',
      redFlag: null,
    });
    const { user, router } = renderApp('/patient');
    await screen.findByRole('heading', { name: 'Reconnecting…' });
    expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(router.state.location.pathname).toBe('/patient');
    // No emergency was saved for this page: none is shown.
    expect(screen.queryByTestId('emergency-screen')).toBeNull();
    up = true;
    await user.click(screen.getByRole('button', { name: 'Try again now' }));
    await screen.findByRole('heading', { name: 'Hello, Alex' });
    await waitFor(() => expect(document.title).toBe('My consultations · PatientInsight'));
  });

  it('keeps the emergency advice saved for the consultation while reconnecting', async () => {
    server.use(http.post(`${API}/v1/auth/refresh`, () => HttpResponse.error()));
    saveEmergency('enc-8', {
      flags: [{ category: 'stroke', label: 'sudden weakness of one side of the face' }],
      guidance: 'Call your local emergency number now.',
      redFlag: null,
    });
    renderApp('/patient/encounters/enc-8');
    const reconnecting = await screen.findByRole('heading', { name: 'Reconnecting…' });
    expect(reconnecting).toBeTruthy();
    const emergency = screen.getByTestId('emergency-screen');
    expect(within(emergency).getByText('sudden weakness of one side of the face')).toBeTruthy();
  });
});

describe('first sign-in password change', () => {
  it('offers Continue to the home page only once the session knows the password changed', async () => {
    const doctor = { ...patient, id: 'doctor-1', email: 'dr@example.org', role: 'doctor' as const, mustChangePassword: true };
    let releaseMe!: () => void;
    const meReleased = new Promise<void>((resolve) => {
      releaseMe = resolve;
    });
    server.use(
      http.post(`${API}/v1/auth/refresh`, () =>
        HttpResponse.json(checked(authResponseSchema, { accessToken: 'token-1', tokenType: 'Bearer', expiresIn: 900, user: doctor })),
      ),
      http.post(`${API}/v1/auth/change-password`, () => new HttpResponse(null, { status: 204 })),
      http.get(`${API}/v1/me`, async () => {
        await meReleased;
        return HttpResponse.json({ ...doctor, mustChangePassword: false });
      }),
    );
    const { user } = renderApp('/account/password');
    await screen.findByRole('heading', { name: 'Change your password' });
    await user.type(screen.getByLabelText('Current password'), 'initial-password-1');
    await user.type(screen.getByLabelText('New password'), 'a-new-password-of-mine');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    // While the session still says the password must change, there is no Continue that would lead back here.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('link', { name: 'Continue' })).toBeNull();
    releaseMe();
    const next = await screen.findByRole('link', { name: 'Continue' });
    expect(next.getAttribute('href')).toBe('/doctor');
  });
});
