import { type SQL, sql } from 'drizzle-orm';
import { PgDialect, pgTable, uuid } from 'drizzle-orm/pg-core';
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
  scopeCondition,
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
    boardLocationIds: [],
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
// A school board whose schools are location A only; location B belongs to another board.
const boardOfA = { ...actor([{ role: 'board' }]), boardLocationIds: [locationA] };

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

describe('own board (the school board role)', () => {
  it("a school board reaches its own schools' figures only, and no pupil data or lists", () => {
    expect(canAccess(boardOfA, 'reports.read', { tenantId, locationId: locationA })).toBe(true);
    expect(canAccess(boardOfA, 'reports.read', { tenantId, locationId: locationB })).toBe(false);
    expect(canAccess(boardOfA, 'reports.read', { tenantId })).toBe(false);
    const noSchools = actor([{ role: 'board' }]);
    expect(canAccess(noSchools, 'reports.read', { tenantId, locationId: locationA })).toBe(false);
    expect(permittedActions(boardOfA).sort()).toEqual(
      ['account.manage', 'my_work.read', 'notifications.read', 'reports.read'].sort(),
    );
  });

  it('own_board becomes the list of the board’s schools', () => {
    expect(rendered(scopeCondition(boardOfA, 'reports.read', columns))).toEqual({
      sql: '("listed"."location_id" in ($1))',
      params: [locationA],
    });
  });
});

describe('own_location_participant (the teacher on a support request, Y3)', () => {
  const named = { tenantId, locationId: locationA, participantUserIds: [userId] };

  it('Y3: a teacher reaches a request they are on at their own school only', () => {
    expect(canAccess(teacherAtA, 'requests.read', named)).toBe(true);
    // Not on it (another teacher is, or none), or on it at a school where they do not teach.
    expect(canAccess(teacherAtA, 'requests.read', { ...named, participantUserIds: [otherUserId] })).toBe(
      false,
    );
    expect(canAccess(teacherAtA, 'requests.read', { ...named, participantUserIds: [] })).toBe(false);
    expect(canAccess(teacherAtA, 'requests.read', { ...named, locationId: locationB })).toBe(false);
    // The form and the thread, not the case file, and nothing the school's coordinator does.
    expect(canAccess(teacherAtA, 'requests.contribute', named)).toBe(true);
    expect(canAccess(teacherAtA, 'requests.read_case_file', named)).toBe(false);
    expect(canAccess(teacherAtA, 'requests.read_team_notes', named)).toBe(false);
    expect(canAccess(teacherAtA, 'requests.create', named)).toBe(false);
  });

  it('Y3: the list filter asks both the school and the participation', () => {
    expect(rendered(scopeCondition(teacherAtA, 'requests.read', columns))).toEqual({
      sql: '(("listed"."location_id" in ($1) and exists (select 1 from participants p where p.user_id = $2)))',
      params: [locationA, userId],
    });
    // A list that cannot tell participation shows nothing through that scope.
    expect(rendered(scopeCondition(teacherAtA, 'requests.read', { locationId: listed.locationId })).sql).toBe(
      'false',
    );
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

// Renders a list condition with its parameters, as PostgreSQL would receive it.
const dialect = new PgDialect();
const listed = pgTable('listed', { locationId: uuid('location_id'), ownerId: uuid('owner_id') });
function rendered(condition: SQL): { sql: string; params: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(condition);
  return { sql: text, params };
}
const isParticipant = (participant: string) =>
  sql`exists (select 1 from participants p where p.user_id = ${participant})`;
const columns = { locationId: listed.locationId, userId: listed.ownerId, isParticipant };

describe('scopeCondition: the list filter of each scope (P1)', () => {
  const contactAtA = {
    ...actor([{ role: 'team_member' }], userId, [locationA, locationB]),
    contactLocationIds: [locationA],
  };
  const ibAtA = actor([{ role: 'internal_coordinator', locationId: locationA }]);

  it('tenant scope filters nothing, and no grant filters everything', () => {
    expect(rendered(scopeCondition(coordinator, 'locations.read', columns)).sql).toBe('true');
    expect(rendered(scopeCondition(teacherAtA, 'users.read', columns)).sql).toBe('false');
  });

  it('own_location and assigned_schools become a list of locations', () => {
    expect(rendered(scopeCondition(teacherAtA, 'locations.read', columns))).toEqual({
      sql: '("listed"."location_id" in ($1))',
      params: [locationA],
    });
    expect(rendered(scopeCondition(contactAtA, 'locations.read', columns)).params).toEqual(
      [locationA, locationB].sort(),
    );
  });

  it('assigned adds the records assigned to the actor; self only those', () => {
    expect(rendered(scopeCondition(contactAtA, 'requests.read_pupil', columns))).toEqual({
      sql: '("listed"."location_id" in ($1, $2) or "listed"."owner_id" = $3)',
      params: [...[locationA, locationB].sort(), userId],
    });
    expect(rendered(scopeCondition(coordinator, 'requests.read_pupil', columns))).toEqual({
      sql: '("listed"."owner_id" = $1)',
      params: [userId],
    });
  });

  it('contact_person reaches the schools whose contact the actor is today, not the other school of the pair', () => {
    expect(canAccess(contactAtA, 'requests.assign', { tenantId, locationId: locationA })).toBe(true);
    expect(canAccess(contactAtA, 'requests.assign', { tenantId, locationId: locationB })).toBe(false);
    expect(rendered(scopeCondition(contactAtA, 'requests.assign', columns))).toEqual({
      sql: '("listed"."location_id" in ($1))',
      params: [locationA],
    });
  });

  it('participant reaches the records the actor takes part in, through the list’s own condition', () => {
    expect(canAccess(ibAtA, 'meetings.read_minutes', { tenantId, locationId: locationA })).toBe(false);
    expect(
      canAccess(ibAtA, 'meetings.read_minutes', {
        tenantId,
        locationId: locationA,
        participantUserIds: [userId],
      }),
    ).toBe(true);
    expect(rendered(scopeCondition(ibAtA, 'meetings.read_minutes', columns))).toEqual({
      sql: '(exists (select 1 from participants p where p.user_id = $1))',
      params: [userId],
    });
    // A list that cannot tell participation shows nothing through that scope.
    expect(
      rendered(scopeCondition(ibAtA, 'meetings.read_minutes', { locationId: listed.locationId })).sql,
    ).toBe('false');
  });

  it('several scopes of one role are joined: participant or contact person', () => {
    expect(rendered(scopeCondition(contactAtA, 'meetings.read_minutes', columns))).toEqual({
      sql: '("listed"."location_id" in ($1) or exists (select 1 from participants p where p.user_id = $2))',
      params: [locationA, userId],
    });
    expect(
      canAccess(contactAtA, 'meetings.read_minutes', {
        tenantId,
        locationId: locationB,
        participantUserIds: [userId],
      }),
    ).toBe(true);
    expect(canAccess(contactAtA, 'meetings.read_minutes', { tenantId, locationId: locationB })).toBe(false);
  });

  it('list and record agree for every action, role and kind of record', () => {
    const records = [
      { locationId: locationA, ownerId: null, participants: [] as string[] },
      { locationId: locationB, ownerId: userId, participants: [] },
      { locationId: locationB, ownerId: otherUserId, participants: [userId] },
      { locationId: locationA, ownerId: otherUserId, participants: [userId] },
      { locationId: null, ownerId: otherUserId, participants: [userId] },
      { locationId: null, ownerId: otherUserId, participants: [] },
    ];
    const actors = [
      coordinator,
      admin,
      teacherAtA,
      ibAtA,
      contactAtA,
      actor([{ role: 'mentor', locationId: locationA }]),
      boardOfA,
    ];
    for (const action of Object.keys(policies) as Action[]) {
      if (isPublicAction(action)) continue;
      for (const who of actors) {
        for (const record of records) {
          const single = canAccess(who, action, {
            tenantId,
            locationId: record.locationId,
            userId: record.ownerId,
            participantUserIds: record.participants,
          });
          expect({ action, who: who.roles[0]?.role, record, listed: evaluate(who, action, record) }).toEqual({
            action,
            who: who.roles[0]?.role,
            record,
            listed: single,
          });
        }
      }
    }
  });
});

/** Evaluates a rendered list condition on one record, as the database would (the forms used above only). */
function evaluate(
  who: Actor,
  action: Action,
  record: { locationId: string | null; ownerId: string | null; participants: string[] },
): boolean {
  const { sql: text, params } = rendered(
    scopeCondition(who, action, {
      ...columns,
      isParticipant: (participant) => sql`participant(${participant})`,
    }),
  );
  if (text === 'true') return true;
  if (text === 'false') return false;
  let index = 0;
  const parts = text.slice(1, -1).split(' or ');
  return parts.some((part) => {
    // own_location_participant: the locations and the participation, both.
    if (part.startsWith('("listed"."location_id" in')) {
      const count = part.split('$').length - 2;
      const ids = params.slice(index, index + count);
      const participant = params[index + count];
      index += count + 1;
      return (
        record.locationId !== null &&
        ids.includes(record.locationId) &&
        record.participants.includes(participant as string)
      );
    }
    if (part.startsWith('"listed"."location_id" in')) {
      const count = part.split('$').length - 1;
      const ids = params.slice(index, index + count);
      index += count;
      return record.locationId !== null && ids.includes(record.locationId);
    }
    const value = params[index];
    index += 1;
    if (part.startsWith('"listed"."owner_id"')) return record.ownerId === value;
    return record.participants.includes(value as string);
  });
}
