import { asc } from 'drizzle-orm';
import type { LocationChoice } from '../../../contracts/pupil-records.ts';
import type { Action } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { locationTarget } from '../schools/locations.service.ts';
import { locations } from '../schools/schools.schema.ts';

/**
 * The locations the expertise point's screens offer this actor for an action, and the one they
 * show: the requested location through the policy (404 when the actor may not see it, 403 when they
 * may but not for this action) or, without one, the first the actor may use (null when there is none).
 */
export async function chooseLocation(
  context: UseCaseContext,
  action: Action,
  requestedId: string | undefined,
): Promise<{ locationId: string | null; locations: LocationChoice[] }> {
  const choices = await context.db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(context.scope(action, { locationId: locations.id }))
    .orderBy(asc(locations.name), asc(locations.id))
    .limit(200);
  if (!requestedId) return { locationId: choices[0]?.id ?? null, locations: choices };
  const location = await context.load(locationTarget, requestedId, { action });
  return { locationId: location.id, locations: choices };
}
