import { addDays } from '../../../contracts/school-year.ts';

/** Monday to Sunday of the ISO week a date (YYYY-MM-DD) falls in. */
export function isoWeekOf(isoDate: string): { start: string; end: string } {
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay() || 7;
  const start = addDays(isoDate, 1 - weekday);
  return { start, end: addDays(start, 6) };
}

/** "The last month" on the overview: the 30 days up to and including today. */
export function last30DaysFrom(today: string): string {
  return addDays(today, -29);
}
