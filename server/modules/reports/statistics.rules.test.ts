import { describe, expect, it } from 'vitest';
import { median, percentile, roundedDays } from './statistics.rules.ts';

describe('median and percentile (lead times in the figures)', () => {
  it('gives null for no values', () => {
    expect(median([])).toBeNull();
    expect(percentile([], 0.8)).toBeNull();
  });

  it('gives the one value of a list of one', () => {
    expect(median([7])).toBe(7);
    expect(percentile([7], 0.8)).toBe(7);
  });

  it('takes the middle of an odd list and the mean of the middle two of an even one', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 2, 4, 8])).toBe(6);
  });

  it('interpolates the 80th percentile between the closest ranks', () => {
    // Five values: position (5 − 1) · 0.8 = 3.2 → 8 + 0.2 · (10 − 8).
    expect(percentile([2, 4, 6, 8, 10], 0.8)).toBeCloseTo(8.4);
    // Four values: position 2.4 → 6 + 0.4 · (8 − 6).
    expect(percentile([8, 2, 6, 4], 0.8)).toBeCloseTo(6.8);
  });

  it('rounds days to one decimal, also from the database text of a numeric', () => {
    expect(roundedDays('8.4000000001')).toBe(8.4);
    expect(roundedDays(2.25)).toBe(2.3);
    expect(roundedDays(null)).toBeNull();
  });
});
