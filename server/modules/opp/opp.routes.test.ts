import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type {
  OppEvaluation,
  OppOverview,
  OppParentLinkCreated,
  OppParentView,
  OppVersionDetail,
} from '../../../contracts/opp.ts';
import { addDays, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';

let harness: Harness;
let world: TrajectoryWorld;
let eligibleId: string;
let signalledId: string;
let otherId: string;
const today = todayInAmsterdam();
const later = addDays(today, 60);

const errorOf = (response: { body: string }) => (JSON.parse(response.body) as ErrorResponse).error;
const fields = (response: { body: string }) =>
  (errorOf(response).fields ?? []).map((field) => [field.path, field.code]);
const countEvents = async (event: string) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from audit_events where event = ${event} and tenant_id = ${world.tenantId}`,
  );
  return Number(row?.n);
};
const trajectoryStatus = async (id: string) => {
  const [row] = await harness.database.queryAsOwner<{ status: string }>(
    sql`select status from trajectories where id = ${id}`,
  );
  return row?.status;
};
const plan = (changes: Record<string, unknown> = {}) => ({
  exitDestination: 'mbo niveau 3 (zorg en welzijn)',
  exitReasons: 'Goede praktische vaardigheden; theorie kost veel energie.',
  hinderingFactors: 'Snel overprikkeld in drukke lessen.',
  supportingFactors: 'Gemotiveerd, goede band met de mentor.',
  support: [
    { goal: 'Rustig de les volgen', approach: 'Time-outkaart', who: 'Docent vso', frequency: 'Dagelijks' },
  ],
  independentWorkAgreement: 'Mag tijdens toetsweken zelfstandig werken op het expertisepunt.',
  homeworkAgreement: 'Huiswerkplanning op maandag en donderdag.',
  curriculumDeviations: 'Geen Duits in leerjaar 2.',
  evaluationDates: [later],
  ...changes,
});
const discussed = {
  parentsDiscussedOn: today,
  parentsDiscussionParticipants: 'Moeder, mentor, docent vso',
  parentsView: 'Blij met de rustige plek.',
  parentsAgreement: 'agree',
  parentsAgreementComments: null,
  pupilView: 'Ik wil mijn diploma halen.',
};

/** The parents consent on (or refuse) the draft's action part through a fresh link of theirs (E12). */
const answerThroughLink = async (trajectoryId: string, decision: 'given' | 'refused', comments = '') => {
  const made = (
    await world.mentor.client.post(`/api/trajectories/${trajectoryId}/opp/parent-links`, {})
  ).json() as OppParentLinkCreated;
  const token = made.url.split('#token=')[1] ?? '';
  const answered = await harness.client().post('/api/public/opp/consent', { token, decision, comments });
  expect(answered.statusCode, answered.body).toBe(200);
  return { token, link: made.link, view: answered.json() as OppParentView };
};

beforeAll(async () => {
  harness = await createHarness();
  world = await createTrajectoryWorld(harness);
  eligibleId = await insertTrajectory(harness, world, { status: 'eligible', firstName: 'Sem' });
  signalledId = await insertTrajectory(harness, world, { status: 'signalled', firstName: 'Julia' });
  otherId = await insertTrajectory(harness, world, {
    status: 'eligible',
    locationId: world.locationIds.other,
    firstName: 'Finn',
  });
});
afterAll(() => harness.close());

describe('the OPP (E9)', () => {
  let firstId: string;
  let secondId: string;

  it('E9: no OPP for a pupil who is not (yet) eligible; nothing is saved', async () => {
    const refused = await world.mentor.client.post(`/api/trajectories/${signalledId}/opp`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'opp_trajectory_not_open' });
    expect(errorOf(refused).message).toContain('toelaatbaar');
    const overview = (
      await world.mentor.client.get(`/api/trajectories/${signalledId}/opp`)
    ).json() as OppOverview;
    expect(overview).toMatchObject({ versions: [], adopted: null, draft: null, commands: [] });
  });

  it('E9: the mentor drafts the first OPP of an eligible pupil; one draft at a time', async () => {
    const created = await world.mentor.client.post(`/api/trajectories/${eligibleId}/opp`);
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json() as OppVersionDetail;
    expect(draft).toMatchObject({
      version: 1,
      status: 'draft',
      pupil: { firstName: 'Sem', className: '2B' },
      offersHomeworkSupport: true,
      commands: ['edit', 'adopt', 'share'],
    });
    firstId = draft.id;
    const again = await world.vsoTeacher.client.post(`/api/trajectories/${eligibleId}/opp`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('opp_draft_exists');
  });

  it('E9: an evaluation moment in the past on a new version is refused with a field error', async () => {
    const refused = await world.mentor.client.put(
      `/api/opp-versions/${firstId}`,
      plan({ evaluationDates: [later, addDays(today, -1)] }),
    );
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual([['evaluationDates.1', 'opp_evaluation_date_past']]);
    expect(errorOf(refused).fields?.[0]?.message).toContain('verleden');
    const saved = await world.mentor.client.put(`/api/opp-versions/${firstId}`, plan());
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      exitDestination: 'mbo niveau 3 (zorg en welzijn)',
      homeworkAgreement: 'Huiswerkplanning op maandag en donderdag.',
      evaluationDates: [later],
      support: [expect.objectContaining({ who: 'Docent vso' })],
    });
  });

  it('E4: a homework agreement is saved where the expertise point offers no homework extras', async () => {
    const created = await world.otherVsoTeacher.client.post(`/api/trajectories/${otherId}/opp`);
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json() as OppVersionDetail;
    expect(draft.offersHomeworkSupport).toBe(false);
    const saved = await world.otherVsoTeacher.client.put(`/api/opp-versions/${draft.id}`, plan());
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ homeworkAgreement: 'Huiswerkplanning op maandag en donderdag.' });
  });

  it('E9: adopting without the parents’ discussion and answer is refused; nothing is saved', async () => {
    const refused = await world.mentor.client.post(`/api/opp-versions/${firstId}/adopt`);
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused).code).toBe('opp_adoption_incomplete');
    expect(fields(refused)).toEqual([
      ['parentsDiscussedOn', 'opp_discussion_date_required'],
      ['parentsDiscussionParticipants', 'opp_discussion_participants_required'],
      ['parentsAgreement', 'opp_parents_agreement_required'],
      ['consent', 'opp_consent_required'],
    ]);
    const version = (
      await world.mentor.client.get(`/api/opp-versions/${firstId}`)
    ).json() as OppVersionDetail;
    expect(version.status).toBe('draft');
    expect(await trajectoryStatus(eligibleId)).toBe('eligible');
  });

  it('E9/E12: a disagreement with the perspective part needs the parents’ comments', async () => {
    const refused = await world.mentor.client.put(
      `/api/opp-versions/${firstId}`,
      plan({ ...discussed, parentsAgreement: 'disagree' }),
    );
    expect(fields(refused)).toEqual([['parentsAgreementComments', 'opp_disagreement_needs_comments']]);
  });

  it('E9/E12: with the discussion recorded and the parents’ consent, adopting the first version makes the trajectory active', async () => {
    const before = await countEvents('opp.discussed');
    const saved = await world.mentor.client.put(`/api/opp-versions/${firstId}`, plan(discussed));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await countEvents('opp.discussed')).toBe(before + 1);
    const noConsent = await world.mentor.client.post(`/api/opp-versions/${firstId}/adopt`);
    expect(noConsent.statusCode).toBe(409);
    expect(errorOf(noConsent).code).toBe('opp_consent_required');
    await answerThroughLink(eligibleId, 'given');
    const adopted = await world.mentor.client.post(`/api/opp-versions/${firstId}/adopt`);
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json()).toMatchObject({
      status: 'adopted',
      adoptedBy: { id: world.mentor.userId },
      commands: ['draft', 'evaluate', 'share'],
    });
    expect(await trajectoryStatus(eligibleId)).toBe('active');
    const again = await world.mentor.client.post(`/api/opp-versions/${firstId}/adopt`);
    expect(errorOf(again).code).toBe('opp_not_draft');
  });

  it('E9: every change is a new version; adopting it supersedes the old one, which stays readable', async () => {
    const created = await world.vsoTeacher.client.post(`/api/trajectories/${eligibleId}/opp`);
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json() as OppVersionDetail;
    secondId = draft.id;
    // A copy of the adopted version; the parents discuss the new version again.
    expect(draft).toMatchObject({
      version: 2,
      status: 'draft',
      exitDestination: 'mbo niveau 3 (zorg en welzijn)',
      evaluationDates: [later],
      parentsDiscussedOn: null,
      parentsAgreement: null,
    });
    const editOld = await world.mentor.client.put(`/api/opp-versions/${firstId}`, plan(discussed));
    expect(editOld.statusCode).toBe(409);
    expect(errorOf(editOld).code).toBe('opp_not_draft');
    const changed = await world.vsoTeacher.client.put(
      `/api/opp-versions/${secondId}`,
      plan({ ...discussed, exitDestination: 'mbo niveau 4 (zorg en welzijn)' }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    // A new version of the action part needs new consent (E12).
    const withoutNew = await world.vsoTeacher.client.post(`/api/opp-versions/${secondId}/adopt`);
    expect(errorOf(withoutNew).code).toBe('opp_consent_required');
    await answerThroughLink(eligibleId, 'given');
    expect((await world.vsoTeacher.client.post(`/api/opp-versions/${secondId}/adopt`)).statusCode).toBe(200);
    const overview = (
      await world.mentor.client.get(`/api/trajectories/${eligibleId}/opp`)
    ).json() as OppOverview;
    expect(overview.versions.map((version) => [version.version, version.status])).toEqual([
      [2, 'adopted'],
      [1, 'superseded'],
    ]);
    expect(overview.adopted?.exitDestination).toBe('mbo niveau 4 (zorg en welzijn)');
    expect(overview.draft).toBeNull();
    const old = (await world.mentor.client.get(`/api/opp-versions/${firstId}`)).json() as OppVersionDetail;
    expect(old).toMatchObject({ status: 'superseded', exitDestination: 'mbo niveau 3 (zorg en welzijn)' });
  });

  it('E9: an evaluation on the adopted version, not in the future; the year’s evaluation is then done', async () => {
    const refused = await world.mentor.client.post(`/api/trajectories/${eligibleId}/opp/evaluations`, {
      evaluatedOn: addDays(today, 1),
      summary: 'Gaat goed.',
    });
    expect(fields(refused)).toEqual([['evaluatedOn', 'opp_evaluation_in_future']]);
    const made = await world.mentor.client.post(`/api/trajectories/${eligibleId}/opp/evaluations`, {
      evaluatedOn: today,
      summary: 'Doelen grotendeels gehaald; time-outs nemen af.',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json() as OppEvaluation).toMatchObject({
      version: 2,
      evaluatedBy: { id: world.mentor.userId },
    });
    const overview = (
      await world.mentor.client.get(`/api/trajectories/${eligibleId}/opp`)
    ).json() as OppOverview;
    expect(overview.evaluation).toMatchObject({
      evaluatedThisYear: true,
      lastEvaluatedOn: today,
      due: false,
    });
    expect(overview.evaluations).toHaveLength(1);
    // Without an adopted OPP there is nothing to evaluate.
    const none = await world.otherVsoTeacher.client.post(`/api/trajectories/${otherId}/opp/evaluations`, {
      evaluatedOn: today,
      summary: 'x',
    });
    expect(errorOf(none).code).toBe('opp_not_adopted');
  });

  it('P1/P2: only those who may read the pupil file see the OPP, and every read is audited', async () => {
    const before = await countEvents('opp.viewed');
    expect((await world.careCoordinator.client.get(`/api/trajectories/${eligibleId}/opp`)).statusCode).toBe(
      200,
    );
    expect((await world.teamLeader.client.get(`/api/opp-versions/${firstId}`)).statusCode).toBe(200);
    expect(await countEvents('opp.viewed')).toBe(before + 2);
    // A teacher never holds the action (403); staff of another location do, but not for this pupil (404).
    expect((await world.teacher.client.get(`/api/trajectories/${eligibleId}/opp`)).statusCode).toBe(403);
    for (const client of [world.otherVsoTeacher.client, world.otherCareCoordinator.client]) {
      expect((await client.get(`/api/trajectories/${eligibleId}/opp`)).statusCode).toBe(404);
      expect((await client.get(`/api/opp-versions/${firstId}`)).statusCode).toBe(404);
      expect((await client.post(`/api/trajectories/${eligibleId}/opp`)).statusCode).toBe(404);
    }
    expect((await harness.client().get(`/api/trajectories/${eligibleId}/opp`)).statusCode).toBe(401);
  });

  it('E9: the PDF export of a version has the OPP and is audited', async () => {
    const before = await countEvents('opp.pdf_downloaded');
    const response = await world.mentor.client.get(`/api/opp-versions/${secondId}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await countEvents('opp.pdf_downloaded')).toBe(before + 1);
    expect((await world.otherVsoTeacher.client.get(`/api/opp-versions/${secondId}/pdf`)).statusCode).toBe(
      404,
    );
  });

  it('E9: the parents read the latest adopted version through their link; revoked, it stops working', async () => {
    const notYet = await world.mentor.client.post(`/api/trajectories/${signalledId}/opp/parent-links`);
    expect(errorOf(notYet).code).toBe('opp_trajectory_not_open');
    const made = await world.mentor.client.post(`/api/trajectories/${eligibleId}/opp/parent-links`);
    expect(made.statusCode, made.body).toBe(201);
    const { link, url } = made.json() as OppParentLinkCreated;
    expect(url).toMatch(/^http.*\/opp-inzage#token=/);
    const token = url.split('#token=')[1] ?? '';
    // Valid for 90 days; only a hash of the token is stored.
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const stored = await harness.database.queryAsOwner<{ token_hash: string }>(
      sql`select token_hash from opp_parent_links where id = ${link.id}`,
    );
    expect(stored[0]?.token_hash).not.toContain(token.split('.')[1] ?? 'x');

    // A new draft with other content: the parents still see the adopted version.
    const draft = (
      await world.mentor.client.post(`/api/trajectories/${eligibleId}/opp`)
    ).json() as OppVersionDetail;
    await world.mentor.client.put(`/api/opp-versions/${draft.id}`, plan({ exitDestination: 'havo' }));
    const before = await countEvents('opp.parent_viewed');
    const anonymous = harness.client();
    const view = await anonymous.post('/api/public/opp', { token });
    expect(view.statusCode, view.body).toBe(200);
    const page = view.json() as OppParentView;
    expect(page).toMatchObject({
      holder: 'parents',
      pupilFirstName: 'Sem',
      adopted: {
        version: 2,
        exitDestination: 'mbo niveau 4 (zorg en welzijn)',
        parentsAgreement: 'agree',
        adoptedOn: today,
      },
      // The new draft asks the parents for consent on its action part (E12).
      consent: {
        plan: { version: 3, exitDestination: 'havo' },
        giver: 'parents',
        canAnswer: true,
        answer: null,
      },
    });
    // Where the partnership's privacy statement is (issue 15, point 6): its public address.
    expect(page.partnershipSlug).toMatch(/^[a-z0-9-]+$/);
    // Nothing else of the file: no last name, no evaluations, no staff.
    expect(view.body).not.toContain('de Graaf');
    expect(view.body).not.toContain('time-outs nemen af');
    expect(view.body).not.toContain(world.mentor.userId);
    expect(await countEvents('opp.parent_viewed')).toBe(before + 1);
    // Recorded without a user, as the parent who holds the link.
    const [opened] = await harness.database.queryAsOwner<{
      actor_user_id: string | null;
      actor_roles: string[];
    }>(
      sql`select actor_user_id, actor_roles from audit_events
        where event = 'opp.parent_viewed' and tenant_id = ${world.tenantId} order by id desc limit 1`,
    );
    expect(opened).toEqual({ actor_user_id: null, actor_roles: ['parent'] });
    const overview = (
      await world.mentor.client.get(`/api/trajectories/${eligibleId}/opp`)
    ).json() as OppOverview;
    expect(overview.parentLinks[0]).toMatchObject({
      id: link.id,
      active: true,
      lastOpenedAt: expect.any(String),
    });

    const revoked = await world.vsoTeacher.client.delete(`/api/opp-parent-links/${link.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false, revokedAt: expect.any(String) });
    const after = await anonymous.post('/api/public/opp', { token });
    expect(after.statusCode).toBe(422);
    expect(errorOf(after).code).toBe('invalid_token');
    expect((await anonymous.post('/api/public/opp', { token: 'x'.repeat(40) })).statusCode).toBe(422);
    expect(
      (await world.otherCareCoordinator.client.delete(`/api/opp-parent-links/${link.id}`)).statusCode,
    ).toBe(404);
  });

  it('P1: for every role, the versions an overview lists are exactly those whose detail answers 200', async () => {
    const stored = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id from opp_versions where tenant_id = ${world.tenantId} order by id`,
    );
    const roles = {
      teacher: world.teacher,
      mentor: world.mentor,
      teamLeader: world.teamLeader,
      careCoordinator: world.careCoordinator,
      vsoTeacher: world.vsoTeacher,
      otherVsoTeacher: world.otherVsoTeacher,
      otherCareCoordinator: world.otherCareCoordinator,
    };
    const seen: Record<string, number> = {};
    for (const [role, { client }] of Object.entries(roles)) {
      const listed: string[] = [];
      for (const trajectoryId of [eligibleId, signalledId, otherId]) {
        const overview = await client.get(`/api/trajectories/${trajectoryId}/opp`);
        if (overview.statusCode === 200)
          listed.push(...(overview.json() as OppOverview).versions.map((version) => version.id));
      }
      const readable: string[] = [];
      for (const { id } of stored)
        if ((await client.get(`/api/opp-versions/${id}`)).statusCode === 200) readable.push(id);
      expect(listed.sort(), role).toEqual(readable.sort());
      seen[role] = readable.length;
    }
    // The check means something: each school's readers see its versions (three at the main school,
    // one at the other), the mentor those of both own mentor pupils, the teacher none.
    expect(seen).toEqual({
      teacher: 0,
      mentor: 4,
      teamLeader: 3,
      careCoordinator: 3,
      vsoTeacher: 3,
      otherVsoTeacher: 1,
      otherCareCoordinator: 1,
    });
  });

  it('P8: the parents see who read the file at the expertise point — kind of role and day, no names — and not reads of another pupil', async () => {
    const made = (
      await world.mentor.client.post(`/api/trajectories/${eligibleId}/opp/parent-links`)
    ).json() as OppParentLinkCreated;
    const token = made.url.split('#token=')[1] ?? '';
    const readersNow = async () => {
      const view = await harness.client().post('/api/public/opp', { token });
      expect(view.statusCode, view.body).toBe(200);
      expect(view.body).not.toContain(world.mentor.userId);
      return (view.json() as OppParentView).readers;
    };
    expect((await world.mentor.client.get(`/api/trajectories/${eligibleId}`)).statusCode).toBe(200);
    const before = await readersNow();
    expect(before).toContainEqual({ on: today, kind: 'mentor' });
    // The mentor read again today: still one line.
    expect((await world.mentor.client.get(`/api/trajectories/${eligibleId}`)).statusCode).toBe(200);
    // Another pupil's file, read at another location: not these parents' business.
    expect((await world.otherVsoTeacher.client.get(`/api/trajectories/${otherId}`)).statusCode).toBe(200);
    expect(await readersNow()).toEqual(before);
  });

  it('E9: an expired link does not open the OPP', async () => {
    const made = (
      await world.mentor.client.post(`/api/trajectories/${eligibleId}/opp/parent-links`)
    ).json() as OppParentLinkCreated;
    await harness.database.queryAsOwner(
      sql`update opp_parent_links set expires_at = now() - interval '1 second' where id = ${made.link.id}`,
    );
    const token = made.url.split('#token=')[1] ?? '';
    const view = await harness.client().post('/api/public/opp', { token });
    expect(errorOf(view).code).toBe('invalid_token');
  });
});
