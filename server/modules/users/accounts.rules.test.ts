import { describe, expect, it } from 'vitest';
import {
  deactivationProblem,
  hasOnlyTeamRoles,
  holdsFunctionalAdmin,
  isLeaverDue,
  keepsAnotherAdmin,
  losesFunctionalAdmin,
  reactivationProblem,
  statusAfterReactivation,
  teamRolesOf,
} from './accounts.rules.ts';

const someone = '00000000-0000-4000-8000-000000000001';
const admin = '00000000-0000-4000-8000-000000000002';

describe('ending an account (P7)', () => {
  it('P7: an active or invited account can be ended by someone else', () => {
    expect(deactivationProblem(admin, { userId: someone, status: 'active' })).toBeNull();
    expect(deactivationProblem(admin, { userId: someone, status: 'invited' })).toBeNull();
  });

  it('P7: nobody ends their own account', () => {
    expect(deactivationProblem(admin, { userId: admin, status: 'active' })).toBe('cannot_deactivate_self');
  });

  it('P7: the system (a job, no user) may end any account that is not ended yet', () => {
    expect(deactivationProblem(null, { userId: someone, status: 'active' })).toBeNull();
    expect(deactivationProblem(null, { userId: someone, status: 'disabled' })).toBe('already_deactivated');
  });

  it('P7: an ended account is not ended twice', () => {
    expect(deactivationProblem(admin, { userId: someone, status: 'disabled' })).toBe('already_deactivated');
  });

  it('P7: only an ended account is reactivated', () => {
    expect(reactivationProblem({ status: 'disabled' })).toBeNull();
    expect(reactivationProblem({ status: 'active' })).toBe('not_deactivated');
    expect(reactivationProblem({ status: 'invited' })).toBe('not_deactivated');
  });

  it('P7: reactivation returns to active only with both a password and two-step verification', () => {
    expect(statusAfterReactivation({ hasPassword: true, mfaEnrolled: true })).toBe('active');
    expect(statusAfterReactivation({ hasPassword: true, mfaEnrolled: false })).toBe('invited');
    expect(statusAfterReactivation({ hasPassword: false, mfaEnrolled: false })).toBe('invited');
  });

  it('P7: the staff office reaches accounts whose roles are all team member', () => {
    expect(hasOnlyTeamRoles([{ role: 'team_member' }])).toBe(true);
    expect(hasOnlyTeamRoles([{ role: 'team_member' }, { role: 'team_member' }])).toBe(true);
    expect(hasOnlyTeamRoles([{ role: 'team_member' }, { role: 'functional_admin' }])).toBe(false);
    expect(hasOnlyTeamRoles([{ role: 'internal_coordinator' }])).toBe(false);
    expect(hasOnlyTeamRoles([])).toBe(false);
  });
});

describe('team members who left (P7)', () => {
  const leaver = { teamStatus: 'left' as const, leftOn: '2026-01-31', accountStatus: 'active' as const };

  it('P7: is due on the end date and every day after, not the day before', () => {
    expect(isLeaverDue(leaver, '2026-01-30')).toBe(false);
    expect(isLeaverDue(leaver, '2026-01-31')).toBe(true);
    expect(isLeaverDue(leaver, '2026-02-01')).toBe(true);
  });

  it('P7: an invited account of a leaver is ended too (its invitation must die)', () => {
    expect(isLeaverDue({ ...leaver, accountStatus: 'invited' }, '2026-02-01')).toBe(true);
  });

  it('P7: not when already ended, still active in the team, or without a date', () => {
    expect(isLeaverDue({ ...leaver, accountStatus: 'disabled' }, '2026-02-01')).toBe(false);
    expect(isLeaverDue({ ...leaver, teamStatus: 'active' }, '2026-02-01')).toBe(false);
    expect(isLeaverDue({ ...leaver, leftOn: null }, '2026-02-01')).toBe(false);
  });
});

describe('the roles of the account a command changes', () => {
  it('the partnership keeps a functional admin who can sign in besides the one leaving', () => {
    expect(keepsAnotherAdmin([{ userId: admin, status: 'active' }], admin)).toBe(false);
    expect(
      keepsAnotherAdmin(
        [
          { userId: admin, status: 'active' },
          { userId: someone, status: 'disabled' },
        ],
        admin,
      ),
    ).toBe(false);
    expect(
      keepsAnotherAdmin(
        [
          { userId: admin, status: 'active' },
          { userId: someone, status: 'invited' },
        ],
        admin,
      ),
    ).toBe(true);
  });

  it('a change of roles loses the functional admin role only when the account had it', () => {
    expect(holdsFunctionalAdmin([{ role: 'coordinator' }, { role: 'functional_admin' }])).toBe(true);
    expect(losesFunctionalAdmin([{ role: 'functional_admin' }], [{ role: 'coordinator' }])).toBe(true);
    expect(losesFunctionalAdmin([{ role: 'functional_admin' }], [{ role: 'functional_admin' }])).toBe(false);
    expect(losesFunctionalAdmin([{ role: 'coordinator' }], [{ role: 'teacher' }])).toBe(false);
  });

  it('R5: the team roles an account keeps come from its team member role only', () => {
    expect([
      ...teamRolesOf([
        { role: 'team_member', teamRole: 'inclusion_adviser' },
        { role: 'coordinator', teamRole: null },
      ]),
    ]).toEqual(['inclusion_adviser']);
    expect(teamRolesOf([{ role: 'coordinator', teamRole: null }]).size).toBe(0);
  });
});
