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
import { addDays, amsterdamInstant, todayInAmsterdam } from '../../../contracts/school-year.ts';
import type { VisitReason } from '../../../contracts/trajectories.ts';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import { type Action, type Actor, canAccess } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, pageWindow } from '../../platform/http/pagination.ts';
import { locations } from '../schools/schools.schema.ts';
import {
  attendanceExpectations,
  attendanceVisits,
  trajectories,
} from '../trajectories/trajectories.schema.ts';
import { canOnTrajectory, findTrajectory, trajectoryCondition } from '../trajectories/trajectory-scope.ts';
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

type VisitRow = typeof attendanceVisits.$inferSelect;
type ExpectationRow = typeof attendanceExpectations.$inferSelect;
type Location = { id: string; name: string };

// A stay's minutes in SQL, the same as minutesOfVisit: an open stay counts up to now on its own day only.
const visitMinutes = (today: string) =>
  sql`floor(extract(epoch from (coalesce(${attendanceVisits.checkedOutAt},
    case when to_char(${attendanceVisits.checkedInAt} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') = ${today}
      then greatest(now(), ${attendanceVisits.checkedInAt}) else ${attendanceVisits.checkedInAt} end)
    - ${attendanceVisits.checkedInAt})) / 60)`;

function visitView(row: VisitRow, now: Date): AttendanceVisit {
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

/** Daily use of the expertise point (E3, E7): expected times, check-in and check-out, overviews. */
export class AttendanceService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Today at one expertise point: the active pupils expected on today's weekday, who is present now,
   * and the other active pupils for an unplanned visit. Reading it is audited (P2).
   */
  today(actor: Actor, query: { locationId?: string }, meta: RequestMeta): Promise<AttendanceToday> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const now = this.clock();
      const today = todayInAmsterdam(now);
      const choices = await locationsOf(transaction, actor, 'attendance.manage');
      const location = chosenLocation(choices, query.locationId);
      const pupils = await transaction.db
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
            trajectoryCondition(actor, 'attendance.manage'),
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
        ? await transaction.db
            .select()
            .from(attendanceExpectations)
            .where(
              and(
                inArray(attendanceExpectations.trajectoryId, ids),
                eq(attendanceExpectations.weekday, weekday),
              ),
            )
            .orderBy(asc(attendanceExpectations.startsAt))
        : [];
      const openVisits = ids.length
        ? await transaction.db
            .select()
            .from(attendanceVisits)
            .where(and(inArray(attendanceVisits.trajectoryId, ids), isNull(attendanceVisits.checkedOutAt)))
        : [];
      const finished = ids.length
        ? await transaction.db
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
          visitsToday: Number(
            finished.find((visits) => visits.trajectoryId === pupil.trajectoryId)?.visits ?? 0,
          ),
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
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'attendance.viewed',
        { type: 'location', id: location.id },
        { view: 'today', pupils: result.expected.length + result.present.length },
      );
      return result;
    });
  }

  /** Checks a pupil in with a reason (E3, E7); refused without an active trajectory at this location. */
  checkIn(
    actor: Actor,
    trajectoryId: string,
    input: CheckInInput,
    meta: RequestMeta,
  ): Promise<AttendanceVisit> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'attendance.manage', {
        lock: true,
      });
      const now = this.clock();
      const [open] = await transaction.db
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
      const [visit] = await transaction.db
        .insert(attendanceVisits)
        .values({
          tenantId: actor.tenantId,
          trajectoryId: trajectory.id,
          locationId: trajectory.locationId,
          reason: input.reason,
          checkedInAt: moment.at,
          note: input.note || null,
          checkedInByUserId: actor.userId,
        })
        .returning();
      if (!visit) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'attendance.checked_in',
        { type: 'trajectory', id: trajectory.id },
        { reason: input.reason, late: input.time !== null },
      );
      return visitView(visit, now);
    });
  }

  /** Checks a pupil out, now or at an explicit time that day; never before the check-in (E7). */
  checkOut(actor: Actor, visitId: string, input: CheckOutInput, meta: RequestMeta): Promise<AttendanceVisit> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const [found] = await transaction.db
        .select({ visit: attendanceVisits, trajectory: trajectories })
        .from(attendanceVisits)
        .innerJoin(trajectories, eq(trajectories.id, attendanceVisits.trajectoryId))
        .where(eq(attendanceVisits.id, visitId))
        .for('update', { of: attendanceVisits });
      if (!found || !canOnTrajectory(actor, 'attendance.manage', found.trajectory)) throw new NotFound();
      if (found.visit.checkedOutAt) throw refusal('visitId', 'attendance_already_out');
      const now = this.clock();
      const moment = checkOutMoment(now, found.visit.checkedInAt, input.time);
      if (moment.problem) throw new ValidationFailed([moment.problem]);
      const note = [found.visit.note, input.note].filter(Boolean).join('\n') || null;
      const [visit] = await transaction.db
        .update(attendanceVisits)
        .set({ checkedOutAt: moment.at, checkedOutByUserId: actor.userId, note })
        .where(eq(attendanceVisits.id, found.visit.id))
        .returning();
      if (!visit) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'attendance.checked_out',
        { type: 'trajectory', id: found.trajectory.id },
        { late: input.time !== null },
      );
      return visitView(visit, now);
    });
  }

  /** Replaces a pupil's weekly expected times (E3). */
  setExpectations(
    actor: Actor,
    trajectoryId: string,
    input: AttendanceExpectationsInput,
    meta: RequestMeta,
  ): Promise<AttendanceExpectation[]> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'attendance.manage', {
        lock: true,
      });
      if (!canPlanExpectations(trajectory.status)) throw refusal('trajectoryId', 'attendance_not_plannable');
      const problems = findExpectationProblems(input.expectations);
      if (problems.length > 0) throw new ValidationFailed(problems);
      await transaction.db
        .delete(attendanceExpectations)
        .where(eq(attendanceExpectations.trajectoryId, trajectory.id));
      if (input.expectations.length > 0)
        await transaction.db.insert(attendanceExpectations).values(
          input.expectations.map((expectation) => ({
            tenantId: actor.tenantId,
            trajectoryId: trajectory.id,
            weekday: expectation.weekday,
            startsAt: expectation.startTime,
            endsAt: expectation.endTime,
            reason: expectation.reason,
          })),
        );
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'attendance.expectations_set',
        { type: 'trajectory', id: trajectory.id },
        { times: input.expectations.length },
      );
      return expectationsOf(transaction, trajectory.id);
    });
  }

  /**
   * The week at one location: its active pupils (and anyone who came that week) × Monday–Friday, with
   * minutes and reasons. Pupils the reader may see only (a mentor: their own), paginated in SQL.
   */
  week(actor: Actor, query: WeekQuery, meta: RequestMeta): Promise<AttendanceWeek> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const now = this.clock();
      const today = todayInAmsterdam(now);
      const choices = await locationsOf(transaction, actor, 'trajectories.read');
      const location = chosenLocation(choices, query.locationId);
      const week = query.week ?? isoWeekOf(today);
      const dates = schoolDaysOfWeek(week);
      const monday = mondayOfIsoWeek(week);
      const start = amsterdamInstant(monday, '00:00');
      const end = amsterdamInstant(addDays(monday, 7), '00:00');
      const { limit, offset } = pageWindow(query);
      const pupils = await transaction.db
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
            trajectoryCondition(actor, 'trajectories.read'),
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
            transaction.db,
            sql`select ${attendanceVisits.trajectoryId} as trajectory_id,
                to_char(${attendanceVisits.checkedInAt} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as day,
                ${attendanceVisits.reason} as reason, count(*) as visits,
                coalesce(sum(${visitMinutes(today)}), 0) as minutes
              from ${attendanceVisits}
              where ${inArray(attendanceVisits.trajectoryId, ids)}
                and ${attendanceVisits.locationId} = ${location.id}::uuid
                and ${gte(attendanceVisits.checkedInAt, start)} and ${lt(attendanceVisits.checkedInAt, end)}
              group by 1, 2, 3`,
          )
        : [];
      const weekdays = ids.length
        ? await transaction.db
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
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'attendance.viewed',
        { type: 'location', id: location.id },
        { view: 'week', week, pupils: items.length },
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
      };
    });
  }

  /** A pupil's stays in a period with totals per reason, and the weekly expected times; audited (P2). */
  period(
    actor: Actor,
    trajectoryId: string,
    query: PeriodQuery,
    meta: RequestMeta,
  ): Promise<AttendancePeriod> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'trajectories.read');
      const now = this.clock();
      const today = todayInAmsterdam(now);
      const period = periodOf(today, query.from, query.to);
      if (period.problem) throw new ValidationFailed([period.problem]);
      const start = amsterdamInstant(period.from, '00:00');
      const end = amsterdamInstant(addDays(period.to, 1), '00:00');
      const inPeriod = and(
        eq(attendanceVisits.trajectoryId, trajectory.id),
        gte(attendanceVisits.checkedInAt, start),
        lt(attendanceVisits.checkedInAt, end),
      );
      const { limit, offset } = pageWindow(query);
      const rows = await transaction.db
        .select({ visit: attendanceVisits, total: sql<number>`count(*) over ()` })
        .from(attendanceVisits)
        .where(inPeriod)
        .orderBy(desc(attendanceVisits.checkedInAt), desc(attendanceVisits.id))
        .limit(limit)
        .offset(offset);
      const totals = await transaction.db
        .select({
          reason: attendanceVisits.reason,
          visits: count(),
          minutes: sql<string>`coalesce(sum(${visitMinutes(today)}), 0)`,
        })
        .from(attendanceVisits)
        .where(inPeriod)
        .groupBy(attendanceVisits.reason);
      const totalsView = totals
        .map((row) => ({ reason: row.reason, visits: Number(row.visits), minutes: Number(row.minutes) }))
        .sort((first, second) => first.reason.localeCompare(second.reason));
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
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
        expectations: await expectationsOf(transaction, trajectory.id),
        canManage: canOnTrajectory(actor, 'attendance.manage', trajectory),
      };
    });
  }
}

async function expectationsOf(
  transaction: Transaction,
  trajectoryId: string,
): Promise<AttendanceExpectation[]> {
  const rows = await transaction.db
    .select()
    .from(attendanceExpectations)
    .where(eq(attendanceExpectations.trajectoryId, trajectoryId))
    .orderBy(asc(attendanceExpectations.weekday), asc(attendanceExpectations.startsAt));
  return rows.map(expectationView);
}

/**
 * The expertise points this actor works with for an action: the secondary locations of their own
 * roles that the policy reaches, and (a mentor) the locations of their own pupils' trajectories.
 */
async function locationsOf(transaction: Transaction, actor: Actor, action: Action): Promise<Location[]> {
  const own = [
    ...new Set(
      actor.roles.flatMap((role) =>
        role.locationId && canAccess(actor, action, { tenantId: actor.tenantId, locationId: role.locationId })
          ? [role.locationId]
          : [],
      ),
    ),
  ];
  return transaction.db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(
      or(
        own.length > 0 ? inArray(locations.id, own) : undefined,
        sql`exists (select 1 from ${trajectories} where ${trajectories.locationId} = ${locations.id}
          and ${trajectoryCondition(actor, action)})`,
      ),
    )
    .orderBy(asc(locations.name), asc(locations.id));
}

/** The location asked for, or the first; one out of reach is not found, so its existence does not leak. */
function chosenLocation(choices: Location[], locationId: string | undefined): Location {
  const location = locationId ? choices.find((choice) => choice.id === locationId) : choices[0];
  if (!location) throw new NotFound();
  return location;
}
