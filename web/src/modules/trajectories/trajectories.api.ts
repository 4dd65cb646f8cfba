import type { TrajectoryStatus } from '../../../../contracts/trajectories.ts';

/** What a trajectory list is asked for: whose list, the filters from the address, page and sort. */
export type TrajectoryListFilters = {
  ownSignals: boolean;
  status: TrajectoryStatus | undefined;
  attention?: string;
  locationId?: string | undefined;
  q: string;
  page: number;
  sort: string | undefined;
};

/** Query keys of the expertise point's trajectories: the lists, one pupil's file, a location's mentors. */
export const trajectoryKeys = {
  all: ['trajectories'] as const,
  lists: () => [...trajectoryKeys.all, 'list'] as const,
  list: (filters: TrajectoryListFilters) => [...trajectoryKeys.lists(), filters] as const,
  detail: (trajectoryId: string, ownSignal: boolean) =>
    [...trajectoryKeys.all, 'detail', trajectoryId, ownSignal] as const,
  mentors: (locationId: string) => [...trajectoryKeys.all, 'mentors', locationId] as const,
};
