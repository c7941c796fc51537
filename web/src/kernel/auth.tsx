import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginResult, Me } from './contracts';
import { api, setCsrfToken } from './api';

/** A permission code, or a list meaning "any of these". Undefined: any signed-in user. */
export type Access = string | readonly string[] | undefined;

export const SELF = 'kernel.self';
export const meQueryKey = ['auth', 'me'] as const;

export function hasAccess(permissions: readonly string[] | undefined, access: Access): boolean {
  if (access === undefined) return true;
  if (!permissions) return false;
  const list = typeof access === 'string' ? [access] : access;
  return list.some((p) => permissions.includes(p));
}

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in user (GET /api/auth/me). */
export function useMeQuery(enabled = true) {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, enabled, staleTime: 5 * 60_000, retry: false });
}

/** Keep the token and the cached user from a login step's answer. */
export function useAcceptLoginResult() {
  const qc = useQueryClient();
  return useCallback(
    (r: LoginResult) => {
      setCsrfToken(r.csrfToken);
      if (r.me) qc.setQueryData(meQueryKey, r.me);
    },
    [qc],
  );
}

interface AuthValue {
  me: Me;
  can: (access: Access) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ me, children }: { me: Me; children: ReactNode }) {
  const value = useMemo<AuthValue>(() => ({ me, can: (a: Access) => hasAccess(me.permissions, a) }), [me]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Current user and `can(permission)`; only inside the signed-in shell. */
export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Shorthand for `useAuth().can`. */
export const useCan = () => useAuth().can;

/** Only allow same-site paths as the post-login target (no open redirect). */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/login')) return '/';
  return target;
}
