/**
 * `tsx bench/reports-points.bench.ts`: GET /api/reports/figures?section=points (the expertise points'
 * figures, S1) at the size of a large partnership: 100 schools of which 30 secondary, BENCH_TRAJECTORIES
 * trajectories (default 20,000) over two school years with ten visits each, an OPP, evaluations,
 * referrals, teacher support and kept figures of deleted trajectories, all generated set-based. As the
 * staff office (every school) and a care coordinator (one location) call it, through `app.inject` in a
 * test harness: PGlite in memory, then the PostgreSQL server. Prints the median and p95 of BENCH_RUNS
 * calls (default 30 here) after 3 warm-ups.
 */
import { sql } from 'drizzle-orm';
import { createHarness } from '../server/test/harness.ts';
import { createTrajectoryWorld } from '../server/test/support/trajectories.test-support.ts';
import { measureOnEachDatabase } from './databases.ts';

process.env.BENCH_RUNS ??= '30';
const { printTimings, timeCall } = await import('./timing.ts');

const trajectoryCount = Number(process.env.BENCH_TRAJECTORIES ?? 20_000);
// Mid May of school year 2026-2027: this year is partly done, last year is whole.
const today = '2027-05-15';

async function measure() {
  const harness = await createHarness();
  harness.clock.set(today);
  try {
    // Four schools (two secondary: `main` and `other`) plus 28 secondary and 68 primary ones.
    const world = await createTrajectoryWorld(harness);
    const tenantId = world.tenantId;
    const coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
    await harness.database.queryAsOwner(sql`
      insert into locations (tenant_id, brin, location_code, name, sector, place)
      select ${tenantId}::uuid, '88YY', lpad(n::text, 2, '0'),
        case when n < 28 then 'Scholengemeenschap ' else 'Basisschool ' end || n,
        case when n < 28 then 'vo' else 'bo' end, 'Ede'
      from generate_series(0, 95) as n`);
    // Trajectories decided over the last two school years; a third ended 150 days after the decision.
    await harness.database.queryAsOwner(sql`
      with schools as (
        select id, row_number() over (order by id) - 1 as position, count(*) over () as total
        from locations where tenant_id = ${tenantId}::uuid and sector = 'vo'
      ), planned as (
        select n, '2025-08-01'::date + (n % 640) as decided from generate_series(1, ${trajectoryCount}) as n
      )
      insert into trajectories (tenant_id, location_id, status, pupil_first_name, pupil_last_name, pupil_class,
        mentor_user_id, signal_source, signal_observed, signal_discuss_with, signalled_by_user_id,
        eligibility_decided_on, eligibility_decided_by_user_id, ended_on, end_reason, diploma_obtained,
        diploma_level, next_destination, ended_by_user_id)
      select ${tenantId}::uuid, s.id, case when ended then 'ended' else 'active' end,
        'Leerling' || n, 'Achternaam' || (n % 97), (1 + n % 6)::text || chr(65 + n % 4),
        ${world.mentor.userId}::uuid, 'teacher', 'Zorg over de leerling', 'mentor', ${world.teacher.userId}::uuid,
        decided, ${world.careCoordinator.userId}::uuid,
        case when ended then decided + 150 end,
        case when ended then (array['goals_reached','diploma','moved_school','special_education','parents_request','other'])[1 + n % 6] end,
        case when ended then n % 6 = 1 end,
        case when ended and n % 6 = 1 then (array['vmbo_bb','vmbo_kb','vmbo_gl_tl','havo','vwo'])[1 + n % 5] end,
        case when ended then 'mbo' end,
        case when ended then ${world.careCoordinator.userId}::uuid end
      from (select n, decided, n % 3 = 0 and decided + 150 <= ${today}::date as ended from planned) p
      join schools s on s.position = n % s.total`);
    await harness.database.queryAsOwner(sql`
      insert into opp_versions (tenant_id, trajectory_id, version, status, evaluation_dates, created_by_user_id,
        adopted_at, adopted_by_user_id)
      select tenant_id, id, 1, 'adopted', array[eligibility_decided_on + 180], ${world.careCoordinator.userId}::uuid,
        (eligibility_decided_on + (abs(hashtext(id::text)) % 70))::timestamp + interval '10 hours',
        ${world.careCoordinator.userId}::uuid
      from trajectories where tenant_id = ${tenantId}::uuid and eligibility_decided_on + 70 <= ${today}::date`);
    await harness.database.queryAsOwner(sql`
      insert into opp_evaluations (tenant_id, trajectory_id, opp_version_id, evaluated_on, summary,
        evaluated_by_user_id)
      select v.tenant_id, v.trajectory_id, v.id, v.evaluation_dates[1] - 10 + abs(hashtext(v.id::text)) % 30,
        'Evaluatie', ${world.careCoordinator.userId}::uuid
      from opp_versions v
      where v.tenant_id = ${tenantId}::uuid and abs(hashtext(v.id::text)) % 2 = 0
        and v.evaluation_dates[1] + 20 <= ${today}::date`);
    await harness.database.queryAsOwner(sql`
      insert into attendance_visits (tenant_id, trajectory_id, location_id, reason, checked_in_at, checked_out_at,
        checked_in_by_user_id, checked_out_by_user_id)
      select t.tenant_id, t.id, t.location_id,
        (array['planned','independent_work','time_out','crisis'])[1 + (v + abs(hashtext(t.id::text))) % 4],
        (t.eligibility_decided_on + v * 7)::timestamp + interval '8 hours',
        (t.eligibility_decided_on + v * 7)::timestamp + interval '9 hours',
        ${world.vsoTeacher.userId}::uuid, ${world.vsoTeacher.userId}::uuid
      from trajectories t cross join generate_series(0, 9) as v
      where t.tenant_id = ${tenantId}::uuid and t.eligibility_decided_on + v * 7 <= ${today}::date`);
    await harness.database.queryAsOwner(sql`
      insert into zat_referrals (tenant_id, trajectory_id, referred_on, agency_kind, reason, parental_consent,
        consent_recorded_on, outcome, outcome_on, created_by_user_id)
      select tenant_id, id, eligibility_decided_on + 20,
        (array['youth_care','mental_health','social_work','school_doctor','attendance_officer','other'])[1 + h % 6],
        'Hulp buiten school', (array['pending','given','given','refused'])[1 + h % 4],
        case when h % 4 <> 0 then eligibility_decided_on + 25 end,
        case when h % 4 = 2 then 'Aangemeld' end, case when h % 4 = 2 then eligibility_decided_on + 60 end,
        ${world.careCoordinator.userId}::uuid
      from (select *, abs(hashtext(id::text)) as h from trajectories where tenant_id = ${tenantId}::uuid) t
      where h % 5 = 0 and eligibility_decided_on + 60 <= ${today}::date`);
    await harness.database.queryAsOwner(sql`
      insert into teacher_support_activities (tenant_id, location_id, kind, occurred_on, topic, participant_count,
        created_by_user_id)
      select l.tenant_id, l.id, (array['training','class_support','tip'])[1 + d % 3], '2025-08-20'::date + d * 15,
        'Onderwerp', case when d % 3 = 0 then 10 end, ${world.careCoordinator.userId}::uuid
      from locations l cross join generate_series(0, 42) as d
      where l.tenant_id = ${tenantId}::uuid and l.sector = 'vo'`);
    await harness.database.queryAsOwner(sql`
      insert into trajectory_figures (tenant_id, location_id, school_year, end_reason, diploma_level, had_opp, count)
      select l.tenant_id, l.id, y, 'goals_reached', '', 'yes', 3
      from locations l cross join generate_series(2024, 2026) as y
      where l.tenant_id = ${tenantId}::uuid and l.sector = 'vo'`);
    await harness.database.queryAsOwner(sql`analyze`);
    const path = '/api/reports/figures?schoolYear=2026&section=points';
    return [
      await timeCall('staff office: expertise points figures', () => coordinator.get(path)),
      await timeCall('care coordinator: expertise points figures', () =>
        world.careCoordinator.client.get(path),
      ),
    ];
  } finally {
    await harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(
  `\nExpertise points' figures: ${trajectoryCount} trajectories over 30 secondary of 100 schools, Node ${process.version}\n`,
);
printTimings(results);
