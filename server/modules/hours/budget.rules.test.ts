import { describe, expect, it } from 'vitest';
import {
  monthlyTrend,
  monthsOfSchoolYear,
  percentUsed,
  thresholdsReached,
  warningLevel,
} from './budget.rules.ts';

describe('budget warnings at 80 % and 100 % of a school’s hours (issue 5, R14)', () => {
  it('reaches nothing below 80 %', () => {
    expect(thresholdsReached(100, 79.75)).toEqual([]);
    expect(warningLevel(100, 79.75)).toBeNull();
  });

  it('reaches 80 % exactly at the boundary, and 100 % exactly at the total', () => {
    expect(thresholdsReached(100, 80)).toEqual([80]);
    expect(thresholdsReached(100, 99.75)).toEqual([80]);
    expect(thresholdsReached(100, 100)).toEqual([80, 100]);
    expect(warningLevel(100, 130)).toBe(100);
  });

  it('compares exactly for half-hour allocations (no floating-point surprises)', () => {
    // 80 % of 32.5 is 26: 26 must count, 25.75 must not.
    expect(thresholdsReached(32.5, 26)).toEqual([80]);
    expect(thresholdsReached(32.5, 25.75)).toEqual([]);
  });

  it('warns about nothing without an adopted allocation, and about any use of zero allocated hours', () => {
    expect(thresholdsReached(null, 500)).toEqual([]);
    expect(thresholdsReached(0, 0)).toEqual([]);
    expect(thresholdsReached(0, 0.25)).toEqual([80, 100]);
  });

  it('gives the share used with one decimal, none without allocated hours', () => {
    expect(percentUsed(120, 40)).toBe(33.3);
    expect(percentUsed(0, 3)).toBeNull();
    expect(percentUsed(null, 3)).toBeNull();
  });
});

describe('the trend through the school year', () => {
  it('runs from August to July across the calendar year (31 July / 1 August)', () => {
    const months = monthsOfSchoolYear(2026);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2026-08');
    expect(months[4]).toBe('2026-12');
    expect(months[5]).toBe('2027-01');
    expect(months[11]).toBe('2027-07');
  });

  it('adds up month by month and stops at today', () => {
    const trend = monthlyTrend(
      2026,
      new Map([
        ['2026-09', 10],
        ['2026-11', 2.5],
      ]),
      '2026-11-23',
    );
    expect(trend.slice(0, 5)).toEqual([
      { month: '2026-08', used: 0, cumulative: 0 },
      { month: '2026-09', used: 10, cumulative: 10 },
      { month: '2026-10', used: 0, cumulative: 10 },
      { month: '2026-11', used: 2.5, cumulative: 12.5 },
      { month: '2026-12', used: 0, cumulative: null },
    ]);
  });

  it('shows a past school year whole', () => {
    const trend = monthlyTrend(2024, new Map([['2025-07', 4]]), '2026-11-23');
    expect(trend.at(-1)).toEqual({ month: '2025-07', used: 4, cumulative: 4 });
  });
});
