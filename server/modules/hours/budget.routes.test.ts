import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Allocation,
  BudgetOverview,
  MemberBudgetPage,
  SchoolBudget,
  TimeEntry,
} from '../../../contracts/hours.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { schoolTeamAssignments } from '../team/team.schema.ts';

let harness: Harness;
let tenantId: string;
let schools: Record<string, string>;
let coordinator: TestClient;
let member: TestClient;
let memberId: string;
let memberEmail: string;
let coordinatorEmail: string;
let otherMemberId: string;
let schoolA: TestClient;
// A date set on the app's clock, so the budget's trend and the school year do not follow the real date.
const today = '2026-03-04';
const year = schoolYearOf(today);

const log = async (hours: number) => {
  const response = await member.post('/api/time-entries', {
    date: today,
    hours,
    locationId: schools.a,
    activity: 'coaching',
    note: null,
  });
  expect(response.statusCode).toBe(201);
  return response.json() as TimeEntry;
};
const mails = () =>
  harness.database.queryAsOwner<{ to_address: string; subject: string; text: string }>(
    sql`select to_address, subject, text from outbox_mails where tenant_id = ${tenantId} order by created_at, to_address`,
  );

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set(today);
  // a and c are primary schools (the harness alternates sectors; b is secondary).
  const tenant = await harness.createTenant(['a', 'b', 'c']);
  tenantId = tenant.tenantId;
  schools = tenant.locationIds;
  const staff = await harness.createUser(tenantId, [{ role: 'coordinator' }]);
  coordinatorEmail = staff.email;
  coordinator = await harness.signedIn(staff);
  const scientist = await harness.createUser(tenantId, [
    { role: 'team_member', teamRole: 'behavioural_scientist' },
  ]);
  memberId = scientist.userId;
  memberEmail = scientist.email;
  otherMemberId = (
    await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }])
  ).userId;
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values({
      tenantId,
      locationId: schools.a ?? '',
      userId: memberId,
      teamRole: 'behavioural_scientist',
      isContact: true,
      validFrom: '2020-08-01',
    }),
  );
  member = await harness.signedIn(scientist);
  schoolA = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'internal_coordinator', locationId: schools.a }]),
  );
  await harness.database.queryAsOwner(sql`
    insert into pupil_counts (tenant_id, location_id, school_year, pupils, source) values
      (${tenantId}, ${schools.a}, ${year - 1}, 300, 'manual'),
      (${tenantId}, ${schools.c}, ${year - 1}, 100, 'manual')`);
  await harness.database.queryAsOwner(sql`
    insert into team_members (user_id, tenant_id) values (${memberId}, ${tenantId}), (${otherMemberId}, ${tenantId})`);
  await harness.database.queryAsOwner(sql`
    insert into team_member_hours (tenant_id, user_id, school_year, contracted_hours) values
      (${tenantId}, ${memberId}, ${year}, 400), (${tenantId}, ${otherMemberId}, ${year}, 200)`);
  // 20 hours by pupils only: a gets 15, c gets 5.
  const draft = (
    await coordinator.post('/api/allocations', {
      schoolYear: year,
      totalHours: 20,
      pupilWeightPercent: 100,
    })
  ).json() as Allocation;
  expect((await coordinator.post(`/api/allocations/${draft.id}/adopt`, {})).statusCode).toBe(200);
});
afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});

describe('budgets per school (issue 5)', () => {
  it('warns the coordinator and the contact person once at 80 %, by mail without personal data', async () => {
    await log(3.75);
    expect(await mails()).toEqual([]);
    await log(8.25); // 12 of 15 hours: 80 %
    const sent = await mails();
    expect(sent.map((mail) => mail.to_address).sort()).toEqual([coordinatorEmail, memberEmail].sort());
    for (const mail of sent) {
      expect(mail.subject).toContain('80 %');
      expect(mail.text).toContain(`/budget/${schools.a}`);
      expect(mail.text).not.toContain('Gebruiker');
    }
    const overview = (await coordinator.get(`/api/budgets?schoolYear=${year}`)).json() as BudgetOverview;
    expect(overview.warnings).toEqual([expect.objectContaining({ locationId: schools.a, threshold: 80 })]);
    // Passend warns by itself, as a consequence of the logged hours: the event names no user.
    const audited = await harness.database.queryAsOwner<{
      actor_user_id: string | null;
      actor_roles: string[];
    }>(
      sql`select actor_user_id, actor_roles from audit_events
        where tenant_id = ${tenantId} and event = 'budgets.warning_sent'`,
    );
    expect(audited).toEqual([{ actor_user_id: null, actor_roles: ['system'] }]);
  });

  it('warns again at 100 %, and never twice for the same threshold', async () => {
    const last = await log(3);
    expect((await mails()).filter((mail) => mail.subject.includes('alle uren'))).toHaveLength(2);
    expect((await member.delete(`/api/time-entries/${last.id}`)).statusCode).toBe(204);
    await log(3);
    expect(await mails()).toHaveLength(4);
  });

  it('shows the coordinator every school with allocated, used and remaining hours and the totals', async () => {
    const overview = (await coordinator.get(`/api/budgets?schoolYear=${year}`)).json() as BudgetOverview;
    expect(overview).toMatchObject({
      hasAdoptedAllocation: true,
      total: 2,
      totals: { allocated: 20, used: 15, remaining: 5 },
      items: [
        { locationId: schools.a, allocated: 15, used: 15, remaining: 0, percentUsed: 100, warning: 100 },
        { locationId: schools.c, allocated: 5, used: 0, remaining: 5, percentUsed: 0, warning: null },
      ],
    });
    const pastTheEnd = (await coordinator.get(`/api/budgets?schoolYear=${year}&page=3&pageSize=1`)).json();
    expect(pastTheEnd).toMatchObject({ items: [], total: 2, totals: { allocated: 20, used: 15 } });
    const searched = (
      await coordinator.get(`/api/budgets?schoolYear=${year}&q=zzz`)
    ).json() as BudgetOverview;
    expect(searched.items).toEqual([]);
  });

  it('shows a school only its own budget, with the trend and how its hours were arrived at', async () => {
    const overview = (await schoolA.get(`/api/budgets?schoolYear=${year}`)).json() as BudgetOverview;
    expect(overview.items.map((item) => item.locationId)).toEqual([schools.a]);
    expect((await schoolA.get(`/api/budgets/${schools.c}?schoolYear=${year}`)).statusCode).toBe(404);
    const budget = (await schoolA.get(`/api/budgets/${schools.a}?schoolYear=${year}`)).json() as SchoolBudget;
    expect(budget).toMatchObject({ allocated: 15, used: 15, remaining: 0 });
    expect(budget.trend.find((month) => month.month === today.slice(0, 7))).toMatchObject({
      used: 15,
      cumulative: 15,
    });
    expect(budget.byActivity).toEqual([{ activity: 'coaching', hours: 15 }]);
    expect(budget.allocation).toMatchObject({
      totalHours: 20,
      schools: 2,
      effectivePupilWeightPercent: 100,
      pupilCountYear: year - 1,
      line: { pupils: 300, pupilShare: 0.75, hours: 15, lastYearHours: null },
    });
  });

  it('shows a team member the budgets of the schools they serve, and no allocation before one is adopted', async () => {
    const overview = (await member.get(`/api/budgets?schoolYear=${year}`)).json() as BudgetOverview;
    expect(overview.items.map((item) => item.locationId)).toEqual([schools.a]);
    const next = (await coordinator.get(`/api/budgets?schoolYear=${year + 1}`)).json() as BudgetOverview;
    expect(next.hasAdoptedAllocation).toBe(false);
    expect(next.items[0]).toMatchObject({
      allocated: null,
      remaining: null,
      percentUsed: null,
      warning: null,
    });
  });

  it('compares booked with contracted hours: all members for the coordinator, oneself for a member', async () => {
    const all = (await coordinator.get(`/api/budgets/members?schoolYear=${year}`)).json() as MemberBudgetPage;
    expect(all.items.map((item) => [item.userId, item.contracted, item.booked]).sort()).toEqual(
      [
        [memberId, 400, 15],
        [otherMemberId, 200, 0],
      ].sort(),
    );
    const own = (await member.get(`/api/budgets/members?schoolYear=${year}`)).json() as MemberBudgetPage;
    expect(own.items).toEqual([expect.objectContaining({ userId: memberId, percentBooked: 3.8 })]);
    expect((await schoolA.get(`/api/budgets/members?schoolYear=${year}`)).statusCode).toBe(403);
  });
});

describe('P1: the budget list and the single-record check agree', () => {
  it('lists for every role exactly the schools whose budget it may open, and none of another partnership', async () => {
    const foreign = await harness.createTenant(['x']);
    // Budgets are primary schools' (a secondary school has no allocation and is never listed): the
    // own partnership's primary schools and another partnership's.
    const primarySchools = [schools.a, schools.c, foreign.locationIds.x] as string[];
    const clients = { coordinator, member, schoolA };
    for (const [role, client] of Object.entries(clients)) {
      const list = await client.get(`/api/budgets?schoolYear=${year}&pageSize=100`);
      expect(list.statusCode).toBe(200);
      const listed = (list.json() as BudgetOverview).items.map((item) => item.locationId);
      const readable: string[] = [];
      for (const id of primarySchools) {
        const response = await client.get(`/api/budgets/${id}?schoolYear=${year}`);
        if (response.statusCode === 200) readable.push(id);
        else expect(response.statusCode).toBe(404);
      }
      expect(listed.length, role).toBeGreaterThan(0);
      expect({ role, ids: listed.sort() }).toEqual({ role, ids: readable.sort() });
    }
  });
});
