import { and, asc, eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.schema.ts';
import { createHarness, type Harness, type TestClient } from '../../../test/harness.ts';
import { postUpload, type UploadForm } from '../../../test/support/import.test-support.ts';
import { locations, pupilCounts, schoolBoards } from '../schools.schema.ts';

let harness: Harness;
let tenantId: string;
let otherTenantId: string;
let coordinator: TestClient;
let admin: TestClient;
let teacher: TestClient;

const header =
  'brin;vestigingscode;naam;sector;straat;huisnummer;postcode;plaats;bestuursnummer;bestuursnaam;schooljaar;leerlingen';

beforeAll(async () => {
  harness = await createHarness();
  // Both partnerships have a location 10AB/00 ("School own", "School foreign"): the same BRIN.
  const own = await harness.createTenant(['own']);
  const other = await harness.createTenant(['foreign']);
  tenantId = own.tenantId;
  otherTenantId = other.tenantId;
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  admin = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'functional_admin' }]));
  teacher = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'teacher', locationId: own.locationIds.own }]),
  );
});
afterAll(() => harness.close());

const preview = (client: TestClient, form: UploadForm) =>
  postUpload(harness, client, '/api/locations/import/preview', form);
const importFile = (client: TestClient, form: UploadForm) =>
  postUpload(harness, client, '/api/locations/import', form);

/** Everything the import can write, in a comparable form (timestamps included). */
async function snapshot(forTenant = tenantId) {
  return harness.database.withTenant(forTenant, async ({ db }) => ({
    boards: await db.select().from(schoolBoards).orderBy(asc(schoolBoards.code)),
    locations: await db.select().from(locations).orderBy(asc(locations.brin), asc(locations.locationCode)),
    counts: await db
      .select()
      .from(pupilCounts)
      .orderBy(asc(pupilCounts.locationId), asc(pupilCounts.schoolYear)),
  }));
}

describe('import routes', () => {
  const file = [
    header,
    "10AB;00;Sint-Jozefschool 's-Hertogenbosch;bo;Kerkstraat;1;5211 AB;'s-Hertogenbosch;41234;Stichting Ëik;2025-2026;245",
    '20CD;00;Basisschool De Ëik;bo;Eikenlaan;2;3511 AB;Utrecht;41234;Stichting Ëik;2025-2026;130',
    '20CD;01;Ölçek;sbo;;;;Utrecht;41235;Stichting Twee;2025-2026;60',
  ].join('\r\n');

  it('the template downloads as UTF-8 CSV with BOM and an example row, for managers only', async () => {
    const response = await coordinator.get('/api/locations/import/template.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="passend-vestigingen-sjabloon.csv"',
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.body.split('\r\n')[0]).toBe(`\uFEFF${header}`);
    expect(response.body.split('\r\n')).toHaveLength(3);
    expect((await teacher.get('/api/locations/import/template.csv')).statusCode).toBe(403);
  });

  it('the preview counts rows to add, change and leave, and writes nothing', async () => {
    const before = await snapshot();
    const response = await preview(coordinator, { layout: 'passend', file });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.problems).toEqual([]);
    expect(body.encoding).toBe('utf-8');
    expect(body.counts).toEqual({ rows: 3, added: 2, changed: 1, unchanged: 0, invalid: 0 });
    expect(body.changed).toEqual([
      expect.objectContaining({
        line: 2,
        brin: '10AB',
        locationCode: '00',
        fields: ['name', 'street', 'houseNumber', 'postalCode', 'place', 'boardCode', 'pupils'],
      }),
    ]);
    expect(body.added.map((row: { line: number }) => row.line)).toEqual([3, 4]);
    expect(await snapshot()).toEqual(before);
  });

  it('imports: boards upserted by code, locations and pupil counts with source "import", audit with counts', async () => {
    const response = await importFile(coordinator, { layout: 'passend', file });
    expect(response.statusCode).toBe(200);
    expect(response.json().counts).toEqual({ rows: 3, added: 2, changed: 1, unchanged: 0, invalid: 0 });
    const after = await snapshot();
    expect(after.boards.map(({ code, name }) => ({ code, name }))).toEqual([
      { code: '41234', name: 'Stichting Ëik' },
      { code: '41235', name: 'Stichting Twee' },
    ]);
    expect(
      after.locations.map(({ brin, locationCode, name, sector }) => [brin, locationCode, name, sector]),
    ).toEqual([
      ['10AB', '00', "Sint-Jozefschool 's-Hertogenbosch", 'bo'],
      ['20CD', '00', 'Basisschool De Ëik', 'bo'],
      ['20CD', '01', 'Ölçek', 'sbo'],
    ]);
    expect(after.counts.map(({ pupils, schoolYear, source }) => [pupils, schoolYear, source]).sort()).toEqual(
      [
        [130, 2025, 'import'],
        [245, 2025, 'import'],
        [60, 2025, 'import'],
      ],
    );
    const [event] = await harness.database.withTenant(tenantId, ({ db }) =>
      db.select().from(auditEvents).where(eq(auditEvents.event, 'locations.imported')),
    );
    expect(event?.details).toEqual({ layout: 'passend', rows: 3, added: 2, changed: 1, unchanged: 0 });
  });

  it('the same file twice: everything unchanged the second time, nothing written', async () => {
    const before = await snapshot();
    const second = await preview(coordinator, { layout: 'passend', file });
    expect(second.json().counts).toEqual({ rows: 3, added: 0, changed: 0, unchanged: 3, invalid: 0 });
    const response = await importFile(admin, { layout: 'passend', file });
    expect(response.statusCode).toBe(200);
    expect(response.json().counts).toEqual({ rows: 3, added: 0, changed: 0, unchanged: 3, invalid: 0 });
    // Same ids, same values, same updated_at: not rewritten with equal values either.
    expect(await snapshot()).toEqual(before);
  });

  it('all or nothing: a file with one bad row is refused (422) and writes nothing', async () => {
    const before = await snapshot();
    const bad = [
      header,
      '10AB;00;Andere naam;bo;Kerkstraat;1;5211 AB;Den Bosch;41234;Stichting Ëik;2025-2026;999',
      '30EF;00;Nieuwe school;bo;;;;Ede;;;2025-2026;10',
      '30EF;01;Kapotte school;bo;;;;Ede;;;2025-2026;-4',
    ].join('\n');
    const shown = await preview(coordinator, { layout: 'passend', file: bad });
    expect(shown.json().counts).toEqual({ rows: 3, added: 1, changed: 1, unchanged: 0, invalid: 1 });
    expect(shown.json().invalid).toEqual([
      { line: 4, reasons: [{ code: 'negative_pupils', column: 'leerlingen', params: { value: '-4' } }] },
    ]);
    const response = await importFile(coordinator, { layout: 'passend', file: bad });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toEqual([
      expect.objectContaining({ path: 'file', code: 'import_invalid_rows', params: { count: 1 } }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('a broken file gets a preview with the problem, and the import refuses it', async () => {
    const comma = await preview(coordinator, { layout: 'passend', file: 'brin,naam\n10AB,X\n' });
    expect(comma.statusCode).toBe(200);
    expect(comma.json().problems).toEqual([
      { code: 'wrong_delimiter', params: { found: ',', expected: ';' } },
    ]);
    const binary = await importFile(coordinator, {
      layout: 'passend',
      file: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      fileName: 'scholen.xlsx',
    });
    expect(binary.statusCode).toBe(422);
    expect(binary.json().error.fields[0].code).toBe('import_file_unreadable');
  });

  it('DUO pupils file in Windows-1252: counts per location and school year from PEILDATUM', async () => {
    const duo = iconv.encode(
      'PEILDATUM;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;TOTAAL AANTAL LEERLINGEN\r\n' +
        '01-10-2025;10AB;10AB00;Sint-Jozefschool;250\r\n' +
        '01-10-2024;20CD;20CD01;Ölçek;55\r\n',
      'win1252',
    );
    const shown = await preview(coordinator, { layout: 'duo_pupils', file: new Uint8Array(duo) });
    expect(shown.json()).toMatchObject({
      encoding: 'windows-1252',
      counts: { rows: 2, added: 1, changed: 1, unchanged: 0, invalid: 0 },
      changed: [{ line: 2, fields: ['pupils'], name: "Sint-Jozefschool 's-Hertogenbosch" }],
      added: [{ line: 3, schoolYear: 2024, pupils: 55, name: 'Ölçek' }],
    });
    expect(
      (await importFile(coordinator, { layout: 'duo_pupils', file: new Uint8Array(duo) })).statusCode,
    ).toBe(200);
    const again = await preview(coordinator, { layout: 'duo_pupils', file: new Uint8Array(duo) });
    expect(again.json().counts).toMatchObject({ added: 0, changed: 0, unchanged: 2 });
  });

  it("tenant isolation: an import never touches another partnership's location with the same BRIN", async () => {
    const foreignBefore = await snapshot(otherTenantId);
    expect(foreignBefore.locations.map((row) => [row.brin, row.locationCode])).toEqual([['10AB', '00']]);
    const response = await importFile(coordinator, {
      layout: 'duo_locations',
      sector: 'vo',
      file: 'INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;PLAATSNAAM;BEVOEGD GEZAG NUMMER\n10AB;10AB00;Overgenomen;Zwolle;41234\n',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().counts).toMatchObject({ changed: 1 });
    expect(await snapshot(otherTenantId)).toEqual(foreignBefore);
    const [own] = await harness.database.withTenant(tenantId, ({ db }) =>
      db
        .select({ name: locations.name, sector: locations.sector })
        .from(locations)
        .where(and(eq(locations.brin, '10AB'), eq(locations.locationCode, '00'))),
    );
    expect(own).toEqual({ name: 'Overgenomen', sector: 'vo' });
    // The foreign partnership's board 41234 does not exist; ours was reused, not created in theirs.
    const foreignBoards = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from school_boards where tenant_id = ${otherTenantId}`,
    );
    expect(foreignBoards[0]?.n).toBe(0);
  });

  it('refuses a file over 5 MB with 413 body_too_large', async () => {
    const big = `${header}\n${'x'.repeat(5 * 1024 * 1024 + 10)}`;
    const response = await preview(coordinator, { layout: 'passend', file: big });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('body_too_large');
  });

  it('checks the form: a layout is required, a file is required, unknown sectors are refused', async () => {
    const response = await preview(coordinator, { sector: 'mbo' });
    expect(response.statusCode).toBe(400);
    expect(
      response.json().error.fields.map((field: { path: string; code: string }) => [field.path, field.code]),
    ).toEqual([
      ['layout', 'required'],
      ['sector', 'invalid_value'],
      ['file', 'required'],
    ]);
    const json = await coordinator.post('/api/locations/import/preview', { layout: 'passend' });
    expect(json.statusCode).toBe(415);
  });

  it('school staff may not preview or import', async () => {
    expect((await preview(teacher, { layout: 'passend', file })).statusCode).toBe(403);
    expect((await importFile(teacher, { layout: 'passend', file })).statusCode).toBe(403);
  });
});
