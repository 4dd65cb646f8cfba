import type { AttendanceExpectationInput } from '../../../contracts/attendance.ts';
import { addDays, amsterdamDateOf, amsterdamInstant } from '../../../contracts/school-year.ts';
import type { TrajectoryStatus } from '../../../contracts/trajectories.ts';

export type AttendanceProblem = { path: string; code: string };

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(isoDate: string): number {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The ISO week ("2026-W40") a calendar date falls in; the week of 4 January is week 1. */
export function isoWeekOf(isoDate: string): string {
  const thursday = addDays(isoDate, 4 - isoWeekdayOf(isoDate));
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(`${year}-01-04`, 4 - isoWeekdayOf(`${year}-01-04`));
  const week = Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week ("2026-W40" → "2026-09-28"). */
export function mondayOfIsoWeek(week: string): string {
  const year = Number(week.slice(0, 4));
  const number = Number(week.slice(6));
  const mondayOfWeekOne = addDays(`${year}-01-04`, 1 - isoWeekdayOf(`${year}-01-04`));
  return addDays(mondayOfWeekOne, (number - 1) * 7);
}

/** Monday to Friday of an ISO week: the days the expertise point is open (E7, school hours). */
export function schoolDaysOfWeek(week: string): string[] {
  const monday = mondayOfIsoWeek(week);
  return [0, 1, 2, 3, 4].map((offset) => addDays(monday, offset));
}

/**
 * What is wrong with a pupil's weekly schedule (E3): each time ends after it starts, and two times
 * on the same weekday do not overlap.
 */
export function findExpectationProblems(expectations: AttendanceExpectationInput[]): AttendanceProblem[] {
  const problems: AttendanceProblem[] = [];
  expectations.forEach((expectation, index) => {
    if (expectation.endTime <= expectation.startTime) {
      problems.push({ path: `expectations.${index}.endTime`, code: 'attendance_end_before_start' });
      return;
    }
    const overlaps = expectations.some(
      (other, otherIndex) =>
        otherIndex < index &&
        other.weekday === expectation.weekday &&
        other.startTime < expectation.endTime &&
        expectation.startTime < other.endTime,
    );
    if (overlaps) problems.push({ path: `expectations.${index}.startTime`, code: 'attendance_overlap' });
  });
  return problems;
}

/** Why a pupil may have weekly expected times planned: for a trajectory that is (about to be) running. */
export function canPlanExpectations(status: TrajectoryStatus): boolean {
  return status === 'active' || status === 'eligible';
}

/**
 * Why a check-in is refused, or null (E3): the pupil needs an active trajectory at the expertise point
 * where they check in, and can be there only once at a time.
 */
export function checkInRefusal(facts: {
  status: TrajectoryStatus;
  trajectoryLocationId: string;
  locationId: string;
  hasOpenVisit: boolean;
}): 'attendance_not_active' | 'attendance_other_location' | 'attendance_already_present' | null {
  if (facts.status !== 'active') return 'attendance_not_active';
  if (facts.trajectoryLocationId !== facts.locationId) return 'attendance_other_location';
  if (facts.hasOpenVisit) return 'attendance_already_present';
  return null;
}

type Registered = { at: Date; problem: null } | { at: null; problem: AttendanceProblem };

/**
 * The moment of a check-in: now, or an explicit time today for a stay registered afterwards; never
 * in the future.
 */
export function checkInMoment(now: Date, time: string | null): Registered {
  if (!time) return { at: now, problem: null };
  const at = amsterdamInstant(amsterdamDateOf(now), time);
  if (at.getTime() > now.getTime())
    return { at: null, problem: { path: 'time', code: 'attendance_time_in_future' } };
  return { at, problem: null };
}

/**
 * The moment of a check-out: now or an explicit time, always on the day of the check-in, not in the
 * future and not before the check-in. A stay left open on an earlier day needs the time it ended.
 */
export function checkOutMoment(now: Date, checkedInAt: Date, time: string | null): Registered {
  const day = amsterdamDateOf(checkedInAt);
  if (!time && amsterdamDateOf(now) !== day)
    return { at: null, problem: { path: 'time', code: 'attendance_time_required' } };
  const at = time ? amsterdamInstant(day, time) : now;
  if (at.getTime() > now.getTime())
    return { at: null, problem: { path: 'time', code: 'attendance_time_in_future' } };
  if (at.getTime() < checkedInAt.getTime())
    return { at: null, problem: { path: 'time', code: 'attendance_out_before_in' } };
  return { at, problem: null };
}

/** Whole minutes of a stay; an open stay counts up to now on its own day only. */
export function minutesOfVisit(checkedInAt: Date, checkedOutAt: Date | null, now: Date): number | null {
  if (!checkedOutAt && amsterdamDateOf(checkedInAt) !== amsterdamDateOf(now)) return null;
  const end = checkedOutAt ?? now;
  return Math.max(0, Math.floor((end.getTime() - checkedInAt.getTime()) / 60_000));
}

/** The period a pupil's overview covers: the last four weeks unless asked otherwise; at most a year. */
export function periodOf(
  today: string,
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string; problem: AttendanceProblem | null } {
  const end = to ?? today;
  const start = from ?? addDays(end, -27);
  if (start > end) return { from: start, to: end, problem: { path: 'to', code: 'attendance_period_order' } };
  if (addDays(start, 366) < end)
    return { from: start, to: end, problem: { path: 'from', code: 'attendance_period_too_long' } };
  return { from: start, to: end, problem: null };
}
