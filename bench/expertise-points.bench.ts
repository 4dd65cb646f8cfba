/**
 * `tsx bench/expertise-points.bench.ts`: the expertise point's screens at the size of a very large
 * secondary location — BENCH_TRAJECTORIES pupils with a trajectory (default 2,000, of which three in four are
 * active), each with weekly expected times, 50 stays at the expertise point and 20 logged contacts —
 * as the care coordinator and the VSO teacher call them, through `app.inject` in a test harness: PGlite
 * in memory, then the PostgreSQL server (see bench/databases.ts). Prints the median and p95 of
 * BENCH_RUNS calls (default 20) after 3 warm-up calls. Every call also writes its audit event (P2).
 */
import { sql } from 'drizzle-orm';
import { addDays, todayInAmsterdam } from '../contracts/school-year.ts';
import { createHarness } from '../server/test/harness.ts';
import { createTrajectoryWorld } from '../server/test/support/trajectories.test-support.ts';
import { measureOnEachDatabase } from './databases.ts';
import { printTimings, type Timing, timeCall } from './timing.ts';

const trajectoryCount = Number(process.env.BENCH_TRAJECTORIES ?? 2_000);
const today = todayInAmsterdam();

async function measure(): Promise<Timing[]> {
  const harness = await createHarness();
  try {
    const world = await createTrajectoryWorld(harness);
    const { tenantId } = world;
    const main = world.locationIds.main;
    // Three in four active, the rest signalled or eligible. Names vary so a search has work to do.
    await harness.database.queryAsOwner(sql`
      insert into trajectories (tenant_id, location_id, status, pupil_first_name, pupil_last_name,
        pupil_class, mentor_user_id, signal_source, signal_observed, signal_discuss_with,
        signalled_by_user_id, created_at, updated_at)
      select ${tenantId}::uuid, ${main}::uuid,
        (array['active', 'active', 'active', 'active', 'active', 'active', 'signalled', 'eligible'])[1 + n % 8],
        'Leerling' || n, 'Achternaam' || (n % 97), (1 + n % 6)::text || chr(65 + n % 4),
        ${world.mentor.userId}::uuid, 'teacher', 'Zorg over de leerling', 'mentor', ${world.teacher.userId}::uuid,
        now() - (n % 300) * interval '1 day', now() - (n % 90) * interval '1 day'
      from generate_series(1, ${trajectoryCount}) as n`);
    await harness.database.queryAsOwner(sql`
      insert into attendance_expectations (tenant_id, trajectory_id, weekday, starts_at, ends_at, reason)
      select t.tenant_id, t.id, 1 + (abs(hashtext(t.id::text)) + d) % 5, '10:00', '11:30', 'planned'
      from trajectories t cross join generate_series(0, 1) as d
      where t.tenant_id = ${tenantId}::uuid and t.status = 'active'`);
    await harness.database.queryAsOwner(sql`
      insert into attendance_visits (tenant_id, trajectory_id, location_id, reason, checked_in_at,
        checked_out_at, checked_in_by_user_id, checked_out_by_user_id)
      select t.tenant_id, t.id, t.location_id, 'planned',
        ${`${today}T09:00:00Z`}::timestamptz - (v * 2 + 1) * interval '1 day',
        ${`${today}T10:00:00Z`}::timestamptz - (v * 2 + 1) * interval '1 day',
        ${world.vsoTeacher.userId}::uuid, ${world.vsoTeacher.userId}::uuid
      from trajectories t cross join generate_series(0, 49) as v
      where t.tenant_id = ${tenantId}::uuid and t.status = 'active'`);
    await harness.database.queryAsOwner(sql`
      insert into trajectory_contacts (tenant_id, trajectory_id, contact_on, party, channel, summary,
        created_by_user_id)
      select t.tenant_id, t.id, ${today}::date - c * 3, 'parents', 'phone', 'Gesprek met ouders',
        ${world.vsoTeacher.userId}::uuid
      from trajectories t cross join generate_series(0, 19) as c
      where t.tenant_id = ${tenantId}::uuid and t.status = 'active'`);
    await harness.database.queryAsOwner(sql`analyze`);
    const [pupil] = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id from trajectories where tenant_id = ${tenantId}::uuid and status = 'active' limit 1`,
    );
    const pupilId = pupil?.id ?? '';
    const careCoordinator = world.careCoordinator.client;
    const vsoTeacher = world.vsoTeacher.client;
    return [
      await timeCall('care coordinator: list, first page', () => careCoordinator.get('/api/trajectories')),
      await timeCall('care coordinator: list, search', () =>
        careCoordinator.get('/api/trajectories?q=achternaam4&status=active'),
      ),
      await timeCall('care coordinator: pupil file', () =>
        careCoordinator.get(`/api/trajectories/${pupilId}`),
      ),
      await timeCall('care coordinator: location overview', () =>
        careCoordinator.get(`/api/expertise-point/overview?locationId=${main}`),
      ),
      await timeCall('VSO teacher: today', () =>
        vsoTeacher.get(`/api/expertise-point/today?locationId=${main}`),
      ),
      await timeCall('VSO teacher: week', () =>
        vsoTeacher.get(`/api/expertise-point/week?locationId=${main}`),
      ),
      await timeCall('VSO teacher: pupil period', () =>
        vsoTeacher.get(`/api/trajectories/${pupilId}/attendance?from=${addDays(today, -90)}&to=${today}`),
      ),
      await timeCall('VSO teacher: check in and out', async () => {
        const visit = (
          await vsoTeacher.post(`/api/trajectories/${pupilId}/check-in`, { reason: 'time_out' })
        ).json() as { id: string };
        return vsoTeacher.post(`/api/attendance-visits/${visit.id}/check-out`, {});
      }),
    ];
  } finally {
    await harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(
  `\nExpertise point: ${trajectoryCount} trajectories at one location, 50 stays and 20 contacts per active pupil, Node ${process.version}\n`,
);
printTimings(results);
