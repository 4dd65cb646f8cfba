import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { quoteLiteral } from './read-confirmations.ts';

let harness: Harness;
let tenantId: string;
let locationId: string;

beforeAll(async () => {
  harness = await createHarness();
  const tenant = await harness.createTenant(['a']);
  tenantId = tenant.tenantId;
  locationId = tenant.locationIds.a ?? '';
});
afterAll(() => harness.close());

async function coordinator(): Promise<{ client: TestClient; userId: string }> {
  const user = await harness.createUser(tenantId, [{ role: 'coordinator' }]);
  return { client: await harness.signedIn(user), userId: user.userId };
}

async function viewedEvents(userId: string): Promise<number> {
  const [row] = await harness.database.queryAsOwner<{ total: number }>(
    sql`select count(*)::int as total from audit_events
        where actor_user_id = ${userId} and event = 'locations.viewed' and object_id = ${locationId}`,
  );
  return Number(row?.total);
}

describe('the request path', () => {
  it('P7: a session ended elsewhere counts from the very next request, though the session was cached', async () => {
    const { client, userId } = await coordinator();
    expect((await client.get(`/api/locations/${locationId}`)).statusCode).toBe(200);
    // Another instance signs the user out: this one's cache still holds the session.
    await harness.database.queryAsOwner(sql`delete from sessions where user_id = ${userId}`);
    expect((await client.get(`/api/locations/${locationId}`)).statusCode).toBe(401);
  });

  it('P7: an account ended elsewhere counts from the very next request', async () => {
    const { client, userId } = await coordinator();
    expect((await client.get(`/api/locations/${locationId}`)).statusCode).toBe(200);
    await harness.database.queryAsOwner(sql`update users set status = 'disabled' where id = ${userId}`);
    expect((await client.get(`/api/locations/${locationId}`)).statusCode).toBe(401);
  });

  it('a role taken away counts from the very next request, and a role given too', async () => {
    const { client, userId } = await coordinator();
    expect((await client.get(`/api/locations/${locationId}`)).statusCode).toBe(200);
    await harness.database.queryAsOwner(sql`delete from role_assignments where user_id = ${userId}`);
    expect((await client.get(`/api/locations/${locationId}`)).statusCode).toBe(403);
    await harness.database.queryAsOwner(
      sql`insert into role_assignments (tenant_id, user_id, role) values (${tenantId}, ${userId}, 'coordinator')`,
    );
    expect((await client.get(`/api/locations/${locationId}`)).statusCode).toBe(200);
  });

  it('P2: a read answers only after its audit event is committed, also when many reads share a batch', async () => {
    const { client, userId } = await coordinator();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => client.get(`/api/locations/${locationId}`)),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(12).fill(200));
    expect(await viewedEvents(userId)).toBe(12);
    // The events carry the actor's roles and the request that read.
    const [event] = await harness.database.queryAsOwner<{ roles: string[]; request_id: string | null }>(
      sql`select actor_roles as roles, request_id from audit_events
          where actor_user_id = ${userId} and event = 'locations.viewed' limit 1`,
    );
    expect(event?.roles).toEqual(['coordinator']);
    expect(event?.request_id).toBeTruthy();
  });

  it('the clock of the context can be set: the location list defaults to the school year of that date', async () => {
    const { client } = await coordinator();
    harness.clock.set('2031-09-15');
    try {
      const page = (await client.get('/api/locations')).json() as { schoolYear: number };
      expect(page.schoolYear).toBe(2031);
      harness.clock.set('2031-07-31');
      expect(((await client.get('/api/locations')).json() as { schoolYear: number }).schoolYear).toBe(2030);
    } finally {
      harness.clock.set(null);
    }
  });

  it('a quoted literal of the read confirmation comes back as the very same text, on both databases', async () => {
    const texts = [
      "it's",
      "''; drop table audit_events; --",
      "back\\slash \\' quote",
      '$$ dollar $tag$',
      JSON.stringify({ name: 'O\'Brien \\ "x"', emoji: '😀', control: '\u0001' }),
    ];
    for (const text of texts) {
      const [rows] = await harness.database.runStatements(tenantId, [`select ${quoteLiteral(text)} as text`]);
      expect((rows as Array<{ text: string }>)[0]?.text).toBe(text);
    }
  });
});
