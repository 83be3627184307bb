import type { User } from '@patientinsight/shared';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setTokenRefresher, tokenStore } from '../../../lib/api-client';
import { logout as logoutRequest, refresh, storeSession } from '../api/auth';

interface AuthContextValue {
  user: User | null;
  /** `loading` while the refresh cookie is tried at start. */
  status: 'loading' | 'signed-in' | 'signed-out';
  signIn(user: User): void;
  signOut(): Promise<void>;
  updateUser(user: User): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Holds who is signed in. The access token is in memory; a reload restores the session from the refresh cookie. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthContextValue['status']>('loading');

  useEffect(() => {
    setTokenRefresher(async () => {
      try {
        setUser(storeSession(await refresh()));
        return true;
      } catch {
        tokenStore.set(null);
        setUser(null);
        setStatus('signed-out');
        return false;
      }
    });
    let cancelled = false;
    refresh()
      .then((auth) => {
        if (cancelled) return;
        setUser(storeSession(auth));
        setStatus('signed-in');
      })
      .catch(() => {
        if (!cancelled) setStatus('signed-out');
      });
    return () => {
      cancelled = true;
      setTokenRefresher(null);
    };
  }, []);

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
  const value = useMemo(() => ({ user, status, signIn, signOut, updateUser: setUser }), [user, status, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** Where each role lands after signing in. */
export const homeFor = (user: User): string => (user.mustChangePassword ? '/account/password' : user.role === 'patient' ? '/patient' : user.role === 'doctor' ? '/doctor' : '/admin');
