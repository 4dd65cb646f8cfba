import type { AccessFixtures, AccessProbeModule } from '../../platform/access/access-probes.ts';
import { statusOf } from '../../platform/access/access-probes.ts';
import { insertProbeTrajectory } from './attendance.access.ts';
import { homeworkItems, homeworkSessions } from './trajectories.schema.ts';

// Made by prepareAccess: a work session of a pupil at the own school, at the other school of the
// partnership, and in another partnership.
const sessionIds = { own: '', otherSchool: '', foreign: '' };

async function insertSession(
  fixtures: AccessFixtures,
  tenantId: string,
  locationId: string,
  userId: string,
): Promise<string> {
  const trajectoryId = await insertProbeTrajectory(fixtures, tenantId, locationId, userId);
  return fixtures.harness.database.withTenant(tenantId, async ({ db }) => {
    const [item] = await db
      .insert(homeworkItems)
      .values({
        tenantId,
        trajectoryId,
        kind: 'assignment',
        subject: 'Wiskunde',
        description: 'Opgaven 1 tot en met 12',
        dueOn: '2025-10-03',
        createdByUserId: userId,
      })
      .returning({ id: homeworkItems.id });
    if (!item) throw new Error('no homework item');
    const [session] = await db
      .insert(homeworkSessions)
      .values({ tenantId, homeworkItemId: item.id, plannedOn: '2025-10-01', plannedWork: 'Opgaven 1 tot 6' })
      .returning({ id: homeworkSessions.id });
    if (!session) throw new Error('no homework session');
    return session.id;
  });
}

export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  const { own, other, userIds } = fixtures;
  sessionIds.own = await insertSession(fixtures, own.tenantId, own.locationIds.own, userIds.mentor);
  sessionIds.otherSchool = await insertSession(
    fixtures,
    own.tenantId,
    own.locationIds.otherSchool,
    userIds.mentor,
  );
  sessionIds.foreign = await insertSession(
    fixtures,
    other.tenantId,
    other.locationIds.foreign,
    other.adminUserId,
  );
}

const check = { result: 'done', note: null };

/**
 * Probes of homework support: the VSO teacher's check of a work session (E4). Checking an existing
 * session does not depend on the location's offer, so the probe measures access only.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'homework.manage': async (client) => [
    statusOf(await client.put(`/api/homework-sessions/${sessionIds.own}/check`, check)),
    statusOf(await client.put(`/api/homework-sessions/${sessionIds.otherSchool}/check`, check)),
    statusOf(await client.put(`/api/homework-sessions/${sessionIds.foreign}/check`, check)),
  ],
};
