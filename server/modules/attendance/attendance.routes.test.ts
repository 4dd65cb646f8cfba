import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  AttendanceExpectation,
  AttendancePeriod,
  AttendanceToday,
  AttendanceVisit,
  AttendanceWeek,
} from '../../../contracts/attendance.ts';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import { addDays, amsterdamDateTimeOf, amsterdamInstant } from '../../../contracts/school-year.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';
import { isoWeekdayOf, isoWeekOf, mondayOfIsoWeek } from './attendance.rules.ts';

let harness: Harness;
let world: TrajectoryWorld;
let active: string;
// A user who is the VSO teacher of the other expertise point and a mentor at the main one.
let twoRoles: { userId: string; client: TestClient };
// Tuesday 6 October 2026, 10:00 in Amsterdam: a school day, during school hours.
const now = '2026-10-06T08:00:00Z';
const today = '2026-10-06';

const fields = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);
const visitsOf = async (trajectoryId: string) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from attendance_visits where trajectory_id = ${trajectoryId}::uuid`,
  );
  return Number(row?.n);
};
const audits = async (event: string) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from audit_events where event = ${event} and tenant_id = ${world.tenantId}::uuid`,
  );
  return Number(row?.n);
};
const lastViewed = async (view: string) => {
  const [row] = await harness.database.queryAsOwner<{ details: { trajectoryIds?: string[] } }>(
    sql`select details from audit_events where event = 'attendance.viewed' and details->>'view' = ${view}
      and tenant_id = ${world.tenantId}::uuid order by id desc limit 1`,
  );
  return row?.details;
};
const allWeekdays = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  startTime: '08:30',
  endTime: '10:00',
  reason: 'independent_work',
}));

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set(now);
  world = await createTrajectoryWorld(harness);
  active = await insertTrajectory(harness, world, { firstName: 'Noah' });
});
afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});

describe('check-in and check-out (E3, E7)', () => {
  it('E3: refuses a check-in without an active trajectory; nothing is saved', async () => {
    for (const status of ['eligible', 'ended', 'signalled'] as const) {
      const trajectoryId = await insertTrajectory(harness, world, {
        status,
        firstName: `Leerling ${status}`,
      });
      const response = await world.vsoTeacher.client.post(`/api/trajectories/${trajectoryId}/check-in`, {
        reason: 'planned',
      });
      expect(response.statusCode, response.body).toBe(409);
      expect(fields(response)).toEqual([['trajectoryId', 'attendance_not_active']]);
      expect((response.json() as ErrorResponse).error.fields?.[0]?.message).toContain('lopend traject');
      expect(await visitsOf(trajectoryId)).toBe(0);
    }
  });

  it('E3: refuses a check-in at another expertise point than the pupil’s own', async () => {
    const response = await world.vsoTeacher.client.post(`/api/trajectories/${active}/check-in`, {
      reason: 'planned',
      locationId: world.locationIds.other,
    });
    expect(response.statusCode).toBe(409);
    expect(fields(response)).toEqual([['locationId', 'attendance_other_location']]);
    // The VSO teacher of the other expertise point does not reach this pupil at all (P1).
    const other = await world.otherVsoTeacher.client.post(`/api/trajectories/${active}/check-in`, {
      reason: 'planned',
    });
    expect(other.statusCode).toBe(404);
    // Mentors and teachers do not check pupils in.
    expect(
      (await world.mentor.client.post(`/api/trajectories/${active}/check-in`, { reason: 'planned' }))
        .statusCode,
    ).toBe(403);
    expect(await visitsOf(active)).toBe(0);
  });

  it('E7: checks a pupil in with a reason, once at a time, and out again after the check-in', async () => {
    const checkedIn = await world.vsoTeacher.client.post(`/api/trajectories/${active}/check-in`, {
      reason: 'time_out',
      locationId: world.locationIds.main,
      note: 'Kwam overprikkeld binnen na de gymles.',
    });
    expect(checkedIn.statusCode, checkedIn.body).toBe(201);
    const visit = checkedIn.json() as AttendanceVisit;
    expect(visit).toMatchObject({ reason: 'time_out', checkedOutAt: null, minutes: 0 });

    const twice = await world.careCoordinator.client.post(`/api/trajectories/${active}/check-in`, {
      reason: 'crisis',
    });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual([['trajectoryId', 'attendance_already_present']]);

    const today = (await world.vsoTeacher.client.get('/api/expertise-point/today')).json() as AttendanceToday;
    expect(today.location.id).toBe(world.locationIds.main);
    expect(today.present.map((pupil) => pupil.trajectoryId)).toEqual([active]);
    expect(today.present[0]?.openVisit?.id).toBe(visit.id);

    expect(visit.checkedInAt).toBe(new Date(now).toISOString());
    const early = await world.vsoTeacher.client.post(`/api/attendance-visits/${visit.id}/check-out`, {
      time: '09:59',
    });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual([['time', 'attendance_out_before_in']]);
    const out = await world.vsoTeacher.client.post(`/api/attendance-visits/${visit.id}/check-out`, {});
    expect(out.statusCode, out.body).toBe(200);
    expect((out.json() as AttendanceVisit).checkedOutAt).not.toBeNull();
    const again = await world.vsoTeacher.client.post(`/api/attendance-visits/${visit.id}/check-out`, {});
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual([['visitId', 'attendance_already_out']]);
    // The other location's VSO teacher cannot check this pupil out (404: out of reach).
    expect(
      (await world.otherVsoTeacher.client.post(`/api/attendance-visits/${visit.id}/check-out`, {}))
        .statusCode,
    ).toBe(404);

    const after = (await world.vsoTeacher.client.get('/api/expertise-point/today')).json() as AttendanceToday;
    expect(after.present).toEqual([]);
    expect(await audits('attendance.checked_in')).toBe(1);
    expect(await audits('attendance.checked_out')).toBe(1);
  });

  it('E7: a late registration is for earlier today, never in the future', async () => {
    const { time } = amsterdamDateTimeOf(new Date(harness.clock.now().getTime() + 5 * 60_000));
    expect(time).toBe('10:05');
    const future = await world.vsoTeacher.client.post(`/api/trajectories/${active}/check-in`, {
      reason: 'planned',
      time,
    });
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual([['time', 'attendance_time_in_future']]);
    const bad = await world.vsoTeacher.client.post(`/api/trajectories/${active}/check-in`, {
      reason: 'sleeping',
      time: '25:00',
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).map(([path]) => path)).toEqual(expect.arrayContaining(['reason', 'time']));
  });
});

describe('expected times and overviews (E3, E7)', () => {
  it('E3: the VSO teacher sets the weekly expected times; overlaps and reversed times are refused', async () => {
    const overlap = await world.vsoTeacher.client.put(`/api/trajectories/${active}/attendance-expectations`, {
      expectations: [
        { weekday: 2, startTime: '08:30', endTime: '10:00' },
        { weekday: 2, startTime: '09:00', endTime: '09:30' },
        { weekday: 4, startTime: '11:00', endTime: '10:00' },
      ],
    });
    expect(overlap.statusCode).toBe(400);
    expect(fields(overlap)).toEqual([
      ['expectations.1.startTime', 'attendance_overlap'],
      ['expectations.2.endTime', 'attendance_end_before_start'],
    ]);
    const saved = await world.vsoTeacher.client.put(`/api/trajectories/${active}/attendance-expectations`, {
      expectations: allWeekdays,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as AttendanceExpectation[]).map((expectation) => expectation.weekday)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    const ended = await insertTrajectory(harness, world, { status: 'ended', firstName: 'Yara' });
    const refused = await world.vsoTeacher.client.put(`/api/trajectories/${ended}/attendance-expectations`, {
      expectations: allWeekdays,
    });
    expect(refused.statusCode).toBe(409);
    expect(fields(refused)).toEqual([['trajectoryId', 'attendance_not_plannable']]);
    expect(
      (
        await world.mentor.client.put(`/api/trajectories/${active}/attendance-expectations`, {
          expectations: [],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('E3: today lists the active pupils expected on today’s weekday, and the others for an unplanned visit', async () => {
    const mila = await insertTrajectory(harness, world, { firstName: 'Mila' });
    const today = (
      await world.vsoTeacher.client.get(`/api/expertise-point/today?locationId=${world.locationIds.main}`)
    ).json() as AttendanceToday;
    expect(isoWeekdayOf(today.date)).toBe(2);
    expect(today.expected.map((pupil) => pupil.trajectoryId)).toEqual([active]);
    expect(today.expected[0]?.expected).toEqual([
      { startTime: '08:30', endTime: '10:00', reason: 'independent_work' },
    ]);
    expect(today.others.map((pupil) => pupil.trajectoryId)).toEqual([mila]);
    // Ended and eligible pupils are not on today's screen.
    expect(today.expected.length + today.others.length + today.present.length).toBe(2);
    // The audit trail says which pupils were shown (P2).
    expect((await lastViewed('today'))?.trajectoryIds).toEqual([active, mila]);
    expect(
      (await world.vsoTeacher.client.get(`/api/expertise-point/today?locationId=${world.locationIds.other}`))
        .statusCode,
    ).toBe(404);
    expect((await world.mentor.client.get('/api/expertise-point/today')).statusCode).toBe(403);
  });

  it('E7: the week overview shows pupils × weekdays with minutes and reasons, filtered in SQL', async () => {
    const week = isoWeekOf(today);
    const response = await world.teamLeader.client.get(`/api/expertise-point/week?week=${week}&pageSize=1`);
    expect(response.statusCode, response.body).toBe(200);
    const overview = response.json() as AttendanceWeek;
    expect(overview).toMatchObject({ week, total: 2, pageSize: 1, location: { id: world.locationIds.main } });
    expect(overview.dates).toHaveLength(5);
    expect(overview.items).toHaveLength(1);
    const all = (
      await world.vsoTeacher.client.get(`/api/expertise-point/week?week=${week}&q=noah`)
    ).json() as AttendanceWeek;
    expect(all.items.map((row) => row.trajectoryId)).toEqual([active]);
    const noah = all.items[0];
    const todayCell = noah?.days.find((day) => day.date === today);
    expect(todayCell).toMatchObject({ visits: 1, reasons: ['time_out'], expected: true });
    expect(noah?.days.every((day) => day.expected)).toBe(true);
    expect(await audits('attendance.viewed')).toBeGreaterThanOrEqual(2);
    expect((await lastViewed('week'))?.trajectoryIds).toEqual([active]);
  });

  it('P1: a mentor sees only their own pupils in the week overview; the other location sees none of them', async () => {
    const otherMentor = await harness.createUser(world.tenantId, [
      { role: 'mentor', locationId: world.locationIds.main },
    ]);
    await insertTrajectory(harness, world, { firstName: 'Sem', mentorUserId: otherMentor.userId });
    const mine = (await world.mentor.client.get('/api/expertise-point/week')).json() as AttendanceWeek;
    expect(mine.items.map((row) => row.firstName).sort()).toEqual(['Mila', 'Noah']);
    const other = (
      await world.otherCareCoordinator.client.get('/api/expertise-point/week')
    ).json() as AttendanceWeek;
    expect(other.location.id).toBe(world.locationIds.other);
    expect(other.items).toEqual([]);
    expect(
      (
        await world.otherCareCoordinator.client.get(
          `/api/expertise-point/week?locationId=${world.locationIds.main}`,
        )
      ).statusCode,
    ).toBe(404);
    expect((await world.teacher.client.get('/api/expertise-point/week')).statusCode).toBe(403);
  });

  it('E7: the period overview of a pupil gives the stays and totals per reason; the mentor reads it', async () => {
    const response = await world.mentor.client.get(`/api/trajectories/${active}/attendance`);
    expect(response.statusCode, response.body).toBe(200);
    const period = response.json() as AttendancePeriod;
    expect(period).toMatchObject({ total: 1, canManage: false, to: today });
    expect(period.totals).toEqual([{ reason: 'time_out', visits: 1, minutes: period.totalMinutes }]);
    expect(period.expectations).toHaveLength(5);
    const managed = (
      await world.vsoTeacher.client.get(`/api/trajectories/${active}/attendance`)
    ).json() as AttendancePeriod;
    expect(managed.canManage).toBe(true);
    const reversed = await world.vsoTeacher.client.get(
      `/api/trajectories/${active}/attendance?from=2026-10-10&to=2026-10-01`,
    );
    expect(reversed.statusCode).toBe(400);
    expect(fields(reversed)).toEqual([['to', 'attendance_period_order']]);
    expect(
      (await world.otherVsoTeacher.client.get(`/api/trajectories/${active}/attendance`)).statusCode,
    ).toBe(404);
  });
});

describe('the clock of a stay (E7)', () => {
  afterEach(() => harness.clock.set(now));

  it('E7: an open stay counts up to now in every overview; left open until the next day, it needs the time it ended', async () => {
    const lotte = await insertTrajectory(harness, world, { firstName: 'Lotte' });
    const checkedIn = await world.vsoTeacher.client.post(`/api/trajectories/${lotte}/check-in`, {
      reason: 'planned',
      time: '09:15',
    });
    expect(checkedIn.statusCode, checkedIn.body).toBe(201);
    const visit = checkedIn.json() as AttendanceVisit;
    expect(visit.minutes).toBe(45);

    harness.clock.set('2026-10-06T08:30:00Z'); // 10:30
    const screen = (
      await world.vsoTeacher.client.get('/api/expertise-point/today')
    ).json() as AttendanceToday;
    expect(screen.present.find((pupil) => pupil.trajectoryId === lotte)?.openVisit?.minutes).toBe(75);
    const week = (
      await world.vsoTeacher.client.get('/api/expertise-point/week?q=lotte')
    ).json() as AttendanceWeek;
    expect(week.items[0]?.days.find((day) => day.date === today)?.minutes).toBe(75);
    const period = (
      await world.vsoTeacher.client.get(`/api/trajectories/${lotte}/attendance`)
    ).json() as AttendancePeriod;
    expect(period.totalMinutes).toBe(75);

    harness.clock.set('2026-10-07T07:00:00Z'); // Wednesday 09:00
    const nextDay = (
      await world.vsoTeacher.client.get(`/api/trajectories/${lotte}/attendance`)
    ).json() as AttendancePeriod;
    expect(nextDay.items[0]?.minutes).toBeNull();
    expect(nextDay.totalMinutes).toBe(0);
    const withoutTime = await world.vsoTeacher.client.post(
      `/api/attendance-visits/${visit.id}/check-out`,
      {},
    );
    expect(withoutTime.statusCode).toBe(400);
    expect(fields(withoutTime)).toEqual([['time', 'attendance_time_required']]);
    const out = await world.vsoTeacher.client.post(`/api/attendance-visits/${visit.id}/check-out`, {
      time: '12:00',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({
      checkedOutAt: amsterdamInstant(today, '12:00').toISOString(),
      minutes: 165,
    });
  });
});

describe('not found and forbidden', () => {
  it('P1: a pupil the actor reads but may not check in answers 403; a pupil out of their reach 404', async () => {
    const created = await harness.createUser(world.tenantId, [
      { role: 'vso_teacher', locationId: world.locationIds.other },
      { role: 'mentor', locationId: world.locationIds.main },
    ]);
    twoRoles = { userId: created.userId, client: await harness.signedIn(created) };
    const daan = await insertTrajectory(harness, world, { firstName: 'Daan', mentorUserId: created.userId });
    // As Daan's mentor they read his attendance, but they check pupils in only at their own point.
    expect((await twoRoles.client.get(`/api/trajectories/${daan}/attendance`)).statusCode).toBe(200);
    const refused = await twoRoles.client.post(`/api/trajectories/${daan}/check-in`, { reason: 'planned' });
    expect(refused.statusCode).toBe(403);
    expect(
      (await twoRoles.client.put(`/api/trajectories/${daan}/attendance-expectations`, { expectations: [] }))
        .statusCode,
    ).toBe(403);
    expect(
      (await twoRoles.client.post(`/api/trajectories/${active}/check-in`, { reason: 'planned' })).statusCode,
    ).toBe(404);
    expect(await visitsOf(daan)).toBe(0);

    const visit = (
      await world.vsoTeacher.client.post(`/api/trajectories/${daan}/check-in`, { reason: 'planned' })
    ).json() as AttendanceVisit;
    expect((await twoRoles.client.post(`/api/attendance-visits/${visit.id}/check-out`, {})).statusCode).toBe(
      403,
    );
    expect(
      (await world.otherVsoTeacher.client.post(`/api/attendance-visits/${visit.id}/check-out`, {}))
        .statusCode,
    ).toBe(404);
    expect(
      (await world.vsoTeacher.client.post(`/api/attendance-visits/${visit.id}/check-out`, {})).statusCode,
    ).toBe(200);
  });
});

describe('lists and single records agree (P1)', () => {
  // Every pupil a list shows in full, by the trajectory ids of its pages at each of the reader's locations.
  async function listed(
    client: TestClient,
    path: string,
    idsOf: (body: never) => string[],
  ): Promise<string[]> {
    const first = await client.get(path);
    if (first.statusCode !== 200) return [];
    const { locations } = first.json() as { locations: Array<{ id: string }> };
    const ids: string[] = [];
    for (const location of locations) {
      const separator = path.includes('?') ? '&' : '?';
      const response = await client.get(`${path}${separator}locationId=${location.id}`);
      expect(response.statusCode, response.body).toBe(200);
      ids.push(...idsOf(response.json() as never));
    }
    return ids.sort();
  }

  it('P1: for every role, the week lists exactly the pupils whose attendance answers 200, and today those it may check in', async () => {
    const monday = mondayOfIsoWeek(isoWeekOf(today));
    const pupils = await harness.database.queryAsOwner<{
      id: string;
      status: string;
      open: boolean;
      visited: boolean;
    }>(
      sql`select t.id, t.status,
          exists (select 1 from attendance_visits v where v.trajectory_id = t.id and v.checked_out_at is null) as open,
          exists (select 1 from attendance_visits v where v.trajectory_id = t.id
            and v.checked_in_at >= ${amsterdamInstant(monday, '00:00').toISOString()}::timestamptz
            and v.checked_in_at < ${amsterdamInstant(addDays(monday, 7), '00:00').toISOString()}::timestamptz) as visited
        from trajectories t where t.tenant_id = ${world.tenantId}::uuid`,
    );
    expect(pupils.length).toBeGreaterThan(5);
    const actors = {
      teacher: world.teacher.client,
      mentor: world.mentor.client,
      teamLeader: world.teamLeader.client,
      careCoordinator: world.careCoordinator.client,
      vsoTeacher: world.vsoTeacher.client,
      otherVsoTeacher: world.otherVsoTeacher.client,
      otherCareCoordinator: world.otherCareCoordinator.client,
      twoRoles: twoRoles.client,
    };
    const weeks: Record<string, string[]> = {};
    for (const [name, client] of Object.entries(actors)) {
      const readable: string[] = [];
      const manageable: string[] = [];
      for (const pupil of pupils) {
        const response = await client.get(`/api/trajectories/${pupil.id}/attendance`);
        if (response.statusCode !== 200) {
          expect([403, 404], name).toContain(response.statusCode);
          continue;
        }
        const onWeek = pupil.status === 'active' || pupil.visited;
        const onToday = pupil.status === 'active' || pupil.open;
        if (onWeek) readable.push(pupil.id);
        if (onToday && (response.json() as AttendancePeriod).canManage) manageable.push(pupil.id);
      }
      const week = await listed(client, '/api/expertise-point/week?pageSize=100', (body: AttendanceWeek) =>
        body.items.map((row) => row.trajectoryId),
      );
      const todayIds = await listed(client, '/api/expertise-point/today', (body: AttendanceToday) =>
        [...body.expected, ...body.present, ...body.others].map((row) => row.trajectoryId),
      );
      expect(week, name).toEqual(readable.sort());
      expect(todayIds, name).toEqual(manageable.sort());
      weeks[name] = week;
    }
    // Not agreement on nothing: the location's staff see the pupils, the mentor only their own.
    expect(weeks.vsoTeacher).toContain(active);
    expect(weeks.mentor).toContain(active);
    expect(weeks.mentor?.length).toBeLessThan(weeks.vsoTeacher?.length ?? 0);
    expect(weeks.teacher).toEqual([]);
  });
});
