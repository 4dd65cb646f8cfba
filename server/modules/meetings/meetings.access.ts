import type { AccessFixtures, AccessProbeModule } from '../../platform/access/access-probes.ts';
import { statusOf } from '../../platform/access/access-probes.ts';
import { meetings } from './meetings.schema.ts';

// Made by prepareAccess: an interim meeting at the own school, one at the other school of the
// partnership, and one in another partnership.
const meetingIds = { own: '', otherSchool: '', foreign: '' };

async function insertMeeting(
  { harness }: AccessFixtures,
  tenantId: string,
  locationId: string,
  createdByUserId: string,
): Promise<string> {
  return harness.database.withTenant(tenantId, async ({ db }) => {
    const [meeting] = await db
      .insert(meetings)
      .values({
        tenantId,
        locationId,
        kind: 'interim',
        schoolYear: 2026,
        startsAt: new Date('2026-10-06T13:00:00Z'),
        endsAt: new Date('2026-10-06T14:00:00Z'),
        outsideParties: 'Jeugdhulp',
        createdByUserId,
      })
      .returning({ id: meetings.id });
    if (!meeting) throw new Error('no meeting');
    return meeting.id;
  });
}

export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  const { own, other, userIds } = fixtures;
  meetingIds.own = await insertMeeting(fixtures, own.tenantId, own.locationIds.own, userIds.coordinator);
  meetingIds.otherSchool = await insertMeeting(
    fixtures,
    own.tenantId,
    own.locationIds.otherSchool,
    userIds.coordinator,
  );
  meetingIds.foreign = await insertMeeting(
    fixtures,
    other.tenantId,
    other.locationIds.foreign,
    other.adminUserId,
  );
}

const each = async (probe: (meetingId: string) => Promise<string>): Promise<[string, string, string]> => [
  await probe(meetingIds.own),
  await probe(meetingIds.otherSchool),
  await probe(meetingIds.foreign),
];

/** Probes of the meetings module: read, add an action item, decide on the interim invitation, the overview. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'meetings.read': (client) => each(async (id) => statusOf(await client.get(`/api/meetings/${id}`))),
  'meetings.manage': (client) =>
    each(async (id) =>
      statusOf(
        await client.post(`/api/meetings/${id}/action-items`, {
          description: 'Verslag rondsturen',
          ownerName: 'IB',
          dueDate: '2026-10-20',
        }),
      ),
    ),
  // Adding the staff office's coordinator changes who reads the minutes: allowed only from inside.
  'meetings.add_participant': (client, { userIds }) =>
    each(async (id) =>
      statusOf(
        await client.post(`/api/meetings/${id}/participants`, { userId: userIds.coordinator, role: 'other' }),
      ),
    ),
  'meetings.decide': (client) =>
    each(async (id) => statusOf(await client.post(`/api/meetings/${id}/decision`, { decision: 'decline' }))),
  // One's own feed: only the status is read, so the probe changes nothing.
  'calendar.feed': async (client) => [statusOf(await client.get('/api/calendar-feed')), '—', '—'],
  'meetings.overview': async (client) => [
    statusOf(await client.get('/api/meeting-overview?schoolYear=2026')),
    '—',
    '—',
  ],
};
