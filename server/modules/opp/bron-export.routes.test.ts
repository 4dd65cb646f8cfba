import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';
import { oppVersions } from '../trajectories/trajectories.schema.ts';

let harness: Harness;
let world: TrajectoryWorld;
const ids = { noah: '', formula: '', draftOnly: '', lastYear: '', otherSchool: '' };
let location = { brin: '', code: '', name: '' };

const header = [
  'BRIN',
  'Vestigingsnummer',
  'Schoollocatie',
  'Achternaam',
  'Voornaam',
  'Geboortedatum',
  'Klas',
  'Startdatum OPP',
  'Einddatum OPP',
  'Laatst gewijzigd',
  'Kenmerk Passend',
];

/** The CSV's lines as cells (semicolons; none of the test's cells is quoted). */
function csvRows(body: string): string[][] {
  expect(body.startsWith('\ufeff')).toBe(true);
  return body
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';'));
}

async function download(client: TestClient, query: Record<string, string>) {
  return client.get(`/api/bron-export?${new URLSearchParams(query)}`);
}

async function exported(client: TestClient, query: Record<string, string> = {}): Promise<string[][]> {
  const response = await download(client, { locationId: world.locationIds.main, ...query });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('text/csv');
  return csvRows(response.body);
}

const referencesOf = (rows: string[][]) => rows.slice(1).map((row) => row[10]);

beforeAll(async () => {
  harness = await createHarness();
  world = await createTrajectoryWorld(harness);
  ids.noah = await insertTrajectory(harness, world);
  ids.formula = await insertTrajectory(harness, world, { status: 'ended', firstName: '=HYPERLINK("x")' });
  ids.draftOnly = await insertTrajectory(harness, world, { firstName: 'Daan' });
  ids.lastYear = await insertTrajectory(harness, world, { status: 'ended', firstName: 'Fleur' });
  ids.otherSchool = await insertTrajectory(harness, world, {
    locationId: world.locationIds.other,
    mentorUserId: world.otherVsoTeacher.userId,
    firstName: 'Elif',
  });
  const adopted = (day: string) => new Date(`${day}T10:00:00Z`);
  await harness.database.withTenant(world.tenantId, async ({ db }) => {
    const version = (
      trajectoryId: string,
      number: number,
      status: 'draft' | 'adopted' | 'superseded',
      day: string | null,
    ) =>
      db.insert(oppVersions).values({
        tenantId: world.tenantId,
        trajectoryId,
        version: number,
        status,
        createdByUserId: world.careCoordinator.userId,
        adoptedAt: day ? adopted(day) : null,
        adoptedByUserId: day ? world.careCoordinator.userId : null,
      });
    // The start is the first adopted version's day, not the current one's.
    await version(ids.noah, 1, 'superseded', '2026-09-29');
    await version(ids.noah, 2, 'adopted', '2026-11-02');
    await version(ids.formula, 1, 'adopted', '2026-10-05');
    await version(ids.draftOnly, 1, 'draft', null);
    await version(ids.lastYear, 1, 'adopted', '2025-10-01');
    await version(ids.otherSchool, 1, 'adopted', '2026-10-12');
  });
  // Last changes: Noah's file on 3 November, the ended one on 30 October, last year's in June.
  await harness.database.queryAsOwner(sql`update trajectories set updated_at = case id
      when ${ids.noah}::uuid then '2026-11-03T09:15:00+01:00'::timestamptz
      when ${ids.formula}::uuid then '2026-10-30T16:40:00+01:00'::timestamptz
      else '2026-06-30T12:00:00+02:00'::timestamptz end`);
  await harness.database.queryAsOwner(
    sql`update trajectories set ended_on = '2026-06-30' where id = ${ids.lastYear}`,
  );
  const [row] = await harness.database.queryAsOwner<{ brin: string; code: string; name: string }>(
    sql`select brin, location_code as code, name from locations where id = ${world.locationIds.main}`,
  );
  location = row ?? location;
});
afterAll(() => harness.close());

describe('the BRON export of the OPP dates (E14)', () => {
  it("E14: one line per pupil of the location with an adopted OPP: codes, name, birth date, the OPP's dates", async () => {
    const rows = await exported(world.careCoordinator.client);
    expect(rows[0]).toEqual(header);
    const common = [location.brin, location.code, location.name];
    // Sorted by name as the database collates it: compared here by the reference, the last column.
    const byReference = (a: string[], b: string[]) => String(a[10]).localeCompare(String(b[10]));
    expect(rows.slice(1).sort(byReference)).toEqual(
      [
        [
          ...common,
          'de Graaf',
          'Fleur',
          '14-03-2012',
          '2B',
          '01-10-2025',
          '30-06-2026',
          '30-06-2026 12:00',
          ids.lastYear,
        ],
        [
          ...common,
          'de Graaf',
          '\'=HYPERLINK("x")',
          '14-03-2012',
          '2B',
          '05-10-2026',
          '30-10-2026',
          '30-10-2026 16:40',
          ids.formula,
        ].map((cell) => (cell.includes('"') ? `"${cell.replaceAll('"', '""')}"` : cell)),
        [...common, 'de Graaf', 'Noah', '14-03-2012', '2B', '29-09-2026', '', '03-11-2026 09:15', ids.noah],
      ].sort(byReference),
    );
  });

  it('E14: filters on the school year the OPP ran in and on the last change', async () => {
    expect(referencesOf(await exported(world.teamLeader.client, { schoolYear: '2026' })).sort()).toEqual(
      [ids.formula, ids.noah].sort(),
    );
    expect(referencesOf(await exported(world.teamLeader.client, { schoolYear: '2025' }))).toEqual([
      ids.lastYear,
    ]);
    expect(referencesOf(await exported(world.teamLeader.client, { changedSince: '2026-10-31' }))).toEqual([
      ids.noah,
    ]);
    // A new adoption is a change: Noah's second version on 2 November counts as well as his file's.
    expect(referencesOf(await exported(world.teamLeader.client, { changedSince: '2026-11-04' }))).toEqual([]);
  });

  it("E14: another school's pupils are not in it; the download is audited with the pupils shown (P2)", async () => {
    const rows = await exported(world.careCoordinator.client);
    expect(referencesOf(rows)).not.toContain(ids.otherSchool);
    expect(referencesOf(rows)).not.toContain(ids.draftOnly);
    const [audit] = await harness.database.queryAsOwner<{
      details: { count: number; trajectoryIds: string[] };
    }>(
      sql`select details from audit_events where event = 'opp.bron_exported' and object_id = ${world.locationIds.main}
        order by occurred_at desc limit 1`,
    );
    expect(audit?.details.count).toBe(3);
    expect([...(audit?.details.trajectoryIds ?? [])].sort()).toEqual(
      [ids.noah, ids.formula, ids.lastYear].sort(),
    );
    const other = await download(world.otherCareCoordinator.client, { locationId: world.locationIds.other });
    expect(referencesOf(csvRows(other.body))).toEqual([ids.otherSchool]);
  });

  it('E14: only the care coordinator and team leader of the location may download it', async () => {
    for (const client of [world.mentor.client, world.vsoTeacher.client, world.teacher.client]) {
      expect((await download(client, { locationId: world.locationIds.main })).statusCode).toBe(403);
    }
    // Another school's care coordinator: that location is out of their reach altogether.
    const otherSchool = await download(world.otherCareCoordinator.client, {
      locationId: world.locationIds.main,
    });
    expect(otherSchool.statusCode).toBe(404);
    const unknown = await download(world.careCoordinator.client, {
      locationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await download(world.careCoordinator.client, { locationId: 'x', changedSince: 'gisteren' });
    expect(bad.statusCode).toBe(400);
  });

  it('E14: the spreadsheet has the same lines, with formula-like text kept as text', async () => {
    const response = await download(world.careCoordinator.client, {
      locationId: world.locationIds.main,
      format: 'xlsx',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toContain(`bron-opp-${location.brin}${location.code}-`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, ...header]);
    expect(sheet?.rowCount).toBe(4);
    const rows = sheet?.getRows(2, 3) ?? [];
    const formula = rows.find((row) => row.getCell(11).value === ids.formula);
    expect(formula?.getCell(5).value).toBe('\'=HYPERLINK("x")');
    expect(formula?.getCell(5).formula).toBeUndefined();
    expect(formula?.getCell(8).value).toBe('05-10-2026');
  });
});
