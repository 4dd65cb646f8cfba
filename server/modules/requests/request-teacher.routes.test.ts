import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { MyWork } from '../../../contracts/my-work.ts';
import type { RequestPage, TeacherOptionPage } from '../../../contracts/requests.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import {
  createRequestsWorld,
  detailOf,
  fileRequest,
  pupilRequestForm,
  type RequestsWorld,
} from '../../test/support/requests.test-support.ts';

// Y3: the teacher on a support request is a user of the school, picked, not typed; they read that
// request (form, status, thread) and write in its thread, and nothing else of the requests.

let harness: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let world: RequestsWorld;
type Teacher = { userId: string; name: string; client: TestClient };
let yara: Teacher;
let ruben: Teacher;
let atOtherSchool: Teacher;
let secondary: Teacher;

const fieldCodes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);

async function teacherAt(locationId: string, name: string): Promise<Teacher> {
  const created = await harness.createUser(world.tenantId, [{ role: 'teacher', locationId }]);
  await harness.database.withTenant(world.tenantId, ({ db }) =>
    db.update(users).set({ name }).where(eq(users.id, created.userId)),
  );
  return { userId: created.userId, name, client: await harness.signedIn(created) };
}

/** A classroom coaching request of school a with the teacher picked, filed by the IB. */
function coachingForm(teacherUserId: string | null) {
  return {
    locationId: world.locationIds.a,
    idempotencyKey: crypto.randomUUID(),
    type: 'teacher_coaching_classroom',
    question: 'Een startende leerkracht zoekt houvast bij klassenmanagement.',
    triedInBasicSupport: 'Collegiale consultatie.',
    hopedOutcome: 'Coaching met video-opnames in de klas.',
    teacherUserId,
    asksDirectPupilSupport: false,
    expertiseTagIds: [],
  };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await createHarness({ smtpUrl: smtp.url });
  world = await createRequestsWorld(harness);
  yara = await teacherAt(world.locationIds.a, 'Yara Bakker');
  ruben = await teacherAt(world.locationIds.a, 'Ruben Visser');
  atOtherSchool = await teacherAt(world.locationIds.c, 'Anouk de Wit');
  secondary = await teacherAt(world.locationIds.b, 'Daan Kok');
});
afterAll(async () => {
  await harness.close();
  await smtp.close();
});

describe('picking the teacher (Y3)', () => {
  it("Y3: the picker lists only the school's teachers, filtered and paged, for whoever files requests there", async () => {
    const all = await world.ib.client.get(`/api/requests/teacher-options?locationId=${world.locationIds.a}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json() as TeacherOptionPage).toMatchObject({
      total: 2,
      items: [
        { id: ruben.userId, name: 'Ruben Visser' },
        { id: yara.userId, name: 'Yara Bakker' },
      ],
    });
    const filtered = await world.ib.client.get(
      `/api/requests/teacher-options?locationId=${world.locationIds.a}&q=yar`,
    );
    expect((filtered.json() as TeacherOptionPage).items.map((item) => item.id)).toEqual([yara.userId]);
    const paged = await world.ib.client.get(
      `/api/requests/teacher-options?locationId=${world.locationIds.a}&pageSize=1&page=2`,
    );
    expect(paged.json() as TeacherOptionPage).toMatchObject({ total: 2, items: [{ id: yara.userId }] });
    // Another school's teachers are not the IB's to list; a teacher does not pick teachers.
    const elsewhere = await world.ib.client.get(
      `/api/requests/teacher-options?locationId=${world.locationIds.c}`,
    );
    expect(elsewhere.statusCode).toBe(400);
    expect(fieldCodes(elsewhere)).toEqual([['locationId', 'no_location']]);
    const byTeacher = await yara.client.get(
      `/api/requests/teacher-options?locationId=${world.locationIds.a}`,
    );
    expect(byTeacher.statusCode).toBe(403);
  });

  it("Y3: an id that is not a teacher of the request's school is refused on its field before anything is stored", async () => {
    for (const id of [atOtherSchool.userId, world.ib.userId, secondary.userId, crypto.randomUUID()]) {
      const response = await world.ib.client.post('/api/requests', coachingForm(id));
      expect(response.statusCode, response.body).toBe(400);
      expect(fieldCodes(response)).toEqual([['teacherUserId', 'not_a_teacher_here']]);
    }
    // Submitting a coaching request needs the teacher.
    const missing = await world.ib.client.post('/api/requests', { ...coachingForm(null), submit: true });
    expect(missing.statusCode).toBe(400);
    expect(fieldCodes(missing)).toEqual([['teacherUserId', 'required']]);
  });
});

describe('the teacher on the request (Y3)', () => {
  it('Y3: the teacher sees their request, its status and thread, writes in it, and sees no other request', async () => {
    const request = await fileRequest(world.ib.client, coachingForm(yara.userId));
    expect(request.teacher).toEqual({ id: yara.userId, name: 'Yara Bakker' });
    expect(request.status).toBe('assigned');
    const other = await fileRequest(world.ib.client, coachingForm(ruben.userId));
    const team = await world.contact.client.upload(`/api/requests/${request.id}/messages`, {
      kind: 'message',
      body: 'Ik kom dinsdag kennismaken.',
    });
    expect(team.statusCode, team.body).toBe(200);

    const seen = await yara.client.get(`/api/requests/${request.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(detailOf(seen)).toMatchObject({
      status: 'assigned',
      question: 'Een startende leerkracht zoekt houvast bij klassenmanagement.',
      teacher: { id: yara.userId },
      messages: [{ body: 'Ik kom dinsdag kennismaken.', authorSide: 'team' }],
      commands: ['post_message'],
    });
    const list = await yara.client.get('/api/requests');
    expect((list.json() as RequestPage).items.map((item) => item.id)).toEqual([request.id]);
    expect((await yara.client.get(`/api/requests/${other.id}`)).statusCode).toBe(404);

    const written = await yara.client.upload(`/api/requests/${request.id}/messages`, {
      kind: 'message',
      body: 'Dinsdag om 15.00 uur past mij.',
    });
    expect(written.statusCode, written.body).toBe(200);
    expect(detailOf(written).messages.at(-1)).toMatchObject({
      authorName: 'Yara Bakker',
      authorSide: 'school',
    });
    // No team notes, no files in the case file.
    const note = await yara.client.upload(`/api/requests/${request.id}/messages`, {
      kind: 'note',
      body: 'x',
    });
    expect(note.statusCode).toBe(409);
    const file = await yara.client.upload(
      `/api/requests/${request.id}/attachments`,
      {},
      { fileName: 'verslag.pdf', content: '%PDF-1.4\n%%EOF\n' },
    );
    expect(file.statusCode).toBe(403);

    const work = await yara.client.get('/api/my-work');
    expect((work.json() as MyWork).items).toEqual([
      { kind: 'requests_as_teacher', count: 1, to: '/hulpvragen', severity: 'info' },
    ]);
  });

  it("Y3: on a pupil's request the teacher sees the pupil, the form and the thread, not the parents, the consent or the files", async () => {
    const form = {
      ...pupilRequestForm(world.locationIds.a),
      type: 'teacher_coaching_pupil',
      teacherUserId: ruben.userId,
    };
    const request = await fileRequest(world.ib.client, form);
    const attached = await world.ib.client.upload(
      `/api/requests/${request.id}/attachments`,
      {},
      { fileName: 'observatie.pdf', content: '%PDF-1.4\n%%EOF\n' },
    );
    expect(attached.statusCode, attached.body).toBe(200);
    const attachmentId = detailOf(attached).attachments[0]?.id;
    const seen = detailOf(await ruben.client.get(`/api/requests/${request.id}`));
    expect(seen.pupil?.name).toBe('Daan de Vries');
    expect(seen.question).not.toBeNull();
    expect(seen.parents).toEqual([]);
    expect(seen.consent.people).toEqual([]);
    expect(seen.consent.records).toEqual([]);
    expect(seen.attachments).toEqual([]);
    expect(seen.consent.status).toBe('pending');
    const download = await ruben.client.get(`/api/requests/${request.id}/attachments/${attachmentId}`);
    expect(download.statusCode).toBe(404);
    // The school itself still sees all of it.
    const school = detailOf(await world.ib.client.get(`/api/requests/${request.id}`));
    expect(school.parents.length).toBeGreaterThan(0);
    expect(school.attachments.length).toBe(1);
  });

  it('Y3: a replaced teacher loses the request from then on; their messages keep their name', async () => {
    const request = await fileRequest(world.ib.client, coachingForm(yara.userId));
    await yara.client.upload(`/api/requests/${request.id}/messages`, { kind: 'message', body: 'Graag!' });
    const refused = await world.ib.client.put(`/api/requests/${request.id}/teacher`, {
      teacherUserId: atOtherSchool.userId,
    });
    expect(refused.statusCode).toBe(400);
    expect(fieldCodes(refused)).toEqual([['teacherUserId', 'not_a_teacher_here']]);
    // Only the school changes the teacher.
    const byTeam = await world.contact.client.put(`/api/requests/${request.id}/teacher`, {
      teacherUserId: ruben.userId,
    });
    expect(byTeam.statusCode).toBe(403);

    const changed = await world.ib.client.put(`/api/requests/${request.id}/teacher`, {
      teacherUserId: ruben.userId,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(detailOf(changed).teacher).toEqual({ id: ruben.userId, name: 'Ruben Visser' });
    expect((await yara.client.get(`/api/requests/${request.id}`)).statusCode).toBe(404);
    const yaraList = (await yara.client.get('/api/requests')).json() as RequestPage;
    expect(yaraList.items.map((item) => item.id)).not.toContain(request.id);
    const rubenView = await ruben.client.get(`/api/requests/${request.id}`);
    expect(rubenView.statusCode).toBe(200);
    expect(detailOf(rubenView).messages).toEqual([
      expect.objectContaining({ body: 'Graag!', authorName: 'Yara Bakker' }),
    ]);
    const [audit] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from audit_events where event = 'requests.teacher_changed' and object_id = ${request.id}`,
    );
    expect(Number(audit?.n)).toBe(1);
  });

  it('Y3: a teacher who no longer teaches at the school loses the request, and a secondary teacher sees none', async () => {
    const leaver = await teacherAt(world.locationIds.a, 'Kees Jansen');
    const request = await fileRequest(world.ib.client, coachingForm(leaver.userId));
    expect((await leaver.client.get(`/api/requests/${request.id}`)).statusCode).toBe(200);
    // They move to school c: still a teacher, no longer at the request's school.
    await harness.database.queryAsOwner(
      sql`update role_assignments set location_id = ${world.locationIds.c}::uuid where user_id = ${leaver.userId}::uuid`,
    );
    expect((await leaver.client.get(`/api/requests/${request.id}`)).statusCode).toBe(404);
    const none = await secondary.client.get('/api/requests');
    expect(none.statusCode).toBe(200);
    expect((none.json() as RequestPage).total).toBe(0);
  });
});

describe('the signal form is for secondary schools (Y3, E9)', () => {
  it('Y3: a primary teacher works in primary education only and cannot post a signal (422)', async () => {
    const session = await yara.client.get('/api/session');
    expect((session.json() as { reach: { sectors: string[] } }).reach.sectors).toEqual(['primary']);
    const posted = await yara.client.post('/api/trajectories', {
      locationId: world.locationIds.a,
      pupilFirstName: 'Noah',
      pupilLastName: 'de Graaf',
      pupilClass: 'groep 6',
      mentorUserId: world.ib.userId,
      source: 'teacher',
      observed: 'Trekt zich terug in de groep.',
      discussWith: 'mentor',
    });
    expect(posted.statusCode).toBe(422);
    expect((posted.json() as ErrorResponse).error.code).toBe('not_secondary');
    // A secondary teacher's work lies in secondary education, where the signal form is offered.
    const other = await secondary.client.get('/api/session');
    expect((other.json() as { reach: { sectors: string[] } }).reach.sectors).toEqual(['secondary']);
  });
});
