import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyWork, MyWorkItem } from '../../../contracts/my-work.ts';
import type { NotificationPage } from '../../../contracts/notifications.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import {
  createRequestsWorld,
  fileRequest,
  fileRequestWithPaperConsent,
  pupilRequestForm,
  type RequestsWorld,
} from '../../test/support/requests.test-support.ts';

let harness: Harness;
let world: RequestsWorld;
let other: RequestsWorld;

async function myWork(client: TestClient): Promise<MyWork> {
  const response = await client.get('/api/my-work');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MyWork;
}

const itemOf = (work: MyWork, kind: MyWorkItem['kind']) => work.items.find((item) => item.kind === kind);

/** The web link's filters as the request list's API parameters (the web app maps them the same way). */
async function listTotal(client: TestClient, to: string): Promise<number> {
  const [path, query = ''] = to.split('?');
  expect(path).toBe('/hulpvragen');
  const web = new URLSearchParams(query);
  const api = new URLSearchParams();
  if (web.get('status')) api.set('status', web.get('status') ?? '');
  if (web.get('mijn') === 'ja') api.set('mine', 'true');
  if (web.get('aandacht')) api.set('attention', web.get('aandacht') ?? '');
  const response = await client.get(`/api/requests?${api}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { total: number }).total;
}

beforeAll(async () => {
  harness = await createHarness();
  world = await createRequestsWorld(harness);
  other = await createRequestsWorld(harness);
  // School a: a draft, a request waiting for consent for more than 14 days, one whose link expired,
  // and a ready one that was assigned to the contact person.
  await world.ib.client.post('/api/requests', pupilRequestForm(world.locationIds.a));
  const waiting = await fileRequest(world.ib.client, pupilRequestForm(world.locationIds.a));
  const expired = await fileRequest(world.ib.client, pupilRequestForm(world.locationIds.a));
  await harness.database.queryAsOwner(
    sql`update consent_links set created_at = now() - interval '20 days' where request_id = ${waiting.id}`,
  );
  await harness.database.queryAsOwner(
    sql`update consent_links set created_at = now() - interval '30 days', expires_at = now() - interval '1 day'
      where request_id = ${expired.id}`,
  );
  await fileRequestWithPaperConsent(world);
  // The same at school c and in another partnership: never counted for school a's people.
  await world.otherIb.client.post('/api/requests', pupilRequestForm(world.locationIds.c));
  await other.ib.client.post('/api/requests', pupilRequestForm(other.locationIds.a));
  await fileRequestWithPaperConsent(other);
});
afterAll(() => harness.close());

describe('GET /api/my-work', () => {
  it("the IB sees the school's drafts and consent that waits, each count equal to the linked list", async () => {
    const work = await myWork(world.ib.client);
    expect(itemOf(work, 'requests_drafts')?.count).toBe(1);
    expect(itemOf(work, 'requests_consent_waiting')).toMatchObject({ count: 1, severity: 'warning' });
    expect(itemOf(work, 'requests_consent_expired')).toMatchObject({ count: 1, severity: 'warning' });
    // The meetings' kinds are checked against the meeting overview in meetings.my-work.routes.test.ts.
    for (const item of work.items.filter((candidate) => candidate.kind.startsWith('requests_')))
      expect(await listTotal(world.ib.client, item.to), item.kind).toBe(item.count);
    // Counts and links only: no names, no e-mail addresses.
    expect(JSON.stringify(work)).not.toMatch(/@|Sanne/);
  });

  it("the IB of another school and another partnership's IB see only their own drafts", async () => {
    expect(itemOf(await myWork(world.otherIb.client), 'requests_drafts')?.count).toBe(1);
    expect(itemOf(await myWork(other.ib.client), 'requests_drafts')?.count).toBe(1);
    expect(itemOf(await myWork(other.ib.client), 'requests_consent_waiting')).toBeUndefined();
  });

  it('the team member to whom a request was assigned sees it to start; the list shows as many', async () => {
    const work = await myWork(world.contact.client);
    const toStart = itemOf(work, 'requests_to_start');
    expect(toStart?.count).toBe(1);
    expect(await listTotal(world.contact.client, toStart?.to ?? '')).toBe(1);
    expect(itemOf(await myWork(world.outsider.client), 'requests_to_start')).toBeUndefined();
  });

  it('a role with nothing waiting gets an empty list, and no recovery-code warning without codes issued', async () => {
    const work = await myWork(world.admin.client);
    expect(work.items.filter((item) => item.kind.startsWith('requests_'))).toEqual([]);
    expect(work.recoveryCodesLeft).toBeUndefined();
  });

  it('warns about recovery codes only when three or fewer are left', async () => {
    const [user] = await harness.database.queryAsOwner<{ tenant_id: string }>(
      sql`select tenant_id from users where id = ${world.director.userId}`,
    );
    const insert = (count: number) =>
      harness.database.queryAsOwner(sql`insert into recovery_codes (tenant_id, user_id, code_hash)
        select ${user?.tenant_id}::uuid, ${world.director.userId}::uuid, md5(random()::text) from generate_series(1, ${count})`);
    await insert(4);
    expect((await myWork(world.director.client)).recoveryCodesLeft).toBeUndefined();
    await harness.database.queryAsOwner(
      sql`update recovery_codes set used_at = now() where id = (select id from recovery_codes
        where user_id = ${world.director.userId} limit 1)`,
    );
    expect((await myWork(world.director.client)).recoveryCodesLeft).toBe(3);
  });
});

describe('notifications', () => {
  it('the assigned team member has a notification with a link and no personal data; read state is per user', async () => {
    const list = async (client: TestClient) => {
      const response = await client.get('/api/notifications');
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as NotificationPage;
    };
    const page = await list(world.contact.client);
    const assigned = page.items.find((item) => item.kind === 'request_assigned');
    expect(assigned?.link).toMatch(/^\/hulpvragen\/[0-9a-f-]{36}$/);
    expect(page.unread).toBeGreaterThan(0);
    // Another user cannot mark it read: it answers as if it did not exist.
    const foreign = await world.adviser.client.post(`/api/notifications/${assigned?.id}/read`, {});
    expect(foreign.statusCode).toBe(404);
    const marked = await world.contact.client.post(`/api/notifications/${assigned?.id}/read`, {});
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await list(world.contact.client)).unread).toBe(page.unread - 1);
    const all = await world.contact.client.post('/api/notifications/read', {});
    expect(all.statusCode, all.body).toBe(200);
    expect((await list(world.contact.client)).unread).toBe(0);
    // The other partnership's contact person keeps their own unread one.
    expect((await list(other.contact.client)).unread).toBeGreaterThan(0);
  });
});
