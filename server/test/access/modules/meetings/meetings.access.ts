import { meetingParticipants, meetings } from '../../../../modules/meetings/meetings.schema.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: an interim meeting at the own school, one at the other school of the
// partnership, and one in another partnership; and, for the minutes, a held SOT with minutes at
// each school, the own school's with its IB (and nobody else) taking part.
const meetingIds = { own: '', otherSchool: '', foreign: '' };
const minutesIds = { own: '', otherSchool: '', foreign: '' };

async function insertMeeting(
  { harness }: AccessFixtures,
  tenantId: string,
  locationId: string,
  createdByUserId: string,
  withMinutes: { participantUserIds: string[] } | null = null,
): Promise<string> {
  return harness.database.withTenant(tenantId, async ({ db }) => {
    const [meeting] = await db
      .insert(meetings)
      .values({
        tenantId,
        locationId,
        kind: withMinutes ? 'sot' : 'interim',
        status: withMinutes ? 'held' : 'planned',
        schoolYear: 2026,
        startsAt: new Date('2026-10-06T13:00:00Z'),
        endsAt: new Date('2026-10-06T14:00:00Z'),
        outsideParties: withMinutes ? null : 'Jeugdhulp',
        minutes: withMinutes ? 'Besproken: aanpak groep 6.' : null,
        createdByUserId,
      })
      .returning({ id: meetings.id });
    if (!meeting) throw new Error('no meeting');
    for (const userId of withMinutes?.participantUserIds ?? [])
      await db
        .insert(meetingParticipants)
        .values({ tenantId, meetingId: meeting.id, userId, name: 'IB', role: 'internal_coordinator' });
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
  minutesIds.own = await insertMeeting(fixtures, own.tenantId, own.locationIds.own, userIds.coordinator, {
    participantUserIds: [userIds.internal_coordinator],
  });
  minutesIds.otherSchool = await insertMeeting(
    fixtures,
    own.tenantId,
    own.locationIds.otherSchool,
    userIds.coordinator,
    { participantUserIds: [] },
  );
  minutesIds.foreign = await insertMeeting(
    fixtures,
    other.tenantId,
    other.locationIds.foreign,
    other.adminUserId,
    { participantUserIds: [] },
  );
}

const each = async (
  probe: (meetingId: string) => Promise<string>,
  ids: typeof meetingIds = meetingIds,
): Promise<[string, string, string]> => [
  await probe(ids.own),
  await probe(ids.otherSchool),
  await probe(ids.foreign),
];

/** What a reader of the meeting gets of its minutes: `minutes`, `hidden`, or the status of the answer. */
function minutesOf(response: { statusCode: number; json(): unknown }): string {
  if (response.statusCode !== 200) return statusOf(response);
  const { minutes, minutesHidden } = response.json() as { minutes: string | null; minutesHidden: boolean };
  if (minutes !== null) return minutesHidden ? 'LEAK' : 'minutes';
  return minutesHidden ? 'hidden' : 'LEAK';
}

/**
 * Probes of the meetings module: read, the minutes by need to know, add an action item, decide on the
 * interim invitation, the overview.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'meetings.read': (client) => each(async (id) => statusOf(await client.get(`/api/meetings/${id}`))),
  // The own school's minutes: the staff office, the contact person (the team member) and the IB, who
  // takes part; not the director, who does not.
  'meetings.read_minutes': (client) =>
    each(async (id) => minutesOf(await client.get(`/api/meetings/${id}`)), minutesIds),
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
  'meetings.settings': async (client) => [statusOf(await client.get('/api/meeting-settings')), '—', '—'],
};
