import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { Figures } from '../../../contracts/reports.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { registerModules } from '../index.ts';
import { figureTableCsv } from './figure-export.ts';

registerModules();

let harness: Harness;
let schools: Record<string, string>;
let director: TestClient;
let staff: TestClient;

const fieldPaths = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => field.path);

beforeAll(async () => {
  harness = await createHarness();
  const tenant = await harness.createTenant(['a', 'b']);
  schools = tenant.locationIds;
  staff = await harness.signedIn(await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }]));
  director = await harness.signedIn(
    await harness.createUser(tenant.tenantId, [{ role: 'director', locationId: schools.a }]),
  );
});
afterAll(() => harness.close());

describe('figure table downloads', () => {
  it('P9: a director’s download is the table the figures route shows them, suppression included', async () => {
    const filter = `schoolYear=2026&locationId=${schools.a}`;
    const figures = (await director.get(`/api/reports/figures?${filter}`)).json() as Figures;
    expect(figures.isSuppressed).toBe(true);
    for (const table of figures.tables) {
      const csv = await director.get(`/api/reports/figures/export?${filter}&table=${table.id}&format=csv`);
      expect(csv.statusCode, table.id).toBe(200);
      expect(csv.body).toBe(figureTableCsv(table));
      expect(csv.headers['content-disposition']).toContain(`${table.id}-2026-2027.csv`);
      const xlsx = await director.get(`/api/reports/figures/export?${filter}&table=${table.id}&format=xlsx`);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('answers 400 on the table for an id the figures do not have, and on a bad format', async () => {
    const unknown = await staff.get(
      '/api/reports/figures/export?schoolYear=2026&table=no_such_table&format=csv',
    );
    expect(unknown.statusCode).toBe(400);
    expect(fieldPaths(unknown)).toEqual(['table']);
    const format = await staff.get(
      '/api/reports/figures/export?schoolYear=2026&table=requests_by_school&format=pdf',
    );
    expect(format.statusCode).toBe(400);
    expect(fieldPaths(format)).toEqual(['format']);
    expect((await staff.get('/api/reports/figures/export?schoolYear=2026&format=csv')).statusCode).toBe(400);
  });

  it('P9: a director cannot download another school’s figures', async () => {
    const other = await director.get(
      `/api/reports/figures/export?schoolYear=2026&locationId=${schools.b}&table=requests_by_school&format=csv`,
    );
    expect(other.statusCode).toBe(400);
    expect(fieldPaths(other)).toEqual(['locationId']);
  });
});
