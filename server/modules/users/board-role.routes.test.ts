import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import type { UserSummary } from '../../../contracts/users.ts';
import { auditEvents } from '../../platform/audit/audit.schema.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';

// The school board role (schoolbestuur, issue 17 point 2): assigned with a school board by the
// functional admin, it reads the figures of that board's schools only, with P9 applied, and no lists.
let harness: Harness;
let tenantId: string;
let ids: Record<string, string>;
let ownBoardId: string;
let otherBoardId: string;
let foreignBoardId: string;
let admin: TestClient;
const schoolYear = schoolYearOf(todayInAmsterdam());

beforeAll(async () => {
  harness = await createHarness();
  const own = await harness.createTenant(['a', 'b', 'c']);
  tenantId = own.tenantId;
  ids = own.locationIds as Record<string, string>;
  // Schools a and b belong to the own board, c to another one.
  ownBoardId = await harness.createSchoolBoard(tenantId, [ids.a ?? '', ids.b ?? ''], 'Stichting Eigen');
  otherBoardId = await harness.createSchoolBoard(tenantId, [ids.c ?? ''], 'Stichting Ander');
  const foreign = await harness.createTenant(['foreign']);
  foreignBoardId = await harness.createSchoolBoard(foreign.tenantId, [foreign.locationIds.foreign ?? '']);
  admin = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'functional_admin' }]));
});
afterAll(() => harness.close());

describe('assigning the board role', () => {
  it('invites a board user with a school board and names the board in the user list', async () => {
    const response = await admin.post('/api/users', {
      email: 'bestuurder@school.test',
      name: 'Wim Bestuurder',
      roles: [{ role: 'board', boardId: ownBoardId }],
    });
    expect(response.statusCode).toBe(201);
    expect((response.json() as UserSummary).roles).toEqual([
      {
        role: 'board',
        teamRole: null,
        locationId: null,
        locationName: null,
        boardId: ownBoardId,
        boardName: 'Stichting Eigen',
      },
    ]);
  });

  it('refuses the board role without a school board, and a school board on any other role, on the field', async () => {
    const response = await admin.post('/api/users', {
      email: 'geen-bestuur@school.test',
      name: 'Geen Bestuur',
      roles: [{ role: 'board' }, { role: 'teacher', locationId: ids.a, boardId: ownBoardId }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      expect.objectContaining({ path: 'roles.0.boardId', code: 'board_required' }),
      expect.objectContaining({ path: 'roles.1.boardId', code: 'board_not_allowed' }),
    ]);
  });

  it('the database itself refuses a board role without a board, and a board on another role', async () => {
    await expect(harness.createUser(tenantId, [{ role: 'board' }])).rejects.toThrow();
    await expect(
      harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.a, boardId: ownBoardId }]),
    ).rejects.toThrow();
  });

  it("refuses another partnership's school board as an unknown choice", async () => {
    const { userId } = await harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.a }]);
    const response = await admin.put(`/api/users/${userId}/roles`, {
      roles: [{ role: 'board', boardId: foreignBoardId }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      expect.objectContaining({ path: 'roles.0.boardId', code: 'unknown_reference' }),
    ]);
  });
});

describe('what a school board sees', () => {
  let board: TestClient;

  beforeAll(async () => {
    // A teacher becomes a board member through the user screen, then signs in.
    const user = await harness.createUser(tenantId, [{ role: 'teacher', locationId: ids.c }]);
    const changed = await admin.put(`/api/users/${user.userId}/roles`, {
      roles: [{ role: 'board', boardId: ownBoardId }],
    });
    expect(changed.statusCode).toBe(200);
    board = await harness.signedIn(user);
  });

  it('P9: reads the figures of its own schools with small numbers suppressed, not those of another board', async () => {
    const own = await board.get(`/api/reports/figures?schoolYear=${schoolYear}&locationId=${ids.a}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().isSuppressed).toBe(true);
    expect(
      (await board.get(`/api/reports/figures?schoolYear=${schoolYear}&locationId=${ids.b}`)).statusCode,
    ).toBe(200);
    const other = await board.get(`/api/reports/figures?schoolYear=${schoolYear}&locationId=${ids.c}`);
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields).toEqual([expect.objectContaining({ path: 'locationId' })]);
  });

  it('without a filter the figures count exactly the schools of its board', async () => {
    const all = await board.get(`/api/reports/figures?schoolYear=${schoolYear}`);
    expect(all.statusCode).toBe(200);
    expect(await schoolsCountedLast()).toBe(2);
    // Another board's filter is a board of the partnership, but none of its schools is in reach.
    const other = await board.get(`/api/reports/figures?schoolYear=${schoolYear}&boardId=${otherBoardId}`);
    expect(other.statusCode).toBe(200);
    expect(await schoolsCountedLast()).toBe(0);
  });

  it('reads no lists and no pupil data', async () => {
    expect((await board.get('/api/requests')).statusCode).toBe(403);
    expect((await board.get('/api/locations')).statusCode).toBe(403);
    expect((await board.get('/api/trajectories')).statusCode).toBe(403);
    expect((await board.get('/api/users')).statusCode).toBe(403);
  });

  it('its session offers the figures and reaches the sectors of its own schools only', async () => {
    const session = (await board.get('/api/session')).json();
    expect(session.permissions).toContain('reports.read');
    expect(session.permissions).not.toContain('requests.read');
    // Schools a (bo) and b (vo) are its board's; c (bo) adds nothing.
    expect(session.reach.sectors).toEqual(['primary', 'secondary']);
    expect(session.user.roles).toEqual([
      expect.objectContaining({ role: 'board', boardName: 'Stichting Eigen' }),
    ]);
  });
});

async function schoolsCountedLast(): Promise<unknown> {
  const [event] = await harness.database.withTenant(tenantId, ({ db }) =>
    db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.event, 'reports.figures_viewed'))
      .orderBy(desc(auditEvents.id))
      .limit(1),
  );
  return (event?.details as { schools?: number } | undefined)?.schools;
}
