import { schoolYearOf } from '../../../contracts/school-year.ts';

/** Most hours one person can log on one day. */
export const maxHoursPerDay = 24;

export type TimeEntryProblem = { path: string; code: string; params?: Record<string, number> };

export type TimeEntryFacts = {
  /** The day worked (YYYY-MM-DD). */
  date: string;
  hours: number;
  /** Today in Amsterdam. */
  today: string;
  /** Hours the person already logged that day, without this entry. */
  otherHoursThatDay: number;
  /** Months closed by the staff office (YYYY-MM). */
  closedMonths: ReadonlySet<string>;
  /** Whether the person serves the school on that date (fixed pair, or the request is theirs). */
  servesSchool: boolean;
  /**
   * Whether the request (if any) is one the person may log against: assigned to them, or at a school
   * they serve as one of its fixed pair on that date. The staff office's exception does not reach it.
   */
  requestIsTheirs: boolean;
  /**
   * Whether the one logging registers hours for anyone, not only their own (the staff office): they
   * may log for any school (their way to allow an exception).
   */
  registersForAnyone: boolean;
};

/** The month (YYYY-MM) of a date; closing periods works per month. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/**
 * What is wrong with a time entry, as field problems: hours in steps of 0.25 and at most 24 a day,
 * no future dates, only in the current school year, not in a closed month, and only on schools the
 * person serves unless the staff office logs it.
 */
export function findTimeEntryProblems(facts: TimeEntryFacts): TimeEntryProblem[] {
  const problems: TimeEntryProblem[] = [];
  if (!(facts.hours > 0) || !Number.isInteger(facts.hours * 4))
    problems.push({ path: 'hours', code: 'quarter_hours' });
  else if (facts.otherHoursThatDay + facts.hours > maxHoursPerDay)
    problems.push({
      path: 'hours',
      code: 'more_than_a_day',
      params: { left: Math.max(0, maxHoursPerDay - facts.otherHoursThatDay) },
    });
  if (facts.date > facts.today) problems.push({ path: 'date', code: 'date_in_future' });
  else if (schoolYearOf(facts.date) !== schoolYearOf(facts.today))
    problems.push({ path: 'date', code: 'outside_school_year' });
  else if (facts.closedMonths.has(monthOf(facts.date)))
    problems.push({ path: 'date', code: 'period_closed' });
  if (!facts.servesSchool && !facts.registersForAnyone)
    problems.push({ path: 'locationId', code: 'not_your_school' });
  else if (!facts.requestIsTheirs) problems.push({ path: 'requestId', code: 'request_not_theirs' });
  return problems;
}

/**
 * The entries of last week moved seven days on ("copy last week"), leaving out days in the future,
 * in another school year or in a closed month, so that a copy never creates an entry that would be refused.
 */
export function copyWeek<Entry extends { date: string }>(
  entries: readonly Entry[],
  context: { today: string; closedMonths: ReadonlySet<string> },
): Entry[] {
  return entries.flatMap((entry) => {
    const next = new Date(`${entry.date}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 7);
    const date = next.toISOString().slice(0, 10);
    const allowed =
      date <= context.today &&
      schoolYearOf(date) === schoolYearOf(context.today) &&
      !context.closedMonths.has(monthOf(date));
    return allowed ? [{ ...entry, date }] : [];
  });
}
