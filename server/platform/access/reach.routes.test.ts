import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reach } from '../../../contracts/auth.ts';
import { json, signInFully } from '../../test/auth-helpers.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { pupilRequestForm } from '../../test/support/requests.test-support.ts';

let harness: Harness;
let tenant: Awaited<ReturnType<Harness['createTenant']>>;

beforeAll(async () => {
  harness = await createHarness();
  // Location a is a primary school (bo), b a secondary one (vo).
  tenant = await harness.createTenant(['a', 'b']);
});
afterAll(async () => {
  await harness.close();
});

type Assignment = Parameters<Harness['createUser']>[1][number];

async function reachOf(
  assignments: Assignment[],
): Promise<{ reach: Reach; client: Awaited<ReturnType<typeof signInFully>> }> {
  const user = await harness.createUser(tenant.tenantId, assignments);
  const client = await signInFully(harness, user);
  const session = json(await client.get('/api/session')) as { reach: Reach };
  return { reach: session.reach, client };
}

describe('the session says where the user works (issue 16)', () => {
  it('a role at a location reaches that location’s sector', async () => {
    expect((await reachOf([{ role: 'teacher', locationId: tenant.locationIds.a }])).reach).toEqual({
      sectors: ['primary'],
      has: [],
    });
    expect((await reachOf([{ role: 'mentor', locationId: tenant.locationIds.b }])).reach.sectors).toEqual([
      'secondary',
    ]);
  });

  it('roles at both kinds of school reach both', async () => {
    const { reach } = await reachOf([
      { role: 'teacher', locationId: tenant.locationIds.a },
      { role: 'mentor', locationId: tenant.locationIds.b },
    ]);
    expect(reach.sectors).toEqual(['primary', 'secondary']);
  });

  it('the expertise team works in primary education, the staff office wherever the partnership has schools', async () => {
    expect((await reachOf([{ role: 'team_member', teamRole: 'inclusion_adviser' }])).reach.sectors).toEqual([
      'primary',
    ]);
    for (const role of ['coordinator', 'functional_admin', 'privacy_officer'] as const)
      expect((await reachOf([{ role }])).reach.sectors).toEqual(['primary', 'secondary']);
  });

  it('requests are in the reach of whoever sees one, by the same filter as the request list', async () => {
    const primary = await reachOf([{ role: 'director', locationId: tenant.locationIds.a }]);
    const secondary = await reachOf([{ role: 'director', locationId: tenant.locationIds.b }]);
    expect(primary.reach).toEqual({ sectors: ['primary'], has: [] });
    const created = await primary.client.post(
      '/api/requests',
      pupilRequestForm(tenant.locationIds.a as string),
    );
    expect(created.statusCode, created.body).toBe(201);
    const reachNow = async (client: typeof primary.client) =>
      (json(await client.get('/api/session')) as { reach: Reach }).reach;
    expect((await reachNow(primary.client)).has).toEqual(['requests']);
    // The director of the secondary school holds the action, but no request of theirs exists.
    expect((await reachNow(secondary.client)).has).toEqual([]);
  });
});
