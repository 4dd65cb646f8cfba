import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../../contracts/errors.ts';
import type { ClosedPeriodList, TimeEntry, TimeEntryList } from '../../../contracts/hours.ts';
import { addDays, schoolYearOf } from '../../../contracts/school-year.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { schoolTeamAssignments } from '../team/team.schema.ts';

let harness: Harness;
let tenantId: string;
let schools: Record<string, string>;
let member: TestClient;
let memberId: string;
let colleague: TestClient;
let colleagueId: string;
let coordinator: TestClient;
// A Wednesday well inside school year 2025–2026, set on the app's clock: last week lies in the same
// school year, so every test runs whatever the real date is.
const today = '2026-03-04';

const codes = (response: { body: string }) =>
  ((JSON.parse(response.body) as ErrorResponse).error.fields ?? []).map((field) => [field.path, field.code]);
const entry = (changes: Record<string, unknown> = {}) => ({
  date: today,
  hours: 1.5,
  locationId: schools.a,
  activity: 'observation',
  note: 'Observatie groep 5',
  ...changes,
});

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set(today);
  const tenant = await harness.createTenant(['a', 'b', 'c']);
  tenantId = tenant.tenantId;
  schools = tenant.locationIds;
  const scientist = await harness.createUser(tenant.tenantId, [
    { role: 'team_member', teamRole: 'behavioural_scientist' },
  ]);
  memberId = scientist.userId;
  member = await harness.signedIn(scientist);
  const adviser = await harness.createUser(tenant.tenantId, [
    { role: 'team_member', teamRole: 'inclusion_adviser' },
  ]);
  colleagueId = adviser.userId;
  colleague = await harness.signedIn(adviser);
  coordinator = await harness.signedIn(await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }]));
  await harness.database.withTenant(tenant.tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values({
      tenantId: tenant.tenantId,
      locationId: schools.a ?? '',
      userId: memberId,
      teamRole: 'behavioural_scientist',
      isContact: true,
      validFrom: '2020-08-01',
    }),
  );
});
afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});

describe('time registration (issue 5)', () => {
  it('a team member logs hours on a school they serve and sees them with the total', async () => {
    const created = await member.post('/api/time-entries', entry());
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ hours: 1.5, activity: 'observation', locked: false });
    const list = (await member.get(`/api/time-entries?from=${today}&to=${today}`)).json() as TimeEntryList;
    expect(list).toMatchObject({ totalHours: 1.5, items: [expect.objectContaining({ date: today })] });
  });

  it('filters the list by school and kind of work, and keeps a list to at most two months', async () => {
    const list = async (filter: string) =>
      ((await member.get(`/api/time-entries?from=${today}&to=${today}&${filter}`)).json() as TimeEntryList)
        .totalHours;
    expect(await list(`locationId=${schools.a}`)).toBe(1.5);
    expect(await list(`locationId=${schools.c}`)).toBe(0);
    expect(await list('activity=observation')).toBe(1.5);
    expect(await list('activity=travel')).toBe(0);
    const tooLong = await member.get(`/api/time-entries?from=${addDays(today, -90)}&to=${today}`);
    expect(tooLong.statusCode).toBe(400);
    expect(codes(tooLong)).toEqual([['to', 'period_too_long']]);
  });

  it('refuses hours not in quarters, more than 24 a day, a future date and a school they do not serve', async () => {
    expect(codes(await member.post('/api/time-entries', entry({ hours: 1.3 })))).toEqual([
      ['hours', 'quarter_hours'],
    ]);
    expect(codes(await member.post('/api/time-entries', entry({ hours: 23 })))).toEqual([
      ['hours', 'more_than_a_day'],
    ]);
    expect(codes(await member.post('/api/time-entries', entry({ date: addDays(today, 1) })))).toEqual([
      ['date', 'date_in_future'],
    ]);
    expect(codes(await member.post('/api/time-entries', entry({ locationId: schools.c })))).toEqual([
      ['locationId', 'not_your_school'],
    ]);
    const list = (await member.get(`/api/time-entries?from=${today}&to=${today}`)).json() as TimeEntryList;
    expect(list.totalHours).toBe(1.5);
  });

  it('the staff office may log for a member on another school; colleagues cannot see or change it', async () => {
    const onBehalf = await coordinator.post(
      '/api/time-entries',
      entry({ locationId: schools.c, userId: memberId }),
    );
    expect(onBehalf.statusCode).toBe(201);
    const id = (onBehalf.json() as TimeEntry).id;
    expect(
      (await colleague.get(`/api/time-entries?from=${today}&to=${today}&userId=${memberId}`)).statusCode,
    ).toBe(403);
    expect((await colleague.put(`/api/time-entries/${id}`, entry())).statusCode).toBe(404);
    expect((await colleague.delete(`/api/time-entries/${id}`)).statusCode).toBe(404);
    const changed = await member.put(`/api/time-entries/${id}`, entry({ hours: 2 }));
    expect(changed.json()).toMatchObject({ hours: 2, location: { id: schools.a } });
  });

  it('copies last week’s own entries into this week, leaving out what the rules refuse', async () => {
    const lastWeek = addDays(today, -7);
    await member.post('/api/time-entries', entry({ date: lastWeek, hours: 2, note: 'Coaching' }));
    await member.post(
      '/api/time-entries',
      entry({ date: lastWeek, hours: 0.5, activity: 'travel', note: null }),
    );
    const result = await member.post('/api/time-entries/copy-week', { weekStart: addDays(today, -6) });
    // The week starting six days ago holds today: last week's entries of "today − 7" land on today.
    expect(result.json()).toEqual({ copied: 2, skipped: 0 });
    const list = (await member.get(`/api/time-entries?from=${today}&to=${today}`)).json() as TimeEntryList;
    expect(list.items.map((item) => [item.hours, item.activity])).toEqual(
      expect.arrayContaining([
        [2, 'observation'],
        [0.5, 'travel'],
      ]),
    );
  });

  it('a month closed by the staff office can no longer be changed', async () => {
    const list = (await member.get(`/api/time-entries?from=${today}&to=${today}`)).json() as TimeEntryList;
    const id = list.items[0]?.id;
    expect((await member.post('/api/closed-periods', { month: today.slice(0, 7) })).statusCode).toBe(403);
    expect((await coordinator.post('/api/closed-periods', { month: today.slice(0, 7) })).statusCode).toBe(
      204,
    );
    expect(codes(await member.post('/api/time-entries', entry({ hours: 0.25 })))).toEqual([
      ['date', 'period_closed'],
    ]);
    expect((await member.put(`/api/time-entries/${id}`, entry({ hours: 3 }))).statusCode).toBe(409);
    expect(codes(await member.delete(`/api/time-entries/${id}`))).toEqual([['date', 'period_closed']]);
    const after = (await member.get(`/api/time-entries?from=${today}&to=${today}`)).json() as TimeEntryList;
    expect(after.items.every((item) => item.locked)).toBe(true);
    expect(after.totalHours).toBe(list.totalHours);
  });

  it('lists the closed months of a school year in order, for the staff office only', async () => {
    const schoolYear = schoolYearOf(today);
    // Closed in the order opposite to the listing; July before the school year must not be listed.
    for (const month of [today.slice(0, 7), `${schoolYear}-08`, `${schoolYear}-07`])
      expect((await coordinator.post('/api/closed-periods', { month })).statusCode).toBe(204);
    const response = await coordinator.get(`/api/closed-periods?schoolYear=${schoolYear}`);
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as ClosedPeriodList;
    expect(items.map((item) => item.month)).toEqual([...new Set([`${schoolYear}-08`, today.slice(0, 7)])]);
    expect(items[0]).toMatchObject({ closedAt: expect.any(String), closedByName: expect.any(String) });
    expect((await member.get(`/api/closed-periods?schoolYear=${schoolYear}`)).statusCode).toBe(403);
  });
});

describe('P1: the list of time entries and the single-record check agree', () => {
  it('lists for every role exactly the entries it reaches one by one, and none of another partnership', async () => {
    // The colleague serves no school: the staff office logs an entry for them, on another school.
    const forColleague = await coordinator.post(
      '/api/time-entries',
      entry({ date: addDays(today, -5), locationId: schools.c, userId: colleagueId }),
    );
    expect(forColleague.statusCode).toBe(201);
    const foreign = await harness.createTenant(['x']);
    const outsider = await harness.createUser(foreign.tenantId, [
      { role: 'team_member', teamRole: 'behavioural_scientist' },
    ]);
    await harness.database.queryAsOwner(sql`
      insert into time_entries (tenant_id, user_id, location_id, entry_date, hours, activity, created_by_user_id)
      values (${foreign.tenantId}, ${outsider.userId}, ${foreign.locationIds.x}, ${today}, 1, 'observation',
        ${outsider.userId})`);
    const entryIds = (
      await harness.database.queryAsOwner<{ id: string }>(
        sql`select id from time_entries where tenant_id in (${tenantId}, ${foreign.tenantId})`,
      )
    ).map((row) => row.id);
    const from = addDays(today, -30);
    const clients = { member, colleague, coordinator };
    for (const [role, client] of Object.entries(clients)) {
      const listed = new Set<string>();
      for (const userId of [memberId, colleagueId, outsider.userId]) {
        const response = await client.get(`/api/time-entries?from=${from}&to=${today}&userId=${userId}`);
        if (response.statusCode !== 200) expect(response.statusCode).toBe(403);
        else for (const item of (response.json() as TimeEntryList).items) listed.add(item.id);
      }
      // There is no detail route: a change loads the entry through the policy first (404 out of
      // reach), then refuses the unknown school on its field (400), so nothing is changed.
      const reached = new Set<string>();
      for (const id of entryIds) {
        const response = await client.put(
          `/api/time-entries/${id}`,
          entry({ locationId: crypto.randomUUID() }),
        );
        if (response.statusCode === 404) continue;
        expect([response.statusCode, codes(response)]).toEqual([400, [['locationId', 'unknown_reference']]]);
        reached.add(id);
      }
      expect(listed.size, role).toBeGreaterThan(0);
      expect({ role, ids: [...listed].sort() }).toEqual({ role, ids: [...reached].sort() });
    }
  });
});
