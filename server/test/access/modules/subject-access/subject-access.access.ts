import { subjectRequests } from '../../../../modules/subject-access/subject-access.schema.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: an access request in the register of the own partnership and of another one.
const requestIds = { own: '', foreign: '' };

async function insertRequest(
  fixtures: AccessFixtures,
  tenantId: string,
  locationId: string,
  userId: string,
): Promise<string> {
  return fixtures.harness.database.withTenant(tenantId, async ({ db }) => {
    const [row] = await db
      .insert(subjectRequests)
      .values({
        tenantId,
        kind: 'access',
        pupilName: 'Sem Jansen',
        nameKey: 'sem jansen',
        birthDate: '2012-03-14',
        locationId,
        requesterName: 'Ouder Jansen',
        requesterRelation: 'parent',
        reason: 'Inzage gevraagd',
        receivedOn: '2026-11-02',
        deadlineOn: '2026-12-02',
        createdByUserId: userId,
        createdAt: new Date(),
      })
      .returning({ id: subjectRequests.id });
    if (!row) throw new Error('no subject request');
    return row.id;
  });
}

export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  requestIds.own = await insertRequest(
    fixtures,
    fixtures.own.tenantId,
    fixtures.own.locationIds.own,
    fixtures.userIds.privacy_officer,
  );
  requestIds.foreign = await insertRequest(
    fixtures,
    fixtures.other.tenantId,
    fixtures.other.locationIds.foreign,
    fixtures.other.adminUserId,
  );
}

/** Probes of the register of data-subject requests: the partnership's, with no school to tell apart. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'subject_requests.read': async (client) => [
    statusOf(await client.get(`/api/subject-requests/${requestIds.own}`)),
    '—',
    statusOf(await client.get(`/api/subject-requests/${requestIds.foreign}`)),
  ],
  'subject_requests.manage': async (client) => [
    statusOf(
      await client.post('/api/subject-requests/pupil-search', {
        pupilName: 'Sem Jansen',
        birthDate: '2012-03-14',
      }),
    ),
    '—',
    '—',
  ],
  'subject_requests.export': async (client) => [
    statusOf(await client.get(`/api/subject-requests/${requestIds.own}/export.zip`)),
    '—',
    statusOf(await client.get(`/api/subject-requests/${requestIds.foreign}/export.zip`)),
  ],
};
