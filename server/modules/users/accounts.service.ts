import { and, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import type { AccountStatus, DeactivateUserInput, DeactivationReason } from '../../../contracts/users.ts';
import { roleAssignments, sessions, users } from '../../platform/auth/auth.schema.ts';
import { type AuthService, retireTokens } from '../../platform/auth/auth.service.ts';
import { Forbidden, NotFound, RuleViolation } from '../../platform/http/errors.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { registerScheduledJob } from '../../platform/jobs/partnership-jobs.ts';
import type { Kernel, SystemContext, UseCaseContext } from '../../platform/kernel/kernel.ts';
import { calendarFeeds } from '../meetings/meetings.schema.ts';
import { teamMembers } from '../team/team.schema.ts';
import { teamMemberTarget } from '../team/team.targets.ts';
import {
  deactivationProblem,
  hasOnlyTeamRoles,
  holdsFunctionalAdmin,
  isLeaverDue,
  reactivationProblem,
  statusAfterReactivation,
} from './accounts.rules.ts';
import { assertAnotherAdmin, userTarget } from './users.service.ts';

/** What ending or reopening an account needs of its context: a use case's, or a job's (the system). */
type AccountContext = Pick<UseCaseContext, 'db' | 'transaction' | 'clock' | 'audit'>;

/**
 * Ending and reopening accounts (P7): by the functional admin (`users.deactivate`), by the staff
 * office for team members (`team.deactivate`), by the leaver job. Holds only the invitation mail.
 */
export class AccountsService {
  constructor(private readonly invitations: Pick<AuthService, 'sendInvitation'>) {}

  /** P7: ends an account at once; the row, its history and its authorship stay. */
  async deactivate(
    context: UseCaseContext,
    userId: string,
    input: DeactivateUserInput,
  ): Promise<AccountStatus> {
    const account = await loadWithinReach(context, userId);
    await endAccount(context, account, context.actor.userId, input.reason ?? null);
    return { userId: account, status: 'disabled' };
  }

  /** P7: opens an ended account again; the user signs in anew (or finishes a new invitation). */
  async reactivate(context: UseCaseContext, userId: string): Promise<AccountStatus> {
    const account = await loadWithinReach(context, userId);
    const status = await reopenAccount(context, account, this.invitations);
    return { userId: account, status };
  }
}

/**
 * The account through the route's door. The functional admin's (`users.deactivate`) reaches every
 * user of the partnership. The staff office's (`team.deactivate`) reaches team members: someone
 * outside the team is not found there, and a team member who also holds other roles is beyond that
 * door (403) — a rule about the target account's roles: their account is the functional admin's.
 */
async function loadWithinReach(context: UseCaseContext, userId: string): Promise<string> {
  if (context.action !== 'team.deactivate') return (await context.load(userTarget, userId)).id;
  const member = await context.load(teamMemberTarget, userId);
  const roles = await context.db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, member.userId));
  if (!hasOnlyTeamRoles(roles)) throw new Forbidden();
  return member.userId;
}

/**
 * P7: ends an account in the context's transaction: status `disabled`, every session deleted (a live
 * one stops at its next request), unused invitations and reset links retired, the personal calendar
 * link revoked. Refused for oneself (`byUserId`, null for the system) and for the partnership's last
 * functional admin who can sign in.
 */
export async function endAccount(
  context: AccountContext,
  userId: string,
  byUserId: string | null,
  reason: DeactivationReason | null,
): Promise<void> {
  const { db } = context;
  // Locked, so two people ending (or reopening) one account at once take turns.
  const [user] = await db
    .select({ status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!user) throw new NotFound();
  const problem = deactivationProblem(byUserId, { userId, status: user.status });
  if (problem) throw new RuleViolation(problem, 409);
  const roles = await db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  if (holdsFunctionalAdmin(roles)) await assertAnotherAdmin(context, userId);

  const now = context.clock.now();
  await db.update(users).set({ status: 'disabled', deactivatedAt: now }).where(eq(users.id, userId));
  const endedSessions = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  const retiredLinks = await retireTokens(context.transaction, userId, ['invitation', 'password_reset']);
  const revokedFeeds = await db
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  await context.audit(
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
 * P7: reopens an ended account in the context's transaction. A team member marked as left is back in
 * the team, or the leaver job would end the account again that night.
 */
async function reopenAccount(
  context: UseCaseContext,
  userId: string,
  invitations: Pick<AuthService, 'sendInvitation'>,
): Promise<'active' | 'invited'> {
  const { db } = context;
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
        lte(teamMembers.leftOn, context.clock.today()),
      ),
    )
    .returning({ userId: teamMembers.userId });
  if (status === 'invited') await invitations.sendInvitation(context.transaction, user);
  await context.audit(
    'users.reactivated',
    { type: 'user', id: userId },
    { status, rejoinedTeam: rejoined.length > 0 },
  );
  return status;
}

/**
 * P7: ends the accounts of team members whose end date has come (Amsterdam days, by the kernel's
 * clock), in every partnership, recorded with the system as actor. Returns how many accounts were
 * ended. The last functional admin who can sign in is skipped: the partnership must keep someone.
 */
export function deactivateLeavers(kernel: Pick<Kernel, 'sumOverPartnerships'>): Promise<number> {
  return kernel.sumOverPartnerships(leaverJob, (context) => deactivateLeaversIn(context));
}

async function deactivateLeaversIn(context: SystemContext): Promise<number> {
  const today = context.clock.today();
  const candidates = await context.db
    .select({
      userId: teamMembers.userId,
      teamStatus: teamMembers.status,
      leftOn: teamMembers.leftOn,
      accountStatus: users.status,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.status, 'left'), lte(teamMembers.leftOn, today), ne(users.status, 'disabled')));
  let ended = 0;
  for (const member of candidates.filter((candidate) => isLeaverDue(candidate, today))) {
    try {
      await endAccount(context, member.userId, null, 'left');
      ended += 1;
    } catch (error) {
      // Thrown by a check before any write, so the partnership's transaction goes on.
      if (!(error instanceof RuleViolation)) throw error;
    }
  }
  return ended;
}

/** Runs the leaver check as the job `team-leavers` every night just after midnight, Amsterdam time. */
export async function registerLeaverJob(jobs: Jobs, kernel: Kernel) {
  await registerScheduledJob(jobs, leaverJob, '5 0 * * *', () => deactivateLeavers(kernel));
}

export const leaverJob = 'team-leavers';
