import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AuthProvider } from '../features/auth/components/auth-provider';

/**
 * Renders a component inside the app's providers (TanStack Query with no retries, a memory router
 * at `path`), so it behaves as it does in a page.
 */
export function renderWithProviders(
  ui: ReactElement,
  { path = '/', route = '/', auth = false }: { path?: string; route?: string; auth?: boolean } = {},
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } },
  });
  // With `auth`, the page runs inside the session provider (which restores the session via /v1/auth/refresh).
  const element = auth ? <AuthProvider>{ui}</AuthProvider> : ui;
  const router = createMemoryRouter(
    [
      { path: route, element },
      { path: '*', element: <p>navigated away</p> },
    ],
    { initialEntries: [path] },
  );
  const user = userEvent.setup();
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...utils, user, queryClient, router };
}
