import type { AccessFixtures, AccessProbeModule } from '../../platform/access/access-probes.ts';
import { statusOf } from '../../platform/access/access-probes.ts';
import { trajectories } from './trajectories.schema.ts';

// Made by prepareAccess: an active trajectory at the own school, one at the other school of the
// partnership, and one in another partnership.
const trajectoryIds = { own: '', otherSchool: '', foreign: '' };

/** An active trajectory inserted directly, for the attendance and homework probes. */
export async function insertProbeTrajectory(
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
        status: 'active',
        pupilFirstName: 'Daan',
        pupilLastName: 'Visser',
        pupilClass: '1C',
        mentorUserId: userId,
        signalSource: 'teacher',
        signalObserved: 'Raakt snel overprikkeld in drukke lessen.',
        signalledByUserId: userId,
      })
      .returning({ id: trajectories.id });
    if (!row) throw new Error('no trajectory');
    return row.id;
  });
}

export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  const { own, other, userIds } = fixtures;
  trajectoryIds.own = await insertProbeTrajectory(
    fixtures,
    own.tenantId,
    own.locationIds.own,
    userIds.mentor,
  );
  trajectoryIds.otherSchool = await insertProbeTrajectory(
    fixtures,
    own.tenantId,
    own.locationIds.otherSchool,
    userIds.mentor,
  );
  trajectoryIds.foreign = await insertProbeTrajectory(
    fixtures,
    other.tenantId,
    other.locationIds.foreign,
    other.adminUserId,
  );
}

// Replacing the weekly schedule with the same one changes nothing, whichever role goes first.
const schedule = { expectations: [{ weekday: 2, startTime: '09:00', endTime: '10:30', reason: 'planned' }] };

/** Probes of the expertise point's daily use: planning a pupil's expected times (E3). */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'attendance.manage': async (client) => [
    statusOf(await client.put(`/api/trajectories/${trajectoryIds.own}/attendance-expectations`, schedule)),
    statusOf(
      await client.put(`/api/trajectories/${trajectoryIds.otherSchool}/attendance-expectations`, schedule),
    ),
    statusOf(
      await client.put(`/api/trajectories/${trajectoryIds.foreign}/attendance-expectations`, schedule),
    ),
  ],
};
