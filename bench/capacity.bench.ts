/**
 * `tsx bench/capacity.bench.ts`: GET /api/reports/capacity (demand against capacity, S4) as the staff
 * office, on a partnership with 100 primary schools each with a planning talk (expected requests, one
 * to three wanted tags), 40 team members with two tags, contracted hours and absences, a school year
 * of time entries (two a weekday per member) and 2,000 requests closed last year with their hours,
 * through `app.inject` in a test harness: PGlite in memory, then the PostgreSQL server (see
 * bench/databases.ts). Prints the median and p95 of BENCH_RUNS calls (default 20) after 3 warm-ups.
 */
import { sql } from 'drizzle-orm';
import { createHarness } from '../server/test/harness.ts';
import { measureOnEachDatabase } from './databases.ts';
import { printTimings, type Timing, timeCall } from './timing.ts';

const schoolYear = 2026;
const memberCount = 40;

async function measure(): Promise<Timing[]> {
  const harness = await createHarness();
  try {
    const { tenantId } = await harness.createTenant([]);
    const owner = (query: ReturnType<typeof sql>) => harness.database.queryAsOwner(query);
    const coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
    const members: string[] = [];
    for (let index = 0; index < memberCount; index += 1)
      members.push(
        (await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }])).userId,
      );
    const memberArray = sql`${`{${members.join(',')}}`}::uuid[]`;
    await owner(sql`
      insert into locations (tenant_id, brin, location_code, name, sector, place)
      select ${tenantId}::uuid, '99ZZ', lpad(n::text, 3, '0'), 'Basisschool ' || n, 'bo', 'Ede'
      from generate_series(1, 100) as n`);
    await owner(sql`
      insert into expertise_tags (tenant_id, name)
      select ${tenantId}::uuid, 'Expertise ' || n from generate_series(1, 9) as n`);
    await owner(sql`
      insert into team_members (tenant_id, user_id) select ${tenantId}::uuid, unnest(${memberArray})`);
    await owner(sql`
      with tags as (select id, row_number() over (order by name) - 1 as position from expertise_tags
        where tenant_id = ${tenantId}::uuid),
      team as (select user_id, row_number() over (order by user_id) - 1 as position from team_members
        where tenant_id = ${tenantId}::uuid)
      insert into team_member_tags (tenant_id, user_id, tag_id)
      select ${tenantId}::uuid, team.user_id, tags.id from team
      join tags on tags.position in (team.position % 9, (team.position + 4) % 9)`);
    await owner(sql`
      insert into team_member_hours (tenant_id, user_id, school_year, contracted_hours)
      select ${tenantId}::uuid, user_id, ${schoolYear}, 640 + (row_number() over (order by user_id) % 4) * 160
      from team_members where tenant_id = ${tenantId}::uuid`);
    await owner(sql`
      insert into team_member_absences (tenant_id, user_id, starts_on, ends_on)
      select ${tenantId}::uuid, user_id, date '2026-09-01' + ((n * 61 + row_number() over ()) % 280)::int,
        date '2026-09-01' + ((n * 61 + row_number() over ()) % 280)::int + 4
      from team_members, generate_series(0, 3) as n where tenant_id = ${tenantId}::uuid`);
    // A school year of time entries: two a weekday per member, on the schools in turn.
    await owner(sql`
      with schools as (select id, row_number() over (order by id) - 1 as position from locations
        where tenant_id = ${tenantId}::uuid),
      days as (select day::date as day, row_number() over (order by day) as position
        from generate_series(date '2026-08-01', date '2027-07-31', interval '1 day') as day
        where extract(isodow from day) < 6)
      insert into time_entries (tenant_id, user_id, location_id, entry_date, hours, activity, created_by_user_id)
      select ${tenantId}::uuid, m.user_id, s.id, d.day, 1.5 + slot, 'coaching', m.user_id
      from days d cross join team_members m cross join generate_series(0, 1) as slot
      join schools s on s.position = (d.position + slot) % 100
      where m.tenant_id = ${tenantId}::uuid`);
    // Last year's closed requests, one to two tags each, with hours booked on them.
    await owner(sql`
      with schools as (select id, row_number() over (order by id) - 1 as position from locations
        where tenant_id = ${tenantId}::uuid)
      insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status,
        created_by_user_id, closed_at)
      select ${tenantId}::uuid, s.id, 'HV-2025-' || lpad(n::text, 5, '0'), ${schoolYear - 1}, gen_random_uuid(),
        'closed', ${members[0]}::uuid, timestamptz '2026-06-01'
      from generate_series(1, 2000) as n join schools s on s.position = n % 100`);
    await owner(sql`
      with tags as (select id, row_number() over (order by name) - 1 as position from expertise_tags
        where tenant_id = ${tenantId}::uuid),
      requests as (select id, row_number() over (order by id) as position from support_requests
        where tenant_id = ${tenantId}::uuid)
      insert into support_request_tags (tenant_id, request_id, tag_id)
      select ${tenantId}::uuid, r.id, t.id from requests r
      join tags t on t.position in (r.position % 9, (r.position * 7) % 9)`);
    await owner(sql`
      insert into time_entries (tenant_id, user_id, location_id, request_id, entry_date, hours, activity,
        created_by_user_id)
      select r.tenant_id, ${members[1]}::uuid, r.location_id, r.id, date '2026-01-05' + n * 7, 2 + n, 'coaching',
        ${members[1]}::uuid
      from support_requests r, generate_series(0, 3) as n where r.tenant_id = ${tenantId}::uuid`);
    // This year's planning talks: every school, 3 to 14 expected requests, one to three wanted tags.
    await owner(sql`
      insert into meetings (tenant_id, location_id, kind, status, school_year, starts_at, ends_at,
        expected_requests, created_by_user_id)
      select ${tenantId}::uuid, l.id, 'annual_talk', 'held', ${schoolYear},
        timestamptz '2026-09-15 13:00Z' + (row_number() over (order by l.id)) * interval '1 day',
        timestamptz '2026-09-15 14:00Z' + (row_number() over (order by l.id)) * interval '1 day',
        3 + (row_number() over (order by l.id)) % 12, ${members[0]}::uuid
      from locations l where l.tenant_id = ${tenantId}::uuid`);
    await owner(sql`
      with tags as (select id, row_number() over (order by name) - 1 as position from expertise_tags
        where tenant_id = ${tenantId}::uuid),
      talks as (select id, row_number() over (order by id) as position from meetings
        where tenant_id = ${tenantId}::uuid)
      insert into meeting_wanted_tags (tenant_id, meeting_id, tag_id)
      select distinct ${tenantId}::uuid, k.id, t.id from talks k
      join tags t on t.position in (k.position % 9, (k.position * 5) % 9, case when k.position % 3 = 0 then 8 end)`);
    await owner(sql`analyze`);
    const [counts] = await harness.database.queryAsOwner<Record<string, number>>(sql`select
      (select count(*)::int from time_entries where tenant_id = ${tenantId}::uuid) as entries,
      (select count(*)::int from meeting_wanted_tags where tenant_id = ${tenantId}::uuid) as wanted`);
    console.log(`seeded: ${JSON.stringify(counts)}`);
    return [
      await timeCall('staff office: demand against capacity', () =>
        coordinator.get(`/api/reports/capacity?schoolYear=${schoolYear}`),
      ),
    ];
  } finally {
    await harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(
  `\nDemand against capacity: 100 schools with a planning talk, ${memberCount} team members, a school year of time entries, Node ${process.version}\n`,
);
printTimings(results);
