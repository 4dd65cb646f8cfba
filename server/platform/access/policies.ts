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
 * - `participant`: a record the actor takes part in (a meeting's participant);
 * - `own_location_participant`: a record the actor takes part in at a location where they hold the role
 *   (the teacher named on a support request, Y3): both at once, so a teacher who leaves the school or is
 *   replaced on the record no longer reaches it;
 * - `own_board`: records of a location whose school board the actor holds the board role for.
 */
export type Scope =
  | 'tenant'
  | 'own_location'
  | 'assigned_schools'
  | 'assigned'
  | 'self'
  | 'contact_person'
  | 'participant'
  | 'own_location_participant'
  | 'own_board';

/** A role's reach for an action: one scope, or several that each grant it. */
type Grant = Scope | readonly Scope[];

/**
 * One row of the policy table: what the action is, whether it shows pupil data (P1, listed per role
 * in the access matrix), and either that it is public or which roles hold it with which reach.
 */
export type Policy = { description: string; pupilData?: true } & (
  | { public: true }
  | { public?: false; grants: Partial<Record<Role, Grant>> }
);

/** Policy rows as a module declares them: action → policy. */
export type PolicyRows = Readonly<Record<string, Policy>>;

/**
 * Declares a module's policy rows, keeping the action names as literal types. The module adds them to
 * `Action` by augmenting `PolicyRegistry`, and the composition (`server/modules/index.ts`) registers
 * the rows themselves when the app starts:
 *
 * ```ts
 * export const teamPolicies = definePolicies({ 'team.read': { … } });
 * declare module '../../platform/access/policies.ts' {
 *   interface PolicyRegistry extends ActionsOf<typeof teamPolicies> {}
 * }
 * ```
 */
export function definePolicies<const Rows extends PolicyRows>(rows: Rows): Rows {
  return rows;
}

/** The registry entries of a module's rows (see `definePolicies`). */
export type ActionsOf<Rows extends PolicyRows> = Record<keyof Rows, Policy>;

/** Grants several modules' rows share: every school role at its own location. */
export const schoolRoles = {
  internal_coordinator: 'own_location',
  director: 'own_location',
  teacher: 'own_location',
  care_coordinator: 'own_location',
  team_leader: 'own_location',
  mentor: 'own_location',
  vso_teacher: 'own_location',
} as const satisfies Partial<Record<Role, Scope>>;

// Grants several modules' rows share: the staff office and the functional admin set the organisation
// up (issue 3, "Access").
export const managers = { coordinator: 'tenant', functional_admin: 'tenant' } as const satisfies Partial<
  Record<Role, Scope>
>;

/** Every role, each for its own data only (the own account, the own start page). */
export const everyoneSelf = {
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
  privacy_officer: 'self',
  board: 'self',
} as const satisfies Record<Role, Scope>;

/** The platform's own actions: health, the sign-in flow, the own account and the outbox. */
const platformPolicies = definePolicies({
  'system.health': { description: 'Liveness, readiness, API description', public: true },
  'session.read': { description: 'Where the browser stands in the sign-in flow', public: true },
  'auth.sign_in': { description: 'Sign in with e-mail, password and TOTP', public: true },
  'auth.sign_out': { description: 'End the session', public: true },
  'auth.password_reset': { description: 'Ask for and use a password reset link', public: true },
  'auth.invitation': { description: 'Read and accept an invitation', public: true },
  'account.manage': { description: 'Own account: password, MFA, language', grants: everyoneSelf },
  'outbox.read': {
    description: 'Outgoing mail with its delivery status (the demo outbox: with the text)',
    grants: { functional_admin: 'tenant' },
  },
  'outbox.retry': {
    description: 'Queue a mail that could not be delivered for delivery again',
    grants: { functional_admin: 'tenant' },
  },
  'notifications.read': {
    description: 'Own in-app notifications: list, mark read',
    grants: everyoneSelf,
  },
  'system.test_clock': { description: 'Browser tests only (TEST_CLOCK): set the date', public: true },
});

/**
 * Every action the API offers, by name: the platform's own here, each module's added by its
 * `<module>.policy.ts` (declaration merging). Routes name their action; the route-walk test fails for
 * a route without one, and the matrix test shows every change of rights as a diff of `access-matrix.md`.
 */
export interface PolicyRegistry extends ActionsOf<typeof platformPolicies> {}

export type Action = keyof PolicyRegistry & string;

const table: Record<string, Policy> = { ...platformPolicies };

/**
 * The access policy: every action with the roles that may perform it and their reach, in the order
 * registered (the platform's, then each module's in the order of `server/modules/index.ts`).
 */
export const policies = table as Readonly<Record<Action, Policy>>;

/**
 * Adds a module's rows to the policy table when the app starts. An action registered twice fails
 * loudly; so does a route naming an action no module registered (`assertKnownAction`).
 */
export function registerPolicies(owner: string, rows: PolicyRows): void {
  for (const action of Object.keys(rows))
    if (action in table) throw new Error(`The action ${action} of ${owner} is in the policy table already`);
  Object.assign(table, rows);
}

/** The row of an action; an action no module registered fails loudly. */
function policyOf(action: Action): Policy {
  const policy = table[action];
  if (!policy) throw new Error(`The action ${action} has no policy: is its module registered?`);
  return policy;
}

/** The signed-in person as the access check sees them. */
export type Actor = {
  userId: string;
  tenantId: string;
  roles: Array<{ role: Role; teamRole: TeamRole | null; locationId: string | null }>;
  /** Locations a team member serves today as one of their fixed pair (R5); empty for others. */
  assignedLocationIds: string[];
  /** Locations whose contact person the actor is today (R5); empty for others. */
  contactLocationIds: string[];
  /** Locations of the school boards the actor holds the board role for; empty for others. */
  boardLocationIds: string[];
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
  const policy = policyOf(action);
  return 'public' in policy && policy.public === true;
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
    case 'own_location_participant':
      return !!locationId && at([locationId]) && !!resource.participantUserIds?.includes(actor.userId);
    case 'own_board':
      return at(actor.boardLocationIds);
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
  // Locations where the actor's participation counts (own_location_participant): both must hold.
  const participantLocationIds = new Set<string>();
  for (const { scope, locationId } of grants) {
    if (scope === 'own_location' && locationId) locationIds.add(locationId);
    if (scope === 'assigned_schools' || scope === 'assigned')
      for (const id of actor.assignedLocationIds) locationIds.add(id);
    if (scope === 'contact_person') for (const id of actor.contactLocationIds) locationIds.add(id);
    if (scope === 'own_board') for (const id of actor.boardLocationIds) locationIds.add(id);
    if (scope === 'assigned' || scope === 'self') matchesOwn = true;
    if (scope === 'participant') matchesParticipant = true;
    if (scope === 'own_location_participant' && locationId) participantLocationIds.add(locationId);
  }
  const conditions: SQL[] = [];
  if (locationIds.size > 0 && columns.locationId)
    conditions.push(inArray(columns.locationId as AnyPgColumn, [...locationIds].sort()));
  if (matchesOwn && columns.userId) conditions.push(sql`${columns.userId} = ${actor.userId}`);
  if (matchesParticipant && columns.isParticipant) conditions.push(columns.isParticipant(actor.userId));
  if (participantLocationIds.size > 0 && columns.locationId && columns.isParticipant)
    conditions.push(
      sql`(${inArray(columns.locationId as AnyPgColumn, [...participantLocationIds].sort())} and ${columns.isParticipant(actor.userId)})`,
    );
  if (conditions.length === 0) return sql`false`;
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/** The actions this actor may perform somewhere; the web app builds its navigation from them. */
export function permittedActions(actor: Actor): Action[] {
  return (Object.keys(table) as Action[]).filter(
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
  const policy = policyOf(action);
  if (!('grants' in policy)) return [];
  const grant = (policy.grants as Partial<Record<Role, Grant>>)[role];
  if (!grant) return [];
  return typeof grant === 'string' ? [grant] : grant;
}
