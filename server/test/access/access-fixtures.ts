import type { TrajectoryStatus } from '../../../contracts/trajectories.ts';
import { trajectories } from '../../modules/trajectories/trajectories.schema.ts';
import type { AccessFixtures } from './access-probes.ts';

/** The three places the access matrix measures, by the id of what was made there. */
export type ProbePlaces = { own: string; otherSchool: string; foreign: string };

/**
 * A trajectory in each place the matrix measures, for the expertise-point probes: at the own school
 * (the matrix's mentor is its mentor, the matrix's teacher signalled it), at the other school of the
 * partnership (neither theirs), and in another partnership.
 */
export async function insertProbeTrajectories(
  { harness, own, other, userIds }: AccessFixtures,
  status: TrajectoryStatus,
): Promise<ProbePlaces> {
  const insert = (tenantId: string, locationId: string, mentorUserId: string, signalledByUserId: string) =>
    harness.database.withTenant(tenantId, async ({ db }) => {
      const [row] = await db
        .insert(trajectories)
        .values({
          tenantId,
          locationId,
          status,
          pupilFirstName: 'Sem',
          pupilLastName: 'Jansen',
          pupilClass: '1C',
          mentorUserId,
          signalSource: 'teacher',
          signalObserved: 'Onrustig in de les',
          signalDiscussWith: 'mentor',
          signalledByUserId,
        })
        .returning({ id: trajectories.id });
      if (!row) throw new Error('no trajectory');
      return row.id;
    });
  return {
    own: await insert(own.tenantId, own.locationIds.own, userIds.mentor, userIds.teacher),
    otherSchool: await insert(
      own.tenantId,
      own.locationIds.otherSchool,
      userIds.coordinator,
      userIds.coordinator,
    ),
    foreign: await insert(other.tenantId, other.locationIds.foreign, other.adminUserId, other.adminUserId),
  };
}

/** One probe run in the three places, in the matrix's order. */
export async function eachPlace(
  places: ProbePlaces,
  probe: (id: string) => Promise<string>,
): Promise<[string, string, string]> {
  return [await probe(places.own), await probe(places.otherSchool), await probe(places.foreign)];
}
