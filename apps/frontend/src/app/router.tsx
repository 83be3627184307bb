import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell, RequireRole } from './layout';
import { RouteError } from './routes/route-error';

/** Each page is its own chunk: a patient never downloads the operator's charts. */
const page = (title: string, load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy' | 'handle'> => ({
  lazy: async () => ({ Component: (await load()).default }),
  // The browser tab and the screen reader's page announcement name the page (AppShell sets it).
  handle: { title } satisfies RouteHandle,
});

/** What a route tells the shell: the document title of its page. */
export interface RouteHandle {
  title: string;
}

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, ...page('Welcome', () => import('./routes/landing')) },
      { path: 'login', ...page('Sign in', () => import('./routes/login')) },
      { path: 'register', ...page('Create your account', () => import('./routes/register')) },
      { path: 'forgot-password', ...page('Forgot your password', () => import('./routes/forgot-password')) },
      { path: 'reset-password', ...page('Choose a new password', () => import('./routes/reset-password')) },
      {
        element: <RequireRole roles={['patient', 'doctor', 'admin']} />,
        children: [{ path: 'account/password', ...page('Change your password', () => import('./routes/account/password')) }],
      },
      {
        path: 'patient',
        element: <RequireRole roles={['patient']} />,
        children: [
          { index: true, ...page('My consultations', () => import('./routes/patient/home')) },
          { path: 'onboarding', ...page('My health profile', () => import('./routes/patient/onboarding')) },
          { path: 'account', ...page('My account', () => import('./routes/patient/account')) },
          { path: 'encounters/:id', ...page('My consultation', () => import('./routes/patient/encounter')) },
          { path: 'encounters/:id/report', ...page("My doctor's answer", () => import('./routes/patient/report')) },
        ],
      },
      {
        path: 'doctor',
        element: <RequireRole roles={['doctor']} />,
        children: [
          { index: true, ...page('Dashboard', () => import('./routes/doctor/dashboard')) },
          { path: 'queue', ...page('Queue', () => import('./routes/doctor/queue')) },
          { path: 'encounters/:id', ...page('Encounter review', () => import('./routes/doctor/encounter')) },
        ],
      },
      {
        path: 'admin',
        element: <RequireRole roles={['admin']} />,
        children: [
          { index: true, ...page('Case ingestion', () => import('./routes/admin/ingestions')) },
          { path: 'ingestions/:id', ...page('Ingestion job', () => import('./routes/admin/ingestion')) },
          { path: 'audit', ...page('Audit trail', () => import('./routes/admin/audit')) },
          { path: 'users', ...page('Users', () => import('./routes/admin/users')) },
        ],
      },
      { path: '*', ...page('Page not found', () => import('./routes/not-found')) },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
