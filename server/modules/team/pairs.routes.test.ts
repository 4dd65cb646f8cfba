import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocationPair, PairHistory, PairPage } from '../../../contracts/team.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { pairConflictOf } from './pairs.service.ts';
import { schoolTeamAssignments } from './team.schema.ts';

let harness: Harness;
let tenantId: string;
let ids: Record<string, string>;
let foreignPrimary: string;
let coordinator: TestClient;
let anna: string; // behavioural scientist
let cees: string; // behavioural scientist
let bram: string; // inclusion adviser
let dewi: string; // inclusion adviser
let gone: string; // inclusion adviser who left
let annaClient: TestClient;
let ibClient: TestClient;

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

const pair = (scientist: string, adviser: string, contact: string, effectiveFrom: string) => ({
  behaviouralScientistUserId: scientist,
  inclusionAdviserUserId: adviser,
  contact,
  effectiveFrom,
});

async function member(teamRole: 'behavioural_scientist' | 'inclusion_adviser', name: string) {
  const user = await harness.createUser(tenantId, [{ role: 'team_member', teamRole }]);
  await harness.updateUser(tenantId, user.userId, { name });
  return user;
}

async function fieldsOf(response: { json(): unknown }) {
  return (response.json() as { error: { fields: Array<{ path: string; code: string }> } }).error.fields.map(
    ({ path, code }) => ({ path, code }),
  );
}

beforeAll(async () => {
  harness = await createHarness();
  // createTenant alternates sectors: even positions bo, odd positions vo.
  const own = await harness.createTenant(['p1', 'sec', 'p2', 'sec2', 'p3']);
  tenantId = own.tenantId;
  ids = own.locationIds as Record<string, string>;
  foreignPrimary = (await harness.createTenant(['foreign'])).locationIds.foreign ?? '';
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  const annaUser = await member('behavioural_scientist', 'Anna Aarts');
  anna = annaUser.userId;
  cees = (await member('behavioural_scientist', 'Cees Claassen')).userId;
  bram = (await member('inclusion_adviser', 'Bram Bakker')).userId;
  dewi = (await member('inclusion_adviser', 'Dewi Dekker')).userId;
  gone = (await member('inclusion_adviser', 'Gijs Gone')).userId;
  await coordinator.patch(`/api/team/${gone}`, { status: 'left', leftOn: '2025-06-30' });
  annaClient = await harness.signedIn(annaUser);
  ibClient = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: ids.p2 }]),
  );
});
afterAll(() => harness.close());

describe('pairs of a school (R5)', () => {
  it('R5: sets a pair from a date; a change of contact person mid-year keeps history and answers both dates', async () => {
    const first = await put(
      coordinator,
      `/api/locations/${ids.p1}/pair`,
      pair(anna, bram, 'behavioural_scientist', '2025-08-01'),
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'complete',
      behaviouralScientist: { userId: anna, isContact: true },
    });
    const change = await put(
      coordinator,
      `/api/locations/${ids.p1}/pair`,
      pair(anna, bram, 'inclusion_adviser', '2026-02-15'),
    );
    expect(change.statusCode).toBe(200);

    const before = (
      await coordinator.get(`/api/locations/${ids.p1}/pair?date=2026-02-14`)
    ).json() as LocationPair;
    expect(before.behaviouralScientist).toMatchObject({
      userId: anna,
      isContact: true,
      validTo: '2026-02-15',
    });
    expect(before.inclusionAdviser).toMatchObject({ userId: bram, isContact: false });
    const after = (
      await coordinator.get(`/api/locations/${ids.p1}/pair?date=2026-02-15`)
    ).json() as LocationPair;
    expect(after.behaviouralScientist).toMatchObject({ userId: anna, isContact: false, validTo: null });
    expect(after.inclusionAdviser).toMatchObject({ userId: bram, isContact: true, name: 'Bram Bakker' });
    expect(after.status).toBe('complete');
    const beforeAll = (
      await coordinator.get(`/api/locations/${ids.p1}/pair?date=2025-07-31`)
    ).json() as LocationPair;
    expect(beforeAll.status).toBe('missing');

    const history = (await coordinator.get(`/api/locations/${ids.p1}/pair-history`)).json() as PairHistory;
    expect(history.periods).toHaveLength(4);
    expect(history.periods.map((period) => [period.validFrom, period.validTo])).toEqual([
      ['2026-02-15', null],
      ['2026-02-15', null],
      ['2025-08-01', '2026-02-15'],
      ['2025-08-01', '2026-02-15'],
    ]);
  });

  it('R5: the same pair again writes nothing; a date before the latest change is refused', async () => {
    const same = await put(
      coordinator,
      `/api/locations/${ids.p1}/pair`,
      pair(anna, bram, 'inclusion_adviser', '2026-09-01'),
    );
    expect(same.statusCode).toBe(200);
    expect(
      ((await coordinator.get(`/api/locations/${ids.p1}/pair-history`)).json() as PairHistory).periods,
    ).toHaveLength(4);
    const early = await put(
      coordinator,
      `/api/locations/${ids.p1}/pair`,
      pair(cees, bram, 'inclusion_adviser', '2026-01-01'),
    );
    expect(early.statusCode).toBe(400);
    expect(await fieldsOf(early)).toEqual([{ path: 'effectiveFrom', code: 'effective_before_current' }]);
  });

  it('R5: refuses two of one role, the same person twice, a member who left, and a contact not in the pair', async () => {
    const url = `/api/locations/${ids.p2}/pair`;
    const twoAdvisers = await put(coordinator, url, pair(dewi, bram, 'inclusion_adviser', '2026-08-01'));
    expect(twoAdvisers.statusCode).toBe(400);
    expect(await fieldsOf(twoAdvisers)).toEqual([
      { path: 'behaviouralScientistUserId', code: 'wrong_team_role' },
    ]);
    const left = await put(coordinator, url, pair(anna, gone, 'inclusion_adviser', '2026-08-01'));
    expect(await fieldsOf(left)).toEqual([{ path: 'inclusionAdviserUserId', code: 'member_left' }]);
    const notInPair = await put(coordinator, url, {
      ...pair(anna, bram, 'inclusion_adviser', '2026-08-01'),
      contact: cees,
    });
    expect(notInPair.statusCode).toBe(400);
    expect((await fieldsOf(notInPair))[0]?.path).toBe('contact');
    const outsider = await put(
      coordinator,
      url,
      pair(crypto.randomUUID(), bram, 'inclusion_adviser', '2026-08-01'),
    );
    expect(await fieldsOf(outsider)).toEqual([
      { path: 'behaviouralScientistUserId', code: 'not_team_member' },
    ]);
    const pairOfP2 = (await coordinator.get(`/api/locations/${ids.p2}/pair`)).json() as LocationPair;
    expect(pairOfP2.status).toBe('missing');
  });

  it('R5: only primary locations get a pair; another partnership is not found', async () => {
    const secondary = await put(
      coordinator,
      `/api/locations/${ids.sec}/pair`,
      pair(anna, bram, 'inclusion_adviser', '2026-08-01'),
    );
    expect(secondary.statusCode).toBe(422);
    expect(await fieldsOf(secondary)).toEqual([{ path: 'locationId', code: 'not_primary' }]);
    const foreign = await put(
      coordinator,
      `/api/locations/${foreignPrimary}/pair`,
      pair(anna, bram, 'inclusion_adviser', '2026-08-01'),
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('R5: the database refuses a third member (second open of one role) and a second contact person', async () => {
    const insert = (
      userId: string,
      teamRole: 'behavioural_scientist' | 'inclusion_adviser',
      isContact: boolean,
      validFrom = '2026-03-01',
    ) =>
      harness.database.withTenant(tenantId, ({ db }) =>
        db
          .insert(schoolTeamAssignments)
          .values({ tenantId, locationId: ids.p3 ?? '', userId, teamRole, isContact, validFrom }),
      );
    // School p3 gets a pair written past the service, removed again at the end.
    await insert(anna, 'behavioural_scientist', true, '2026-01-01');
    await insert(bram, 'inclusion_adviser', false, '2026-01-01');
    const third = await insert(cees, 'behavioural_scientist', false).catch((error: unknown) => error);
    expect(isUniqueViolation(third, 'school_team_one_open_per_role')).toBe(true);
    expect(pairConflictOf(third, '')).toMatchObject({
      statusCode: 409,
      fields: [{ path: 'effectiveFrom', code: 'second_open_member' }],
    });
    // A second open contact person: the adviser flagged as contact while the scientist still is one.
    const secondContact = await harness.database
      .withTenant(tenantId, ({ db }) =>
        db.execute(`update school_team_assignments set is_contact = true
          where location_id = '${ids.p3}' and user_id = '${bram}' and valid_to is null`),
      )
      .catch((error: unknown) => error);
    expect(isUniqueViolation(secondContact, 'school_team_one_open_contact')).toBe(true);
    expect(pairConflictOf(secondContact, 'assignments.3.')).toMatchObject({
      statusCode: 409,
      fields: [{ path: 'assignments.3.contact', code: 'second_open_contact' }],
    });
    expect(pairConflictOf(new Error('other'), '')).toBeNull();
    await harness.database.withTenant(tenantId, ({ db }) =>
      db.execute(`delete from school_team_assignments where location_id = '${ids.p3}'`),
    );
  });
});

describe('bulk assignment (R5)', () => {
  it('R5: all or nothing: one invalid entry refuses the whole request with fields per entry', async () => {
    const response = await coordinator.post('/api/pairs/bulk', {
      effectiveFrom: '2026-08-01',
      assignments: [
        {
          locationId: ids.p2,
          behaviouralScientistUserId: cees,
          inclusionAdviserUserId: dewi,
          contact: 'behavioural_scientist',
        },
        {
          locationId: ids.p3,
          behaviouralScientistUserId: cees,
          inclusionAdviserUserId: cees,
          contact: 'behavioural_scientist',
        },
        {
          locationId: ids.sec,
          behaviouralScientistUserId: cees,
          inclusionAdviserUserId: dewi,
          contact: 'behavioural_scientist',
        },
        {
          locationId: ids.p2,
          behaviouralScientistUserId: cees,
          inclusionAdviserUserId: dewi,
          contact: 'inclusion_adviser',
        },
        {
          locationId: foreignPrimary,
          behaviouralScientistUserId: cees,
          inclusionAdviserUserId: dewi,
          contact: 'inclusion_adviser',
        },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(await fieldsOf(response)).toEqual([
      { path: 'assignments.1.inclusionAdviserUserId', code: 'wrong_team_role' },
      { path: 'assignments.1.inclusionAdviserUserId', code: 'same_person' },
      { path: 'assignments.2.locationId', code: 'not_primary' },
      { path: 'assignments.3.locationId', code: 'duplicate_location' },
      { path: 'assignments.4.locationId', code: 'unknown_location' },
    ]);
    const list = (await coordinator.get('/api/pairs?date=2026-09-01&status=missing')).json() as PairPage;
    expect(list.items.map((item) => item.locationId).sort()).toEqual([ids.p2, ids.p3].sort());
  });

  it('R5: a valid bulk request assigns every school; the list puts schools lacking a pair first', async () => {
    const refusedTooMany = await coordinator.post('/api/pairs/bulk', {
      effectiveFrom: '2026-08-01',
      assignments: Array.from({ length: 201 }, () => ({
        locationId: ids.p2,
        behaviouralScientistUserId: cees,
        inclusionAdviserUserId: dewi,
        contact: 'behavioural_scientist',
      })),
    });
    expect(refusedTooMany.statusCode).toBe(400);
    const response = await coordinator.post('/api/pairs/bulk', {
      effectiveFrom: '2026-08-01',
      assignments: [
        {
          locationId: ids.p2,
          behaviouralScientistUserId: cees,
          inclusionAdviserUserId: dewi,
          contact: 'behavioural_scientist',
        },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ changed: 1, unchanged: 0 });
    const page = (await coordinator.get('/api/pairs?date=2026-09-01')).json() as PairPage;
    expect(page.total).toBe(3);
    expect(page.items.map((item) => [item.locationId, item.status])).toEqual([
      [ids.p3, 'missing'],
      [ids.p1, 'complete'],
      [ids.p2, 'complete'],
    ]);
    const beforeBulk = (
      await coordinator.get('/api/pairs?date=2026-07-31&status=complete')
    ).json() as PairPage;
    expect(beforeBulk.items.map((item) => item.locationId)).toEqual([ids.p1]);
    const p2 = page.items.find((item) => item.locationId === ids.p2);
    expect(p2?.behaviouralScientist).toMatchObject({ userId: cees, name: 'Cees Claassen', isContact: true });
    expect(p2?.inclusionAdviser).toMatchObject({ userId: dewi, isContact: false });
  });

  it('R5: a team member sees the pairs of their assigned schools only; school staff their own school', async () => {
    const annaList = (await annaClient.get('/api/pairs')).json() as PairPage;
    expect(annaList.items.map((item) => item.locationId)).toEqual([ids.p1]);
    expect((await annaClient.get(`/api/locations/${ids.p1}/pair`)).statusCode).toBe(200);
    // A school out of their reach is not found for them, like one that does not exist.
    expect((await annaClient.get(`/api/locations/${ids.p2}/pair`)).statusCode).toBe(404);
    expect(
      (await annaClient.post('/api/pairs/bulk', { effectiveFrom: '2026-08-01', assignments: [] })).statusCode,
    ).toBe(403);
    const ibList = (await ibClient.get('/api/pairs')).json() as PairPage;
    expect(ibList.items.map((item) => item.locationId)).toEqual([ids.p2]);
    const ibPair = await ibClient.get(`/api/locations/${ids.p2}/pair`);
    expect(ibPair.statusCode).toBe(200);
    expect((ibPair.json() as LocationPair).behaviouralScientist?.isContact).toBe(true);
    expect((await ibClient.get(`/api/locations/${ids.p1}/pair-history`)).statusCode).toBe(404);
  });
});

describe('list and record agree (P1)', () => {
  it('P1: for every role, the pair list shows exactly the schools whose pair answers 200', async () => {
    const candidates = [...Object.values(ids), foreignPrimary];
    for (const client of [coordinator, annaClient, ibClient]) {
      const listed = ((await client.get('/api/pairs?pageSize=100')).json() as PairPage).items.map(
        (item) => item.locationId,
      );
      const readable: string[] = [];
      for (const id of candidates)
        if ((await client.get(`/api/locations/${id}/pair`)).statusCode === 200) readable.push(id);
      expect(listed.sort()).toEqual(readable.sort());
      expect(listed.length).toBeGreaterThan(0);
    }
  });
});
