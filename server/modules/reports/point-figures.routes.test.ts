import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FigureCell,
  type Figures,
  type FigureTable,
  pointFigureTableIds,
} from '../../../contracts/reports.ts';
import type { TrajectoryStatus } from '../../../contracts/trajectories.ts';
import { createHarness, type Harness, type TestClient } from '../../test/harness.ts';
import { createTrajectoryWorld, type TrajectoryWorld } from '../../test/support/trajectories.test-support.ts';
import { trajectoryFigures } from '../retention/retention.schema.ts';
import {
  attendanceVisits,
  oppEvaluations,
  oppVersions,
  teacherSupportActivities,
  trajectories,
  zatReferrals,
} from '../trajectories/trajectories.schema.ts';

/**
 * S1 for the expertise points: each table on a hand-made data set equals a count done by hand. The
 * school year counted is 2026-2027 ("this year"), seen on 15 August 2027 so the whole year is in the
 * period; last year is 2025-2026. The pupils (M = main, O = other, both secondary):
 *
 * T1 M  decided 2025-09-01, running. OPP v1 adopted 2025-09-20 (deadline 2025-10-13: in time), planned
 *       evaluation 2026-03-01, evaluated 2026-02-20 (in time, last year); v2 adopted 2026-09-10; no
 *       planned moment in 2026-2027, so due 2027-06-19 (six weeks before 31 July), evaluated 2027-06-25
 *       (late, this year).
 * T2 M  decided 2026-09-15, running. OPP adopted 2026-11-30 (deadline 2026-10-27: late), a draft v2;
 *       not evaluated by 2027-06-19 (overdue).
 * T3 M  decided 2026-10-01, ended 2027-06-30 with a havo diploma. Never an OPP: its six weeks ran out
 *       2026-11-12 (not adopted); no OPP, so no evaluation was due.
 * T4 O  decided 2025-11-01, ended 2026-05-15 (moved school, no diploma). OPP adopted 2025-11-10 (in time);
 *       ended before its evaluation date, so not counted for evaluations.
 * T5 O  decided 2026-08-20, running. OPP adopted 2026-09-01 (in time), planned 2027-01-15, evaluated
 *       2027-01-10 (in time).
 * T6 O  not eligible; T7 M only signalled: neither counts anywhere.
 * Kept figures of deleted trajectories: M 2025 goals reached ×2, O 2026 diploma vmbo-kb ×3, M 2025
 * not eligible ×4 (never counted).
 */

let harness: Harness;
let world: TrajectoryWorld;
let staffOffice: TestClient;

const figuresOf = async (client: TestClient, query = '') => {
  const response = await client.get(`/api/reports/figures?schoolYear=2026&section=points${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return JSON.parse(response.body) as Figures;
};

/** A table's rows as `{ rowName: values }` (school ids as `main` / `other`), this year or last. */
function cellsOf(figures: Figures, id: string, which: 'values' | 'lastYear' = 'values') {
  const table = figures.tables.find((candidate) => candidate.id === id) as FigureTable;
  expect(table, id).toBeDefined();
  const names = new Map([
    [world.locationIds.main, 'main'],
    [world.locationIds.other, 'other'],
  ]);
  return Object.fromEntries(table.rows.map((row) => [names.get(row.key) ?? row.key, row[which]])) as Record<
    string,
    FigureCell[]
  >;
}

beforeAll(async () => {
  harness = await createHarness();
  harness.clock.set('2027-08-15');
  world = await createTrajectoryWorld(harness);
  staffOffice = await harness.signedIn(await harness.createUser(world.tenantId, [{ role: 'coordinator' }]));
  await insertDataSet();
});
/** The data set described at the top, inserted straight into the tables. */
async function insertDataSet() {
  const { tenantId } = world;
  const main = world.locationIds.main;
  const other = world.locationIds.other;
  const staff = world.careCoordinator.userId;
  await harness.database.withTenant(tenantId, async ({ db }) => {
    const trajectory = async (
      locationId: string,
      status: TrajectoryStatus,
      decidedOn: string | null,
      end: { on: string; reason: 'diploma' | 'moved_school'; level: 'havo' | null } | null = null,
    ) => {
      const [row] = await db
        .insert(trajectories)
        .values({
          tenantId,
          locationId,
          status,
          pupilFirstName: 'Sam',
          pupilLastName: 'Jansen',
          pupilClass: '3A',
          mentorUserId: world.mentor.userId,
          signalSource: 'teacher',
          signalObserved: 'Raakt snel overprikkeld.',
          signalledByUserId: world.teacher.userId,
          eligibilityDecidedOn: decidedOn,
          eligibilityDecidedByUserId: decidedOn ? staff : null,
          endedOn: end?.on ?? null,
          endReason: end?.reason ?? null,
          diplomaObtained: end ? end.level !== null : null,
          diplomaLevel: end?.level ?? null,
          nextDestination: end ? 'mbo' : null,
          endedByUserId: end ? staff : null,
        })
        .returning({ id: trajectories.id });
      return row?.id ?? '';
    };
    const t1 = await trajectory(main, 'active', '2025-09-01');
    const t2 = await trajectory(main, 'active', '2026-09-15');
    const t3 = await trajectory(main, 'ended', '2026-10-01', {
      on: '2027-06-30',
      reason: 'diploma',
      level: 'havo',
    });
    const t4 = await trajectory(other, 'ended', '2025-11-01', {
      on: '2026-05-15',
      reason: 'moved_school',
      level: null,
    });
    const t5 = await trajectory(other, 'active', '2026-08-20');
    await trajectory(other, 'not_eligible', '2026-09-01');
    await trajectory(main, 'signalled', null);

    // Adopted at noon in Amsterdam on the given day.
    const adoptedAt = (day: string) => new Date(`${day}T10:00:00Z`);
    const version = async (
      trajectoryId: string,
      number: number,
      status: 'draft' | 'adopted' | 'superseded',
      adoptedOn: string | null,
      evaluationDates: string[] = [],
    ) => {
      const [row] = await db
        .insert(oppVersions)
        .values({
          tenantId,
          trajectoryId,
          version: number,
          status,
          evaluationDates,
          createdByUserId: staff,
          adoptedAt: adoptedOn ? adoptedAt(adoptedOn) : null,
          adoptedByUserId: adoptedOn ? staff : null,
        })
        .returning({ id: oppVersions.id });
      return row?.id ?? '';
    };
    const t1v1 = await version(t1, 1, 'superseded', '2025-09-20', ['2026-03-01']);
    const t1v2 = await version(t1, 2, 'adopted', '2026-09-10');
    await version(t2, 1, 'adopted', '2026-11-30');
    await version(t2, 2, 'draft', null);
    await version(t4, 1, 'adopted', '2025-11-10');
    const t5v1 = await version(t5, 1, 'adopted', '2026-09-01', ['2027-01-15']);
    await db.insert(oppEvaluations).values(
      [
        [t1, t1v1, '2026-02-20'],
        [t1, t1v2, '2027-06-25'],
        [t5, t5v1, '2027-01-10'],
      ].map(([trajectoryId, oppVersionId, evaluatedOn]) => ({
        tenantId,
        trajectoryId: trajectoryId ?? '',
        oppVersionId: oppVersionId ?? '',
        evaluatedOn: evaluatedOn ?? '',
        summary: 'Gaat goed.',
        evaluatedByUserId: staff,
      })),
    );

    const visits: Array<[string, string, 'planned' | 'independent_work' | 'time_out' | 'crisis', string]> = [
      [t1, main, 'planned', '2026-09-01T08:00:00Z'],
      [t1, main, 'planned', '2026-09-02T08:00:00Z'],
      [t1, main, 'planned', '2027-03-01T08:00:00Z'],
      // 00:30 on 1 August 2026 in Amsterdam: this school year.
      [t1, main, 'planned', '2026-07-31T22:30:00Z'],
      [t1, main, 'crisis', '2026-10-10T08:00:00Z'],
      [t2, main, 'planned', '2026-10-05T08:00:00Z'],
      [t2, main, 'time_out', '2026-10-06T08:00:00Z'],
      [t2, main, 'time_out', '2026-10-07T08:00:00Z'],
      [t5, other, 'independent_work', '2026-11-02T08:00:00Z'],
      [t5, other, 'independent_work', '2026-11-03T08:00:00Z'],
      // Last year.
      [t1, main, 'planned', '2026-02-02T08:00:00Z'],
      [t4, other, 'crisis', '2026-01-12T08:00:00Z'],
      [t4, other, 'crisis', '2026-03-10T08:00:00Z'],
    ];
    await db.insert(attendanceVisits).values(
      visits.map(([trajectoryId, locationId, reason, at]) => ({
        tenantId,
        trajectoryId,
        locationId,
        reason,
        checkedInAt: new Date(at),
        checkedOutAt: new Date(new Date(at).getTime() + 3_600_000),
        checkedInByUserId: world.vsoTeacher.userId,
      })),
    );

    const referral = (
      trajectoryId: string,
      agencyKind: 'youth_care' | 'mental_health' | 'social_work',
      referredOn: string,
      consent: 'pending' | 'given' | 'refused',
      consentOn: string | null,
      outcomeOn: string | null = null,
    ) => ({
      tenantId,
      trajectoryId,
      referredOn,
      agencyKind,
      reason: 'Hulp thuis nodig.',
      parentalConsent: consent,
      consentRecordedOn: consentOn,
      outcome: outcomeOn ? 'Aangemeld.' : null,
      outcomeOn,
      createdByUserId: staff,
    });
    await db
      .insert(zatReferrals)
      .values([
        referral(t1, 'youth_care', '2026-09-10', 'given', '2026-09-12', '2026-11-01'),
        referral(t2, 'youth_care', '2026-10-01', 'given', '2026-10-02'),
        referral(t5, 'mental_health', '2027-02-01', 'pending', null),
        referral(t3, 'social_work', '2026-11-01', 'refused', '2026-11-05'),
        referral(t4, 'youth_care', '2026-03-01', 'given', '2026-03-02', '2026-09-01'),
      ]);

    const support = (
      locationId: string,
      kind: 'training' | 'class_support' | 'tip',
      occurredOn: string,
      participantCount: number | null,
    ) => ({
      tenantId,
      locationId,
      kind,
      occurredOn,
      topic: 'Prikkelverwerking',
      participantCount,
      createdByUserId: staff,
    });
    await db
      .insert(teacherSupportActivities)
      .values([
        support(main, 'training', '2026-10-01', 12),
        support(main, 'tip', '2026-11-01', null),
        support(main, 'tip', '2027-01-01', null),
        support(other, 'class_support', '2027-03-01', 1),
        support(main, 'training', '2026-04-01', 8),
      ]);

    await db.insert(trajectoryFigures).values([
      {
        tenantId,
        locationId: main,
        schoolYear: 2025,
        endReason: 'goals_reached',
        diplomaLevel: '',
        hadOpp: 'yes',
        count: 2,
      },
      {
        tenantId,
        locationId: other,
        schoolYear: 2026,
        endReason: 'diploma',
        diplomaLevel: 'vmbo_kb',
        hadOpp: 'yes',
        count: 3,
      },
      {
        tenantId,
        locationId: main,
        schoolYear: 2025,
        endReason: 'not_eligible',
        diplomaLevel: '',
        hadOpp: 'no',
        count: 4,
      },
    ]);
  });
}

afterAll(async () => {
  harness.clock.set(null);
  await harness.close();
});

describe('the expertise points’ figures (S1)', () => {
  it('S1: the staff office gets the six tables of the secondary schools only, each with a description', async () => {
    const figures = await figuresOf(staffOffice);
    expect(figures.tables.map((table) => table.id)).toEqual([
      'active_trajectories',
      'visits_by_reason',
      'opp_deadlines',
      'zat_referrals',
      'teacher_support',
      'outcomes',
    ]);
    // The export's contract names the same tables.
    expect(figures.tables.map((table) => table.id)).toEqual([...pointFigureTableIds]);
    for (const table of figures.tables) {
      expect(table.section).toBe('points');
      expect(table.title).not.toContain('points.');
      expect(table.description.length).toBeGreaterThan(40);
      expect(table.rows.every((row) => row.values.length === table.columns.length)).toBe(true);
    }
    // The primary school is not an expertise point's school.
    expect(Object.keys(cellsOf(figures, 'active_trajectories'))).toEqual(['main', 'other', 'total']);
  });

  it('S1, E9: pupils with a trajectory per school — running, new and ended — with kept figures in a whole year', async () => {
    const figures = await figuresOf(staffOffice);
    // This year: M runs T1, T2, T3 (new T2, T3; ended T3). O runs T5 (new) and the 3 kept diploma
    // trajectories that ended in 2026-2027 (running and ended). Columns: active, new, ended.
    expect(cellsOf(figures, 'active_trajectories')).toEqual({
      main: [3, 2, 1],
      other: [4, 1, 3],
      total: [7, 3, 4],
    });
    // Last year: M runs T1 (new) and the 2 kept goals-reached ones (ended); O runs T4 (new, ended).
    expect(cellsOf(figures, 'active_trajectories', 'lastYear')).toEqual({
      main: [3, 1, 2],
      other: [1, 1, 1],
      total: [4, 2, 3],
    });
  });

  it('S1: in a period shorter than the school year the kept figures (known by year only) stay out', async () => {
    const figures = await figuresOf(staffOffice, '&from=2026-09-01&to=2027-06-30');
    // M: T1, T2, T3 run (T2, T3 new; T3 ended 30 June). O: T5 runs, decided before 1 September.
    expect(cellsOf(figures, 'active_trajectories')).toEqual({
      main: [3, 2, 1],
      other: [1, 0, 0],
      total: [4, 2, 1],
    });
  });

  it('S1, E7: visits per reason, with the pupils they were, counted by the day in Amsterdam', async () => {
    const figures = await figuresOf(staffOffice);
    // Columns: pupils, visits. Planned: T1 ×3 plus one at 00:30 on 1 August 2026 (22:30 UTC the day
    // before, so this year), T2 ×1. Independent work: T5 ×2. Time-out: T2 ×2. Crisis: T1 ×1.
    expect(cellsOf(figures, 'visits_by_reason')).toEqual({
      planned: [2, 5],
      independent_work: [1, 2],
      time_out: [1, 2],
      crisis: [1, 1],
    });
    // Last year: T1 planned ×1; T4 crisis ×2.
    expect(cellsOf(figures, 'visits_by_reason', 'lastYear')).toEqual({
      planned: [1, 1],
      independent_work: [0, 0],
      time_out: [0, 0],
      crisis: [1, 2],
    });
  });

  it('S1, E7: in a period from mid-September a pupil counts once per reason, whatever order the visits were stored in', async () => {
    // The visits above are stored out of order in one statement. From 2 September: T1 planned on 2
    // September and 1 March (one pupil, two visits), T2 planned once.
    const figures = await figuresOf(staffOffice, '&from=2026-09-02&to=2027-06-30');
    expect(cellsOf(figures, 'visits_by_reason')).toEqual({
      planned: [2, 3],
      independent_work: [1, 2],
      time_out: [1, 2],
      crisis: [1, 1],
    });
  });

  it('E7: a recorded visit keeps its pupil, reason and check-in (the figures rest on them)', async () => {
    await expect(
      harness.database.withTenant(world.tenantId, ({ db }) =>
        db.update(attendanceVisits).set({ reason: 'time_out' }).where(eq(attendanceVisits.reason, 'crisis')),
      ),
    ).rejects.toThrow();
    const figures = await figuresOf(staffOffice);
    expect(cellsOf(figures, 'visits_by_reason').crisis).toEqual([1, 1]);
  });

  it('S1, E13: OPPs adopted within six weeks or later, and evaluated on time or late, per school', async () => {
    const figures = await figuresOf(staffOffice);
    // Columns: adopted in time, late, overdue; evaluated in time, late, overdue.
    expect(cellsOf(figures, 'opp_deadlines')).toEqual({
      main: [0, 1, 1, 0, 1, 1], // T2 late, T3 never; T1 evaluated late, T2 not evaluated
      other: [1, 0, 0, 1, 0, 0], // T5 in time, evaluated in time
      total: [1, 1, 1, 1, 1, 1],
    });
    expect(cellsOf(figures, 'opp_deadlines', 'lastYear')).toEqual({
      main: [1, 0, 0, 1, 0, 0], // T1 adopted and evaluated in time
      other: [1, 0, 0, 0, 0, 0], // T4 adopted in time, ended before its evaluation date
      total: [2, 0, 0, 1, 0, 0],
    });
  });

  it('S1, E13: the six weeks run from when extra support started, where it is set on the trajectory', async () => {
    // T2's support started on 20 October 2026: its deadline moves to 1 December, so 30 November is in time.
    const setT2Start = (day: string | null) =>
      harness.database.queryAsOwner(sql`update trajectories set support_started_on = ${day}::date
        where eligibility_decided_on = '2026-09-15' and location_id = ${world.locationIds.main}`);
    await setT2Start('2026-10-20');
    try {
      expect(cellsOf(await figuresOf(staffOffice), 'opp_deadlines').main).toEqual([1, 0, 1, 0, 1, 1]);
    } finally {
      await setT2Start(null);
    }
  });

  it('S1, E7: referrals through the ZAT per kind of help and where they stood at the end of the period', async () => {
    const figures = await figuresOf(staffOffice);
    // Columns: referred, awaiting consent, consent refused, in progress, completed.
    const none = [0, 0, 0, 0, 0];
    expect(cellsOf(figures, 'zat_referrals')).toEqual({
      youth_care: [2, 0, 0, 1, 1], // T1 completed, T2 consent given without an outcome
      mental_health: [1, 1, 0, 0, 0], // T5 still pending
      social_work: [1, 0, 1, 0, 0], // T3 refused
      school_doctor: none,
      attendance_officer: none,
      other: none,
      total: [4, 1, 1, 1, 1],
    });
    // T4's referral got its outcome on 1 September 2026: on 31 July 2026 it was still in progress.
    expect(cellsOf(figures, 'zat_referrals', 'lastYear')).toMatchObject({
      youth_care: [1, 0, 0, 1, 0],
      total: [1, 0, 0, 1, 0],
    });
  });

  it('S1, E6: the support of teachers per school and kind, and the teachers taking part', async () => {
    const figures = await figuresOf(staffOffice);
    // Columns: training, support in class, tip, all support, teachers taking part.
    expect(cellsOf(figures, 'teacher_support')).toEqual({
      main: [1, 0, 2, 3, 12],
      other: [0, 1, 0, 1, 1],
      total: [1, 1, 2, 4, 13],
    });
    expect(cellsOf(figures, 'teacher_support', 'lastYear')).toEqual({
      main: [1, 0, 0, 1, 8],
      other: [0, 0, 0, 0, 0],
      total: [1, 0, 0, 1, 8],
    });
  });

  it('S1, E11: trajectories ended by reason and diploma level, kept figures of deleted ones included', async () => {
    const figures = await figuresOf(staffOffice);
    const table = figures.tables.find((candidate) => candidate.id === 'outcomes') as FigureTable;
    const column = (key: string) => table.columns.findIndex((candidate) => candidate.key === key);
    const pick = (cells: FigureCell[] | undefined) =>
      [column('ended'), column('level_havo'), column('level_vmbo_kb'), column('level_none')].map(
        (index) => cells?.[index],
      );
    const now = cellsOf(figures, 'outcomes');
    // This year: T3 diploma havo; 3 kept diploma vmbo-kb at O.
    expect(pick(now.diploma)).toEqual([4, 1, 3, 0]);
    expect(pick(now.total)).toEqual([4, 1, 3, 0]);
    expect(now.goals_reached?.every((cell) => cell === 0)).toBe(true);
    const last = cellsOf(figures, 'outcomes', 'lastYear');
    // Last year: 2 kept goals-reached ones without a level at M; T4 moved school without a diploma.
    expect(pick(last.goals_reached)).toEqual([2, 0, 0, 2]);
    expect(pick(last.moved_school)).toEqual([1, 0, 0, 1]);
    expect(pick(last.total)).toEqual([3, 0, 0, 3]);
  });

  it('S1, P9: a care coordinator sees the figures of their own location only, small pupil counts as "< 5"', async () => {
    const figures = await figuresOf(world.careCoordinator.client);
    expect(figures.isSuppressed).toBe(true);
    // Main alone counts 3 running, 2 new and 1 ended: each fewer than 5 pupils.
    const small = ['small', 'small', 'small'];
    expect(cellsOf(figures, 'active_trajectories')).toEqual({ main: small, total: small });
    // Support of teachers counts no pupils: main's own numbers, nothing of the other school.
    expect(cellsOf(figures, 'teacher_support')).toEqual({ main: [1, 0, 2, 3, 12], total: [1, 0, 2, 3, 12] });
    expect(cellsOf(figures, 'teacher_support', 'lastYear')).toEqual({
      main: [1, 0, 0, 1, 8],
      total: [1, 0, 0, 1, 8],
    });
    // Visits are shown only where their pupils are: with fewer than 5 pupils they are left out.
    expect(cellsOf(figures, 'visits_by_reason').planned).toEqual(['small', 'hidden']);
    // The care coordinator may open the trajectory list; the total row leads there.
    const active = figures.tables.find((table) => table.id === 'active_trajectories') as FigureTable;
    expect(active.rows.map((row) => row.drillDown)).toEqual([
      `/trajecten?vestiging=${world.locationIds.main}`,
      '/trajecten?status=active',
    ]);
  });

  it('S1: the labels come in the viewer’s language (the other location’s care coordinator reads English)', async () => {
    const client = world.otherCareCoordinator.client;
    expect((await client.patch('/api/account', { locale: 'en' })).statusCode).toBe(204);
    const figures = await figuresOf(client);
    const active = figures.tables.find((table) => table.id === 'active_trajectories') as FigureTable;
    expect(active.title).toBe('Pupils with a trajectory at the expertise point');
    expect(active.columns.map((column) => column.label)).toEqual([
      'Pupils with a trajectory',
      'New',
      'Ended',
    ]);
    expect(active.rows.map((row) => row.label)).toEqual(['School other', 'Total']);
    expect(Object.keys(cellsOf(figures, 'active_trajectories'))).toEqual(['other', 'total']);
    expect(cellsOf(figures, 'teacher_support')).toEqual({ other: [0, 1, 0, 1, 1], total: [0, 1, 0, 1, 1] });
  });

  it('S1: no drill-down to a list the viewer may not open (the staff office reads no pupil files)', async () => {
    const figures = await figuresOf(staffOffice);
    expect(figures.tables.flatMap((table) => table.rows).every((row) => row.drillDown === null)).toBe(true);
  });
});
