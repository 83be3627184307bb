import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell, RequireRole } from './layout';
import { RouteError } from './routes/route-error';

/** Each page is its own chunk: a patient never downloads the operator's charts. */
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, ...page(() => import('./routes/landing')) },
      { path: 'login', ...page(() => import('./routes/login')) },
      { path: 'register', ...page(() => import('./routes/register')) },
      {
        element: <RequireRole roles={['patient', 'doctor', 'admin']} />,
        children: [{ path: 'account/password', ...page(() => import('./routes/account/password')) }],
      },
      {
        path: 'patient',
        element: <RequireRole roles={['patient']} />,
        children: [
          { index: true, ...page(() => import('./routes/patient/home')) },
          { path: 'onboarding', ...page(() => import('./routes/patient/onboarding')) },
          { path: 'account', ...page(() => import('./routes/patient/account')) },
          { path: 'encounters/:id', ...page(() => import('./routes/patient/encounter')) },
          { path: 'encounters/:id/report', ...page(() => import('./routes/patient/report')) },
        ],
      },
      {
        path: 'doctor',
        element: <RequireRole roles={['doctor']} />,
        children: [
          { index: true, ...page(() => import('./routes/doctor/dashboard')) },
          { path: 'queue', ...page(() => import('./routes/doctor/queue')) },
          { path: 'encounters/:id', ...page(() => import('./routes/doctor/encounter')) },
        ],
      },
      {
        path: 'admin',
        element: <RequireRole roles={['admin']} />,
        children: [
          { index: true, ...page(() => import('./routes/admin/ingestions')) },
          { path: 'ingestions/:id', ...page(() => import('./routes/admin/ingestion')) },
          { path: 'audit', ...page(() => import('./routes/admin/audit')) },
          { path: 'users', ...page(() => import('./routes/admin/users')) },
        ],
      },
      { path: '*', ...page(() => import('./routes/not-found')) },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
