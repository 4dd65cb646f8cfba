import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { csrfCookie, csrfHeader } from '../../platform/http/request-context.ts';
import { json } from '../../test/auth-helpers.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { schoolTeamAssignments } from '../team/team.schema.ts';

const currentYear = schoolYearOf(todayInAmsterdam());

let harness: Harness;
let tenantId: string;
let coordinator: TestClient;
let admin: TestClient;
let teacher: TestClient;
let teamMember: TestClient;
let otherCoordinator: TestClient;
let boardIds: { noord: string; zuid: string };
let ids: Record<'regenboog' | 'zonnebloem' | 'lyceum' | 'kompas' | 'oud', string>;
let foreignLocationId: string;
let foreignBoardId: string;

/** PUT and DELETE through the client's cookies and CSRF header (the test client has no helpers for them). */
async function send(client: TestClient, method: 'PUT' | 'DELETE', url: string, body?: unknown) {
  return harness.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as object } : {}),
    headers: {
      cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      [csrfHeader]: client.cookies.get(csrfCookie) ?? '',
    },
  });
}

const baseLocation = {
  brin: '20XY',
  locationCode: '00',
  name: 'Nieuwe school',
  sector: 'bo',
  place: 'Amersfoort',
};

async function locationCount(): Promise<number> {
  const [row] = await harness.database.queryAsOwner<{ total: number }>(
    sql`select count(*)::int as total from locations where tenant_id = ${tenantId}`,
  );
  return Number(row?.total);
}

async function names(client: TestClient, query: string): Promise<string[]> {
  const response = await client.get(`/api/locations?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return json<{ items: Array<{ name: string }> }>(response).items.map((item) => item.name);
}

function fieldsOf(response: { body: string }): Array<{ path: string; code: string; message: string }> {
  return json(response).error.fields ?? [];
}

beforeAll(async () => {
  harness = await createHarness();
  ({ tenantId } = await harness.createTenant([]));
  const other = await harness.createTenant(['foreign']);
  foreignLocationId = other.locationIds.foreign ?? '';
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  admin = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'functional_admin' }]));
  otherCoordinator = await harness.signedIn(
    await harness.createUser(other.tenantId, [{ role: 'coordinator' }]),
  );
  const foreignBoard = await otherCoordinator.post('/api/school-boards', {
    code: '40000',
    name: 'Ander bestuur',
  });
  foreignBoardId = json(foreignBoard).id;

  const board = async (code: string, name: string) => {
    const response = await coordinator.post('/api/school-boards', { code, name });
    expect(response.statusCode, response.body).toBe(201);
    return json(response).id as string;
  };
  boardIds = { zuid: await board('41000', 'Stichting Zuid'), noord: await board('42000', 'Stichting Noord') };
  const create = async (input: Record<string, unknown>) => {
    const response = await coordinator.post('/api/locations', { ...baseLocation, ...input });
    expect(response.statusCode, response.body).toBe(201);
    return json(response).id as string;
  };
  ids = {
    regenboog: await create({
      brin: '10AA',
      name: 'De Regenboog',
      place: 'Utrecht',
      boardId: boardIds.noord,
    }),
    zonnebloem: await create({
      brin: '11BB',
      name: 'De Zonnebloem',
      place: 'Zeist',
      sector: 'sbo',
      boardId: boardIds.zuid,
    }),
    lyceum: await create({
      brin: '12CC',
      name: 'Het Lyceum',
      place: 'Amersfoort',
      sector: 'vo',
      boardId: boardIds.noord,
    }),
    kompas: await create({ brin: '13DD', name: 'Het Kompas', place: 'Bunnik', sector: 'vso' }),
    oud: await create({
      brin: '14EE',
      name: 'Oude School',
      place: 'Utrecht',
      activeFrom: '2000-08-01',
      activeTo: '2010-07-31',
    }),
  };
  for (const [id, pupils] of [
    [ids.regenboog, 240],
    [ids.zonnebloem, 90],
    [ids.lyceum, 1200],
  ] as const) {
    expect(
      (await send(coordinator, 'PUT', `/api/locations/${id}/pupil-counts/${currentYear}`, { pupils }))
        .statusCode,
    ).toBe(200);
  }
  await send(coordinator, 'PUT', `/api/locations/${ids.kompas}/pupil-counts/${currentYear - 1}`, {
    pupils: 70,
  });

  teacher = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.regenboog }]),
  );
  const member = await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]);
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values({
      tenantId,
      locationId: ids.zonnebloem,
      userId: member.userId,
      teamRole: 'inclusion_adviser',
      isContact: true,
      validFrom: '2020-08-01',
    }),
  );
  teamMember = await harness.signedIn(member);
});
afterAll(() => harness.close());

describe('location list', () => {
  it('is sorted by name by default and shows board, active state and the current year’s pupils', async () => {
    const response = await coordinator.get('/api/locations');
    expect(response.statusCode).toBe(200);
    const page = json(response);
    expect(page.schoolYear).toBe(currentYear);
    expect(page.total).toBe(5);
    expect(page.items.map((item: { name: string }) => item.name)).toEqual([
      'De Regenboog',
      'De Zonnebloem',
      'Het Kompas',
      'Het Lyceum',
      'Oude School',
    ]);
    expect(page.items[0]).toMatchObject({ boardName: 'Stichting Noord', active: true, pupils: 240 });
    expect(page.items[2]).toMatchObject({ boardName: null, pupils: null });
    expect(page.items[4]).toMatchObject({ active: false });
  });

  it('shows the pupils of a chosen school year', async () => {
    const page = json(await coordinator.get(`/api/locations?schoolYear=${currentYear - 1}&q=kompas`));
    expect(page.items[0]).toMatchObject({ name: 'Het Kompas', pupils: 70 });
  });

  it('searches name, BRIN and place', async () => {
    expect(await names(coordinator, 'q=zonne')).toEqual(['De Zonnebloem']);
    expect(await names(coordinator, 'q=12cc')).toEqual(['Het Lyceum']);
    expect(await names(coordinator, 'q=bunnik')).toEqual(['Het Kompas']);
    expect(await names(coordinator, 'q=%25')).toEqual([]);
  });

  it('filters by sector and by board', async () => {
    expect(await names(coordinator, 'sector=sbo')).toEqual(['De Zonnebloem']);
    expect(await names(coordinator, 'sector=vso')).toEqual(['Het Kompas']);
    expect(await names(coordinator, `boardId=${boardIds.noord}`)).toEqual(['De Regenboog', 'Het Lyceum']);
    expect(await names(coordinator, `boardId=${boardIds.noord}&sector=vo`)).toEqual(['Het Lyceum']);
  });

  it('sorts by place, BRIN, sector and pupils in both directions (no count last)', async () => {
    expect(await names(coordinator, 'sort=place')).toEqual([
      'Het Lyceum',
      'Het Kompas',
      'De Regenboog',
      'Oude School',
      'De Zonnebloem',
    ]);
    expect(await names(coordinator, 'sort=brin&direction=desc')).toEqual([
      'Oude School',
      'Het Kompas',
      'Het Lyceum',
      'De Zonnebloem',
      'De Regenboog',
    ]);
    expect((await names(coordinator, 'sort=sector'))[0]).toBe('De Regenboog');
    expect((await names(coordinator, 'sort=sector&direction=desc'))[0]).toBe('Het Kompas');
    expect(await names(coordinator, 'sort=pupils&direction=desc')).toEqual([
      'Het Lyceum',
      'De Regenboog',
      'De Zonnebloem',
      'Het Kompas',
      'Oude School',
    ]);
    expect((await names(coordinator, 'sort=pupils'))[0]).toBe('De Zonnebloem');
  });

  it('pages with the total of all matches', async () => {
    const response = await coordinator.get('/api/locations?pageSize=2&page=2');
    const page = json(response);
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: 5 });
    expect(page.items.map((item: { name: string }) => item.name)).toEqual(['Het Kompas', 'Het Lyceum']);
  });

  it('refuses an unknown sort key, direction or sector with a field error', async () => {
    for (const [query, path] of [
      ['sort=email', 'sort'],
      ['direction=sideways', 'direction'],
      ['sector=hbo', 'sector'],
      ['boardId=nope', 'boardId'],
    ]) {
      const response = await coordinator.get(`/api/locations?${query}`);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response).map((field) => field.path)).toEqual([path]);
    }
  });

  it('a team member sees only the school they are assigned to; school staff only their own', async () => {
    expect(await names(teamMember, '')).toEqual(['De Zonnebloem']);
    expect((await teamMember.get(`/api/locations/${ids.zonnebloem}`)).statusCode).toBe(200);
    expect((await teamMember.get(`/api/locations/${ids.regenboog}`)).statusCode).toBe(404);
    expect(await names(teacher, '')).toEqual(['De Regenboog']);
  });
});

describe('location detail', () => {
  it('shows address, board, period and the pupil counts of all years, newest first', async () => {
    await send(coordinator, 'PUT', `/api/locations/${ids.regenboog}/pupil-counts/${currentYear - 2}`, {
      pupils: 220,
    });
    await coordinator.patch(`/api/locations/${ids.regenboog}`, {
      street: 'Schoolstraat',
      houseNumber: '1a',
      postalCode: '3511ab',
    });
    const response = await coordinator.get(`/api/locations/${ids.regenboog}`);
    expect(response.statusCode).toBe(200);
    const detail = json(response);
    expect(detail).toMatchObject({
      name: 'De Regenboog',
      board: { id: boardIds.noord, code: '42000', name: 'Stichting Noord' },
      street: 'Schoolstraat',
      houseNumber: '1a',
      postalCode: '3511 AB',
      activeFrom: null,
      activeTo: null,
      active: true,
    });
    expect(detail.pupilCounts.map((count: { schoolYear: number }) => count.schoolYear)).toEqual([
      currentYear,
      currentYear - 2,
    ]);
    expect(detail.pupilCounts[0]).toMatchObject({ pupils: 240, source: 'manual' });
  });

  it('item 5: lists the school staff with their roles; e-mail only for managers; disabled users hidden', async () => {
    const ib = await harness.createUser(tenantId, [
      { role: 'internal_coordinator', locationId: ids.regenboog },
      { role: 'director', locationId: ids.regenboog },
    ]);
    const gone = await harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.regenboog }]);
    await harness.updateUser(tenantId, gone.userId, { status: 'disabled' });
    await harness.createUser(tenantId, [{ role: 'mentor', locationId: ids.lyceum }]);

    const asManager = json(await coordinator.get(`/api/locations/${ids.regenboog}`)).staff;
    expect(asManager).toHaveLength(3);
    expect(asManager.filter((member: { userId: string }) => member.userId === ib.userId)).toEqual([
      expect.objectContaining({ role: 'director', email: ib.email }),
      expect.objectContaining({ role: 'internal_coordinator', email: ib.email }),
    ]);
    expect(asManager.map((member: { role: string }) => member.role)).toContain('teacher');
    expect(asManager.some((member: { userId: string }) => member.userId === gone.userId)).toBe(false);

    const asTeacher = json(await teacher.get(`/api/locations/${ids.regenboog}`)).staff;
    expect(asTeacher).toHaveLength(3);
    expect(asTeacher.every((member: { email: string | null }) => member.email === null)).toBe(true);
  });

  it('is 404 alike for another partnership’s location and for another school the actor may not read', async () => {
    expect((await coordinator.get(`/api/locations/${foreignLocationId}`)).statusCode).toBe(404);
    expect((await teacher.get(`/api/locations/${ids.lyceum}`)).statusCode).toBe(404);
  });
});

describe('creating and editing locations', () => {
  it('creates a location with normalised codes and postal code, and audits it', async () => {
    const response = await admin.post('/api/locations', {
      ...baseLocation,
      brin: ' 21ab ',
      locationCode: '1',
      postalCode: '3811cd',
      street: 'Laan',
      houseNumber: '12',
      boardId: boardIds.zuid,
      activeFrom: '2024-08-01',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = json(response);
    expect(created).toMatchObject({
      brin: '21AB',
      locationCode: '01',
      postalCode: '3811 CD',
      board: { id: boardIds.zuid },
      activeFrom: '2024-08-01',
      activeTo: null,
    });
    const audit = await harness.database.queryAsOwner<{ event: string }>(
      sql`select event from audit_events where object_id = ${created.id} order by id`,
    );
    expect(audit.map((row) => row.event)).toEqual(['locations.created']);
  });

  it('refuses each kind of bad input on its field, with a Dutch message, and saves nothing', async () => {
    const before = await locationCount();
    const cases: Array<[Record<string, unknown>, string, string, number]> = [
      [{ sector: 'hbo' }, 'sector', 'invalid_value', 400],
      [{ activeFrom: '2025-08-01', activeTo: '2025-07-31' }, 'activeTo', 'end_before_start', 400],
      [{ brin: 'A12B' }, 'brin', 'invalid_brin', 400],
      [{ locationCode: 'AB' }, 'locationCode', 'invalid_location_code', 400],
      [{ postalCode: '0123 AB' }, 'postalCode', 'invalid_postal_code', 400],
      [{ name: '' }, 'name', 'too_short', 400],
      [{ boardId: foreignBoardId }, 'boardId', 'unknown_board', 400],
      [{ brin: '10aa', locationCode: '00' }, 'locationCode', 'duplicate_location_code', 409],
      [{ activeFrom: '1 augustus' }, 'activeFrom', 'invalid_format', 400],
    ];
    for (const [change, path, code, status] of cases) {
      const response = await coordinator.post('/api/locations', { ...baseLocation, brin: '30ZZ', ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(status);
      expect(fieldsOf(response)).toEqual([expect.objectContaining({ path, code })]);
    }
    const duplicate = await coordinator.post('/api/locations', { ...baseLocation, brin: '10AA' });
    expect(fieldsOf(duplicate)[0]?.message).toBe('Er is al een school met dit BRIN en deze vestigingscode.');
    const period = await coordinator.post('/api/locations', {
      ...baseLocation,
      activeFrom: '2025-08-01',
      activeTo: '2025-07-31',
    });
    expect(fieldsOf(period)[0]?.message).toContain('De einddatum ligt voor de begindatum');
    expect(await locationCount()).toBe(before);
  });

  it('edits only the fields sent and audits the changed field names', async () => {
    const response = await coordinator.patch(`/api/locations/${ids.kompas}`, {
      name: 'Het Kompas (vso)',
      boardId: boardIds.zuid,
      place: 'Bunnik',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(json(response)).toMatchObject({
      name: 'Het Kompas (vso)',
      brin: '13DD',
      sector: 'vso',
      place: 'Bunnik',
      board: { id: boardIds.zuid },
    });
    const [audit] = await harness.database.queryAsOwner<{ event: string; details: { fields: string } }>(
      sql`select event, details from audit_events where object_id = ${ids.kompas} and event = 'locations.updated'`,
    );
    expect(audit?.details.fields).toBe('boardId,name');
  });

  it('refuses an edit that puts the end before the stored start, a taken code or an unknown sector; saves nothing', async () => {
    const url = `/api/locations/${ids.oud}`;
    const cases: Array<[Record<string, unknown>, string, string, number]> = [
      [{ activeTo: '1999-12-31' }, 'activeTo', 'end_before_start', 400],
      [{ brin: '10AA', name: 'Kopie' }, 'locationCode', 'duplicate_location_code', 409],
      [{ sector: 'mbo' }, 'sector', 'invalid_value', 400],
      [{ postalCode: '12345' }, 'postalCode', 'invalid_postal_code', 400],
    ];
    for (const [change, path, code, status] of cases) {
      const response = await coordinator.patch(url, change);
      expect(response.statusCode, JSON.stringify(change)).toBe(status);
      expect(fieldsOf(response)).toEqual([expect.objectContaining({ path, code })]);
    }
    expect(json(await coordinator.get(url))).toMatchObject({
      brin: '14EE',
      name: 'Oude School',
      activeTo: '2010-07-31',
      sector: 'bo',
    });
  });

  it('only managers create and edit; another partnership’s location is not found', async () => {
    expect((await teacher.patch(`/api/locations/${ids.regenboog}`, { place: 'X' })).statusCode).toBe(403);
    expect((await teamMember.post('/api/locations', { ...baseLocation, brin: '31AA' })).statusCode).toBe(403);
    expect((await coordinator.patch(`/api/locations/${foreignLocationId}`, { place: 'X' })).statusCode).toBe(
      404,
    );
  });
});

describe('pupil counts', () => {
  const url = (year: number) => `/api/locations/${ids.lyceum}/pupil-counts/${year}`;

  it('R14: sets and replaces a count by hand, and deletes it', async () => {
    const year = currentYear - 3;
    const created = await send(admin, 'PUT', url(year), { pupils: 1100 });
    expect(created.statusCode).toBe(200);
    expect(json(created)).toMatchObject({ schoolYear: year, pupils: 1100, source: 'manual' });
    expect(json(await send(admin, 'PUT', url(year), { pupils: 0 }))).toMatchObject({ pupils: 0 });
    const counts = json(await coordinator.get(`/api/locations/${ids.lyceum}`)).pupilCounts;
    expect(counts).toEqual([
      expect.objectContaining({ schoolYear: currentYear, pupils: 1200 }),
      expect.objectContaining({ schoolYear: year, pupils: 0 }),
    ]);
    expect((await send(admin, 'DELETE', url(year))).statusCode).toBe(204);
    expect((await send(admin, 'DELETE', url(year))).statusCode).toBe(404);
    expect(json(await coordinator.get(`/api/locations/${ids.lyceum}`)).pupilCounts).toHaveLength(1);
  });

  it('refuses negative, fractional and non-numeric counts on the field pupils, and keeps the old count', async () => {
    for (const pupils of [-1, 2.5, 'veel', '12', null]) {
      const response = await send(coordinator, 'PUT', url(currentYear), { pupils });
      expect(response.statusCode, String(pupils)).toBe(400);
      expect(fieldsOf(response).map((field) => field.path)).toEqual(['pupils']);
    }
    const negative = await send(coordinator, 'PUT', url(currentYear), { pupils: -1 });
    expect(fieldsOf(negative)[0]?.message).toBe('Dit moet minimaal 0 zijn.');
    expect(
      (await send(coordinator, 'PUT', `/api/locations/${ids.lyceum}/pupil-counts/tien`, { pupils: 1 }))
        .statusCode,
    ).toBe(400);
    const counts = json(await coordinator.get(`/api/locations/${ids.lyceum}`)).pupilCounts;
    expect(counts[0]).toMatchObject({ schoolYear: currentYear, pupils: 1200 });
  });

  it('only managers change counts', async () => {
    expect(
      (
        await send(teacher, 'PUT', `/api/locations/${ids.regenboog}/pupil-counts/${currentYear}`, {
          pupils: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send(coordinator, 'PUT', `/api/locations/${foreignLocationId}/pupil-counts/${currentYear}`, {
          pupils: 1,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('school boards', () => {
  it('lists the partnership’s boards by name, not another partnership’s', async () => {
    const response = await teacher.get('/api/school-boards');
    expect(response.statusCode).toBe(200);
    expect(json(response).items.map((board: { name: string }) => board.name)).toEqual([
      'Stichting Noord',
      'Stichting Zuid',
    ]);
  });

  it('refuses a board number already in use on the field code; only managers add boards', async () => {
    const duplicate = await coordinator.post('/api/school-boards', { code: '41000', name: 'Dubbel' });
    expect(duplicate.statusCode).toBe(409);
    expect(fieldsOf(duplicate)).toEqual([
      expect.objectContaining({ path: 'code', code: 'duplicate_board_code' }),
    ]);
    // Another partnership may use the same number.
    expect(
      (await otherCoordinator.post('/api/school-boards', { code: '41000', name: 'Zuid elders' })).statusCode,
    ).toBe(201);
    expect((await teacher.post('/api/school-boards', { code: '49999', name: 'X' })).statusCode).toBe(403);
    expect(json(await coordinator.get('/api/school-boards')).items).toHaveLength(2);
  });
});
