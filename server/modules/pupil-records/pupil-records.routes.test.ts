import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type {
  Contact,
  ContactPage,
  ExpertisePointOverview,
  Referral,
  ReferralPage,
  SignalsPerMonth,
  TeacherSupportPage,
} from '../../../contracts/pupil-records.ts';
import { addDays, schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';
import {
  attendanceVisits,
  oppEvaluations,
  oppVersions,
  trajectories,
  trajectoryContacts,
} from '../trajectories/trajectories.schema.ts';

let harness: Harness;
let world: TrajectoryWorld;
let noah: string;
const today = todayInAmsterdam();
const year = schoolYearOf(today);

const codes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);
const errorCode = (response: { body: string }) => (JSON.parse(response.body) as ErrorResponse).error.code;
const audited = async (event: string, id: string) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from audit_events where event = ${event} and object_id = ${id}`,
  );
  return Number(row?.n);
};
const contact = (changes: Record<string, unknown> = {}) => ({
  contactOn: today,
  party: 'parents',
  partyName: 'moeder',
  channel: 'phone',
  summary: 'Moeder vertelt dat Noah thuis veel moeite heeft met plannen.',
  ...changes,
});
const referral = (changes: Record<string, unknown> = {}) => ({
  referredOn: today,
  agencyKind: 'youth_care',
  reason: 'Aanhoudende spanning thuis en op school; hulp buiten school nodig.',
  ...changes,
});

beforeAll(async () => {
  harness = await createHarness();
  world = await createTrajectoryWorld(harness);
  noah = await insertTrajectory(harness, world);
});
afterAll(() => harness.close());

describe('contacts (E5)', () => {
  it('E5: the VSO teacher logs a contact with a follow-up for the mentor; the list is newest first and its read audited', async () => {
    const older = await world.vsoTeacher.client.post(
      `/api/trajectories/${noah}/contacts`,
      contact({
        contactOn: addDays(today, -7),
        party: 'teacher',
        partyName: 'docent wiskunde',
        channel: 'email',
      }),
    );
    expect(older.statusCode, older.body).toBe(201);
    const added = await world.vsoTeacher.client.post(
      `/api/trajectories/${noah}/contacts`,
      contact({ followUp: 'Mentor bespreekt planning met Noah', followUpOwnerUserId: world.mentor.userId }),
    );
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      party: 'parents',
      partyName: 'moeder',
      followUp: 'Mentor bespreekt planning met Noah',
      followUpOwner: { id: world.mentor.userId },
      followUpDoneAt: null,
      createdBy: { id: world.vsoTeacher.userId },
    });
    const before = await audited('trajectory_contacts.viewed', noah);
    const list = await world.mentor.client.get(`/api/trajectories/${noah}/contacts`);
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json() as ContactPage;
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.contactOn)).toEqual([today, addDays(today, -7)]);
    // Who may own a follow-up: the location's readers of the file (P1), not the teacher or another location.
    const owners = page.followUpOwners.map((user) => user.id).sort();
    expect(owners).toEqual(
      [world.mentor, world.teamLeader, world.careCoordinator, world.vsoTeacher].map((u) => u.userId).sort(),
    );
    expect(await audited('trajectory_contacts.viewed', noah)).toBe(before + 1);
  });

  it('E5: refuses a contact in the future, a follow-up without owner, or an owner who may not read the file; nothing saved', async () => {
    const post = (changes: Record<string, unknown>) =>
      world.vsoTeacher.client.post(`/api/trajectories/${noah}/contacts`, contact(changes));
    const future = await post({ contactOn: addDays(today, 1) });
    expect(codes(future)).toEqual([['contactOn', 'contact_date_in_future']]);
    // The message comes from this module's own catalogue, in the request's language.
    expect((future.json() as ErrorResponse).error.fields?.[0]?.message).toBe(
      'Een contact kan niet in de toekomst liggen.',
    );
    expect(codes(await post({ followUp: 'Terugbellen' }))).toEqual([
      ['followUpOwnerUserId', 'contact_follow_up_owner_required'],
    ]);
    for (const user of [world.teacher, world.otherCareCoordinator])
      expect(codes(await post({ followUp: 'Terugbellen', followUpOwnerUserId: user.userId }))).toEqual([
        ['followUpOwnerUserId', 'contact_follow_up_owner_not_allowed'],
      ]);
    expect((await post({ summary: '  ' })).statusCode).toBe(400);
    const page = (
      await world.vsoTeacher.client.get(`/api/trajectories/${noah}/contacts`)
    ).json() as ContactPage;
    expect(page.total).toBe(2);
  });

  it('E5: the follow-up is marked done once; a contact without one refuses', async () => {
    const page = (await world.mentor.client.get(`/api/trajectories/${noah}/contacts`)).json() as ContactPage;
    const withFollowUp = page.items.find((item) => item.followUp) as Contact;
    const without = page.items.find((item) => !item.followUp) as Contact;
    const done = await world.mentor.client.post(`/api/trajectory-contacts/${withFollowUp.id}/follow-up-done`);
    expect(done.statusCode, done.body).toBe(200);
    const doneAt = (done.json() as Contact).followUpDoneAt;
    expect(doneAt).not.toBeNull();
    const again = await world.careCoordinator.client.post(
      `/api/trajectory-contacts/${withFollowUp.id}/follow-up-done`,
    );
    expect((again.json() as Contact).followUpDoneAt).toBe(doneAt);
    const refused = await world.mentor.client.post(`/api/trajectory-contacts/${without.id}/follow-up-done`);
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe('transition_not_allowed');
  });

  it('P1: another location, another mentor and a teacher do not reach the contacts', async () => {
    expect((await world.otherVsoTeacher.client.get(`/api/trajectories/${noah}/contacts`)).statusCode).toBe(
      404,
    );
    expect(
      (await world.otherVsoTeacher.client.post(`/api/trajectories/${noah}/contacts`, contact())).statusCode,
    ).toBe(404);
    expect((await world.teacher.client.get(`/api/trajectories/${noah}/contacts`)).statusCode).toBe(403);
    const otherMentor = await harness.createUser(world.tenantId, [
      { role: 'mentor', locationId: world.locationIds.main },
    ]);
    const client = await harness.signedIn(otherMentor);
    expect((await client.get(`/api/trajectories/${noah}/contacts`)).statusCode).toBe(404);
    const page = (await world.mentor.client.get(`/api/trajectories/${noah}/contacts`)).json() as ContactPage;
    const id = page.items[0]?.id ?? '';
    expect((await client.post(`/api/trajectory-contacts/${id}/follow-up-done`)).statusCode).toBe(404);
  });
});

describe('referrals to outside help with the ZAT (E7, P3)', () => {
  it('E7/P3: a referral goes step by step — consent, ZAT talk, outcome — and no outcome before consent is given', async () => {
    const created = await world.careCoordinator.client.post(
      `/api/trajectories/${noah}/referrals`,
      referral(),
    );
    expect(created.statusCode, created.body).toBe(201);
    const made = created.json() as Referral;
    expect(made).toMatchObject({ parentalConsent: 'pending', state: 'awaiting_consent', outcome: null });
    const early = await world.vsoTeacher.client.put(`/api/zat-referrals/${made.id}`, {
      outcome: 'Aangemeld bij het wijkteam',
      outcomeOn: today,
    });
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe('consent_not_given');
    expect(codes(early)).toEqual([['outcome', 'referral_consent_required']]);
    expect(
      codes(await world.vsoTeacher.client.put(`/api/zat-referrals/${made.id}`, { parentalConsent: 'given' })),
    ).toEqual([['consentRecordedOn', 'referral_consent_date_required']]);
    const consent = await world.vsoTeacher.client.put(`/api/zat-referrals/${made.id}`, {
      parentalConsent: 'given',
      consentRecordedOn: today,
    });
    expect(consent.statusCode, consent.body).toBe(200);
    expect(consent.json()).toMatchObject({ state: 'in_progress', consentRecordedOn: today });
    const talk = await world.teamLeader.client.put(`/api/zat-referrals/${made.id}`, {
      zatDiscussedOn: today,
      zatDiscussion: 'ZAT adviseert aanmelding bij het wijkteam; schoolmaatschappelijk werk ondersteunt.',
    });
    expect(talk.statusCode, talk.body).toBe(200);
    const outcome = await world.vsoTeacher.client.put(`/api/zat-referrals/${made.id}`, {
      outcome: 'Intake bij het wijkteam gepland',
      outcomeOn: today,
    });
    expect(outcome.statusCode, outcome.body).toBe(200);
    expect(outcome.json()).toMatchObject({
      state: 'completed',
      zatDiscussedOn: today,
      outcome: 'Intake bij het wijkteam gepland',
    });
    expect(await audited('referrals.changed', made.id)).toBe(4);
  });

  it('P3: a referral recorded with an outcome but without consent is refused and not saved', async () => {
    const refused = await world.careCoordinator.client.post(
      `/api/trajectories/${noah}/referrals`,
      referral({
        outcome: 'Gestart',
        outcomeOn: today,
        parentalConsent: 'refused',
        consentRecordedOn: today,
      }),
    );
    expect(refused.statusCode).toBe(409);
    const post = (changes: Record<string, unknown>) =>
      world.careCoordinator.client.post(`/api/trajectories/${noah}/referrals`, referral(changes));
    expect(codes(await post({ reason: ' ' })).map(([path]) => path)).toEqual(['reason']);
    expect(codes(await post({ referredOn: addDays(today, 1) }))).toEqual([
      ['referredOn', 'referral_date_in_future'],
    ]);
    const page = (
      await world.careCoordinator.client.get(`/api/trajectories/${noah}/referrals`)
    ).json() as ReferralPage;
    expect(page.total).toBe(1);
  });

  it('P1: the mentor does not manage referrals; another location does not see them', async () => {
    expect((await world.mentor.client.get(`/api/trajectories/${noah}/referrals`)).statusCode).toBe(403);
    expect((await world.otherVsoTeacher.client.get(`/api/trajectories/${noah}/referrals`)).statusCode).toBe(
      404,
    );
    const page = (
      await world.vsoTeacher.client.get(`/api/trajectories/${noah}/referrals`)
    ).json() as ReferralPage;
    const id = page.items[0]?.id ?? '';
    expect(
      (await world.otherVsoTeacher.client.put(`/api/zat-referrals/${id}`, { reason: 'Anders' })).statusCode,
    ).toBe(404);
  });
});

describe('support for teachers (E6)', () => {
  const support = (changes: Record<string, unknown>) => ({
    locationId: world.locationIds.main,
    occurredOn: today,
    ...changes,
  });

  it('E6: the VSO teacher records a training, class support and a tip; bad input is refused', async () => {
    const post = (body: Record<string, unknown>) =>
      world.vsoTeacher.client.post('/api/expertise-point/teacher-support', body);
    expect(
      codes(await post(support({ kind: 'training', topic: 'Autisme in de klas', participantCount: 0 }))),
    ).toEqual([['participantCount', 'too_small']]);
    expect(
      codes(
        await post(
          support({
            kind: 'training',
            topic: 'Autisme in de klas',
            occurredOn: addDays(today, 1),
            participantCount: 5,
          }),
        ),
      ),
    ).toEqual([['occurredOn', 'support_date_in_future']]);
    const training = await post(
      support({
        kind: 'training',
        topic: 'Autisme in de klas',
        participantCount: 14,
        occurredOn: addDays(today, -3),
      }),
    );
    expect(training.statusCode, training.body).toBe(201);
    expect(training.json()).toMatchObject({ kind: 'training', participantCount: 14, teacherName: null });
    const classSupport = await post(
      support({
        kind: 'class_support',
        teacherName: 'Mevr. Visser',
        className: '2B',
        description: 'Meegekeken bij de overgang naar groepswerk; vaste rolverdeling afgesproken.',
      }),
    );
    expect(classSupport.statusCode, classSupport.body).toBe(201);
    const tip = await post(
      support({
        kind: 'tip',
        topic: 'Prikkelarme werkplek',
        teacherName: 'Sectie Nederlands',
        description: 'Laat leerlingen met een koptelefoon zelfstandig werken achterin het lokaal.',
      }),
    );
    expect(tip.statusCode, tip.body).toBe(201);
    expect(await audited('teacher_support.added', (tip.json() as { id: string }).id)).toBe(1);
  });

  it('E6: the list per location filters by kind and period; the care coordinator reads, does not add', async () => {
    const all = (
      await world.careCoordinator.client.get('/api/expertise-point/teacher-support')
    ).json() as TeacherSupportPage;
    expect(all).toMatchObject({ locationId: world.locationIds.main, total: 3 });
    expect(all.items[0]?.occurredOn).toBe(today);
    const trainings = (
      await world.careCoordinator.client.get(
        `/api/expertise-point/teacher-support?locationId=${world.locationIds.main}&kind=training`,
      )
    ).json() as TeacherSupportPage;
    expect(trainings.items.map((item) => item.topic)).toEqual(['Autisme in de klas']);
    const recent = (
      await world.vsoTeacher.client.get(
        `/api/expertise-point/teacher-support?from=${addDays(today, -1)}&to=${today}`,
      )
    ).json() as TeacherSupportPage;
    expect(recent.total).toBe(2);
    const add = await world.careCoordinator.client.post(
      '/api/expertise-point/teacher-support',
      support({ kind: 'tip', topic: 'Rust', teacherName: 'Team', description: 'Tip' }),
    );
    expect(add.statusCode).toBe(403);
  });

  it('P1: another location’s VSO teacher neither reads nor adds here', async () => {
    // A location the reader may not see at all answers 404, like one of another partnership.
    const read = await world.otherVsoTeacher.client.get(
      `/api/expertise-point/teacher-support?locationId=${world.locationIds.main}`,
    );
    expect(read.statusCode).toBe(404);
    const add = await world.otherVsoTeacher.client.post(
      '/api/expertise-point/teacher-support',
      support({ kind: 'tip', topic: 'Rust', teacherName: 'Team', description: 'Tip' }),
    );
    // A location out of reach in the body is refused on its field, like an unknown one (issue 13 finding 4).
    expect(add.statusCode).toBe(400);
    expect((add.json() as ErrorResponse).error.fields).toEqual([
      expect.objectContaining({ path: 'locationId', code: 'unknown_reference' }),
    ]);
    const own = (
      await world.otherVsoTeacher.client.get('/api/expertise-point/teacher-support')
    ).json() as TeacherSupportPage;
    expect(own).toMatchObject({ locationId: world.locationIds.other, total: 0 });
  });

  it('E6: signals per month count the location’s trajectories of the school year by the month they started', async () => {
    const at = async (createdAt: string, status: 'signalled' | 'ended' | 'not_eligible') => {
      const id = await insertTrajectory(harness, world, { status, locationId: world.locationIds.other });
      await harness.database.withTenant(world.tenantId, ({ db }) =>
        db
          .update(trajectories)
          .set({ createdAt: new Date(createdAt) })
          .where(eq(trajectories.id, id)),
      );
    };
    await at(`${year}-09-15T10:00:00Z`, 'signalled');
    await at(`${year}-09-30T22:30:00Z`, 'ended'); // 1 October in Amsterdam
    await at(`${year + 1}-01-10T09:00:00Z`, 'not_eligible');
    await at(`${year}-07-31T21:30:00Z`, 'signalled'); // 31 July, 23:30 in Amsterdam: last school year
    const response = await world.otherCareCoordinator.client.get(
      `/api/expertise-point/signals-per-month?schoolYear=${year}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const signals = response.json() as SignalsPerMonth;
    expect(signals).toMatchObject({ locationId: world.locationIds.other, schoolYear: year, total: 3 });
    expect(signals.months.filter((month) => month.signals > 0)).toEqual([
      { month: `${year}-09`, signals: 1 },
      { month: `${year}-10`, signals: 1 },
      { month: `${year + 1}-01`, signals: 1 },
    ]);
    expect(JSON.stringify(signals)).not.toContain('Noah');
  });
});

describe('the overview per location (point 11)', () => {
  it('E3/E5/E7/E9: active pupils with this week’s visits, contacts of the last 30 days, pending referrals and evaluations due', async () => {
    const mila = await insertTrajectory(harness, world, { firstName: 'Mila' });
    await insertTrajectory(harness, world, { firstName: 'Sem', status: 'eligible' });
    const now = Date.now();
    await harness.database.withTenant(world.tenantId, async ({ db }) => {
      const visit = (trajectoryId: string, checkedInAt: Date) => ({
        tenantId: world.tenantId,
        trajectoryId,
        locationId: world.locationIds.main,
        reason: 'planned' as const,
        checkedInAt,
        checkedOutAt: new Date(checkedInAt.getTime() + 60_000),
        checkedInByUserId: world.vsoTeacher.userId,
      });
      await db
        .insert(attendanceVisits)
        .values([
          visit(noah, new Date(now - 120_000)),
          visit(noah, new Date(now - 60_000)),
          visit(mila, new Date(now - 8 * 86_400_000)),
        ]);
      await db.insert(trajectoryContacts).values({
        tenantId: world.tenantId,
        trajectoryId: mila,
        contactOn: addDays(today, -40),
        party: 'mentor',
        channel: 'in_person',
        summary: 'Oud contact',
        createdByUserId: world.vsoTeacher.userId,
      });
      const opp = (trajectoryId: string) => ({
        tenantId: world.tenantId,
        trajectoryId,
        version: 1,
        status: 'adopted' as const,
        createdByUserId: world.vsoTeacher.userId,
        adoptedAt: new Date(),
      });
      const versions = await db
        .insert(oppVersions)
        .values([opp(noah), opp(mila)])
        .returning({ id: oppVersions.id, trajectoryId: oppVersions.trajectoryId });
      const milaVersion = versions.find((version) => version.trajectoryId === mila)?.id ?? '';
      const noahVersion = versions.find((version) => version.trajectoryId === noah)?.id ?? '';
      await db.insert(oppEvaluations).values([
        // Noah's only evaluation is of last school year: due again.
        {
          tenantId: world.tenantId,
          trajectoryId: noah,
          oppVersionId: noahVersion,
          evaluatedOn: `${year - 1}-11-01`,
          summary: 'Doelen deels behaald',
          evaluatedByUserId: world.vsoTeacher.userId,
        },
        {
          tenantId: world.tenantId,
          trajectoryId: mila,
          oppVersionId: milaVersion,
          evaluatedOn: today,
          summary: 'Goed op weg',
          evaluatedByUserId: world.vsoTeacher.userId,
        },
      ]);
    });
    // A pending referral for Mila (consent awaited); Noah's is completed.
    const pending = await world.vsoTeacher.client.post(`/api/trajectories/${mila}/referrals`, referral());
    expect(pending.statusCode, pending.body).toBe(201);

    const response = await world.teamLeader.client.get('/api/expertise-point/overview');
    expect(response.statusCode, response.body).toBe(200);
    const overview = response.json() as ExpertisePointOverview;
    expect(overview).toMatchObject({
      locationId: world.locationIds.main,
      schoolYear: year,
      totals: {
        activePupils: 2,
        visitsThisWeek: 2,
        pupilsVisitedThisWeek: 1,
        evaluationsDue: 1,
        contactsLast30Days: 2,
        referralsPending: 1,
      },
    });
    expect(overview.weekStart <= today && today <= overview.weekEnd).toBe(true);
    expect(overview.pupils).toEqual([
      expect.objectContaining({
        name: 'Mila de Graaf',
        pupilClass: '2B',
        visitsThisWeek: 0,
        contactsLast30Days: 0,
        pendingReferrals: 1,
        evaluationDue: false,
      }),
      expect.objectContaining({
        name: 'Noah de Graaf',
        visitsThisWeek: 2,
        contactsLast30Days: 2,
        pendingReferrals: 0,
        evaluationDue: true,
      }),
    ]);
    expect(await audited('expertise_point.overview_read', world.locationIds.main)).toBe(1);
  });

  it('P1: the overview is for the location’s staff only', async () => {
    expect((await world.mentor.client.get('/api/expertise-point/overview')).statusCode).toBe(403);
    // Another location is out of the reader's sight: 404, the same as another partnership's.
    expect(
      (
        await world.otherVsoTeacher.client.get(
          `/api/expertise-point/overview?locationId=${world.locationIds.main}`,
        )
      ).statusCode,
    ).toBe(404);
    const own = (
      await world.otherVsoTeacher.client.get('/api/expertise-point/overview')
    ).json() as ExpertisePointOverview;
    expect(own).toMatchObject({ locationId: world.locationIds.other, totals: { activePupils: 0 } });
    expect(own.locations).toEqual([{ id: world.locationIds.other, name: expect.any(String) }]);
    const foreign = await harness.createTenant(['x', 'y']);
    expect(
      (await world.vsoTeacher.client.get(`/api/expertise-point/overview?locationId=${foreign.locationIds.y}`))
        .statusCode,
    ).toBe(404);
  });
});

describe('lists and the single-record check (P1)', () => {
  const readers = () => ({
    teacher: world.teacher,
    mentor: world.mentor,
    teamLeader: world.teamLeader,
    careCoordinator: world.careCoordinator,
    vsoTeacher: world.vsoTeacher,
    otherVsoTeacher: world.otherVsoTeacher,
    otherCareCoordinator: world.otherCareCoordinator,
  });
  const trajectoryIds = async () =>
    (
      await harness.database.queryAsOwner<{ id: string; location_id: string; status: string }>(
        sql`select id, location_id, status from trajectories where tenant_id = ${world.tenantId} order by id`,
      )
    ).map((row) => ({ id: row.id, locationId: row.location_id, status: row.status }));

  it('P1: the overview lists, per location, exactly the active pupils whose file the reader may open', async () => {
    await insertTrajectory(harness, world, {
      locationId: world.locationIds.other,
      firstName: 'Lotte',
      mentorUserId: world.otherCareCoordinator.userId,
    });
    const active = (await trajectoryIds()).filter((row) => row.status === 'active');
    for (const [role, { client }] of Object.entries(readers())) {
      const first = await client.get('/api/expertise-point/overview');
      if (first.statusCode !== 200) {
        // Without the action the overview is refused as a whole.
        expect({ role, status: first.statusCode }).toEqual({ role, status: 403 });
        continue;
      }
      for (const location of (first.json() as ExpertisePointOverview).locations) {
        const response = await client.get(
          `/api/expertise-point/overview?pageSize=100&locationId=${location.id}`,
        );
        expect(response.statusCode).toBe(200);
        const listed = (response.json() as ExpertisePointOverview).pupils.map((pupil) => pupil.trajectoryId);
        const readable: string[] = [];
        for (const row of active.filter((candidate) => candidate.locationId === location.id))
          if ((await client.get(`/api/trajectories/${row.id}`)).statusCode === 200) readable.push(row.id);
        expect({ role, location: location.id, ids: listed.sort() }).toEqual({
          role,
          location: location.id,
          ids: readable.sort(),
        });
      }
    }
  });

  it('P2: the overview records which pupils it showed', async () => {
    const response = await world.vsoTeacher.client.get('/api/expertise-point/overview');
    const shown = (response.json() as ExpertisePointOverview).pupils.map((pupil) => pupil.trajectoryId);
    expect(shown.length).toBeGreaterThan(0);
    const [event] = await harness.database.queryAsOwner<{ details: { trajectoryIds: string[] } }>(
      sql`select details from audit_events where event = 'expertise_point.overview_read'
        and actor_user_id = ${world.vsoTeacher.userId} order by occurred_at desc limit 1`,
    );
    expect(event?.details.trajectoryIds).toEqual(shown);
  });

  it("P1: a pupil's contacts open where the file does, and the referrals listed are the ones the reader may act on", async () => {
    const all = await trajectoryIds();
    const referralIds = (
      await harness.database.queryAsOwner<{ id: string }>(
        sql`select id from zat_referrals where tenant_id = ${world.tenantId} order by id`,
      )
    ).map((row) => row.id);
    expect(referralIds.length).toBeGreaterThan(0);
    for (const [role, { client }] of Object.entries(readers())) {
      const files: string[] = [];
      const contactLogs: string[] = [];
      const contactStatuses = new Set<number>();
      const listedReferrals: string[] = [];
      for (const { id } of all) {
        if ((await client.get(`/api/trajectories/${id}`)).statusCode === 200) files.push(id);
        const contacts = await client.get(`/api/trajectories/${id}/contacts`);
        contactStatuses.add(contacts.statusCode);
        if (contacts.statusCode === 200) contactLogs.push(id);
        const referrals = await client.get(`/api/trajectories/${id}/referrals?pageSize=100`);
        if (referrals.statusCode === 200)
          listedReferrals.push(...(referrals.json() as ReferralPage).items.map((item) => item.id));
      }
      // The contacts log has the file's readers (P1); a role without the action is refused everywhere.
      if (contactLogs.length === 0 && files.length > 0) expect([...contactStatuses]).toEqual([403]);
      else expect({ role, ids: contactLogs }).toEqual({ role, ids: files });
      // An empty change answers the referral as it is, without saving anything.
      const actionable: string[] = [];
      for (const id of referralIds)
        if ((await client.put(`/api/zat-referrals/${id}`, {})).statusCode === 200) actionable.push(id);
      expect({ role, ids: listedReferrals.sort() }).toEqual({ role, ids: actionable.sort() });
    }
  });
});

describe('the date comes from the clock', () => {
  afterEach(() => harness.clock.set(null));

  it("E5/E6/E7: what is dated after the clock's today is refused; the overview's week is the clock's", async () => {
    harness.clock.set('2026-03-02');
    const tomorrow = '2026-03-03';
    expect(
      codes(
        await world.vsoTeacher.client.post(
          `/api/trajectories/${noah}/contacts`,
          contact({ contactOn: tomorrow }),
        ),
      ),
    ).toEqual([['contactOn', 'contact_date_in_future']]);
    expect(
      codes(
        await world.careCoordinator.client.post(
          `/api/trajectories/${noah}/referrals`,
          referral({ referredOn: tomorrow }),
        ),
      ),
    ).toEqual([['referredOn', 'referral_date_in_future']]);
    expect(
      codes(
        await world.vsoTeacher.client.post('/api/expertise-point/teacher-support', {
          kind: 'tip',
          locationId: world.locationIds.main,
          occurredOn: tomorrow,
          topic: 'Rust',
          teacherName: 'Team',
          description: 'Tip',
        }),
      ),
    ).toEqual([['occurredOn', 'support_date_in_future']]);
    const overview = (
      await world.vsoTeacher.client.get('/api/expertise-point/overview')
    ).json() as ExpertisePointOverview;
    expect(overview).toMatchObject({ schoolYear: 2025, weekStart: '2026-03-02', weekEnd: '2026-03-08' });
  });
});

describe('the API description', () => {
  it('describes these routes in the OpenAPI document', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/trajectories/{trajectoryId}/contacts',
        '/api/zat-referrals/{referralId}',
        '/api/expertise-point/teacher-support',
        '/api/expertise-point/overview',
      ]),
    );
  });
});
