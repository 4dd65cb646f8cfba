/**
 * `tsx bench/my-work.bench.ts`: GET /api/my-work ("Mijn werk") at the size of a large partnership
 * (100 primary schools, BENCH_REQUESTS requests, default 20,000, with consent links, meetings and budget
 * warnings), as the staff office, an IB and a team member call it, through `app.inject` in a test
 * harness: PGlite in memory, then the PostgreSQL server (see bench/databases.ts). Prints the median and
 * p95 of BENCH_RUNS calls (default 20) after 3 warm-up calls.
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
    const tenantId = world.tenantId;
    await harness.database.queryAsOwner(sql`
      insert into locations (tenant_id, brin, location_code, name, sector, place)
      select ${tenantId}::uuid, '99ZZ', lpad(n::text, 2, '0'), 'Basisschool ' || n, 'bo', 'Ede'
      from generate_series(0, 97) as n`);
    await harness.database.queryAsOwner(sql`
      with schools as (
        select id, row_number() over (order by id) - 1 as position, count(*) over () as total
        from locations where tenant_id = ${tenantId}::uuid and sector = 'bo'
      )
      insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status,
        consent_status, type, question, assigned_user_id, created_by_user_id, submitted_at, updated_at)
      select ${tenantId}::uuid, s.id, 'HV-2026-' || lpad(n::text, 5, '0'), 2026, gen_random_uuid(),
        (array['draft','submitted','ready','assigned','in_progress','closed'])[1 + n % 6],
        (array['not_needed','pending','complete','refused','complete','complete'])[1 + n % 6],
        (array['pupil_advice','process_guidance','group_guidance','teacher_coaching_group'])[1 + n % 4],
        'Vraag ' || n,
        case when n % 6 in (3, 4) then
          (case when n % 2 = 0 then ${world.contact.userId}::uuid else ${world.adviser.userId}::uuid end) end,
        ${world.ib.userId}::uuid, now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval
      from generate_series(1, ${requestCount}) as n
      join schools s on s.position = n % s.total`);
    // A parent per pending request with a consent link: some waiting for weeks, some expired.
    await harness.database.queryAsOwner(sql`
      insert into request_people (tenant_id, request_id, kind, name)
      select tenant_id, id, 'parent', 'Ouder ' || reference
      from support_requests where tenant_id = ${tenantId}::uuid and consent_status = 'pending'`);
    await harness.database.queryAsOwner(sql`
      insert into consent_links (tenant_id, request_id, person_id, token_hash, expires_at, created_at)
      select p.tenant_id, p.request_id, p.id, md5(p.id::text), now() + ((row_number() over () % 40) - 20) * interval '1 day',
        now() - (row_number() over () % 30) * interval '1 day'
      from request_people p where p.tenant_id = ${tenantId}::uuid and p.kind = 'parent'`);
    await harness.database.queryAsOwner(sql`
      insert into budget_warnings (tenant_id, location_id, school_year, threshold)
      select ${tenantId}::uuid, id, 2026, 80 from locations where tenant_id = ${tenantId}::uuid and sector = 'bo' limit 30`);
    await harness.database.queryAsOwner(sql`analyze`);
    return [
      await timeCall('staff office: Mijn werk', () => world.coordinator.client.get('/api/my-work')),
      await timeCall('IB: Mijn werk', () => world.ib.client.get('/api/my-work')),
      await timeCall('team member: Mijn werk', () => world.contact.client.get('/api/my-work')),
      await timeCall('staff office: notifications', () => world.coordinator.client.get('/api/notifications')),
    ];
  } finally {
    await harness.close();
  }
}

const results = await measureOnEachDatabase(measure);
console.log(
  `\nMijn werk: ${requestCount} requests in one partnership over 100 primary schools, Node ${process.version}\n`,
);
printTimings(results);
