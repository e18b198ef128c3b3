import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  refreshSession,
  setSessionListener,
  signOut,
  type Role,
  type SessionUser,
  type SessionView,
} from './api';

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: SessionUser; expiresAt: string };

interface SessionContextValue {
  state: SessionState;
  signOut: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * The signed-in person. On load the console asks /auth/refresh whether a session exists (the token itself
 * is in an httpOnly cookie); while signed in it refreshes a minute before the session token expires.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    setSessionListener((s: SessionView | null) =>
      setState(s ? { status: 'signed-in', user: s.user, expiresAt: s.expiresAt } : { status: 'signed-out' }),
    );
    void refreshSession().then((s) => {
      if (!s) setState({ status: 'signed-out' });
    });
  }, []);

  useEffect(() => {
    if (state.status !== 'signed-in') return;
    const due = new Date(state.expiresAt).getTime() - Date.now() - 60_000;
    const timer = setTimeout(() => void refreshSession(), Math.max(due, 5_000));
    return () => clearTimeout(timer);
  }, [state]);

  const out = useCallback(async () => {
    await signOut();
  }, []);
  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signOut: out,
      hasRole: (...roles) => state.status === 'signed-in' && roles.some((r) => state.user.roles.includes(r)),
    }),
    [state, out],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user (inside the authenticated part of the app). */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser without a session');
  return state.user;
}
