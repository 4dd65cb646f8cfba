import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FigureCell,
  type Figures,
  type FigureTable,
  teamFigureTableIds,
} from '../../../contracts/reports.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { percentile } from './statistics.rules.ts';

/*
 * A hand-made partnership: schools a (bo), b (vo), c (bo); today is 4 March 2026, so the school year is
 * 2025 (1 Aug 2025 – 31 Jul 2026), the period runs to today and last year's to 4 March 2025. The rows
 * are written as the owner with their dates in the past, which no API call can make; every expected
 * number below is counted by hand from them.
 */
const today = '2026-03-04';
const year = 2025;

let harness: Harness;
let tenantId: string;
let schools: Record<string, string>;
let coordinatorId: string;
let memberId: string;
let staff: TestClient;
let director: TestClient;
let boardId: string;
let counter = 0;

const at = (date: string) => sql`(${date}::date + time '10:00') at time zone 'Europe/Amsterdam'`;
const owner = (query: ReturnType<typeof sql>) => harness.database.queryAsOwner(query);

type RequestSeed = {
  school: string;
  status: string;
  type: string | null;
  submitted: string | null;
  consent?: 'pending' | 'complete' | 'refused' | 'withdrawn';
  consentOn?: string;
  started?: string;
  closed?: string;
  direct?: boolean;
  method?: 'digital' | 'paper' | 'school';
};

/** Inserts `times` requests alike; returns their ids. */
async function requests(times: number, seed: RequestSeed): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < times; index++) {
    counter += 1;
    const submittedYear = seed.submitted ? Number(seed.submitted.slice(0, 4)) : year;
    const rows = await owner(sql`
      insert into support_requests (tenant_id, location_id, reference, school_year, idempotency_key, status,
        consent_status, consent_fixed_on, type, asks_direct_pupil_support, created_by_user_id, submitted_at, closed_at)
      values (${tenantId}, ${schools[seed.school]}, ${`HV-${counter}`}, ${submittedYear}, gen_random_uuid(),
        ${seed.status}, ${seed.consent ?? 'not_needed'}, ${seed.consentOn ?? null}, ${seed.type},
        ${seed.direct ?? false}, ${coordinatorId}, ${seed.submitted ? at(seed.submitted) : null},
        ${seed.closed ? at(seed.closed) : null})
      returning id`);
    const id = (rows as Array<{ id: string }>)[0]?.id as string;
    ids.push(id);
    if (seed.started)
      await owner(sql`insert into request_events (tenant_id, request_id, transition, from_status, to_status, at)
        values (${tenantId}, ${id}, 'start', 'assigned', 'in_progress', ${at(seed.started)})`);
    if (seed.method) {
      const [person] = (await owner(sql`insert into request_people (tenant_id, request_id, kind, name)
        values (${tenantId}, ${id}, 'parent', 'Ouder') returning id`)) as Array<{ id: string }>;
      await owner(sql`insert into consent_records (tenant_id, request_id, person_id, decision, method, decided_on)
        values (${tenantId}, ${id}, ${person?.id}, ${seed.consent === 'refused' ? 'refused' : 'given'},
          ${seed.method}, ${seed.consentOn ?? seed.submitted})`);
    }
  }
  return ids;
}

async function meeting(school: string, kind: string, date: string, status: string, decision?: string) {
  await owner(sql`insert into meetings (tenant_id, location_id, kind, status, school_year, starts_at, ends_at,
      decision, decision_reason, created_by_user_id)
    values (${tenantId}, ${schools[school]}, ${kind}, ${status}, ${year}, ${at(date)}, ${at(date)} + interval '1 hour',
      ${decision ?? null}, ${decision ? 'Reden' : null}, ${coordinatorId})`);
}

async function allocation(schoolYear: number, lines: Record<string, number>) {
  const [row] =
    (await owner(sql`insert into allocations (tenant_id, school_year, version, status, set_aside_hours,
      total_hours, pupil_weight_percent, reference_years, minimum_hours, rounding_unit, created_by_user_id)
    values (${tenantId}, ${schoolYear}, 1, 'adopted', 0, 1000, 50, 3, 0, 1, ${coordinatorId}) returning id`)) as Array<{
      id: string;
    }>;
  for (const [school, hours] of Object.entries(lines))
    await owner(sql`insert into allocation_lines (tenant_id, allocation_id, location_id, pupils, requests,
        pupil_share, request_share, raw_hours, hours)
      values (${tenantId}, ${row?.id}, ${schools[school]}, 100, 1, 0.5, 0.5, ${hours}, ${hours})`);
}

async function timeEntry(school: string, date: string, hours: number, requestId: string | null) {
  await owner(sql`insert into time_entries (tenant_id, user_id, location_id, request_id, entry_date, hours, activity,
      created_by_user_id)
    values (${tenantId}, ${memberId}, ${schools[school]}, ${requestId}, ${date}, ${hours}, 'coaching', ${memberId})`);
}

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set(today);
  const tenant = await harness.createTenant(['a', 'b', 'c']);
  tenantId = tenant.tenantId;
  schools = tenant.locationIds;
  const office = await harness.createUser(tenantId, [{ role: 'coordinator' }]);
  coordinatorId = office.userId;
  staff = await harness.signedIn(office);
  director = await harness.signedIn(
    await harness.createUser(tenantId, [{ role: 'director', locationId: schools.a }]),
  );
  memberId = (await harness.createUser(tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }]))
    .userId;
  const [board] = (await owner(sql`insert into school_boards (tenant_id, code, name)
    values (${tenantId}, '40001', 'Bestuur B') returning id`)) as Array<{ id: string }>;
  boardId = board?.id as string;
  await owner(sql`update locations set board_id = ${boardId} where id = ${schools.b}`);

  // This school year. School a: 3 closed pupil-level requests (consent after 10 days, picked up 5
  // days later, closed 30 days after that; 2 consents by link, 1 on paper), 2 in progress, 1 refused
  // at once for direct pupil support, 1 refused by the team, 1 waiting for consent, 1 draft (not counted).
  const closedA = await requests(2, {
    school: 'a',
    status: 'closed',
    type: 'pupil_advice',
    submitted: '2025-09-10',
    consent: 'complete',
    consentOn: '2025-09-20',
    started: '2025-09-25',
    closed: '2025-10-25',
    method: 'digital',
  });
  await requests(1, {
    school: 'a',
    status: 'closed',
    type: 'pupil_advice',
    submitted: '2025-09-10',
    consent: 'complete',
    consentOn: '2025-09-20',
    started: '2025-09-25',
    closed: '2025-10-25',
    method: 'paper',
  });
  await requests(2, {
    school: 'a',
    status: 'in_progress',
    type: 'process_guidance',
    submitted: '2025-11-01',
    started: '2025-11-11',
  });
  await requests(1, {
    school: 'a',
    status: 'refused',
    type: 'pupil_advice',
    submitted: '2025-12-01',
    direct: true,
    closed: '2025-12-01',
  });
  await requests(1, { school: 'a', status: 'refused', type: 'group_guidance', submitted: '2026-01-05' });
  await requests(1, {
    school: 'a',
    status: 'submitted',
    type: 'pupil_advice',
    submitted: '2026-02-01',
    consent: 'pending',
  });
  await requests(1, { school: 'a', status: 'draft', type: 'pupil_advice', submitted: null });
  // School b: 6 school-wide themes, submitted 1 September, picked up after 2, 4, 7, 14, 21 and 30 days,
  // all closed on 1 December; 1 group coaching withdrawn.
  const closedB: string[] = [];
  for (const started of ['2025-09-03', '2025-09-05', '2025-09-08', '2025-09-15', '2025-09-22', '2025-10-01'])
    closedB.push(
      ...(await requests(1, {
        school: 'b',
        status: 'closed',
        type: 'school_wide_theme',
        submitted: '2025-09-01',
        started,
        closed: '2025-12-01',
      })),
    );
  await requests(1, {
    school: 'b',
    status: 'withdrawn',
    type: 'teacher_coaching_group',
    submitted: '2025-10-01',
  });
  // School c: 5 IB coachings assigned; 1 pupil coaching whose consent the school recorded as refused.
  await requests(5, { school: 'c', status: 'assigned', type: 'ib_coaching', submitted: '2026-01-10' });
  await requests(1, {
    school: 'c',
    status: 'withdrawn',
    type: 'teacher_coaching_pupil',
    submitted: '2025-11-20',
    consent: 'refused',
    method: 'school',
  });
  // Last school year: 2 closed at a (consent after 10 days), 7 in progress at c, all on 1 October 2024;
  // 1 closed at b on 20 March 2025 (after last year's period, inside its whole year); and deleted
  // requests kept as counts: 2 closed at a, 4 refused at b.
  await requests(2, {
    school: 'a',
    status: 'closed',
    type: 'pupil_advice',
    submitted: '2024-10-01',
    consent: 'complete',
    consentOn: '2024-10-11',
  });
  await requests(7, {
    school: 'c',
    status: 'in_progress',
    type: 'process_guidance',
    submitted: '2024-10-01',
  });
  await requests(1, { school: 'b', status: 'closed', type: 'group_guidance', submitted: '2025-03-20' });
  await owner(sql`insert into request_figures (tenant_id, location_id, school_year, type, outcome, count) values
    (${tenantId}, ${schools.a}, ${year - 1}, 'pupil_advice', 'closed', 2),
    (${tenantId}, ${schools.b}, ${year - 1}, 'process_guidance', 'refused', 4)`);

  // Hours: allocated a 100, b 50 this year, a 90 last year; used a 10 (on a request tagged Gedrag and
  // Taal) + 5.5 (no request), b 20 (a request tagged Gedrag); last year a 8.
  await allocation(year, { a: 100, b: 50 });
  await allocation(year - 1, { a: 90 });
  const tags = (await owner(sql`insert into expertise_tags (tenant_id, name)
    values (${tenantId}, 'Taal'), (${tenantId}, 'Gedrag') returning id, name`)) as Array<{
    id: string;
    name: string;
  }>;
  const tagId = (name: string) => tags.find((tag) => tag.name === name)?.id;
  await owner(sql`insert into support_request_tags (tenant_id, request_id, tag_id) values
    (${tenantId}, ${closedA[0]}, ${tagId('Gedrag')}), (${tenantId}, ${closedA[0]}, ${tagId('Taal')}),
    (${tenantId}, ${closedB[0]}, ${tagId('Gedrag')})`);
  await timeEntry('a', '2025-10-01', 10, closedA[0] ?? null);
  await timeEntry('a', '2025-10-02', 5.5, null);
  await timeEntry('b', '2025-10-03', 20, closedB[0] ?? null);
  await timeEntry('a', '2024-11-01', 8, null);

  // Meetings: an annual talk at a; SOT twice at a (and one cancelled), once at b; interim at c: one the
  // team attends, one it declines (both with reason), one undecided.
  await meeting('a', 'annual_talk', '2025-10-10', 'held');
  await meeting('a', 'sot', '2025-09-15', 'held');
  await meeting('a', 'sot', '2026-01-15', 'held');
  await meeting('a', 'sot', '2025-11-15', 'cancelled');
  await meeting('b', 'sot', '2025-10-15', 'held');
  await meeting('c', 'interim', '2025-10-20', 'held', 'attend');
  await meeting('c', 'interim', '2025-11-20', 'held', 'decline');
  await meeting('c', 'interim', '2026-04-20', 'planned');
  await meeting('c', 'interim', '2026-02-20', 'planned');
});

afterAll(() => harness.close());

async function figures(client: TestClient, query: string): Promise<Figures> {
  const response = await client.get(`/api/reports/figures?section=team&${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Figures;
}

const tableIn = (answer: Figures, id: string): FigureTable => {
  const table = answer.tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return table;
};

/** A table's rows as `label: values` (or last year's), for comparing with hand counts. */
function cellsOf(table: FigureTable, which: 'values' | 'lastYear' = 'values'): Record<string, FigureCell[]> {
  return Object.fromEntries(table.rows.map((row) => [row.label, row[which]]));
}

describe('GET /api/reports/figures?section=team (S1)', () => {
  it('S1: counts the requests per school, type, status, refusal and level for the staff office', async () => {
    const answer = await figures(staff, `schoolYear=${year}`);
    expect(answer.isSuppressed).toBe(false);
    expect(answer.period).toEqual({ from: '2025-08-01', to: today });
    expect(answer.lastYearPeriod).toEqual({ from: '2024-08-01', to: '2025-03-04' });
    expect(answer.tables.map((table) => table.id)).toEqual([
      'requests_by_school',
      'requests_by_type',
      'requests_by_status',
      'refusals_by_reason',
      'requests_by_level',
      'lead_times',
      'consent',
      'hours_by_school',
      'hours_by_expertise',
      'planning_talks',
      'sot_meetings',
      'interim_meetings',
    ]);
    // The export's contract names the same tables.
    expect(answer.tables.map((table) => table.id)).toEqual([...teamFigureTableIds]);
    const bySchool = tableIn(answer, 'requests_by_school');
    expect(bySchool.columns.map((column) => column.label)).toEqual([
      'Nog niet opgepakt',
      'Loopt',
      'Afgesloten',
      'Geweigerd',
      'Ingetrokken',
      'Totaal',
    ]);
    // a: waiting 1, in progress 2, closed 3, refused 2 → 8 (the draft is not counted); b: 6 closed, 1
    // withdrawn; c: 5 assigned, 1 withdrawn. Deleted requests are left out of a part of a year.
    expect(cellsOf(bySchool)).toEqual({
      'School a': [1, 2, 3, 2, 0, 8],
      'School b': [0, 0, 6, 0, 1, 7],
      'School c': [0, 5, 0, 0, 1, 6],
      Totaal: [1, 7, 9, 2, 2, 21],
    });
    // Last year to 4 March 2025: a's 2 closed, c's 7 in progress; b's of 20 March is after the period.
    expect(cellsOf(bySchool, 'lastYear')).toEqual({
      'School a': [0, 0, 2, 0, 0, 2],
      'School b': [0, 0, 0, 0, 0, 0],
      'School c': [0, 7, 0, 0, 0, 7],
      Totaal: [0, 7, 2, 0, 0, 9],
    });
    expect(bySchool.rows[0]?.drillDown).toBe(`/hulpvragen?schooljaar=${year}&school=${schools.a}`);
    expect(bySchool.chartColumn).toBe(5);

    const byType = tableIn(answer, 'requests_by_type');
    // pupil advice: a's 3 closed, 1 refused, 1 waiting; c's pupil coaching; group work: a's refused
    // group guidance, b's withdrawn group coaching; b's 6 themes; c's 5 IB coachings; a's 2 in progress.
    expect(byType.rows.map((row) => [row.key, row.values[0], row.lastYear[0]])).toEqual([
      ['pupil_advice', 5, 2],
      ['process_guidance', 2, 7],
      ['teacher_coaching_pupil', 1, 0],
      ['teacher_coaching_group', 1, 0],
      ['teacher_coaching_classroom', 0, 0],
      ['group_guidance', 1, 0],
      ['ib_coaching', 5, 0],
      ['school_wide_theme', 6, 0],
      ['total', 21, 9],
    ]);
    expect(byType.rows[0]?.drillDown).toBe(`/hulpvragen?schooljaar=${year}&soort=pupil_advice`);

    const byStatus = tableIn(answer, 'requests_by_status');
    expect(byStatus.rows.map((row) => [row.key, row.values[0]])).toEqual([
      ['submitted', 1],
      ['ready', 0],
      ['assigned', 5],
      ['in_progress', 2],
      ['paused', 0],
      ['closed', 9],
      ['refused', 2],
      ['withdrawn', 2],
      ['total', 21],
    ]);

    // One refused at once for asking direct pupil support, one by the team.
    expect(tableIn(answer, 'refusals_by_reason').rows.map((row) => [row.key, row.values[0]])).toEqual([
      ['direct', 1],
      ['other', 1],
      ['total', 2],
    ]);
    // Pupil: 5 pupil advice + 1 pupil coaching; group: 1 + 1; the rest 2 + 5 + 6.
    expect(
      tableIn(answer, 'requests_by_level').rows.map((row) => [row.key, row.values[0], row.lastYear[0]]),
    ).toEqual([
      ['pupil', 6, 2],
      ['group', 2, 0],
      ['school', 13, 7],
      ['total', 21, 9],
    ]);
  });

  it('S1: gives the lead times per step as median and 80th percentile in days', async () => {
    const answer = await figures(staff, `schoolYear=${year}`);
    const leadTimes = tableIn(answer, 'lead_times');
    // Consent: a's 3 after 10 days. Picked up: a's 3 after 5, a's 2 after 10, b's 6 after 2–30 days.
    // Work: a's 3 in 30 days, b's 6 in 61–89. Whole: a's 3 in 45 days, b's 6 in 91.
    const pickup = [5, 5, 5, 10, 10, 2, 4, 7, 14, 21, 30];
    const work = [30, 30, 30, 89, 87, 84, 77, 70, 61];
    expect(cellsOf(leadTimes)).toEqual({
      'Ingediend tot toestemming compleet': [3, 10, 10],
      'Toestemming compleet (of ingediend) tot opgepakt': [11, 7, 14],
      'Opgepakt tot afgesloten': [9, 70, 85.2],
      'Ingediend tot afgesloten': [9, 91, 91],
    });
    // The database's percentile_cont is the method the statistics rules write down.
    expect([percentile(pickup, 0.5), percentile(pickup, 0.8)]).toEqual([7, 14]);
    expect(percentile(work, 0.8)).toBeCloseTo(85.2);
    expect(leadTimes.rows[0]?.lastYear).toEqual([2, 10, 10]);
  });

  it('S1: counts consent, hours and meetings per school', async () => {
    const answer = await figures(staff, `schoolYear=${year}`);
    // a: 4 need consent (3 complete after 10 days; 2 by link, 1 paper); c: 1 refused, recorded by the school.
    expect(cellsOf(tableIn(answer, 'consent'))).toEqual({
      'School a': [4, 3, 10, 0, 0, 2, 1, 0],
      'School b': [0, 0, null, 0, 0, 0, 0, 0],
      'School c': [1, 0, null, 1, 0, 0, 0, 1],
      Totaal: [5, 3, 10, 1, 0, 2, 1, 1],
    });
    const hours = tableIn(answer, 'hours_by_school');
    expect(cellsOf(hours)).toEqual({
      'School a': [100, 15.5, 84.5],
      'School b': [50, 20, 30],
      'School c': [null, 0, null],
      Totaal: [150, 35.5, 114.5],
    });
    expect(cellsOf(hours, 'lastYear')).toEqual({
      'School a': [90, 8, 82],
      'School b': [null, 0, null],
      'School c': [null, 0, null],
      Totaal: [90, 8, 82],
    });
    expect(hours.rows[0]?.drillDown).toBe(`/budget/${schools.a}`);
    const expertise = tableIn(answer, 'hours_by_expertise');
    expect(expertise.rows.map((row) => [row.label, row.values[0], row.lastYear[0]])).toEqual([
      ['Gedrag', 30, 0],
      ['Taal', 10, 0],
      ['Zonder expertise of hulpvraag', 5.5, 8],
    ]);
    expect(cellsOf(tableIn(answer, 'planning_talks'))).toEqual({
      'School a': [1, 0],
      'School b': [0, 1],
      'School c': [0, 1],
      Totaal: [1, 2],
    });
    // Held SOT meetings: a 2 (the cancelled one not), b 1, c 0.
    expect(cellsOf(tableIn(answer, 'sot_meetings'))).toEqual({
      'School a': [2, 0, 1, 0],
      'School b': [1, 1, 0, 0],
      'School c': [0, 1, 0, 0],
      Totaal: [3, 2, 1, 0],
    });
    // c: 3 interim meetings up to today (the one of April is after the period).
    const interim = tableIn(answer, 'interim_meetings');
    expect(cellsOf(interim)).toEqual({
      'School a': [0, 0, 0, 0, 0],
      'School b': [0, 0, 0, 0, 0],
      'School c': [3, 1, 1, 1, 2],
      Totaal: [3, 1, 1, 1, 2],
    });
    expect(interim.rows[2]?.drillDown).toBe(`/overleg?schooljaar=${year}&soort=interim&school=${schools.c}`);
  });

  it('S1: a past school year adds up with the requests deleted after their retention period', async () => {
    const answer = await figures(staff, `schoolYear=${year - 1}`);
    // Live: a 2 closed, c 7 in progress, b 1 closed (20 March); deleted: a 2 closed, b 4 refused.
    expect(cellsOf(tableIn(answer, 'requests_by_school'))).toEqual({
      'School a': [0, 0, 4, 0, 0, 4],
      'School b': [0, 0, 1, 4, 0, 5],
      'School c': [0, 7, 0, 0, 0, 7],
      Totaal: [0, 7, 5, 4, 0, 16],
    });
    expect(tableIn(answer, 'refusals_by_reason').rows.map((row) => [row.key, row.values[0]])).toEqual([
      ['direct', 0],
      ['other', 0],
      ['unknown', 4],
      ['total', 4],
    ]);
  });

  it('S1: the filters on school, board, sector and period narrow the schools and days counted', async () => {
    const single = await figures(staff, `schoolYear=${year}&locationId=${schools.b}`);
    expect(cellsOf(tableIn(single, 'requests_by_school'))).toEqual({
      'School b': [0, 0, 6, 0, 1, 7],
      Totaal: [0, 0, 6, 0, 1, 7],
    });
    const board = await figures(staff, `schoolYear=${year}&boardId=${boardId}`);
    expect(tableIn(board, 'requests_by_school').rows.map((row) => row.label)).toEqual(['School b', 'Totaal']);
    // Sector bo: a and c (the harness alternates bo and vo).
    const sector = await figures(staff, `schoolYear=${year}&sector=bo`);
    expect(tableIn(sector, 'requests_by_type').rows.at(-1)?.values).toEqual([14]);
    // September 2025: a's 3 closed (10 Sept) and b's 6 (1 Sept); last year's September holds none.
    const september = await figures(staff, `schoolYear=${year}&from=2025-09-01&to=2025-09-30`);
    expect(september.lastYearPeriod).toEqual({ from: '2024-09-01', to: '2024-09-30' });
    const total = tableIn(september, 'requests_by_school').rows.at(-1);
    expect(total?.values).toEqual([0, 0, 9, 0, 0, 9]);
    expect(total?.lastYear).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('S1: a school out of reach answers 400', async () => {
    const response = await director.get(
      `/api/reports/figures?section=team&schoolYear=${year}&locationId=${schools.b}`,
    );
    expect(response.statusCode).toBe(400);
  });

  it('P9: a director sees only their own school, with counts under 5 shown as small', async () => {
    const answer = await figures(director, `schoolYear=${year}`);
    expect(answer.isSuppressed).toBe(true);
    const bySchool = tableIn(answer, 'requests_by_school');
    // a: 1, 2, 3, 2, 0 are all under 5; the total row equals a's row.
    expect(cellsOf(bySchool)).toEqual({
      'School a': ['small', 'small', 'small', 'small', 'small', 8],
      Totaal: ['small', 'small', 'small', 'small', 'small', 8],
    });
    // The consent step of a's 3 requests: 3 is small and their median is not shown.
    expect(tableIn(answer, 'lead_times').rows[0]?.values).toEqual(['small', 'hidden', 'hidden']);
    // Hours are not about pupils: shown as they are.
    expect(tableIn(answer, 'hours_by_school').rows[0]?.values).toEqual([100, 15.5, 84.5]);
    // A director may not open the request list of the team's figures? They may: the drill-down follows the grant.
    expect(bySchool.rows[0]?.drillDown?.startsWith('/hulpvragen?')).toBe(true);
  });
});
