import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { Allocation, AllocationPreview, AllocationVersionList } from '../../../contracts/hours.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';

let harness: Harness;
let tenantId: string;
let schools: Record<string, string>;
let coordinator: TestClient;

const fieldCodes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);

beforeAll(async () => {
  harness = await createHarness();
  // Keys a, c, e are primary (bo); b and d are secondary (the harness alternates sectors).
  const tenant = await harness.createTenant(['a', 'b', 'c', 'd', 'e']);
  tenantId = tenant.tenantId;
  schools = tenant.locationIds;
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  const creator = await harness.createUser(tenantId, [
    { role: 'internal_coordinator', locationId: schools.a },
  ]);
  // Pupils on 1 October 2025 (school year 2025) count for the allocation of 2026-2027.
  await harness.database.queryAsOwner(sql`
    insert into pupil_counts (tenant_id, location_id, school_year, pupils, source) values
      (${tenantId}, ${schools.a}, 2025, 300, 'manual'),
      (${tenantId}, ${schools.c}, 2025, 100, 'manual'),
      (${tenantId}, ${schools.a}, 2024, 999, 'manual')`);
  // Past requests: two of school a in 2025 (one refused, not counted), one draft (not counted).
  await harness.database.queryAsOwner(sql`
    insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status, created_by_user_id)
    values
      (${tenantId}, ${schools.a}, 'HV-2025-0001', 2025, gen_random_uuid(), 'closed', ${creator.userId}),
      (${tenantId}, ${schools.a}, 'HV-2025-0002', 2025, gen_random_uuid(), 'refused', ${creator.userId}),
      (${tenantId}, ${schools.a}, 'HV-2025-0003', 2025, gen_random_uuid(), 'draft', ${creator.userId})`);
});
afterAll(() => harness.close());

describe('R14: the allocation preview', () => {
  it('R14: combines pupils of the previous count, Passend requests and entered past requests', async () => {
    const entered = await coordinator.put(`/api/locations/${schools.c}/historical-requests/2023`, {
      count: 3,
    });
    expect(entered.statusCode).toBe(204);
    const response = await coordinator.get(
      '/api/allocations/preview?schoolYear=2026&totalHours=100&pupilWeightPercent=50&referenceYears=3',
    );
    expect(response.statusCode).toBe(200);
    const preview = response.json() as AllocationPreview;
    expect(preview).toMatchObject({
      pupilCountYear: 2025,
      referenceSchoolYears: [2023, 2024, 2025],
      totalSource: 'fixed',
    });
    const line = (id: string | undefined) => preview.lines.find((entry) => entry.locationId === id);
    // a: 300/400 pupils and 1/4 requests; c: 100/400 and 3/4 → 50 × (0.75 + 0.25) / 2 … = 50 and 50.
    expect(line(schools.a)).toMatchObject({
      pupils: 300,
      requests: 1,
      pupilShare: 0.75,
      requestShare: 0.25,
      hours: 50,
    });
    expect(line(schools.c)).toMatchObject({ pupils: 100, requests: 3, hours: 50 });
    expect(preview.excluded.map((entry) => entry.locationId)).toEqual([schools.e]);
  });

  it('R14: without a total, divides the team’s contracted hours minus the set-aside', async () => {
    const member = await harness.createUser(tenantId, [
      { role: 'team_member', teamRole: 'inclusion_adviser' },
    ]);
    await harness.database.queryAsOwner(
      sql`insert into team_members (user_id, tenant_id) values (${member.userId}, ${tenantId})`,
    );
    await harness.database.queryAsOwner(sql`insert into team_member_hours (tenant_id, user_id, school_year, contracted_hours)
      values (${tenantId}, ${member.userId}, 2026, 120)`);
    const preview = (
      await coordinator.get(
        '/api/allocations/preview?schoolYear=2026&setAsideHours=20&pupilWeightPercent=100',
      )
    ).json() as AllocationPreview;
    expect(preview).toMatchObject({ totalSource: 'team', contractedHours: 120, totalHours: 100 });
    expect(preview.lines.reduce((sum, line) => sum + line.hours, 0)).toBe(100);
  });

  it('refuses a weight outside 0–100 %, a negative total and a minimum that exceeds the total', async () => {
    const weight = await coordinator.get(
      '/api/allocations/preview?schoolYear=2026&totalHours=100&pupilWeightPercent=120',
    );
    expect(weight.statusCode).toBe(400);
    expect(fieldCodes(weight)[0]?.[0]).toBe('pupilWeightPercent');
    const negative = await coordinator.get(
      '/api/allocations/preview?schoolYear=2026&totalHours=-5&pupilWeightPercent=50',
    );
    expect(negative.statusCode).toBe(400);
    const minimum = await coordinator.get(
      '/api/allocations/preview?schoolYear=2026&totalHours=10&pupilWeightPercent=50&minimumHours=6',
    );
    expect(fieldCodes(minimum)).toEqual([['minimumHours', 'minimum_exceeds_total']]);
    expect((JSON.parse(minimum.body) as ErrorResponse).error.fields?.[0]?.message).toContain(
      'maal het aantal scholen',
    );
  });

  it('R14: a draft is recomputed, then adopted and immutable; a correction is a new version with a reason', async () => {
    const settings = { schoolYear: 2026, totalHours: 100, pupilWeightPercent: 50 };
    const created = await coordinator.post('/api/allocations', settings);
    expect(created.statusCode).toBe(201);
    const draft = created.json() as Allocation;
    expect(draft).toMatchObject({ version: 1, status: 'draft', totalHours: 100 });
    expect(draft.lines.reduce((sum, line) => sum + line.hours, 0)).toBe(100);
    expect((await coordinator.post('/api/allocations', settings)).statusCode).toBe(409);

    const updated = await coordinator.put(`/api/allocations/${draft.id}`, { ...settings, totalHours: 80 });
    expect((updated.json() as Allocation).lines.reduce((sum, line) => sum + line.hours, 0)).toBe(80);
    const adopted = await coordinator.post(`/api/allocations/${draft.id}/adopt`);
    expect(adopted.json()).toMatchObject({ status: 'adopted', adoptedAt: expect.any(String) });

    const change = await coordinator.put(`/api/allocations/${draft.id}`, settings);
    expect([change.statusCode, (JSON.parse(change.body) as ErrorResponse).error.code]).toEqual([
      409,
      'allocation_adopted',
    ]);
    const [stored] = await harness.database.queryAsOwner<{ total: string }>(
      sql`select total_hours::text as total from allocations where id = ${draft.id}`,
    );
    expect(Number(stored?.total)).toBe(80);

    const withoutReason = await coordinator.post('/api/allocations', settings);
    expect(fieldCodes(withoutReason)).toEqual([['reason', 'reason_required']]);
    const correction = await coordinator.post('/api/allocations', {
      ...settings,
      reason: 'Telling school c gecorrigeerd',
    });
    expect(correction.json()).toMatchObject({
      version: 2,
      status: 'draft',
      reason: 'Telling school c gecorrigeerd',
    });
    await coordinator.post(`/api/allocations/${(correction.json() as Allocation).id}/adopt`);
    const versions = (
      await coordinator.get('/api/allocations?schoolYear=2026')
    ).json() as AllocationVersionList;
    expect(versions.items.map((item) => [item.version, item.status])).toEqual([
      [2, 'adopted'],
      [1, 'superseded'],
    ]);
    const audited = await harness.database.queryAsOwner<{ total: number }>(
      sql`select count(*)::int as total from audit_events where event = 'allocations.adopted'`,
    );
    expect(Number(audited[0]?.total)).toBe(2);

    // The allocation screen opens an adopted version again and starts a new one from its settings.
    const reopened = await coordinator.get(`/api/allocations/${(correction.json() as Allocation).id}`);
    const adoptedVersion = reopened.json() as Allocation;
    expect(adoptedVersion).toMatchObject({
      status: 'adopted',
      adoptedAt: expect.any(String),
      adoptedByName: expect.any(String),
      settings: {
        totalHours: 100,
        setAsideHours: 0,
        pupilWeightPercent: 50,
        referenceYears: 3,
        minimumHours: 0,
        roundingUnit: 1,
      },
    });
    const next = await coordinator.post('/api/allocations', {
      schoolYear: 2026,
      ...adoptedVersion.settings,
      reason: 'Zelfde instellingen, nieuwe telling',
    });
    expect(next.statusCode).toBe(201);
    expect((next.json() as Allocation).lines.map((line) => [line.locationId, line.hours])).toEqual(
      adoptedVersion.lines.map((line) => [line.locationId, line.hours]),
    );
  });

  it('R14: shows last year’s adopted hours per school and exports the table as CSV', async () => {
    await harness.database.queryAsOwner(sql`insert into pupil_counts (tenant_id, location_id, school_year, pupils, source)
      values (${tenantId}, ${schools.a}, 2026, 300, 'manual'), (${tenantId}, ${schools.c}, 2026, 100, 'manual'),
        (${tenantId}, ${schools.a}, 2027, 200, 'manual'), (${tenantId}, ${schools.c}, 2027, 200, 'manual')`);
    const create = async (schoolYear: number, totalHours: number) => {
      const response = await coordinator.post('/api/allocations', {
        schoolYear,
        totalHours,
        pupilWeightPercent: 100,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as Allocation;
    };
    const last = await create(2027, 60);
    await coordinator.post(`/api/allocations/${last.id}/adopt`);
    const next = await create(2028, 40);
    const lastHours = new Map(last.lines.map((line) => [line.locationId, line.hours]));
    expect(next.lines.map((line) => [line.hours, line.lastYearHours])).toEqual(
      next.lines.map((line) => [20, lastHours.get(line.locationId) ?? null]),
    );
    const csv = await coordinator.get(`/api/allocations/${next.id}/export.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe(
      'school;leerlingen;aandeel leerlingen;hulpvragen;aandeel hulpvragen;uren voor afronding;uren;uren vorig jaar',
    );
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^School a;200;0,500000;1;1,000000;20,0000;20,0;45,0$/);
    const xlsx = await coordinator.get(`/api/allocations/${next.id}/export.xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('verdeling-2028-2029-versie-1.xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await coordinator.get(`/api/allocations/${next.id}/export.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('P1: lists for every role exactly the versions it may open, and none of another partnership', async () => {
    const foreign = await harness.createTenant(['x']);
    const foreignStaff = await harness.createUser(foreign.tenantId, [{ role: 'coordinator' }]);
    await harness.database.queryAsOwner(sql`
      insert into allocations (tenant_id, school_year, version, status, set_aside_hours, total_hours,
        pupil_weight_percent, reference_years, minimum_hours, rounding_unit, created_by_user_id)
      values (${foreign.tenantId}, 2026, 1, 'draft', 0, 10, 50, 3, 0, 1, ${foreignStaff.userId})`);
    const stored = await harness.database.queryAsOwner<{ id: string; school_year: number }>(
      sql`select id, school_year from allocations where tenant_id in (${tenantId}, ${foreign.tenantId})`,
    );
    const years = [...new Set(stored.map((row) => row.school_year))];
    const ib = await harness.signedIn(
      await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: schools.a }]),
    );
    for (const [role, client] of Object.entries({ coordinator, ib })) {
      const listed: string[] = [];
      for (const schoolYear of years) {
        const response = await client.get(`/api/allocations?schoolYear=${schoolYear}`);
        if (response.statusCode !== 200) expect(response.statusCode).toBe(403);
        else listed.push(...(response.json() as AllocationVersionList).items.map((item) => item.id));
      }
      const readable: string[] = [];
      for (const { id } of stored) {
        const response = await client.get(`/api/allocations/${id}`);
        if (response.statusCode === 200) readable.push(id);
        else expect(response.statusCode).toBe(role === 'ib' ? 403 : 404);
      }
      expect({ role, ids: listed.sort() }).toEqual({ role, ids: readable.sort() });
    }
  });

  it('enters past requests only for a primary school (400 otherwise), and another partnership’s school is not found', async () => {
    const secondary = await coordinator.put(`/api/locations/${schools.b}/historical-requests/2023`, {
      count: 1,
    });
    expect([secondary.statusCode, fieldCodes(secondary)]).toEqual([
      400,
      [['locationId', 'not_primary_location']],
    ]);
    const foreign = await harness.createTenant(['x']);
    const elsewhere = await coordinator.put(
      `/api/locations/${foreign.locationIds.x}/historical-requests/2023`,
      {
        count: 1,
      },
    );
    expect(elsewhere.statusCode).toBe(404);
  });

  it('only the staff office computes allocations', async () => {
    const ib = await harness.signedIn(
      await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: schools.a }]),
    );
    expect(
      (await ib.get('/api/allocations/preview?schoolYear=2026&totalHours=10&pupilWeightPercent=50'))
        .statusCode,
    ).toBe(403);
  });
});
