import type { ErrorCode } from '../../../contracts/errors.ts';
import type { Role } from '../../../contracts/roles.ts';

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

/**
 * Whether every role of the account is team member: only such accounts are within the staff office's
 * reach to end (`team.deactivate`); anything else is the functional admin's (`users.deactivate`).
 */
export function hasOnlyTeamRoles(roles: Array<{ role: Role }>): boolean {
  return roles.length > 0 && roles.every((assignment) => assignment.role === 'team_member');
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
