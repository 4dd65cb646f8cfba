/**
 * `tsx bench/reports.bench.ts`: the year's figures (GET /api/reports/figures) at the size of a large
 * partnership (100 schools, BENCH_REQUESTS requests over this school year and last, default 20,000, with
 * their start events, consent records, time entries and meetings), for the staff office (no P9) and a
 * director (one school, P9), through `app.inject` in a test harness: PGlite in memory, then the
 * PostgreSQL server (see bench/databases.ts). Prints the median and p95 of BENCH_RUNS calls (default
 * 30) per screen and viewer. Add a screen to `screens` to time it too.
 */
import { sql } from 'drizzle-orm';
import { createHarness } from '../server/test/harness.ts';
import { createRequestsWorld } from '../server/test/support/requests.test-support.ts';
import { measureOnEachDatabase } from './databases.ts';

process.env.BENCH_RUNS ??= '30';
const { printTimings, timeCall } = await import('./timing.ts');
type Timing = Awaited<ReturnType<typeof timeCall>>;

const requestCount = Number(process.env.BENCH_REQUESTS ?? 20_000);
const today = '2026-03-04';
const schoolYear = 2025;

/** The figures screens timed, each for every viewer. */
const screens = [
  { name: 'team figures', path: `/api/reports/figures?section=team&schoolYear=${schoolYear}` },
];

async function measure(): Promise<Timing[]> {
  const harness = await createHarness();
  harness.clock.set(today);
  try {
    const world = await createRequestsWorld(harness);
    const tenantId = world.tenantId;
    const owner = (query: ReturnType<typeof sql>) => harness.database.queryAsOwner(query);
    await owner(sql`
      insert into locations (tenant_id, brin, location_code, name, sector, place)
      select ${tenantId}::uuid, '99ZZ', lpad(n::text, 2, '0'), 'Basisschool ' || n, 'bo', 'Ede'
      from generate_series(0, 96) as n`);
    // Submitted over this school year and last (1 Aug 2024 to today), spread over every school.
    await owner(sql`
      with schools as (
        select id, row_number() over (order by id) - 1 as position, count(*) over () as total
        from locations where tenant_id = ${tenantId}::uuid
      )
      insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status,
        consent_status, consent_fixed_on, type, asks_direct_pupil_support, question, created_by_user_id,
        submitted_at, closed_at)
      select ${tenantId}::uuid, s.id, 'HV-' || lpad(n::text, 6, '0'), 2025, gen_random_uuid(),
        (array['submitted','ready','assigned','in_progress','closed','closed','refused','withdrawn'])[1 + n % 8],
        case when n % 4 = 0 then (array['complete','complete','pending','refused','withdrawn'])[1 + n % 5]
          else 'not_needed' end,
        case when n % 4 = 0 and n % 5 < 2 then (d.submitted_at + (n % 20) * interval '1 day')::date end,
        (array['pupil_advice','process_guidance','group_guidance','teacher_coaching_group','school_wide_theme',
          'ib_coaching','teacher_coaching_pupil','teacher_coaching_classroom'])[1 + n % 8],
        n % 8 = 6, 'Vraag ' || n, ${world.ib.userId}::uuid, d.submitted_at,
        case when n % 8 in (4, 5, 6) then d.submitted_at + (30 + n % 60) * interval '1 day' end
      from generate_series(1, ${requestCount}) as n
      join schools s on s.position = n % s.total
      cross join lateral (select timestamptz '2024-08-01 10:00+02' + (n % 580) * interval '1 day' as submitted_at) d`);
    await owner(sql`
      insert into request_events (tenant_id, request_id, transition, from_status, to_status, at)
      select tenant_id, id, 'start', 'assigned', 'in_progress', submitted_at + (3 + length(reference) % 7) * interval '1 day'
      from support_requests where tenant_id = ${tenantId}::uuid and status in ('in_progress', 'closed')`);
    await owner(sql`
      insert into request_people (tenant_id, request_id, kind, name)
      select tenant_id, id, 'parent', 'Ouder ' || reference
      from support_requests where tenant_id = ${tenantId}::uuid and consent_status <> 'not_needed'`);
    await owner(sql`
      insert into consent_records (tenant_id, request_id, person_id, decision, method, decided_on)
      select p.tenant_id, p.request_id, p.id, 'given', (array['digital','paper','school'])[1 + row_number() over () % 3],
        '2025-01-01'
      from request_people p where p.tenant_id = ${tenantId}::uuid`);
    await owner(sql`
      insert into time_entries (tenant_id, user_id, location_id, request_id, entry_date, hours, activity, created_by_user_id)
      select tenant_id, ${world.contact.userId}::uuid, location_id, id, (submitted_at + interval '5 days')::date, 1.5,
        'coaching', ${world.contact.userId}::uuid
      from support_requests where tenant_id = ${tenantId}::uuid`);
    await owner(sql`
      insert into meetings (tenant_id, location_id, kind, status, school_year, starts_at, ends_at, created_by_user_id)
      select ${tenantId}::uuid, l.id, (array['annual_talk','sot','sot','interim'])[1 + k % 4], 'held', 2025,
        timestamptz '2024-09-01 10:00+02' + k * interval '40 days', timestamptz '2024-09-01 11:00+02' + k * interval '40 days',
        ${world.coordinator.userId}::uuid
      from locations l cross join generate_series(0, 13) as k where l.tenant_id = ${tenantId}::uuid`);
    await owner(sql`analyze`);
    const viewers = [
      { name: 'staff office', client: world.coordinator.client },
      { name: 'director', client: world.director.client },
    ];
    const timings: Timing[] = [];
    for (const screen of screens)
      for (const viewer of viewers)
        timings.push(await timeCall(`${viewer.name}: ${screen.name}`, () => viewer.client.get(screen.path)));
    return timings;
  } finally {
    await harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(
  `\nFigures: ${requestCount} requests over two school years in one partnership of 100 schools, Node ${process.version}\n`,
);
printTimings(results);
