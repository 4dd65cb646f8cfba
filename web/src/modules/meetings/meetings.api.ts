import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type LocationListItem, primarySectors } from '../../../../contracts/locations.ts';
import type { MeetingDetail } from '../../../../contracts/meetings.ts';
import { hasPermission, useSignedInSession } from '../../app/session.ts';
import type { SelectChoice } from '../../ui/SelectField.tsx';
import { useAllLocations } from '../admin/locations.ts';

/**
 * Query keys of the meetings screens, so a change refreshes exactly what it touched. The pair and
 * request keys keep the prefixes of their own modules, so their caches are shared and their
 * invalidations reach these queries as well.
 */
export const meetingKeys = {
  all: ['meetings'] as const,
  /** Every page of the list, whatever its filters. */
  lists: ['meetings', 'list'] as const,
  list: (filters: {
    schoolYear: number;
    kind?: string;
    locationId?: string;
    attention?: string;
    page: number;
    sort?: string;
  }) => ['meetings', 'list', filters] as const,
  detail: (meetingId: string) => ['meetings', 'detail', meetingId] as const,
  candidates: (meetingId: string) => ['meetings', 'detail', meetingId, 'participant-candidates'] as const,
  overviews: ['meeting-overview'] as const,
  overview: (schoolYear: number, page: number, attention?: string) =>
    ['meeting-overview', schoolYear, page, attention ?? ''] as const,
  settings: ['meeting-settings'] as const,
  calendarFeed: ['calendar-feed'] as const,
  pair: (locationId: string, date: string | undefined) => ['pairs', 'location', locationId, date] as const,
  requestFormOptions: ['requests', 'form-options'] as const,
};

/** Puts a changed meeting in the cache, so its page shows it without reading it again, and refreshes the lists. */
export function useReplaceMeeting() {
  const queryClient = useQueryClient();
  return (meeting: MeetingDetail) => {
    queryClient.setQueryData(meetingKeys.detail(meeting.id), meeting);
    void queryClient.invalidateQueries({ queryKey: meetingKeys.lists });
    void queryClient.invalidateQueries({ queryKey: meetingKeys.overviews });
  };
}

/** Changes the cached meeting in place (an action item done or added), without reading it again. */
export function useUpdateMeeting(meetingId: string) {
  const queryClient = useQueryClient();
  return (change: (meeting: MeetingDetail) => MeetingDetail) =>
    queryClient.setQueryData<MeetingDetail>(meetingKeys.detail(meetingId), (meeting) =>
      meeting ? change(meeting) : meeting,
    );
}

/** The primary schools (bo, sbo, so) the user may plan for or filter on: the locations they can see, active today. */
export function useMeetingSchools(): SelectChoice[] {
  const session = useSignedInSession();
  const locations = useAllLocations(hasPermission(session, 'locations.read'));
  return useMemo(
    () =>
      (locations.data ?? [])
        .filter(
          (location) =>
            primarySectors.includes(location.sector) &&
            // The list's rows carry `active`, though the shared hook types them as plain locations.
            (location as Partial<LocationListItem>).active !== false,
        )
        .map((location) => ({ value: location.id, label: `${location.name}, ${location.place}` })),
    [locations.data],
  );
}
