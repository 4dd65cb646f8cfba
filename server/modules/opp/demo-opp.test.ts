import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OppOverview } from '../../../contracts/opp.ts';
import { addDays, schoolYearOf } from '../../../contracts/school-year.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import {
  createTrajectoryWorld,
  insertTrajectory,
  type TrajectoryWorld,
} from '../../test/support/trajectories.test-support.ts';
import { seedDemoOpp } from './demo-opp.ts';

let harness: Harness;
let world: TrajectoryWorld;
const ids: Record<string, string> = {};

beforeAll(async () => {
  harness = await createHarness();
  world = await createTrajectoryWorld(harness);
  ids.noah = await insertTrajectory(harness, world, { firstName: 'Noah' });
  ids.mila = await insertTrajectory(harness, world, { firstName: 'Mila' });
  ids.other = await insertTrajectory(harness, world, {
    firstName: 'Daan',
    locationId: world.locationIds.other,
  });
  ids.sem = await insertTrajectory(harness, world, { firstName: 'Sem', status: 'eligible' });
  await harness.database.withTenant(world.tenantId, (transaction) =>
    seedDemoOpp(transaction, world.tenantId, harness.clock),
  );
});
afterAll(() => harness.close());

const overviewOf = async (id: string, client = world.mentor.client) =>
  (await client.get(`/api/trajectories/${id}/opp`)).json() as OppOverview;

describe('the demo OPPs', () => {
  it('E9: every active pupil has an adopted OPP; one evaluated, one with a draft; eligible pupils none', async () => {
    const noah = await overviewOf(ids.noah ?? '');
    expect(noah).toMatchObject({ adopted: { version: 1, parentsAgreement: 'agree' }, draft: null });
    expect(noah.evaluation.lastEvaluatedOn).not.toBeNull();
    const mila = await overviewOf(ids.mila ?? '');
    expect(mila.draft?.version).toBe(2);
    const other = await overviewOf(ids.other ?? '', world.otherVsoTeacher.client);
    // E8: no homework agreement where the expertise point offers no homework support.
    expect(other.adopted).toMatchObject({ homeworkAgreement: null });
    // Its planned moment passed a week ago: due, unless that was still last school year (early August).
    const weekAgo = addDays(harness.clock.today(), -7);
    expect(other.evaluation.due).toBe(schoolYearOf(weekAgo) === other.evaluation.schoolYear);
    expect((await overviewOf(ids.sem ?? '')).versions).toEqual([]);
  });
});
