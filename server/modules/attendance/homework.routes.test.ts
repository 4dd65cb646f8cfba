import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeworkItem, HomeworkPage, HomeworkSession } from '../../../contracts/attendance.ts';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import { addDays } from '../../../contracts/school-year.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';

let harness: Harness;
let world: TrajectoryWorld;
let pupil: string;
let pupilElsewhere: string;
// Tuesday 6 October 2026 in Amsterdam (the app's clock).
const today = '2026-10-06';

const fields = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);
const itemsOf = async (trajectoryId: string) => {
  const [row] = await harness.database.queryAsOwner<{ n: number }>(
    sql`select count(*)::int as n from homework_items where trajectory_id = ${trajectoryId}::uuid`,
  );
  return Number(row?.n);
};
const item = (changes: Record<string, unknown> = {}) => ({
  kind: 'test',
  subject: 'Aardrijkskunde',
  description: 'Proefwerk hoofdstuk 3: klimaatzones',
  dueOn: addDays(today, 7),
  ...changes,
});

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set(today);
  world = await createTrajectoryWorld(harness);
  pupil = await insertTrajectory(harness, world, { firstName: 'Noah' });
  pupilElsewhere = await insertTrajectory(harness, world, {
    firstName: 'Mila',
    locationId: world.locationIds.other,
  });
});
afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});

describe('homework support (E4, E8)', () => {
  it('E4: plans homework and a work session at a location without the homework extras', async () => {
    const response = await world.otherVsoTeacher.client.post(
      `/api/trajectories/${pupilElsewhere}/homework`,
      item(),
    );
    expect(response.statusCode, response.body).toBe(201);
    const planned = response.json() as HomeworkItem;
    const session = await world.otherVsoTeacher.client.post(`/api/homework-items/${planned.id}/sessions`, {
      plannedOn: today,
      plannedWork: 'Begrippenlijst hoofdstuk 3 leren',
    });
    expect(session.statusCode, session.body).toBe(201);
    expect(session.json()).toMatchObject({ kind: 'work' });
    const page = (
      await world.otherVsoTeacher.client.get(`/api/trajectories/${pupilElsewhere}/homework`)
    ).json() as HomeworkPage;
    expect(page).toMatchObject({ offersHomeworkSupport: false, canManage: true, total: 1 });
  });

  it('E8: structuring and homework support sessions are refused where the location offers no extras', async () => {
    const [planned] = (
      (
        await world.otherVsoTeacher.client.get(`/api/trajectories/${pupilElsewhere}/homework`)
      ).json() as HomeworkPage
    ).items;
    for (const kind of ['structuring', 'homework_support']) {
      const refused = await world.otherVsoTeacher.client.post(`/api/homework-items/${planned?.id}/sessions`, {
        kind,
        plannedOn: today,
        plannedWork: 'Weekplanning maken',
      });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(fields(refused)).toEqual([['kind', 'homework_support_not_offered']]);
    }
    expect(await itemsOf(pupilElsewhere)).toBe(1);
  });

  it('E4: refuses homework for a pupil without an active trajectory, and a deadline in the past', async () => {
    const ended = await insertTrajectory(harness, world, { status: 'ended', firstName: 'Yara' });
    const notActive = await world.vsoTeacher.client.post(`/api/trajectories/${ended}/homework`, item());
    expect(notActive.statusCode).toBe(409);
    expect(fields(notActive)).toEqual([['trajectoryId', 'homework_not_active']]);
    const past = await world.vsoTeacher.client.post(
      `/api/trajectories/${pupil}/homework`,
      item({ dueOn: addDays(today, -1) }),
    );
    expect(past.statusCode).toBe(400);
    expect(fields(past)).toEqual([['dueOn', 'homework_due_in_past']]);
    expect(await itemsOf(pupil)).toBe(0);
  });

  it('E4: the VSO teacher plans an item with work sessions before its deadline and checks them', async () => {
    const created = await world.vsoTeacher.client.post(`/api/trajectories/${pupil}/homework`, item());
    expect(created.statusCode, created.body).toBe(201);
    const test = created.json() as HomeworkItem;
    expect(test).toMatchObject({ kind: 'test', subject: 'Aardrijkskunde', sessions: [] });

    const late = await world.vsoTeacher.client.post(`/api/homework-items/${test.id}/sessions`, {
      plannedOn: addDays(today, 8),
      plannedWork: 'Samenvatting maken',
    });
    expect(late.statusCode).toBe(400);
    expect(fields(late)).toEqual([['plannedOn', 'homework_session_after_deadline']]);

    const now = await world.vsoTeacher.client.post(`/api/homework-items/${test.id}/sessions`, {
      plannedOn: today,
      plannedWork: 'Paragraaf 3.1 en 3.2 lezen, begrippen in schrift',
    });
    expect(now.statusCode, now.body).toBe(201);
    const later = await world.vsoTeacher.client.post(`/api/homework-items/${test.id}/sessions`, {
      kind: 'homework_support',
      plannedOn: addDays(today, 7),
      plannedWork: 'Oefentoets maken',
    });
    expect(later.statusCode, later.body).toBe(201);
    // E8: this location offers homework support on top.
    expect(later.json()).toMatchObject({ kind: 'homework_support' });

    const early = await world.vsoTeacher.client.put(
      `/api/homework-sessions/${(later.json() as HomeworkSession).id}/check`,
      { result: 'done' },
    );
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual([['result', 'homework_check_too_early']]);

    const checked = await world.vsoTeacher.client.put(
      `/api/homework-sessions/${(now.json() as HomeworkSession).id}/check`,
      { result: 'partly', note: '3.1 af, 3.2 morgen thuis.' },
    );
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ result: 'partly', note: '3.1 af, 3.2 morgen thuis.' });
    expect((checked.json() as HomeworkSession).checkedByName).toBeTruthy();
    expect((checked.json() as HomeworkSession).checkedAt).toBe(harness.clock.now().toISOString());
    const bad = await world.vsoTeacher.client.put(
      `/api/homework-sessions/${(now.json() as HomeworkSession).id}/check`,
      { result: 'perfect' },
    );
    expect(bad.statusCode).toBe(400);
  });

  it('E4: the mentor sees the homework and its checks read-only; others do not reach it (P1)', async () => {
    const response = await world.mentor.client.get(`/api/trajectories/${pupil}/homework`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as HomeworkPage;
    expect(page).toMatchObject({ offersHomeworkSupport: true, canManage: false, total: 1 });
    expect(page.items[0]?.sessions.map((session) => session.result)).toEqual(['partly', null]);
    expect((await world.mentor.client.post(`/api/trajectories/${pupil}/homework`, item())).statusCode).toBe(
      403,
    );
    const own = (
      await world.vsoTeacher.client.get(`/api/trajectories/${pupil}/homework`)
    ).json() as HomeworkPage;
    expect(own.canManage).toBe(true);
    expect((await world.teacher.client.get(`/api/trajectories/${pupil}/homework`)).statusCode).toBe(403);
    expect((await world.otherVsoTeacher.client.get(`/api/trajectories/${pupil}/homework`)).statusCode).toBe(
      404,
    );
    const sessionId = page.items[0]?.sessions[0]?.id;
    expect(
      (
        await world.otherVsoTeacher.client.put(`/api/homework-sessions/${sessionId}/check`, {
          result: 'done',
        })
      ).statusCode,
    ).toBe(404);
    const [audited] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from audit_events where event = 'homework.viewed' and tenant_id = ${world.tenantId}::uuid`,
    );
    expect(Number(audited?.n)).toBeGreaterThanOrEqual(2);
  });

  it('E4: lists upcoming deadlines first, paginated', async () => {
    await world.vsoTeacher.client.post(
      `/api/trajectories/${pupil}/homework`,
      item({
        kind: 'assignment',
        subject: 'Nederlands',
        description: 'Boekverslag',
        dueOn: addDays(today, 2),
      }),
    );
    const first = (
      await world.vsoTeacher.client.get(`/api/trajectories/${pupil}/homework?pageSize=1`)
    ).json() as HomeworkPage;
    expect(first).toMatchObject({ total: 2, pageSize: 1 });
    expect(first.items.map((row) => row.subject)).toEqual(['Nederlands']);
  });
});

describe('not found and forbidden', () => {
  it('P1: homework of a pupil the actor reads but may not plan for answers 403; out of their reach 404', async () => {
    const created = await harness.createUser(world.tenantId, [
      { role: 'vso_teacher', locationId: world.locationIds.other },
      { role: 'mentor', locationId: world.locationIds.main },
    ]);
    const twoRoles = await harness.signedIn(created);
    const daan = await insertTrajectory(harness, world, { firstName: 'Daan', mentorUserId: created.userId });
    const made = await world.vsoTeacher.client.post(`/api/trajectories/${daan}/homework`, item());
    expect(made.statusCode, made.body).toBe(201);
    const itemId = (made.json() as HomeworkItem).id;
    const planned = await world.vsoTeacher.client.post(`/api/homework-items/${itemId}/sessions`, {
      plannedOn: today,
      plannedWork: 'Begrippenlijst maken',
    });
    const sessionId = (planned.json() as HomeworkSession).id;
    // As Daan's mentor they read his homework, but plan and check it only at their own point.
    expect((await twoRoles.get(`/api/trajectories/${daan}/homework`)).statusCode).toBe(200);
    expect((await twoRoles.post(`/api/trajectories/${daan}/homework`, item())).statusCode).toBe(403);
    expect(
      (
        await twoRoles.post(`/api/homework-items/${itemId}/sessions`, {
          plannedOn: today,
          plannedWork: 'Lezen',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await twoRoles.put(`/api/homework-sessions/${sessionId}/check`, { result: 'done' })).statusCode,
    ).toBe(403);
    expect(await itemsOf(daan)).toBe(1);
    // Another pupil at the main point is out of their reach altogether.
    expect((await twoRoles.post(`/api/trajectories/${pupil}/homework`, item())).statusCode).toBe(404);
    expect(
      (
        await world.otherVsoTeacher.client.post(`/api/homework-items/${itemId}/sessions`, {
          plannedOn: today,
          plannedWork: 'Lezen',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('homework and the pupil file agree (P1)', () => {
  it('P1: for every role, the homework answers 200 for exactly the pupils whose file it reads, with every item of the pupil', async () => {
    const pupils = await harness.database.queryAsOwner<{ id: string }>(
      sql`select id from trajectories where tenant_id = ${world.tenantId}::uuid order by id`,
    );
    const items = await harness.database.queryAsOwner<{ id: string; trajectory_id: string }>(
      sql`select id, trajectory_id from homework_items where tenant_id = ${world.tenantId}::uuid`,
    );
    const actors = {
      teacher: world.teacher.client,
      mentor: world.mentor.client,
      teamLeader: world.teamLeader.client,
      careCoordinator: world.careCoordinator.client,
      vsoTeacher: world.vsoTeacher.client,
      otherVsoTeacher: world.otherVsoTeacher.client,
      otherCareCoordinator: world.otherCareCoordinator.client,
    };
    const reached: Record<string, string[]> = {};
    for (const [name, client] of Object.entries(actors)) {
      reached[name] = [];
      for (const { id } of pupils) {
        const homework = await client.get(`/api/trajectories/${id}/homework?pageSize=100`);
        const file = await client.get(`/api/trajectories/${id}/attendance`);
        expect(homework.statusCode, `${name} ${id}`).toBe(file.statusCode);
        if (homework.statusCode !== 200) continue;
        reached[name]?.push(id);
        const listed = (homework.json() as HomeworkPage).items.map((row) => row.id).sort();
        const stored = items
          .filter((row) => row.trajectory_id === id)
          .map((row) => row.id)
          .sort();
        expect(listed, `${name} ${id}`).toEqual(stored);
      }
    }
    expect(reached.vsoTeacher).toContain(pupil);
    expect(reached.mentor).toContain(pupil);
    expect(reached.otherVsoTeacher).toEqual([pupilElsewhere]);
    expect(reached.teacher).toEqual([]);
  });
});
