import type { AccessFixtures, AccessProbeModule } from '../../platform/access/access-probes.ts';
import { statusOf } from '../../platform/access/access-probes.ts';
import { trajectories } from './trajectories.schema.ts';

// Made by prepareAccess: an eligible pupil at the own school (the mentor's own pupil), one at the
// other school of the partnership (someone else's pupil), and one in another partnership.
const trajectoryIds = { own: '', otherSchool: '', foreign: '' };

async function insertEligible(
  { harness }: AccessFixtures,
  tenantId: string,
  locationId: string,
  userId: string,
): Promise<string> {
  return harness.database.withTenant(tenantId, async ({ db }) => {
    const [row] = await db
      .insert(trajectories)
      .values({
        tenantId,
        locationId,
        status: 'eligible',
        pupilFirstName: 'Probe',
        pupilLastName: 'Opp',
        pupilClass: '1A',
        mentorUserId: userId,
        signalSource: 'teacher',
        signalObserved: 'Toegangsproef',
        signalledByUserId: userId,
      })
      .returning({ id: trajectories.id });
    if (!row) throw new Error('no trajectory');
    return row.id;
  });
}

export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  const { own, other, userIds } = fixtures;
  trajectoryIds.own = await insertEligible(fixtures, own.tenantId, own.locationIds.own, userIds.mentor);
  trajectoryIds.otherSchool = await insertEligible(
    fixtures,
    own.tenantId,
    own.locationIds.otherSchool,
    userIds.coordinator,
  );
  trajectoryIds.foreign = await insertEligible(
    fixtures,
    other.tenantId,
    other.locationIds.foreign,
    other.adminUserId,
  );
}

/**
 * The OPP probe reads the trajectory's OPP (no change). The parents' page (`opp.parent_read`) is
 * public: its link, not a role, grants it, so it has no row in the matrix; the route tests cover it.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'opp.manage': async (client) => [
    statusOf(await client.get(`/api/trajectories/${trajectoryIds.own}/opp`)),
    statusOf(await client.get(`/api/trajectories/${trajectoryIds.otherSchool}/opp`)),
    statusOf(await client.get(`/api/trajectories/${trajectoryIds.foreign}/opp`)),
  ],
};
