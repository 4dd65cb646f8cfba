import { addDays } from '../../../contracts/school-year.ts';
import type { Scope } from '../../platform/access/policies.ts';

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

/** A period during which a team member was one of a school's fixed pair (R5): `validTo` exclusive, null while open. */
export type PairPeriod = { validFrom: string; validTo: string | null };

/** A recorded (re)assignment of a request: from that moment on, the request was the assignee's. */
export type RequestAssignment = { at: string; assigneeUserId: string | null };

/**
 * The third signal (issue 15): a read of a request's file by someone no longer assigned to it. A team
 * member reads a request through an assignment: as one of its school's fixed pair (R5) on that day, or as
 * the request's assignee at that moment. The read is a signal when the reader had such an assignment
 * before — a pair period at the school that started before the day, or the request assigned to them
 * earlier — but had neither at the moment of the read. Who the assignee was at a moment comes from the
 * recorded (re)assignments; for a request without any (older than this record), its current assignee
 * counts as the assignee throughout, so an unknown history never raises a signal.
 */
export function isReadByNoLongerAssigned(read: {
  readerUserId: string;
  /** The moment of the read (ISO) and its day in Amsterdam. */
  at: string;
  on: string;
  pairPeriods: readonly PairPeriod[];
  assignments: readonly RequestAssignment[];
  currentAssigneeUserId: string | null;
}): boolean {
  const moment = Date.parse(read.at);
  const isPairOn = read.pairPeriods.some(
    (period) => period.validFrom <= read.on && (period.validTo === null || read.on < period.validTo),
  );
  const wasPairBefore = read.pairPeriods.some((period) => period.validFrom < read.on);
  const before = read.assignments
    .filter((assignment) => Date.parse(assignment.at) <= moment)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const assigneeThen =
    read.assignments.length === 0
      ? read.currentAssigneeUserId
      : (before[before.length - 1]?.assigneeUserId ?? null);
  const wasAssigneeBefore = before.some((assignment) => assignment.assigneeUserId === read.readerUserId);
  if (isPairOn || assigneeThen === read.readerUserId) return false;
  return wasPairBefore || wasAssigneeBefore;
}

/** The scopes that give a record through an assignment to it rather than by role alone. */
const assignmentScopes: readonly Scope[] = [
  'assigned',
  'assigned_schools',
  'self',
  'contact_person',
  'participant',
];

/**
 * The roles that read a kind of file by their role alone (the whole partnership, or their own
 * location), from the policy's scopes of its read action: a read by someone holding one of them is not
 * looked at by the third signal, since no assignment is needed for it.
 */
export function rolesReadingWithoutAssignment(
  scopesByRole: Readonly<Record<string, readonly Scope[]>>,
): string[] {
  return Object.entries(scopesByRole)
    .filter(([, scopes]) => scopes.some((scope) => !assignmentScopes.includes(scope)))
    .map(([role]) => role)
    .sort();
}
