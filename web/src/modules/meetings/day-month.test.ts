import { describe, expect, it } from 'vitest';
import { dayMonthOf, monthDayOf } from './day-month.ts';

describe('a meeting date setting in Dutch order (issue 16)', () => {
  it('shows a stored month and day with the day first', () => {
    expect(dayMonthOf('11-01')).toBe('01-11');
    expect(dayMonthOf('01-31')).toBe('31-01');
  });

  it('stores what the user typed day first, with or without leading zeros', () => {
    expect(monthDayOf('01-11')).toBe('11-01');
    expect(monthDayOf('1-11')).toBe('11-01');
    expect(monthDayOf(' 31/1 ')).toBe('01-31');
    expect(monthDayOf('15.10')).toBe('10-15');
  });

  it('passes anything else on as typed, for the contract to refuse', () => {
    expect(monthDayOf('1 november')).toBe('1 november');
    expect(monthDayOf('')).toBe('');
  });

  it('turns a stored value around and back unchanged', () => {
    for (const stored of ['08-01', '12-31', '02-29']) expect(monthDayOf(dayMonthOf(stored))).toBe(stored);
  });
});
