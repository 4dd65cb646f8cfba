import { eachPlace, insertProbeTrajectories } from '../../access-fixtures.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: an active trajectory at the own school (its mentor is the matrix's mentor),
// one at the other school of the partnership (another mentor), and one in another partnership.
const trajectoryIds = { own: '', otherSchool: '', foreign: '' };

export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  Object.assign(trajectoryIds, await insertProbeTrajectories(fixtures, 'active'));
}

const eachTrajectory = (probe: (trajectoryId: string) => Promise<string>) => eachPlace(trajectoryIds, probe);

const eachLocation = async (
  fixtures: AccessFixtures,
  probe: (locationId: string) => Promise<string>,
): Promise<[string, string, string]> => [
  await probe(fixtures.own.locationIds.own),
  await probe(fixtures.own.locationIds.otherSchool),
  await probe(fixtures.other.locationIds.foreign),
];

/**
 * Probes of the expertise point's records: a pupil's contacts (E5) and referrals (E7), teacher
 * support (E6) read and added, and the overview per location.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'trajectory_contacts.manage': (client) =>
    eachTrajectory(async (id) => statusOf(await client.get(`/api/trajectories/${id}/contacts`))),
  'referrals.manage': (client) =>
    eachTrajectory(async (id) => statusOf(await client.get(`/api/trajectories/${id}/referrals`))),
  'teacher_support.read': (client, fixtures) =>
    eachLocation(fixtures, async (id) =>
      statusOf(await client.get(`/api/expertise-point/teacher-support?locationId=${id}`)),
    ),
  // A location out of reach answers 400 on `locationId`, the same as an unknown one (issue 13 finding 4).
  'teacher_support.manage': (client, fixtures) =>
    eachLocation(fixtures, async (id) =>
      statusOf(
        await client.post('/api/expertise-point/teacher-support', {
          kind: 'tip',
          locationId: id,
          occurredOn: '2026-10-01',
          topic: 'Voorspelbare lesstart',
          teacherName: 'Sectie wiskunde',
          description: 'Zet het lesprogramma op het bord.',
        }),
      ),
    ),
  'expertise_point.overview': (client, fixtures) =>
    eachLocation(fixtures, async (id) =>
      statusOf(await client.get(`/api/expertise-point/overview?locationId=${id}`)),
    ),
};
