import { useQuery, useQueryClient } from '@tanstack/react-query';
import { oppOverviewSchema, oppVersionDetailSchema } from '../../../../contracts/opp.ts';
import { api } from '../../app/api.ts';

/** Query keys of the OPP screens: one trajectory's overview, one version. */
export const oppKeys = {
  all: ['opp'] as const,
  overview: (trajectoryId: string) => [...oppKeys.all, 'overview', trajectoryId] as const,
  version: (versionId: string) => [...oppKeys.all, 'version', versionId] as const,
  /** The parents' page, keyed on the token from their link (kept in memory only, never in the address). */
  parentView: (token: string | null) => [...oppKeys.all, 'parent', token] as const,
};

/** The trajectory's OPP: versions, the adopted one, the draft, evaluations and parent links. */
export function useOppOverview(trajectoryId: string) {
  return useQuery({
    queryKey: oppKeys.overview(trajectoryId),
    queryFn: ({ signal }) => api.get(`/api/trajectories/${trajectoryId}/opp`, oppOverviewSchema, signal),
  });
}

/** One OPP version (also an earlier, read-only one). */
export function useOppVersion(versionId: string | null) {
  return useQuery({
    queryKey: oppKeys.version(versionId ?? ''),
    enabled: Boolean(versionId),
    queryFn: ({ signal }) => api.get(`/api/opp-versions/${versionId}`, oppVersionDetailSchema, signal),
  });
}

/** Refreshes every OPP query after a change. */
export function useRefreshOpp() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: oppKeys.all });
}
