/**
 * `tsx bench/requests.bench.ts`: support-request lists and detail at the size of a large partnership
 * (~100 primary schools, BENCH_REQUESTS requests, default 20,000). Inserts the requests set-based, then
 * times the routes as the coordinator, an IB and a team member would call them, through `app.inject`
 * in a test harness: PGlite in memory, then the PostgreSQL server (see bench/databases.ts). Prints the
 * median and p95 of BENCH_RUNS calls (default 20) after 3 warm-up calls.
 */
import { sql } from 'drizzle-orm';
import { createHarness } from '../server/test/harness.ts';
import { createRequestsWorld } from '../server/test/support/requests.test-support.ts';
import { measureOnEachDatabase } from './databases.ts';
import { printTimings, type Timing, timeCall } from './timing.ts';

const requestCount = Number(process.env.BENCH_REQUESTS ?? 20_000);

async function measure(): Promise<Timing[]> {
  const harness = await createHarness();
  try {
    const world = await createRequestsWorld(harness);
    // 100 more primary schools, then the requests spread over all of them, in three statements.
    await harness.database.queryAsOwner(sql`
      insert into locations (tenant_id, brin, location_code, name, sector, place)
      select ${world.tenantId}::uuid, '99ZZ', lpad(n::text, 2, '0'), 'Basisschool ' || n, 'bo', 'Ede'
      from generate_series(0, 99) as n`);
    await harness.database.queryAsOwner(sql`
      with schools as (
        select id, row_number() over (order by id) - 1 as position, count(*) over () as total
        from locations where tenant_id = ${world.tenantId}::uuid and sector = 'bo'
      )
      insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status,
        consent_status, type, question, assigned_user_id, created_by_user_id, submitted_at, updated_at)
      select ${world.tenantId}::uuid, s.id, 'HV-2026-' || lpad(n::text, 5, '0'), 2026, gen_random_uuid(),
        (array['submitted','ready','assigned','in_progress','closed','paused'])[1 + n % 6],
        (array['pending','complete','complete','complete','complete','withdrawn'])[1 + n % 6],
        (array['pupil_advice','process_guidance','teacher_coaching_classroom','group_guidance'])[1 + n % 4],
        'Vraag ' || n,
        case when n % 6 in (2, 3, 4, 5) then
          (case when n % 2 = 0 then ${world.contact.userId}::uuid else ${world.adviser.userId}::uuid end) end,
        ${world.ib.userId}::uuid, now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval
      from generate_series(1, ${requestCount}) as n
      join schools s on s.position = n % s.total`);
    await harness.database.queryAsOwner(sql`
      insert into request_people (tenant_id, request_id, kind, name, birth_date)
      select tenant_id, id, 'pupil', 'Leerling ' || reference, date '2016-05-01'
      from support_requests where tenant_id = ${world.tenantId}::uuid and type = 'pupil_advice'`);
    await harness.database.queryAsOwner(sql`analyze`);
    const [sample] = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id from support_requests where location_id = ${world.locationIds.a}::uuid limit 1`,
    );
    return [
      await timeCall('coordinator: first page', () =>
        world.coordinator.client.get('/api/requests?page=1&pageSize=25'),
      ),
      await timeCall('coordinator: status filter', () =>
        world.coordinator.client.get('/api/requests?status=in_progress'),
      ),
      await timeCall('coordinator: search number', () =>
        world.coordinator.client.get('/api/requests?q=HV-2026-012'),
      ),
      await timeCall('coordinator: page 400', () =>
        world.coordinator.client.get('/api/requests?page=400&pageSize=25'),
      ),
      await timeCall('coordinator: filter choices', () =>
        world.coordinator.client.get('/api/requests/filter-options'),
      ),
      await timeCall('IB: own school, first page', () =>
        world.ib.client.get('/api/requests?page=1&pageSize=25'),
      ),
      await timeCall('IB: search pupil name', () =>
        world.ib.client.get('/api/requests?q=Leerling%20HV-2026-0001'),
      ),
      await timeCall('team member: assigned to me', () =>
        world.contact.client.get('/api/requests?mine=true'),
      ),
      await timeCall('detail (IB)', () => world.ib.client.get(`/api/requests/${sample?.id}`)),
    ];
  } finally {
    await harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(
  `\nSupport requests: ${requestCount} in one partnership over 102 primary schools, Node ${process.version}\n`,
);
printTimings(results);
