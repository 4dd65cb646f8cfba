import { sql } from 'drizzle-orm';
import {
  groupLevelTypes,
  pupilLevelTypes,
  type RequestStatus,
  type RequestType,
  requestTypes,
} from '../../../contracts/requests.ts';
import { queryRows } from '../../db/client.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { type FigureScope, inLocations, periodsCte } from './figure-scope.ts';
import {
  listPath,
  type RawFigureColumn,
  type RawFigureRow,
  type RawFigureTable,
  sumRowOf,
} from './figure-table.ts';
import { roundedDays } from './statistics.rules.ts';

/** This period ('now') or the same period a year earlier ('last'): every query answers for both. */
type PeriodKey = 'now' | 'last';
type Values = Array<number | null>;

/** A count of requests by school, status, type and why refused, as the first query answers. */
type RequestCount = {
  period: PeriodKey;
  location_id: string;
  status: string;
  type: string | null;
  // 'direct': refused at once for asking direct pupil support; 'unknown': deleted, kept as a count only.
  reason: 'direct' | 'other' | 'unknown';
  count: number;
};

/**
 * The tables of the expertise team's figures (S1) over the scope's schools and periods: a request
 * counts in a period by the day it was submitted; a handful of grouped queries, each for both periods.
 */
export async function teamFigureTables(
  context: UseCaseContext,
  scope: FigureScope,
): Promise<RawFigureTable[]> {
  // One after the other: the use case's transaction is one connection.
  const counts = await requestCounts(context, scope);
  const leadTimes = await leadTimeRows(context, scope);
  const consent = await consentRows(context, scope);
  const hours = await hoursRows(context, scope);
  const expertise = await expertiseRows(context, scope);
  const meetings = await meetingRows(context, scope);
  return [
    requestsBySchool(scope, counts),
    requestsByType(scope, counts),
    requestsByStatus(scope, counts),
    refusalsByReason(scope, counts),
    requestsByLevel(scope, counts),
    leadTimesTable(scope, leadTimes),
    consentTable(scope, consent),
    hoursBySchool(scope, hours),
    hoursByExpertise(scope, expertise),
    planningTalks(scope, meetings),
    sotMeetings(scope, meetings),
    interimMeetings(scope, meetings),
  ];
}

// --- Queries -------------------------------------------------------------------------------------

/**
 * Requests submitted in each period by school, status, type and refusal. The requests the retention
 * job deleted are kept as counts per school year only, without a date: they are added to a period that
 * is a whole school year (so a past year still adds up) and left out of a part of a year.
 */
function requestCounts(context: UseCaseContext, scope: FigureScope): Promise<RequestCount[]> {
  return queryRows<RequestCount>(
    context.db,
    sql`with ${periodsCte(scope)}
      select p.which as period, r.location_id, r.status, r.type,
        case when r.status <> 'refused' then 'other'
          when r.asks_direct_pupil_support then 'direct' else 'other' end as reason,
        count(*)::int as count
      from support_requests r
      join periods p on r.submitted_at >= p.at_from and r.submitted_at < p.at_until
      where ${inLocations(sql`r.location_id`, scope.locationIds)}
      group by 1, 2, 3, 4, 5
      union all
      select p.which, f.location_id,
        f.outcome, f.type, case when f.outcome = 'refused' then 'unknown' else 'other' end,
        sum(f.count)::int
      from request_figures f join periods p on f.school_year = p.school_year and p.is_whole_year
      where ${inLocations(sql`f.location_id`, scope.locationIds)}
      group by 1, 2, 3, 4, 5`,
  );
}

type LeadTimeRow = {
  period: PeriodKey;
  step: string;
  count: number;
  median: number | string | null;
  p80: number | string | null;
};

const leadTimeSteps = ['consent', 'pickup', 'work', 'whole'] as const;

/**
 * Days per step of the requests submitted in each period: how many, median and 80th percentile. Each
 * request's days are worked out once; a step's aggregates skip the requests that lack it (null days).
 */
async function leadTimeRows(context: UseCaseContext, scope: FigureScope): Promise<LeadTimeRow[]> {
  const aggregates = leadTimeSteps.map(
    (step) => sql`count(${sql.raw(step)})::int as ${sql.raw(`${step}_count`)},
      percentile_cont(0.5) within group (order by ${sql.raw(step)}) as ${sql.raw(`${step}_median`)},
      percentile_cont(0.8) within group (order by ${sql.raw(step)}) as ${sql.raw(`${step}_p80`)}`,
  );
  const rows = await queryRows<Record<string, number | string | null> & { period: PeriodKey }>(
    context.db,
    sql`with ${periodsCte(scope)},
      dated as (
        select p.which as period, (r.submitted_at at time zone 'Europe/Amsterdam')::date as submitted_on,
          r.consent_fixed_on as consent_on,
          (s.started_at at time zone 'Europe/Amsterdam')::date as started_on,
          case when r.status = 'closed' then (r.closed_at at time zone 'Europe/Amsterdam')::date end as closed_on
        from support_requests r
        join periods p on r.submitted_at >= p.at_from and r.submitted_at < p.at_until
        left join (
          select e.request_id, min(e.at) as started_at from request_events e
          where e.transition = 'start' group by e.request_id
        ) s on s.request_id = r.id
        where ${inLocations(sql`r.location_id`, scope.locationIds)}
      ),
      days as (
        select period, consent_on - submitted_on as consent,
          started_on - coalesce(consent_on, submitted_on) as pickup,
          closed_on - started_on as work, closed_on - submitted_on as whole
        from dated
      )
      select period, ${sql.join(aggregates, sql`, `)} from days group by period`,
  );
  return rows.flatMap((row) =>
    leadTimeSteps.map((step) => ({
      period: row.period,
      step,
      count: Number(row[`${step}_count`] ?? 0),
      median: row[`${step}_median`] ?? null,
      p80: row[`${step}_p80`] ?? null,
    })),
  );
}

type ConsentRow = {
  period: PeriodKey;
  location_id: string | null;
  needed: number;
  complete: number;
  median: number | string | null;
  refused: number;
  withdrawn: number;
  digital: number;
  paper: number;
  school: number;
};

/** Consent of the requests that need it, per school and over all (the grouping set with no school). */
function consentRows(context: UseCaseContext, scope: FigureScope): Promise<ConsentRow[]> {
  return queryRows<ConsentRow>(
    context.db,
    sql`with ${periodsCte(scope)}
      select p.which as period, r.location_id, count(*)::int as needed,
        count(r.consent_fixed_on)::int as complete,
        percentile_cont(0.5) within group (
          order by r.consent_fixed_on - (r.submitted_at at time zone 'Europe/Amsterdam')::date) as median,
        count(*) filter (where r.consent_status = 'refused')::int as refused,
        count(*) filter (where r.consent_status = 'withdrawn')::int as withdrawn,
        count(*) filter (where m.digital)::int as digital,
        count(*) filter (where m.paper)::int as paper,
        count(*) filter (where m.school)::int as school
      from support_requests r
      join periods p on r.submitted_at >= p.at_from and r.submitted_at < p.at_until
      left join (
        select c.request_id, bool_or(c.method = 'digital') as digital, bool_or(c.method = 'paper') as paper,
          bool_or(c.method = 'school') as school
        from consent_records c group by c.request_id
      ) m on m.request_id = r.id
      where ${inLocations(sql`r.location_id`, scope.locationIds)} and r.consent_status <> 'not_needed'
      group by grouping sets ((p.which, r.location_id), (p.which))`,
  );
}

type HoursRow = { period: PeriodKey; location_id: string; allocated: string | null; used: string | null };

/** Hours allocated (the adopted allocation of the school year) and used (time entries in the period). */
function hoursRows(context: UseCaseContext, scope: FigureScope): Promise<HoursRow[]> {
  return queryRows<HoursRow>(
    context.db,
    sql`with ${periodsCte(scope)}
      select p.which as period, t.location_id, null as allocated, sum(t.hours)::text as used
      from time_entries t join periods p on t.entry_date between p.day_from and p.day_to
      where ${inLocations(sql`t.location_id`, scope.locationIds)}
      group by 1, 2
      union all
      select case when a.school_year = ${scope.schoolYear} then 'now' else 'last' end, l.location_id,
        l.hours::text, null
      from allocation_lines l join allocations a on a.id = l.allocation_id
      where a.status = 'adopted' and a.school_year in (${scope.schoolYear}, ${scope.schoolYear - 1})
        and ${inLocations(sql`l.location_id`, scope.locationIds)}`,
  );
}

type ExpertiseRow = { period: PeriodKey; tag_id: string | null; name: string | null; used: string };

/** Hours used per expertise of the request an entry is for (an entry counts for each of its tags). */
function expertiseRows(context: UseCaseContext, scope: FigureScope): Promise<ExpertiseRow[]> {
  return queryRows<ExpertiseRow>(
    context.db,
    sql`with ${periodsCte(scope)}
      select p.which as period, g.id as tag_id, g.name, sum(t.hours)::text as used
      from time_entries t join periods p on t.entry_date between p.day_from and p.day_to
      left join support_request_tags rt on rt.request_id = t.request_id
      left join expertise_tags g on g.id = rt.tag_id
      where ${inLocations(sql`t.location_id`, scope.locationIds)}
      group by 1, 2, 3`,
  );
}

type MeetingRow = {
  period: PeriodKey;
  location_id: string;
  kind: 'annual_talk' | 'sot' | 'interim';
  held: number;
  current: number;
  attend: number;
  decline: number;
  reasoned: number;
};

/** Meetings per school and kind that took place (or are planned) in each period. */
function meetingRows(context: UseCaseContext, scope: FigureScope): Promise<MeetingRow[]> {
  return queryRows<MeetingRow>(
    context.db,
    sql`with ${periodsCte(scope)}
      select p.which as period, m.location_id, m.kind,
        count(*) filter (where m.status = 'held')::int as held,
        count(*) filter (where m.status <> 'cancelled')::int as current,
        count(*) filter (where m.status <> 'cancelled' and m.decision = 'attend')::int as attend,
        count(*) filter (where m.status <> 'cancelled' and m.decision = 'decline')::int as decline,
        count(*) filter (where m.status <> 'cancelled' and m.decision is not null
          and coalesce(btrim(m.decision_reason), '') <> '')::int as reasoned
      from meetings m
      join periods p on m.starts_at >= p.at_from and m.starts_at < p.at_until
      where ${inLocations(sql`m.location_id`, scope.locationIds)}
      group by 1, 2, 3`,
  );
}

// --- Tables --------------------------------------------------------------------------------------

const statusGroups = [
  { key: 'waiting', statuses: ['submitted', 'ready'] },
  { key: 'inProgress', statuses: ['assigned', 'in_progress', 'paused'] },
  { key: 'closed', statuses: ['closed'] },
  { key: 'refused', statuses: ['refused'] },
  { key: 'withdrawn', statuses: ['withdrawn'] },
] as const;

const listedStatuses: readonly RequestStatus[] = [
  'submitted',
  'ready',
  'assigned',
  'in_progress',
  'paused',
  'closed',
  'refused',
  'withdrawn',
];

const levels = [
  { key: 'pupil', types: pupilLevelTypes },
  { key: 'group', types: groupLevelTypes },
  {
    key: 'school',
    types: requestTypes.filter((type) => !pupilLevelTypes.includes(type) && !groupLevelTypes.includes(type)),
  },
] as const;

function requestsBySchool(scope: FigureScope, counts: RequestCount[]): RawFigureTable {
  const columns: RawFigureColumn[] = [
    ...statusGroups.map((group) => countColumn(scope, group.key)),
    { ...countColumn(scope, 'total'), sumOf: statusGroups.map((_group, index) => index) },
  ];
  const valuesOf = (period: PeriodKey, locationId: string | null): Values => {
    const groups = statusGroups.map((group) =>
      sumCounts(
        counts,
        period,
        (count) =>
          (locationId === null || count.location_id === locationId) &&
          (group.statuses as readonly string[]).includes(count.status),
      ),
    );
    return [...groups, groups.reduce((sum, value) => sum + value, 0)];
  };
  const rows: RawFigureRow[] = scope.locations.map((location) => ({
    key: location.id,
    label: location.name,
    values: valuesOf('now', location.id),
    lastYear: valuesOf('last', location.id),
    drillDown: requestsList(scope, { school: location.id }),
  }));
  rows.push(totalRow(scope, valuesOf('now', null), valuesOf('last', null), requestsList(scope, {})));
  return tableOf(scope, 'requests_by_school', 'school', columns, rows, columns.length - 1);
}

function requestsByType(scope: FigureScope, counts: RequestCount[]): RawFigureTable {
  const rowOf = (type: RequestType | null): RawFigureRow => ({
    key: type ?? 'none',
    label: translate(scope.locale, `common.type.${type ?? 'none'}`),
    values: [sumCounts(counts, 'now', (count) => count.type === type)],
    lastYear: [sumCounts(counts, 'last', (count) => count.type === type)],
    drillDown: type ? requestsList(scope, { soort: type }) : null,
  });
  const rows = requestTypes.map(rowOf);
  // Only a request refused before it was complete can lack a type; its row shows only when there is one.
  const untyped = rowOf(null);
  if (untyped.values[0] || untyped.lastYear[0]) rows.push(untyped);
  rows.push(sumRow(scope, rows, requestsList(scope, {})));
  return tableOf(scope, 'requests_by_type', 'type', [countColumn(scope, 'requests')], rows, 0);
}

function requestsByStatus(scope: FigureScope, counts: RequestCount[]): RawFigureTable {
  const rows: RawFigureRow[] = listedStatuses.map((status) => ({
    key: status,
    label: translate(scope.locale, `common.status.${status}`),
    values: [sumCounts(counts, 'now', (count) => count.status === status)],
    lastYear: [sumCounts(counts, 'last', (count) => count.status === status)],
    drillDown: requestsList(scope, { status }),
  }));
  rows.push(sumRow(scope, rows, requestsList(scope, {})));
  return tableOf(scope, 'requests_by_status', 'status', [countColumn(scope, 'requests')], rows, 0);
}

function refusalsByReason(scope: FigureScope, counts: RequestCount[]): RawFigureTable {
  const refused = counts.filter((count) => count.status === 'refused');
  const rows: RawFigureRow[] = (['direct', 'other'] as const).map((reason) => ({
    key: reason,
    label: translate(scope.locale, `team.refusals_by_reason.${reason}`),
    values: [sumCounts(refused, 'now', (count) => count.reason === reason)],
    lastYear: [sumCounts(refused, 'last', (count) => count.reason === reason)],
    drillDown: null,
  }));
  const unknown = {
    key: 'unknown',
    label: translate(scope.locale, 'team.refusals_by_reason.unknown'),
    values: [sumCounts(refused, 'now', (count) => count.reason === 'unknown')],
    lastYear: [sumCounts(refused, 'last', (count) => count.reason === 'unknown')],
    drillDown: null,
  };
  if (unknown.values[0] || unknown.lastYear[0]) rows.push(unknown);
  rows.push(sumRow(scope, rows, requestsList(scope, { status: 'refused' })));
  return tableOf(scope, 'refusals_by_reason', 'reason', [countColumn(scope, 'requests')], rows, 0);
}

function requestsByLevel(scope: FigureScope, counts: RequestCount[]): RawFigureTable {
  const rows: RawFigureRow[] = levels.map((level) => {
    const inLevel = (count: RequestCount) => (level.types as readonly (string | null)[]).includes(count.type);
    return {
      key: level.key,
      label: translate(scope.locale, `team.requests_by_level.${level.key}`),
      values: [sumCounts(counts, 'now', inLevel)],
      lastYear: [sumCounts(counts, 'last', inLevel)],
      drillDown: null,
    };
  });
  rows.push(sumRow(scope, rows, requestsList(scope, {})));
  return tableOf(scope, 'requests_by_level', 'level', [countColumn(scope, 'requests')], rows, 0);
}

function leadTimesTable(scope: FigureScope, found: LeadTimeRow[]): RawFigureTable {
  const columns: RawFigureColumn[] = [
    countColumn(scope, 'requests'),
    { key: 'median', label: translate(scope.locale, 'columns.median'), unit: 'days', basedOn: 0 },
    { key: 'p80', label: translate(scope.locale, 'columns.p80'), unit: 'days', basedOn: 0 },
  ];
  const valuesOf = (period: PeriodKey, step: string): Values => {
    const row = found.find((candidate) => candidate.period === period && candidate.step === step);
    return row ? [row.count, roundedDays(row.median), roundedDays(row.p80)] : [0, null, null];
  };
  const rows = leadTimeSteps.map((step) => ({
    key: step,
    label: translate(scope.locale, `team.lead_times.${step}`),
    values: valuesOf('now', step),
    lastYear: valuesOf('last', step),
    drillDown: null,
  }));
  return tableOf(scope, 'lead_times', 'step', columns, rows, null);
}

function consentTable(scope: FigureScope, found: ConsentRow[]): RawFigureTable {
  const columns: RawFigureColumn[] = [
    countColumn(scope, 'consentNeeded'),
    countColumn(scope, 'consentComplete'),
    { key: 'median', label: translate(scope.locale, 'columns.medianToComplete'), unit: 'days', basedOn: 1 },
    countColumn(scope, 'consentRefused'),
    countColumn(scope, 'consentWithdrawn'),
    countColumn(scope, 'viaLink'),
    countColumn(scope, 'onPaper'),
    countColumn(scope, 'viaSchool'),
  ];
  const valuesOf = (period: PeriodKey, locationId: string | null): Values => {
    const row = found.find(
      (candidate) => candidate.period === period && candidate.location_id === locationId,
    );
    if (!row) return [0, 0, null, 0, 0, 0, 0, 0];
    return [
      row.needed,
      row.complete,
      roundedDays(row.median),
      row.refused,
      row.withdrawn,
      row.digital,
      row.paper,
      row.school,
    ];
  };
  const rows: RawFigureRow[] = scope.locations.map((location) => ({
    key: location.id,
    label: location.name,
    values: valuesOf('now', location.id),
    lastYear: valuesOf('last', location.id),
    drillDown: null,
  }));
  rows.push(totalRow(scope, valuesOf('now', null), valuesOf('last', null), null));
  return tableOf(scope, 'consent', 'school', columns, rows, null);
}

function hoursBySchool(scope: FigureScope, found: HoursRow[]): RawFigureTable {
  const columns: RawFigureColumn[] = (['allocated', 'used', 'remaining'] as const).map((key) => ({
    key,
    label: translate(scope.locale, `columns.${key}`),
    unit: 'hours',
  }));
  const valuesOf = (period: PeriodKey, locationId: string | null): Values => {
    const rows = found.filter(
      (row) => row.period === period && (locationId === null || row.location_id === locationId),
    );
    const allocatedRows = rows.filter((row) => row.allocated !== null);
    const allocated = allocatedRows.length
      ? roundedHours(allocatedRows.reduce((sum, row) => sum + Number(row.allocated), 0))
      : null;
    const used = roundedHours(rows.reduce((sum, row) => sum + Number(row.used ?? 0), 0));
    return [allocated, used, allocated === null ? null : roundedHours(allocated - used)];
  };
  const rows: RawFigureRow[] = scope.locations.map((location) => ({
    key: location.id,
    label: location.name,
    values: valuesOf('now', location.id),
    lastYear: valuesOf('last', location.id),
    drillDown: scope.mayList('budgets.read') ? `/budget/${location.id}` : null,
  }));
  rows.push(totalRow(scope, valuesOf('now', null), valuesOf('last', null), null));
  return tableOf(scope, 'hours_by_school', 'school', columns, rows, 1);
}

function hoursByExpertise(scope: FigureScope, found: ExpertiseRow[]): RawFigureTable {
  const tags = new Map<string, string>();
  for (const row of found) if (row.tag_id && row.name) tags.set(row.tag_id, row.name);
  const sorted = [...tags].sort(([, left], [, right]) => left.localeCompare(right, 'nl'));
  const usedOf = (period: PeriodKey, tagId: string | null) =>
    roundedHours(
      found
        .filter((row) => row.period === period && row.tag_id === tagId)
        .reduce((sum, row) => sum + Number(row.used), 0),
    );
  const entries: Array<[string | null, string]> = [
    ...sorted,
    [null, translate(scope.locale, 'team.hours_by_expertise.none')],
  ];
  const rows: RawFigureRow[] = entries.map(([tagId, name]) => ({
    key: tagId ?? 'none',
    label: name,
    values: [usedOf('now', tagId)],
    lastYear: [usedOf('last', tagId)],
    drillDown: null,
  }));
  const columns: RawFigureColumn[] = [
    { key: 'used', label: translate(scope.locale, 'columns.used'), unit: 'hours' },
  ];
  return tableOf(scope, 'hours_by_expertise', 'expertise', columns, rows, 0);
}

function planningTalks(scope: FigureScope, found: MeetingRow[]): RawFigureTable {
  const columns = [plainCount(scope, 'held'), plainCount(scope, 'schoolsWithout')];
  return meetingTable(scope, found, 'planning_talks', 'annual_talk', columns, (row) => {
    const held = row?.held ?? 0;
    return [held, held === 0 ? 1 : 0];
  });
}

function sotMeetings(scope: FigureScope, found: MeetingRow[]): RawFigureTable {
  const columns = [
    plainCount(scope, 'held'),
    plainCount(scope, 'belowTwo'),
    plainCount(scope, 'twoToFour'),
    plainCount(scope, 'aboveFour'),
  ];
  return meetingTable(scope, found, 'sot_meetings', 'sot', columns, (row) => {
    const held = row?.held ?? 0;
    return [held, held < 2 ? 1 : 0, held >= 2 && held <= 4 ? 1 : 0, held > 4 ? 1 : 0];
  });
}

function interimMeetings(scope: FigureScope, found: MeetingRow[]): RawFigureTable {
  const columns: RawFigureColumn[] = [
    plainCount(scope, 'meetings'),
    plainCount(scope, 'attend'),
    plainCount(scope, 'decline'),
    plainCount(scope, 'undecided'),
    plainCount(scope, 'reasoned'),
  ];
  return meetingTable(scope, found, 'interim_meetings', 'interim', columns, (row) => {
    const meetings = row?.current ?? 0;
    const attend = row?.attend ?? 0;
    const decline = row?.decline ?? 0;
    return [meetings, attend, decline, meetings - attend - decline, row?.reasoned ?? 0];
  });
}

/** A table of one kind of meeting per school, with a total row adding up the schools. */
function meetingTable(
  scope: FigureScope,
  found: MeetingRow[],
  id: string,
  kind: MeetingRow['kind'],
  columns: RawFigureColumn[],
  valuesOf: (row: MeetingRow | undefined) => number[],
): RawFigureTable {
  const rowOf = (period: PeriodKey, locationId: string) =>
    valuesOf(
      found.find((row) => row.period === period && row.location_id === locationId && row.kind === kind),
    );
  const rows: RawFigureRow[] = scope.locations.map((location) => ({
    key: location.id,
    label: location.name,
    values: rowOf('now', location.id),
    lastYear: rowOf('last', location.id),
    drillDown: meetingsList(scope, kind, location.id),
  }));
  rows.push(sumRow(scope, rows, meetingsList(scope, kind, null)));
  return tableOf(scope, id, 'school', columns, rows, 0);
}

// --- Helpers -------------------------------------------------------------------------------------

function tableOf(
  scope: FigureScope,
  id: string,
  rowHeader: string,
  columns: RawFigureColumn[],
  rows: RawFigureRow[],
  chartColumn: number | null,
): RawFigureTable {
  return {
    id,
    section: 'team',
    title: translate(scope.locale, `team.${id}.title`),
    description: translate(scope.locale, `team.${id}.description`),
    rowHeader: translate(scope.locale, `common.rowHeader.${rowHeader}`),
    columns,
    rows,
    chartColumn,
  };
}

/** A column counting requests about pupils: P9 applies to it. */
function countColumn(scope: FigureScope, key: string): RawFigureColumn {
  return { key, label: translate(scope.locale, `columns.${key}`), unit: 'count', countsPupils: true };
}

/** A column counting meetings or schools, which say nothing about a pupil. */
function plainCount(scope: FigureScope, key: string): RawFigureColumn {
  return { key, label: translate(scope.locale, `columns.${key}`), unit: 'count' };
}

function totalRow(
  scope: FigureScope,
  values: Values,
  lastYear: Values,
  drillDown: string | null,
): RawFigureRow {
  return {
    key: 'total',
    label: translate(scope.locale, 'common.total'),
    values,
    lastYear,
    drillDown,
    isTotal: true,
  };
}

/** The total row of rows that add up: each column's sum. */
function sumRow(scope: FigureScope, rows: RawFigureRow[], drillDown: string | null): RawFigureRow {
  return sumRowOf(rows, translate(scope.locale, 'common.total'), drillDown);
}

function sumCounts(
  counts: RequestCount[],
  period: PeriodKey,
  keep: (count: RequestCount) => boolean,
): number {
  return counts.reduce((sum, count) => (count.period === period && keep(count) ? sum + count.count : sum), 0);
}

function roundedHours(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The request list behind a row, in the viewer's reach and for the school year counted. */
function requestsList(scope: FigureScope, filters: Record<string, string>): string | null {
  return listPath(scope, 'requests.read', '/hulpvragen', {
    schooljaar: String(scope.schoolYear),
    ...filters,
  });
}

function meetingsList(scope: FigureScope, kind: string, locationId: string | null): string | null {
  return listPath(scope, 'meetings.read', '/overleg', {
    schooljaar: String(scope.schoolYear),
    soort: kind,
    ...(locationId ? { school: locationId } : {}),
  });
}
