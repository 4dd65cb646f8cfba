/**
 * `tsx bench/budgets.bench.ts`: the budget screens and time registration at the size of a large
 * partnership — 100 primary schools with an adopted allocation and BENCH_ENTRIES time entries this
 * school year (default 20,000, about what 12 team members log in a year) — as the coordinator, a team
 * member and a school call them, through `app.inject` in a test harness: PGlite in memory, then the
 * PostgreSQL server (see bench/databases.ts). Prints the median and p95 of BENCH_RUNS calls (default
 * 20) after 3 warm-up calls. Logging an entry includes the 80 %/100 % check of the school's budget.
 */
import { sql } from 'drizzle-orm';
import { schoolYearOf, todayInAmsterdam } from '../contracts/school-year.ts';
import { createHarness, type TestClient } from '../server/test/harness.ts';
import { measureOnEachDatabase } from './databases.ts';
import { printTimings, type Timing, timeCall } from './timing.ts';

const entryCount = Number(process.env.BENCH_ENTRIES ?? 20_000);
const today = todayInAmsterdam();
const schoolYear = schoolYearOf(today);

async function measure(): Promise<Timing[]> {
  const harness = await createHarness();
  try {
    const tenant = await harness.createTenant(['a']);
    const tenantId = tenant.tenantId;
    const schoolA = tenant.locationIds.a ?? '';
    const coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
    const member = await harness.createUser(tenantId, [
      { role: 'team_member', teamRole: 'behavioural_scientist' },
    ]);
    const ib = await harness.signedIn(
      await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: schoolA }]),
    );
    await harness.database.queryAsOwner(sql`
      insert into locations (tenant_id, brin, location_code, name, sector, place)
      select ${tenantId}::uuid, '99ZZ', lpad(n::text, 2, '0'), 'Basisschool ' || n, 'bo', 'Ede'
      from generate_series(0, 98) as n`);
    await harness.database.queryAsOwner(
      sql`insert into team_members (user_id, tenant_id) values (${member.userId}::uuid, ${tenantId}::uuid)`,
    );
    await harness.database.queryAsOwner(sql`
      insert into pupil_counts (tenant_id, location_id, school_year, pupils, source)
      select ${tenantId}::uuid, id, ${schoolYear - 1}, 100 + (abs(hashtext(name)) % 400), 'manual'
      from locations where tenant_id = ${tenantId}::uuid and sector = 'bo'`);
    await harness.database.queryAsOwner(sql`
      insert into school_team_assignments (tenant_id, location_id, user_id, team_role, is_contact, valid_from)
      select ${tenantId}::uuid, id, ${member.userId}::uuid, 'behavioural_scientist', true, ${`${schoolYear}-08-01`}::date
      from locations where tenant_id = ${tenantId}::uuid and sector = 'bo'`);
    const draft = (
      await coordinator.post('/api/allocations', { schoolYear, totalHours: 100_000, pupilWeightPercent: 100 })
    ).json() as { id: string };
    await coordinator.post(`/api/allocations/${draft.id}/adopt`, {});
    // The entries spread over the schools and over the school year up to yesterday.
    await harness.database.queryAsOwner(sql`
      with schools as (
        select id, row_number() over (order by id) - 1 as position, count(*) over () as total
        from locations where tenant_id = ${tenantId}::uuid and sector = 'bo'
      )
      insert into time_entries (tenant_id, user_id, location_id, entry_date, hours, activity, created_by_user_id)
      select ${tenantId}::uuid, ${member.userId}::uuid, s.id,
        ${`${schoolYear}-08-01`}::date + (n % greatest(1, ${today}::date - ${`${schoolYear}-08-01`}::date)),
        1.5, 'consultation', ${member.userId}::uuid
      from generate_series(1, ${entryCount}) as n
      join schools s on s.position = n % s.total`);
    await harness.database.queryAsOwner(sql`analyze`);
    const memberClient: TestClient = await harness.signedIn(member);
    const entry = { date: today, hours: 0.25, locationId: schoolA, activity: 'reporting', note: null };
    return [
      await timeCall('coordinator: all schools', () =>
        coordinator.get(`/api/budgets?schoolYear=${schoolYear}`),
      ),
      await timeCall('coordinator: members', () =>
        coordinator.get(`/api/budgets/members?schoolYear=${schoolYear}`),
      ),
      await timeCall('school: own budget page', () =>
        ib.get(`/api/budgets/${schoolA}?schoolYear=${schoolYear}`),
      ),
      await timeCall('team member: their schools', () =>
        memberClient.get(`/api/budgets?schoolYear=${schoolYear}`),
      ),
      await timeCall('team member: log an entry', () => memberClient.post('/api/time-entries', entry)),
    ];
  } finally {
    await harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(`\nBudgets: ${entryCount} time entries over 100 primary schools, Node ${process.version}\n`);
printTimings(results);
