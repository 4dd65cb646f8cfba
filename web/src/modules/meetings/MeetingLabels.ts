import { useTranslation } from 'react-i18next';
import type { MeetingListItem } from '../../../../contracts/meetings.ts';
import { amsterdamDateTimeOf } from '../../../../contracts/school-year.ts';
import { useFormatters } from '../../app/format.ts';

/** "14 oktober 2026, 14:00–15:30" for a meeting's start and end instants, in Amsterdam time. */
export function useMeetingWhen() {
  const { t } = useTranslation('meetings');
  const format = useFormatters();
  return (startsAt: string, endsAt: string) => {
    const start = amsterdamDateTimeOf(new Date(startsAt));
    const end = amsterdamDateTimeOf(new Date(endsAt));
    return t('detail.when', { date: format.date(start.date), start: start.time, end: end.time });
  };
}

/** Where a meeting takes place: the place, online, or both. */
export function useMeetingPlace() {
  const { t } = useTranslation('meetings');
  return (meeting: Pick<MeetingListItem, 'place' | 'online'>) => {
    if (meeting.place && meeting.online) return t('list.placeOnline', { place: meeting.place });
    if (meeting.online) return t('list.online');
    return meeting.place ?? '—';
  };
}

/** The team's answer to an interim meeting (R13); a dash for the other kinds. */
export function useDecisionLabel() {
  const { t } = useTranslation('meetings');
  return (meeting: Pick<MeetingListItem, 'kind' | 'decision'>) =>
    meeting.kind !== 'interim' ? '—' : t(meeting.decision ? `decision.${meeting.decision}` : 'decision.none');
}
