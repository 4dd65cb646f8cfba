import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeworkItem, HomeworkPage, HomeworkSession } from '../../../contracts/attendance.ts';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import { addDays, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../trajectories/trajectories.test-support.ts';

let harness: Harness;
let world: TrajectoryWorld;
let pupil: string;
let pupilElsewhere: string;
const today = todayInAmsterdam();

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
  world = await createTrajectoryWorld(harness);
  pupil = await insertTrajectory(harness, world, { firstName: 'Noah' });
  pupilElsewhere = await insertTrajectory(harness, world, {
    firstName: 'Mila',
    locationId: world.locationIds.other,
  });
});
afterAll(() => harness.close());

describe('homework support (E4, E8)', () => {
  it('E8: refuses homework at a location that does not offer homework support; nothing is saved', async () => {
    const response = await world.otherVsoTeacher.client.post(
      `/api/trajectories/${pupilElsewhere}/homework`,
      item(),
    );
    expect(response.statusCode, response.body).toBe(409);
    expect(fields(response)).toEqual([['trajectoryId', 'homework_not_offered']]);
    expect(await itemsOf(pupilElsewhere)).toBe(0);
    const page = (
      await world.otherVsoTeacher.client.get(`/api/trajectories/${pupilElsewhere}/homework`)
    ).json() as HomeworkPage;
    expect(page).toMatchObject({ offersHomeworkSupport: false, canManage: false, total: 0 });
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
      plannedOn: addDays(today, 7),
      plannedWork: 'Oefentoets maken',
    });
    expect(later.statusCode).toBe(201);

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
