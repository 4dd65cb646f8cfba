import { describe, expect, it } from 'vitest';
import {
  amsterdamDateOf,
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
