import { homeworkItems, homeworkSessions } from '../../../../modules/trajectories/trajectories.schema.ts';
import { eachPlace, insertProbeTrajectories, type ProbePlaces } from '../../access-fixtures.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: a work session of a pupil at the own school, at the other school of the
// partnership, and in another partnership.
const sessionIds = { own: '', otherSchool: '', foreign: '' };

async function insertSession(
  fixtures: AccessFixtures,
  tenantId: string,
  trajectoryId: string,
  createdByUserId: string,
): Promise<string> {
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
        createdByUserId,
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
  const trajectoryIds: ProbePlaces = await insertProbeTrajectories(fixtures, 'active');
  const { own, other } = fixtures;
  sessionIds.own = await insertSession(
    fixtures,
    own.tenantId,
    trajectoryIds.own,
    fixtures.userIds.vso_teacher,
  );
  sessionIds.otherSchool = await insertSession(
    fixtures,
    own.tenantId,
    trajectoryIds.otherSchool,
    fixtures.userIds.vso_teacher,
  );
  sessionIds.foreign = await insertSession(
    fixtures,
    other.tenantId,
    trajectoryIds.foreign,
    other.adminUserId,
  );
}

const check = { result: 'done', note: null };

/**
 * Probes of homework support: the VSO teacher's check of a work session (E4). Checking an existing
 * session does not depend on the location's offer, so the probe measures access only.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'homework.manage': (client) =>
    eachPlace(sessionIds, async (id) =>
      statusOf(await client.put(`/api/homework-sessions/${id}/check`, check)),
    ),
};
