import { asc, eq } from 'drizzle-orm';
import type { LocationChoice } from '../../../contracts/pupil-records.ts';
import type { Transaction } from '../../db/client.ts';
import { type Action, type Actor, canAccess, scopeCondition } from '../../platform/access/policies.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import { locations } from '../schools/schools.schema.ts';

/**
 * The locations the expertise point's screens offer this actor for an action, and the one they
 * show: the requested location (404 when it is not of this partnership, 403 when out of reach) or,
 * without one, the first the actor may use (null when there is none).
 */
export async function chooseLocation(
  transaction: Transaction,
  actor: Actor,
  action: Action,
  requestedId: string | undefined,
): Promise<{ locationId: string | null; locations: LocationChoice[] }> {
  const choices = await transaction.db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(scopeCondition(actor, action, { locationId: locations.id }))
    .orderBy(asc(locations.name), asc(locations.id))
    .limit(200);
  if (!requestedId) return { locationId: choices[0]?.id ?? null, locations: choices };
  await checkLocation(transaction, actor, action, requestedId);
  return { locationId: requestedId, locations: choices };
}

/** 404 for a location this partnership does not have, 403 for one the actor may not act on. */
export async function checkLocation(
  transaction: Transaction,
  actor: Actor,
  action: Action,
  locationId: string,
): Promise<void> {
  const [location] = await transaction.db
    .select({ id: locations.id })
    .from(locations)
    .where(eq(locations.id, locationId));
  if (!location) throw new NotFound();
  if (!canAccess(actor, action, { tenantId: actor.tenantId, locationId })) throw new Forbidden();
}
