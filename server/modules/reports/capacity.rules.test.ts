import { describe, expect, it } from 'vitest';
import {
  absentWeekdaysPerMonth,
  capacityByTag,
  compareRow,
  defaultHoursPerRequest,
  demandByTag,
  hoursPerRequestOf,
  memberCapacity,
  noTag,
  overallHoursPerRequest,
  schoolMonthsOf,
  sumRows,
  weekdaysPerMonth,
} from './capacity.rules.ts';

// 2026-2027: weekdays per school month counted on a calendar by hand; 217 in all.
const weekdays2026 = [22, 22, 21, 23, 21, 20, 23, 22, 21, 22];
const none = new Array<number>(10).fill(0);

describe('the school months (S4)', () => {
  it('S4: demand and capacity run over the ten school months September to June', () => {
    expect(schoolMonthsOf(2026)).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
  });

  it('S4: counts the weekdays of each school month', () => {
    expect(weekdaysPerMonth(2026)).toEqual(weekdays2026);
  });

  it('S4: counts a weekday away once when absences overlap, and from the day a member left', () => {
    const absent = absentWeekdaysPerMonth(2026, [
      // Monday 28 September to Friday 2 October: three days in September, two in October.
      { startsOn: '2026-09-28', endsOn: '2026-10-02' },
      // Thursday 1 to Monday 5 October: only the Monday is new.
      { startsOn: '2026-10-01', endsOn: '2026-10-05' },
      // Left on Tuesday 1 June 2027: the rest of June, 22 weekdays.
      { startsOn: '2027-06-01', endsOn: null },
      // Summer holiday before the school months: nothing.
      { startsOn: '2026-08-01', endsOn: '2026-08-31' },
    ]);
    expect(absent).toEqual([3, 3, 0, 0, 0, 0, 0, 0, 0, 22]);
  });
});

describe('hours per expected request (S4)', () => {
  it('S4: a tag with five or more closed requests last year uses its own average', () => {
    expect(hoursPerRequestOf({ requests: 5, hours: 60 }, { requests: 10, hours: 150 })).toEqual({
      hours: 12,
      basis: 'tag',
      closedRequests: 5,
    });
  });

  it('S4: a tag with fewer uses the average of all closed requests', () => {
    expect(hoursPerRequestOf({ requests: 4, hours: 100 }, { requests: 10, hours: 150 })).toEqual({
      hours: 15,
      basis: 'all',
      closedRequests: 10,
    });
    expect(hoursPerRequestOf(undefined, { requests: 10, hours: 150 }).hours).toBe(15);
  });

  it('S4: with fewer than five closed requests in all, the fixed figure', () => {
    expect(overallHoursPerRequest({ requests: 4, hours: 400 })).toEqual({
      hours: defaultHoursPerRequest,
      basis: 'default',
      closedRequests: 0,
    });
    expect(hoursPerRequestOf({ requests: 9, hours: 90 }, { requests: 4, hours: 400 }).basis).toBe('tag');
  });
});

describe('demand (S4)', () => {
  const perRequest: Record<string, number> = { x: 12, y: 15, [noTag]: 20 };
  const demand = demandByTag(
    [
      { locationId: 'a', name: 'School A', expectedRequests: 10, tagKeys: ['x', 'y'] },
      { locationId: 'b', name: 'School B', expectedRequests: 4, tagKeys: ['x'] },
      { locationId: 'c', name: 'School C', expectedRequests: 6, tagKeys: [] },
    ],
    (tagKey) => perRequest[tagKey] ?? 0,
    10,
  );

  it("S4: splits a school's expected requests evenly over its wanted tags and over the ten months", () => {
    // x: A's 5 × 12 + B's 4 × 12 = 108 hours, 10.8 a month; y: A's 5 × 15 = 75, 7.5 a month.
    expect(demand.get('x')?.months.map((hours) => Math.round(hours * 100) / 100)).toEqual(
      new Array(10).fill(10.8),
    );
    expect(demand.get('y')?.months).toEqual(new Array(10).fill(7.5));
  });

  it('S4: a school that wants no tag counts under "no tag"', () => {
    // 6 × 20 = 120 hours, 12 a month.
    expect(demand.get(noTag)?.months).toEqual(new Array(10).fill(12));
  });

  it('S4: names the schools behind a tag, the largest demand first', () => {
    expect(demand.get('x')?.schools).toEqual([
      { locationId: 'a', name: 'School A', expectedRequests: 10, requestsForTag: 5, demandHours: 60 },
      { locationId: 'b', name: 'School B', expectedRequests: 4, requestsForTag: 4, demandHours: 48 },
    ]);
  });
});

describe('capacity (S4)', () => {
  it('S4: spreads the contracted hours over the weekdays, without days away and booked hours, never below zero', () => {
    const free = memberCapacity(
      {
        // 4 hours a weekday.
        contractedHours: 217 * 4,
        tagKeys: ['x'],
        absentWeekdays: [3, 3, 0, 0, 0, 0, 0, 0, 0, 0],
        bookedHours: [10, 0, 100, 0, 0, 0, 0, 0, 0, 0],
      },
      weekdays2026,
    );
    expect(free.slice(0, 4)).toEqual([(22 - 3) * 4 - 10, (22 - 3) * 4, 0, 23 * 4]);
  });

  it("S4: splits a member's hours evenly over their tags, so the tags together count each member once", () => {
    const capacity = capacityByTag(
      [
        { contractedHours: 217 * 4, tagKeys: ['x', 'y'], absentWeekdays: none, bookedHours: none },
        { contractedHours: 217 * 2, tagKeys: ['x'], absentWeekdays: none, bookedHours: none },
        { contractedHours: 217, tagKeys: [], absentWeekdays: none, bookedHours: none },
      ],
      weekdays2026,
    );
    // September: 88 hours of the first member, half each to x and y; 44 of the second to x; 22 untagged.
    expect(capacity.get('x')?.[0]).toBe(44 + 44);
    expect(capacity.get('y')?.[0]).toBe(44);
    expect(capacity.get(noTag)?.[0]).toBe(22);
    const total = sumRows([...capacity.values()], 10);
    expect(total[0]).toBe(88 + 44 + 22);
    expect(total.reduce((sum, hours) => sum + hours, 0)).toBeCloseTo(217 * 7, 6);
  });
});

describe('shortfall (S4)', () => {
  const months = ['2026-09', '2026-10'];

  it('S4: flags the months where demand exceeds capacity, and the year', () => {
    const row = compareRow(months, [10, 20], [15, 15]);
    expect(row.months).toEqual([
      { month: '2026-09', demand: 10, capacity: 15, difference: 5, isShort: false },
      { month: '2026-10', demand: 20, capacity: 15, difference: -5, isShort: true },
    ]);
    expect(row.shortMonths).toBe(1);
    expect(row.year).toEqual({ month: 'year', demand: 30, capacity: 30, difference: 0, isShort: false });
    expect(compareRow(months, [10, 25], [15, 15]).year.isShort).toBe(true);
  });

  it('S4: judges on the hours as shown, to one decimal', () => {
    const row = compareRow(months, [10.04, 10.06], [10, 10]);
    expect(row.months.map((cell) => cell.isShort)).toEqual([false, true]);
    expect(row.months[1]?.difference).toBe(-0.1);
  });

  it('S4: demand without a wanted tag is not judged on its own row', () => {
    const row = compareRow(months, [20, 20], [0, 0], false);
    expect(row.shortMonths).toBe(0);
    expect(row.months[0]).toMatchObject({ demand: 20, capacity: 0, difference: -20, isShort: false });
  });
});
