import { sql } from 'drizzle-orm';
import type {
  Capacity,
  CapacityCell,
  CapacityExportQuery,
  CapacityQuery,
  CapacityTableId,
  CapacityTag,
} from '../../../contracts/capacity.ts';
import type { Locale } from '../../../contracts/fields.ts';
import type { FigureTable } from '../../../contracts/reports.ts';
import { queryRows } from '../../db/client.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import {
  absentWeekdaysPerMonth,
  capacityByTag,
  compareRow,
  demandByTag,
  type HoursPerRequest,
  hoursPerRequestOf,
  type MemberHours,
  noTag,
  overallHoursPerRequest,
  type PlannedSchool,
  type RequestHistory,
  roundHours,
  schoolMonthsBounds,
  schoolMonthsOf,
  sumRows,
  weekdaysPerMonth,
} from './capacity.rules.ts';
import { type FigureDownload, xlsxContentType } from './figure-export.service.ts';
import { figureExportFileName, figureTableCsv, figureTablesXlsx } from './figure-export.ts';

type TalkRow = { location_id: string; name: string; expected_requests: number; tag_ids: string | null };
type HistoryRow = { tag_id: string | null; requests: number; hours: number | null };
type MemberRow = {
  user_id: string;
  status: 'active' | 'left';
  left_on: string | null;
  contracted_hours: number;
  tag_ids: string | null;
};
type AbsenceRow = { user_id: string; starts_on: string; ends_on: string };
type BookedRow = { user_id: string; month: string; hours: number };

/** Every school's latest planning talk of the year that names expected requests, with its wanted tags. */
async function plannedSchools(context: UseCaseContext, schoolYear: number): Promise<PlannedSchool[]> {
  const rows = await queryRows<TalkRow>(
    context.db,
    sql`with latest as (
        select distinct on (m.location_id) m.id, m.location_id, m.expected_requests
        from meetings m
        where m.school_year = ${schoolYear} and m.kind = 'annual_talk' and m.status <> 'cancelled'
          and m.expected_requests is not null
        order by m.location_id, m.starts_at desc, m.id)
      select latest.location_id, l.name, latest.expected_requests,
        string_agg(w.tag_id::text, ',' order by w.tag_id) as tag_ids
      from latest
      join locations l on l.id = latest.location_id
      left join meeting_wanted_tags w on w.meeting_id = latest.id
      group by latest.location_id, l.name, latest.expected_requests
      order by l.name, latest.location_id`,
  );
  return rows.map((row) => ({
    locationId: row.location_id,
    name: row.name,
    expectedRequests: Number(row.expected_requests),
    tagKeys: row.tag_ids ? row.tag_ids.split(',') : [],
  }));
}

/** Requests closed last school year and the hours booked on them: all of them, and per tag. */
async function requestHistory(
  context: UseCaseContext,
  schoolYear: number,
): Promise<{ all: RequestHistory; perTag: Map<string, RequestHistory> }> {
  const rows = await queryRows<HistoryRow>(
    context.db,
    sql`with requests as (
        select r.id from support_requests r where r.school_year = ${schoolYear - 1} and r.status = 'closed'),
      -- A request's hours are booked from its school year on: the date bound keeps the scan to two years.
      spent as (
        select t.request_id, sum(t.hours) as hours from time_entries t
        where t.request_id is not null and t.entry_date >= ${`${schoolYear - 1}-08-01`}::date
        group by t.request_id),
      closed as (
        select r.id, coalesce(s.hours, 0) as hours from requests r left join spent s on s.request_id = r.id)
      select null::text as tag_id, count(*)::int as requests, sum(hours)::float8 as hours from closed
      union all
      select s.tag_id::text, count(*)::int, sum(c.hours)::float8
      from closed c join support_request_tags s on s.request_id = c.id
      group by s.tag_id`,
  );
  const historyOf = (row: HistoryRow): RequestHistory => ({
    requests: Number(row.requests),
    hours: Number(row.hours ?? 0),
  });
  const overall = rows.find((row) => row.tag_id === null);
  return {
    all: overall ? historyOf(overall) : { requests: 0, hours: 0 },
    perTag: new Map(rows.flatMap((row) => (row.tag_id === null ? [] : [[row.tag_id, historyOf(row)]]))),
  };
}

/** The members with contracted hours this year, with their tags, days away and hours booked per month. */
async function teamHours(context: UseCaseContext, schoolYear: number): Promise<MemberHours[]> {
  const { start, end } = schoolMonthsBounds(schoolYear);
  const months = schoolMonthsOf(schoolYear);
  const members = await queryRows<MemberRow>(
    context.db,
    sql`select tm.user_id, tm.status, tm.left_on::text as left_on, h.contracted_hours::float8 as contracted_hours,
        string_agg(t.tag_id::text, ',' order by t.tag_id) as tag_ids
      from team_members tm
      join team_member_hours h on h.user_id = tm.user_id and h.school_year = ${schoolYear}
      left join team_member_tags t on t.user_id = tm.user_id
      group by tm.user_id, tm.status, tm.left_on, h.contracted_hours`,
  );
  const absences = await queryRows<AbsenceRow>(
    context.db,
    sql`select a.user_id, a.starts_on::text as starts_on, a.ends_on::text as ends_on
      from team_member_absences a
      join team_member_hours h on h.user_id = a.user_id and h.school_year = ${schoolYear}
      where a.ends_on >= ${start}::date and a.starts_on <= ${end}::date`,
  );
  const booked = await queryRows<BookedRow>(
    context.db,
    sql`select user_id, to_char(month, 'YYYY-MM') as month, hours from (
        select t.user_id, date_trunc('month', t.entry_date) as month, sum(t.hours)::float8 as hours
        from time_entries t
        where t.entry_date between ${start}::date and ${end}::date
        group by t.user_id, date_trunc('month', t.entry_date)) as booked`,
  );
  const absencesOf = groupedBy(absences, (row) => row.user_id);
  const bookedOf = groupedBy(booked, (row) => row.user_id);
  // A member who left without a date gives nothing; one with a date is away from that day on.
  return members
    .filter((member) => member.status === 'active' || member.left_on !== null)
    .map((member) => {
      const periods = (absencesOf.get(member.user_id) ?? []).map((row) => ({
        startsOn: row.starts_on,
        endsOn: row.ends_on as string | null,
      }));
      if (member.status === 'left' && member.left_on)
        periods.push({ startsOn: member.left_on, endsOn: null });
      const bookedHours = months.map(() => 0);
      for (const row of bookedOf.get(member.user_id) ?? [])
        bookedHours[months.indexOf(row.month)] = Number(row.hours);
      return {
        contractedHours: Number(member.contracted_hours),
        tagKeys: member.tag_ids ? member.tag_ids.split(',') : [],
        absentWeekdays: absentWeekdaysPerMonth(schoolYear, periods),
        bookedHours,
      };
    });
}

function groupedBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

/** Hours short over the months that fall short: the order of the warnings. */
function shortfallOf(tag: CapacityTag): number {
  return tag.months.reduce((sum, cell) => sum + (cell.isShort ? -cell.difference : 0), 0);
}

async function tagNames(context: UseCaseContext): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; name: string }>(
    context.db,
    sql`select id, name from expertise_tags`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Demand from the planning talks against the team's capacity per expertise tag and school month (S4),
 * with the schools behind each tag's demand and the same figures as tables for the download.
 */
export async function capacityOf(context: UseCaseContext, query: CapacityQuery): Promise<Capacity> {
  const { schoolYear } = query;
  const months = schoolMonthsOf(schoolYear);
  const weekdays = weekdaysPerMonth(schoolYear);
  const schools = await plannedSchools(context, schoolYear);
  const history = await requestHistory(context, schoolYear);
  const members = await teamHours(context, schoolYear);
  const names = await tagNames(context);

  const estimate = overallHoursPerRequest(history.all);
  const perRequest = new Map<string, HoursPerRequest>();
  const hoursPerRequest = (tagKey: string): HoursPerRequest => {
    let found = perRequest.get(tagKey);
    if (!found) {
      found = tagKey === noTag ? estimate : hoursPerRequestOf(history.perTag.get(tagKey), history.all);
      perRequest.set(tagKey, found);
    }
    return found;
  };
  const demand = demandByTag(schools, (tagKey) => hoursPerRequest(tagKey).hours, months.length);
  const capacity = capacityByTag(members, weekdays);
  const empty = months.map(() => 0);
  // A tag with neither demand nor capacity says nothing; a wanted tag since deleted is dropped with it.
  const keys = [...new Set([...demand.keys(), ...capacity.keys()])].filter(
    (key) => key === noTag || names.has(key),
  );
  const tags: CapacityTag[] = keys.map((key) => {
    const basis = hoursPerRequest(key);
    const tagDemand = demand.get(key);
    return {
      key,
      name: key === noTag ? translate(context.locale, 'capacity.noTag') : (names.get(key) ?? ''),
      hoursPerRequest: roundHours(basis.hours),
      basis: basis.basis,
      closedRequests: basis.closedRequests,
      // Demand without a wanted tag can go to anyone: it is judged in the total only.
      ...compareRow(months, tagDemand?.months ?? empty, capacity.get(key) ?? empty, key !== noTag),
      schools: (tagDemand?.schools ?? []).map((school) => ({
        ...school,
        requestsForTag: Math.round(school.requestsForTag * 100) / 100,
        demandHours: roundHours(school.demandHours),
      })),
    };
  });
  tags.sort(
    (left, right) =>
      Number(left.key === noTag) - Number(right.key === noTag) ||
      shortfallOf(right) - shortfallOf(left) ||
      left.name.localeCompare(right.name, 'nl'),
  );
  const total = compareRow(
    months,
    sumRows(
      keys.map((key) => demand.get(key)?.months ?? empty),
      months.length,
    ),
    sumRows(
      keys.map((key) => capacity.get(key) ?? empty),
      months.length,
    ),
  );
  return {
    schoolYear,
    months,
    talks: schools.length,
    expectedRequests: schools.reduce((sum, school) => sum + school.expectedRequests, 0),
    members: members.length,
    estimate: {
      hoursPerRequest: roundHours(estimate.hours),
      basis: estimate.basis,
      closedRequests: estimate.closedRequests,
    },
    tags,
    total,
    tables: capacityTables(context.locale, months, tags, total),
  };
}

const monthFormats: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

/** The figures as tables of the one figure-table shape, so the generic download can write them. */
export function capacityTables(
  locale: Locale,
  months: readonly string[],
  tags: readonly CapacityTag[],
  total: Pick<CapacityTag, 'months' | 'year'>,
): FigureTable[] {
  const label = (key: string) => translate(locale, `capacity.tables.${key}`);
  const monthColumns = [
    ...months.map((month) => ({
      key: month,
      label: monthFormats[locale].format(new Date(`${month}-15T12:00:00Z`)),
      unit: 'hours' as const,
    })),
    { key: 'year', label: label('year'), unit: 'hours' as const },
  ];
  const perMonth = (id: CapacityTableId, value: (cell: CapacityCell) => number): FigureTable => {
    const row = (key: string, name: string, cells: CapacityCell[], year: CapacityCell, isTotal: boolean) => {
      const values = [...cells, year].map(value);
      return { key, label: name, values, lastYear: values.map(() => null), drillDown: null, isTotal };
    };
    return {
      id,
      section: 'team',
      title: label(`${id}.title`),
      description: label(`${id}.description`),
      rowHeader: label('tag'),
      columns: monthColumns,
      rows: [
        ...tags.map((tag) => row(tag.key, tag.name, tag.months, tag.year, false)),
        row('total', label('total'), total.months, total.year, true),
      ],
      chartColumn: null,
    };
  };
  const schoolColumns = [
    { key: 'expectedRequests', label: label('expectedRequests'), unit: 'count' as const },
    { key: 'requestsForTag', label: label('requestsForTag'), unit: 'count' as const },
    { key: 'demandHours', label: label('demandHours'), unit: 'hours' as const },
  ];
  return [
    perMonth('capacity_demand', (cell) => cell.demand),
    perMonth('capacity_capacity', (cell) => cell.capacity),
    perMonth('capacity_difference', (cell) => cell.difference),
    {
      id: 'capacity_schools',
      section: 'team',
      title: label('capacity_schools.title'),
      description: label('capacity_schools.description'),
      rowHeader: label('schoolAndTag'),
      columns: schoolColumns,
      rows: tags.flatMap((tag) =>
        tag.schools.map((school) => {
          const values = [school.expectedRequests, school.requestsForTag, school.demandHours];
          return {
            key: `${tag.key}:${school.locationId}`,
            label: `${school.name} — ${tag.name}`,
            values,
            lastYear: values.map(() => null),
            drillDown: null,
            isTotal: false,
          };
        }),
      ),
      chartColumn: null,
    },
  ];
}

/**
 * One table of demand against capacity as CSV or XLSX, through the figures' one export and from the
 * same answer as the page.
 */
export async function exportCapacityTable(
  context: UseCaseContext,
  query: CapacityExportQuery,
): Promise<FigureDownload> {
  const capacity = await capacityOf(context, { schoolYear: query.schoolYear });
  const table = capacity.tables.find((candidate) => candidate.id === query.table);
  // Every answer holds every table of `capacityTableIds`, also an empty year's.
  if (!table) throw new NotFound();
  const fileName = figureExportFileName(table.id, capacity.schoolYear, query.format);
  if (query.format === 'csv')
    return { fileName, contentType: 'text/csv; charset=utf-8', body: figureTableCsv(table, context.locale) };
  return {
    fileName,
    contentType: xlsxContentType,
    body: await figureTablesXlsx([table], { locale: context.locale }),
  };
}
