import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import {
  functionalAdminRole,
  type RoleAssignment,
  type RoleAssignmentInput,
} from '../../../contracts/roles.ts';
import type {
  InviteUserInput,
  UpdateUserRolesInput,
  UserListQuery,
  UserPage,
  UserSort,
  UserSortKey,
  UserSummary,
} from '../../../contracts/users.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { indexedFields } from '../../platform/access/references.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import type { AuthService } from '../../platform/auth/auth.service.ts';
import { RuleViolation } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { locations, schoolBoards } from '../schools/schools.schema.ts';
import { schoolTeamAssignments } from '../team/team.schema.ts';
import { keepsAnotherAdmin, losesFunctionalAdmin, teamRolesOf } from './accounts.rules.ts';

const userColumns = {
  id: users.id,
  tenantId: users.tenantId,
  name: users.name,
  email: users.email,
  status: users.status,
  mfaEnrolledAt: users.mfaEnrolledAt,
  deactivatedAt: users.deactivatedAt,
};
type UserRow = {
  id: string;
  tenantId: string;
  name: string;
  email: string;
  status: UserSummary['status'];
  mfaEnrolledAt: Date | null;
  deactivatedAt: Date | null;
};

/** A user account as a route's target: whoever administers the partnership's users sees it. */
export const userTarget = defineTarget<UserRow>({
  readAction: 'users.read',
  load: ({ db }, id, { lock }) => selectUser(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, userId: row.id }),
});

const selectUser = rowById('user', (db, lock) => {
  const query = db.select(userColumns).from(users).where(eq(users.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

/**
 * User administration by the functional admin: list, invite, change roles. Holds only the invitation
 * mail and the e-mail lookup across partnerships, both of the sign-in platform.
 */
export class UsersService {
  constructor(private readonly auth: Pick<AuthService, 'isEmailInUse' | 'sendInvitation'>) {}

  /**
   * An address may belong to one account in all of Passend. Row-level security hides other
   * partnerships' users, so this asks the platform's lookup function, before the use case's
   * transaction (it is a lookup outside any partnership).
   */
  async assertEmailFree(email: string): Promise<void> {
    if (await this.auth.isEmailInUse(email)) throw emailInUse();
  }

  /** Creates an invited user with role assignments and mails the invitation link. */
  async inviteUser(context: UseCaseContext, input: InviteUserInput): Promise<UserSummary> {
    const { db } = context;
    await assertLocationsKnown(context, input.roles);
    const [user] = await db
      .insert(users)
      .values({ tenantId: context.actor.tenantId, email: input.email, name: input.name, status: 'invited' })
      .returning()
      // Two invitations of one address at the same moment: the unique index decides.
      .catch((error: unknown) => {
        throw isUniqueViolation(error, 'users_email_unique') ? emailInUse() : error;
      });
    if (!user) throw new Error('insert returned nothing');
    const uniqueRoles = distinctRoles(input.roles);
    await insertRoles(context, user.id, uniqueRoles);
    await this.auth.sendInvitation(context.transaction, user);
    await context.audit('users.invited', { type: 'user', id: user.id }, { roles: uniqueRoles.length });
    const roles = (await loadRoles(context, [user.id])).get(user.id) ?? [];
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      status: user.status,
      mfaEnrolled: false,
      deactivatedAt: null,
      roles,
    };
  }
}

/**
 * The ORDER BY of the user list for an allow-listed sort (the contract refuses any other): the chosen
 * column, then the name, then the id, so paging never repeats or skips a user.
 */
function userOrder(sort: UserSort): SQL[] {
  const key = sort.replace(/^-/, '') as UserSortKey;
  const direction = sort.startsWith('-') ? desc : asc;
  switch (key) {
    case 'name':
      return [direction(users.name), direction(users.id)];
    case 'email':
      return [direction(users.email), direction(users.id)];
    case 'status':
      return [direction(users.status), asc(users.name), asc(users.id)];
  }
}

/** A page of the partnership's users with their roles (two queries, not one per user). */
export async function listUsers(context: UseCaseContext, query: UserListQuery): Promise<UserPage> {
  const { db } = context;
  const where = and(
    context.scope('users.read', { userId: users.id }),
    query.q
      ? or(ilike(users.name, containsPattern(query.q)), ilike(users.email, containsPattern(query.q)))
      : undefined,
    query.status ? eq(users.status, query.status) : undefined,
  );
  const page = await loadPage(
    query,
    ({ limit, offset }) =>
      db
        .select(userColumns)
        .from(users)
        .where(where)
        .orderBy(...userOrder(query.sort))
        .limit(limit)
        .offset(offset),
    () => db.select({ total: count() }).from(users).where(where),
  );
  const rows = page.items;
  const rolesByUser = await loadRoles(
    context,
    rows.map((row) => row.id),
  );
  await context.audit('users.listed', null, { count: rows.length });
  return { ...page, items: rows.map((row) => toSummary(row, rolesByUser.get(row.id) ?? [])) };
}

/**
 * Replaces all role assignments of a user in one transaction. Refuses to leave the partnership
 * without a functional admin, and to take the team role away from someone who still serves schools
 * as one of a fixed pair (R5). The user's open sessions see the new roles on their next request.
 */
export async function updateRoles(
  context: UseCaseContext,
  userId: string,
  input: UpdateUserRolesInput,
): Promise<UserSummary> {
  const { db } = context;
  const user = await context.load(userTarget, userId);
  await assertLocationsKnown(context, input.roles);
  const next = distinctRoles(input.roles);
  const current = await db
    .select({ role: roleAssignments.role, teamRole: roleAssignments.teamRole })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, user.id));
  if (losesFunctionalAdmin(current, next)) await assertAnotherAdmin(context, user.id);
  await assertPairRolesKept(context, user.id, next);
  await db.delete(roleAssignments).where(eq(roleAssignments.userId, user.id));
  await insertRoles(context, user.id, next);
  await context.audit(
    'users.roles_changed',
    { type: 'user', id: user.id },
    { before: current.length, after: next.length },
  );
  return toSummary(user, (await loadRoles(context, [user.id])).get(user.id) ?? []);
}

function toSummary(row: Omit<UserRow, 'tenantId'>, roles: RoleAssignment[]): UserSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    status: row.status,
    mfaEnrolled: row.mfaEnrolledAt !== null,
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    roles,
  };
}

function emailInUse() {
  return new RuleViolation('email_in_use', 409, [{ path: 'email', code: 'email_in_use' }]);
}

async function loadRoles(
  { db }: Pick<UseCaseContext, 'db'>,
  userIds: string[],
): Promise<Map<string, RoleAssignment[]>> {
  const byUser = new Map<string, RoleAssignment[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      teamRole: roleAssignments.teamRole,
      locationId: roleAssignments.locationId,
      locationName: locations.name,
      boardId: roleAssignments.boardId,
      boardName: schoolBoards.name,
    })
    .from(roleAssignments)
    .leftJoin(locations, eq(locations.id, roleAssignments.locationId))
    .leftJoin(schoolBoards, eq(schoolBoards.id, roleAssignments.boardId))
    .where(and(inArray(roleAssignments.userId, userIds)))
    .orderBy(asc(roleAssignments.createdAt));
  for (const { userId, ...role } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), role]);
  return byUser;
}

/** One assignment per role, location and board (the table's unique key); the last one given wins. */
function distinctRoles(input: RoleAssignmentInput[]): RoleAssignmentInput[] {
  return [
    ...new Map(
      input.map((role) => [`${role.role}:${role.locationId ?? ''}:${role.boardId ?? ''}`, role]),
    ).values(),
  ];
}

async function insertRoles(context: UseCaseContext, userId: string, roles: RoleAssignmentInput[]) {
  await context.db.insert(roleAssignments).values(
    roles.map((role) => ({
      tenantId: context.actor.tenantId,
      userId,
      role: role.role,
      teamRole: role.teamRole,
      locationId: role.locationId,
      boardId: role.boardId,
    })),
  );
}

/** Every location and school board of a role assignment must be one of this partnership (issue 13 finding 4). */
async function assertLocationsKnown(context: UseCaseContext, roles: RoleAssignmentInput[]) {
  await context.requireVisible(
    { kind: 'location' },
    indexedFields(
      'roles',
      roles.map((role) => role.locationId),
      '.locationId',
    ),
  );
  await context.requireVisible(
    { kind: 'schoolBoard' },
    indexedFields(
      'roles',
      roles.map((role) => role.boardId),
      '.boardId',
    ),
  );
}

/**
 * The partnership keeps at least one functional admin who can still sign in. The admin rows are
 * locked, so two admins taking the role from each other at the same moment cannot both succeed.
 */
export async function assertAnotherAdmin({ db }: Pick<UseCaseContext, 'db'>, userId: string) {
  const admins = await db
    .select({ userId: roleAssignments.userId, status: users.status })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(eq(roleAssignments.role, functionalAdminRole))
    .for('update', { of: roleAssignments });
  if (!keepsAnotherAdmin(admins, userId)) {
    throw new RuleViolation('conflict', 409, [{ path: 'roles', code: 'last_admin' }]);
  }
}

/**
 * A team member who serves schools as one of a fixed pair, today or from a later date (R5), keeps the
 * team role those assignments name; assign the schools to someone else first.
 */
async function assertPairRolesKept(context: UseCaseContext, userId: string, next: RoleAssignmentInput[]) {
  const today = context.clock.today();
  const serving = await context.db
    .select({ locationId: schoolTeamAssignments.locationId, teamRole: schoolTeamAssignments.teamRole })
    .from(schoolTeamAssignments)
    .where(
      and(
        eq(schoolTeamAssignments.userId, userId),
        or(isNull(schoolTeamAssignments.validTo), gt(schoolTeamAssignments.validTo, today)),
      ),
    );
  const kept = teamRolesOf(next);
  const lost = new Set(serving.filter((row) => !kept.has(row.teamRole)).map((row) => row.locationId));
  if (lost.size > 0) {
    throw new RuleViolation('conflict', 409, [
      { path: 'roles', code: 'member_has_schools', params: { count: lost.size } },
    ]);
  }
}
