import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { SessionState } from '../../../contracts/auth.ts';
import { api } from './api.ts';
import { sessionQueryKey } from './session.ts';

/** Ends the session and returns to the sign-in page with a confirmation. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post('/api/auth/sign-out'),
    onSettled: async () => {
      // Also on failure: the server may already have ended the session; re-read it either way.
      const demo = queryClient.getQueryData<SessionState>(sessionQueryKey)?.demo ?? false;
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData<SessionState>(sessionQueryKey, { state: 'anonymous', demo });
      // flushSync: the new route must render before the anonymous session redraws the old page,
      // whose redirect would otherwise drop the signed-out state.
      await navigate('/inloggen', { replace: true, state: { signedOut: true }, flushSync: true });
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
