import { addDays, schoolYearBounds } from '../../../contracts/school-year.ts';
import type { RecordProblem } from './contacts.rules.ts';

/** Support for teachers is recorded after it happened (E6): not in the future. */
export function findTeacherSupportProblems(facts: { occurredOn: string; today: string }): RecordProblem[] {
  return facts.occurredOn > facts.today ? [{ path: 'occurredOn', code: 'support_date_in_future' }] : [];
}

/** The twelve months of a school year, August to July, as "YYYY-MM". */
export function monthsOfSchoolYear(schoolYear: number): string[] {
  return Array.from({ length: 12 }, (_, index) => {
    const month = ((7 + index) % 12) + 1;
    const year = month >= 8 ? schoolYear : schoolYear + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/**
 * Signals per month for the whole school year, with zero for the months without any (E6: the
 * preventive and signalling role shows as a trend over the year).
 */
export function signalsPerMonth(
  schoolYear: number,
  counted: Array<{ month: string; signals: number }>,
): Array<{ month: string; signals: number }> {
  const byMonth = new Map(counted.map((row) => [row.month, row.signals]));
  return monthsOfSchoolYear(schoolYear).map((month) => ({ month, signals: byMonth.get(month) ?? 0 }));
}

/** The first day of a school year and the day after its last: a half-open range of dates. */
export function schoolYearRange(schoolYear: number): { from: string; until: string } {
  const { start, end } = schoolYearBounds(schoolYear);
  return { from: start, until: addDays(end, 1) };
}
