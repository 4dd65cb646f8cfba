import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../db/client.ts';
import { roleAssignments, users } from '../auth/auth.schema.ts';
import { ValidationFailed } from '../http/errors.ts';
import type { Actor } from './policies.ts';

/**
 * What a field that holds an id must name: the kinds of row, each with what the field says besides
 * the id (e.g. the action a location must allow). The platform knows no kind itself: each module adds
 * its own by augmenting this interface in its `<module>.references.ts`, and registers how to prove them
 * (`defineReferenceKinds`) through the composition (`server/modules/index.ts`).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules through declaration merging.
export interface ReferenceRegistry {}

/** A kind of reference with what it says besides the ids, e.g. `{ kind: 'location', action }`. */
export type Reference = {
  [Kind in keyof ReferenceRegistry]: { kind: Kind } & ReferenceRegistry[Kind];
}[keyof ReferenceRegistry];

/**
 * How a module proves a kind: which of these ids name a row of the kind that the actor may use there.
 * It runs in the actor's tenant transaction, so row-level security already hides other partnerships;
 * the partnership comparison (`ownIds`) and the policy check on top are the single-record rules.
 */
export type VisibleIds<Kind extends keyof ReferenceRegistry> = (
  transaction: Transaction,
  actor: Actor,
  reference: { kind: Kind } & ReferenceRegistry[Kind],
  ids: string[],
) => Promise<Set<string>>;

/** A module's reference kinds with how to prove each. */
export type ReferenceKinds = { readonly [Kind in keyof ReferenceRegistry]?: VisibleIds<Kind> };

/** Declares a module's reference kinds (typed against the registry its file augments). */
export function defineReferenceKinds<const Kinds extends ReferenceKinds>(kinds: Kinds): Kinds {
  return kinds;
}

const registered = new Map<string, VisibleIds<keyof ReferenceRegistry>>();

/** Adds a module's reference kinds when the app starts; a kind registered twice fails loudly. */
export function registerReferenceKinds(owner: string, kinds: ReferenceKinds): void {
  for (const [kind, visible] of Object.entries(kinds)) {
    if (registered.has(kind)) throw new Error(`The reference kind ${kind} of ${owner} is registered already`);
    if (visible) registered.set(kind, visible as VisibleIds<keyof ReferenceRegistry>);
  }
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
  const visible = await visibleIdsOf(reference.kind)(transaction, actor, reference, ids);
  const paths = new Set(
    entries.flatMap(([path, id]) => (typeof id === 'string' && !visible.has(id) ? [path] : [])),
  );
  if (paths.size > 0) throw new ValidationFailed([...paths].map((path) => ({ path, code })));
}

function visibleIdsOf(kind: string): VisibleIds<keyof ReferenceRegistry> {
  const visible = registered.get(kind);
  if (!visible) throw new Error(`The reference kind ${kind} is not registered: is its module?`);
  return visible;
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

/** The ids of the rows that are in the actor's own partnership and, where given, pass `fits` too. */
export function ownIds<Row extends { id: string; tenantId: string }>(
  actor: Actor,
  rows: readonly Row[],
  fits: (row: Row) => boolean = () => true,
): Set<string> {
  return new Set(rows.filter((row) => row.tenantId === actor.tenantId && fits(row)).map((row) => row.id));
}

/** The users among `ids` in the actor's partnership with a role assignment that meets `assignment`. */
export async function userIdsWithAssignment(
  { db }: Transaction,
  actor: Actor,
  ids: string[],
  assignment: SQL | undefined,
): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ id: users.id, tenantId: users.tenantId })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(inArray(users.id, ids), assignment));
  return ownIds(actor, rows);
}
