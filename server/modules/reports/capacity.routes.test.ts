import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capacity, CapacityTag } from '../../../contracts/capacity.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';

let harness: Harness;
let tenantId: string;
let schools: Record<string, string>;
let coordinator: TestClient;
let teamMember: TestClient;
let schoolStaff: TestClient;
const tagIds: Record<'x' | 'y' | 'z', string> = { x: '', y: '', z: '' };
const members: Record<'m1' | 'm2' | 'm3' | 'm4', string> = { m1: '', m2: '', m3: '', m4: '' };
const year = 2026;

const owner = (query: ReturnType<typeof sql>) => harness.database.queryAsOwner<{ id: string }>(query);

/** A closed request of last school year with its tags and the hours booked on it. */
async function closedRequest(number: number, tags: string[], hours: number[], status = 'closed') {
  const [request] = await owner(sql`
    insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status,
      created_by_user_id, closed_at)
    values (${tenantId}, ${schools.a}, ${`HV-2025-${number}`}, ${year - 1}, ${crypto.randomUUID()}, ${status},
      ${members.m1}, '2026-06-01T10:00:00Z')
    returning id`);
  for (const tagId of tags)
    await owner(sql`insert into support_request_tags (tenant_id, request_id, tag_id)
      values (${tenantId}, ${request?.id}, ${tagId})`);
  for (const [index, amount] of hours.entries())
    await entry(members.m1, `2026-0${1 + index}-12`, amount, request?.id);
}

async function entry(userId: string, date: string, hours: number, requestId: string | null = null) {
  await owner(sql`insert into time_entries (tenant_id, user_id, location_id, request_id, entry_date, hours, activity,
      created_by_user_id)
    values (${tenantId}, ${userId}, ${schools.a}, ${requestId}, ${date}, ${hours}, 'coaching', ${userId})`);
}

async function annualTalk(
  tenant: string,
  locationId: string | undefined,
  date: string,
  expected: number | null,
  tags: string[],
  status = 'held',
  createdBy = members.m1,
) {
  const [meeting] = await owner(sql`
    insert into meetings (tenant_id, location_id, kind, status, school_year, starts_at, ends_at, expected_requests,
      created_by_user_id)
    values (${tenant}, ${locationId}, 'annual_talk', ${status}, ${year}, ${`${date}T13:00:00Z`},
      ${`${date}T14:00:00Z`}, ${expected}, ${createdBy})
    returning id`);
  for (const tagId of tags)
    await owner(sql`insert into meeting_wanted_tags (tenant_id, meeting_id, tag_id)
      values (${tenant}, ${meeting?.id}, ${tagId})`);
}

async function member(
  key: keyof typeof members,
  contracted: number | null,
  tags: string[],
  left: string | null = null,
) {
  const user = await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]);
  members[key] = user.userId;
  await owner(sql`insert into team_members (tenant_id, user_id, status, left_on)
    values (${tenantId}, ${user.userId}, ${left ? 'left' : 'active'}, ${left})`);
  if (contracted !== null)
    await owner(sql`insert into team_member_hours (tenant_id, user_id, school_year, contracted_hours)
      values (${tenantId}, ${user.userId}, ${year}, ${contracted})`);
  for (const tagId of tags)
    await owner(sql`insert into team_member_tags (tenant_id, user_id, tag_id)
      values (${tenantId}, ${user.userId}, ${tagId})`);
  return user;
}

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set('2027-03-04');
  const tenant = await harness.createTenant(['a', 'b', 'c']);
  tenantId = tenant.tenantId;
  schools = tenant.locationIds;
  coordinator = await harness.signedIn(await harness.createUser(tenantId, [{ role: 'coordinator' }]));
  schoolStaff = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: schools.a }]),
  );
  for (const [key, name] of [
    ['x', 'Gedrag'],
    ['y', 'Autisme'],
    ['z', 'Dyslexie'],
  ] as const) {
    const [tag] = await owner(sql`insert into expertise_tags (tenant_id, name) values (${tenantId}, ${name})
      returning id`);
    tagIds[key] = tag?.id ?? '';
  }
  // 217 weekdays from September 2026 to June 2027: m1 has 4 hours a weekday, m2 2, m3 1.
  teamMember = await harness.signedIn(await member('m1', 868, [tagIds.x, tagIds.y]));
  await member('m2', 434, [tagIds.x]);
  await member('m3', 217, [tagIds.y], '2027-06-01');
  await member('m4', null, [tagIds.z]); // no contracted hours this year: not counted
  await owner(sql`insert into team_member_absences (tenant_id, user_id, starts_on, ends_on)
    values (${tenantId}, ${members.m1}, '2026-09-28', '2026-10-02')`);
  await entry(members.m1, '2026-09-15', 10);
  await entry(members.m1, '2026-08-20', 8); // the summer: outside the school months
  for (const [day, hours] of [
    ['2026-11-03', 20],
    ['2026-11-04', 20],
    ['2026-11-05', 10],
  ] as const)
    await entry(members.m2, day, hours);

  // Last school year: five closed x-requests of 10 hours (x's own average: 10), one closed y-request
  // of 40 (too few: y takes the average of all six, 90 / 6 = 15); an open one does not count.
  for (const number of [1, 2, 3, 4, 5]) await closedRequest(number, [tagIds.x], [4, 6]);
  await closedRequest(6, [tagIds.y], [20, 20]);
  await closedRequest(7, [tagIds.y], [20, 20, 20], 'in_progress');

  // This year's talks: a's latest wants x and y (10 requests: 5 each); c wants y (40 requests).
  await annualTalk(tenantId, schools.a, '2026-09-10', 99, [tagIds.z]);
  await annualTalk(tenantId, schools.a, '2026-10-01', 10, [tagIds.x, tagIds.y]);
  await annualTalk(tenantId, schools.c, '2026-09-20', 40, [tagIds.y], 'planned');
  await annualTalk(tenantId, schools.b, '2026-09-20', 50, [tagIds.x], 'cancelled');
  // Another partnership's talk is never counted.
  const other = await harness.createTenant(['q']);
  const stranger = await harness.createUser(other.tenantId, [{ role: 'coordinator' }]);
  const [otherTag] = await owner(sql`insert into expertise_tags (tenant_id, name)
    values (${other.tenantId}, 'Gedrag') returning id`);
  await annualTalk(
    other.tenantId,
    other.locationIds.q,
    '2026-09-20',
    300,
    [otherTag?.id ?? ''],
    'held',
    stranger.userId,
  );
});
afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});

describe('demand against capacity (S4)', () => {
  let answer: Capacity;
  const tag = (key: string): CapacityTag => {
    const found = answer.tags.find((row) => row.key === key);
    if (!found) throw new Error(`no tag ${key}`);
    return found;
  };

  beforeAll(async () => {
    const response = await coordinator.get(`/api/reports/capacity?schoolYear=${year}`);
    expect(response.statusCode).toBe(200);
    answer = response.json() as Capacity;
  });

  it("S4: counts each school's latest planning talk of the year, not cancelled ones or another partnership's", () => {
    expect(answer).toMatchObject({ talks: 2, expectedRequests: 50, members: 3 });
    expect(answer.months).toHaveLength(10);
  });

  it("S4: turns expected requests into hours by last year's closed requests, per tag or over all", () => {
    expect(tag(tagIds.x)).toMatchObject({ hoursPerRequest: 10, basis: 'tag', closedRequests: 5 });
    expect(tag(tagIds.y)).toMatchObject({ hoursPerRequest: 15, basis: 'all', closedRequests: 6 });
    expect(answer.estimate).toEqual({ hoursPerRequest: 15, basis: 'all', closedRequests: 6 });
  });

  it('S4: demand per tag and month equals the count by hand', () => {
    // x: a's 5 requests × 10 hours = 50, 5 a month. y: a's 5 × 15 + c's 40 × 15 = 675, 67.5 a month.
    expect(tag(tagIds.x).months.map((cell) => cell.demand)).toEqual(new Array(10).fill(5));
    expect(tag(tagIds.y).months.map((cell) => cell.demand)).toEqual(new Array(10).fill(67.5));
    expect(tag(tagIds.y).year.demand).toBe(675);
  });

  it('S4: capacity per tag and month equals the count by hand', () => {
    // September (22 weekdays): m1 (22 − 3 absent) × 4 − 10 booked = 66, half to x and y; m2 44 to x;
    // m3 22 to y.
    expect(tag(tagIds.x).months[0]?.capacity).toBe(33 + 44);
    expect(tag(tagIds.y).months[0]?.capacity).toBe(33 + 22);
    // November (21): m2 booked 50 of 42: nothing left, not less; m1 84, half to x.
    expect(tag(tagIds.x).months[2]?.capacity).toBe(42);
    // June (22): m3 left on 1 June; m1's 88, half to y.
    expect(tag(tagIds.y).months[9]?.capacity).toBe(44);
    // Every member once: 7 hours a weekday over 217 weekdays, less m1's 5 weekdays away (20 hours) and
    // 10 booked, m2's 42 in November (booked 50: not below zero) and m3's 22 in June.
    expect(answer.total.year.capacity).toBe(217 * 7 - 20 - 10 - 42 - 22);
    expect(answer.total.year.capacity).toBeCloseTo(
      tag(tagIds.x).year.capacity + tag(tagIds.y).year.capacity,
      5,
    );
  });

  it('S4: flags the months where demand exceeds capacity and puts that tag first', () => {
    const y = tag(tagIds.y);
    expect(y.months[0]).toEqual({
      month: '2026-09',
      demand: 67.5,
      capacity: 55,
      difference: -12.5,
      isShort: true,
    });
    // December (23 weekdays): 46 + 23 = 69 covers 67.5.
    expect(y.months[3]).toMatchObject({ month: '2026-12', capacity: 69, isShort: false });
    expect(y.shortMonths).toBe(8);
    expect(tag(tagIds.x).shortMonths).toBe(0);
    expect(answer.tags.map((row) => row.key)).toEqual([tagIds.y, tagIds.x]);
  });

  it('S4: names the schools behind the demand, the largest first', () => {
    expect(tag(tagIds.y).schools).toEqual([
      { locationId: schools.c, name: 'School c', expectedRequests: 40, requestsForTag: 40, demandHours: 600 },
      { locationId: schools.a, name: 'School a', expectedRequests: 10, requestsForTag: 5, demandHours: 75 },
    ]);
  });

  it('S4: gives the same figures as tables for the download', () => {
    expect(answer.tables.map((table) => table.id)).toEqual([
      'capacity_demand',
      'capacity_capacity',
      'capacity_difference',
      'capacity_schools',
    ]);
    const difference = answer.tables[2];
    expect(difference?.columns).toHaveLength(11);
    expect(difference?.rows.map((row) => row.label)).toEqual(['Autisme', 'Gedrag', 'Totaal']);
    expect(difference?.rows[0]?.values[0]).toBe(-12.5);
  });

  it('S4: shows nothing to count for a year without planning talks', async () => {
    const empty = (await coordinator.get(`/api/reports/capacity?schoolYear=${year + 1}`)).json() as Capacity;
    expect(empty).toMatchObject({ talks: 0, expectedRequests: 0, members: 0, tags: [] });
  });
});

describe('downloads of demand against capacity (S4)', () => {
  it('S4: gives a table as CSV with the figures of the page, and as XLSX', async () => {
    const csv = await coordinator.get(
      `/api/reports/capacity/export?schoolYear=${year}&table=capacity_demand&format=csv`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('capacity_demand-2026-2027.csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]?.startsWith('Expertise;')).toBe(true);
    // y's demand: 67,5 a month; one column a month (no last year beside them).
    expect(lines[1]?.startsWith('Autisme;67,5;67,5;')).toBe(true);
    expect(lines.at(-1)?.startsWith('Totaal;72,5;')).toBe(true);
    // A shortfall is a negative number, not text.
    const difference = await coordinator.get(
      `/api/reports/capacity/export?schoolYear=${year}&table=capacity_difference&format=csv`,
    );
    expect(difference.body).toContain('\r\nAutisme;-12,5;');
    const xlsx = await coordinator.get(
      `/api/reports/capacity/export?schoolYear=${year}&table=capacity_schools&format=xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an unknown table or format, and anyone but the staff office', async () => {
    expect(
      (
        await coordinator.get(
          `/api/reports/capacity/export?schoolYear=${year}&table=requests_by_school&format=csv`,
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await coordinator.get(
          `/api/reports/capacity/export?schoolYear=${year}&table=capacity_demand&format=pdf`,
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await teamMember.get(
          `/api/reports/capacity/export?schoolYear=${year}&table=capacity_demand&format=csv`,
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('who may see demand against capacity', () => {
  it('refuses a team member and a school', async () => {
    expect((await teamMember.get(`/api/reports/capacity?schoolYear=${year}`)).statusCode).toBe(403);
    expect((await schoolStaff.get(`/api/reports/capacity?schoolYear=${year}`)).statusCode).toBe(403);
  });

  it('answers bad input with field errors', async () => {
    const response = await coordinator.get('/api/reports/capacity?schoolYear=twintig');
    expect(response.statusCode).toBe(400);
    expect((await coordinator.get('/api/reports/capacity')).statusCode).toBe(400);
    expect((await coordinator.get(`/api/reports/capacity?schoolYear=${year}&x=1`)).statusCode).toBe(400);
  });
});
