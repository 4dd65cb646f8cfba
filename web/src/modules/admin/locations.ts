import { useQuery } from '@tanstack/react-query';
import { type LocationListItem, locationPageSchema } from '../../../../contracts/locations.ts';
import { api, withQuery } from '../../app/api.ts';
import { schoolsKeys } from '../schools/schools.api.ts';

const pageSize = 100;

/** All school locations of the partnership, page by page (an SWV has tens to a few hundred). */
async function fetchAllLocations(signal: AbortSignal): Promise<LocationListItem[]> {
  const all: LocationListItem[] = [];
  for (let page = 1; ; page += 1) {
    const result = await api.get(withQuery('/api/locations', { page, pageSize }), locationPageSchema, signal);
    all.push(...result.items);
    if (result.items.length === 0 || all.length >= result.total) return all;
  }
}

/** The locations the user may read (the role picker, the figures' filters); only asked for when they may. */
export function useAllLocations(enabled: boolean) {
  return useQuery({
    queryKey: schoolsKeys.everyLocation,
    queryFn: ({ signal }) => fetchAllLocations(signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}
