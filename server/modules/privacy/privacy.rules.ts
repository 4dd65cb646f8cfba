import { addDays } from '../../../contracts/school-year.ts';

/** So many different files read by one person within one clock hour is a signal (issue 15). */
export const manyFilesPerHour = 20;

/** Working hours (Amsterdam): Monday to Friday, 07:00 to 19:00. Reads outside them are a signal. */
export const workingHours = { startHour: 7, endHour: 19, weekdays: [1, 2, 3, 4, 5] } as const;

/** At most this many signals in one list, the newest first. */
export const signalListLimit = 500;

/** The period a signal search covers: as asked, else the 30 days up to today. */
export function signalPeriodOf(
  query: { from?: string; to?: string },
  today: string,
): { from: string; to: string } {
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? addDays(to, -29);
  return { from, to };
}

/** Whether a moment, given as its Amsterdam weekday (1 = Monday … 7 = Sunday) and hour, is outside working hours. */
export function isOutsideWorkingHours(isoWeekday: number, hour: number): boolean {
  if (!(workingHours.weekdays as readonly number[]).includes(isoWeekday)) return true;
  return hour < workingHours.startHour || hour >= workingHours.endHour;
}
