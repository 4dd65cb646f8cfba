import type { ErrorCode } from '../../../contracts/errors.ts';
import { functionalAdminRole, type Role, type TeamRole, teamMemberRole } from '../../../contracts/roles.ts';

type AccountStatus = 'invited' | 'active' | 'disabled';

/**
 * P7: why an account cannot be ended by this actor now, or null when it can. Ending one's own
 * account would lock the actor out halfway through; ending an ended one changes nothing.
 */
export function deactivationProblem(
  actorUserId: string | null,
  target: { userId: string; status: AccountStatus },
): ErrorCode | null {
  if (actorUserId !== null && actorUserId === target.userId) return 'cannot_deactivate_self';
  if (target.status === 'disabled') return 'already_deactivated';
  return null;
}

/** P7: only an ended account can be opened again. */
export function reactivationProblem(target: { status: AccountStatus }): ErrorCode | null {
  return target.status === 'disabled' ? null : 'not_deactivated';
}

/**
 * P7: the status an ended account returns to. Someone who had set a password and two-step
 * verification signs in as before; anyone else finishes the account through a new invitation.
 */
export function statusAfterReactivation(target: {
  hasPassword: boolean;
  mfaEnrolled: boolean;
}): 'active' | 'invited' {
  return target.hasPassword && target.mfaEnrolled ? 'active' : 'invited';
}

// These rules are about the roles of the account a command changes, not about who may do it (that is
// the policy table's).

/** Whether an account holds the functional admin role. */
export function holdsFunctionalAdmin(roles: ReadonlyArray<{ role: Role }>): boolean {
  return roles.some((assignment) => assignment.role === functionalAdminRole);
}

/** Whether replacing `current` by `next` takes the functional admin role from the account. */
export function losesFunctionalAdmin(
  current: ReadonlyArray<{ role: Role }>,
  next: ReadonlyArray<{ role: Role }>,
): boolean {
  return holdsFunctionalAdmin(current) && !holdsFunctionalAdmin(next);
}

/**
 * The partnership keeps at least one functional admin who can still sign in: is there one besides
 * the account that is losing the role (or ending)?
 */
export function keepsAnotherAdmin(
  admins: ReadonlyArray<{ userId: string; status: AccountStatus }>,
  leavingUserId: string,
): boolean {
  return admins.some((admin) => admin.userId !== leavingUserId && admin.status !== 'disabled');
}

/** R5: the team roles an account holds through its team member role (what a fixed pair needs). */
export function teamRolesOf(roles: ReadonlyArray<{ role: Role; teamRole: TeamRole | null }>): Set<TeamRole> {
  return new Set(
    roles.flatMap((assignment) =>
      assignment.role === teamMemberRole && assignment.teamRole ? [assignment.teamRole] : [],
    ),
  );
}

/**
 * Whether every role of the account is team member: only such accounts are within the staff office's
 * reach to end (`team.deactivate`); anything else is the functional admin's (`users.deactivate`).
 */
export function hasOnlyTeamRoles(roles: Array<{ role: Role }>): boolean {
  return roles.length > 0 && roles.every((assignment) => assignment.role === teamMemberRole);
}

/**
 * P7: a team member who left is ended on their end date (Amsterdam days, as ISO dates): on that day
 * or any day after it, as long as the account is not ended yet.
 */
export function isLeaverDue(
  member: { teamStatus: 'active' | 'left'; leftOn: string | null; accountStatus: AccountStatus },
  today: string,
): boolean {
  return (
    member.teamStatus === 'left' &&
    member.leftOn !== null &&
    member.leftOn <= today &&
    member.accountStatus !== 'disabled'
  );
}
