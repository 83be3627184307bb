import type { User } from '@patientinsight/shared';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, setTokenRefresher, tokenStore } from '../../../lib/api-client';
import { logout as logoutRequest, refresh, storeSession } from '../api/auth';

interface AuthContextValue {
  user: User | null;
  /**
   * `loading` while the refresh cookie is tried at start; `unreachable` when the backend did not
   * answer at all, so nobody knows yet whether the session is valid (never shown as signed out).
   */
  status: 'loading' | 'signed-in' | 'signed-out' | 'unreachable';
  /** Tries to restore the session again (the reconnecting screen's button; also tried on a timer). */
  reconnect(): Promise<void>;
  signIn(user: User): void;
  signOut(): Promise<void>;
  updateUser(user: User): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** The backend did not answer (refused, offline, DNS): unlike a 401, this says nothing about the session. */
const isUnreachable = (error: unknown) => error instanceof ApiError && error.status === 0;
/** Seconds between automatic reconnection tries: quick at first, then every 30 s. */
const RECONNECT_DELAYS_MS = [2000, 5000, 10_000, 30_000];

/** Holds who is signed in. The access token is in memory; a reload restores the session from the refresh cookie. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthContextValue['status']>('loading');

  const restore = useCallback(async (isCancelled: () => boolean = () => false) => {
    try {
      const auth = await refresh();
      if (isCancelled()) return;
      setUser(storeSession(auth));
      setStatus('signed-in');
    } catch (error) {
      if (!isCancelled()) setStatus(isUnreachable(error) ? 'unreachable' : 'signed-out');
    }
  }, []);

  useEffect(() => {
    setTokenRefresher(async () => {
      try {
        setUser(storeSession(await refresh()));
        return true;
      } catch (error) {
        // Unreachable: keep who is signed in and say we are reconnecting, instead of a sign-in form.
        if (isUnreachable(error)) {
          setStatus('unreachable');
          return false;
        }
        tokenStore.set(null);
        setUser(null);
        setStatus('signed-out');
        return false;
      }
    });
    let cancelled = false;
    void restore(() => cancelled);
    return () => {
      cancelled = true;
      setTokenRefresher(null);
    };
  }, [restore]);

  // While unreachable, try again by itself, backing off.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (status !== 'unreachable') {
      setAttempt(0);
      return;
    }
    const timer = setTimeout(
      () => {
        setAttempt((n) => n + 1);
        void restore();
      },
      RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)],
    );
    return () => clearTimeout(timer);
  }, [status, attempt, restore]);
  const reconnect = useCallback(() => restore(), [restore]);

  const signIn = useCallback((next: User) => {
    setUser(next);
    setStatus('signed-in');
  }, []);
  const signOut = useCallback(async () => {
    await logoutRequest().catch(() => undefined);
    tokenStore.set(null);
    queryClient.clear();
    setUser(null);
    setStatus('signed-out');
  }, [queryClient]);
  const value = useMemo(
    () => ({ user, status, reconnect, signIn, signOut, updateUser: setUser }),
    [user, status, reconnect, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** Where each role lands after signing in. */
export const homeFor = (user: User): string =>
  user.mustChangePassword ? '/account/password' : user.role === 'patient' ? '/patient' : user.role === 'doctor' ? '/doctor' : '/admin';
