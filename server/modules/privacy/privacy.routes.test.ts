import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessSignalList, AuditTrailPage } from '../../../contracts/privacy.ts';
import type { RequestDetail } from '../../../contracts/requests.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import {
  createRequestsWorld,
  fileRequest,
  pupilRequestForm,
  type RequestsWorld,
} from '../../test/support/requests.test-support.ts';

let harness: Harness;
let world: RequestsWorld;
let officer: { userId: string; client: TestClient };
let request: RequestDetail;
let other: RequestDetail;

beforeAll(async () => {
  harness = await createHarness();
  world = await createRequestsWorld(harness);
  const created = await harness.createUser(world.tenantId, [{ role: 'privacy_officer' }]);
  officer = { userId: created.userId, client: await harness.signedIn(created) };
  request = await fileRequest(world.ib.client, pupilRequestForm(world.locationIds.a));
  other = await fileRequest(world.ib.client, pupilRequestForm(world.locationIds.a));
  // Two reads to find: the director's and the contact person's.
  expect((await world.director.client.get(`/api/requests/${request.id}`)).statusCode).toBe(200);
  expect((await world.contact.client.get(`/api/requests/${request.id}`)).statusCode).toBe(200);
});
afterAll(() => harness.close());

async function search(query: string): Promise<AuditTrailPage> {
  const response = await officer.client.get(`/api/privacy/audit-events?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as AuditTrailPage;
}

describe('the audit trail for the privacy officer (P2, issue 15)', () => {
  it('P2: finds who read a request by its reference, with name, roles and date, and nothing of another request', async () => {
    const page = await search(`reference=${request.reference}&event=requests.viewed`);
    const readers = page.items.map((item) => item.actor?.id);
    expect(readers).toContain(world.director.userId);
    expect(readers).toContain(world.contact.userId);
    expect(page.items.every((item) => item.reference === request.reference)).toBe(true);
    expect(page.items.every((item) => item.objectId === request.id)).toBe(true);
    expect(page.items.map((item) => item.objectId)).not.toContain(other.id);
    const director = page.items.find((item) => item.actor?.id === world.director.userId);
    expect(director?.actorRoles).toEqual(['director']);
    expect(Number.isNaN(Date.parse(director?.occurredAt ?? ''))).toBe(false);
    // No content: the row's details stay in the database.
    expect(JSON.stringify(page)).not.toContain('details');
    expect(page.totalIsLowerBound).toBe(false);
  });

  it('P1: the privacy officer reads no file content', async () => {
    for (const url of [`/api/requests/${request.id}`, '/api/requests', '/api/trajectories'])
      expect([403, 404]).toContain((await officer.client.get(url)).statusCode);
  });

  it('is for the privacy officer only', async () => {
    for (const client of [world.coordinator.client, world.admin.client, world.ib.client])
      expect((await client.get('/api/privacy/audit-events')).statusCode).toBe(403);
  });

  it('filters by who (name or e-mail), by event and by period, newest first', async () => {
    const [director] = await harness.database.queryAsOwner<{ name: string }>(
      sql`select name from users where id = ${world.director.userId}`,
    );
    const byName = await search(`q=${encodeURIComponent(director?.name ?? '')}`);
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.items.every((item) => item.actor?.id === world.director.userId)).toBe(true);
    const times = byName.items.map((item) => item.occurredAt);
    expect(times).toEqual([...times].sort().reverse());

    const today = harness.clock.today();
    const inPeriod = await search(`event=requests.viewed&from=${today}&to=${today}`);
    expect(inPeriod.total).toBeGreaterThanOrEqual(2);
    const longAgo = await search('event=requests.viewed&from=2001-01-01&to=2001-12-31');
    expect(longAgo.total).toBe(0);
  });

  it('refuses what names nothing, on its field, and an end before the start', async () => {
    for (const [query, field] of [
      ['event=requests.eaten', 'event'],
      ['reference=HV-1999-9999', 'reference'],
      ['from=2026-05-02&to=2026-05-01', 'to'],
      ['from=31-12-2026', 'from'],
    ] as const) {
      const response = await officer.client.get(`/api/privacy/audit-events?${query}`);
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json())).toContain(field);
    }
  });

  it('P2: a search is on the trail itself, with the filters used but never the name searched for', async () => {
    await search('q=Zoekterm-die-niemand-heeft');
    const [row] = await harness.database.queryAsOwner<{ details: Record<string, unknown> }>(
      sql`select details from audit_events where actor_user_id = ${officer.userId}
          and event = 'privacy.audit_searched' order by id desc limit 1`,
    );
    expect(row?.details).toMatchObject({ byActor: true, shown: 0 });
    expect(JSON.stringify(row?.details)).not.toContain('Zoekterm');
  });

  it('exports the search as CSV for a spreadsheet, and records the export', async () => {
    const response = await officer.client.get(
      `/api/privacy/audit-events/export.csv?reference=${request.reference}&event=requests.viewed`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(String(response.headers['content-disposition'])).toContain('audittrail.csv');
    const lines = response.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('datum;tijd;naam;e-mailadres;rollen;gebeurtenis;soort gegeven;id;hulpvraag');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.slice(1).every((line) => line.endsWith(`;${request.reference}`))).toBe(true);
    const [exported] = await harness.database.queryAsOwner<{ rows: number }>(
      sql`select (details->>'rows')::int as rows from audit_events where actor_user_id = ${officer.userId}
          and event = 'privacy.audit_exported' order by id desc limit 1`,
    );
    expect(Number(exported?.rows)).toBe(lines.length - 1);
  });

  it('P6: a privacy officer of another partnership finds nothing of this one', async () => {
    const { tenantId } = await harness.createTenant([]);
    const stranger = await harness.signedIn(
      await harness.createUser(tenantId, [{ role: 'privacy_officer' }]),
    );
    const byReference = await stranger.get(`/api/privacy/audit-events?reference=${request.reference}`);
    expect(byReference.statusCode).toBe(400);
    const all = (
      await stranger.get('/api/privacy/audit-events?event=requests.viewed')
    ).json() as AuditTrailPage;
    expect(all.total).toBe(0);
  });

  it('stops counting past 10,000 rows and says so', async () => {
    await harness.database.queryAsOwner(
      sql`insert into audit_events (tenant_id, event, actor_roles)
          select ${world.tenantId}, 'locations.listed', '{coordinator}' from generate_series(1, 10050)`,
    );
    const page = await search('event=locations.listed&pageSize=5');
    expect(page.total).toBe(10_000);
    expect(page.totalIsLowerBound).toBe(true);
    expect(page.items).toHaveLength(5);
  });

  it('P2: finds the events about one pupil, named in the body and never in the address, and none of another pupil', async () => {
    const otherPupil = pupilRequestForm(world.locationIds.a);
    otherPupil.pupil.name = 'Noor Bakker';
    const noor = await fileRequest(world.ib.client, otherPupil);
    expect((await world.director.client.get(`/api/requests/${noor.id}`)).statusCode).toBe(200);
    const daan = { name: '  daan DE vries ', birthDate: request.pupil?.birthDate };
    const response = await officer.client.post('/api/privacy/audit-events/by-pupil', {
      pupil: daan,
      event: 'requests.viewed',
    });
    expect(response.statusCode).toBe(200);
    const page = response.json() as AuditTrailPage;
    const about = new Set(page.items.map((item) => item.objectId));
    expect(about.has(request.id)).toBe(true);
    expect(about.has(noor.id)).toBe(false);
    const unknown = await officer.client.post('/api/privacy/audit-events/by-pupil', {
      pupil: { name: 'Niemand Bekend', birthDate: '2015-01-01' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { fields: [{ path: 'pupil.name', code: 'pupil_not_found' }] },
    });
    const csv = await officer.client.post('/api/privacy/audit-events/by-pupil/export.csv', { pupil: daan });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(request.reference);
    expect(csv.body).not.toContain(noor.reference);
  });

  it('finds the events about the files of one school, and refuses a school of another partnership', async () => {
    const atC = await fileRequest(world.otherIb.client, pupilRequestForm(world.locationIds.c));
    const ofSchool = async (locationId: string) =>
      (await search(`locationId=${locationId}&event=requests.created`)).items.map((item) => item.objectId);
    expect(await ofSchool(world.locationIds.a)).toContain(request.id);
    expect(await ofSchool(world.locationIds.a)).not.toContain(atC.id);
    expect(await ofSchool(world.locationIds.c)).toEqual([atC.id]);
    const foreign = await harness.createTenant(['x']);
    const refused = await officer.client.get(`/api/privacy/audit-events?locationId=${foreign.locationIds.x}`);
    expect(refused.statusCode).toBe(400);
  });

  it('lists the events a search can choose from', async () => {
    const response = await officer.client.get('/api/privacy/audit-event-kinds');
    expect(response.statusCode).toBe(200);
    const { events } = response.json() as { events: string[] };
    expect(events).toContain('requests.viewed');
    expect(events).toContain('privacy.audit_searched');
    expect(events).toEqual([...events].sort());
  });
});

describe('signals of unusual access (issue 15)', () => {
  // Reads of files written straight into the trail at chosen moments (Amsterdam, winter time).
  async function reads(userId: string, roles: string, at: string[], event = 'requests.viewed') {
    for (const moment of at)
      await harness.database.queryAsOwner(
        sql`insert into audit_events (tenant_id, occurred_at, event, actor_user_id, actor_roles, object_type, object_id)
            values (${world.tenantId}, ${moment}::timestamptz, ${event}, ${userId}, ${`{${roles}}`}::text[],
              'support_request', ${crypto.randomUUID()})`,
      );
  }

  it('finds someone reading many files within an hour, and reads outside working hours, but not ordinary work', async () => {
    // Monday 2 November 2026: 25 files between 10:00 and 10:50 by the director; 3 at 22:00 by the contact.
    const mondayMorning = Array.from(
      { length: 25 },
      (_, minute) => `2026-11-02T10:${String(minute * 2).padStart(2, '0')}:00+01:00`,
    );
    await reads(world.director.userId, 'director', mondayMorning);
    await reads(world.contact.userId, 'team_member', [
      '2026-11-02T22:00:00+01:00',
      '2026-11-02T22:10:00+01:00',
      '2026-11-02T22:20:00+01:00',
    ]);
    // Saturday 7 November, 11:00: a weekend read.
    await reads(world.adviser.userId, 'team_member', ['2026-11-07T11:00:00+01:00'], 'trajectories.viewed');
    // Ordinary work: a few files on a weekday afternoon.
    await reads(world.ib.userId, 'internal_coordinator', [
      '2026-11-03T14:00:00+01:00',
      '2026-11-03T15:00:00+01:00',
    ]);

    const response = await officer.client.get('/api/privacy/access-signals?from=2026-11-01&to=2026-11-08');
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json() as AccessSignalList;
    expect(list).toMatchObject({ from: '2026-11-01', to: '2026-11-08', truncated: false });
    const found = list.items.map((item) => `${item.kind}:${item.actor.id}:${item.on}:${item.files}`);
    expect(found.sort()).toEqual(
      [
        `many_files:${world.director.userId}:2026-11-02:25`,
        `outside_hours:${world.contact.userId}:2026-11-02:3`,
        `outside_hours:${world.adviser.userId}:2026-11-07:1`,
      ].sort(),
    );
    // Newest first.
    const lastTimes = list.items.map((item) => item.lastAt);
    expect(lastTimes).toEqual([...lastTimes].sort().reverse());
    const [viewed] = await harness.database.queryAsOwner<{ details: Record<string, unknown> }>(
      sql`select details from audit_events where actor_user_id = ${officer.userId}
          and event = 'privacy.signals_viewed' order by id desc limit 1`,
    );
    expect(viewed?.details).toMatchObject({ from: '2026-11-01', to: '2026-11-08', shown: 3 });
  });

  it('finds reads of a request by someone no longer assigned: a former member of the pair, a former assignee', async () => {
    // A team member who was one of school a's pair until 12 October 2026 (valid_to is exclusive).
    const former = await harness.createUser(world.tenantId, [
      { role: 'team_member', teamRole: 'behavioural_scientist' },
    ]);
    await harness.database.queryAsOwner(
      sql`insert into school_team_assignments (tenant_id, location_id, user_id, team_role, is_contact, valid_from, valid_to)
          values (${world.tenantId}, ${world.locationIds.a}, ${former.userId}, 'behavioural_scientist', false,
            '2025-08-01', '2026-10-12')`,
    );
    // The other request went to the outsider on 1 October and to the adviser on 12 October.
    for (const [at, transition, assignee] of [
      ['2026-10-01T09:00:00+02:00', 'assign', world.outsider.userId],
      ['2026-10-12T09:00:00+02:00', 'reassign', world.adviser.userId],
    ] as const)
      await harness.database.queryAsOwner(
        sql`insert into audit_events (tenant_id, occurred_at, event, actor_user_id, actor_roles, object_type, object_id, details)
            values (${world.tenantId}, ${at}::timestamptz, 'requests.transitioned', ${world.coordinator.userId},
              '{coordinator}', 'support_request', ${other.id},
              ${JSON.stringify({ transition, assignee })}::jsonb)`,
      );
    const readOf = (userId: string, actorRoles: string, requestId: string, at: string) =>
      harness.database.queryAsOwner(
        sql`insert into audit_events (tenant_id, occurred_at, event, actor_user_id, actor_roles, object_type, object_id)
            values (${world.tenantId}, ${at}::timestamptz, 'requests.viewed', ${userId}, ${`{${actorRoles}}`}::text[],
              'support_request', ${requestId})`,
      );
    // Within the pair period, and as the assignee: ordinary work.
    await readOf(former.userId, 'team_member', request.id, '2026-10-08T10:00:00+02:00');
    await readOf(world.outsider.userId, 'team_member', other.id, '2026-10-08T10:30:00+02:00');
    // After: the pair period had ended, the request had gone to someone else.
    await readOf(former.userId, 'team_member', request.id, '2026-10-14T10:00:00+02:00');
    await readOf(world.outsider.userId, 'team_member', other.id, '2026-10-14T11:00:00+02:00');
    // The new assignee, and someone reading as the staff office (the whole partnership): no signal.
    await readOf(world.adviser.userId, 'team_member', other.id, '2026-10-14T11:30:00+02:00');
    await readOf(former.userId, 'coordinator,team_member', request.id, '2026-10-15T10:00:00+02:00');

    const response = await officer.client.get('/api/privacy/access-signals?from=2026-10-01&to=2026-10-31');
    expect(response.statusCode, response.body).toBe(200);
    const found = (response.json() as AccessSignalList).items.map(
      (item) => `${item.kind}:${item.actor.id}:${item.on}:${item.files}`,
    );
    expect(found.sort()).toEqual(
      [
        `no_longer_assigned:${former.userId}:2026-10-14:1`,
        `no_longer_assigned:${world.outsider.userId}:2026-10-14:1`,
      ].sort(),
    );
  });

  it('records the assignee of an (re)assignment in the audit trail: the history the signal reads', async () => {
    // A request without a pupil is ready at once and goes to the school's contact person (R1); the
    // staff office then gives it to the adviser.
    const { pupil: _pupil, parents: _parents, ...form } = pupilRequestForm(world.locationIds.a);
    const coaching = await fileRequest(world.ib.client, { ...form, type: 'ib_coaching' });
    const reassigned = await world.coordinator.client.post(`/api/requests/${coaching.id}/assign`, {
      userId: world.adviser.userId,
    });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    const assignees = await harness.database.queryAsOwner<{ transition: string; assignee: string }>(
      sql`select details->>'transition' as transition, details->>'assignee' as assignee from audit_events
          where event = 'requests.transitioned' and object_id = ${coaching.id} and details ? 'assignee'
          order by id`,
    );
    expect(assignees).toEqual([
      { transition: 'assign', assignee: world.contact.userId },
      { transition: 'reassign', assignee: world.adviser.userId },
    ]);
  });

  it('is for the privacy officer only, and refuses a period that ends before it starts', async () => {
    expect((await world.coordinator.client.get('/api/privacy/access-signals')).statusCode).toBe(403);
    const reversed = await officer.client.get('/api/privacy/access-signals?from=2026-11-08&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('to');
  });
});
