import { useTranslation } from 'react-i18next';
import type { VisitReason } from '../../../../contracts/trajectories.ts';

/** ISO weekdays 1–5 as catalogue keys. */
export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** The weekday (1 = Monday) of a calendar date. */
export function weekdayOf(isoDate: string): number {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "49" for "2026-W49". */
export function weekNumberOf(week: string): number {
  return Number(week.slice(6));
}

/** Minutes as "1 u 27 min" or "45 min". */
export function useDuration() {
  const { t } = useTranslation('attendance');
  return (minutes: number) =>
    minutes >= 60
      ? t('attendance.duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 })
      : t('attendance.duration.minutes', { minutes });
}

/** The reason in words. */
export function useReasonLabel() {
  const { t } = useTranslation('attendance');
  return (reason: VisitReason) => t(`attendance.reasons.${reason}`);
}

/** The wall-clock time (HH:MM) in Amsterdam of an instant. */
export function clockOf(instant: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}
