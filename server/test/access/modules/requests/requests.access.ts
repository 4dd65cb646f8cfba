import type { RequestDetail } from '../../../../../contracts/requests.ts';
import {
  requestAttachments,
  requestMessages,
  requestPeople,
  supportRequests,
} from '../../../../modules/requests/requests.schema.ts';
import type { TestClient } from '../../../harness.ts';
import { bornYearsAgo, detailOf } from '../../../support/requests.test-support.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: a closed pupil-level request (with a 13-year-old pupil) at the own school, one
// at the other school of the partnership, and one in another partnership. Closed, so that every
// command the access check lets through is refused by the workflow (409/422) and changes nothing.
const requestIds = { own: '', otherSchool: '', foreign: '' };
const pupilIds = { own: '', otherSchool: '', foreign: '' };
// And at each place a closed group request with a team note and a file of its own: its thread shows to
// everyone who reads it, so only the team notes tell who reads them, and the file who reads the case
// file. The matrix's teacher is the teacher on both requests at the own school (Y3).
const groupRequestIds = { own: '', otherSchool: '', foreign: '' };

/** Adds a closed group request with one team note by the author. */
async function insertGroupRequestWithNote(
  { harness }: AccessFixtures,
  tenantId: string,
  locationId: string,
  userIds: { createdBy: string; noteBy: string; teacher?: string },
): Promise<string> {
  return harness.database.withTenant(tenantId, async ({ db }) => {
    const [request] = await db
      .insert(supportRequests)
      .values({
        tenantId,
        locationId,
        reference: `HV-2026-8${Math.floor(Math.random() * 1000)}`,
        schoolYear: 2026,
        idempotencyKey: crypto.randomUUID(),
        status: 'closed',
        type: 'group_guidance',
        consentStatus: 'not_needed',
        createdByUserId: userIds.createdBy,
        teacherUserId: userIds.teacher ?? null,
        outcome: 'Groepsbegeleiding gegeven.',
        submittedAt: harness.clock.now(),
      })
      .returning({ id: supportRequests.id });
    await db.insert(requestMessages).values({
      tenantId,
      requestId: request?.id ?? '',
      kind: 'note',
      body: 'Intern: observatie gepland.',
      authorUserId: userIds.noteBy,
    });
    await db.insert(requestAttachments).values({
      tenantId,
      requestId: request?.id ?? '',
      kind: 'attachment',
      fileName: 'groepsplan.pdf',
      mediaType: 'application/pdf',
      size: 15,
      content: Buffer.from('%PDF-1.4\n%%EOF\n'),
      uploadedByUserId: userIds.createdBy,
    });
    return request?.id ?? '';
  });
}

async function insertClosedRequest(
  { harness }: AccessFixtures,
  tenantId: string,
  locationId: string,
  createdByUserId: string,
  teacherUserId: string | null = null,
): Promise<{ requestId: string; pupilId: string }> {
  return harness.database.withTenant(tenantId, async ({ db }) => {
    const [request] = await db
      .insert(supportRequests)
      .values({
        tenantId,
        locationId,
        reference: `HV-2026-9${Math.floor(Math.random() * 1000)}`,
        schoolYear: 2026,
        idempotencyKey: crypto.randomUUID(),
        status: 'closed',
        type: 'pupil_advice',
        consentStatus: 'complete',
        createdByUserId,
        teacherUserId,
        outcome: 'Advies gegeven.',
        submittedAt: harness.clock.now(),
      })
      .returning({ id: supportRequests.id });
    const [pupil] = await db
      .insert(requestPeople)
      .values({
        tenantId,
        requestId: request?.id ?? '',
        kind: 'pupil',
        name: 'Fleur Jansen',
        birthDate: bornYearsAgo(13),
      })
      .returning({ id: requestPeople.id });
    return { requestId: request?.id ?? '', pupilId: pupil?.id ?? '' };
  });
}

/** Adds the three closed requests the probes act on. */
export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  const { own, other, userIds } = fixtures;
  const made = [
    await insertClosedRequest(
      fixtures,
      own.tenantId,
      own.locationIds.own,
      userIds.internal_coordinator,
      userIds.teacher,
    ),
    await insertClosedRequest(
      fixtures,
      own.tenantId,
      own.locationIds.otherSchool,
      userIds.internal_coordinator,
    ),
    await insertClosedRequest(fixtures, other.tenantId, other.locationIds.foreign, other.adminUserId),
  ];
  [requestIds.own, requestIds.otherSchool, requestIds.foreign] = made.map((entry) => entry.requestId) as [
    string,
    string,
    string,
  ];
  [pupilIds.own, pupilIds.otherSchool, pupilIds.foreign] = made.map((entry) => entry.pupilId) as [
    string,
    string,
    string,
  ];
  const ownAuthors = { createdBy: userIds.internal_coordinator, noteBy: userIds.team_member };
  groupRequestIds.own = await insertGroupRequestWithNote(fixtures, own.tenantId, own.locationIds.own, {
    ...ownAuthors,
    teacher: userIds.teacher,
  });
  groupRequestIds.otherSchool = await insertGroupRequestWithNote(
    fixtures,
    own.tenantId,
    own.locationIds.otherSchool,
    ownAuthors,
  );
  groupRequestIds.foreign = await insertGroupRequestWithNote(
    fixtures,
    other.tenantId,
    other.locationIds.foreign,
    {
      createdBy: other.adminUserId,
      noteBy: other.adminUserId,
    },
  );
}

type Where = keyof typeof requestIds;
const places: Where[] = ['own', 'otherSchool', 'foreign'];

async function probeEach(
  send: (where: Where) => Promise<{ statusCode: number } | { cell: string }>,
): Promise<[string, string, string]> {
  const results: string[] = [];
  for (const where of places) {
    const result = await send(where);
    results.push('cell' in result ? result.cell : statusOf(result));
  }
  return results as [string, string, string];
}

/**
 * What a reader is shown of a request's detail: 'shown' or 'hidden' where they read the request, the
 * HTTP status (404, 403) where they do not.
 */
function shownEach(
  client: TestClient,
  ids: Record<Where, string>,
  isShown: (detail: RequestDetail) => boolean,
): Promise<[string, string, string]> {
  return probeEach(async (where) => {
    const response = await client.get(`/api/requests/${ids[where]}`);
    if (response.statusCode !== 200) return response;
    return { cell: isShown(detailOf(response)) ? 'shown' : 'hidden' };
  });
}

const post =
  (client: TestClient, path: string, body: object = {}) =>
  (where: Where) =>
    client.post(`/api/requests/${requestIds[where]}${path}`, body);

/**
 * Probes of support requests, on a closed request at the own school (bo), at the other school of the
 * partnership, and in another partnership: 404 where the actor may not even read it, 403 where they may
 * read but not act, 409/422/415 where the access check let them through and the workflow refused;
 * 'shown'/'hidden' for what a reader of the request is shown of its pupil and its team notes.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'requests.read': (client) => probeEach((where) => client.get(`/api/requests/${requestIds[where]}`)),
  // Need to know (P1): the pupil of a pupil-level request that is assigned to no one.
  'requests.read_pupil': (client) => shownEach(client, requestIds, (detail) => detail.pupil !== null),
  'requests.read_team_notes': (client) =>
    shownEach(client, groupRequestIds, (detail) =>
      detail.messages.some((message) => message.kind === 'note'),
    ),
  // Need to know (P1, Y3): the request's own files, which the teacher on it does not read.
  'requests.read_case_file': (client) =>
    shownEach(client, groupRequestIds, (detail) => detail.attachments.length > 0),
  'requests.create': (client) =>
    probeEach((where) => client.put(`/api/requests/${requestIds[where]}`, { question: 'Nieuwe vraag' })),
  // Y3: the teachers of the own school, another school's, another partnership's.
  'requests.list_teachers': async (client, { own, other }) => {
    const locationIds = [own.locationIds.own, own.locationIds.otherSchool, other.locationIds.foreign];
    const results: string[] = [];
    for (const locationId of locationIds)
      results.push(statusOf(await client.get(`/api/requests/teacher-options?locationId=${locationId}`)));
    return results as [string, string, string];
  },
  'requests.change_teacher': (client, { userIds }) =>
    probeEach((where) =>
      client.put(`/api/requests/${requestIds[where]}/teacher`, { teacherUserId: userIds.teacher }),
    ),
  'requests.submit': (client) => probeEach(post(client, '/submit')),
  'requests.refuse': (client) => probeEach(post(client, '/refuse', { reason: 'Buiten de opdracht' })),
  'requests.withdraw': (client) => probeEach(post(client, '/withdraw', { reason: 'Niet meer nodig' })),
  'requests.manage_consent': (client) =>
    probeEach((where) =>
      client.post(`/api/requests/${requestIds[where]}/consents/${pupilIds[where]}/withdraw`),
    ),
  'requests.record_parents_informed': (client) =>
    probeEach(post(client, '/parents-informed', { informedOn: '2026-09-01', how: 'Brief' })),
  'requests.assign': (client, { userIds }) =>
    probeEach(post(client, '/assign', { userId: userIds.team_member })),
  'requests.start': (client) => probeEach(post(client, '/start')),
  'requests.close': (client) => probeEach(post(client, '/close', { outcome: 'Klaar' })),
  'requests.contribute': (client) =>
    probeEach((where) =>
      client.upload(
        `/api/requests/${requestIds[where]}/messages`,
        { kind: 'message', body: 'Bericht' },
        { fileName: 'programma.exe', content: 'MZ' },
      ),
    ),
  'settings.manage': async (client) => [statusOf(await client.get('/api/settings/consent')), '—', '—'],
};
