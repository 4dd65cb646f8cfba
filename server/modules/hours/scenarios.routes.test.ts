import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { Allocation, ScenarioComparison } from '../../../contracts/hours.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';

let harness: Harness;
let tenantId: string;
let schools: Record<string, string>;
let coordinator: TestClient;

const fieldCodes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);

const scenario = (pupilWeightPercent: number, changes: Record<string, unknown> = {}) => ({
  totalHours: 100,
  pupilWeightPercent,
  ...changes,
});

beforeAll(async () => {
  harness = await createHarness();
  // Keys a, c, e are primary (bo); b and d are secondary (the harness alternates sectors).
  const tenant = await harness.createTenant(['a', 'b', 'c', 'd', 'e']);
  tenantId = tenant.tenantId;
  schools = tenant.locationIds;
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  // For 2025-2026 only school a has a count (of 2024); for 2026-2027 a, c and e have one (of 2025).
  await harness.database.queryAsOwner(sql`
    insert into pupil_counts (tenant_id, location_id, school_year, pupils, source) values
      (${tenantId}, ${schools.a}, 2024, 500, 'manual'),
      (${tenantId}, ${schools.a}, 2025, 300, 'manual'),
      (${tenantId}, ${schools.c}, 2025, 100, 'manual'),
      (${tenantId}, ${schools.e}, 2025, 100, 'manual')`);
  await harness.database.queryAsOwner(sql`
    insert into historical_request_counts (tenant_id, location_id, school_year, count) values
      (${tenantId}, ${schools.c}, 2024, 4)`);
});
afterAll(() => harness.close());

describe('S3: allocation scenarios side by side', () => {
  it('S3: four scenarios answer four results, each dividing the same schools', async () => {
    const response = await coordinator.post('/api/allocations/scenarios', {
      schoolYear: 2026,
      scenarios: [scenario(100), scenario(50), scenario(0), scenario(70, { minimumHours: 20 })],
    });
    expect(response.statusCode, response.body).toBe(200);
    const comparison = response.json() as ScenarioComparison;
    expect(comparison).toMatchObject({ schoolYear: 2026, pupilCountYear: 2025, schoolCount: 3 });
    expect(comparison.scenarios).toHaveLength(4);
    // Pupils only: 300/100/100 of 500 pupils → 60, 20, 20 hours: 12, 20, 20 per 100 pupils.
    expect(comparison.scenarios[0]).toMatchObject({
      totalHours: 100,
      hoursPer100Pupils: { min: 20, median: 20, max: 20 },
    });
    // a gets 20 per 100 as well: everyone 20 per 100 pupils → no spread at all.
    expect(comparison.scenarios[0]?.gini).toBe(0);
    // Requests only (c had all 4): c gets everything, a and e nothing.
    expect(comparison.scenarios[2]?.hoursPer100Pupils).toEqual({ min: 0, median: 0, max: 100 });
    expect(comparison.scenarios[2]?.gini).toBeCloseTo(0.8, 12);
    expect(comparison.fairness.rows.map((row) => row.label)).toEqual([
      'Scenario 1',
      'Scenario 2',
      'Scenario 3',
      'Scenario 4',
    ]);
    // The schools table: one row per counted school and a total; last year + 3 columns per scenario.
    expect(comparison.schools.columns).toHaveLength(1 + 4 * 3);
    expect(comparison.schools.rows.map((row) => row.isTotal)).toEqual([false, false, false, true]);
    const total = comparison.schools.rows.at(-1);
    expect([total?.values[1], total?.values[4], total?.values[7], total?.values[10]]).toEqual([
      100, 100, 100, 100,
    ]);
  });

  it('S3: the hours per school come a page at a time, the totals and figures over every school', async () => {
    const comparison = (
      await coordinator.post('/api/allocations/scenarios', {
        schoolYear: 2026,
        scenarios: [scenario(100)],
        page: 2,
      })
    ).json() as ScenarioComparison;
    expect(comparison.schoolsPage).toEqual({ page: 2, pageSize: 50, total: 3 });
    expect(comparison.schools.rows.map((row) => row.key)).toEqual(['total']);
    expect(comparison.schools.rows[0]?.values[1]).toBe(100);
  });

  it('S3: a fifth scenario is refused', async () => {
    const response = await coordinator.post('/api/allocations/scenarios', {
      schoolYear: 2026,
      scenarios: [scenario(10), scenario(20), scenario(30), scenario(40), scenario(50)],
    });
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response)[0]?.[0]).toBe('scenarios');
  });

  it('S3: bad settings are refused on the scenario’s own field', async () => {
    const weight = await coordinator.post('/api/allocations/scenarios', {
      schoolYear: 2026,
      scenarios: [scenario(50), scenario(120)],
    });
    expect(weight.statusCode).toBe(400);
    expect(fieldCodes(weight)[0]?.[0]).toBe('scenarios.1.pupilWeightPercent');
    // The key's own rules: a minimum of 40 for three schools exceeds 100 hours; half hours with whole rounding.
    const rules = await coordinator.post('/api/allocations/scenarios', {
      schoolYear: 2026,
      scenarios: [scenario(50), scenario(50, { minimumHours: 40 }), scenario(50, { totalHours: 100.5 })],
    });
    expect(rules.statusCode).toBe(400);
    expect(fieldCodes(rules)).toEqual([
      ['scenarios.1.minimumHours', 'minimum_exceeds_total'],
      ['scenarios.2.totalHours', 'not_a_multiple_of_unit'],
    ]);
    const noTeam = await coordinator.post('/api/allocations/scenarios', {
      schoolYear: 2026,
      scenarios: [scenario(50, { totalHours: null })],
    });
    expect(fieldCodes(noTeam)).toEqual([['scenarios.0.setAsideHours', 'total_not_positive']]);
  });

  it('S3: the change is against last year’s adopted allocation, not a later draft', async () => {
    const adopted = (
      await coordinator.post('/api/allocations', {
        schoolYear: 2025,
        totalHours: 100,
        pupilWeightPercent: 100,
      })
    ).json() as Allocation;
    expect((await coordinator.post(`/api/allocations/${adopted.id}/adopt`)).statusCode).toBe(200);
    // A correction in draft: not adopted, so not the comparison.
    const correction = await coordinator.post('/api/allocations', {
      schoolYear: 2025,
      totalHours: 60,
      pupilWeightPercent: 100,
      reason: 'Een lagere begroting',
    });
    expect(correction.statusCode).toBe(201);

    const comparison = (
      await coordinator.post('/api/allocations/scenarios', { schoolYear: 2026, scenarios: [scenario(100)] })
    ).json() as ScenarioComparison;
    expect(comparison.hasLastYear).toBe(true);
    const row = (id: string | undefined) => comparison.schools.rows.find((entry) => entry.key === id);
    // 2025-2026: only a counted (100 hours); c and e stored with 0 hours. Now a 60, c 20, e 20.
    expect(row(schools.a)?.values).toEqual([100, 60, -40, -40]);
    expect(row(schools.c)?.values).toEqual([0, 20, 20, null]);
    expect(comparison.scenarios[0]).toMatchObject({ gainerCount: 2, loserCount: 1 });
    expect(comparison.scenarios[0]?.losers.map((school) => school.locationId)).toEqual([schools.a]);
    expect(comparison.scenarios[0]?.gainers.map((school) => school.locationId).sort()).toEqual(
      [schools.c, schools.e].sort(),
    );
  });

  it('S3: a school new this year has no change figure', async () => {
    const [added] = await harness.database.queryAsOwner<{ id: string }>(sql`
      insert into locations (tenant_id, brin, location_code, name, sector, place)
      values (${tenantId}, '99ZZ', '00', 'School f', 'bo', 'Utrecht') returning id`);
    await harness.database.queryAsOwner(sql`
      insert into pupil_counts (tenant_id, location_id, school_year, pupils, source)
      values (${tenantId}, ${added?.id}, 2025, 500, 'manual')`);
    const comparison = (
      await coordinator.post('/api/allocations/scenarios', { schoolYear: 2026, scenarios: [scenario(100)] })
    ).json() as ScenarioComparison;
    const row = comparison.schools.rows.find((entry) => entry.key === added?.id);
    // Half of 1,000 pupils: 50 hours, no line last year, so no change in hours or percent.
    expect(row?.values).toEqual([null, 50, null, null]);
    expect(comparison.scenarios[0]?.gainers.map((school) => school.name)).not.toContain('School f');
    // The total's change is over the schools that were there last year: a, c, e had 100, now 50.
    expect(comparison.schools.rows.at(-1)?.values).toEqual([100, 100, -50, -50]);
  });
});

describe('S3: a scenario becomes the draft', () => {
  it('S3: creates the year’s draft, then changes that open draft', async () => {
    const created = await coordinator.put('/api/allocations/draft', {
      schoolYear: 2026,
      totalHours: 100,
      pupilWeightPercent: 100,
    });
    expect(created.statusCode, created.body).toBe(200);
    const draft = created.json() as Allocation;
    expect(draft).toMatchObject({ version: 1, status: 'draft', settings: { pupilWeightPercent: 100 } });
    const changed = (
      await coordinator.put('/api/allocations/draft', {
        schoolYear: 2026,
        totalHours: 80,
        pupilWeightPercent: 40,
        minimumHours: 10,
      })
    ).json() as Allocation;
    expect(changed).toMatchObject({
      id: draft.id,
      version: 1,
      totalHours: 80,
      settings: { pupilWeightPercent: 40, minimumHours: 10 },
    });
    const [count] = await harness.database.queryAsOwner<{ versions: number }>(
      sql`select count(*)::int as versions from allocations where school_year = 2026`,
    );
    expect(count?.versions).toBe(1);
  });

  it('S3: after an adopted version, a new draft needs the reason of the correction (R14)', async () => {
    const [draft] = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id from allocations where school_year = 2026 and status = 'draft'`,
    );
    expect((await coordinator.post(`/api/allocations/${draft?.id}/adopt`)).statusCode).toBe(200);
    const settings = { schoolYear: 2026, totalHours: 100, pupilWeightPercent: 70 };
    const refused = await coordinator.put('/api/allocations/draft', settings);
    expect(refused.statusCode).toBe(400);
    expect(fieldCodes(refused)).toEqual([['reason', 'reason_required']]);
    const correction = await coordinator.put('/api/allocations/draft', {
      ...settings,
      reason: 'Scenario 2 gekozen',
    });
    expect(correction.json()).toMatchObject({ version: 2, status: 'draft', reason: 'Scenario 2 gekozen' });
  });

  it('S3: only the staff office compares and drafts', async () => {
    const director = await harness.signedIn(
      await harness.createUser(tenantId, [{ role: 'director', locationId: schools.a }]),
    );
    const body = { schoolYear: 2026, scenarios: [scenario(50)] };
    expect((await director.post('/api/allocations/scenarios', body)).statusCode).toBe(403);
    expect(
      (
        await director.put('/api/allocations/draft', {
          schoolYear: 2026,
          totalHours: 1,
          pupilWeightPercent: 1,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('S3: the comparison as a download', () => {
  const query = (scenarios: unknown) =>
    new URLSearchParams({ schoolYear: '2026', scenarios: JSON.stringify(scenarios) }).toString();

  it('S3: CSV of every school’s hours in each scenario, XLSX with the fairness figures beside it', async () => {
    const csv = await coordinator.get(
      `/api/allocations/scenarios/export.csv?${query([scenario(100), scenario(0)])}`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toContain('allocation_scenarios-2026-2027.csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Scenario 2: verschil in %');
    // The header, the four counted schools (a, c, e and the new f) and the total.
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines.at(-1)).toMatch(/^Totaal;/);
    const xlsx = await coordinator.get(`/api/allocations/scenarios/export.xlsx?${query([scenario(50)])}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('S3: settings that are not a list of scenarios are refused', async () => {
    const broken = await coordinator.get(
      `/api/allocations/scenarios/export.csv?${new URLSearchParams({ schoolYear: '2026', scenarios: '[{' })}`,
    );
    expect(broken.statusCode).toBe(400);
    const tooMany = await coordinator.get(
      `/api/allocations/scenarios/export.csv?${query([1, 2, 3, 4, 5].map((weight) => scenario(weight)))}`,
    );
    expect(fieldCodes(tooMany)[0]?.[0]).toBe('scenarios');
  });
});
