import { and, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import type { AccountStatus, DeactivateUserInput, DeactivationReason } from '../../../contracts/users.ts';
import type { DatabaseClient, Transaction } from '../../db/client.ts';
import { type Actor, canAccess } from '../../platform/access/policies.ts';
import {
  type AuditActor,
  auditActorOf,
  type RequestMeta,
  recordAudit,
  systemAuditActor,
} from '../../platform/audit/audit.ts';
import { roleAssignments, sessions, users } from '../../platform/auth/auth.schema.ts';
import { type AuthService, retireTokens } from '../../platform/auth/auth.service.ts';
import { Forbidden, NotFound, RuleViolation } from '../../platform/http/errors.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { registerScheduledJob, sumOverPartnerships } from '../../platform/jobs/partnership-jobs.ts';
import { calendarFeeds } from '../meetings/meetings.schema.ts';
import { teamMembers } from '../team/team.schema.ts';
import {
  deactivationProblem,
  hasOnlyTeamRoles,
  isLeaverDue,
  reactivationProblem,
  statusAfterReactivation,
} from './accounts.rules.ts';
import { assertAnotherAdmin } from './users.service.ts';

/** Which door an account is ended through: any user (functional admin) or a team member (staff office). */
export type DeactivationAction = 'users.deactivate' | 'team.deactivate';

/** Ending and reopening accounts (P7): by the functional admin, by the staff office for team members, by the leaver job. */
export class AccountsService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly auth: AuthService,
  ) {}

  /** P7: ends an account at once; the row, its history and its authorship stay. */
  deactivate(
    actor: Actor,
    userId: string,
    input: DeactivateUserInput,
    meta: RequestMeta,
    action: DeactivationAction,
  ): Promise<AccountStatus> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await loadWithinReach(transaction, actor, userId, action);
      await endAccount(transaction, userId, auditActorOf(actor, meta), input.reason ?? null);
      return { userId, status: 'disabled' };
    });
  }

  /** P7: opens an ended account again; the user signs in anew (or finishes a new invitation). */
  reactivate(
    actor: Actor,
    userId: string,
    meta: RequestMeta,
    action: DeactivationAction,
  ): Promise<AccountStatus> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await loadWithinReach(transaction, actor, userId, action);
      const status = await reopenAccount(transaction, userId, auditActorOf(actor, meta), this.auth);
      return { userId, status };
    });
  }
}

/**
 * The target user, or 404 when row-level security hides them (another partnership) or, for the staff
 * office's door, when they are no team member. A team member who also holds other roles is beyond
 * that door (403): their account is the functional admin's to end.
 */
async function loadWithinReach(
  { db }: Transaction,
  actor: Actor,
  userId: string,
  action: DeactivationAction,
): Promise<void> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw new NotFound();
  if (!canAccess(actor, action, { tenantId: actor.tenantId, userId })) throw new Forbidden();
  if (action !== 'team.deactivate') return;
  const roles = await db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  if (!roles.some((assignment) => assignment.role === 'team_member')) throw new NotFound();
  if (!hasOnlyTeamRoles(roles)) throw new Forbidden();
}

/**
 * P7: ends an account in the caller's transaction: status `disabled`, every session deleted (a live
 * one stops at its next request), unused invitations and reset links retired, the personal calendar
 * link revoked. Refused for oneself and for the partnership's last functional admin who can sign in.
 */
export async function endAccount(
  transaction: Transaction,
  userId: string,
  actor: AuditActor,
  reason: DeactivationReason | null,
): Promise<void> {
  const { db } = transaction;
  // Locked, so two people ending (or reopening) one account at once take turns.
  const [user] = await db
    .select({ status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!user) throw new NotFound();
  const problem = deactivationProblem(actor.userId, { userId, status: user.status });
  if (problem) throw new RuleViolation(problem, 409);
  const [admin] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, 'functional_admin')));
  if (admin) await assertAnotherAdmin(transaction, userId);

  await db.update(users).set({ status: 'disabled', deactivatedAt: new Date() }).where(eq(users.id, userId));
  const endedSessions = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  const retiredLinks = await retireTokens(transaction, userId, ['invitation', 'password_reset']);
  const revokedFeeds = await db
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  await recordAudit(
    transaction,
    actor,
    'users.deactivated',
    { type: 'user', id: userId },
    {
      reason,
      sessions: endedSessions.length,
      links: retiredLinks,
      calendarFeeds: revokedFeeds.length,
    },
  );
}

/**
 * P7: reopens an ended account in the caller's transaction. A team member marked as left is back in
 * the team, or the leaver job would end the account again that night.
 */
async function reopenAccount(
  transaction: Transaction,
  userId: string,
  actor: AuditActor,
  auth: AuthService,
): Promise<'active' | 'invited'> {
  const { db } = transaction;
  const [user] = await db.select().from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new NotFound();
  const problem = reactivationProblem(user);
  if (problem) throw new RuleViolation(problem, 409);
  const status = statusAfterReactivation({
    hasPassword: user.passwordHash !== null,
    mfaEnrolled: user.mfaEnrolledAt !== null,
  });
  await db
    .update(users)
    .set({ status, deactivatedAt: null, failedSignIns: 0, lockedUntil: null })
    .where(eq(users.id, userId));
  const rejoined = await db
    .update(teamMembers)
    .set({ status: 'active', leftOn: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(teamMembers.userId, userId),
        eq(teamMembers.status, 'left'),
        lte(teamMembers.leftOn, todayInAmsterdam()),
      ),
    )
    .returning({ userId: teamMembers.userId });
  if (status === 'invited') await auth.sendInvitation(transaction, user);
  await recordAudit(
    transaction,
    actor,
    'users.reactivated',
    { type: 'user', id: userId },
    { status, rejoinedTeam: rejoined.length > 0 },
  );
  return status;
}

/**
 * P7: ends the accounts of team members whose end date has come (Amsterdam days), in every
 * partnership, recorded with the system as actor. Returns how many accounts were ended. The last
 * functional admin who can sign in is skipped: the partnership must keep someone to manage it.
 */
export function deactivateLeavers(database: DatabaseClient, today: string = todayInAmsterdam()) {
  return sumOverPartnerships(database, leaverJob, async (transaction) => {
    const candidates = await transaction.db
      .select({
        userId: teamMembers.userId,
        teamStatus: teamMembers.status,
        leftOn: teamMembers.leftOn,
        accountStatus: users.status,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(
        and(eq(teamMembers.status, 'left'), lte(teamMembers.leftOn, today), ne(users.status, 'disabled')),
      );
    let ended = 0;
    for (const member of candidates.filter((candidate) => isLeaverDue(candidate, today))) {
      try {
        await endAccount(transaction, member.userId, systemAuditActor({ job: leaverJob }), 'left');
        ended += 1;
      } catch (error) {
        // Thrown by a check before any write, so the partnership's transaction goes on.
        if (!(error instanceof RuleViolation)) throw error;
      }
    }
    return ended;
  });
}

/** Runs the leaver check as the job `team-leavers` every night just after midnight, Amsterdam time. */
export async function registerLeaverJob(jobs: Jobs, database: DatabaseClient) {
  await registerScheduledJob(jobs, leaverJob, '5 0 * * *', () => deactivateLeavers(database));
}

export const leaverJob = 'team-leavers';
