import type { CapacityCell, HoursPerRequestBasis } from '../../../contracts/capacity.ts';

/**
 * Demand against capacity (S4), as pure rules over figures the service sums in SQL.
 *
 * - **Months.** Demand and capacity are spread over the ten school months September to June; August
 *   and July (the summer holiday) carry neither.
 * - **Hours per request.** A tag's expected requests become hours at the average hours booked per
 *   request closed last school year that carries the tag; with fewer than
 *   {@link minimumClosedRequests} such requests, the average over all requests closed last school
 *   year; with fewer than that too, {@link defaultHoursPerRequest} hours.
 * - **Demand.** A planning talk's expected requests are split evenly over the tags the school wants
 *   (none wanted: under "no tag") and evenly over the ten months.
 * - **Capacity.** A member's contracted hours of the year are spread evenly over the weekdays
 *   (Monday–Friday) of September to June; weekdays of absence (and from the day a member left) give
 *   nothing; hours booked in a month are subtracted, never below zero. What is left is split evenly
 *   over the member's tags (no tag: under "no tag"), so every member's hours count once in the total.
 * - **Shortfall.** Where demand exceeds capacity, both rounded to one decimal. Demand without a wanted
 *   tag is not judged on its own (any member may take it); it counts in the total, which is.
 */

/** Closed requests a tag (or the whole team) needs before its own average counts. */
export const minimumClosedRequests = 5;

/** Hours per request when last school year closed too few requests to average over. */
export const defaultHoursPerRequest = 20;

/** The key of demand without a wanted tag and of members without a tag. */
export const noTag = 'none';

/** The school months demand and capacity are spread over: September to June (YYYY-MM). */
export function schoolMonthsOf(schoolYear: number): string[] {
  return [9, 10, 11, 12, 1, 2, 3, 4, 5, 6].map(
    (month) => `${month >= 9 ? schoolYear : schoolYear + 1}-${String(month).padStart(2, '0')}`,
  );
}

/** First and last day (inclusive) of the school months, 1 September to 30 June. */
export function schoolMonthsBounds(schoolYear: number): { start: string; end: string } {
  return { start: `${schoolYear}-09-01`, end: `${schoolYear + 1}-06-30` };
}

function* daysBetween(from: string, to: string): Generator<{ date: string; isWeekday: boolean }> {
  const day = new Date(`${from}T12:00:00Z`);
  const last = new Date(`${to}T12:00:00Z`);
  while (day <= last) {
    const weekday = day.getUTCDay();
    yield { date: day.toISOString().slice(0, 10), isWeekday: weekday !== 0 && weekday !== 6 };
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

function countPerMonth(months: readonly string[], dates: Iterable<string>): number[] {
  const counts = new Map<string, number>();
  for (const date of dates) counts.set(date.slice(0, 7), (counts.get(date.slice(0, 7)) ?? 0) + 1);
  return months.map((month) => counts.get(month) ?? 0);
}

/** The weekdays (Monday–Friday) of each school month of the year, in month order. */
export function weekdaysPerMonth(schoolYear: number): number[] {
  const months = schoolMonthsOf(schoolYear);
  const { start, end } = schoolMonthsBounds(schoolYear);
  const days: string[] = [];
  for (const day of daysBetween(start, end)) if (day.isWeekday) days.push(day.date);
  return countPerMonth(months, days);
}

/**
 * The weekdays of each school month a member is away: periods of absence (both ends included; a
 * period without an end runs to 30 June) may overlap, and a day counts once.
 */
export function absentWeekdaysPerMonth(
  schoolYear: number,
  periods: ReadonlyArray<{ startsOn: string; endsOn: string | null }>,
): number[] {
  const months = schoolMonthsOf(schoolYear);
  const bounds = schoolMonthsBounds(schoolYear);
  const absent = new Set<string>();
  for (const period of periods) {
    const from = period.startsOn > bounds.start ? period.startsOn : bounds.start;
    const to = period.endsOn === null || period.endsOn > bounds.end ? bounds.end : period.endsOn;
    for (const day of daysBetween(from, to)) if (day.isWeekday) absent.add(day.date);
  }
  return countPerMonth(months, absent);
}

/** Closed requests of last school year and the hours booked on them, of one tag or of all. */
export type RequestHistory = { requests: number; hours: number };

/** The hours one expected request stands for, and where that figure comes from. */
export type HoursPerRequest = { hours: number; basis: HoursPerRequestBasis; closedRequests: number };

/** The hours per request over all tags: their average, or the fixed figure when too few closed. */
export function overallHoursPerRequest(all: RequestHistory): HoursPerRequest {
  return all.requests >= minimumClosedRequests
    ? { hours: all.hours / all.requests, basis: 'all', closedRequests: all.requests }
    : { hours: defaultHoursPerRequest, basis: 'default', closedRequests: 0 };
}

/** A tag's hours per request: its own average when it has enough closed requests, else the overall one. */
export function hoursPerRequestOf(tag: RequestHistory | undefined, all: RequestHistory): HoursPerRequest {
  if (tag && tag.requests >= minimumClosedRequests)
    return { hours: tag.hours / tag.requests, basis: 'tag', closedRequests: tag.requests };
  return overallHoursPerRequest(all);
}

/** A school's latest planning talk of the year with expected requests, and the tags it wants. */
export type PlannedSchool = { locationId: string; name: string; expectedRequests: number; tagKeys: string[] };

/** A school's share of one tag's demand. */
export type SchoolShare = {
  locationId: string;
  name: string;
  expectedRequests: number;
  requestsForTag: number;
  demandHours: number;
};

/** One tag's demand: hours per school month, and the schools behind it. */
export type TagDemand = { months: number[]; schools: SchoolShare[] };

/**
 * Demand in hours per tag and school month: each school's expected requests split evenly over its
 * wanted tags (none: {@link noTag}), times the tag's hours per request, spread evenly over the months.
 */
export function demandByTag(
  schools: readonly PlannedSchool[],
  hoursPerRequest: (tagKey: string) => number,
  monthCount: number,
): Map<string, TagDemand> {
  const demand = new Map<string, TagDemand>();
  for (const school of schools) {
    const tagKeys = school.tagKeys.length > 0 ? [...new Set(school.tagKeys)] : [noTag];
    const requestsForTag = school.expectedRequests / tagKeys.length;
    for (const tagKey of tagKeys) {
      const hours = requestsForTag * hoursPerRequest(tagKey);
      let tag = demand.get(tagKey);
      if (!tag) {
        tag = { months: new Array<number>(monthCount).fill(0), schools: [] };
        demand.set(tagKey, tag);
      }
      tag.months = tag.months.map((monthHours) => monthHours + hours / monthCount);
      tag.schools.push({
        locationId: school.locationId,
        name: school.name,
        expectedRequests: school.expectedRequests,
        requestsForTag,
        demandHours: hours,
      });
    }
  }
  for (const tag of demand.values())
    tag.schools.sort(
      (left, right) => right.demandHours - left.demandHours || left.name.localeCompare(right.name, 'nl'),
    );
  return demand;
}

/** What the service knows of one member for the year. */
export type MemberHours = {
  contractedHours: number;
  tagKeys: string[];
  /** Weekdays away per school month (absences, and from the day the member left). */
  absentWeekdays: number[];
  /** Hours booked per school month. */
  bookedHours: number[];
};

/**
 * A member's hours still free per school month: the contracted hours spread over the year's
 * weekdays, without the weekdays away, minus what is booked, never below zero.
 */
export function memberCapacity(member: MemberHours, weekdays: readonly number[]): number[] {
  const totalWeekdays = weekdays.reduce((sum, days) => sum + days, 0);
  const perWeekday = totalWeekdays > 0 ? member.contractedHours / totalWeekdays : 0;
  return weekdays.map((days, month) => {
    const present = Math.max(0, days - (member.absentWeekdays[month] ?? 0));
    return Math.max(0, perWeekday * present - (member.bookedHours[month] ?? 0));
  });
}

/**
 * Capacity in hours per tag and school month: each member's free hours split evenly over their tags
 * (none: {@link noTag}), so the tags together hold every member's hours exactly once.
 */
export function capacityByTag(
  members: readonly MemberHours[],
  weekdays: readonly number[],
): Map<string, number[]> {
  const capacity = new Map<string, number[]>();
  for (const member of members) {
    const free = memberCapacity(member, weekdays);
    const tagKeys = member.tagKeys.length > 0 ? [...new Set(member.tagKeys)] : [noTag];
    for (const tagKey of tagKeys) {
      const months = capacity.get(tagKey) ?? weekdays.map(() => 0);
      capacity.set(
        tagKey,
        months.map((hours, month) => hours + (free[month] ?? 0) / tagKeys.length),
      );
    }
  }
  return capacity;
}

/** Hours to one decimal, as the page and the download show them. */
export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10;
}

/** One cell of demand against capacity: rounded, with the shortfall judged on what is shown. */
export function compareCell(month: string, demand: number, capacity: number, isJudged = true): CapacityCell {
  const shownDemand = roundHours(demand);
  const shownCapacity = roundHours(capacity);
  return {
    month,
    demand: shownDemand,
    capacity: shownCapacity,
    difference: roundHours(shownCapacity - shownDemand),
    isShort: isJudged && shownDemand > shownCapacity,
  };
}

/**
 * A row of demand against capacity: every month, the year, and how many months fall short. A row not
 * judged (demand without a wanted tag, which any member may take) never falls short itself.
 */
export function compareRow(
  months: readonly string[],
  demand: readonly number[],
  capacity: readonly number[],
  isJudged = true,
): { months: CapacityCell[]; year: CapacityCell; shortMonths: number } {
  const cells = months.map((month, index) =>
    compareCell(month, demand[index] ?? 0, capacity[index] ?? 0, isJudged),
  );
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  return {
    months: cells,
    year: compareCell('year', sum(demand), sum(capacity), isJudged),
    shortMonths: cells.filter((cell) => cell.isShort).length,
  };
}

/** Adds up rows month by month (the total over every tag). */
export function sumRows(rows: ReadonlyArray<readonly number[]>, monthCount: number): number[] {
  return Array.from({ length: monthCount }, (_, month) =>
    rows.reduce((sum, row) => sum + (row[month] ?? 0), 0),
  );
}
