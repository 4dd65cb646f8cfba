import { and, asc, count, eq, gt, ilike, inArray, isNull, or } from 'drizzle-orm';
import type { RoleAssignment, RoleAssignmentInput } from '../../../contracts/roles.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import type {
  InviteUserInput,
  UpdateUserRolesInput,
  UserListQuery,
  UserSummary,
} from '../../../contracts/users.ts';
import { type DatabaseClient, isUniqueViolation, type Transaction } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { indexedFields, requireVisible } from '../../platform/access/references.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import type { AuthService } from '../../platform/auth/auth.service.ts';
import { NotFound, RuleViolation } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import { locations } from '../schools/schools.schema.ts';
import { schoolTeamAssignments } from '../team/team.schema.ts';

/** User administration by the functional admin: list, invite, change roles. */
export class UsersService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly auth: AuthService,
  ) {}

  /** A page of the partnership's users with their roles (two queries, not one per user). */
  listUsers(actor: Actor, query: UserListQuery, meta: RequestMeta) {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const where = and(
        query.q
          ? or(ilike(users.name, containsPattern(query.q)), ilike(users.email, containsPattern(query.q)))
          : undefined,
        query.status ? eq(users.status, query.status) : undefined,
      );
      const page = await loadPage(
        query,
        ({ limit, offset }) =>
          db
            .select({
              id: users.id,
              name: users.name,
              email: users.email,
              status: users.status,
              mfaEnrolledAt: users.mfaEnrolledAt,
              deactivatedAt: users.deactivatedAt,
            })
            .from(users)
            .where(where)
            .orderBy(asc(users.name), asc(users.id))
            .limit(limit)
            .offset(offset),
        () => db.select({ total: count() }).from(users).where(where),
      );
      const rows = page.items;
      const rolesByUser = await loadRoles(
        transaction,
        rows.map((row) => row.id),
      );
      await recordAudit(transaction, auditActorOf(actor, meta), 'users.listed', null, { count: rows.length });
      const items: UserSummary[] = rows.map(({ mfaEnrolledAt, deactivatedAt, ...row }) => ({
        ...row,
        mfaEnrolled: mfaEnrolledAt !== null,
        deactivatedAt: deactivatedAt?.toISOString() ?? null,
        roles: rolesByUser.get(row.id) ?? [],
      }));
      return { ...page, items };
    });
  }

  /** Creates an invited user with role assignments and mails the invitation link. */
  async inviteUser(actor: Actor, input: InviteUserInput, meta: RequestMeta): Promise<UserSummary> {
    // Row-level security hides other partnerships' users, so the overall check asks the database function.
    if (await this.auth.isEmailInUse(input.email)) throw emailInUse();
    return this.database
      .withTenant(actor.tenantId, async (transaction) => {
        const { db } = transaction;
        await assertLocationsKnown(transaction, actor, input.roles);
        const [user] = await db
          .insert(users)
          .values({ tenantId: actor.tenantId, email: input.email, name: input.name, status: 'invited' })
          .returning();
        if (!user) throw new Error('insert returned nothing');
        const uniqueRoles = distinctRoles(input.roles);
        await insertRoles(transaction, user.id, uniqueRoles);
        await this.auth.sendInvitation(transaction, user);
        await recordAudit(
          transaction,
          auditActorOf(actor, meta),
          'users.invited',
          { type: 'user', id: user.id },
          {
            roles: uniqueRoles.length,
          },
        );
        const roles = (await loadRoles(transaction, [user.id])).get(user.id) ?? [];
        return {
          id: user.id,
          name: user.name,
          email: user.email,
          status: user.status,
          mfaEnrolled: false,
          deactivatedAt: null,
          roles,
        };
      })
      .catch((error: unknown) => {
        // Two invitations of one address at the same moment: the unique index decides.
        throw isUniqueViolation(error, 'users_email_unique') ? emailInUse() : error;
      });
  }

  /**
   * Replaces all role assignments of a user in one transaction. Refuses to leave the partnership
   * without a functional admin, and to take the team role away from someone who still serves schools
   * as one of a fixed pair (R5). The user's open sessions see the new roles on their next request.
   */
  updateRoles(
    actor: Actor,
    userId: string,
    input: UpdateUserRolesInput,
    meta: RequestMeta,
  ): Promise<UserSummary> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      // Row-level security hides other partnerships' users: they are simply not found.
      const [user] = await db
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          status: users.status,
          mfaEnrolledAt: users.mfaEnrolledAt,
          deactivatedAt: users.deactivatedAt,
        })
        .from(users)
        .where(eq(users.id, userId));
      if (!user) throw new NotFound();
      await assertLocationsKnown(transaction, actor, input.roles);
      const next = distinctRoles(input.roles);
      const current = await db
        .select({ role: roleAssignments.role, teamRole: roleAssignments.teamRole })
        .from(roleAssignments)
        .where(eq(roleAssignments.userId, userId));
      const wasAdmin = current.some((role) => role.role === 'functional_admin');
      if (wasAdmin && !next.some((role) => role.role === 'functional_admin')) {
        await assertAnotherAdmin(transaction, userId);
      }
      await assertPairRolesKept(transaction, userId, next);
      await db.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
      await insertRoles(transaction, userId, next);
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'users.roles_changed',
        { type: 'user', id: userId },
        { before: current.length, after: next.length },
      );
      const roles = (await loadRoles(transaction, [userId])).get(userId) ?? [];
      const { mfaEnrolledAt, deactivatedAt, ...summary } = user;
      return {
        ...summary,
        mfaEnrolled: mfaEnrolledAt !== null,
        deactivatedAt: deactivatedAt?.toISOString() ?? null,
        roles,
      };
    });
  }
}

function emailInUse() {
  return new RuleViolation('email_in_use', 409, [{ path: 'email', code: 'email_in_use' }]);
}

async function loadRoles({ db }: Transaction, userIds: string[]): Promise<Map<string, RoleAssignment[]>> {
  const byUser = new Map<string, RoleAssignment[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      teamRole: roleAssignments.teamRole,
      locationId: roleAssignments.locationId,
      locationName: locations.name,
    })
    .from(roleAssignments)
    .leftJoin(locations, eq(locations.id, roleAssignments.locationId))
    .where(and(inArray(roleAssignments.userId, userIds)))
    .orderBy(asc(roleAssignments.createdAt));
  for (const { userId, ...role } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), role]);
  return byUser;
}

/** One assignment per role and location (the table's unique key); the last one given wins. */
function distinctRoles(input: RoleAssignmentInput[]): RoleAssignmentInput[] {
  return [...new Map(input.map((role) => [`${role.role}:${role.locationId ?? ''}`, role])).values()];
}

async function insertRoles({ db, tenantId }: Transaction, userId: string, roles: RoleAssignmentInput[]) {
  if (!tenantId) throw new Error('role assignments belong to a partnership');
  await db.insert(roleAssignments).values(
    roles.map((role) => ({
      tenantId,
      userId,
      role: role.role,
      teamRole: role.teamRole,
      locationId: role.locationId,
    })),
  );
}

/** Every location of a role assignment must be one of this partnership (issue 13 finding 4). */
async function assertLocationsKnown(transaction: Transaction, actor: Actor, roles: RoleAssignmentInput[]) {
  await requireVisible(
    transaction,
    actor,
    { kind: 'location' },
    indexedFields(
      'roles',
      roles.map((role) => role.locationId),
      '.locationId',
    ),
  );
}

/**
 * The partnership keeps at least one functional admin who can still sign in. The admin rows are
 * locked, so two admins taking the role from each other at the same moment cannot both succeed.
 */
export async function assertAnotherAdmin({ db }: Transaction, userId: string) {
  const admins = await db
    .select({ userId: roleAssignments.userId, status: users.status })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(eq(roleAssignments.role, 'functional_admin'))
    .for('update', { of: roleAssignments });
  if (!admins.some((admin) => admin.userId !== userId && admin.status !== 'disabled')) {
    throw new RuleViolation('conflict', 409, [{ path: 'roles', code: 'last_admin' }]);
  }
}

/**
 * A team member who serves schools as one of a fixed pair, today or from a later date (R5), keeps the
 * team role those assignments name; assign the schools to someone else first.
 */
async function assertPairRolesKept({ db }: Transaction, userId: string, next: RoleAssignmentInput[]) {
  const today = todayInAmsterdam();
  const serving = await db
    .select({ locationId: schoolTeamAssignments.locationId, teamRole: schoolTeamAssignments.teamRole })
    .from(schoolTeamAssignments)
    .where(
      and(
        eq(schoolTeamAssignments.userId, userId),
        or(isNull(schoolTeamAssignments.validTo), gt(schoolTeamAssignments.validTo, today)),
      ),
    );
  const kept = new Set(
    next.flatMap((role) => (role.role === 'team_member' && role.teamRole ? [role.teamRole] : [])),
  );
  const lost = new Set(serving.filter((row) => !kept.has(row.teamRole)).map((row) => row.locationId));
  if (lost.size > 0) {
    throw new RuleViolation('conflict', 409, [
      { path: 'roles', code: 'member_has_schools', params: { count: lost.size } },
    ]);
  }
}
