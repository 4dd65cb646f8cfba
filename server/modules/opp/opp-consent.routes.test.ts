import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type {
  OppConsent,
  OppOverview,
  OppParentLinkCreated,
  OppParentView,
  OppVersionDetail,
} from '../../../contracts/opp.ts';
import { addDays, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let harness: Harness;
let world: TrajectoryWorld;
const today = todayInAmsterdam();
const later = addDays(today, 60);
// Exactly 18 today, and 12 today (ages count on the day, Europe/Amsterdam).
const yearsAgo = (years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;

const errorOf = (response: { body: string }) => (JSON.parse(response.body) as ErrorResponse).error;
const email = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@thuis.test`;
const plan = (changes: Record<string, unknown> = {}) => ({
  exitDestination: 'havo',
  exitReasons: 'Sterk in talen, werkt graag zelfstandig.',
  hinderingFactors: 'Snel overprikkeld in drukke lessen.',
  supportingFactors: 'Gemotiveerd, goede band met de mentor.',
  support: [
    { goal: 'Rustig de les volgen', approach: 'Time-outkaart', who: 'Docent vso', frequency: 'Dagelijks' },
  ],
  independentWorkAgreement: 'Mag tijdens toetsweken zelfstandig werken op het expertisepunt.',
  homeworkAgreement: null,
  curriculumDeviations: '',
  evaluationDates: [later],
  parentsDiscussedOn: today,
  parentsDiscussionParticipants: 'Vader, mentor, docent vso',
  parentsView: 'Wil graag dat het rustig blijft.',
  parentsAgreement: 'agree',
  parentsAgreementComments: null,
  pupilView: null,
  ...changes,
});
const countRows = async (table: 'opp_consents' | 'opp_pupil_views', trajectoryId: string) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where trajectory_id = ${trajectoryId}`,
  );
  return Number(row?.n);
};

/** An eligible pupil with a draft OPP whose discussion is recorded: only consent is missing. */
async function pupilWithDraft(options: { firstName: string; birthDate?: string | null }) {
  const trajectoryId = await insertTrajectory(harness, world, { status: 'eligible', ...options });
  const draft = (
    await world.mentor.client.post(`/api/trajectories/${trajectoryId}/opp`)
  ).json() as OppVersionDetail;
  const saved = await world.mentor.client.put(`/api/opp-versions/${draft.id}`, plan());
  expect(saved.statusCode, saved.body).toBe(200);
  return { trajectoryId, versionId: draft.id };
}

async function linkFor(trajectoryId: string, body: Record<string, unknown> = {}) {
  const made = await world.mentor.client.post(`/api/trajectories/${trajectoryId}/opp/parent-links`, body);
  expect(made.statusCode, made.body).toBe(201);
  const created = made.json() as OppParentLinkCreated;
  return { ...created, token: created.url.split('#token=')[1] ?? '' };
}

const tokenInMail = async (to: string) => {
  const mail = await smtp.waitForMail(to);
  return /#token=([^\s]+)/.exec(mail.text ?? '')?.[1] ?? '';
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await createHarness({ smtpUrl: smtp.url });
  world = await createTrajectoryWorld(harness);
});
afterAll(async () => {
  await harness.close();
  await smtp.close();
});

describe('consent on the OPP’s action part (E12)', () => {
  it('E12: Passend mails the parents their link without personal data; they consent through it and the plan is adopted', async () => {
    const { trajectoryId, versionId } = await pupilWithDraft({ firstName: 'Lieke' });
    const refused = await world.mentor.client.post(`/api/opp-versions/${versionId}/adopt`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('opp_consent_required');
    expect(errorOf(refused).message).toContain('handelingsdeel');

    const father = email('vader');
    const made = await linkFor(trajectoryId, { holder: 'parents', email: father });
    expect(made.link).toMatchObject({ holder: 'parents', mailedAt: expect.any(String) });
    const mail = await smtp.waitForMail(father);
    // A neutral text and the link: no pupil, no school, nothing of the plan.
    expect(mail.subject).not.toContain('Lieke');
    expect(mail.text).not.toContain('Lieke');
    expect(mail.text).not.toContain('de Graaf');
    expect(mail.text).not.toContain('havo');
    // (The addresses are left out of this check: the link's random token could spell anything.)
    expect((mail.text ?? '').replace(/https?:\/\/\S+/g, '')).not.toMatch(
      /OPP|ontwikkelingsperspectief|expertisepunt|plan/i,
    );
    const [{ name } = { name: '' }] = await harness.database.queryAsOwner<{ name: string }>(
      sql`select l.name from locations l join trajectories t on t.location_id = l.id where t.id = ${trajectoryId}`,
    );
    expect(mail.text).not.toContain(name);
    const token = await tokenInMail(father);
    expect(token).toBe(made.token);

    const anonymous = harness.client();
    const page = (await anonymous.post('/api/public/opp', { token })).json() as OppParentView;
    expect(page).toMatchObject({
      holder: 'parents',
      adopted: null,
      consent: { giver: 'parents', canAnswer: true, answer: null, plan: { exitDestination: 'havo' } },
    });
    const answered = await anonymous.post('/api/public/opp/consent', {
      token,
      decision: 'given',
      comments: 'Fijn dat er een rustige plek is.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((answered.json() as OppParentView).consent?.answer).toMatchObject({
      decision: 'given',
      method: 'link',
      decidedOn: today,
    });
    // Recorded as the parent holding the link: who, when, how, for which version's action part.
    const [event] = await harness.database.queryAsOwner<{ actor_roles: string[]; details: unknown }>(
      sql`select actor_roles, details from audit_events where event = 'opp.consent_recorded'
        and object_id = ${versionId} order by id desc limit 1`,
    );
    expect(event).toMatchObject({
      actor_roles: ['parent'],
      details: { decision: 'given', method: 'link', givenBy: 'parents', version: 1 },
    });
    const overview = (
      await world.mentor.client.get(`/api/trajectories/${trajectoryId}/opp`)
    ).json() as OppOverview;
    expect(overview.draftConsent).toEqual({ giver: 'parents', decision: 'given' });
    expect(overview.consents[0]).toMatchObject({
      version: 1,
      decision: 'given',
      givenBy: 'parents',
      method: 'link',
      comments: 'Fijn dat er een rustige plek is.',
      current: true,
      recordedByName: null,
    });

    const adopted = await world.mentor.client.post(`/api/opp-versions/${versionId}/adopt`);
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json()).toMatchObject({ status: 'adopted' });
  });

  it('E12: parents who refuse through their link keep the plan a draft; the refusal is recorded with their comments', async () => {
    const { trajectoryId, versionId } = await pupilWithDraft({ firstName: 'Bram' });
    const { token } = await linkFor(trajectoryId);
    const anonymous = harness.client();
    const noComments = await anonymous.post('/api/public/opp/consent', { token, decision: 'refused' });
    expect(noComments.statusCode).toBe(400);
    expect(errorOf(noComments).fields?.map((field) => [field.path, field.code])).toEqual([
      ['comments', 'opp_refusal_needs_comments'],
    ]);
    expect(await countRows('opp_consents', trajectoryId)).toBe(0);

    const refused = await anonymous.post('/api/public/opp/consent', {
      token,
      decision: 'refused',
      comments: 'Wij willen eerst praten over de uren buiten de klas.',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect((refused.json() as OppParentView).consent?.answer).toMatchObject({ decision: 'refused' });

    const adopt = await world.mentor.client.post(`/api/opp-versions/${versionId}/adopt`);
    expect(adopt.statusCode).toBe(409);
    expect(errorOf(adopt).code).toBe('opp_consent_refused');
    const version = (
      await world.mentor.client.get(`/api/opp-versions/${versionId}`)
    ).json() as OppVersionDetail;
    expect(version.status).toBe('draft');
    const [trajectory] = await harness.database.queryAsOwner<{ status: string }>(
      sql`select status from trajectories where id = ${trajectoryId}`,
    );
    expect(trajectory?.status).toBe('eligible');
    const overview = (
      await world.mentor.client.get(`/api/trajectories/${trajectoryId}/opp`)
    ).json() as OppOverview;
    expect(overview.draftConsent?.decision).toBe('refused');
    expect(overview.consents[0]?.comments).toBe('Wij willen eerst praten over de uren buiten de klas.');
  });

  it('E12: a changed action part needs new consent; a changed perspective part does not', async () => {
    const { trajectoryId, versionId } = await pupilWithDraft({ firstName: 'Mees' });
    const { token } = await linkFor(trajectoryId);
    expect(
      (await harness.client().post('/api/public/opp/consent', { token, decision: 'given' })).statusCode,
    ).toBe(200);
    await world.mentor.client.put(`/api/opp-versions/${versionId}`, plan({ exitDestination: 'vwo' }));
    let overview = (
      await world.mentor.client.get(`/api/trajectories/${trajectoryId}/opp`)
    ).json() as OppOverview;
    expect(overview.draftConsent?.decision).toBe('given');
    await world.mentor.client.put(
      `/api/opp-versions/${versionId}`,
      plan({ exitDestination: 'vwo', independentWorkAgreement: 'Elke middag op het expertisepunt.' }),
    );
    overview = (await world.mentor.client.get(`/api/trajectories/${trajectoryId}/opp`)).json() as OppOverview;
    expect(overview.draftConsent?.decision).toBeNull();
    expect(overview.consents[0]?.current).toBe(false);
    const adopt = await world.mentor.client.post(`/api/opp-versions/${versionId}/adopt`);
    expect(errorOf(adopt).code).toBe('opp_consent_required');
  });

  it('E12: staff record a paper answer with the scan, checked by its content; the plan can then be adopted', async () => {
    const { trajectoryId, versionId } = await pupilWithDraft({ firstName: 'Noor' });
    const form = { decision: 'given', signedOn: today, signedBy: 'Karin Jansen' };
    const path = `/api/opp-versions/${versionId}/consents/paper`;
    const noFile = await world.mentor.client.upload(path, form);
    expect(noFile.statusCode).toBe(400);
    expect(errorOf(noFile).fields?.map((field) => [field.path, field.code])).toEqual([['file', 'required']]);
    const renamed = await world.mentor.client.upload(path, form, {
      fileName: 'handtekening.pdf',
      content: 'MZ this is no pdf at all',
      contentType: 'application/pdf',
    });
    expect(renamed.statusCode).toBe(422);
    expect(errorOf(renamed).code).toBe('attachment_mismatch');
    const future = await world.mentor.client.upload(
      path,
      { ...form, signedOn: addDays(today, 1) },
      { fileName: 'a.pdf', content: '%PDF-1.4\n%%EOF\n' },
    );
    expect(future.statusCode).toBe(400);
    expect(await countRows('opp_consents', trajectoryId)).toBe(0);

    const recorded = await world.mentor.client.upload(path, form, {
      fileName: 'instemming.pdf',
      content: '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n',
      contentType: 'application/pdf',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const consent = recorded.json() as OppConsent;
    expect(consent).toMatchObject({
      decision: 'given',
      method: 'paper',
      givenBy: 'parents',
      signedBy: 'Karin Jansen',
      decidedOn: today,
      hasScan: true,
      recordedByName: expect.any(String),
    });
    const scan = await world.mentor.client.get(`/api/opp-consents/${consent.id}/scan`);
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['content-type']).toContain('application/pdf');
    expect((await world.otherVsoTeacher.client.get(`/api/opp-consents/${consent.id}/scan`)).statusCode).toBe(
      404,
    );
    // Someone else's pupil: the version is not theirs to answer for.
    expect(
      (
        await world.otherVsoTeacher.client.upload(path, form, {
          fileName: 'instemming.pdf',
          content: '%PDF-1.4\n%%EOF\n',
        })
      ).statusCode,
    ).toBe(404);
    // An answer is a record: the app cannot change it afterwards.
    await expect(
      harness.database.withTenant(world.tenantId, ({ db }) =>
        db.execute(sql`update opp_consents set decision = 'refused' where id = ${consent.id}`),
      ),
    ).rejects.toThrow();

    expect((await world.mentor.client.post(`/api/opp-versions/${versionId}/adopt`)).statusCode).toBe(200);
  });

  it('E12: a pupil who turns 18 today consents himself, through his own link, not the parents', async () => {
    const { trajectoryId, versionId } = await pupilWithDraft({ firstName: 'Daan', birthDate: yearsAgo(18) });
    const overview = (
      await world.mentor.client.get(`/api/trajectories/${trajectoryId}/opp`)
    ).json() as OppOverview;
    expect(overview).toMatchObject({ consentGiver: 'pupil', pupilLinkAllowed: true });
    const parents = await linkFor(trajectoryId);
    const page = (
      await harness.client().post('/api/public/opp', { token: parents.token })
    ).json() as OppParentView;
    expect(page.consent).toMatchObject({ giver: 'pupil', canAnswer: false });
    const notTheirs = await harness
      .client()
      .post('/api/public/opp/consent', { token: parents.token, decision: 'given' });
    expect(notTheirs.statusCode).toBe(409);
    expect(errorOf(notTheirs).code).toBe('opp_consent_not_yours');
    expect(await countRows('opp_consents', trajectoryId)).toBe(0);

    const own = await linkFor(trajectoryId, { holder: 'pupil' });
    expect(own.url).toMatch(/\/mijn-plan#token=/);
    const answered = await harness
      .client()
      .post('/api/public/opp/consent', { token: own.token, decision: 'given' });
    expect(answered.statusCode, answered.body).toBe(200);
    const after = (
      await world.mentor.client.get(`/api/trajectories/${trajectoryId}/opp`)
    ).json() as OppOverview;
    expect(after.consents[0]).toMatchObject({ givenBy: 'pupil', method: 'link' });
    expect((await world.mentor.client.post(`/api/opp-versions/${versionId}/adopt`)).statusCode).toBe(200);
  });

  it('E12: the pupil from 12 gets a link to a simple view of the plan and adds their own view; staff read it', async () => {
    const young = await pupilWithDraft({ firstName: 'Tijn', birthDate: addDays(yearsAgo(12), 1) });
    const tooYoung = await world.mentor.client.post(
      `/api/trajectories/${young.trajectoryId}/opp/parent-links`,
      {
        holder: 'pupil',
      },
    );
    expect(tooYoung.statusCode).toBe(422);
    expect(errorOf(tooYoung).code).toBe('opp_pupil_link_too_young');

    const { trajectoryId } = await pupilWithDraft({ firstName: 'Saar', birthDate: yearsAgo(12) });
    const pupilMail = email('saar');
    const own = await linkFor(trajectoryId, { holder: 'pupil', email: pupilMail });
    const mail = await smtp.waitForMail(pupilMail);
    expect(mail.text).not.toContain('Saar');
    expect(mail.text).toContain('/privacy/leerling');
    const anonymous = harness.client();
    const page = (await anonymous.post('/api/public/opp', { token: own.token })).json() as OppParentView;
    expect(page).toMatchObject({ holder: 'pupil', pupilFirstName: 'Saar', readers: [], pupilOwnView: null });
    expect(page.consent).toMatchObject({ giver: 'parents', canAnswer: false });
    const empty = await anonymous.post('/api/public/opp/pupil-view', { token: own.token, view: '' });
    expect(empty.statusCode).toBe(400);
    const added = await anonymous.post('/api/public/opp/pupil-view', {
      token: own.token,
      view: 'Ik vind de rustige plek fijn. Ik wil wel bij mijn vrienden in de klas blijven.',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect((added.json() as OppParentView).pupilOwnView).toContain('rustige plek');
    const overview = (
      await world.mentor.client.get(`/api/trajectories/${trajectoryId}/opp`)
    ).json() as OppOverview;
    expect(overview.pupilViews).toEqual([
      expect.objectContaining({ version: 1, view: expect.stringContaining('vrienden in de klas') }),
    ]);
    // The parents' link is not the pupil's voice.
    const parents = await linkFor(trajectoryId);
    const notPupil = await anonymous.post('/api/public/opp/pupil-view', {
      token: parents.token,
      view: 'Hallo',
    });
    expect(notPupil.statusCode).toBe(409);
    expect(errorOf(notPupil).code).toBe('opp_link_not_pupil');
    expect(await countRows('opp_pupil_views', trajectoryId)).toBe(1);
  });

  it('E12: a link used after the trajectory ended says so and changes nothing', async () => {
    const { trajectoryId } = await pupilWithDraft({ firstName: 'Fenna', birthDate: yearsAgo(13) });
    const parents = await linkFor(trajectoryId);
    const own = await linkFor(trajectoryId, { holder: 'pupil' });
    await harness.database.queryAsOwner(
      sql`update trajectories set status = 'ended', ended_on = ${today}, end_reason = 'goals_reached',
        ended_by_user_id = ${world.careCoordinator.userId} where id = ${trajectoryId}`,
    );
    const anonymous = harness.client();
    for (const [path, body] of [
      ['/api/public/opp', { token: parents.token }],
      ['/api/public/opp/consent', { token: parents.token, decision: 'given' }],
      ['/api/public/opp/pupil-view', { token: own.token, view: 'Ik wil terug.' }],
    ] as const) {
      const response = await anonymous.post(path, body);
      expect(response.statusCode, path).toBe(422);
      expect(errorOf(response).code).toBe('opp_link_trajectory_ended');
      expect(errorOf(response).message).toContain('afgelopen');
    }
    expect(await countRows('opp_consents', trajectoryId)).toBe(0);
    expect(await countRows('opp_pupil_views', trajectoryId)).toBe(0);
  });
});
