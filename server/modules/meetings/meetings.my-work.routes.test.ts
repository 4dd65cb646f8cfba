import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingOverview } from '../../../contracts/meetings.ts';
import type { MyWork, MyWorkItem } from '../../../contracts/my-work.ts';
import { addDays, schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { schoolTeamAssignments } from '../team/team.schema.ts';

let harness: Harness;
let schools: Record<string, string>;
let coordinator: TestClient;
let contact: TestClient;
let ib: TestClient;
let director: TestClient;
let otherCoordinator: TestClient;
const year = schoolYearOf(todayInAmsterdam());
const day = (offset: number) => addDays(`${year}-09-01`, offset);

async function myWork(client: TestClient): Promise<MyWork> {
  const response = await client.get('/api/my-work');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MyWork;
}

const toPlan = (work: MyWork) =>
  work.items.filter(
    (item) => item.kind === 'meetings_annual_talk_to_plan' || item.kind === 'meetings_sot_to_plan',
  );

/** The schools the linked overview shows, with the web link's filters turned into the API's parameters. */
async function overviewSchools(client: TestClient, item: MyWorkItem): Promise<string[]> {
  const [path, query = ''] = item.to.split('?');
  expect(path).toBe('/overleg/overzicht');
  const web = new URLSearchParams(query);
  const api = new URLSearchParams({
    schoolYear: web.get('schooljaar') ?? '',
    attention: web.get('aandacht') ?? '',
  });
  const response = await client.get(`/api/meeting-overview?${api}`);
  expect(response.statusCode, response.body).toBe(200);
  const overview = response.json() as MeetingOverview;
  expect(overview.total).toBe(overview.items.length);
  return overview.items.map((line) => line.locationId).sort();
}

/** Per kind: the count on "Mijn werk", and the schools its link shows. */
async function countsAndLists(client: TestClient) {
  const result: Record<string, { count: number; schools: string[] }> = {};
  for (const item of toPlan(await myWork(client)))
    result[item.kind] = { count: item.count, schools: await overviewSchools(client, item) };
  return result;
}

const sorted = (...ids: Array<string | undefined>) => ids.map((id) => id ?? '').sort();

beforeAll(async () => {
  harness = await createHarness();
  // a, c and e are primary schools, b and d secondary (the harness alternates sectors).
  const tenant = await harness.createTenant(['a', 'b', 'c', 'd', 'e']);
  schools = tenant.locationIds;
  coordinator = await harness.signedIn(await harness.createUser(tenant.tenantId, [{ role: 'coordinator' }]));
  const member = await harness.createUser(tenant.tenantId, [
    { role: 'team_member', teamRole: 'inclusion_adviser' },
  ]);
  // The team member serves a and c.
  await harness.database.withTenant(tenant.tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values(
      [schools.a, schools.c].map((locationId) => ({
        tenantId: tenant.tenantId,
        locationId: locationId ?? '',
        userId: member.userId,
        teamRole: 'inclusion_adviser' as const,
        isContact: true,
        validFrom: `${year - 1}-08-01`,
      })),
    ),
  );
  contact = await harness.signedIn(member);
  ib = await harness.signedIn(
    await harness.createUser(tenant.tenantId, [{ role: 'internal_coordinator', locationId: schools.a }]),
  );
  director = await harness.signedIn(
    await harness.createUser(tenant.tenantId, [{ role: 'director', locationId: schools.a }]),
  );
  // Another partnership with a primary school that has planned nothing: never counted here.
  const other = await harness.createTenant(['x']);
  otherCoordinator = await harness.signedIn(
    await harness.createUser(other.tenantId, [{ role: 'coordinator' }]),
  );

  const plan = async (client: TestClient, changes: Record<string, unknown>) => {
    const response = await client.post('/api/meetings', {
      kind: 'sot',
      date: day(14),
      startTime: '14:00',
      endTime: '15:00',
      ...changes,
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  // a: one SOT planned, no annual talk. c: an annual talk held and two SOTs. e: nothing.
  await plan(coordinator, { locationId: schools.a });
  await plan(coordinator, {
    locationId: schools.c,
    kind: 'annual_talk',
    status: 'held',
    date: day(2),
    participants: [
      { userId: member.userId, name: 'Contactpersoon', role: 'contact_person' },
      { name: 'IB', role: 'internal_coordinator' },
    ],
  });
  await plan(coordinator, { locationId: schools.c });
  await plan(coordinator, { locationId: schools.c, date: day(60) });
});
afterAll(() => harness.close());

describe('Mijn werk: meetings to plan (R11, R12)', () => {
  it('R11, R12: the staff office counts every school of its partnership, equal to the filtered overview', async () => {
    expect(await countsAndLists(coordinator)).toEqual({
      meetings_annual_talk_to_plan: { count: 2, schools: sorted(schools.a, schools.e) },
      meetings_sot_to_plan: { count: 2, schools: sorted(schools.a, schools.e) },
    });
    // The other partnership's school counts only there.
    expect(await countsAndLists(otherCoordinator)).toMatchObject({
      meetings_annual_talk_to_plan: { count: 1 },
      meetings_sot_to_plan: { count: 1 },
    });
  });

  it('R11, R12: the team member counts the schools it serves; the IB and director their own school', async () => {
    const onlyA = {
      meetings_annual_talk_to_plan: { count: 1, schools: [schools.a] },
      meetings_sot_to_plan: { count: 1, schools: [schools.a] },
    };
    expect(await countsAndLists(contact)).toEqual(onlyA);
    expect(await countsAndLists(ib)).toEqual(onlyA);
    expect(await countsAndLists(director)).toEqual(onlyA);
  });

  it('R12: a cancelled SOT does not count; a second one planned takes the school off the SOT list', async () => {
    const second = await ib.post('/api/meetings', {
      kind: 'sot',
      locationId: schools.a,
      date: day(70),
      startTime: '09:00',
      endTime: '10:00',
      status: 'cancelled',
    });
    expect(second.statusCode, second.body).toBe(201);
    expect((await countsAndLists(ib)).meetings_sot_to_plan?.count).toBe(1);
    const planned = await ib.post('/api/meetings', {
      kind: 'sot',
      locationId: schools.a,
      date: day(71),
      startTime: '09:00',
      endTime: '10:00',
    });
    expect(planned.statusCode, planned.body).toBe(201);
    expect(await countsAndLists(ib)).toEqual({
      meetings_annual_talk_to_plan: { count: 1, schools: [schools.a] },
    });
    expect(await countsAndLists(coordinator)).toEqual({
      meetings_annual_talk_to_plan: { count: 2, schools: sorted(schools.a, schools.e) },
      meetings_sot_to_plan: { count: 1, schools: [schools.e] },
    });
  });
});
