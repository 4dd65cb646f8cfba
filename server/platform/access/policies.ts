import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Role, TeamRole } from '../../../contracts/roles.ts';

/**
 * How far a grant reaches inside the actor's own partnership:
 * - `tenant`: every record; `own_location`: records of a location the role is held at;
 * - `assigned_schools`: records of the schools the team member serves today as one of their pair (R5);
 * - `assigned`: those, or a record assigned to the actor; `self`: a record that is the actor's own
 *   (its owner, assignee or mentor);
 * - `contact_person`: records of a school whose contact person the actor is today (R5);
 * - `participant`: a record the actor takes part in (a meeting's participant).
 */
export type Scope =
  | 'tenant'
  | 'own_location'
  | 'assigned_schools'
  | 'assigned'
  | 'self'
  | 'contact_person'
  | 'participant';

/** A role's reach for an action: one scope, or several that each grant it. */
type Grant = Scope | readonly Scope[];

type Policy = { description: string; pupilData?: true } & (
  | { public: true }
  | { public?: false; grants: Partial<Record<Role, Grant>> }
);

const schoolRoles = {
  internal_coordinator: 'own_location',
  director: 'own_location',
  teacher: 'own_location',
  care_coordinator: 'own_location',
  team_leader: 'own_location',
  mentor: 'own_location',
  vso_teacher: 'own_location',
} as const satisfies Partial<Record<Role, Scope>>;

// The staff office and the functional admin set the organisation up (issue 3, "Access").
const managers = { coordinator: 'tenant', functional_admin: 'tenant' } as const satisfies Partial<
  Record<Role, Scope>
>;

// Who reads a pupil's expertise-point file (P1): the location's care coordinators and team leaders, its
// VSO teachers, and the pupil's own mentor ('self' is the trajectory's mentor).
const pupilFileReaders = {
  care_coordinator: 'own_location',
  team_leader: 'own_location',
  vso_teacher: 'own_location',
  mentor: 'self',
} as const satisfies Partial<Record<Role, Scope>>;

const everyoneSelf = {
  coordinator: 'self',
  team_member: 'self',
  internal_coordinator: 'self',
  director: 'self',
  teacher: 'self',
  care_coordinator: 'self',
  team_leader: 'self',
  mentor: 'self',
  vso_teacher: 'self',
  functional_admin: 'self',
} as const satisfies Record<Role, Scope>;

/**
 * The access policy: every action the API offers, and which roles may perform it with which reach.
 * Routes name their action; the route-walk test fails for a route without one, and the matrix test
 * shows every change of rights as a diff of `access-matrix.md`.
 */
export const policies = {
  'system.health': { description: 'Liveness, readiness, API description', public: true },
  'session.read': { description: 'Where the browser stands in the sign-in flow', public: true },
  'auth.sign_in': { description: 'Sign in with e-mail, password and TOTP', public: true },
  'auth.sign_out': { description: 'End the session', public: true },
  'auth.password_reset': { description: 'Ask for and use a password reset link', public: true },
  'auth.invitation': { description: 'Read and accept an invitation', public: true },
  'account.manage': { description: 'Own account: password, MFA, language', grants: everyoneSelf },
  'users.read': { description: 'List the users of the partnership', grants: { functional_admin: 'tenant' } },
  'users.invite': { description: 'Invite a user with roles', grants: { functional_admin: 'tenant' } },
  'users.manage': {
    description: "Change a user's roles and locations",
    grants: { functional_admin: 'tenant' },
  },
  'users.deactivate': {
    description: 'End an account at once, or reopen it (P7)',
    grants: { functional_admin: 'tenant' },
  },
  'locations.read': {
    description: 'School locations, their boards and pupil counts',
    grants: { ...managers, team_member: 'assigned_schools', ...schoolRoles },
  },
  'locations.manage': { description: 'Create and edit locations, boards, pupil counts', grants: managers },
  'locations.import': { description: 'Import locations and pupil counts from CSV', grants: managers },
  'team.read': {
    description: 'Team members with expertise, hours and absences',
    grants: { ...managers, team_member: 'self' },
  },
  'team.manage': { description: 'Team member profiles, expertise tags, hours, absences', grants: managers },
  'team.deactivate': {
    description: 'End or reopen the account of someone who is only a team member (P7)',
    grants: managers,
  },
  'team.public_profile': {
    description: 'Choose what the public team page shows of a member',
    grants: { ...managers, team_member: 'self' },
  },
  'pairs.read': {
    description: 'The two fixed team members of schools (R5) and their history',
    grants: { ...managers, team_member: 'assigned_schools', ...schoolRoles },
  },
  'pairs.manage': { description: 'Assign and change the fixed pair of schools (R5)', grants: managers },
  'expertise_points.read': {
    description: 'Expertise points of secondary locations (E1)',
    grants: { ...managers, ...schoolRoles },
  },
  'expertise_points.manage': {
    description: 'Room, opening hours and offer of expertise points (E8)',
    grants: managers,
  },
  'requests.read': {
    description: 'Support requests: lists, detail, attachments, PDF (pupil data audited, P2)',
    pupilData: true,
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'requests.read_pupil': {
    description:
      "Need to know (P1): see the pupil's name and details on a request — the school, its fixed pair, and whoever it is assigned to",
    pupilData: true,
    grants: {
      coordinator: 'self',
      team_member: 'assigned',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'requests.read_team_notes': {
    description: "Need to know (P1): read the team's internal notes on a request the actor reads",
    pupilData: true,
    grants: { coordinator: 'tenant', team_member: 'assigned' },
  },
  'requests.create': {
    description: 'File a support request and keep its draft (R6)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.submit': {
    description: 'Submit a request; one asking for direct pupil support is refused (R2)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.refuse': {
    description: 'Refuse a submitted request as out of scope (R2)',
    grants: { coordinator: 'tenant', team_member: 'assigned' },
  },
  'requests.withdraw': {
    description: 'Withdraw a request on behalf of the school',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.manage_consent': {
    description: 'Send consent links, record paper consent, withdraw or ask again (R8, R9, P3)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.record_parents_informed': {
    description: 'Record that and how the parents of a group were informed (R10)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.assign': {
    description: "Assign or reassign a ready request (coordinator, or the school's contact person) (R1)",
    grants: { coordinator: 'tenant', team_member: 'contact_person' },
  },
  'requests.start': {
    description: 'Start work on an assigned request (the assigned member)',
    grants: { team_member: 'assigned' },
  },
  'requests.close': {
    description: 'Close a request with its outcome (the assigned member)',
    grants: { team_member: 'assigned' },
  },
  'requests.contribute': {
    description: 'Post messages, team notes and attachments on a request (R7)',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'allocations.manage': {
    description: 'The allocation key of hours over schools and its inputs (R14)',
    grants: { coordinator: 'tenant' },
  },
  'time.register': {
    description: 'Log hours (own; the staff office for anyone) and read them',
    grants: { team_member: 'self', coordinator: 'tenant' },
  },
  'budgets.read': {
    description: "Schools' allocated, used and remaining hours with their trend and explanation",
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'budgets.read_members': {
    description: 'Hours booked by team members against their contracted hours',
    grants: { coordinator: 'tenant', team_member: 'self' },
  },
  'time.close_periods': {
    description: 'Close a month so its time entries no longer change',
    grants: { coordinator: 'tenant' },
  },
  'meetings.read': {
    description:
      'Annual talks, SOT and interim meetings of a school (minutes: participants, contact, staff office)',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'meetings.read_minutes': {
    description:
      "Need to know (P1): read a meeting's minutes, which may mention pupils — the staff office, its participants and the school's contact person",
    pupilData: true,
    grants: {
      coordinator: 'tenant',
      team_member: ['participant', 'contact_person'],
      internal_coordinator: 'participant',
      director: 'participant',
    },
  },
  'meetings.manage': {
    description: 'Plan meetings, record attendance, minutes, outcomes and action items (R11, R12)',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'meetings.add_participant': {
    description:
      'Add a person with an account to a meeting, who then reads its minutes (only by someone who reads them already)',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'meetings.decide': {
    description: 'Record whether the team attends an interim meeting with outside parties, and why (R13)',
    grants: { coordinator: 'tenant', team_member: 'assigned_schools' },
  },
  'meetings.overview': {
    description: "The staff office's overview of annual talks and SOT meetings, and its dates (R11, R12)",
    grants: { coordinator: 'tenant' },
  },
  'calendar.feed': {
    description: 'One meeting as .ics, and the own calendar feed link: make, renew, revoke',
    grants: {
      coordinator: 'self',
      team_member: 'self',
      internal_coordinator: 'self',
      director: 'self',
    },
  },
  // Expertise points (issue 7, P1): the pupil file by need to know.
  'trajectories.signal': {
    description: 'Record a concern about a pupil of the own location, or that the parents raised one (E9)',
    grants: {
      teacher: 'own_location',
      mentor: 'own_location',
      team_leader: 'own_location',
      care_coordinator: 'own_location',
      vso_teacher: 'own_location',
    },
  },
  'trajectories.own_signals': {
    pupilData: true,
    description: 'A teacher or mentor reads the signals they recorded themselves (P1)',
    grants: { teacher: 'self', mentor: 'self' },
  },
  'trajectories.read': {
    pupilData: true,
    description:
      "Read a pupil's trajectory: the location's, the expertise point's, or the own mentor pupil's (P1)",
    grants: pupilFileReaders,
  },
  'trajectories.intake': {
    description: "Record the signal's discussion and the mentor's contacts with the parents (E9)",
    grants: { mentor: 'self', team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'trajectories.decide': {
    description: 'Decide whether the pupil qualifies for the expertise point, with reasons (E2, E9)',
    grants: { team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'trajectories.end': {
    description: 'End a trajectory with its reason and outcome (E11)',
    grants: { team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'opp.manage': {
    pupilData: true,
    description: 'Draw up, discuss, adopt and evaluate the OPP; share it with the parents (E9)',
    grants: pupilFileReaders,
  },
  'opp.parent_read': {
    description: 'A parent reads the adopted OPP through their secure link',
    public: true,
  },
  'attendance.manage': {
    pupilData: true,
    description: 'Check pupils in and out of the expertise point and plan their expected times (E3, E7)',
    grants: { vso_teacher: 'own_location', care_coordinator: 'own_location' },
  },
  'homework.manage': {
    pupilData: true,
    description: 'Plan homework and work sessions and check them, where the location offers it (E4, E8)',
    grants: { vso_teacher: 'own_location' },
  },
  'trajectory_contacts.manage': {
    pupilData: true,
    description: 'Log contacts about the pupil with parents and school staff, with follow-up (E5)',
    grants: pupilFileReaders,
  },
  'referrals.manage': {
    pupilData: true,
    description: 'Record a referral to outside help with the ZAT, consent and outcome (E7)',
    grants: { vso_teacher: 'own_location', team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'teacher_support.read': {
    description: "The expertise point's support of teachers and the signals per month (E6)",
    grants: { vso_teacher: 'own_location', team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'teacher_support.manage': {
    description: 'Record training, support in class and tips for teachers (E6)',
    grants: { vso_teacher: 'own_location' },
  },
  'expertise_point.overview': {
    description: 'Per location: active pupils, attendance, OPP evaluations due, contacts, referrals',
    grants: { vso_teacher: 'own_location', team_leader: 'own_location', care_coordinator: 'own_location' },
  },
  'calendar.subscribe': { description: 'A calendar app reads a feed through its secret link', public: true },
  'consent.respond': {
    description: 'Parents and pupils read, give, refuse and withdraw consent through their link',
    public: true,
  },
  'settings.manage': {
    description: 'Partnership settings such as whether one parent’s consent suffices (R8)',
    grants: { functional_admin: 'tenant' },
  },
  'public.read': { description: 'Public team page and expertise-point pages (R15, E10)', public: true },
  'outbox.read': {
    description: 'Outgoing mail with its delivery status (the demo outbox: with the text)',
    grants: { functional_admin: 'tenant' },
  },
  'outbox.retry': {
    description: 'Queue a mail that could not be delivered for delivery again',
    grants: { functional_admin: 'tenant' },
  },
} as const satisfies Record<string, Policy>;

export type Action = keyof typeof policies;

/** The signed-in person as the access check sees them. */
export type Actor = {
  userId: string;
  tenantId: string;
  roles: Array<{ role: Role; teamRole: TeamRole | null; locationId: string | null }>;
  /** Locations a team member serves today as one of their fixed pair (R5); empty for others. */
  assignedLocationIds: string[];
  /** Locations whose contact person the actor is today (R5); empty for others. */
  contactLocationIds: string[];
};

/**
 * What a record offers the check: its partnership and, where it has them, its location, its owner
 * (assignee, mentor, author) and the users taking part in it.
 */
export type ResourceScope = {
  tenantId: string;
  locationId?: string | null;
  userId?: string | null;
  participantUserIds?: readonly string[];
};

/**
 * The columns of a listed table that the policy's scopes filter on; `isParticipant` gives the SQL that
 * is true when the user takes part in the row.
 */
export type ScopeColumns = {
  locationId?: AnyPgColumn | SQL;
  userId?: AnyPgColumn | SQL;
  isParticipant?: (userId: string) => SQL;
};

/** Whether the action needs no signed-in user. */
export function isPublicAction(action: Action): boolean {
  return 'public' in policies[action] && policies[action].public === true;
}

/** Whether the actor holds any grant for the action (the route-level check). */
export function hasGrant(actor: Actor, action: Action): boolean {
  return grantsOf(actor, action).length > 0;
}

/** The single-record check: may the actor perform the action on this record? */
export function canAccess(actor: Actor, action: Action, resource: ResourceScope): boolean {
  if (isPublicAction(action)) return true;
  if (resource.tenantId !== actor.tenantId) return false;
  return grantsOf(actor, action).some(({ scope, locationId }) =>
    isInScope(actor, scope, locationId, resource),
  );
}

function isInScope(actor: Actor, scope: Scope, locationId: string | null, resource: ResourceScope): boolean {
  const at = (locationIds: readonly string[]) =>
    !!resource.locationId && locationIds.includes(resource.locationId);
  const isOwn = !!resource.userId && resource.userId === actor.userId;
  switch (scope) {
    case 'tenant':
      return true;
    case 'own_location':
      return !!locationId && at([locationId]);
    case 'assigned_schools':
      return at(actor.assignedLocationIds);
    case 'assigned':
      return at(actor.assignedLocationIds) || isOwn;
    case 'self':
      return isOwn;
    case 'contact_person':
      return at(actor.contactLocationIds);
    case 'participant':
      return !!resource.participantUserIds?.includes(actor.userId);
  }
}

/**
 * The same policy as an SQL condition for lists, so a list never shows a row the single-record check
 * would refuse (a test proves they agree). The tenant itself is enforced by row-level security. A
 * scope whose column the list does not name contributes nothing (it cannot match there).
 */
export function scopeCondition(actor: Actor, action: Action, columns: ScopeColumns): SQL {
  const grants = grantsOf(actor, action);
  if (grants.some(({ scope }) => scope === 'tenant')) return sql`true`;
  const locationIds = new Set<string>();
  let matchesOwn = false;
  let matchesParticipant = false;
  for (const { scope, locationId } of grants) {
    if (scope === 'own_location' && locationId) locationIds.add(locationId);
    if (scope === 'assigned_schools' || scope === 'assigned')
      for (const id of actor.assignedLocationIds) locationIds.add(id);
    if (scope === 'contact_person') for (const id of actor.contactLocationIds) locationIds.add(id);
    if (scope === 'assigned' || scope === 'self') matchesOwn = true;
    if (scope === 'participant') matchesParticipant = true;
  }
  const conditions: SQL[] = [];
  if (locationIds.size > 0 && columns.locationId)
    conditions.push(inArray(columns.locationId as AnyPgColumn, [...locationIds].sort()));
  if (matchesOwn && columns.userId) conditions.push(sql`${columns.userId} = ${actor.userId}`);
  if (matchesParticipant && columns.isParticipant) conditions.push(columns.isParticipant(actor.userId));
  if (conditions.length === 0) return sql`false`;
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/** The actions this actor may perform somewhere; the web app builds its navigation from them. */
export function permittedActions(actor: Actor): Action[] {
  return (Object.keys(policies) as Action[]).filter(
    (action) => !isPublicAction(action) && hasGrant(actor, action),
  );
}

/** The scopes through which each of the actor's roles holds the action. */
function grantsOf(actor: Actor, action: Action): Array<{ scope: Scope; locationId: string | null }> {
  return actor.roles.flatMap((assignment) =>
    scopesOf(action, assignment.role).map((scope) => ({ scope, locationId: assignment.locationId })),
  );
}

/** The scopes a role holds an action with (none: it does not hold it). */
export function scopesOf(action: Action, role: Role): readonly Scope[] {
  const policy = policies[action];
  if (!('grants' in policy)) return [];
  const grant = (policy.grants as Partial<Record<Role, Grant>>)[role];
  if (!grant) return [];
  return typeof grant === 'string' ? [grant] : grant;
}
