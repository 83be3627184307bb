import type { Role } from '@patientinsight/shared';
import { useEffect, useRef } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useMatches, useNavigation } from 'react-router';
import { Button, Spinner } from '../components/ui';
import { useAuth } from '../features/auth/components/auth-provider';
import { Reconnecting } from '../features/auth/components/reconnecting';
import { EmergencyScreen } from '../features/emergency/components/emergency-screen';
import { emergencyForPath } from '../features/emergency/utils/emergency-store';
import type { RouteHandle } from './router';

const NAV: Record<Role, { to: string; label: string }[]> = {
  patient: [
    { to: '/patient', label: 'My consultations' },
    { to: '/patient/onboarding', label: 'My profile' },
    { to: '/patient/account', label: 'Account' },
  ],
  doctor: [
    { to: '/doctor', label: 'Dashboard' },
    { to: '/doctor/queue', label: 'Queue' },
  ],
  admin: [
    { to: '/admin', label: 'Ingestion' },
    { to: '/admin/audit', label: 'Audit trail' },
    { to: '/admin/users', label: 'Users' },
  ],
};

/** Page chrome: skip link, header with role navigation, main landmark, and focus moved to it on navigation. */
export function AppShell() {
  const { user, signOut } = useAuth();
  const navigation = useNavigation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const matches = useMatches();
  const title = matches.map((m) => (m.handle as RouteHandle | undefined)?.title).findLast(Boolean);
  useEffect(() => {
    document.title = title ? `${title} · PatientInsight` : 'PatientInsight';
  }, [title]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the path changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // After a client-side navigation, put keyboard and screen-reader users at the new content.
    main.current?.focus();
  }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="shell-header-inner">
          <Link to="/" className="shell-brand">
            PatientInsight
          </Link>
          {user && (
            <nav className="shell-nav" aria-label="Main">
              {NAV[user.role].map((item) => (
                <NavLink key={item.to} to={item.to} end>
                  {item.label}
                </NavLink>
              ))}
              <Button variant="ghost" onClick={() => void signOut()}>
                Sign out
              </Button>
            </nav>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="shell-main">
        {navigation.state === 'loading' && <Spinner label="Loading…" />}
        <Outlet />
      </main>
      <footer className="shell-footer">
        PatientInsight supports clinicians; it never diagnoses. In an emergency call your local emergency number.
      </footer>
    </>
  );
}

/** Lets only the given roles through; others go to sign-in (or their own home). */
export function RequireRole({ roles }: { roles: Role[] }) {
  const { user, status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Spinner label="Checking your session…" />;
  if (status === 'unreachable') return <Unreachable path={location.pathname} />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (user.mustChangePassword && location.pathname !== '/account/password') return <Navigate to="/account/password" replace />;
  if (!roles.includes(user.role)) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** The backend does not answer: say so and keep trying, and keep any emergency advice saved for this page. */
export function Unreachable({ path }: { path: string }) {
  const emergency = emergencyForPath(path);
  return (
    <div className="stack">
      {emergency && <EmergencyScreen flags={emergency.flags} guidance={emergency.guidance} redFlag={emergency.redFlag} offline />}
      <Reconnecting />
    </div>
  );
}
