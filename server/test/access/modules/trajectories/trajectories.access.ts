import { eachPlace, insertProbeTrajectories } from '../../access-fixtures.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: a signalled trajectory at the own school (signalled by the teacher, the mentor's
// pupil), one at the other school (neither theirs), and one in another partnership.
const trajectoryIds = { own: '', otherSchool: '', foreign: '' };

export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  Object.assign(trajectoryIds, await insertProbeTrajectories(fixtures, 'signalled'));
}

const each = (probe: (trajectoryId: string) => Promise<string>) => eachPlace(trajectoryIds, probe);

/**
 * Probes of the intake. The own school in the fixtures is a primary school, so a signal allowed there
 * answers 422 (no expertise point); a decision allowed there answers 400 (the parents were not yet
 * contacted) and an end 409 (not yet eligible): in both the access check passed and nothing was saved.
 * A signal at a location out of reach (another school, another partnership) answers 400 on
 * `locationId`, the same as an unknown one (issue 13 finding 4).
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'trajectories.signal': async (client, { own, other, userIds }) => {
    const signalAt = async (locationId: string) =>
      statusOf(
        await client.post('/api/trajectories', {
          locationId,
          pupilFirstName: 'Sem',
          pupilLastName: 'Jansen',
          pupilClass: '1C',
          mentorUserId: userIds.mentor,
          source: 'teacher',
          observed: 'Onrustig in de les',
          discussWith: 'mentor',
        }),
      );
    return [
      await signalAt(own.locationIds.own),
      await signalAt(own.locationIds.otherSchool),
      await signalAt(other.locationIds.foreign),
    ];
  },
  'trajectories.own_signals': (client) =>
    each(async (id) => statusOf(await client.get(`/api/signals/${id}`))),
  'trajectories.read': (client) => each(async (id) => statusOf(await client.get(`/api/trajectories/${id}`))),
  'trajectories.intake': (client, { harness }) =>
    each(async (id) =>
      statusOf(
        await client.post(`/api/trajectories/${id}/discussion`, {
          discussedOn: harness.clock.today(),
          outcome: 'Besproken met de mentor',
        }),
      ),
    ),
  'trajectories.decide': (client, { harness }) =>
    each(async (id) =>
      statusOf(
        await client.post(`/api/trajectories/${id}/decision`, {
          decidedOn: harness.clock.today(),
          eligible: true,
          problemKinds: ['behavioural'],
          reasons: 'Gedrag belemmert het leren',
        }),
      ),
    ),
  'trajectories.end': (client, { harness }) =>
    each(async (id) =>
      statusOf(
        await client.post(`/api/trajectories/${id}/end`, {
          endedOn: harness.clock.today(),
          reason: 'goals_reached',
          diplomaObtained: false,
          nextDestination: 'Regulier rooster',
        }),
      ),
    ),
};
