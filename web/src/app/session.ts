import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { Action } from '../../../contracts/actions.ts';
import { type SessionState, sessionStateSchema } from '../../../contracts/auth.ts';
import { api } from './api.ts';

export const sessionQueryKey = ['session'] as const;

export type SignedInSession = Extract<SessionState, { state: 'signed_in' }>;

/** Where the browser stands in the sign-in flow; every screen routes by this. */
export function useSession() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => api.get('/api/session', sessionStateSchema, signal),
    staleTime: 30_000,
    retry: 1,
  });
}

/** The signed-in session; only for screens behind the signed-in gate. */
export function useSignedInSession(): SignedInSession {
  const { data } = useSession();
  if (data?.state !== 'signed_in') throw new Error('useSignedInSession outside the signed-in gate');
  return data;
}

/** Whether the signed-in user may perform the action somewhere (drives navigation and gates). */
export function hasPermission(session: SessionState | undefined, action: Action): boolean {
  return session?.state === 'signed_in' && session.permissions.includes(action);
}

/**
 * Puts the session an auth action answered with in the cache (the gates then move the user on),
 * drops data of the previous session that no screen shows, and re-reads the session from the server.
 */
export async function replaceSession(queryClient: QueryClient, session: SessionState): Promise<void> {
  queryClient.setQueryData(sessionQueryKey, session);
  queryClient.removeQueries({
    type: 'inactive',
    predicate: (query) => query.queryKey[0] !== sessionQueryKey[0],
  });
  await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
}
