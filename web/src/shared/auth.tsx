import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from './api';
import type { ChangePasswordInput, Me, Session } from './api-types';
import { homePath, isMobilePath, loginPath } from './paths';
import { PageFallback, PageLoadError } from './page-fallback';

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';
export type SignedOut = 'here' | 'everywhere';

interface Auth {
  status: AuthStatus;
  me: Me | null;
  /** set after an explicit logout (here or everywhere): guards then send to login without `?next=` */
  signedOut: SignedOut | null;
  error: unknown;
  retry: () => void;
  /** POST /auth/login; on success the session becomes current. Throws ApiError. */
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  logoutEverywhere: () => Promise<void>;
  /**
   * POST /auth/password (the account's other sessions end), then /auth/me again so that
   * `me.mustChangePassword` is current. Throws ApiError.
   */
  changePassword: (input: ChangePasswordInput) => Promise<void>;
}

type SessionState =
  | { status: 'loading' }
  | { status: 'authenticated'; session: Session }
  | { status: 'anonymous'; signedOut: SignedOut | null }
  | { status: 'error'; error: unknown };

const AuthContext = createContext<Auth | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    return await api.get<Session>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

// The session lives in React state rather than the query cache so that signing in or
// out and the navigation that follows land in the same render.
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const apply = useCallback((session: Session | null, signedOut: SignedOut | null = null) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState(session ? { status: 'authenticated', session } : { status: 'anonymous', signedOut });
  }, []);

  const load = useCallback(
    async (quiet: boolean) => {
      if (!quiet) setState({ status: 'loading' });
      try {
        apply(await fetchSession());
      } catch (error) {
        if (!quiet) setState({ status: 'error', error });
      }
    },
    [apply],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  // Org and region names come localised: ask again when the language changes.
  const language = i18n.language;
  const firstLanguage = useRef(language);
  useEffect(() => {
    if (language !== firstLanguage.current) void load(true);
  }, [language, load]);

  const endSession = useCallback(
    (signedOut: SignedOut | null) => {
      apply(null, signedOut);
      queryClient.clear();
    },
    [apply, queryClient],
  );

  // A 401 from any API call means the session is gone: guards then send the user to login.
  useEffect(() => {
    setUnauthenticatedHandler(() => endSession(null));
    return () => setUnauthenticatedHandler(null);
  }, [endSession]);

  const login = useCallback(
    async (username: string, password: string) => {
      const session = await api.post<Session>('/auth/login', { username, password });
      queryClient.clear();
      apply(session);
      return session.me;
    },
    [apply, queryClient],
  );

  const logout = useCallback(async () => {
    await api.post<void>('/auth/logout');
    endSession('here');
  }, [endSession]);

  const logoutEverywhere = useCallback(async () => {
    await api.post<void>('/auth/logout-all');
    endSession('everywhere');
  }, [endSession]);

  const changePassword = useCallback(
    async (input: ChangePasswordInput) => {
      await api.post<void>('/auth/password', input);
      await load(true);
    },
    [load],
  );

  const value = useMemo<Auth>(
    () => ({
      status: state.status,
      me: state.status === 'authenticated' ? state.session.me : null,
      signedOut: state.status === 'anonymous' ? state.signedOut : null,
      error: state.status === 'error' ? state.error : null,
      retry: () => void load(false),
      login,
      logout,
      logoutEverywhere,
      changePassword,
    }),
    [state, load, login, logout, logoutEverywhere, changePassword],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in account; only inside <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside RequireAuth');
  return me;
}

export function hasPermission(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}

/**
 * Renders its children for a signed-in account; otherwise sends the visitor to login?next=…
 * (after an explicit logout, to plain login).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') return <PageFallback />;
  if (auth.status === 'error') return <PageLoadError onRetry={auth.retry} />;
  if (!auth.me) {
    const next = auth.signedOut ? undefined : location.pathname + location.search;
    return <Navigate to={loginPath(isMobilePath(location.pathname), next)} replace />;
  }
  return <>{children}</>;
}

/** `/` and `/m`: the account's home when signed in, else login. */
export function HomeRedirect({ mobile }: { mobile: boolean }) {
  const auth = useAuth();
  if (auth.status === 'loading') return <PageFallback />;
  if (auth.status === 'error') return <PageLoadError onRetry={auth.retry} />;
  return <Navigate to={auth.me ? homePath(auth.me, mobile) : loginPath(mobile)} replace />;
}
