import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AttendancePeriod,
  AttendanceToday,
  AttendanceVisit,
  AttendanceWeek,
  CrisisVisit,
} from '../../../contracts/attendance.ts';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { TrajectoryDetail } from '../../../contracts/trajectories.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { createTrajectoryWorld, type TrajectoryWorld } from '../../test/support/trajectories.test-support.ts';
import { runRetention } from '../retention/retention.job.ts';

let harness: Harness;
let world: TrajectoryWorld;
// Tuesday 6 October 2026, 10:00 in Amsterdam: a school day, during school hours.
const now = '2026-10-06T08:00:00Z';

const fields = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);
const crisisVisitRows = async () =>
  harness.database.queryAsOwner<{
    id: string;
    trajectory_id: string | null;
    pupil_last_name: string | null;
    note: string | null;
  }>(
    sql`select id, trajectory_id, pupil_last_name, note from attendance_visits
      where tenant_id = ${world.tenantId}::uuid and reason = 'crisis' order by checked_in_at`,
  );
const auditsOf = async (event: string) =>
  harness.database.queryAsOwner<{ object_id: string | null; details: Record<string, unknown> | null }>(
    sql`select object_id, details from audit_events where event = ${event}
      and tenant_id = ${world.tenantId}::uuid order by id`,
  );
const checkIn = (changes: Record<string, unknown> = {}) => ({
  locationId: world.locationIds.main,
  firstName: 'Daan',
  lastName: 'de Vries',
  className: '3C',
  note: 'Paniek na de pauze, wil even rust.',
  ...changes,
});
const signal = (changes: Record<string, unknown> = {}) => ({
  mentorUserId: world.mentor.userId,
  source: 'teacher',
  observed: 'Komt de laatste weken vaak overstuur naar het expertisepunt.',
  discussWith: 'mentor',
  ...changes,
});

let visit: CrisisVisit;

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set(now);
  world = await createTrajectoryWorld(harness);
});
afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});

describe('crisis care without a trajectory (E7)', () => {
  it('E7: the VSO teacher takes in a pupil of the school with name and class only; audited (P2)', async () => {
    const response = await world.vsoTeacher.client.post('/api/expertise-point/crisis-visits', checkIn());
    expect(response.statusCode, response.body).toBe(201);
    visit = response.json() as CrisisVisit;
    expect(visit).toMatchObject({
      trajectoryId: null,
      locationId: world.locationIds.main,
      reason: 'crisis',
      firstName: 'Daan',
      lastName: 'de Vries',
      className: '3C',
      checkedInAt: new Date(now).toISOString(),
      checkedOutAt: null,
    });
    const [event] = await auditsOf('attendance.crisis_checked_in');
    expect(event?.object_id).toBe(visit.id);
    expect(JSON.stringify(event?.details)).not.toContain('Daan');
  });

  it('E7: the same pupil cannot be taken in twice at once', async () => {
    const again = await world.careCoordinator.client.post(
      '/api/expertise-point/crisis-visits',
      checkIn({ firstName: ' daan', className: '3c' }),
    );
    expect(again.statusCode, again.body).toBe(409);
    expect(fields(again)).toEqual([['lastName', 'attendance_already_present']]);
    expect(await crisisVisitRows()).toHaveLength(1);
  });

  it('E7: bad input is refused with field errors and nothing is saved', async () => {
    const empty = await world.vsoTeacher.client.post(
      '/api/expertise-point/crisis-visits',
      checkIn({ firstName: '', className: undefined, time: '25:00' }),
    );
    expect(empty.statusCode).toBe(400);
    expect(fields(empty).map(([path]) => path)).toEqual(
      expect.arrayContaining(['firstName', 'className', 'time']),
    );
    const future = await world.vsoTeacher.client.post(
      '/api/expertise-point/crisis-visits',
      checkIn({ lastName: 'Bakker', time: '11:00' }),
    );
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual([['time', 'attendance_time_in_future']]);
    // A location the VSO teacher does not work at is refused on its field.
    const elsewhere = await world.vsoTeacher.client.post(
      '/api/expertise-point/crisis-visits',
      checkIn({ lastName: 'Bakker', locationId: world.locationIds.other }),
    );
    expect(elsewhere.statusCode).toBe(400);
    expect(fields(elsewhere).map(([path]) => path)).toEqual(['locationId']);
    expect(await crisisVisitRows()).toHaveLength(1);
  });

  it('P1: a mentor, a teacher and the team leader cannot take a pupil in', async () => {
    for (const user of [world.mentor, world.teacher, world.teamLeader]) {
      const response = await user.client.post(
        '/api/expertise-point/crisis-visits',
        checkIn({ lastName: 'Smit' }),
      );
      expect(response.statusCode, response.body).toBe(403);
    }
  });

  it("E7: the day's list shows the visit; the week shows it to the point's staff, not to a mentor", async () => {
    const today = (await world.vsoTeacher.client.get('/api/expertise-point/today')).json() as AttendanceToday;
    expect(today.crisis.map((row) => [row.id, row.lastName, row.checkedOutAt])).toEqual([
      [visit.id, 'de Vries', null],
    ]);
    const [viewed] = (await auditsOf('attendance.viewed')).slice(-1);
    expect(viewed?.details?.crisisVisitIds).toEqual([visit.id]);
    const week = (await world.teamLeader.client.get('/api/expertise-point/week')).json() as AttendanceWeek;
    expect(week.crisis.map((row) => row.id)).toEqual([visit.id]);
    const mentorWeek = await world.mentor.client.get(
      `/api/expertise-point/week?locationId=${world.locationIds.main}`,
    );
    if (mentorWeek.statusCode === 200) expect((mentorWeek.json() as AttendanceWeek).crisis).toEqual([]);
    else expect(mentorWeek.statusCode).toBe(404);
    const other = (
      await world.otherVsoTeacher.client.get('/api/expertise-point/today')
    ).json() as AttendanceToday;
    expect(other.crisis).toEqual([]);
  });

  it('E7: the pupil is checked out through the ordinary check-out; others do not reach the visit', async () => {
    const foreign = await world.otherVsoTeacher.client.post(
      `/api/attendance-visits/${visit.id}/check-out`,
      {},
    );
    expect(foreign.statusCode).toBe(404);
    harness.clock.set('2026-10-06T08:45:00Z');
    const out = await world.vsoTeacher.client.post(`/api/attendance-visits/${visit.id}/check-out`, {});
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ trajectoryId: null, minutes: 45 });
    const [event] = (await auditsOf('attendance.checked_out')).slice(-1);
    expect(event?.object_id).toBe(visit.id);
  });

  it('E9: the visit becomes a signal with name and class carried over, and is linked to it', async () => {
    const teacher = await world.teacher.client.post(`/api/attendance-visits/${visit.id}/signal`, signal());
    expect(teacher.statusCode).toBe(404);
    const bad = await world.vsoTeacher.client.post(
      `/api/attendance-visits/${visit.id}/signal`,
      signal({ observed: '', source: 'neighbour' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).map(([path]) => path)).toEqual(expect.arrayContaining(['observed', 'source']));

    const response = await world.vsoTeacher.client.post(
      `/api/attendance-visits/${visit.id}/signal`,
      signal(),
    );
    expect(response.statusCode, response.body).toBe(201);
    const trajectory = response.json() as TrajectoryDetail;
    expect(trajectory).toMatchObject({ status: 'signalled' });
    expect(JSON.stringify(trajectory)).toContain('de Vries');
    expect(JSON.stringify(trajectory)).toContain('3C');
    const [row] = await crisisVisitRows();
    expect(row).toMatchObject({ trajectory_id: trajectory.id, pupil_last_name: null });
    const [event] = await auditsOf('attendance.crisis_signalled');
    expect(event).toMatchObject({ object_id: visit.id, details: { trajectoryId: trajectory.id } });

    const period = (
      await world.careCoordinator.client.get(`/api/trajectories/${trajectory.id}/attendance?from=2026-10-06`)
    ).json() as AttendancePeriod;
    expect(period.items.map((item: AttendanceVisit) => [item.id, item.reason])).toEqual([
      [visit.id, 'crisis'],
    ]);
    const today = (await world.vsoTeacher.client.get('/api/expertise-point/today')).json() as AttendanceToday;
    expect(today.crisis).toEqual([]);
  });

  it('E9: turning the same visit into a signal twice is refused with 409; no second trajectory', async () => {
    const again = await world.careCoordinator.client.post(
      `/api/attendance-visits/${visit.id}/signal`,
      signal(),
    );
    expect(again.statusCode, again.body).toBe(409);
    expect(fields(again)).toEqual([['visitId', 'crisis_already_signalled']]);
    expect((again.json() as ErrorResponse).error.fields?.[0]?.message).toContain('al een signaal');
    const [count] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from trajectories where tenant_id = ${world.tenantId}::uuid`,
    );
    expect(Number(count?.n)).toBe(1);
  });

  it('P4: after its retention period the name, class and note of an unlinked visit are cleared; the visit stays', async () => {
    const kept = await world.vsoTeacher.client.post(
      '/api/expertise-point/crisis-visits',
      checkIn({ firstName: 'Lotte', lastName: 'Jansen', className: '1A' }),
    );
    expect(kept.statusCode, kept.body).toBe(201);
    // Twelve months (the standard) and a day later.
    harness.clock.set('2027-10-08T01:00:00Z');
    const result = await runRetention(harness.services.kernel);
    expect(result.crisis_visit).toBe(1);
    const rows = await crisisVisitRows();
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.id === (kept.json() as CrisisVisit).id)).toMatchObject({
      trajectory_id: null,
      pupil_last_name: null,
      note: null,
    });
    const converted = await world.vsoTeacher.client.post(
      `/api/attendance-visits/${(kept.json() as CrisisVisit).id}/signal`,
      signal(),
    );
    expect(converted.statusCode).toBe(409);
    expect(fields(converted)).toEqual([['visitId', 'crisis_visit_anonymised']]);
    harness.clock.set(now);
  });
});
