import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpertisePointOverview } from '../../../contracts/expertise-points.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { expertisePoints } from './expertise-points.schema.ts';

let harness: Harness;
let tenantId: string;
let ids: Record<string, string>;
let foreignLocationId: string;
let coordinator: TestClient;
let vsoTeacher: TestClient;
let teamMember: TestClient;

const pointInput = {
  room: 'Lokaal 0.14',
  openingHours: 'Maandag tot en met vrijdag, 8.30 – 16.00 uur',
  offersHomeworkSupport: false,
  publicDescription: 'Een rustige plek in de school.',
};

// The test client has no PUT; this one sends the client's cookies and CSRF header.
async function put(client: TestClient, url: string, body: unknown) {
  if (!client.cookies.has('passend_csrf')) await client.get('/healthz');
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return harness.app.inject({
    method: 'PUT',
    url,
    payload: body as object,
    headers: { cookie, 'x-csrf-token': client.cookies.get('passend_csrf') ?? '' },
  });
}

function byLocation(items: ExpertisePointOverview[]) {
  return Object.fromEntries(items.map((item) => [item.locationId, item]));
}

beforeAll(async () => {
  harness = await createHarness();
  // createTenant alternates sectors: even positions bo, odd positions vo.
  const own = await harness.createTenant([
    'primary',
    'staffed',
    'primary2',
    'unstaffed',
    'primary3',
    'missing',
  ]);
  tenantId = own.tenantId;
  ids = own.locationIds as Record<string, string>;
  const other = await harness.createTenant(['foreignPrimary', 'foreignSecondary']);
  foreignLocationId = other.locationIds.foreignSecondary ?? '';
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(expertisePoints).values([
      {
        tenantId,
        locationId: ids.staffed ?? '',
        room: 'A1',
        openingHours: 'ma–vr',
        offersHomeworkSupport: true,
      },
      { tenantId, locationId: ids.unstaffed ?? '', room: 'B2', openingHours: 'ma–do' },
    ]),
  );
  const teacher = await harness.createUser(tenantId, [{ role: 'vso_teacher', locationId: ids.staffed }]);
  await harness.updateUser(tenantId, teacher.userId, { name: 'Wendy Bosch' });
  // A disabled VSO teacher does not staff a point; a VSO teacher at a location without point does not make one.
  const disabled = await harness.createUser(tenantId, [{ role: 'vso_teacher', locationId: ids.unstaffed }]);
  await harness.updateUser(tenantId, disabled.userId, { status: 'disabled' });
  await harness.createUser(tenantId, [{ role: 'vso_teacher', locationId: ids.missing }]);
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  vsoTeacher = await harness.signedIn(teacher);
  teamMember = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]),
  );
});
afterAll(() => harness.close());

describe('expertise points', () => {
  it('E1: lists every secondary location with its point, VSO teachers and warning (missing / unstaffed)', async () => {
    const response = await coordinator.get('/api/expertise-points?pageSize=100');
    expect(response.statusCode).toBe(200);
    const page = response.json() as { items: ExpertisePointOverview[]; total: number };
    expect(page.total).toBe(3);
    const items = byLocation(page.items);
    expect(Object.keys(items).sort()).toEqual([ids.staffed, ids.unstaffed, ids.missing].sort());
    expect(items[ids.staffed ?? '']).toMatchObject({
      warning: null,
      vsoTeachers: [{ name: 'Wendy Bosch' }],
      expertisePoint: { room: 'A1', offersHomeworkSupport: true },
    });
    expect(items[ids.unstaffed ?? '']).toMatchObject({ warning: 'unstaffed', vsoTeachers: [] });
    expect(items[ids.missing ?? '']).toMatchObject({ warning: 'missing', expertisePoint: null });
  });

  it('E1: warning=true is the coordinator warning list, filtered and counted in SQL', async () => {
    const response = await coordinator.get('/api/expertise-points?warning=true&pageSize=1');
    expect(response.statusCode).toBe(200);
    const page = response.json() as { items: ExpertisePointOverview[]; total: number };
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    const second = (await coordinator.get('/api/expertise-points?warning=true&pageSize=1&page=2')).json();
    const shown = [...page.items, ...second.items].map((item: ExpertisePointOverview) => item.locationId);
    expect(shown.sort()).toEqual([ids.unstaffed, ids.missing].sort());
  });

  it('E8: creates the missing point by PUT, then changes it in place (one row, audited)', async () => {
    const url = `/api/locations/${ids.missing}/expertise-point`;
    const created = await put(coordinator, url, pointInput);
    expect(created.statusCode).toBe(200);
    // A VSO teacher was already linked to this location, so the new point is staffed at once.
    expect(created.json()).toMatchObject({ warning: null, expertisePoint: { room: 'Lokaal 0.14' } });
    const changed = await put(coordinator, url, {
      ...pointInput,
      room: '  Lokaal 1.02 ',
      offersHomeworkSupport: true,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().expertisePoint).toMatchObject({ room: 'Lokaal 1.02', offersHomeworkSupport: true });
    const read = await coordinator.get(url);
    expect(read.json().expertisePoint.offersHomeworkSupport).toBe(true);
    const [rows] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from expertise_points where location_id = ${ids.missing}`,
    );
    expect(Number(rows?.n)).toBe(1);
    const audit = await harness.database.queryAsOwner<{ event: string }>(
      sql`select event from audit_events where tenant_id = ${tenantId} and object_id = ${ids.missing}`,
    );
    expect(audit.map((row) => row.event)).toEqual(['expertise_points.updated', 'expertise_points.updated']);
  });

  it('E1: refuses an expertise point at a primary location with 422 not_secondary, saving nothing', async () => {
    const response = await put(coordinator, `/api/locations/${ids.primary}/expertise-point`, pointInput);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('not_secondary');
    expect((await coordinator.get(`/api/locations/${ids.primary}/expertise-point`)).statusCode).toBe(422);
    const [rows] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from expertise_points where location_id = ${ids.primary}`,
    );
    expect(Number(rows?.n)).toBe(0);
  });

  it('refuses too long or missing fields with a message on the field', async () => {
    const response = await put(coordinator, `/api/locations/${ids.unstaffed}/expertise-point`, {
      ...pointInput,
      room: 'x'.repeat(101),
      openingHours: '',
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.fields as Array<{ path: string; code: string; message: string }>;
    expect(fields.find((field) => field.path === 'room')?.code).toBe('too_long');
    expect(fields.find((field) => field.path === 'openingHours')?.code).toBe('too_short');
    expect(
      (await coordinator.get(`/api/locations/${ids.unstaffed}/expertise-point`)).json().expertisePoint.room,
    ).toBe('B2');
  });

  it('P1: a VSO teacher reads only their own location (another is not found for them) and cannot change it', async () => {
    const list = await vsoTeacher.get('/api/expertise-points?pageSize=100');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: ExpertisePointOverview) => item.locationId)).toEqual([ids.staffed]);
    expect((await vsoTeacher.get(`/api/locations/${ids.staffed}/expertise-point`)).statusCode).toBe(200);
    expect((await vsoTeacher.get(`/api/locations/${ids.unstaffed}/expertise-point`)).statusCode).toBe(404);
    expect(
      (await put(vsoTeacher, `/api/locations/${ids.staffed}/expertise-point`, pointInput)).statusCode,
    ).toBe(403);
  });

  it('P1/P6: a team member has no access; another partnership’s location is not found', async () => {
    expect((await teamMember.get('/api/expertise-points')).statusCode).toBe(403);
    expect((await coordinator.get(`/api/locations/${foreignLocationId}/expertise-point`)).statusCode).toBe(
      404,
    );
    expect(
      (await put(coordinator, `/api/locations/${foreignLocationId}/expertise-point`, pointInput)).statusCode,
    ).toBe(404);
    expect((await harness.client().get('/api/expertise-points')).statusCode).toBe(401);
  });
});

describe('list and record agree (P1)', () => {
  it('P1: for every role, the overview lists exactly the locations whose expertise point answers 200', async () => {
    const candidates = [...Object.values(ids), foreignLocationId];
    for (const client of [coordinator, vsoTeacher]) {
      const list = await client.get('/api/expertise-points?pageSize=100');
      const listed = (list.json().items as ExpertisePointOverview[]).map((item) => item.locationId);
      const readable: string[] = [];
      for (const id of candidates)
        if ((await client.get(`/api/locations/${id}/expertise-point`)).statusCode === 200) readable.push(id);
      expect(listed.sort()).toEqual(readable.sort());
      expect(listed.length).toBeGreaterThan(0);
    }
    // Without the grant, the list and every record are refused alike.
    expect((await teamMember.get('/api/expertise-points')).statusCode).toBe(403);
    for (const id of candidates)
      expect((await teamMember.get(`/api/locations/${id}/expertise-point`)).statusCode).toBe(403);
  });
});
