import { and, eq, inArray, or } from 'drizzle-orm';
import type { Transaction } from '../../db/client.ts';
import { meetings } from '../../modules/meetings/meetings.schema.ts';
import { mayRead } from '../../modules/requests/requests.repository.ts';
import { requestPeople, supportRequests } from '../../modules/requests/requests.schema.ts';
import { locations, schoolBoards } from '../../modules/schools/schools.schema.ts';
import { expertiseTags } from '../../modules/team/team.schema.ts';
import { roleAssignments, users } from '../auth/auth.schema.ts';
import { ValidationFailed } from '../http/errors.ts';
import { type Action, type Actor, canAccess } from './policies.ts';

/**
 * What a field that holds an id must name: the kind of row, and what makes it one this actor may
 * use there. Locations are the partnership's own (the public pages list them); `action` narrows
 * them to where the actor may perform it.
 */
export type Reference =
  | { kind: 'location'; action?: Action }
  | { kind: 'schoolBoard' }
  | { kind: 'expertiseTag' }
  /** A user with the team-member role (R1). */
  | { kind: 'teamMember' }
  /** Who can take part in a school's meeting: a team member, the staff office, or staff of that school. */
  | { kind: 'meetingParticipant'; locationId: string }
  /** A support request the actor may read (drafts only at their own school). */
  | { kind: 'request' }
  | { kind: 'meeting'; action: Action }
  /** The pupil or a parent of one request (the request itself was loaded through the policy). */
  | { kind: 'requestPerson'; requestId: string };

/** Who can take part in a school's meeting: a team member, the staff office, or staff of that school. */
export function mayTakePartIn(locationId: string) {
  return or(
    inArray(roleAssignments.role, ['team_member', 'coordinator']),
    eq(roleAssignments.locationId, locationId),
  );
}

/** The field error for an id that names nothing the actor may use; the web catalogue explains it. */
export const unknownReference = 'unknown_reference';

/**
 * Proves, inside the command's transaction and before anything is stored, that every id a client
 * sent names a row of the right kind that the actor may see (issue 13 finding 4). `fields` maps each
 * field path to its id (null or undefined: nothing to prove). Any other id answers 400 with `code`
 * on its field, the same whether the row does not exist, belongs to another partnership or is out of
 * the actor's reach: the answer tells nothing about ids elsewhere.
 */
export async function requireVisible(
  transaction: Transaction,
  actor: Actor,
  reference: Reference,
  fields: Record<string, Id> | ReadonlyArray<readonly [string, Id]>,
  code: string = unknownReference,
): Promise<void> {
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  const ids = [...new Set(entries.flatMap(([, id]) => (typeof id === 'string' ? [id] : [])))];
  if (ids.length === 0) return;
  const visible = await visibleIds(transaction, actor, reference, ids);
  const paths = new Set(
    entries.flatMap(([path, id]) => (typeof id === 'string' && !visible.has(id) ? [path] : [])),
  );
  if (paths.size > 0) throw new ValidationFailed([...paths].map((path) => ({ path, code })));
}

type Id = string | null | undefined;

/** Each id of a list on its own path: `tagIds.0`, `tagIds.1`, … or `roles.0.locationId` with a suffix. */
export function indexedFields(prefix: string, ids: readonly Id[], suffix = ''): Array<readonly [string, Id]> {
  return ids.map((id, index) => [`${prefix}.${index}${suffix}`, id] as const);
}

/** Every id of a list on the list's own path, where the form shows one message for the whole list. */
export function listField(path: string, ids: readonly Id[]): Array<readonly [string, Id]> {
  return ids.map((id) => [path, id] as const);
}

// Every query runs in the actor's tenant transaction, so row-level security already hides other
// partnerships; the tenant comparison and the policy check on top are the single-record rules.
async function visibleIds(
  { db }: Transaction,
  actor: Actor,
  reference: Reference,
  ids: string[],
): Promise<Set<string>> {
  const ours = (row: { id: string; tenantId: string }) => row.tenantId === actor.tenantId;
  const idsOf = (rows: Array<{ id: string }>) => new Set(rows.map((row) => row.id));
  switch (reference.kind) {
    case 'location': {
      const rows = await db
        .select({ id: locations.id, tenantId: locations.tenantId })
        .from(locations)
        .where(inArray(locations.id, ids));
      const { action } = reference;
      return idsOf(
        rows.filter(
          (row) =>
            ours(row) &&
            (!action || canAccess(actor, action, { tenantId: row.tenantId, locationId: row.id })),
        ),
      );
    }
    case 'schoolBoard': {
      const rows = await db
        .select({ id: schoolBoards.id, tenantId: schoolBoards.tenantId })
        .from(schoolBoards)
        .where(inArray(schoolBoards.id, ids));
      return idsOf(rows.filter(ours));
    }
    case 'expertiseTag': {
      const rows = await db
        .select({ id: expertiseTags.id, tenantId: expertiseTags.tenantId })
        .from(expertiseTags)
        .where(inArray(expertiseTags.id, ids));
      return idsOf(rows.filter(ours));
    }
    case 'teamMember':
    case 'meetingParticipant': {
      const fits =
        reference.kind === 'teamMember'
          ? eq(roleAssignments.role, 'team_member')
          : mayTakePartIn(reference.locationId);
      const rows = await db
        .selectDistinct({ id: users.id, tenantId: users.tenantId })
        .from(users)
        .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
        .where(and(inArray(users.id, ids), fits));
      return idsOf(rows.filter(ours));
    }
    case 'request': {
      const rows = await db.select().from(supportRequests).where(inArray(supportRequests.id, ids));
      return idsOf(rows.filter((row) => ours(row) && mayRead(actor, row)));
    }
    case 'meeting': {
      const rows = await db
        .select({ id: meetings.id, tenantId: meetings.tenantId, locationId: meetings.locationId })
        .from(meetings)
        .where(inArray(meetings.id, ids));
      const { action } = reference;
      return idsOf(rows.filter((row) => ours(row) && canAccess(actor, action, row)));
    }
    case 'requestPerson': {
      const rows = await db
        .select({ id: requestPeople.id, tenantId: requestPeople.tenantId })
        .from(requestPeople)
        .where(and(inArray(requestPeople.id, ids), eq(requestPeople.requestId, reference.requestId)));
      return idsOf(rows.filter(ours));
    }
  }
}
