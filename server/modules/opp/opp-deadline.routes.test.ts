import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { MyWork } from '../../../contracts/my-work.ts';
import type { TrajectoryDetail, TrajectorySummary } from '../../../contracts/trajectories.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';
import { oppAdoptionDeadlineSql } from '../trajectories/trajectories.attention.ts';
import { oppAdoptionDeadlineOf } from './opp-deadline.rules.ts';

let harness: Harness;
let world: TrajectoryWorld;

const codes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);

/** An active trajectory at `main`, signalled on 1 September 2026, decided eligible on 15 September. */
async function trajectory(): Promise<string> {
  const id = await insertTrajectory(harness, world);
  await harness.database.queryAsOwner(
    sql`update trajectories set created_at = '2026-09-01T09:00:00+02:00' where id = ${id}`,
  );
  return id;
}

async function detail(client: TestClient, id: string): Promise<TrajectoryDetail> {
  const response = await client.get(`/api/trajectories/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TrajectoryDetail;
}

const setStart = (client: TestClient, id: string, supportStartedOn: string | null) =>
  client.post(`/api/trajectories/${id}/support-start`, { supportStartedOn });

async function overdueItem(client: TestClient) {
  const response = await client.get('/api/my-work');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as MyWork).items.find((item) => item.kind === 'opp_adoption_overdue');
}

async function overdueList(client: TestClient): Promise<string[]> {
  const response = await client.get('/api/trajectories?attention=opp_adoption_overdue&pageSize=100');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: TrajectorySummary[] }).items.map((item) => item.id);
}

beforeAll(async () => {
  harness = await createHarness();
  world = await createTrajectoryWorld(harness);
});
afterEach(() => harness.clock.set(null));
afterAll(() => harness.close());

describe('the OPP within six weeks after extra support starts (E13)', () => {
  it('E13: the SQL deadline is the rule function on the same dates (boundary, DST, set or not)', async () => {
    const cases: Array<[string | null, string | null]> = [
      [null, '2026-09-14'],
      ['2026-07-31', '2026-07-20'],
      ['2026-08-01', null],
      ['2026-10-01', '2026-09-14'],
      ['2027-03-01', null],
      ['2027-03-28', '2027-03-01'],
      ['2028-02-10', null],
      [null, null],
    ];
    for (const [supportStartedOn, eligibilityDecidedOn] of cases) {
      const [row] = await harness.database.queryAsOwner<{ deadline: string | null }>(
        sql`select ${oppAdoptionDeadlineSql({
          supportStartedOn: sql`${supportStartedOn}::date`,
          eligibilityDecidedOn: sql`${eligibilityDecidedOn}::date`,
        })}::text as deadline`,
      );
      expect(row?.deadline ?? null).toBe(oppAdoptionDeadlineOf({ supportStartedOn, eligibilityDecidedOn }));
    }
  });

  it("E13: without a start of its own the decision's date counts; the mentor and care coordinator see it near", async () => {
    const id = await trajectory();
    harness.clock.set('2026-10-21');
    for (const client of [world.careCoordinator.client, world.mentor.client]) {
      expect((await detail(client, id)).oppDeadline).toEqual({
        supportStartedOn: '2026-09-15',
        startIsSet: false,
        deadline: '2026-10-27',
        state: 'near',
        firstAdoptedOn: null,
      });
    }
  });

  it('E13: the care coordinator or team leader sets the start; the deadline moves and it is audited', async () => {
    const id = await trajectory();
    harness.clock.set('2026-10-21');
    const response = await setStart(world.careCoordinator.client, id, '2026-10-01');
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as TrajectoryDetail).oppDeadline).toMatchObject({
      supportStartedOn: '2026-10-01',
      startIsSet: true,
      deadline: '2026-11-12',
      state: 'open',
    });
    const [audit] = await harness.database.queryAsOwner<{ n: number }>(
      sql`select count(*)::int as n from audit_events where event = 'trajectories.support_start_set' and object_id = ${id}`,
    );
    expect(Number(audit?.n)).toBe(1);
    const reset = await setStart(world.teamLeader.client, id, null);
    expect(reset.statusCode, reset.body).toBe(200);
    expect((reset.json() as TrajectoryDetail).oppDeadline).toMatchObject({
      startIsSet: false,
      deadline: '2026-10-27',
    });
  });

  it('E13: the mentor and the VSO teacher read the deadline but do not set the start', async () => {
    const id = await trajectory();
    expect((await setStart(world.mentor.client, id, '2026-10-01')).statusCode).toBe(403);
    expect((await setStart(world.vsoTeacher.client, id, '2026-10-01')).statusCode).toBe(403);
    expect((await setStart(world.otherCareCoordinator.client, id, '2026-10-01')).statusCode).toBe(404);
  });

  it('E13: a start before the signal or over six weeks ahead is refused; so is one on an ended trajectory', async () => {
    const id = await trajectory();
    harness.clock.set('2026-10-21');
    const early = await setStart(world.careCoordinator.client, id, '2026-08-31');
    expect(early.statusCode).toBe(400);
    expect(codes(early)).toEqual([['supportStartedOn', 'support_start_before_signal']]);
    const far = await setStart(world.careCoordinator.client, id, '2026-12-03');
    expect(codes(far)).toEqual([['supportStartedOn', 'support_start_too_far_ahead']]);
    expect((await setStart(world.careCoordinator.client, id, '2026-12-02')).statusCode).toBe(200);
    const ended = await insertTrajectory(harness, world, { status: 'ended' });
    expect((await setStart(world.careCoordinator.client, ended, '2026-10-01')).statusCode).toBe(409);
  });

  it('E13: an OPP past its deadline shows on "Mijn werk" and in the linked list, by the same rule', async () => {
    const id = await trajectory();
    harness.clock.set('2026-10-28');
    expect(await overdueList(world.careCoordinator.client)).toContain(id);
    expect((await overdueItem(world.careCoordinator.client))?.severity).toBe('warning');
    const item = await overdueItem(world.careCoordinator.client);
    expect(item?.to).toBe('/trajecten?aandacht=opp_adoption_overdue');
    // On the deadline day itself it is not overdue yet.
    harness.clock.set('2026-10-27');
    expect(await overdueList(world.careCoordinator.client)).not.toContain(id);
    // A later start moves it out of the overdue ones.
    harness.clock.set('2026-10-28');
    expect((await setStart(world.careCoordinator.client, id, '2026-10-01')).statusCode).toBe(200);
    expect(await overdueList(world.careCoordinator.client)).not.toContain(id);
    expect((await detail(world.careCoordinator.client, id)).oppDeadline?.state).toBe('open');
  });
});
