import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Locale } from '../../../contracts/fields.ts';
import type { FigureFilter } from '../../../contracts/reports.ts';
import { addDays, amsterdamInstant, schoolYearBounds } from '../../../contracts/school-year.ts';
import { type Action, hasGrant } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { locations } from '../schools/schools.schema.ts';

/** A period of days, both ends included, as ISO dates. */
export type Period = { from: string; to: string };

/**
 * What every figure builder counts over: the schools in the viewer's reach that the filter keeps, the
 * period and the same period a year earlier, and the viewer's language for the labels.
 */
export type FigureScope = {
  schoolYear: number;
  period: Period;
  lastYearPeriod: Period;
  /** The school locations counted (reach ∩ filter), with name and sector; empty: nothing to count. */
  locations: Array<{ id: string; name: string; sector: string }>;
  locationIds: string[];
  locale: Locale;
  /** Whether P9 applies: everyone but the staff office (who holds the figures for the whole partnership). */
  isSuppressed: boolean;
  /** Whether the viewer may open a list (the drill-down is offered only then). */
  mayList(action: Action): boolean;
};

/** The same calendar date a year earlier (29 February becomes 28 February). */
export function yearEarlier(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const earlierDay = month === 2 && day === 29 ? 28 : day;
  return `${year - 1}-${String(month).padStart(2, '0')}-${String(earlierDay).padStart(2, '0')}`;
}

/**
 * The scope of one figures call: the period defaults to the whole school year up to today, clipped to
 * the year; the schools are those the policy lets the viewer see figures of, narrowed by the filter.
 */
export async function figureScopeOf(context: UseCaseContext, filter: FigureFilter): Promise<FigureScope> {
  const bounds = schoolYearBounds(filter.schoolYear);
  const today = context.clock.today();
  const from = filter.from && filter.from > bounds.start ? filter.from : bounds.start;
  const defaultTo = today < bounds.end && today >= bounds.start ? today : bounds.end;
  const to = filter.to && filter.to < bounds.end ? filter.to : defaultTo;
  if (filter.locationId)
    await context.requireVisible(
      { kind: 'location', action: context.action },
      { locationId: filter.locationId },
    );
  if (filter.boardId) await context.requireVisible({ kind: 'schoolBoard' }, { boardId: filter.boardId });
  const conditions: SQL[] = [context.scope(context.action, { locationId: locations.id })];
  if (filter.locationId) conditions.push(eq(locations.id, filter.locationId));
  if (filter.boardId) conditions.push(eq(locations.boardId, filter.boardId));
  if (filter.sector) conditions.push(eq(locations.sector, filter.sector));
  const rows = await context.db
    .select({ id: locations.id, name: locations.name, sector: locations.sector })
    .from(locations)
    .where(and(...conditions))
    .orderBy(asc(locations.name), asc(locations.id));
  return {
    schoolYear: filter.schoolYear,
    period: { from, to: to < from ? from : to },
    lastYearPeriod: { from: yearEarlier(from), to: yearEarlier(to < from ? from : to) },
    locations: rows,
    locationIds: rows.map((row) => row.id),
    locale: context.locale,
    isSuppressed: !context.may(context.action, {}),
    mayList: (action) => hasGrant(context.actor, action),
  };
}

/**
 * The CTE `periods` every figure query joins: one row for this period ('now') and one for the same period
 * a year earlier ('last'), `which` naming it, with its days, the instants they span in Amsterdam (for
 * moments such as a submission or a check-in), its school year with the year's bounds, and whether the
 * period is the whole school year (only then do the figures kept of deleted records, which know the
 * school year and not the day, belong to it).
 */
export function periodsCte(scope: FigureScope): SQL {
  const row = (which: 'now' | 'last', period: Period, schoolYear: number) => {
    const { start, end } = schoolYearBounds(schoolYear);
    const atFrom = amsterdamInstant(period.from, '00:00').toISOString();
    const atUntil = amsterdamInstant(addDays(period.to, 1), '00:00').toISOString();
    const isWholeYear = period.from <= start && period.to >= end;
    return sql`(${which}::text, ${period.from}::date, ${period.to}::date, ${atFrom}::timestamptz,
      ${atUntil}::timestamptz, ${schoolYear}::int, ${start}::date, ${end}::date, ${isWholeYear}::boolean)`;
  };
  return sql`periods(which, day_from, day_to, at_from, at_until, school_year, year_start, year_end,
      is_whole_year) as (values ${row('now', scope.period, scope.schoolYear)},
      ${row('last', scope.lastYearPeriod, scope.schoolYear - 1)})`;
}

/**
 * Whether a location column is one of the given schools: a semi-join on one parameter, so the planner
 * hashes the schools once instead of testing a list for every row (and the statement stays the same
 * size for one school or a hundred).
 */
export function inLocations(column: SQL, locationIds: readonly string[]): SQL {
  if (locationIds.length === 0) return sql`false`;
  return sql`${column} in (select unnest(string_to_array(${locationIds.join(',')}, ',')::uuid[]))`;
}
