import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import { addDays, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { expertisePoints } from '../../modules/expertise-points/expertise-points.schema.ts';
import { meetings } from '../../modules/meetings/meetings.schema.ts';
import { schoolBoards } from '../../modules/schools/schools.schema.ts';
import { expertiseTags, schoolTeamAssignments } from '../../modules/team/team.schema.ts';
import { trajectories } from '../../modules/trajectories/trajectories.schema.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { detailOf, fileRequest, pupilRequestForm } from '../../test/support/requests.test-support.ts';

/**
 * Issue 13 finding 4: every id a client sends in a body is proven visible to the actor, and of the
 * right kind, before anything is stored. Two partnerships, A and B, built alike; B's people send A's
 * ids and made-up ones. Both must get the same 4xx on the field, and the database must not change.
 */
let harness: Harness;
let a: Partnership;
let b: Partnership;
const today = todayInAmsterdam();

type Partnership = Awaited<ReturnType<typeof createPartnership>>;

async function createPartnership(signIn: boolean) {
  // a and c are primary schools, b is secondary (the harness alternates sectors).
  const { tenantId, locationIds: ids } = await harness.createTenant(['a', 'b', 'c']);
  const locationIds = ids as { a: string; b: string; c: string };
  // Sign-ins are rate limited: only partnership B's people (and A's IB, who files) sign in.
  const user = async (
    assignment: Parameters<Harness['createUser']>[1][number],
    options: { signIn?: boolean } = {},
  ) => {
    const created = await harness.createUser(tenantId, [assignment]);
    const client = (options.signIn ?? signIn) ? await harness.signedIn(created) : harness.client();
    return { ...created, client };
  };
  const ib = await user({ role: 'internal_coordinator', locationId: locationIds.a }, { signIn: true });
  const otherIb = await user({ role: 'internal_coordinator', locationId: locationIds.c }, { signIn: false });
  const coordinator = await user({ role: 'coordinator' });
  const admin = await user({ role: 'functional_admin' });
  const contact = await user({ role: 'team_member', teamRole: 'behavioural_scientist' });
  const adviser = await user({ role: 'team_member', teamRole: 'inclusion_adviser' }, { signIn: false });
  const outsider = await user({ role: 'team_member', teamRole: 'inclusion_adviser' }, { signIn: false });
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values([
      {
        tenantId,
        locationId: locationIds.a,
        userId: contact.userId,
        teamRole: 'behavioural_scientist',
        isContact: true,
        validFrom: '2020-08-01',
      },
      {
        tenantId,
        locationId: locationIds.a,
        userId: adviser.userId,
        teamRole: 'inclusion_adviser',
        isContact: false,
        validFrom: '2020-08-01',
      },
    ]),
  );
  const world = { tenantId, locationIds, ib, otherIb, coordinator, admin, contact, adviser, outsider };
  const mentor = await user({ role: 'mentor', locationId: locationIds.b });
  const vsoTeacher = await user({ role: 'vso_teacher', locationId: locationIds.b });
  const careCoordinator = await user({ role: 'care_coordinator', locationId: locationIds.b });
  const rows = await harness.database.withTenant(tenantId, async ({ db }) => {
    await db.insert(expertisePoints).values({ tenantId, locationId: locationIds.b, room: 'B0.12' });
    const [tag] = await db
      .insert(expertiseTags)
      .values({ tenantId, name: 'Gedrag' })
      .returning({ id: expertiseTags.id });
    const [board] = await db
      .insert(schoolBoards)
      .values({ tenantId, code: '41000', name: 'Stichting Primair' })
      .returning({ id: schoolBoards.id });
    const [meeting] = await db
      .insert(meetings)
      .values({
        tenantId,
        locationId: locationIds.a,
        kind: 'interim',
        schoolYear: 2026,
        startsAt: new Date('2026-10-06T13:00:00Z'),
        endsAt: new Date('2026-10-06T14:00:00Z'),
        outsideParties: 'Jeugdhulp',
        createdByUserId: world.ib.userId,
      })
      .returning({ id: meetings.id });
    const [trajectory] = await db
      .insert(trajectories)
      .values({
        tenantId,
        locationId: locationIds.b,
        status: 'active',
        pupilFirstName: 'Noah',
        pupilLastName: 'de Graaf',
        pupilClass: '2B',
        mentorUserId: mentor.userId,
        signalSource: 'teacher',
        signalObserved: 'Raakt snel overprikkeld.',
        signalledByUserId: mentor.userId,
      })
      .returning({ id: trajectories.id });
    return {
      tagId: tag?.id ?? '',
      boardId: board?.id ?? '',
      meetingId: meeting?.id ?? '',
      trajectoryId: trajectory?.id ?? '',
    };
  });
  // A request of the school without pupil data, submitted (so the team can log hours against it),
  // a pupil-level one with a parent whose consent is asked, and a draft.
  const request = await fileRequest(world.ib.client, {
    ...pupilRequestForm(locationIds.a),
    type: 'process_guidance',
    pupil: null,
    parents: [],
  });
  const pupilRequest = await fileRequest(world.ib.client, pupilRequestForm(locationIds.a));
  const parentId = pupilRequest.consent.people.find((person) => person.kind === 'parent')?.personId ?? '';
  const draft = detailOf(
    await world.ib.client.post('/api/requests', {
      ...pupilRequestForm(locationIds.a),
      type: 'process_guidance',
      pupil: null,
      parents: [],
    }),
  );
  return { ...world, mentor, vsoTeacher, careCoordinator, ...rows, request, pupilRequest, parentId, draft };
}

beforeAll(async () => {
  harness = await createHarness();
  a = await createPartnership(false);
  b = await createPartnership(true);
});
afterAll(() => harness.close());

/** A checksum of every partnership table (sessions aside: reading touches them), to prove nothing changed. */
async function databaseState(): Promise<string> {
  const tables = await harness.database.queryAsOwner<{ table_name: string }>(
    sql`select table_name from information_schema.columns where table_schema = 'public'
      and column_name = 'tenant_id' and table_name <> 'sessions' order by table_name`,
  );
  const parts = sql.join(
    tables.map(
      ({ table_name }) =>
        sql`select ${table_name}::text as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${sql.identifier(table_name)} t`,
    ),
    sql` union all `,
  );
  const rows = await harness.database.queryAsOwner<{ name: string; sum: string }>(sql`${parts}`);
  return rows.map((row) => `${row.name}:${row.sum}`).join(',');
}

function answerOf(response: LightMyRequestResponse) {
  const body = response.json() as ErrorResponse;
  return {
    status: response.statusCode,
    code: body.error?.code,
    fields: (body.error?.fields ?? []).map((field) => [field.path, field.code]),
  };
}

/**
 * Sends the same command with an id of partnership A and with a made-up id: both answers must be
 * `expected` (status, code and the one field), alike, and nothing may be stored.
 */
async function refusesAlike(
  send: (id: string) => Promise<LightMyRequestResponse>,
  foreignId: string,
  expected: { status?: number; code?: string; field: [string, string] },
) {
  const before = await databaseState();
  const foreign = answerOf(await send(foreignId));
  const madeUp = answerOf(await send(crypto.randomUUID()));
  const wanted = {
    status: expected.status ?? 400,
    code: expected.code ?? 'validation_failed',
    fields: [expected.field],
  };
  expect({ foreign, madeUp }).toEqual({ foreign: wanted, madeUp: wanted });
  expect(await databaseState()).toBe(before);
}

/** The same for an id of the own partnership that is of the wrong kind or out of the actor's reach. */
async function refuses(
  response: Promise<LightMyRequestResponse>,
  expected: { status?: number; code?: string; field: [string, string] },
) {
  const before = await databaseState();
  expect(answerOf(await response)).toEqual({
    status: expected.status ?? 400,
    code: expected.code ?? 'validation_failed',
    fields: [expected.field],
  });
  expect(await databaseState()).toBe(before);
}

describe('time entries (issue 13 finding 4)', () => {
  const entry = (changes: Record<string, unknown> = {}) => ({
    date: today,
    hours: 1,
    locationId: b.locationIds.a,
    activity: 'observation',
    note: null,
    userId: b.contact.userId,
    ...changes,
  });
  const office = () => b.coordinator.client;

  it('P6, finding 4: the staff office of B cannot log hours for a user of partnership A (nor a made-up one)', async () => {
    await refusesAlike((userId) => office().post('/api/time-entries', entry({ userId })), a.contact.userId, {
      field: ['userId', 'unknown_reference'],
    });
  });

  it('finding 4: hours belong to a team member: not to an IB of the own partnership, nor to the staff office itself', async () => {
    await refuses(office().post('/api/time-entries', entry({ userId: b.ib.userId })), {
      field: ['userId', 'unknown_reference'],
    });
    await refuses(office().post('/api/time-entries', entry({ userId: undefined })), {
      field: ['userId', 'unknown_reference'],
    });
    const logged = await office().post('/api/time-entries', entry());
    expect(logged.statusCode, logged.body).toBe(201);
  });

  it('P6: a location or a request of partnership A is unknown, on create and on change', async () => {
    await refusesAlike(
      (locationId) => office().post('/api/time-entries', entry({ locationId })),
      a.locationIds.a,
      { field: ['locationId', 'unknown_reference'] },
    );
    await refusesAlike(
      (requestId) => office().post('/api/time-entries', entry({ requestId })),
      a.request.id,
      { field: ['requestId', 'unknown_reference'] },
    );
    const own = await b.contact.client.post('/api/time-entries', entry({ userId: undefined, hours: 0.5 }));
    expect(own.statusCode, own.body).toBe(201);
    const id = (own.json() as { id: string }).id;
    await refusesAlike(
      (locationId) =>
        b.contact.client.put(`/api/time-entries/${id}`, entry({ userId: undefined, locationId })),
      a.locationIds.a,
      { field: ['locationId', 'unknown_reference'] },
    );
    await refusesAlike(
      (requestId) => b.contact.client.put(`/api/time-entries/${id}`, entry({ userId: undefined, requestId })),
      a.request.id,
      { field: ['requestId', 'unknown_reference'] },
    );
  });

  it('finding 4: a draft request is unknown to the team, and a request must be the member’s to log against', async () => {
    await refuses(office().post('/api/time-entries', entry({ requestId: b.draft.id })), {
      field: ['requestId', 'unknown_reference'],
    });
    // The outsider serves no school and the request is not theirs: the office's exception covers the school only.
    await refuses(
      office().post('/api/time-entries', entry({ userId: b.outsider.userId, requestId: b.request.id })),
      { field: ['requestId', 'request_not_theirs'] },
    );
    const onRequest = await b.contact.client.post(
      '/api/time-entries',
      entry({ userId: undefined, hours: 0.25, requestId: b.request.id }),
    );
    expect(onRequest.statusCode, onRequest.body).toBe(201);
  });
});

describe('meetings (issue 13 finding 4)', () => {
  const meeting = (changes: Record<string, unknown> = {}) => ({
    kind: 'sot',
    locationId: b.locationIds.a,
    date: addDays(today, 7),
    startTime: '14:00',
    endTime: '15:00',
    ...changes,
  });
  const participant = (userId: string) => ({ userId, name: 'Deelnemer', role: 'internal_coordinator' });

  it('P6, finding 4: a location, participant or wanted tag of partnership A is unknown when planning', async () => {
    const client = b.ib.client;
    await refusesAlike(
      (locationId) => client.post('/api/meetings', meeting({ locationId })),
      a.locationIds.a,
      {
        field: ['locationId', 'unknown_reference'],
      },
    );
    await refusesAlike(
      (userId) => client.post('/api/meetings', meeting({ participants: [participant(userId)] })),
      a.ib.userId,
      { field: ['participants', 'unknown_reference'] },
    );
    await refusesAlike((tagId) => client.post('/api/meetings', meeting({ wantedTagIds: [tagId] })), a.tagId, {
      field: ['wantedTagIds', 'unknown_reference'],
    });
  });

  it('finding 4: another school of the partnership and its staff are out of an IB’s reach', async () => {
    await refuses(b.ib.client.post('/api/meetings', meeting({ locationId: b.locationIds.c })), {
      field: ['locationId', 'unknown_reference'],
    });
    await refuses(
      b.ib.client.post('/api/meetings', meeting({ participants: [participant(b.otherIb.userId)] })),
      {
        field: ['participants', 'unknown_reference'],
      },
    );
  });

  it('P6: changing a meeting, adding an action item and following one up check every id too', async () => {
    const planned = await b.ib.client.post(
      '/api/meetings',
      meeting({ participants: [participant(b.ib.userId)] }),
    );
    expect(planned.statusCode, planned.body).toBe(201);
    const meetingId = (planned.json() as { id: string }).id;
    await refusesAlike(
      (userId) =>
        b.ib.client.put(
          `/api/meetings/${meetingId}`,
          meeting({ participants: [participant(b.ib.userId), participant(userId)] }),
        ),
      a.ib.userId,
      { field: ['participants', 'unknown_reference'] },
    );
    const item = (ownerUserId: string | null) => ({
      description: 'Verslag rondsturen',
      ownerUserId,
      ownerName: 'IB',
      dueDate: addDays(today, 14),
    });
    await refusesAlike(
      (ownerUserId) => b.ib.client.post(`/api/meetings/${meetingId}/action-items`, item(ownerUserId)),
      a.ib.userId,
      { field: ['ownerUserId', 'unknown_reference'] },
    );
    const added = await b.ib.client.post(`/api/meetings/${meetingId}/action-items`, item(b.ib.userId));
    expect(added.statusCode, added.body).toBe(201);
    const itemId = (added.json() as { id: string }).id;
    await refusesAlike(
      (followedUpInMeetingId) =>
        b.ib.client.put(`/api/meeting-action-items/${itemId}`, { status: 'done', followedUpInMeetingId }),
      a.meetingId,
      { field: ['followedUpInMeetingId', 'unknown_reference'] },
    );
  });
});

describe('support requests (issue 13 finding 4)', () => {
  const form = (changes: Record<string, unknown> = {}) => ({
    ...pupilRequestForm(b.locationIds.a),
    type: 'process_guidance',
    pupil: null,
    parents: [],
    ...changes,
  });

  it('P6, finding 4: a school or an expertise tag of partnership A is unknown when filing', async () => {
    await refusesAlike(
      (locationId) => b.ib.client.post('/api/requests', form({ locationId })),
      a.locationIds.a,
      {
        field: ['locationId', 'no_location'],
      },
    );
    await refusesAlike(
      (tagId) => b.ib.client.post('/api/requests', form({ expertiseTagIds: [tagId] })),
      a.tagId,
      { field: ['expertiseTagIds', 'unknown_reference'] },
    );
    await refusesAlike(
      (tagId) =>
        b.ib.client.put(`/api/requests/${b.draft.id}`, {
          ...form({ expertiseTagIds: [tagId] }),
          locationId: undefined,
          idempotencyKey: undefined,
        }),
      a.tagId,
      { field: ['expertiseTagIds', 'unknown_reference'] },
    );
  });

  it('P6, finding 4: a request is assigned only to a team member of the own partnership', async () => {
    const assign = (userId: string) =>
      b.coordinator.client.post(`/api/requests/${b.request.id}/assign`, { userId });
    const refusal = {
      status: 422,
      code: 'not_team_member',
      field: ['userId', 'not_team_member'] as [string, string],
    };
    await refusesAlike(assign, a.contact.userId, refusal);
    await refuses(assign(b.ib.userId), refusal);
  });

  it('P6, finding 4: paper consent names a person of this very request', async () => {
    const file = {
      fileName: 'toestemming.pdf',
      content: '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n',
      contentType: 'application/pdf',
    };
    const paper = (personId: string) =>
      b.ib.client.upload(
        `/api/requests/${b.pupilRequest.id}/consents/paper`,
        { personId, decision: 'given', signedOn: today, signedBy: 'Sanne de Vries' },
        file,
      );
    await refusesAlike(paper, a.parentId, { field: ['personId', 'unknown_reference'] });
    // A person of another request of the same school.
    const other = await fileRequest(b.ib.client, pupilRequestForm(b.locationIds.a));
    const otherParent = other.consent.people.find((person) => person.kind === 'parent')?.personId ?? '';
    await refuses(paper(otherParent), { field: ['personId', 'unknown_reference'] });
  });
});

describe('organisation: team, pairs, locations, users (issue 13 finding 4)', () => {
  it('P6, finding 4: an expertise tag of partnership A is unknown on a team member', async () => {
    await refusesAlike(
      (tagId) => b.coordinator.client.patch(`/api/team/${b.contact.userId}`, { tagIds: [tagId] }),
      a.tagId,
      { field: ['tagIds.0', 'unknown_tag'] },
    );
  });

  it('P6, finding 4: a pair is made of the own partnership’s team members, at its own schools', async () => {
    const pair = (behaviouralScientistUserId: string) => ({
      behaviouralScientistUserId,
      inclusionAdviserUserId: b.adviser.userId,
      contact: 'inclusion_adviser',
      effectiveFrom: today,
    });
    await refusesAlike(
      (userId) => b.coordinator.client.put(`/api/locations/${b.locationIds.c}/pair`, pair(userId)),
      a.contact.userId,
      { field: ['behaviouralScientistUserId', 'not_team_member'] },
    );
    await refuses(b.coordinator.client.put(`/api/locations/${b.locationIds.c}/pair`, pair(b.ib.userId)), {
      field: ['behaviouralScientistUserId', 'not_team_member'],
    });
    await refusesAlike(
      (locationId) =>
        b.coordinator.client.post('/api/pairs/bulk', {
          effectiveFrom: today,
          assignments: [{ locationId, ...pair(b.contact.userId), effectiveFrom: undefined }],
        }),
      a.locationIds.a,
      { field: ['assignments.0.locationId', 'unknown_location'] },
    );
  });

  it('P6, finding 4: a school board of partnership A is unknown on a location', async () => {
    const location = (boardId: string) => ({
      brin: '99ZZ',
      locationCode: '00',
      name: 'Nieuwe school',
      sector: 'bo',
      boardId,
      place: 'Ede',
    });
    await refusesAlike(
      (boardId) => b.coordinator.client.post('/api/locations', location(boardId)),
      a.boardId,
      {
        field: ['boardId', 'unknown_board'],
      },
    );
    await refusesAlike(
      (boardId) => b.coordinator.client.patch(`/api/locations/${b.locationIds.a}`, { boardId }),
      a.boardId,
      { field: ['boardId', 'unknown_board'] },
    );
  });

  it('P6, finding 4: a role is given at a location of the own partnership only', async () => {
    await refusesAlike(
      (locationId) =>
        b.admin.client.post('/api/users', {
          email: `nieuw-${crypto.randomUUID().slice(0, 8)}@school.test`,
          name: 'Nieuwe Collega',
          roles: [{ role: 'teacher', locationId }],
        }),
      a.locationIds.a,
      { field: ['roles.0.locationId', 'unknown_reference'] },
    );
    await refusesAlike(
      (locationId) =>
        b.admin.client.put(`/api/users/${b.otherIb.userId}/roles`, {
          roles: [{ role: 'internal_coordinator', locationId }],
        }),
      a.locationIds.a,
      { field: ['roles.0.locationId', 'unknown_reference'] },
    );
  });
});

describe('expertise points (issue 13 finding 4)', () => {
  const signal = (changes: Record<string, unknown> = {}) => ({
    locationId: b.locationIds.b,
    pupilFirstName: 'Sem',
    pupilLastName: 'Bakker',
    pupilBirthDate: '2012-03-14',
    pupilClass: '2B',
    mentorUserId: b.mentor.userId,
    source: 'teacher',
    observed: 'Trekt zich terug in de les.',
    discussWith: 'mentor',
    ...changes,
  });

  it('P6, finding 4: a signal names a location and a mentor of the own partnership', async () => {
    const client = b.mentor.client;
    await refusesAlike(
      (locationId) => client.post('/api/trajectories', signal({ locationId })),
      a.locationIds.b,
      {
        field: ['locationId', 'unknown_reference'],
      },
    );
    await refusesAlike(
      (mentorUserId) => client.post('/api/trajectories', signal({ mentorUserId })),
      a.mentor.userId,
      { field: ['mentorUserId', 'not_a_mentor_here'] },
    );
    await refuses(client.post('/api/trajectories', signal({ mentorUserId: b.ib.userId })), {
      field: ['mentorUserId', 'not_a_mentor_here'],
    });
  });

  it('P6, finding 4: a check-in at another partnership’s location is refused like one at a made-up location', async () => {
    await refusesAlike(
      (locationId) =>
        b.vsoTeacher.client.post(`/api/trajectories/${b.trajectoryId}/check-in`, {
          reason: 'planned',
          locationId,
        }),
      a.locationIds.b,
      { status: 409, code: 'conflict', field: ['locationId', 'attendance_other_location'] },
    );
  });

  it('P6, finding 4: a follow-up owner of a contact is one of the pupil file’s readers', async () => {
    const contact = (followUpOwnerUserId: string) => ({
      contactOn: today,
      party: 'parents',
      partyName: 'moeder',
      channel: 'phone',
      summary: 'Gesprek over de week.',
      followUp: 'Terugbellen na het weekend',
      followUpOwnerUserId,
    });
    const add = (userId: string) =>
      b.careCoordinator.client.post(`/api/trajectories/${b.trajectoryId}/contacts`, contact(userId));
    await refusesAlike(add, a.careCoordinator.userId, {
      field: ['followUpOwnerUserId', 'contact_follow_up_owner_not_allowed'],
    });
    await refuses(add(b.ib.userId), {
      field: ['followUpOwnerUserId', 'contact_follow_up_owner_not_allowed'],
    });
  });

  it('P6, finding 4: teacher support is recorded at a location of the own partnership', async () => {
    await refusesAlike(
      (locationId) =>
        b.vsoTeacher.client.post('/api/expertise-point/teacher-support', {
          kind: 'tip',
          locationId,
          occurredOn: today,
          topic: 'Rust in de klas',
          teacherName: 'Sectie wiskunde',
          description: 'Vaste plek en een koptelefoon bij zelfstandig werken.',
        }),
      a.locationIds.b,
      { field: ['locationId', 'unknown_reference'] },
    );
  });
});

describe('ids in query strings only filter (issue 13 finding 4)', () => {
  it('P6: a filter on another partnership’s id answers like one on a made-up id, never 5xx and never with its data', async () => {
    const foreignIds = [
      ...Object.values(a.locationIds),
      a.ib.userId,
      a.contact.userId,
      a.mentor.userId,
      a.tagId,
      a.boardId,
      a.meetingId,
      a.trajectoryId,
      a.request.id,
    ];
    const filters: Array<[TestClient, (id: string) => string, string]> = [
      [
        b.coordinator.client,
        (id) => `/api/time-entries?from=${today}&to=${today}&userId=${id}`,
        a.contact.userId,
      ],
      [
        b.coordinator.client,
        (id) => `/api/time-entries?from=${today}&to=${today}&locationId=${id}`,
        a.locationIds.a,
      ],
      [b.coordinator.client, (id) => `/api/meetings?locationId=${id}`, a.locationIds.a],
      [b.coordinator.client, (id) => `/api/requests?locationId=${id}`, a.locationIds.a],
      [b.coordinator.client, (id) => `/api/requests?assignedUserId=${id}`, a.contact.userId],
      [b.coordinator.client, (id) => `/api/team?tagId=${id}`, a.tagId],
      [b.coordinator.client, (id) => `/api/locations?boardId=${id}`, a.boardId],
      [b.careCoordinator.client, (id) => `/api/trajectories?locationId=${id}`, a.locationIds.b],
      [b.mentor.client, (id) => `/api/signal-mentors?locationId=${id}`, a.locationIds.b],
      [b.vsoTeacher.client, (id) => `/api/expertise-point/today?locationId=${id}`, a.locationIds.b],
      [b.vsoTeacher.client, (id) => `/api/expertise-point/week?locationId=${id}`, a.locationIds.b],
      [b.vsoTeacher.client, (id) => `/api/expertise-point/teacher-support?locationId=${id}`, a.locationIds.b],
      [
        b.vsoTeacher.client,
        (id) => `/api/expertise-point/signals-per-month?locationId=${id}`,
        a.locationIds.b,
      ],
      [b.vsoTeacher.client, (id) => `/api/expertise-point/overview?locationId=${id}`, a.locationIds.b],
    ];
    const answers: string[] = [];
    for (const [client, url, foreignId] of filters) {
      const foreign = await client.get(url(foreignId));
      const madeUp = await client.get(url(crypto.randomUUID()));
      answers.push(`${url('…')} ${foreign.statusCode} ${madeUp.statusCode}`);
      expect(foreign.statusCode, foreign.body).toBeLessThan(500);
      expect(foreign.statusCode).toBe(madeUp.statusCode);
      for (const id of foreignIds) expect(foreign.body).not.toContain(id);
    }
    expect(answers.length).toBe(filters.length);
  });
});
