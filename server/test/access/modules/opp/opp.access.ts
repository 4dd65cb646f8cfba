import { eachPlace, insertProbeTrajectories } from '../../access-fixtures.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: an eligible pupil at the own school (the mentor's own pupil), one at the
// other school of the partnership (someone else's pupil), and one in another partnership.
const trajectoryIds = { own: '', otherSchool: '', foreign: '' };

export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  Object.assign(trajectoryIds, await insertProbeTrajectories(fixtures, 'eligible'));
}

/**
 * The OPP probe reads the trajectory's OPP (no change). The parents' page (`opp.parent_read`) is
 * public: its link, not a role, grants it, so it has no row in the matrix; the route tests cover it.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'opp.manage': (client) =>
    eachPlace(trajectoryIds, async (id) => statusOf(await client.get(`/api/trajectories/${id}/opp`))),
};
