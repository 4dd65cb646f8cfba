import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import { addDays, todayInAmsterdam } from '../../../contracts/school-year.ts';
import type { TrajectoryDetail, TrajectorySummary } from '../../../contracts/trajectories.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';

let harness: Harness;
let world: TrajectoryWorld;
const today = todayInAmsterdam();

const codes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);
const signal = (changes: Record<string, unknown> = {}) => ({
  locationId: world.locationIds.main,
  pupilFirstName: 'Noah',
  pupilLastName: 'de Graaf',
  pupilBirthDate: '2012-03-14',
  pupilClass: '2B',
  mentorUserId: world.mentor.userId,
  source: 'teacher',
  observed: 'Trekt zich terug en raakt in drukke lessen overprikkeld.',
  since: 'Sinds de herfstvakantie',
  tried: 'Vaste plek bij het raam, koptelefoon bij zelfstandig werken.',
  discussWith: 'mentor',
  ...changes,
});
const audited = async (event: string, id: string) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from audit_events where event = ${event} and object_id = ${id}`,
  );
  return Number(row?.n);
};

async function signalled(changes: Record<string, unknown> = {}): Promise<TrajectoryDetail> {
  const response = await world.teacher.client.post('/api/trajectories', signal(changes));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as TrajectoryDetail;
}

async function contacted(id: string) {
  const response = await world.mentor.client.post(`/api/trajectories/${id}/parents-contact`, {
    contactedOn: today,
    how: 'phone',
    outcome: 'Ouders herkennen het beeld van thuis.',
  });
  expect(response.statusCode, response.body).toBe(200);
}

beforeAll(async () => {
  harness = await createHarness();
  world = await createTrajectoryWorld(harness);
});
afterAll(() => harness.close());

describe('the intake (E9)', () => {
  it('E9: a teacher signals and sees their own signal and its status, not the file (P1)', async () => {
    const created = await signalled();
    expect(created).toMatchObject({ status: 'signalled', view: 'signal', decision: null });
    expect(created.signal).toMatchObject({ source: 'teacher', discussWith: 'mentor', signalledOn: today });
    const own = await world.teacher.client.get(`/api/signals/${created.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ view: 'signal', pupilBirthDate: null, parentsContact: null });
    expect((await world.teacher.client.get(`/api/trajectories/${created.id}`)).statusCode).toBe(403);
    const list = (await world.teacher.client.get('/api/signals')).json() as { items: TrajectorySummary[] };
    expect(list.items.map((item) => item.id)).toContain(created.id);
    expect(await audited('trajectories.viewed', created.id)).toBe(1);
  });

  it('E9: a teacher sees only the signals they recorded themselves (P1)', async () => {
    const other = await harness.createUser(world.tenantId, [
      { role: 'teacher', locationId: world.locationIds.main },
    ]);
    const otherTeacher = await harness.signedIn(other);
    const created = await signalled();
    expect((await otherTeacher.get(`/api/signals/${created.id}`)).statusCode).toBe(404);
    const list = (await otherTeacher.get('/api/signals')).json() as { total: number };
    expect(list.total).toBe(0);
  });

  it('E1: a signal belongs to a secondary location with an expertise point, one the signaller works at', async () => {
    const elsewhere = await world.teacher.client.post(
      '/api/trajectories',
      signal({ locationId: world.locationIds.other }),
    );
    // Out of reach, the location is refused on its field like an unknown one (issue 13 finding 4).
    expect(elsewhere.statusCode).toBe(400);
    expect((elsewhere.json() as ErrorResponse).error.fields).toEqual([
      expect.objectContaining({ path: 'locationId', code: 'unknown_reference' }),
    ]);
    const primaryTeacher = await harness.signedIn(
      await harness.createUser(world.tenantId, [{ role: 'teacher', locationId: world.locationIds.primary }]),
    );
    const primary = await primaryTeacher.post(
      '/api/trajectories',
      signal({ locationId: world.locationIds.primary }),
    );
    expect(primary.statusCode).toBe(422);
    expect((primary.json() as ErrorResponse).error.code).toBe('not_secondary');
    const notMentor = await world.teacher.client.post(
      '/api/trajectories',
      signal({ mentorUserId: world.teamLeader.userId }),
    );
    expect(notMentor.statusCode).toBe(400);
    expect(codes(notMentor)).toEqual([['mentorUserId', 'not_a_mentor_here']]);
  });

  it("E9: the parents raising a concern is recorded by the pupil's own mentor, for the team leader or care coordinator", async () => {
    const byTeacher = await world.teacher.client.post(
      '/api/trajectories',
      signal({ source: 'parents', discussWith: 'mentor' }),
    );
    expect(byTeacher.statusCode).toBe(400);
    expect(codes(byTeacher)).toEqual([
      ['source', 'parents_signal_by_mentor'],
      ['discussWith', 'parents_signal_discuss_with'],
    ]);
    const byMentor = await world.mentor.client.post(
      '/api/trajectories',
      signal({ source: 'parents', discussWith: 'care_coordinator' }),
    );
    expect(byMentor.statusCode, byMentor.body).toBe(201);
    expect(byMentor.json()).toMatchObject({ view: 'file', signal: { source: 'parents' } });
  });

  it('E9: the discussion and the contact with the parents are recorded with date, how and outcome', async () => {
    const created = await signalled();
    const discussion = await world.mentor.client.post(`/api/trajectories/${created.id}/discussion`, {
      discussedOn: today,
      outcome: 'Mentor neemt contact op met ouders.',
    });
    expect(discussion.statusCode, discussion.body).toBe(200);
    await contacted(created.id);
    const detail = (
      await world.careCoordinator.client.get(`/api/trajectories/${created.id}`)
    ).json() as TrajectoryDetail;
    expect(detail.discussion).toMatchObject({ discussedOn: today, discussedBy: { id: world.mentor.userId } });
    expect(detail.parentsContact).toMatchObject({ how: 'phone', contactedBy: { id: world.mentor.userId } });
    const future = await world.mentor.client.post(`/api/trajectories/${created.id}/discussion`, {
      discussedOn: addDays(today, 1),
      outcome: 'Later',
    });
    expect(codes(future)).toEqual([['discussedOn', 'date_in_future']]);
  });
});

describe('eligibility (E2)', () => {
  it('E9: no decision before the mentor has contacted the parents; nothing is saved', async () => {
    const created = await signalled();
    const response = await world.careCoordinator.client.post(`/api/trajectories/${created.id}/decision`, {
      decidedOn: today,
      eligible: true,
      problemKinds: ['behavioural'],
      reasons: 'Gedrag belemmert het leren.',
    });
    expect(response.statusCode).toBe(400);
    expect(codes(response)).toEqual([['decidedOn', 'parents_not_contacted']]);
    const detail = (
      await world.careCoordinator.client.get(`/api/trajectories/${created.id}`)
    ).json() as TrajectoryDetail;
    expect(detail).toMatchObject({ status: 'signalled', decision: null });
  });

  it('E2: an eligible pupil has a kind of problem; a pupil who does not qualify gets alternative advice', async () => {
    const created = await signalled();
    await contacted(created.id);
    const noKind = await world.careCoordinator.client.post(`/api/trajectories/${created.id}/decision`, {
      decidedOn: today,
      eligible: true,
      reasons: 'Past bij het expertisepunt.',
    });
    expect(codes(noKind)).toEqual([['problemKinds', 'problem_kind_required']]);
    const noAdvice = await world.careCoordinator.client.post(`/api/trajectories/${created.id}/decision`, {
      decidedOn: today,
      eligible: false,
      reasons: 'Geen onderwijsgerelateerde problematiek.',
    });
    expect(codes(noAdvice)).toEqual([['alternativeAdvice', 'alternative_advice_required']]);
    const notEligible = await world.teamLeader.client.post(`/api/trajectories/${created.id}/decision`, {
      decidedOn: today,
      eligible: false,
      reasons: 'Geen onderwijsgerelateerde problematiek.',
      alternativeAdvice:
        'Huiswerkbegeleiding via de mentor en een gesprek met de schoolmaatschappelijk werker.',
    });
    expect(notEligible.statusCode, notEligible.body).toBe(200);
    expect(notEligible.json()).toMatchObject({ status: 'not_eligible', decision: { eligible: false } });
    const again = await world.careCoordinator.client.post(`/api/trajectories/${created.id}/decision`, {
      decidedOn: today,
      eligible: true,
      problemKinds: ['medical'],
      reasons: 'Toch wel.',
    });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorResponse).error.code).toBe('transition_not_allowed');
  });

  it('E2, E9, E11: eligible, explained to the parents, ended with a diploma', async () => {
    const created = await signalled();
    await contacted(created.id);
    expect(
      (
        await world.mentor.client.post(`/api/trajectories/${created.id}/decision`, {
          decidedOn: today,
          eligible: true,
          problemKinds: ['autism_contact'],
          reasons: 'Autisme',
        })
      ).statusCode,
    ).toBe(403);
    const decided = await world.careCoordinator.client.post(`/api/trajectories/${created.id}/decision`, {
      decidedOn: today,
      eligible: true,
      problemKinds: ['autism_contact', 'psychological'],
      reasons: 'Prikkelverwerking en faalangst belemmeren het leren.',
    });
    expect(decided.json()).toMatchObject({
      status: 'eligible',
      decision: { eligible: true, problemKinds: ['autism_contact', 'psychological'] },
    });
    const explained = await world.mentor.client.post(`/api/trajectories/${created.id}/explained`, {
      explainedOn: today,
      how: 'in_person',
    });
    expect(explained.json()).toMatchObject({ explained: { explainedOn: today, how: 'in_person' } });
    const noLevel = await world.careCoordinator.client.post(`/api/trajectories/${created.id}/end`, {
      endedOn: today,
      reason: 'diploma',
      diplomaObtained: true,
      nextDestination: 'mbo niveau 4, ICT',
    });
    expect(codes(noLevel)).toEqual([['diplomaLevel', 'diploma_level_required']]);
    const ended = await world.careCoordinator.client.post(`/api/trajectories/${created.id}/end`, {
      endedOn: today,
      reason: 'diploma',
      diplomaObtained: true,
      diplomaLevel: 'vmbo_gl_tl',
      nextDestination: 'mbo niveau 4, ICT',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({
      status: 'ended',
      end: { diplomaObtained: true, diplomaLevel: 'vmbo_gl_tl' },
    });
    expect(await audited('trajectories.ended', created.id)).toBe(1);
  });
});

describe('who sees the file (P1)', () => {
  it('P1: a mentor sees their own pupils; the other location and another mentor see nothing', async () => {
    const created = await signalled();
    const otherMentor = await harness.signedIn(
      await harness.createUser(world.tenantId, [{ role: 'mentor', locationId: world.locationIds.main }]),
    );
    expect((await world.mentor.client.get(`/api/trajectories/${created.id}`)).statusCode).toBe(200);
    expect((await otherMentor.get(`/api/trajectories/${created.id}`)).statusCode).toBe(404);
    expect((await world.otherCareCoordinator.client.get(`/api/trajectories/${created.id}`)).statusCode).toBe(
      404,
    );
    expect((await world.vsoTeacher.client.get(`/api/trajectories/${created.id}`)).statusCode).toBe(200);
    // The mentor reads their pupil's file, but it is not a signal of their own: readable, not allowed.
    expect((await world.mentor.client.get(`/api/signals/${created.id}`)).statusCode).toBe(403);
    const mentorList = (await otherMentor.get('/api/trajectories')).json() as { total: number };
    expect(mentorList.total).toBe(0);
    const otherList = (await world.otherCareCoordinator.client.get('/api/trajectories')).json() as {
      total: number;
    };
    expect(otherList.total).toBe(0);
    const filtered = (
      await world.careCoordinator.client.get('/api/trajectories?status=signalled&q=noah')
    ).json() as {
      items: TrajectorySummary[];
    };
    expect(
      filtered.items.every((item) => item.status === 'signalled' && item.pupilName === 'Noah de Graaf'),
    ).toBe(true);
    expect(filtered.items.map((item) => item.id)).toContain(created.id);
  });

  it("offers the location's mentors to pick from", async () => {
    const response = await world.teacher.client.get(
      `/api/signal-mentors?locationId=${world.locationIds.main}`,
    );
    expect(response.statusCode).toBe(200);
    expect((response.json() as Array<{ id: string }>).map((mentor) => mentor.id)).toContain(
      world.mentor.userId,
    );
  });
});

describe('lists and the single-record check (P1)', () => {
  it('P1: for every role, the ids a list shows are the ids whose detail answers 200', async () => {
    const secondMentor = await harness.createUser(world.tenantId, [
      { role: 'mentor', locationId: world.locationIds.main },
    ]);
    const otherMentor = await harness.signedIn(secondMentor);
    const otherTeacher = await harness.signedIn(
      await harness.createUser(world.tenantId, [{ role: 'teacher', locationId: world.locationIds.main }]),
    );
    // The mentor signals about another mentor's pupil: their own signal, not their pupil's file.
    const bySomeoneElse = await world.mentor.client.post(
      '/api/trajectories',
      signal({ mentorUserId: secondMentor.userId }),
    );
    expect(bySomeoneElse.statusCode, bySomeoneElse.body).toBe(201);
    const foreignFile = (bySomeoneElse.json() as TrajectoryDetail).id;
    expect((await world.mentor.client.get(`/api/trajectories/${foreignFile}`)).statusCode).toBe(403);
    expect((await world.mentor.client.get(`/api/signals/${foreignFile}`)).statusCode).toBe(200);
    await insertTrajectory(harness, world, {
      locationId: world.locationIds.other,
      mentorUserId: world.otherCareCoordinator.userId,
    });
    await insertTrajectory(harness, world, { status: 'ended' });

    const allIds = (
      await harness.database.queryAsOwner<{ id: string }>(
        sql`select id from trajectories where tenant_id = ${world.tenantId} order by id`,
      )
    ).map((row) => row.id);
    expect(allIds.length).toBeLessThanOrEqual(100);
    const clients = {
      teacher: world.teacher.client,
      otherTeacher,
      mentor: world.mentor.client,
      otherMentor,
      teamLeader: world.teamLeader.client,
      careCoordinator: world.careCoordinator.client,
      vsoTeacher: world.vsoTeacher.client,
      otherVsoTeacher: world.otherVsoTeacher.client,
      otherCareCoordinator: world.otherCareCoordinator.client,
    };
    for (const path of ['/api/trajectories', '/api/signals']) {
      for (const [role, client] of Object.entries(clients)) {
        const list = await client.get(`${path}?pageSize=100`);
        // Without the action at all the list is refused, and so is every detail.
        if (list.statusCode !== 200)
          expect({ role, path, status: list.statusCode }).toMatchObject({ status: 403 });
        const listed =
          list.statusCode === 200
            ? (list.json() as { items: TrajectorySummary[] }).items.map((item) => item.id)
            : [];
        const readable: string[] = [];
        for (const id of allIds)
          if ((await client.get(`${path}/${id}`)).statusCode === 200) readable.push(id);
        expect({ role, path, ids: listed.sort() }).toEqual({ role, path, ids: readable.sort() });
      }
    }
  });

  it('P2: a list read records which pupils it showed', async () => {
    const list = await world.careCoordinator.client.get('/api/trajectories?pageSize=5');
    expect(list.statusCode).toBe(200);
    const shown = (list.json() as { items: TrajectorySummary[] }).items.map((item) => item.id);
    expect(shown.length).toBeGreaterThan(0);
    const [event] = await harness.database.queryAsOwner<{
      details: { count: number; trajectoryIds: string[] };
    }>(
      sql`select details from audit_events where event = 'trajectories.listed'
        and actor_user_id = ${world.careCoordinator.userId} order by occurred_at desc limit 1`,
    );
    expect(event?.details).toEqual({ count: shown.length, trajectoryIds: shown });
  });
});

describe('sorting a list', () => {
  it('sorts on the pupil, the class or the signal date, breaks ties on the id, and refuses an unknown sort', async () => {
    // Their own class, so the search finds only these; names that sort alike in every collation.
    const pupils = [
      { lastName: 'Claassen', firstName: 'Eva', className: '9Z', signalledAt: '2026-09-03T08:00:00Z' },
      { lastName: 'Aalbers', firstName: 'Tim', className: '9Z', signalledAt: '2026-09-01T08:00:00Z' },
      { lastName: 'Bakker', firstName: 'Sem', className: '9Z', signalledAt: '2026-09-04T08:00:00Z' },
      { lastName: 'Bakker', firstName: 'Sem', className: '9Z', signalledAt: '2026-09-02T08:00:00Z' },
    ];
    const ids: string[] = [];
    for (const pupil of pupils) {
      const id = await insertTrajectory(harness, world);
      await harness.database.queryAsOwner(
        sql`update trajectories set pupil_last_name = ${pupil.lastName}, pupil_first_name = ${pupil.firstName},
          pupil_class = ${pupil.className}, created_at = ${pupil.signalledAt} where id = ${id}`,
      );
      ids.push(id);
    }
    const [claassen, aalbers, bakker1, bakker2] = ids as [string, string, string, string];
    const [firstBakker, secondBakker] = [bakker1, bakker2].sort();
    const listed = async (sort: string, pageSize = 25) => {
      const shown: string[] = [];
      for (let page = 1; page <= Math.ceil(pupils.length / pageSize); page += 1) {
        const response = await world.careCoordinator.client.get(
          `/api/trajectories?q=9Z&sort=${encodeURIComponent(sort)}&pageSize=${pageSize}&page=${page}`,
        );
        expect(response.statusCode, response.body).toBe(200);
        shown.push(...(response.json() as { items: TrajectorySummary[] }).items.map((item) => item.id));
      }
      return shown;
    };

    expect(await listed('pupil')).toEqual([aalbers, firstBakker, secondBakker, claassen]);
    expect(await listed('-pupil')).toEqual([claassen, secondBakker, firstBakker, aalbers]);
    expect(await listed('signalledOn')).toEqual([aalbers, bakker2, claassen, bakker1]);
    expect(await listed('-signalledOn')).toEqual([bakker1, claassen, bakker2, aalbers]);
    // One row per page: the two pupils of the same name are neither lost nor shown twice.
    expect(await listed('pupil', 1)).toEqual([aalbers, firstBakker, secondBakker, claassen]);
    expect(await listed('pupilClass', 1)).toEqual([aalbers, firstBakker, secondBakker, claassen]);

    for (const sort of ['name', 'pupil_last_name', '-', 'pupil;drop']) {
      const refused = await world.careCoordinator.client.get(
        `/api/trajectories?sort=${encodeURIComponent(sort)}`,
      );
      expect(refused.statusCode).toBe(400);
      expect(codes(refused)).toEqual([['sort', 'invalid_value']]);
    }
  });
});

describe('the date comes from the clock', () => {
  afterEach(() => harness.clock.set(null));

  it("E9: a signal is dated by the clock, and the intake's dates are checked against the clock's today", async () => {
    harness.clock.set('2026-03-02');
    const created = await signalled();
    expect(created.signal.signalledOn).toBe('2026-03-02');
    const discuss = (discussedOn: string) =>
      world.mentor.client.post(`/api/trajectories/${created.id}/discussion`, {
        discussedOn,
        outcome: 'Besproken',
      });
    expect(codes(await discuss('2026-03-03'))).toEqual([['discussedOn', 'date_in_future']]);
    expect(codes(await discuss('2026-03-01'))).toEqual([['discussedOn', 'date_before_previous_step']]);
    expect((await discuss('2026-03-02')).statusCode).toBe(200);
  });
});
