import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../contracts/requests.ts';
import type {
  PupilSearchResult,
  SubjectRequestDetail,
  SubjectRequestPage,
} from '../../../contracts/subject-access.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import {
  createRequestsWorld,
  fileRequest,
  pupilRequestForm,
  type RequestsWorld,
} from '../../test/support/requests.test-support.ts';
import {
  consentRecords,
  requestAttachments,
  requestMessages,
  requestPeople,
  supportRequests,
} from '../requests/requests.schema.ts';
import { legalHolds } from '../retention/retention.schema.ts';
import {
  attendanceVisits,
  oppVersions,
  trajectories,
  trajectoryContacts,
  zatReferrals,
} from '../trajectories/trajectories.schema.ts';

let harness: Harness;
let world: RequestsWorld;
let officer: { userId: string; client: TestClient };

const daan = { pupilName: 'Daan de Vries', birthDate: '2015-04-12' };
// The same name, another birth date: another pupil.
const otherDaan = { pupilName: 'Daan de Vries', birthDate: '2016-09-30' };

beforeAll(async () => {
  harness = await createHarness();
  world = await createRequestsWorld(harness);
  const created = await harness.createUser(world.tenantId, [{ role: 'privacy_officer' }]);
  officer = { userId: created.userId, client: await harness.signedIn(created) };
});
afterAll(() => harness.close());

/** A submitted request about a pupil at a school, as the IB of school a files it. */
async function requestAbout(
  pupil: { pupilName: string; birthDate: string },
  client = world.ib.client,
  locationId = world.locationIds.a,
): Promise<RequestDetail> {
  const form = pupilRequestForm(locationId, { pupilBirthDate: pupil.birthDate });
  return fileRequest(client, { ...form, pupil: { ...form.pupil, name: pupil.pupilName } });
}

/** A trajectory about a pupil, with the given status, straight into the database. */
async function trajectoryAbout(
  pupil: { pupilName: string; birthDate: string },
  status: 'active' | 'ended',
  locationId = world.locationIds.a,
): Promise<string> {
  const [firstName, ...rest] = pupil.pupilName.split(' ');
  return harness.database.withTenant(world.tenantId, async ({ db }) => {
    const [row] = await db
      .insert(trajectories)
      .values({
        tenantId: world.tenantId,
        locationId,
        status,
        pupilFirstName: firstName ?? '',
        pupilLastName: rest.join(' '),
        pupilBirthDate: pupil.birthDate,
        pupilClass: '1B',
        mentorUserId: world.director.userId,
        signalSource: 'teacher',
        signalObserved: `Signaal over ${pupil.birthDate}`,
        signalDiscussWith: 'mentor',
        signalledByUserId: world.director.userId,
        eligibilityDecidedOn: '2026-09-15',
        endedOn: status === 'ended' ? '2026-10-30' : null,
        endReason: status === 'ended' ? 'goals_reached' : null,
      })
      .returning({ id: trajectories.id });
    if (!row) throw new Error('no trajectory');
    return row.id;
  });
}

/** Closes a request straight in the database (the workflow is tested elsewhere). */
async function closeRequest(requestId: string) {
  await harness.database.withTenant(world.tenantId, ({ db }) =>
    db
      .update(supportRequests)
      .set({ status: 'closed', closedAt: new Date(), outcome: 'Advies gegeven' })
      .where(sql`${supportRequests.id} = ${requestId}`),
  );
}

async function register(
  body: Record<string, unknown>,
): Promise<{ statusCode: number; body: string; json(): unknown }> {
  return officer.client.post('/api/subject-requests', {
    kind: 'access',
    requesterName: 'Sanne de Vries',
    requesterRelation: 'parent',
    requesterContact: 'sanne@thuis.test',
    reason: 'Moeder vraagt per brief om alle gegevens van haar zoon.',
    receivedOn: harness.clock.today(),
    ...body,
  });
}

async function countAsOwner(table: string, where = sql`true`): Promise<number> {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${world.tenantId} and ${where}`,
  );
  return Number(row?.n ?? 0);
}

describe('subject access: one export of everything held about a pupil (P5)', () => {
  let request: RequestDetail;
  let trajectoryId: string;
  let otherRequest: RequestDetail;

  beforeAll(async () => {
    request = await requestAbout(daan);
    otherRequest = await requestAbout(otherDaan);
    await harness.database.withTenant(world.tenantId, async ({ db }) => {
      const [parent] = await db
        .select({ id: requestPeople.id })
        .from(requestPeople)
        .where(sql`${requestPeople.requestId} = ${request.id} and ${requestPeople.kind} = 'parent'`);
      const [form] = await db
        .insert(requestAttachments)
        .values({
          tenantId: world.tenantId,
          requestId: request.id,
          kind: 'consent_form',
          fileName: 'toestemming getekend.pdf',
          mediaType: 'application/pdf',
          size: 12,
          content: Buffer.from('%PDF-1.4 daan'),
          uploadedByUserId: world.ib.userId,
        })
        .returning({ id: requestAttachments.id });
      await db.insert(consentRecords).values({
        tenantId: world.tenantId,
        requestId: request.id,
        personId: parent?.id ?? '',
        decision: 'given',
        method: 'paper',
        decidedOn: '2026-11-02',
        recordedByUserId: world.ib.userId,
        signedBy: 'Sanne de Vries',
        attachmentId: form?.id ?? null,
      });
      const [message] = await db
        .insert(requestMessages)
        .values({
          tenantId: world.tenantId,
          requestId: request.id,
          kind: 'message',
          body: 'Daan plant zijn werk nu met een weektaak.',
          authorUserId: world.ib.userId,
        })
        .returning({ id: requestMessages.id });
      await db.insert(requestAttachments).values({
        tenantId: world.tenantId,
        requestId: request.id,
        messageId: message?.id ?? null,
        kind: 'attachment',
        fileName: 'observatie.txt',
        mediaType: 'text/plain',
        size: 17,
        content: Buffer.from('observatie daan 1'),
        uploadedByUserId: world.ib.userId,
      });
      await db.insert(requestAttachments).values({
        tenantId: world.tenantId,
        requestId: otherRequest.id,
        kind: 'attachment',
        fileName: 'andere-leerling.txt',
        mediaType: 'text/plain',
        size: 15,
        content: Buffer.from('andere leerling'),
        uploadedByUserId: world.ib.userId,
      });
    });
    trajectoryId = await trajectoryAbout(daan, 'active');
    const otherTrajectoryId = await trajectoryAbout(otherDaan, 'active');
    await harness.database.withTenant(world.tenantId, async ({ db }) => {
      for (const [id, text] of [
        [trajectoryId, 'Daan'],
        [otherTrajectoryId, 'Ander'],
      ] as const) {
        await db.insert(oppVersions).values({
          tenantId: world.tenantId,
          trajectoryId: id,
          version: 1,
          hinderingFactors: `Belemmerend voor ${text}`,
          createdByUserId: world.director.userId,
        });
        await db.insert(attendanceVisits).values({
          tenantId: world.tenantId,
          trajectoryId: id,
          locationId: world.locationIds.a,
          reason: 'planned',
          checkedInAt: new Date('2026-11-03T08:30:00Z'),
          checkedInByUserId: world.director.userId,
          note: `Bezoek van ${text}`,
        });
        await db.insert(trajectoryContacts).values({
          tenantId: world.tenantId,
          trajectoryId: id,
          contactOn: '2026-11-04',
          party: 'parents',
          channel: 'phone',
          summary: `Gebeld over ${text}`,
          createdByUserId: world.director.userId,
        });
        await db.insert(zatReferrals).values({
          tenantId: world.tenantId,
          trajectoryId: id,
          referredOn: '2026-11-05',
          agencyKind: 'youth_care',
          reason: `Verwezen: ${text}`,
          createdByUserId: world.director.userId,
        });
      }
    });
    // A read to report: the director opens Daan's request.
    expect((await world.director.client.get(`/api/requests/${request.id}`)).statusCode).toBe(200);
  });

  it('P5: finds the pupil across requests and trajectories, by name and birth date, without content', async () => {
    const response = await officer.client.post('/api/subject-requests/pupil-search', {
      pupilName: '  daan DE vries ',
      birthDate: daan.birthDate,
    });
    expect(response.statusCode).toBe(200);
    const result = response.json() as PupilSearchResult;
    expect(result.matches).toEqual([
      { location: { id: world.locationIds.a, name: 'School a' }, requests: 1, trajectories: 1 },
    ]);
  });

  it('P5: an export contains every kind of record of one pupil and nothing of another', async () => {
    const created = await register({ ...daan });
    expect(created.statusCode).toBe(201);
    const entry = created.json() as SubjectRequestDetail;
    expect(entry.status).toBe('received');
    expect(entry.location?.id).toBe(world.locationIds.a);

    const response = await officer.client.get(`/api/subject-requests/${entry.id}/export.zip`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/zip');
    expect(String(response.headers['content-disposition'])).not.toContain('Daan');
    const zip = unzipSync(new Uint8Array(response.rawPayload));
    const names = Object.keys(zip).sort();
    expect(names).toContain('inzage.pdf');
    expect(names).toContain('gegevens.json');
    expect(strFromU8((zip['inzage.pdf'] as Uint8Array).slice(0, 4))).toBe('%PDF');

    const files = names.filter((name) => name.startsWith('bestanden/'));
    expect(files).toHaveLength(2);
    const contents = files.map((name) => strFromU8(zip[name] as Uint8Array)).sort();
    expect(contents).toEqual(['%PDF-1.4 daan', 'observatie daan 1']);

    const json = strFromU8(zip['gegevens.json'] as Uint8Array);
    const data = JSON.parse(json);
    expect(data.pupil).toMatchObject({ name: daan.pupilName, birthDate: daan.birthDate, school: 'School a' });
    expect(data.supportRequests).toHaveLength(1);
    const [file] = data.supportRequests;
    expect(file.request.reference).toBe(request.reference);
    expect(file.request.question).toContain('plannen');
    expect(file.people.map((person: { kind: string }) => person.kind).sort()).toEqual(['parent', 'pupil']);
    expect(file.consentRecords).toHaveLength(1);
    expect(file.consentRecords[0]).toMatchObject({
      decision: 'given',
      method: 'paper',
      decidedOn: '2026-11-02',
    });
    expect(file.consentRecords[0].recordedByUserId).toBe(world.ib.userId);
    expect(file.messages.map((message: { body: string }) => message.body)).toContain(
      'Daan plant zijn werk nu met een weektaak.',
    );
    expect(file.files.map((attachment: { kind: string }) => attachment.kind).sort()).toEqual([
      'attachment',
      'consent_form',
    ]);
    expect(file.timeline.length).toBeGreaterThan(0);
    expect(file.readers).toContainEqual({ on: harness.clock.today(), kind: 'director' });

    expect(data.trajectories).toHaveLength(1);
    const [trajectory] = data.trajectories;
    expect(trajectory.trajectory.id).toBe(trajectoryId);
    expect(trajectory.oppVersions[0].hinderingFactors).toBe('Belemmerend voor Daan');
    expect(trajectory.attendanceVisits[0].note).toBe('Bezoek van Daan');
    expect(trajectory.contacts[0].summary).toBe('Gebeld over Daan');
    expect(trajectory.referrals[0].reason).toBe('Verwezen: Daan');
    expect(data.staff.map((person: { id: string }) => person.id)).toContain(world.ib.userId);

    // Nothing of the other pupil of the same name, and no link hashes or partnership ids.
    for (const foreign of [
      otherRequest.id,
      otherRequest.reference,
      'Ander',
      'andere-leerling',
      otherDaan.birthDate,
    ])
      expect(json).not.toContain(foreign);
    expect(json).not.toContain('tokenHash');
    expect(json).not.toContain(world.tenantId);
  });

  it('P5, P2: every download of the export is audited again, with counts and no names', async () => {
    const created = (await register({ ...daan })).json() as SubjectRequestDetail;
    for (let download = 0; download < 2; download++)
      expect((await officer.client.get(`/api/subject-requests/${created.id}/export.zip`)).statusCode).toBe(
        200,
      );
    const events = await harness.database.queryAsOwner<{ details: unknown }>(
      sql`select details from audit_events where event = 'subject_requests.exported' and object_id = ${created.id}`,
    );
    expect(events).toHaveLength(2);
    expect(events[0]?.details).toMatchObject({ requests: 1, trajectories: 1, files: 2 });
    const registered = await harness.database.queryAsOwner<{ details: unknown }>(
      sql`select details from audit_events where event like 'subject_requests.%' and tenant_id = ${world.tenantId}`,
    );
    const logged = JSON.stringify(registered);
    for (const personal of ['Daan', 'Sanne', 'sanne@thuis.test', daan.birthDate])
      expect(logged).not.toContain(personal);
  });

  it('exports only for an access request', async () => {
    const created = (await register({ ...daan, kind: 'objection' })).json() as SubjectRequestDetail;
    expect((await officer.client.get(`/api/subject-requests/${created.id}/export.zip`)).statusCode).toBe(409);
  });

  it('lists the register paginated, filtered by status, kind and overdue, the overdue ones marked', async () => {
    const late = (
      await register({ ...daan, kind: 'correction', receivedOn: '2026-01-31' })
    ).json() as SubjectRequestDetail;
    expect(late.deadlineOn).toBe('2026-02-28');
    expect(late.isOverdue).toBe(true);
    const overdue = (
      await officer.client.get('/api/subject-requests?overdue=true')
    ).json() as SubjectRequestPage;
    expect(overdue.items.map((item) => item.id)).toContain(late.id);
    expect(overdue.items.every((item) => item.isOverdue)).toBe(true);
    const corrections = (
      await officer.client.get('/api/subject-requests?kind=correction&status=received')
    ).json() as SubjectRequestPage;
    expect(corrections.items.map((item) => item.id)).toEqual([late.id]);
    const page = (
      await officer.client.get('/api/subject-requests?pageSize=1&page=2')
    ).json() as SubjectRequestPage;
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);

    const done = await officer.client.post(`/api/subject-requests/${late.id}/decision`, {
      status: 'done',
      decision: 'De klas is verbeterd in het dossier door de IB.',
    });
    expect(done.statusCode).toBe(200);
    expect((done.json() as SubjectRequestDetail).handledBy?.id).toBe(officer.userId);
    const after = (
      await officer.client.get('/api/subject-requests?overdue=true')
    ).json() as SubjectRequestPage;
    expect(after.items.map((item) => item.id)).not.toContain(late.id);
    // A decided request stays decided.
    const again = await officer.client.post(`/api/subject-requests/${late.id}/decision`, {
      status: 'in_progress',
    });
    expect(again.statusCode).toBe(409);
  });

  it('is for the privacy officer and the staff office only', async () => {
    for (const client of [world.ib.client, world.admin.client, world.contact.client])
      expect((await client.get('/api/subject-requests')).statusCode).toBe(403);
    expect((await world.coordinator.client.get('/api/subject-requests')).statusCode).toBe(200);
  });
});

describe('subject access: bad input changes nothing (P5)', () => {
  it('P5: an unknown pupil is refused on its field, and nothing is stored', async () => {
    const before = await countAsOwner('subject_requests');
    const response = await register({ pupilName: 'Niemand Bestaat', birthDate: '2014-01-01' });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error.fields).toEqual([
      expect.objectContaining({ path: 'pupilName', code: 'pupil_not_found' }),
    ]);
    expect(await countAsOwner('subject_requests')).toBe(before);
  });

  it('P5: a pupil at more than one school is refused until the school is chosen', async () => {
    const lotte = { pupilName: 'Lotte Bakker', birthDate: '2015-06-01' };
    await requestAbout(lotte);
    await requestAbout(lotte, world.otherIb.client, world.locationIds.c);
    const before = await countAsOwner('subject_requests');
    const ambiguous = await register(lotte);
    expect(ambiguous.statusCode).toBe(400);
    expect(JSON.parse(ambiguous.body).error.fields).toEqual([
      expect.objectContaining({ path: 'locationId', code: 'pupil_ambiguous' }),
    ]);
    expect(await countAsOwner('subject_requests')).toBe(before);
    const search = (
      await officer.client.post('/api/subject-requests/pupil-search', lotte)
    ).json() as PupilSearchResult;
    expect(search.matches).toHaveLength(2);
    const chosen = await register({ ...lotte, locationId: world.locationIds.c });
    expect(chosen.statusCode).toBe(201);
  });

  it('refuses bad fields with field-level messages: a school of another partnership, a future date, no reason', async () => {
    const other = await harness.createTenant(['x']);
    const before = await countAsOwner('subject_requests');
    for (const [body, field] of [
      [{ ...daan, locationId: other.locationIds.x }, 'locationId'],
      [{ ...daan, receivedOn: '2099-01-01' }, 'receivedOn'],
      [{ ...daan, reason: '' }, 'reason'],
      [{ ...daan, birthDate: '12-04-2015' }, 'birthDate'],
      [{ ...daan, kind: 'everything' }, 'kind'],
    ] as const) {
      const response = await register(body);
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body).error.fields.map((item: { path: string }) => item.path)).toContain(
        field,
      );
    }
    expect(await countAsOwner('subject_requests')).toBe(before);
  });
});

describe('subject access: deletion on request (P4, P5)', () => {
  async function deletionRequest(pupil: { pupilName: string; birthDate: string }) {
    const response = await register({ ...pupil, kind: 'deletion' });
    expect(response.statusCode).toBe(201);
    return response.json() as SubjectRequestDetail;
  }
  const erase = (id: string) =>
    officer.client.post(`/api/subject-requests/${id}/deletion`, {
      confirm: true,
      decision: 'Alle dossiers verwijderd op verzoek van de ouder.',
    });

  it('P4: a deletion is refused while a support request is open, and nothing is changed', async () => {
    const pupil = { pupilName: 'Mila Jansen', birthDate: '2015-02-02' };
    const open = await requestAbout(pupil);
    const entry = await deletionRequest(pupil);
    expect(entry.deletionCheck).toEqual({ requests: 1, trajectories: 0, blockers: ['open_request'] });
    const response = await erase(entry.id);
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body).error.code).toBe('subject_deletion_must_keep');
    expect(await countAsOwner('support_requests', sql`id = ${open.id}`)).toBe(1);
    const after = (
      await officer.client.get(`/api/subject-requests/${entry.id}`)
    ).json() as SubjectRequestDetail;
    expect(after.status).toBe('received');

    const refused = await officer.client.post(`/api/subject-requests/${entry.id}/decision`, {
      status: 'refused',
      refusalGround: 'open_request',
      decision: 'De hulpvraag loopt nog; de gegevens zijn nodig voor de begeleiding.',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', refusalGround: 'open_request' });
  });

  it('P4: a deletion is refused under a legal hold, and nothing is changed', async () => {
    const pupil = { pupilName: 'Noor Visser', birthDate: '2014-03-03' };
    const closed = await requestAbout(pupil);
    await closeRequest(closed.id);
    const trajectoryId = await trajectoryAbout(pupil, 'ended');
    await harness.database.withTenant(world.tenantId, ({ db }) =>
      db.insert(legalHolds).values({
        tenantId: world.tenantId,
        pupilName: pupil.pupilName,
        nameKey: 'noor visser',
        birthDate: pupil.birthDate,
        reason: 'Klachtprocedure loopt',
        placedByUserId: officer.userId,
      }),
    );
    const entry = await deletionRequest(pupil);
    expect(entry.deletionCheck?.blockers).toEqual(['legal_hold']);
    const logBefore = await countAsOwner('deletion_log');
    expect((await erase(entry.id)).statusCode).toBe(409);
    expect(await countAsOwner('support_requests', sql`id = ${closed.id}`)).toBe(1);
    expect(await countAsOwner('trajectories', sql`id = ${trajectoryId}`)).toBe(1);
    expect(await countAsOwner('deletion_log')).toBe(logBefore);
  });

  it('P4: a granted deletion removes the files in one go and keeps the anonymous figures', async () => {
    const pupil = { pupilName: 'Sem de Boer', birthDate: '2014-05-05' };
    const closed = await requestAbout(pupil);
    await closeRequest(closed.id);
    const trajectoryId = await trajectoryAbout(pupil, 'ended');
    const entry = await deletionRequest(pupil);
    expect(entry.deletionCheck).toEqual({ requests: 1, trajectories: 1, blockers: [] });
    // A decision alone does not delete.
    const byDecision = await officer.client.post(`/api/subject-requests/${entry.id}/decision`, {
      status: 'done',
      decision: 'Verwijderd',
    });
    expect(byDecision.statusCode).toBe(400);

    const requestFigures = await countAsOwner('request_figures');
    const response = await erase(entry.id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'done', deleted: { requests: 1, trajectories: 1 } });
    expect(await countAsOwner('support_requests', sql`id = ${closed.id}`)).toBe(0);
    expect(await countAsOwner('request_people', sql`request_id = ${closed.id}`)).toBe(0);
    expect(await countAsOwner('trajectories', sql`id = ${trajectoryId}`)).toBe(0);
    expect(await countAsOwner('request_figures')).toBeGreaterThanOrEqual(Math.max(requestFigures, 1));
    expect(await countAsOwner('trajectory_figures')).toBeGreaterThanOrEqual(1);
    expect(
      await countAsOwner('deletion_log', sql`kind in ('request_file', 'trajectory')`),
    ).toBeGreaterThanOrEqual(2);
    // The register keeps the request and what was done; a second deletion is refused.
    expect((await erase(entry.id)).statusCode).toBe(409);
    const [deleted] = await harness.database.queryAsOwner<{ details: unknown }>(
      sql`select details from audit_events where event = 'subject_requests.deleted' and object_id = ${entry.id}`,
    );
    expect(deleted?.details).toEqual({ requests: 1, trajectories: 1 });
  });
});
