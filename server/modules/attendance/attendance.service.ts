import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type {
  AttendanceExpectation,
  AttendanceExpectationsInput,
  AttendancePeriod,
  AttendanceToday,
  AttendanceVisit,
  AttendanceWeek,
  CheckInInput,
  CheckOutInput,
  PeriodQuery,
  TodayPupil,
  WeekQuery,
} from '../../../contracts/attendance.ts';
import { addDays, amsterdamDateOf, amsterdamInstant } from '../../../contracts/school-year.ts';
import type { VisitReason } from '../../../contracts/trajectories.ts';
import { type DbTransaction, isUniqueViolation, queryRows } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import type { Action } from '../../platform/access/policies.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { locations } from '../schools/schools.schema.ts';
import {
  attendanceExpectations,
  attendanceVisits,
  trajectories,
} from '../trajectories/trajectories.schema.ts';
import { type TrajectoryRow, trajectoryColumns, trajectoryTarget } from '../trajectories/trajectory-scope.ts';
import {
  canPlanExpectations,
  checkInMoment,
  checkInRefusal,
  checkOutMoment,
  findExpectationProblems,
  isoWeekdayOf,
  isoWeekOf,
  minutesOfVisit,
  mondayOfIsoWeek,
  periodOf,
  schoolDaysOfWeek,
} from './attendance.rules.ts';
import { crisisVisitsAt } from './crisis-visits.ts';

type VisitRow = typeof attendanceVisits.$inferSelect;
type ExpectationRow = typeof attendanceExpectations.$inferSelect;
type Location = { id: string; name: string };

/**
 * A stay at the expertise point as a route's target, with its pupil's trajectory: it exists for whoever
 * reads the pupil's attendance, which follows the pupil file (P1); changing it takes `attendance.manage`.
 * A crisis visit without a trajectory (E7) sits at its location only: the location's staff who read the
 * point's pupils see it, a mentor (who reads only their own pupils) does not.
 */
export const visitTarget = defineTarget<{ visit: VisitRow; trajectory: TrajectoryRow | null }>({
  readAction: 'trajectories.read',
  load: ({ db }, id, { lock }) => selectVisit(db, id, lock),
  scopeOf: ({ visit, trajectory }, action) =>
    trajectory
      ? trajectoryTarget.scopeOf(trajectory, action)
      : { tenantId: visit.tenantId, locationId: visit.locationId },
});

const selectVisit = rowById('visit', (db, lock) => {
  const query = db
    .select({ visit: attendanceVisits, trajectory: trajectories })
    .from(attendanceVisits)
    .leftJoin(trajectories, eq(trajectories.id, attendanceVisits.trajectoryId))
    .where(eq(attendanceVisits.id, idPlaceholder));
  return lock ? query.for('update', { of: attendanceVisits }) : query;
});

// A stay's minutes in SQL, the same as minutesOfVisit: an open stay counts up to now on its own day only.
const visitMinutes = (now: Date) => {
  const today = amsterdamDateOf(now);
  return sql`floor(extract(epoch from (coalesce(${attendanceVisits.checkedOutAt},
    case when to_char(${attendanceVisits.checkedInAt} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') = ${today}
      then greatest(${now.toISOString()}::timestamptz, ${attendanceVisits.checkedInAt})
      else ${attendanceVisits.checkedInAt} end)
    - ${attendanceVisits.checkedInAt})) / 60)`;
};

/** A stay as the API shows it. */
export function visitView(row: VisitRow, now: Date): AttendanceVisit {
  return {
    id: row.id,
    trajectoryId: row.trajectoryId,
    locationId: row.locationId,
    reason: row.reason,
    checkedInAt: row.checkedInAt.toISOString(),
    checkedOutAt: row.checkedOutAt?.toISOString() ?? null,
    minutes: minutesOfVisit(row.checkedInAt, row.checkedOutAt, now),
    note: row.note,
  };
}

function expectationView(row: ExpectationRow): AttendanceExpectation {
  return {
    id: row.id,
    weekday: row.weekday,
    startTime: row.startsAt.slice(0, 5),
    endTime: row.endsAt.slice(0, 5),
    reason: row.reason,
  };
}

function refusal(path: string, code: string): RuleViolation {
  return new RuleViolation('conflict', 409, [{ path, code }]);
}

// Two check-ins of one pupil at once: the row lock on the trajectory orders them, the index decides.
function rethrowAlreadyPresent(error: unknown): never {
  throw isUniqueViolation(error, 'attendance_visits_one_open')
    ? refusal('trajectoryId', 'attendance_already_present')
    : error;
}

// Daily use of the expertise point (E3, E7): expected times, check-in and check-out, overviews.

/**
 * Today at one expertise point: the active pupils expected on today's weekday, who is present now,
 * and the other active pupils for an unplanned visit. Reading it is audited with the pupils shown (P2).
 */
export async function attendanceToday(
  context: UseCaseContext,
  query: { locationId?: string },
): Promise<AttendanceToday> {
  const { db } = context;
  const now = context.clock.now();
  const today = amsterdamDateOf(now);
  const choices = await locationsOf(context, 'attendance.manage');
  const location = chosenLocation(choices, query.locationId);
  const pupils = await db
    .select({
      trajectoryId: trajectories.id,
      firstName: trajectories.pupilFirstName,
      lastName: trajectories.pupilLastName,
      className: trajectories.pupilClass,
      status: trajectories.status,
    })
    .from(trajectories)
    .where(
      and(
        eq(trajectories.locationId, location.id),
        context.scope('attendance.manage', trajectoryColumns('attendance.manage')),
        or(
          eq(trajectories.status, 'active'),
          sql`exists (select 1 from attendance_visits v where v.trajectory_id = ${trajectories.id}
            and v.checked_out_at is null)`,
        ),
      ),
    )
    .orderBy(asc(trajectories.pupilLastName), asc(trajectories.pupilFirstName), asc(trajectories.id))
    .limit(500);
  const ids = pupils.map((pupil) => pupil.trajectoryId);
  const weekday = isoWeekdayOf(today);
  const expectations = ids.length
    ? await db
        .select()
        .from(attendanceExpectations)
        .where(
          and(inArray(attendanceExpectations.trajectoryId, ids), eq(attendanceExpectations.weekday, weekday)),
        )
        .orderBy(asc(attendanceExpectations.startsAt))
    : [];
  const openVisits = ids.length
    ? await db
        .select()
        .from(attendanceVisits)
        .where(and(inArray(attendanceVisits.trajectoryId, ids), isNull(attendanceVisits.checkedOutAt)))
    : [];
  const finished = ids.length
    ? await db
        .select({ trajectoryId: attendanceVisits.trajectoryId, visits: count() })
        .from(attendanceVisits)
        .where(
          and(
            inArray(attendanceVisits.trajectoryId, ids),
            gte(attendanceVisits.checkedInAt, amsterdamInstant(today, '00:00')),
            sql`${attendanceVisits.checkedOutAt} is not null`,
          ),
        )
        .groupBy(attendanceVisits.trajectoryId)
    : [];
  const result: AttendanceToday = {
    date: today,
    location,
    locations: choices,
    expected: [],
    present: [],
    others: [],
    crisis: await crisisVisitsAt(context.db, location.id, {
      from: amsterdamInstant(today, '00:00'),
      until: amsterdamInstant(addDays(today, 1), '00:00'),
      now,
    }),
  };
  for (const pupil of pupils) {
    const open = openVisits.find((visit) => visit.trajectoryId === pupil.trajectoryId);
    const expected = expectations
      .filter((expectation) => expectation.trajectoryId === pupil.trajectoryId)
      .map(({ startsAt, endsAt, reason }) => ({
        startTime: startsAt.slice(0, 5),
        endTime: endsAt.slice(0, 5),
        reason,
      }));
    const { status: _status, ...identity } = pupil;
    const row: TodayPupil = {
      ...identity,
      expected,
      openVisit: open ? visitView(open, now) : null,
      visitsToday: Number(finished.find((visits) => visits.trajectoryId === pupil.trajectoryId)?.visits ?? 0),
    };
    if (open) result.present.push(row);
    else if (pupil.status !== 'active') continue;
    else if (expected.length > 0) result.expected.push(row);
    else result.others.push(identity);
  }
  // The expected pupils in the order they are due.
  result.expected.sort((first, second) =>
    (first.expected[0]?.startTime ?? '').localeCompare(second.expected[0]?.startTime ?? ''),
  );
  await context.audit(
    'attendance.viewed',
    { type: 'location', id: location.id },
    {
      view: 'today',
      pupils: result.expected.length + result.present.length,
      trajectoryIds: [...result.expected, ...result.present, ...result.others].map(
        (pupil) => pupil.trajectoryId,
      ),
      crisisVisitIds: result.crisis.map((visit) => visit.id),
    },
  );
  return result;
}

/** Checks a pupil in with a reason (E3, E7); refused without an active trajectory at this location. */
export async function checkIn(
  context: UseCaseContext,
  trajectoryId: string,
  input: CheckInInput,
): Promise<AttendanceVisit> {
  const { db, actor } = context;
  const trajectory = await context.load(trajectoryTarget, trajectoryId, { lock: true });
  const now = context.clock.now();
  const [open] = await db
    .select({ id: attendanceVisits.id })
    .from(attendanceVisits)
    .where(and(eq(attendanceVisits.trajectoryId, trajectory.id), isNull(attendanceVisits.checkedOutAt)));
  const refused = checkInRefusal({
    status: trajectory.status,
    trajectoryLocationId: trajectory.locationId,
    locationId: input.locationId ?? trajectory.locationId,
    hasOpenVisit: Boolean(open),
  });
  if (refused)
    throw refusal(refused === 'attendance_other_location' ? 'locationId' : 'trajectoryId', refused);
  const moment = checkInMoment(now, input.time);
  if (moment.problem) throw new ValidationFailed([moment.problem]);
  const [visit] = await db
    .insert(attendanceVisits)
    .values({
      tenantId: trajectory.tenantId,
      trajectoryId: trajectory.id,
      locationId: trajectory.locationId,
      reason: input.reason,
      checkedInAt: moment.at,
      note: input.note || null,
      checkedInByUserId: actor.userId,
    })
    .returning()
    .catch(rethrowAlreadyPresent);
  if (!visit) throw new NotFound();
  await context.audit(
    'attendance.checked_in',
    { type: 'trajectory', id: trajectory.id },
    { reason: input.reason, late: input.time !== null },
  );
  return visitView(visit, now);
}

/** Checks a pupil out, now or at an explicit time that day; never before the check-in (E7). */
export async function checkOut(
  context: UseCaseContext,
  visitId: string,
  input: CheckOutInput,
): Promise<AttendanceVisit> {
  const found = await context.load(visitTarget, visitId, { lock: true });
  if (found.visit.checkedOutAt) throw refusal('visitId', 'attendance_already_out');
  const now = context.clock.now();
  const moment = checkOutMoment(now, found.visit.checkedInAt, input.time);
  if (moment.problem) throw new ValidationFailed([moment.problem]);
  const note = [found.visit.note, input.note].filter(Boolean).join('\n') || null;
  const [visit] = await context.db
    .update(attendanceVisits)
    .set({ checkedOutAt: moment.at, checkedOutByUserId: context.actor.userId, note })
    .where(eq(attendanceVisits.id, found.visit.id))
    .returning();
  if (!visit) throw new NotFound();
  await context.audit(
    'attendance.checked_out',
    found.trajectory
      ? { type: 'trajectory', id: found.trajectory.id }
      : { type: 'attendance_visit', id: found.visit.id },
    { late: input.time !== null },
  );
  return visitView(visit, now);
}

/** Replaces a pupil's weekly expected times (E3). */
export async function setExpectations(
  context: UseCaseContext,
  trajectoryId: string,
  input: AttendanceExpectationsInput,
): Promise<AttendanceExpectation[]> {
  const { db } = context;
  const trajectory = await context.load(trajectoryTarget, trajectoryId, { lock: true });
  if (!canPlanExpectations(trajectory.status)) throw refusal('trajectoryId', 'attendance_not_plannable');
  const problems = findExpectationProblems(input.expectations);
  if (problems.length > 0) throw new ValidationFailed(problems);
  await db.delete(attendanceExpectations).where(eq(attendanceExpectations.trajectoryId, trajectory.id));
  if (input.expectations.length > 0)
    await db.insert(attendanceExpectations).values(
      input.expectations.map((expectation) => ({
        tenantId: trajectory.tenantId,
        trajectoryId: trajectory.id,
        weekday: expectation.weekday,
        startsAt: expectation.startTime,
        endsAt: expectation.endTime,
        reason: expectation.reason,
      })),
    );
  await context.audit(
    'attendance.expectations_set',
    { type: 'trajectory', id: trajectory.id },
    { times: input.expectations.length },
  );
  return expectationsOf(db, trajectory.id);
}

/**
 * The week at one location: its active pupils (and anyone who came that week) × Monday–Friday, with
 * minutes and reasons. Pupils the reader may see only (a mentor: their own), paginated in SQL; reading
 * it is audited with the pupils shown (P2).
 */
export async function attendanceWeek(context: UseCaseContext, query: WeekQuery): Promise<AttendanceWeek> {
  const { db } = context;
  const now = context.clock.now();
  const today = amsterdamDateOf(now);
  const choices = await locationsOf(context, 'trajectories.read');
  const location = chosenLocation(choices, query.locationId);
  const week = query.week ?? isoWeekOf(today);
  const dates = schoolDaysOfWeek(week);
  const monday = mondayOfIsoWeek(week);
  const start = amsterdamInstant(monday, '00:00');
  const end = amsterdamInstant(addDays(monday, 7), '00:00');
  const { limit, offset } = pageWindow(query);
  const pupils = await db
    .select({
      trajectoryId: trajectories.id,
      firstName: trajectories.pupilFirstName,
      lastName: trajectories.pupilLastName,
      className: trajectories.pupilClass,
      status: trajectories.status,
      total: sql<number>`count(*) over ()`,
    })
    .from(trajectories)
    .where(
      and(
        eq(trajectories.locationId, location.id),
        context.scope('trajectories.read', trajectoryColumns('trajectories.read')),
        or(
          eq(trajectories.status, 'active'),
          sql`exists (select 1 from attendance_visits v where v.trajectory_id = ${trajectories.id}
            and v.checked_in_at >= ${start.toISOString()}::timestamptz and v.checked_in_at < ${end.toISOString()}::timestamptz)`,
        ),
        query.q
          ? sql`(${trajectories.pupilFirstName} || ' ' || ${trajectories.pupilLastName} || ' ' || ${trajectories.pupilClass}) ilike ${containsPattern(query.q)}`
          : undefined,
      ),
    )
    .orderBy(asc(trajectories.pupilLastName), asc(trajectories.pupilFirstName), asc(trajectories.id))
    .limit(limit)
    .offset(offset);
  const ids = pupils.map((pupil) => pupil.trajectoryId);
  const visits = ids.length
    ? await queryRows<{
        trajectory_id: string;
        day: string;
        reason: VisitReason;
        visits: string | number;
        minutes: string | number;
      }>(
        db,
        sql`select ${attendanceVisits.trajectoryId} as trajectory_id,
            to_char(${attendanceVisits.checkedInAt} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as day,
            ${attendanceVisits.reason} as reason, count(*) as visits,
            coalesce(sum(${visitMinutes(now)}), 0) as minutes
          from ${attendanceVisits}
          where ${inArray(attendanceVisits.trajectoryId, ids)}
            and ${attendanceVisits.locationId} = ${location.id}::uuid
            and ${gte(attendanceVisits.checkedInAt, start)} and ${lt(attendanceVisits.checkedInAt, end)}
          group by 1, 2, 3`,
      )
    : [];
  const weekdays = ids.length
    ? await db
        .selectDistinct({
          trajectoryId: attendanceExpectations.trajectoryId,
          weekday: attendanceExpectations.weekday,
        })
        .from(attendanceExpectations)
        .where(inArray(attendanceExpectations.trajectoryId, ids))
    : [];
  const items = pupils.map(({ total: _total, ...pupil }) => {
    const days = dates.map((date, index) => {
      const onDay = visits.filter(
        (visit) => visit.trajectory_id === pupil.trajectoryId && visit.day === date,
      );
      return {
        date,
        minutes: onDay.reduce((sum, visit) => sum + Number(visit.minutes), 0),
        visits: onDay.reduce((sum, visit) => sum + Number(visit.visits), 0),
        reasons: [...new Set(onDay.map((visit) => visit.reason))].sort(),
        expected: weekdays.some(
          (expectation) =>
            expectation.trajectoryId === pupil.trajectoryId && expectation.weekday === index + 1,
        ),
      };
    });
    return { ...pupil, days, totalMinutes: days.reduce((sum, day) => sum + day.minutes, 0) };
  });
  const total = Number(pupils[0]?.total ?? 0);
  // Crisis visits without a trajectory belong to the point, not to a pupil file: only whoever reads
  // the whole point's pupils sees them (not a mentor, who reads their own pupils only, P1).
  const crisis = context.may('trajectories.read', { locationId: location.id })
    ? await crisisVisitsAt(db, location.id, { from: start, until: end, now })
    : [];
  await context.audit(
    'attendance.viewed',
    { type: 'location', id: location.id },
    {
      view: 'week',
      week,
      pupils: items.length,
      trajectoryIds: ids,
      crisisVisitIds: crisis.map((visit) => visit.id),
    },
  );
  return {
    items,
    page: query.page,
    pageSize: query.pageSize,
    total,
    week,
    previousWeek: isoWeekOf(addDays(monday, -7)),
    nextWeek: isoWeekOf(addDays(monday, 7)),
    dates,
    location,
    locations: choices,
    crisis,
  };
}

/** A pupil's stays in a period with totals per reason, and the weekly expected times; audited (P2). */
export async function attendancePeriod(
  context: UseCaseContext,
  trajectoryId: string,
  query: PeriodQuery,
): Promise<AttendancePeriod> {
  const { db } = context;
  const trajectory = await context.load(trajectoryTarget, trajectoryId);
  const now = context.clock.now();
  const period = periodOf(amsterdamDateOf(now), query.from, query.to);
  if (period.problem) throw new ValidationFailed([period.problem]);
  const start = amsterdamInstant(period.from, '00:00');
  const end = amsterdamInstant(addDays(period.to, 1), '00:00');
  const inPeriod = and(
    eq(attendanceVisits.trajectoryId, trajectory.id),
    gte(attendanceVisits.checkedInAt, start),
    lt(attendanceVisits.checkedInAt, end),
  );
  const { limit, offset } = pageWindow(query);
  const rows = await db
    .select({ visit: attendanceVisits, total: sql<number>`count(*) over ()` })
    .from(attendanceVisits)
    .where(inPeriod)
    .orderBy(desc(attendanceVisits.checkedInAt), desc(attendanceVisits.id))
    .limit(limit)
    .offset(offset);
  const totals = await db
    .select({
      reason: attendanceVisits.reason,
      visits: count(),
      minutes: sql<string>`coalesce(sum(${visitMinutes(now)}), 0)`,
    })
    .from(attendanceVisits)
    .where(inPeriod)
    .groupBy(attendanceVisits.reason);
  const totalsView = totals
    .map((row) => ({ reason: row.reason, visits: Number(row.visits), minutes: Number(row.minutes) }))
    .sort((first, second) => first.reason.localeCompare(second.reason));
  await context.audit(
    'attendance.viewed',
    { type: 'trajectory', id: trajectory.id },
    { view: 'period', from: period.from, to: period.to },
  );
  return {
    items: rows.map((row) => visitView(row.visit, now)),
    page: query.page,
    pageSize: query.pageSize,
    total: Number(rows[0]?.total ?? 0),
    from: period.from,
    to: period.to,
    totals: totalsView,
    totalMinutes: totalsView.reduce((sum, row) => sum + row.minutes, 0),
    expectations: await expectationsOf(db, trajectory.id),
    canManage: context.may('attendance.manage', trajectoryTarget.scopeOf(trajectory, 'attendance.manage')),
  };
}

async function expectationsOf(db: DbTransaction, trajectoryId: string): Promise<AttendanceExpectation[]> {
  const rows = await db
    .select()
    .from(attendanceExpectations)
    .where(eq(attendanceExpectations.trajectoryId, trajectoryId))
    .orderBy(asc(attendanceExpectations.weekday), asc(attendanceExpectations.startsAt));
  return rows.map(expectationView);
}

/**
 * The expertise points this actor works with for an action: the locations of their own roles that
 * the policy reaches there, and (a mentor) the locations of the trajectories the policy reaches.
 */
export async function locationsOf(context: UseCaseContext, action: Action): Promise<Location[]> {
  const own = [
    ...new Set(
      context.actor.roles.flatMap((role) =>
        role.locationId && context.may(action, { locationId: role.locationId }) ? [role.locationId] : [],
      ),
    ),
  ];
  return context.db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(
      or(
        own.length > 0 ? inArray(locations.id, own) : undefined,
        sql`exists (select 1 from ${trajectories} where ${trajectories.locationId} = ${locations.id}
          and ${context.scope(action, trajectoryColumns(action))})`,
      ),
    )
    .orderBy(asc(locations.name), asc(locations.id));
}

/** The location asked for, or the first; one out of reach is not found, so its existence does not leak. */
export function chosenLocation(choices: Location[], locationId: string | undefined): Location {
  const location = locationId ? choices.find((choice) => choice.id === locationId) : choices[0];
  if (!location) throw new NotFound();
  return location;
}
