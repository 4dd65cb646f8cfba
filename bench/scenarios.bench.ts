/**
 * `tsx bench/scenarios.bench.ts`: POST /api/allocations/scenarios (S3) with four scenarios over
 * BENCH_SCHOOLS primary schools (default 7,500: the national case) with their pupil counts, past
 * requests (20,000 of Passend's own and counts entered for earlier years) and last year's adopted
 * allocation, all generated set-based in the bench database. Times BENCH_CALLS calls (default 30)
 * after 3 warm-ups through `app.inject` — the server's whole work: contract, session, transaction,
 * the grouped query, four divisions with their fairness figures, the two figure tables and the
 * response schema — on PGlite in memory, then on the PostgreSQL server; and the pure computation
 * (`computeScenarios`) alone. Goal: under 100 ms server time.
 */
import { sql } from 'drizzle-orm';
import type { Allocation, ScenarioComparisonInput } from '../contracts/hours.ts';
import type { AllocationInputs } from '../server/modules/hours/hours.service.ts';
import { computeScenarios } from '../server/modules/hours/scenarios.service.ts';
import { createHarness } from '../server/test/harness.ts';
import { measureOnEachDatabase } from './databases.ts';

const schoolCount = Number(process.env.BENCH_SCHOOLS ?? 7_500);
const calls = Number(process.env.BENCH_CALLS ?? 30);
const requestCount = 20_000;
const schoolYear = 2027;

const scenarios: ScenarioComparisonInput['scenarios'] = [
  {
    totalHours: schoolCount * 40,
    setAsideHours: 0,
    pupilWeightPercent: 70,
    minimumHours: 10,
    roundingUnit: 1,
  },
  {
    totalHours: schoolCount * 40,
    setAsideHours: 0,
    pupilWeightPercent: 100,
    minimumHours: 0,
    roundingUnit: 1,
  },
  {
    totalHours: schoolCount * 40,
    setAsideHours: 0,
    pupilWeightPercent: 50,
    minimumHours: 20,
    roundingUnit: 0.5,
  },
  {
    totalHours: schoolCount * 36,
    setAsideHours: 0,
    pupilWeightPercent: 80,
    minimumHours: 5,
    roundingUnit: 0.5,
  },
];

type Timing = { call: string; median: number; p95: number; bytes?: number };

async function timed(call: string, run: () => Promise<number | undefined>): Promise<Timing> {
  const durations: number[] = [];
  let bytes: number | undefined;
  for (let index = 0; index < calls + 3; index += 1) {
    const started = performance.now();
    bytes = await run();
    const duration = performance.now() - started;
    if (index >= 3) durations.push(duration);
  }
  durations.sort((left, right) => left - right);
  const at = (share: number) =>
    durations[Math.min(durations.length - 1, Math.floor(share * durations.length))] ?? 0;
  return { call, median: at(0.5), p95: at(0.95), bytes };
}

async function measure(): Promise<Timing[]> {
  const harness = await createHarness();
  try {
    const { tenantId } = await harness.createTenant([]);
    const user = await harness.createUser(tenantId, [{ role: 'coordinator' }]);
    const coordinator = await harness.signedIn(user);
    await harness.database.queryAsOwner(sql`
      insert into locations (tenant_id, brin, location_code, name, sector, place)
      select ${tenantId}::uuid, lpad((n / 100)::text, 2, '0') || 'ZZ', lpad((n % 100)::text, 2, '0'),
        'Basisschool ' || lpad(n::text, 5, '0'), 'bo', 'Ede'
      from generate_series(0, ${schoolCount - 1}) as n`);
    // Pupils of 1 October 2025 (for last year's allocation) and 2026 (for this one): 40 to 939.
    await harness.database.queryAsOwner(sql`
      insert into pupil_counts (tenant_id, location_id, school_year, pupils, source)
      select ${tenantId}::uuid, l.id, y.year, 40 + ((row_number() over (partition by y.year order by l.id) * 7919 + y.year) % 900), 'manual'
      from locations l cross join (values (2025), (2026)) as y(year)
      where l.tenant_id = ${tenantId}::uuid`);
    await harness.database.queryAsOwner(sql`
      insert into historical_request_counts (tenant_id, location_id, school_year, count)
      select ${tenantId}::uuid, l.id, y.year, (row_number() over (partition by y.year order by l.id) * 104729 + y.year) % 7
      from locations l cross join (values (2023), (2024), (2025)) as y(year)
      where l.tenant_id = ${tenantId}::uuid`);
    await harness.database.queryAsOwner(sql`
      with schools as (
        select id, row_number() over (order by id) - 1 as position, count(*) over () as total
        from locations where tenant_id = ${tenantId}::uuid
      )
      insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status,
        created_by_user_id)
      select ${tenantId}::uuid, s.id, 'HV-2026-' || lpad(n::text, 5, '0'), 2026, gen_random_uuid(),
        (array['submitted','closed','refused','draft','in_progress'])[1 + n % 5], ${user.userId}::uuid
      from generate_series(1, ${requestCount}) as n
      join schools s on s.position = (n * 7) % s.total`);
    // Last year's allocation, computed and adopted through the routes, as the staff office would.
    const draft = await coordinator.post('/api/allocations', {
      schoolYear: schoolYear - 1,
      totalHours: schoolCount * 38,
      pupilWeightPercent: 70,
      minimumHours: 10,
    });
    if (draft.statusCode !== 201) throw new Error(`last year's allocation: ${draft.body}`);
    const adopted = await coordinator.post(`/api/allocations/${(draft.json() as Allocation).id}/adopt`);
    if (adopted.statusCode !== 200) throw new Error(`adopting: ${adopted.body}`);
    await harness.database.queryAsOwner(sql`analyze`);

    const body: ScenarioComparisonInput = { schoolYear, referenceYears: 3, scenarios, page: 1 };
    return [
      await timed('POST /api/allocations/scenarios (4 scenarios)', async () => {
        const response = await coordinator.post('/api/allocations/scenarios', body);
        if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
        return response.body.length;
      }),
    ];
  } finally {
    await harness.close();
  }
}

/** The same kind of inputs in memory: the division and the fairness figures without the database. */
function measurePure(): Promise<Timing> {
  const inputs: AllocationInputs = {
    schoolYear,
    pupilCountYear: schoolYear - 1,
    referenceSchoolYears: [schoolYear - 3, schoolYear - 2, schoolYear - 1],
    schools: Array.from({ length: schoolCount }, (_, index) => ({
      id: `location-${String(index).padStart(6, '0')}`,
      name: `Basisschool ${index}`,
      pupils: 40 + ((index * 7919) % 900),
      requests: (index * 104729) % 23,
    })),
    contractedHours: 0,
    lastYear: new Map(
      Array.from({ length: schoolCount - 100 }, (_, index) => [
        `location-${String(index).padStart(6, '0')}`,
        10 + ((index * 31) % 60),
      ]),
    ),
  };
  return timed('computeScenarios (pure, 4 scenarios)', async () => {
    const outcome = computeScenarios(inputs, scenarios);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    return undefined;
  });
}

const pure = await measurePure();
const results = await measureOnEachDatabase(measure);
console.log(
  `\nAllocation scenarios (S3): ${schoolCount} schools, ${calls} calls after 3 warm-ups, Node ${process.version}\n`,
);
console.log('| where | call | median ms | p95 ms | response |');
console.log('| --- | --- | ---: | ---: | ---: |');
const row = (where: string, timing: Timing) =>
  console.log(
    `| ${where} | ${timing.call} | ${timing.median.toFixed(1)} | ${timing.p95.toFixed(1)} | ${
      timing.bytes === undefined ? '—' : `${Math.round(timing.bytes / 1024)} kB`
    } |`,
  );
row('in memory', pure);
for (const { database, result } of results) for (const timing of result) row(database, timing);
