import { describe, expect, it } from 'vitest';
import { isOutsideWorkingHours, signalPeriodOf } from './privacy.rules.ts';

describe('signals of unusual access', () => {
  it('looks at the last 30 days by default, and at the period asked otherwise', () => {
    expect(signalPeriodOf({}, '2026-12-07')).toEqual({ from: '2026-11-08', to: '2026-12-07' });
    expect(signalPeriodOf({ from: '2026-10-01' }, '2026-12-07')).toEqual({
      from: '2026-10-01',
      to: '2026-12-07',
    });
    expect(signalPeriodOf({ to: '2026-10-31' }, '2026-12-07')).toEqual({
      from: '2026-10-02',
      to: '2026-10-31',
    });
    expect(signalPeriodOf({ from: '2027-01-05' }, '2026-12-07')).toEqual({
      from: '2027-01-05',
      to: '2027-01-05',
    });
  });

  it('counts weekday evenings, nights and weekends as outside working hours', () => {
    expect(isOutsideWorkingHours(1, 6)).toBe(true);
    expect(isOutsideWorkingHours(1, 7)).toBe(false);
    expect(isOutsideWorkingHours(5, 18)).toBe(false);
    expect(isOutsideWorkingHours(5, 19)).toBe(true);
    expect(isOutsideWorkingHours(6, 11)).toBe(true);
    expect(isOutsideWorkingHours(7, 11)).toBe(true);
  });
});
