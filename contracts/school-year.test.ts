import { describe, expect, it } from 'vitest';
import {
  amsterdamDateOf,
  amsterdamDateTimeOf,
  amsterdamInstant,
  formatSchoolYear,
  parseSchoolYear,
  pupilCountDate,
  schoolYearBounds,
  schoolYearOf,
} from './school-year.ts';

describe('school years in Europe/Amsterdam', () => {
  it('puts 31 July in the old school year and 1 August in the new one', () => {
    expect(schoolYearOf('2027-07-31')).toBe(2026);
    expect(schoolYearOf('2027-08-01')).toBe(2027);
    expect(schoolYearOf('2027-01-15')).toBe(2026);
  });

  it('turns the date at midnight in Amsterdam, also when asked every second around it', () => {
    // The last minute before midnight (summer time) and the first after: the answer changes exactly there.
    for (let second = 0; second < 60; second += 1) {
      const before = new Date(Date.UTC(2027, 6, 31, 21, 59, second));
      expect(amsterdamDateOf(before)).toBe('2027-07-31');
      expect(amsterdamDateOf(new Date(before.getTime() + 60_000))).toBe('2027-08-01');
    }
  });

  it('takes the Amsterdam date, not UTC, near midnight', () => {
    // 31 July 22:30 UTC is already 1 August 00:30 in Amsterdam (summer time).
    expect(amsterdamDateOf(new Date('2027-07-31T22:30:00Z'))).toBe('2027-08-01');
    expect(schoolYearOf(amsterdamDateOf(new Date('2027-07-31T22:30:00Z')))).toBe(2027);
    // In winter Amsterdam is one hour ahead.
    expect(amsterdamDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('names, bounds and parses school years', () => {
    expect(formatSchoolYear(2026)).toBe('2026-2027');
    expect(schoolYearBounds(2026)).toEqual({ start: '2026-08-01', end: '2027-07-31' });
    expect(pupilCountDate(2026)).toBe('2026-10-01');
    expect(parseSchoolYear('2026-2027')).toBe(2026);
    expect(parseSchoolYear('2026/2027')).toBe(2026);
    expect(parseSchoolYear('2026-2028')).toBeNull();
    expect(parseSchoolYear('twintig')).toBeNull();
  });
});
describe('wall-clock times in Amsterdam across daylight saving', () => {
  it('reads winter time as UTC+1 and summer time as UTC+2', () => {
    expect(amsterdamInstant('2026-12-01', '09:30').toISOString()).toBe('2026-12-01T08:30:00.000Z');
    expect(amsterdamInstant('2026-06-01', '09:30').toISOString()).toBe('2026-06-01T07:30:00.000Z');
  });

  it('keeps a meeting at 10:00 on the Sunday the clocks change, both ways', () => {
    expect(amsterdamInstant('2027-03-28', '10:00').toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(amsterdamInstant('2026-10-25', '10:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });

  it('moves a time in the skipped hour on, and takes the first of a repeated hour', () => {
    expect(amsterdamInstant('2027-03-28', '02:30').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(amsterdamDateTimeOf(amsterdamInstant('2027-03-28', '02:30'))).toEqual({
      date: '2027-03-28',
      time: '03:30',
    });
    expect(amsterdamInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips every quarter of an hour of a year', () => {
    for (let instant = Date.UTC(2026, 0, 1); instant < Date.UTC(2027, 0, 1); instant += 15 * 60_000 * 7) {
      const shown = amsterdamDateTimeOf(new Date(instant));
      const back = amsterdamInstant(shown.date, shown.time);
      // In the repeated autumn hour the second pass reads like the first: it maps to the first.
      expect(instant - back.getTime()).toBeGreaterThanOrEqual(0);
      expect(instant - back.getTime()).toBeLessThanOrEqual(3_600_000);
      expect(amsterdamDateTimeOf(back)).toEqual(shown);
    }
  });
});
