import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../../contracts/users.ts';
import { auditEvents } from '../../platform/audit/audit.schema.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { schoolTeamAssignments } from '../team/team.schema.ts';

let harness: Harness;
let tenantId: string;
let ids: Record<string, string>;
let foreignLocationId: string;
let foreignAdminId: string;
let admin: TestClient;
let adminId: string;

async function putRoles(client: TestClient, userId: string, roles: unknown) {
  if (!client.cookies.has('passend_csrf')) await client.get('/healthz');
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return harness.app.inject({
    method: 'PUT',
    url: `/api/users/${userId}/roles`,
    payload: { roles },
    headers: { cookie, 'x-csrf-token': client.cookies.get('passend_csrf') ?? '' },
  });
}

async function rolesOf(userId: string) {
  const response = await admin.get('/api/users?pageSize=100');
  const user = (response.json().items as UserSummary[]).find((item) => item.id === userId);
  return user?.roles.map(({ role, teamRole, locationId }) => ({ role, teamRole, locationId }));
}

beforeAll(async () => {
  harness = await createHarness();
  const own = await harness.createTenant(['a', 'b']);
  tenantId = own.tenantId;
  ids = own.locationIds as Record<string, string>;
  const foreign = await harness.createTenant(['foreign']);
  foreignLocationId = foreign.locationIds.foreign ?? '';
  foreignAdminId = (await harness.createUser(foreign.tenantId, [{ role: 'functional_admin' }])).userId;
  const adminUser = await harness.createUser(tenantId, [{ role: 'functional_admin' }]);
  adminId = adminUser.userId;
  admin = await harness.signedIn(adminUser);
});
afterAll(() => harness.close());

describe('PUT /api/users/:userId/roles', () => {
  it('replaces all role assignments in one go and audits counts only', async () => {
    const { userId } = await harness.createUser(tenantId, [
      { role: 'teacher', locationId: ids.a },
      { role: 'mentor', locationId: ids.a },
    ]);
    const response = await putRoles(admin, userId, [
      { role: 'internal_coordinator', locationId: ids.b },
      { role: 'team_member', teamRole: 'inclusion_adviser' },
    ]);
    expect(response.statusCode).toBe(200);
    const summary = response.json() as UserSummary;
    expect(summary.id).toBe(userId);
    expect(summary.roles).toEqual([
      {
        role: 'internal_coordinator',
        teamRole: null,
        locationId: ids.b,
        locationName: 'School b',
        boardId: null,
        boardName: null,
      },
      {
        role: 'team_member',
        teamRole: 'inclusion_adviser',
        locationId: null,
        locationName: null,
        boardId: null,
        boardName: null,
      },
    ]);
    expect(await rolesOf(userId)).toEqual([
      { role: 'internal_coordinator', teamRole: null, locationId: ids.b },
      { role: 'team_member', teamRole: 'inclusion_adviser', locationId: null },
    ]);
    const events = await harness.database.withTenant(tenantId, ({ db }) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.event, 'users.roles_changed'), eq(auditEvents.objectId, userId))),
    );
    expect(events.map((event) => [event.actorUserId, event.details])).toEqual([
      [adminId, { before: 2, after: 2 }],
    ]);
  });

  it('refuses a location of another partnership on its field, and changes nothing', async () => {
    const { userId } = await harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.a }]);
    const response = await putRoles(admin, userId, [
      { role: 'teacher', locationId: ids.a },
      { role: 'director', locationId: foreignLocationId },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      expect.objectContaining({ path: 'roles.1.locationId', code: 'unknown_reference' }),
    ]);
    expect(await rolesOf(userId)).toEqual([{ role: 'teacher', teamRole: null, locationId: ids.a }]);
  });

  it('refuses invalid role input with the invitation rules (location and team role)', async () => {
    const { userId } = await harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.a }]);
    const response = await putRoles(admin, userId, [{ role: 'teacher' }, { role: 'team_member' }]);
    expect(response.statusCode).toBe(400);
    const paths = (response.json().error.fields as Array<{ path: string }>).map((field) => field.path);
    expect(paths.sort()).toEqual(['roles.0.locationId', 'roles.1.teamRole']);
    expect((await putRoles(admin, userId, [])).statusCode).toBe(400);
  });

  it('a user of another partnership or an unknown user is not found', async () => {
    const roles = [{ role: 'functional_admin' }];
    expect((await putRoles(admin, foreignAdminId, roles)).statusCode).toBe(404);
    expect((await putRoles(admin, crypto.randomUUID(), roles)).statusCode).toBe(404);
  });

  it('refuses to remove the last functional admin, also by themselves; another admin may go', async () => {
    const refused = await putRoles(admin, adminId, [{ role: 'coordinator' }]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields).toEqual([
      { path: 'roles', code: 'last_admin', message: expect.stringContaining('functioneel beheerder') },
    ]);
    // A disabled admin cannot sign in, so does not count.
    const disabled = await harness.createUser(tenantId, [{ role: 'functional_admin' }]);
    await harness.updateUser(tenantId, disabled.userId, { status: 'disabled' });
    expect((await putRoles(admin, adminId, [{ role: 'coordinator' }])).statusCode).toBe(409);
    expect(await rolesOf(adminId)).toEqual([{ role: 'functional_admin', teamRole: null, locationId: null }]);
    // Changing one's own roles otherwise is allowed.
    const own = await putRoles(admin, adminId, [{ role: 'functional_admin' }, { role: 'coordinator' }]);
    expect(own.statusCode).toBe(200);
    // With a second active admin, one of them may lose the role.
    const second = await harness.createUser(tenantId, [{ role: 'functional_admin' }]);
    expect((await putRoles(admin, second.userId, [{ role: 'coordinator' }])).statusCode).toBe(200);
    expect((await putRoles(admin, adminId, [{ role: 'coordinator' }])).statusCode).toBe(409);
    expect((await putRoles(admin, adminId, [{ role: 'functional_admin' }])).statusCode).toBe(200);
  });

  it('R5: refuses taking the team role from a member who still serves a school as one of its pair', async () => {
    const serving = await harness.createUser(tenantId, [
      { role: 'team_member', teamRole: 'behavioural_scientist' },
    ]);
    const formerly = await harness.createUser(tenantId, [
      { role: 'team_member', teamRole: 'behavioural_scientist' },
    ]);
    await harness.database.withTenant(tenantId, ({ db }) =>
      db.insert(schoolTeamAssignments).values([
        {
          tenantId,
          locationId: ids.a ?? '',
          userId: serving.userId,
          teamRole: 'behavioural_scientist',
          isContact: true,
          validFrom: '2020-08-01',
        },
        {
          tenantId,
          locationId: ids.b ?? '',
          userId: formerly.userId,
          teamRole: 'behavioural_scientist',
          isContact: true,
          validFrom: '2020-08-01',
          validTo: '2021-08-01',
        },
      ]),
    );
    const removed = await putRoles(admin, serving.userId, [{ role: 'coordinator' }]);
    expect(removed.statusCode).toBe(409);
    expect(removed.json().error.fields).toEqual([
      expect.objectContaining({ path: 'roles', code: 'member_has_schools', params: { count: 1 } }),
    ]);
    // Another team role would no longer match the pair either.
    const switched = await putRoles(admin, serving.userId, [
      { role: 'team_member', teamRole: 'inclusion_adviser' },
    ]);
    expect(switched.statusCode).toBe(409);
    expect(await rolesOf(serving.userId)).toEqual([
      { role: 'team_member', teamRole: 'behavioural_scientist', locationId: null },
    ]);
    // Adding a role while keeping the team role is fine; so is removing it after the pair ended.
    const added = await putRoles(admin, serving.userId, [
      { role: 'team_member', teamRole: 'behavioural_scientist' },
      { role: 'coordinator' },
    ]);
    expect(added.statusCode).toBe(200);
    expect((await putRoles(admin, formerly.userId, [{ role: 'coordinator' }])).statusCode).toBe(200);
  });

  it('only the functional admin may change roles (403 for others, also for themselves)', async () => {
    const coordinatorUser = await harness.createUser(tenantId, [{ role: 'coordinator' }]);
    const coordinator = await harness.signedIn(coordinatorUser);
    const { userId } = await harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.a }]);
    expect((await putRoles(coordinator, userId, [{ role: 'coordinator' }])).statusCode).toBe(403);
    expect(
      (await putRoles(coordinator, coordinatorUser.userId, [{ role: 'functional_admin' }])).statusCode,
    ).toBe(403);
    expect(await rolesOf(userId)).toEqual([{ role: 'teacher', teamRole: null, locationId: ids.a }]);
  });

  it("the changed user's open session gets the new rights on its next request", async () => {
    const teacherUser = await harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.a }]);
    const teacher = await harness.signedIn(teacherUser);
    expect((await teacher.get(`/api/locations/${ids.a}`)).statusCode).toBe(200);
    expect((await teacher.get(`/api/locations/${ids.b}`)).statusCode).not.toBe(200);
    const changed = await putRoles(admin, teacherUser.userId, [
      { role: 'internal_coordinator', locationId: ids.b },
    ]);
    expect(changed.statusCode).toBe(200);
    expect((await teacher.get(`/api/locations/${ids.b}`)).statusCode).toBe(200);
    expect((await teacher.get(`/api/locations/${ids.a}`)).statusCode).not.toBe(200);
    const session = await teacher.get('/api/session');
    expect(session.json().user.roles).toEqual([
      expect.objectContaining({ role: 'internal_coordinator', locationId: ids.b }),
    ]);
  });
});

describe('list and record agree (P1)', () => {
  // Users have no read route of their own: the record check is the account door. Reopening an open
  // account or ending an ended one changes nothing (409), so a 409 proves the record was reached.
  async function reaches(client: TestClient, user: { id: string; status: string }) {
    const door = user.status === 'disabled' ? 'deactivate' : 'reactivate';
    const { statusCode } = await client.post(`/api/users/${user.id}/${door}`, {});
    return statusCode === 409;
  }

  it('P1: for every role, the user list shows exactly the accounts the record check reaches', async () => {
    const coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
    const everyone = (await admin.get('/api/users?pageSize=100')).json().items as UserSummary[];
    const candidates = [
      ...everyone.map(({ id, status }) => ({ id, status })),
      { id: foreignAdminId, status: 'active' },
      { id: crypto.randomUUID(), status: 'active' },
    ];
    expect(everyone.some((user) => user.status === 'disabled')).toBe(true);
    const listed = everyone.map((user) => user.id);
    const reached: string[] = [];
    for (const candidate of candidates) if (await reaches(admin, candidate)) reached.push(candidate.id);
    expect(listed.sort()).toEqual(reached.sort());
    // Without the grant, the list and every record are refused alike.
    expect((await coordinator.get('/api/users')).statusCode).toBe(403);
    for (const candidate of candidates) {
      const door = candidate.status === 'disabled' ? 'deactivate' : 'reactivate';
      expect((await coordinator.post(`/api/users/${candidate.id}/${door}`, {})).statusCode).toBe(403);
    }
  });
});
