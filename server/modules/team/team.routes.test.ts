import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import type { TeamMemberDetail, TeamPage } from '../../../contracts/team.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { schoolTeamAssignments } from './team.schema.ts';

let harness: Harness;
let tenantId: string;
let ids: Record<string, string>;
let coordinator: TestClient;
let member: TestClient;
let memberId: string;
let adviserId: string;
let freeAdviserId: string;
let outsiderId: string;
let thisYear: number;

async function send(client: TestClient, method: 'PUT' | 'DELETE', url: string, body?: unknown) {
  if (!client.cookies.has('passend_csrf')) await client.get('/healthz');
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return harness.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as object } : {}),
    headers: { cookie, 'x-csrf-token': client.cookies.get('passend_csrf') ?? '' },
  });
}

beforeAll(async () => {
  harness = await createHarness();
  thisYear = schoolYearOf(harness.clock.today());
  const own = await harness.createTenant(['school', 'secondary']);
  tenantId = own.tenantId;
  ids = own.locationIds as Record<string, string>;
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  const scientist = await harness.createUser(tenantId, [
    { role: 'team_member', teamRole: 'behavioural_scientist' },
  ]);
  memberId = scientist.userId;
  await harness.updateUser(tenantId, memberId, { name: 'Anna de Gedragsdeskundige' });
  member = await harness.signedIn(scientist);
  adviserId = (await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]))
    .userId;
  await harness.updateUser(tenantId, adviserId, { name: 'Bram Begeleider' });
  freeAdviserId = (
    await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }])
  ).userId;
  await harness.updateUser(tenantId, freeAdviserId, { name: 'Cor Vrij' });
  // Not in the team: must never appear in the team list.
  outsiderId = (
    await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: ids.school }])
  ).userId;
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values([
      {
        tenantId,
        locationId: ids.school ?? '',
        userId: memberId,
        teamRole: 'behavioural_scientist',
        isContact: true,
        validFrom: '2020-08-01',
      },
      {
        tenantId,
        locationId: ids.school ?? '',
        userId: adviserId,
        teamRole: 'inclusion_adviser',
        isContact: false,
        validFrom: '2020-08-01',
      },
    ]),
  );
});
afterAll(() => harness.close());

describe('team', () => {
  it('R1: lists the team members with team role, hours of the school year and the schools they serve', async () => {
    expect(
      (await send(coordinator, 'PUT', `/api/team/${memberId}/hours/${thisYear}`, { contractedHours: 800.5 }))
        .statusCode,
    ).toBe(200);
    const response = await coordinator.get('/api/team');
    expect(response.statusCode).toBe(200);
    const page = response.json() as TeamPage;
    expect(page.total).toBe(3);
    expect(page.schoolYear).toBe(thisYear);
    const anna = page.items.find((item) => item.userId === memberId);
    expect(anna).toMatchObject({
      teamRole: 'behavioural_scientist',
      status: 'active',
      contractedHours: 800.5,
      schoolCount: 1,
      schools: [{ locationId: ids.school, isContact: true }],
    });
    expect(page.items.find((item) => item.userId === freeAdviserId)).toMatchObject({
      contractedHours: null,
      schoolCount: 0,
    });
    const lastYear = (await coordinator.get(`/api/team?schoolYear=${thisYear - 1}`)).json() as TeamPage;
    expect(lastYear.items.find((item) => item.userId === memberId)?.contractedHours).toBeNull();
    const advisers = (await coordinator.get('/api/team?teamRole=inclusion_adviser')).json() as TeamPage;
    expect(advisers.items.map((item) => item.userId).sort()).toEqual([adviserId, freeAdviserId].sort());
  });

  it('R1: a team member reads only their own profile; another member is not found for them', async () => {
    const page = (await member.get('/api/team')).json() as TeamPage;
    expect(page.items.map((item) => item.userId)).toEqual([memberId]);
    expect((await member.get(`/api/team/${memberId}`)).statusCode).toBe(200);
    expect((await member.get(`/api/team/${adviserId}`)).statusCode).toBe(404);
    expect((await member.patch(`/api/team/${memberId}`, { tagIds: [] })).statusCode).toBe(403);
  });

  it('R1: expertise tags are maintained by the coordinator; a duplicate name is refused on the field', async () => {
    const created = await coordinator.post('/api/expertise-tags', { name: 'Autisme' });
    expect(created.statusCode).toBe(201);
    const duplicate = await coordinator.post('/api/expertise-tags', { name: 'autisme' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields).toEqual([
      expect.objectContaining({ path: 'name', code: 'duplicate_tag' }),
    ]);
    const other = (await coordinator.post('/api/expertise-tags', { name: 'Gedrag' })).json() as {
      id: string;
    };
    expect((await coordinator.patch(`/api/expertise-tags/${other.id}`, { name: 'Autisme' })).statusCode).toBe(
      409,
    );
    expect(
      (await coordinator.patch(`/api/expertise-tags/${other.id}`, { name: 'Gedrag en groep' })).statusCode,
    ).toBe(200);
    expect((await member.post('/api/expertise-tags', { name: 'Dyslexie' })).statusCode).toBe(403);
    const list = await member.get('/api/expertise-tags');
    expect(list.json().items.map((tag: { name: string }) => tag.name)).toEqual([
      'Autisme',
      'Gedrag en groep',
    ]);

    const tagId = created.json().id as string;
    const updated = await coordinator.patch(`/api/team/${memberId}`, { tagIds: [tagId, other.id] });
    expect(updated.statusCode).toBe(200);
    expect((updated.json() as TeamMemberDetail).tags.map((tag) => tag.name)).toEqual([
      'Autisme',
      'Gedrag en groep',
    ]);
    const filtered = (await coordinator.get(`/api/team?tagId=${tagId}`)).json() as TeamPage;
    expect(filtered.items.map((item) => item.userId)).toEqual([memberId]);
    const unknown = await coordinator.patch(`/api/team/${memberId}`, { tagIds: [crypto.randomUUID()] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toMatchObject({ path: 'tagIds.0', code: 'unknown_tag' });
    expect((await send(coordinator, 'DELETE', `/api/expertise-tags/${other.id}`)).statusCode).toBe(204);
    const after = (await coordinator.get(`/api/team/${memberId}`)).json() as TeamMemberDetail;
    expect(after.tags.map((tag) => tag.name)).toEqual(['Autisme']);
  });

  it('R1: contracted hours are at least 0 in steps of a quarter hour', async () => {
    const url = `/api/team/${adviserId}/hours/${thisYear}`;
    const negative = await send(coordinator, 'PUT', url, { contractedHours: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.fields[0].path).toBe('contractedHours');
    const odd = await send(coordinator, 'PUT', url, { contractedHours: 10.1 });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().error.fields[0]).toMatchObject({ path: 'contractedHours', code: 'quarter_hours' });
    expect((await send(coordinator, 'PUT', url, { contractedHours: 10.25 })).statusCode).toBe(200);
    expect((await send(coordinator, 'PUT', url, { contractedHours: 12 })).statusCode).toBe(200);
    const detail = (await coordinator.get(`/api/team/${adviserId}`)).json() as TeamMemberDetail;
    expect(detail.hours).toEqual([{ schoolYear: thisYear, contractedHours: 12 }]);
  });

  it('R1: absences from–to; an end before the start is refused on the field and nothing is saved', async () => {
    const wrong = await coordinator.post(`/api/team/${adviserId}/absences`, {
      startsOn: '2026-10-12',
      endsOn: '2026-10-09',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([
      expect.objectContaining({ path: 'endsOn', code: 'end_before_start', message: expect.any(String) }),
    ]);
    const created = await coordinator.post(`/api/team/${adviserId}/absences`, {
      startsOn: '2026-10-12',
      endsOn: '2026-10-12',
    });
    expect(created.statusCode).toBe(201);
    let detail = (await coordinator.get(`/api/team/${adviserId}`)).json() as TeamMemberDetail;
    expect(detail.absences).toEqual([
      { id: created.json().id, startsOn: '2026-10-12', endsOn: '2026-10-12' },
    ]);
    expect(
      (await send(coordinator, 'DELETE', `/api/team/${adviserId}/absences/${created.json().id}`)).statusCode,
    ).toBe(204);
    expect(
      (await send(coordinator, 'DELETE', `/api/team/${adviserId}/absences/${created.json().id}`)).statusCode,
    ).toBe(404);
    detail = (await coordinator.get(`/api/team/${adviserId}`)).json() as TeamMemberDetail;
    expect(detail.absences).toEqual([]);
  });

  it('R1/R5: a member who still serves schools cannot be marked as left; a free member can, history kept', async () => {
    const refused = await coordinator.patch(`/api/team/${adviserId}`, {
      status: 'left',
      leftOn: '2026-12-31',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields[0]).toMatchObject({ path: 'status', code: 'member_has_schools' });
    expect(((await coordinator.get(`/api/team/${adviserId}`)).json() as TeamMemberDetail).status).toBe(
      'active',
    );

    const left = await coordinator.patch(`/api/team/${freeAdviserId}`, {
      status: 'left',
      leftOn: '2026-12-31',
    });
    expect(left.statusCode).toBe(200);
    expect(left.json()).toMatchObject({ status: 'left', leftOn: '2026-12-31' });
    const listed = (await coordinator.get('/api/team?status=left')).json() as TeamPage;
    expect(listed.items.map((item) => item.userId)).toEqual([freeAdviserId]);
    const back = await coordinator.patch(`/api/team/${freeAdviserId}`, { status: 'active' });
    expect(back.json()).toMatchObject({ status: 'active', leftOn: null });
  });

  it('R15: a member chooses what the public page shows; only of themselves; the coordinator of anyone', async () => {
    const own = await member.patch(`/api/team/${memberId}/public-profile`, {
      showSchools: false,
      showPhoto: true,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ showExpertise: true, showSchools: false, showPhoto: true });
    expect(
      (await member.patch(`/api/team/${adviserId}/public-profile`, { showSchools: false })).statusCode,
    ).toBe(404);
    const byCoordinator = await coordinator.patch(`/api/team/${adviserId}/public-profile`, {
      showExpertise: false,
    });
    expect(byCoordinator.json()).toEqual({ showExpertise: false, showSchools: true, showPhoto: false });
  });

  it('R1: a user outside the team is not found', async () => {
    const outsider = (await harness.createUser(tenantId, [{ role: 'coordinator' }])).userId;
    expect((await coordinator.get(`/api/team/${outsider}`)).statusCode).toBe(404);
  });
});

describe('list and record agree (P1)', () => {
  it('P1: for every role, the team list shows exactly the members whose profile answers 200', async () => {
    const foreignMember = (
      await harness.createUser((await harness.createTenant(['elsewhere'])).tenantId, [
        { role: 'team_member', teamRole: 'inclusion_adviser' },
      ])
    ).userId;
    const everyone = ((await coordinator.get('/api/team?pageSize=100')).json() as TeamPage).items;
    const candidates = [...everyone.map((item) => item.userId), outsiderId, foreignMember];
    for (const client of [coordinator, member]) {
      const listed = ((await client.get('/api/team?pageSize=100')).json() as TeamPage).items.map(
        (item) => item.userId,
      );
      const readable: string[] = [];
      for (const id of candidates)
        if ((await client.get(`/api/team/${id}`)).statusCode === 200) readable.push(id);
      expect(listed.sort()).toEqual(readable.sort());
      expect(listed.length).toBeGreaterThan(0);
    }
  });
});

describe('the order of the team list (issue 16: a sortable list sorts on the server)', () => {
  type Row = { id: string; name: string; teamRole: string; hours: number | null; status: string };
  const list = async (sort?: string): Promise<Row[]> => {
    const response = await coordinator.get(
      `/api/team?pageSize=100${sort ? `&sort=${encodeURIComponent(sort)}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as TeamPage).items.map((item) => ({
      id: item.userId,
      name: item.name,
      teamRole: item.teamRole,
      hours: item.contractedHours,
      status: item.status,
    }));
  };
  const compare = (first: string | number, second: string | number) =>
    first < second ? -1 : first > second ? 1 : 0;
  const byNameThenId = (first: Row, second: Row) =>
    compare(first.name, second.name) || compare(first.id, second.id);

  beforeAll(async () => {
    // Two members with one name: only the id tells them apart.
    for (const teamRole of ['behavioural_scientist', 'inclusion_adviser'] as const) {
      const { userId } = await harness.createUser(tenantId, [{ role: 'team_member', teamRole }]);
      await harness.updateUser(tenantId, userId, { name: 'Dirk Dubbel' });
    }
    expect(
      (await send(coordinator, 'PUT', `/api/team/${adviserId}/hours/${thisYear}`, { contractedHours: 400 }))
        .statusCode,
    ).toBe(200);
  });

  it('lists by name unless asked otherwise; equal names by id; descending is the exact reverse', async () => {
    const byName = await list('name');
    expect(byName.length).toBeGreaterThanOrEqual(5);
    expect(byName).toEqual([...byName].sort(byNameThenId));
    expect(await list()).toEqual(byName);
    expect(await list('-name')).toEqual([...byName].reverse());
  });

  it('sorts by team role and status (ties by name), and by hours with members without hours last', async () => {
    const byRole = await list('teamRole');
    expect(byRole).toEqual(
      [...byRole].sort(
        (first, second) => compare(first.teamRole, second.teamRole) || byNameThenId(first, second),
      ),
    );
    expect((await list('-teamRole')).map((row) => row.teamRole)).toEqual(
      byRole.map((row) => row.teamRole).reverse(),
    );
    const byStatus = await list('status');
    expect(byStatus).toEqual(
      [...byStatus].sort(
        (first, second) => compare(first.status, second.status) || byNameThenId(first, second),
      ),
    );
    const hoursOf = async (sort: string) => (await list(sort)).map((row) => row.hours);
    const ascending = await hoursOf('hours');
    const descending = await hoursOf('-hours');
    expect(ascending.slice(0, 2)).toEqual([400, 800.5]);
    expect(descending.slice(0, 2)).toEqual([800.5, 400]);
    expect(ascending.slice(2).every((hours) => hours === null)).toBe(true);
    expect(descending.slice(2).every((hours) => hours === null)).toBe(true);
  });

  it('refuses a sort key it does not know, naming the parameter', async () => {
    for (const sort of ['email', 'name;drop', '-contractedHours', 'Name']) {
      const response = await coordinator.get(`/api/team?sort=${encodeURIComponent(sort)}`);
      expect(response.statusCode, sort).toBe(400);
      expect(
        (response.json() as { error: { fields?: Array<{ path: string }> } }).error.fields?.map(
          (field) => field.path,
        ),
      ).toEqual(['sort']);
    }
  });
});
