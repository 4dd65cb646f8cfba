import { and, asc, count, eq, ilike, inArray, or } from 'drizzle-orm';
import type { PaginationQuery } from '../../../contracts/fields.ts';
import type { RoleAssignment } from '../../../contracts/roles.ts';
import type { InviteUserInput, UserSummary } from '../../../contracts/users.ts';
import { type DatabaseClient, isUniqueViolation, type Transaction } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import type { AuthService } from '../../platform/auth/auth.service.ts';
import { RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import { locations } from '../schools/schools.schema.ts';

/** User administration by the functional admin: list and invite. */
export class UsersService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly auth: AuthService,
  ) {}

  /** A page of the partnership's users with their roles (two queries, not one per user). */
  listUsers(actor: Actor, query: PaginationQuery, meta: RequestMeta) {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const where = query.q
        ? or(ilike(users.name, containsPattern(query.q)), ilike(users.email, containsPattern(query.q)))
        : undefined;
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
      const items: UserSummary[] = rows.map(({ mfaEnrolledAt, ...row }) => ({
        ...row,
        mfaEnrolled: mfaEnrolledAt !== null,
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
        // A foreign key is checked without row-level security, so the location must be proven ours here.
        const locationIds = [
          ...new Set(input.roles.flatMap((role) => (role.locationId ? [role.locationId] : []))),
        ];
        if (locationIds.length > 0) {
          const known = await db
            .select({ id: locations.id })
            .from(locations)
            .where(inArray(locations.id, locationIds));
          const knownIds = new Set(known.map((row) => row.id));
          const unknown = input.roles.flatMap((role, index) =>
            role.locationId && !knownIds.has(role.locationId)
              ? [{ path: `roles.${index}.locationId`, code: 'invalid_value' }]
              : [],
          );
          if (unknown.length > 0) throw new ValidationFailed(unknown);
        }
        const [user] = await db
          .insert(users)
          .values({ tenantId: actor.tenantId, email: input.email, name: input.name, status: 'invited' })
          .returning();
        if (!user) throw new Error('insert returned nothing');
        const uniqueRoles = new Map(
          input.roles.map((role) => [`${role.role}:${role.locationId ?? ''}`, role]),
        );
        await db.insert(roleAssignments).values(
          [...uniqueRoles.values()].map((role) => ({
            tenantId: actor.tenantId,
            userId: user.id,
            role: role.role,
            teamRole: role.teamRole,
            locationId: role.locationId,
          })),
        );
        await this.auth.sendInvitation(transaction, user);
        await recordAudit(
          transaction,
          auditActorOf(actor, meta),
          'users.invited',
          { type: 'user', id: user.id },
          {
            roles: uniqueRoles.size,
          },
        );
        const roles = (await loadRoles(transaction, [user.id])).get(user.id) ?? [];
        return {
          id: user.id,
          name: user.name,
          email: user.email,
          status: user.status,
          mfaEnrolled: false,
          roles,
        };
      })
      .catch((error: unknown) => {
        // Two invitations of one address at the same moment: the unique index decides.
        throw isUniqueViolation(error, 'users_email_unique') ? emailInUse() : error;
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
