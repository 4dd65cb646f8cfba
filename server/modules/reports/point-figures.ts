import { type SQL, sql } from 'drizzle-orm';
import { secondarySectors } from '../../../contracts/locations.ts';
import { schoolYearBounds } from '../../../contracts/school-year.ts';
import {
  agencyKinds,
  diplomaLevels,
  endReasons,
  type ReferralConsent,
  teacherSupportKinds,
  visitReasons,
} from '../../../contracts/trajectories.ts';
import { queryRows } from '../../db/client.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { evaluationDueWindowDays } from '../opp/opp.rules.ts';
import { referralStateOf } from '../pupil-records/referrals.rules.ts';
import { oppAdoptionDeadlineSql } from '../trajectories/trajectories.attention.ts';
import { type FigureScope, inLocations, periodsCte } from './figure-scope.ts';
import {
  listPath,
  type RawFigureColumn,
  type RawFigureRow,
  type RawFigureTable,
  sumRowOf,
} from './figure-table.ts';

/**
 * The expertise points' figures (S1: E7, E6, E11, E13) over the secondary locations of the scope. Every
 * table is one query that counts this period and the same period a year earlier side by side: the two
 * periods are a `periods` row each (`which` = 'now' | 'last'), joined to the rows they count.
 */

type Which = 'now' | 'last';

/** A counted value of one period and one row key, by column key. */
type Counts = Map<Which, Map<string, Record<string, number>>>;

/** The tables of the expertise points' figures (S1) over the scope's secondary schools and periods. */
export async function pointFigureTables(
  context: UseCaseContext,
  scope: FigureScope,
): Promise<RawFigureTable[]> {
  const schools = scope.locations.filter((location) =>
    (secondarySectors as readonly string[]).includes(location.sector),
  );
  if (schools.length === 0) return [];
  const query: PointQuery = {
    periods: periodsCte(scope),
    locationIds: schools.map((school) => school.id),
    years: { now: schoolYearBounds(scope.schoolYear), last: schoolYearBounds(scope.schoolYear - 1) },
  };
  const t = (key: string) => translate(scope.locale, `points.${key}`);
  const trajectoryList = (params: Record<string, string>) =>
    listPath(scope, 'trajectories.read', '/trajecten', params);
  const schoolRows = schools.map((school) => ({ key: school.id, label: school.name }));
  // A school's row leads to the trajectory list filtered to that school (`vestiging`).
  const schoolListRows = schools.map((school) => ({
    key: school.id,
    label: school.name,
    drillDown: trajectoryList({ vestiging: school.id }),
  }));

  const active = await countActiveTrajectories(context, query);
  const visits = await countVisits(context, query);
  const deadlines = await countOppDeadlines(context, query);
  const referrals = await countReferrals(context, query);
  const support = await countTeacherSupport(context, query);
  const outcomes = await countOutcomes(context, query);

  const outcomeLevels = [...diplomaLevels, 'none'] as const;
  return [
    tableOf(t, 'active_trajectories', {
      columns: [
        { key: 'active', unit: 'count', countsPupils: true },
        { key: 'new', unit: 'count', countsPupils: true },
        { key: 'ended', unit: 'count', countsPupils: true },
      ],
      rows: schoolListRows,
      counts: active,
      total: trajectoryList({ status: 'active' }),
      chartColumn: 0,
    }),
    tableOf(t, 'visits_by_reason', {
      columns: [
        { key: 'pupils', unit: 'count', countsPupils: true },
        { key: 'visits', unit: 'count', basedOn: 0 },
      ],
      rows: visitReasons.map((reason) => ({ key: reason, label: t(`reasons.${reason}`) })),
      counts: visits,
      // A pupil can come for more than one reason: the pupils do not add up, so there is no total row.
      total: undefined,
      chartColumn: 1,
    }),
    tableOf(t, 'opp_deadlines', {
      columns: [
        { key: 'adopted_in_time', unit: 'count', countsPupils: true },
        { key: 'adopted_late', unit: 'count', countsPupils: true },
        { key: 'not_adopted', unit: 'count', countsPupils: true },
        { key: 'evaluated_in_time', unit: 'count', countsPupils: true },
        { key: 'evaluated_late', unit: 'count', countsPupils: true },
        { key: 'not_evaluated', unit: 'count', countsPupils: true },
      ],
      rows: schoolListRows,
      counts: deadlines,
      total: trajectoryList({ aandacht: 'opp_to_adopt' }),
      chartColumn: 0,
    }),
    tableOf(t, 'zat_referrals', {
      columns: [
        { key: 'referred', unit: 'count', countsPupils: true, sumOf: [1, 2, 3, 4] },
        { key: 'awaiting_consent', unit: 'count', countsPupils: true },
        { key: 'consent_refused', unit: 'count', countsPupils: true },
        { key: 'in_progress', unit: 'count', countsPupils: true },
        { key: 'completed', unit: 'count', countsPupils: true },
      ],
      rows: agencyKinds.map((kind) => ({ key: kind, label: t(`agencies.${kind}`) })),
      counts: referrals,
      total: null,
      chartColumn: 0,
    }),
    tableOf(t, 'teacher_support', {
      columns: [
        ...teacherSupportKinds.map((kind) => ({ key: kind, unit: 'count' as const })),
        { key: 'activities', unit: 'count', sumOf: teacherSupportKinds.map((_, index) => index) },
        { key: 'participants', unit: 'count' },
      ],
      rows: schoolRows,
      counts: support,
      total: null,
      chartColumn: teacherSupportKinds.length,
    }),
    tableOf(t, 'outcomes', {
      columns: [
        {
          key: 'ended',
          unit: 'count',
          countsPupils: true,
          sumOf: outcomeLevels.map((_, index) => index + 1),
        },
        ...outcomeLevels.map((level) => ({
          key: `level_${level}`,
          label: t(`levels.${level}`),
          unit: 'count' as const,
          countsPupils: true,
        })),
      ],
      rows: endReasons.map((reason) => ({ key: reason, label: t(`end_reasons.${reason}`) })),
      counts: outcomes,
      total: trajectoryList({ status: 'ended' }),
      chartColumn: 0,
    }),
  ];
}

/** What every query of this file filters on: the two periods (a CTE) and the secondary locations. */
type PointQuery = {
  periods: SQL;
  locationIds: string[];
  /** The bounds of this period's school year and last year's. */
  years: Record<Which, { start: string; end: string }>;
};

/** Rows `(which, key, <column>…)` as counts by period and key. */
function countsOf<Row extends { which: Which; key: string }>(rows: Row[]): Counts {
  const counts: Counts = new Map([
    ['now', new Map()],
    ['last', new Map()],
  ]);
  for (const { which, key, ...values } of rows) {
    const byKey = counts.get(which);
    const current = byKey?.get(key) ?? {};
    for (const [column, value] of Object.entries(values))
      current[column] = (current[column] ?? 0) + Number(value ?? 0);
    byKey?.set(key, current);
  }
  return counts;
}

/**
 * E9: pupils with a trajectory running on some day of the period (from the eligibility decision to its
 * end), those whose trajectory started (the decision) and ended in it. Trajectories deleted after their
 * retention period count as running and ended in the school year they ended in.
 */
async function countActiveTrajectories(context: UseCaseContext, query: PointQuery): Promise<Counts> {
  const rows = await queryRows<{ which: Which; key: string; active: number; new: number; ended: number }>(
    context.db,
    sql`with ${query.periods}
      select which, key, sum(active)::int as active, sum(started)::int as new, sum(ended)::int as ended
      from (
        select p.which, t.location_id::text as key, count(*) as active,
          count(*) filter (where t.eligibility_decided_on >= p.day_from) as started,
          count(*) filter (where t.ended_on <= p.day_to) as ended
        from trajectories t join periods p
          on t.eligibility_decided_on <= p.day_to and (t.ended_on is null or t.ended_on >= p.day_from)
        where ${inLocations(sql`t.location_id`, query.locationIds)} and t.status in ('eligible', 'active', 'ended')
        group by p.which, t.location_id
        union all
        select p.which, f.location_id::text, sum(f.count), 0, sum(f.count)
        from trajectory_figures f join periods p on f.school_year = p.school_year and p.is_whole_year
        where ${inLocations(sql`f.location_id`, query.locationIds)} and f.end_reason <> 'not_eligible'
        group by p.which, f.location_id
      ) counted
      group by which, key`,
  );
  return countsOf(rows);
}

/**
 * E7: check-ins at the expertise point in the period per reason, and how many pupils they were: a
 * pupil counts once per reason, by the visit whose previous one for that reason lies before the
 * period (or that has none), so one pass over the visits counts both. A crisis visit without a
 * trajectory has no previous one: name-only visits cannot be told apart, each is a pupil of its own.
 */
async function countVisits(context: UseCaseContext, query: PointQuery): Promise<Counts> {
  const rows = await queryRows<{ which: Which; key: string; pupils: number; visits: number }>(
    context.db,
    sql`with ${query.periods}
      select p.which, v.reason as key,
        count(*) filter (where v.previous_reason_visit_at is null
          or v.previous_reason_visit_at < p.at_from)::int as pupils,
        count(*)::int as visits
      from attendance_visits v join periods p
        on v.checked_in_at >= p.at_from and v.checked_in_at < p.at_until
      where ${inLocations(sql`v.location_id`, query.locationIds)}
      group by p.which, v.reason`,
  );
  return countsOf(rows);
}

/**
 * E13 and the yearly evaluation (E9), per location. Adoption: the first OPP adopted in the period
 * by its deadline (six weeks after extra support started, `oppAdoptionDeadlineSql`) or later, and the pupils whose six weeks ran out in the
 * period without an OPP by its end. Evaluation: an adopted OPP is evaluated by the first planned moment
 * of the school year or, without one, six weeks before the year ends (when the reminders go out); the
 * first evaluation of the year in the period by then or later, and those whose date passed in the period
 * without one. A trajectory that ended before a date is not counted against it.
 */
async function countOppDeadlines(context: UseCaseContext, query: PointQuery): Promise<Counts> {
  const rows = await queryRows<{ which: Which; key: string } & Record<string, number>>(
    context.db,
    sql`with ${query.periods}, versions as (
        select v.trajectory_id, min((v.adopted_at at time zone 'Europe/Amsterdam')::date) as first_adopted,
          min(d.day) filter (where d.day between ${query.years.now.start}::date and ${query.years.now.end}::date)
            as planned_now,
          min(d.day) filter (where d.day between ${query.years.last.start}::date and ${query.years.last.end}::date)
            as planned_last
        from opp_versions v left join lateral unnest(v.evaluation_dates) as d(day) on true
        where v.adopted_at is not null
        group by v.trajectory_id
      ), evaluated as (
        select e.trajectory_id,
          min(e.evaluated_on) filter (where e.evaluated_on >= ${query.years.now.start}::date) as evaluated_now,
          min(e.evaluated_on) filter (where e.evaluated_on <= ${query.years.last.end}::date) as evaluated_last
        from opp_evaluations e
        where e.evaluated_on between ${query.years.last.start}::date and ${query.years.now.end}::date
        group by e.trajectory_id
      ), facts as (
        select p.which, p.day_from, p.day_to, t.location_id, t.ended_on, x.first_adopted,
          case when p.which = 'now' then e.evaluated_now else e.evaluated_last end as first_evaluated,
          ${oppAdoptionDeadlineSql({ supportStartedOn: sql`t.support_started_on`, eligibilityDecidedOn: sql`t.eligibility_decided_on` })}
            as adopt_by,
          least(case when p.which = 'now' then x.planned_now else x.planned_last end,
            p.year_end - ${evaluationDueWindowDays}::int) as evaluate_by
        from trajectories t join periods p
          on t.eligibility_decided_on <= p.day_to and (t.ended_on is null or t.ended_on >= p.day_from)
          left join versions x on x.trajectory_id = t.id
          left join evaluated e on e.trajectory_id = t.id
        where ${inLocations(sql`t.location_id`, query.locationIds)} and t.status in ('eligible', 'active', 'ended')
      )
      select which, location_id::text as key,
        count(*) filter (where first_adopted between day_from and day_to and first_adopted <= adopt_by)::int
          as adopted_in_time,
        count(*) filter (where first_adopted between day_from and day_to and first_adopted > adopt_by)::int
          as adopted_late,
        count(*) filter (where adopt_by >= day_from and adopt_by < day_to
          and (first_adopted is null or first_adopted > day_to) and (ended_on is null or ended_on > adopt_by))::int
          as not_adopted,
        count(*) filter (where first_adopted <= evaluate_by and (ended_on is null or ended_on > evaluate_by)
          and first_evaluated between day_from and day_to and first_evaluated <= evaluate_by)::int
          as evaluated_in_time,
        count(*) filter (where first_adopted <= evaluate_by and (ended_on is null or ended_on > evaluate_by)
          and first_evaluated between day_from and day_to and first_evaluated > evaluate_by)::int
          as evaluated_late,
        count(*) filter (where first_adopted <= evaluate_by and (ended_on is null or ended_on > evaluate_by)
          and evaluate_by >= day_from and evaluate_by < day_to
          and (first_evaluated is null or first_evaluated > day_to))::int
          as not_evaluated
      from facts group by which, location_id`,
  );
  return countsOf(rows);
}

/**
 * E7: referrals to outside help with the ZAT made in the period, per kind of agency, by where they stood
 * at the period's end (the pupil-records rule of a referral's state, on the consent and outcome known
 * by then).
 */
async function countReferrals(context: UseCaseContext, query: PointQuery): Promise<Counts> {
  const rows = await queryRows<{
    which: Which;
    kind: string;
    consent: ReferralConsent;
    has_outcome: boolean;
    count: number;
  }>(
    context.db,
    sql`with ${query.periods}
      select p.which, r.agency_kind as kind,
        case when r.consent_recorded_on <= p.day_to then r.parental_consent else 'pending' end as consent,
        coalesce(r.outcome_on <= p.day_to, false) as has_outcome, count(*)::int as count
      from zat_referrals r join trajectories t on t.id = r.trajectory_id
        join periods p on r.referred_on between p.day_from and p.day_to
      where ${inLocations(sql`t.location_id`, query.locationIds)}
      group by 1, 2, 3, 4`,
  );
  return countsOf(
    rows.map((row) => {
      const state = referralStateOf({
        parentalConsent: row.consent,
        outcome: row.has_outcome ? 'recorded' : null,
      });
      return { which: row.which, key: row.kind, [state]: row.count, referred: row.count };
    }),
  );
}

/** E6: the support of teachers recorded in the period per location and kind, and the teachers reached. */
async function countTeacherSupport(context: UseCaseContext, query: PointQuery): Promise<Counts> {
  const rows = await queryRows<{
    which: Which;
    key: string;
    kind: string;
    count: number;
    participants: number;
  }>(
    context.db,
    sql`with ${query.periods}
      select p.which, s.location_id::text as key, s.kind, count(*)::int as count,
        coalesce(sum(s.participant_count), 0)::int as participants
      from teacher_support_activities s join periods p on s.occurred_on between p.day_from and p.day_to
      where ${inLocations(sql`s.location_id`, query.locationIds)}
      group by 1, 2, 3`,
  );
  return countsOf(
    rows.map((row) => ({
      which: row.which,
      key: row.key,
      [row.kind]: row.count,
      activities: row.count,
      participants: row.participants,
    })),
  );
}

/**
 * E11: trajectories ended in the period by end reason and diploma level, with those deleted after their
 * retention period added in the school year they ended in.
 */
async function countOutcomes(context: UseCaseContext, query: PointQuery): Promise<Counts> {
  const rows = await queryRows<{ which: Which; key: string; level: string; count: number }>(
    context.db,
    sql`with ${query.periods}
      select which, key, level, sum(count)::int as count
      from (
        select p.which, t.end_reason as key, coalesce(t.diploma_level, '') as level, count(*) as count
        from trajectories t join periods p on t.ended_on between p.day_from and p.day_to
        where ${inLocations(sql`t.location_id`, query.locationIds)} and t.status = 'ended'
        group by 1, 2, 3
        union all
        select p.which, f.end_reason, f.diploma_level, sum(f.count)
        from trajectory_figures f join periods p on f.school_year = p.school_year and p.is_whole_year
        where ${inLocations(sql`f.location_id`, query.locationIds)} and f.end_reason <> 'not_eligible'
        group by 1, 2, 3
      ) counted
      group by 1, 2, 3`,
  );
  const knownReasons: readonly string[] = endReasons;
  const knownLevels: readonly string[] = diplomaLevels;
  return countsOf(
    rows.map((row) => ({
      which: row.which,
      key: knownReasons.includes(row.key) ? row.key : 'other',
      [`level_${knownLevels.includes(row.level) ? row.level : 'none'}`]: row.count,
      ended: row.count,
    })),
  );
}

type ColumnSpec = Omit<RawFigureColumn, 'label'> & { label?: string };

/**
 * A table from its counts: one row per key (zero where nothing was counted), a total row when `total`
 * is not `undefined` (its value the total's drill-down), labels from the catalogue under
 * `points.tables.<id>` and `points.columns.<key>`.
 */
function tableOf(
  t: (key: string) => string,
  id: string,
  spec: {
    columns: ColumnSpec[];
    rows: Array<{ key: string; label: string; drillDown?: string | null }>;
    counts: Counts;
    total: string | null | undefined;
    chartColumn: number | null;
  },
): RawFigureTable {
  const valuesOf = (which: Which, key: string) => {
    const counted = spec.counts.get(which)?.get(key) ?? {};
    return spec.columns.map((column) => counted[column.key] ?? 0);
  };
  const rows: RawFigureRow[] = spec.rows.map((row) => ({
    key: row.key,
    label: row.label,
    values: valuesOf('now', row.key),
    lastYear: valuesOf('last', row.key),
    drillDown: row.drillDown ?? null,
  }));
  if (spec.total !== undefined) rows.push(sumRowOf(rows, t('total'), spec.total));
  return {
    id,
    section: 'points',
    title: t(`tables.${id}.title`),
    description: t(`tables.${id}.description`),
    rowHeader: t(`tables.${id}.rowHeader`),
    columns: spec.columns.map((column) => ({ ...column, label: column.label ?? t(`columns.${column.key}`) })),
    rows,
    chartColumn: spec.chartColumn,
  };
}
