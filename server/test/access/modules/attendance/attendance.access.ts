import { eachPlace, insertProbeTrajectories } from '../../access-fixtures.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: an active trajectory at the own school, one at the other school of the
// partnership, and one in another partnership.
const trajectoryIds = { own: '', otherSchool: '', foreign: '' };

/** An active trajectory inserted directly, for the attendance and homework probes. */
export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  Object.assign(trajectoryIds, await insertProbeTrajectories(fixtures, 'active'));
}

// Replacing the weekly schedule with the same one changes nothing, whichever role goes first.
const schedule = { expectations: [{ weekday: 2, startTime: '09:00', endTime: '10:30', reason: 'planned' }] };

/** Probes of the expertise point's daily use: planning a pupil's expected times (E3). */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'attendance.manage': (client) =>
    eachPlace(trajectoryIds, async (id) =>
      statusOf(await client.put(`/api/trajectories/${id}/attendance-expectations`, schedule)),
    ),
};
