import { createEvents, type EventAttributes } from 'ics';
import type { MeetingKind } from '../../../contracts/meetings.ts';

export type CalendarMeeting = {
  id: string;
  kind: MeetingKind;
  status: 'planned' | 'held' | 'cancelled';
  schoolName: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  online: boolean;
};

export type CalendarTexts = {
  title: (kind: MeetingKind, school: string) => string;
  online: string;
  name: string;
};

/**
 * Meetings as an iCalendar file. Times are written in UTC (the instants were made from Amsterdam
 * wall-clock times, so a calendar shows them right on both sides of a daylight-saving change). Only
 * the kind, the school, the place and a link go in: no participants, agenda or minutes.
 */
export function meetingsCalendar(meetings: CalendarMeeting[], texts: CalendarTexts, baseUrl: string): string {
  const events: EventAttributes[] = meetings.map((meeting) => ({
    uid: `${meeting.id}@passend`,
    start: meeting.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: meeting.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: texts.title(meeting.kind, meeting.schoolName),
    location: meeting.online ? texts.online : (meeting.place ?? undefined),
    url: `${baseUrl}/overleg/${meeting.id}`,
    status: meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  }));
  // An empty feed is still a valid calendar, which createEvents does not write by itself.
  if (events.length === 0)
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:passend',
      `X-WR-CALNAME:${texts.name}`,
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  const { error, value } = createEvents(events, { productId: 'passend', calName: texts.name });
  if (error || !value) throw error ?? new Error('no calendar');
  return value;
}
