import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../../../contracts/roles.ts';
import { registerModules } from '../../modules/index.ts';
import {
  type Action,
  type Actor,
  canAccess,
  hasGrant,
  isPublicAction,
  permittedActions,
  policies,
} from './policies.ts';

// The modules' policy rows, as the app registers them when it starts.
registerModules();

const tenantId = '11111111-1111-4111-8111-111111111111';
const otherTenantId = '22222222-2222-4222-8222-222222222222';
const locationA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const locationB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const userId = '33333333-3333-4333-8333-333333333333';
const otherUserId = '44444444-4444-4444-8444-444444444444';

function actor(
  assignments: Array<{ role: Role; locationId?: string }>,
  id = userId,
  assignedLocationIds: string[] = [],
): Actor {
  return {
    userId: id,
    tenantId,
    assignedLocationIds,
    contactLocationIds: [],
    roles: assignments.map(({ role, locationId }) => ({
      role,
      teamRole: role === 'team_member' ? 'behavioural_scientist' : null,
      locationId: locationId ?? null,
    })),
  };
}

const admin = actor([{ role: 'functional_admin' }]);
const coordinator = actor([{ role: 'coordinator' }]);
const teacherAtA = actor([{ role: 'teacher', locationId: locationA }]);

describe('canAccess: the single-record check', () => {
  it('tenant scope reaches every record of the own partnership, with or without location', () => {
    expect(canAccess(coordinator, 'locations.read', { tenantId, locationId: locationA })).toBe(true);
    expect(canAccess(coordinator, 'locations.read', { tenantId, locationId: locationB })).toBe(true);
    expect(canAccess(coordinator, 'locations.read', { tenantId })).toBe(true);
    expect(canAccess(admin, 'users.read', { tenantId, userId: otherUserId })).toBe(true);
  });

  it('own_location scope reaches only records of the own location', () => {
    expect(canAccess(teacherAtA, 'locations.read', { tenantId, locationId: locationA })).toBe(true);
    expect(canAccess(teacherAtA, 'locations.read', { tenantId, locationId: locationB })).toBe(false);
    // A record without a location is not "at" the teacher's location.
    expect(canAccess(teacherAtA, 'locations.read', { tenantId })).toBe(false);
    expect(canAccess(teacherAtA, 'locations.read', { tenantId, locationId: null })).toBe(false);
  });

  it('own_location with two assignments reaches both locations', () => {
    const both = actor([
      { role: 'teacher', locationId: locationA },
      { role: 'mentor', locationId: locationB },
    ]);
    expect(canAccess(both, 'locations.read', { tenantId, locationId: locationA })).toBe(true);
    expect(canAccess(both, 'locations.read', { tenantId, locationId: locationB })).toBe(true);
  });

  it('self scope reaches only the own records', () => {
    expect(canAccess(teacherAtA, 'account.manage', { tenantId, userId })).toBe(true);
    expect(canAccess(teacherAtA, 'account.manage', { tenantId, userId: otherUserId })).toBe(false);
    expect(canAccess(teacherAtA, 'account.manage', { tenantId })).toBe(false);
    expect(canAccess(teacherAtA, 'account.manage', { tenantId, userId: null })).toBe(false);
  });

  it('a role without a grant is refused even inside its own partnership', () => {
    expect(canAccess(teacherAtA, 'users.read', { tenantId, locationId: locationA, userId })).toBe(false);
    expect(canAccess(coordinator, 'outbox.read', { tenantId })).toBe(false);
    expect(canAccess(actor([]), 'account.manage', { tenantId, userId })).toBe(false);
  });

  it('P6: a record of another partnership is always refused, even for tenant-scope roles', () => {
    const everything = actor(
      roles.map((role) => ({
        role,
        ...(role === 'teacher' || role === 'mentor' ? { locationId: locationA } : {}),
      })),
    );
    const protectedActions = (Object.keys(policies) as Action[]).filter((action) => !isPublicAction(action));
    expect(protectedActions.length).toBeGreaterThan(0);
    for (const action of protectedActions) {
      for (const who of [admin, coordinator, teacherAtA, everything]) {
        expect({
          action,
          allowed: canAccess(who, action, { tenantId: otherTenantId, locationId: locationA, userId }),
        }).toEqual({
          action,
          allowed: false,
        });
      }
    }
  });

  it('public actions are open to anyone, for any partnership', () => {
    const nobody = actor([]);
    for (const action of ['system.health', 'session.read', 'auth.sign_in', 'auth.sign_out'] as const) {
      expect(isPublicAction(action)).toBe(true);
      expect(canAccess(nobody, action, { tenantId: otherTenantId })).toBe(true);
    }
    expect(isPublicAction('users.read')).toBe(false);
    expect(isPublicAction('account.manage')).toBe(false);
  });
});

describe('hasGrant: the route-level check', () => {
  it('is true for a role with any scope and false without', () => {
    expect(hasGrant(admin, 'users.read')).toBe(true);
    expect(hasGrant(admin, 'users.invite')).toBe(true);
    expect(hasGrant(teacherAtA, 'locations.read')).toBe(true);
    expect(hasGrant(teacherAtA, 'users.read')).toBe(false);
    expect(hasGrant(coordinator, 'users.invite')).toBe(false);
    expect(hasGrant(actor([]), 'account.manage')).toBe(false);
  });

  it('public actions carry no grants (the hook lets them through before hasGrant)', () => {
    expect(hasGrant(admin, 'system.health')).toBe(false);
  });

  it('one granted role among several is enough', () => {
    const teacherAndAdmin = actor([{ role: 'teacher', locationId: locationA }, { role: 'functional_admin' }]);
    expect(hasGrant(teacherAndAdmin, 'users.read')).toBe(true);
  });
});

describe('permittedActions: what the navigation is built from', () => {
  it('a functional admin may read and invite users, read the outbox and retry failed mail', () => {
    const actions = permittedActions(admin);
    expect(actions).toEqual(
      expect.arrayContaining(['users.read', 'users.invite', 'outbox.read', 'outbox.retry', 'account.manage']),
    );
  });

  it("a teacher's actions exclude user administration and the outbox", () => {
    const actions = permittedActions(teacherAtA);
    expect(actions).not.toContain('users.read');
    expect(actions).not.toContain('users.invite');
    expect(actions).not.toContain('outbox.read');
    expect(actions).not.toContain('outbox.retry');
    expect(actions).toContain('locations.read');
  });

  it('never lists public actions', () => {
    for (const action of permittedActions(admin)) expect(isPublicAction(action)).toBe(false);
  });

  it('every role may manage its own account', () => {
    for (const role of roles) {
      const who = actor([{ role, ...(role === 'teacher' ? { locationId: locationA } : {}) }]);
      expect({ role, actions: permittedActions(who) }).toEqual({
        role,
        actions: expect.arrayContaining(['account.manage']),
      });
      expect(canAccess(who, 'account.manage', { tenantId, userId })).toBe(true);
    }
  });
});

describe('assigned schools (team members, R5)', () => {
  it('a team member reaches the locations of their fixed pair only, in the single check and the list filter alike', () => {
    const member = actor([{ role: 'team_member' }], userId, [locationA]);
    expect(canAccess(member, 'locations.read', { tenantId, locationId: locationA })).toBe(true);
    expect(canAccess(member, 'locations.read', { tenantId, locationId: locationB })).toBe(false);
    const unassigned = actor([{ role: 'team_member' }]);
    expect(canAccess(unassigned, 'locations.read', { tenantId, locationId: locationA })).toBe(false);
  });
});
