import { describe, expect, it } from 'vitest';
import {
  isActiveOn,
  isEndBeforeStart,
  isValidBrin,
  isValidLocationCode,
  isValidPostalCode,
  normaliseBrin,
  normaliseLocationCode,
  normalisePostalCode,
} from './location-codes.ts';

describe('location codes', () => {
  it('writes a BRIN without spaces in capitals and accepts two digits plus two letters or digits', () => {
    expect(normaliseBrin(' 12 ab ')).toBe('12AB');
    expect(isValidBrin('12AB')).toBe(true);
    expect(isValidBrin('00A1')).toBe(true);
    expect(isValidBrin('1234')).toBe(true);
    expect(isValidBrin('AB12')).toBe(false);
    expect(isValidBrin('12ABC')).toBe(false);
    expect(isValidBrin('12ab')).toBe(false);
    expect(isValidBrin('12-B')).toBe(false);
  });

  it('gives a one-digit vestigingscode its leading zero back and accepts two digits only', () => {
    expect(normaliseLocationCode('1')).toBe('01');
    expect(normaliseLocationCode(' 00 ')).toBe('00');
    expect(normaliseLocationCode('123')).toBe('123');
    expect(isValidLocationCode('01')).toBe(true);
    expect(isValidLocationCode('1')).toBe(false);
    expect(isValidLocationCode('A1')).toBe(false);
    expect(isValidLocationCode('001')).toBe(false);
  });
});

describe('postal codes', () => {
  it('writes a Dutch postal code as "1234 AB"', () => {
    expect(normalisePostalCode('3511ab')).toBe('3511 AB');
    expect(normalisePostalCode(' 3511   AB ')).toBe('3511 AB');
    expect(normalisePostalCode(' B-1000 ')).toBe('B-1000');
  });

  it('accepts four digits not starting with 0 and two letters, never SA, SD or SS', () => {
    expect(isValidPostalCode('3511 AB')).toBe(true);
    expect(isValidPostalCode('9999 ZZ')).toBe(true);
    expect(isValidPostalCode('0123 AB')).toBe(false);
    expect(isValidPostalCode('3511AB')).toBe(false);
    expect(isValidPostalCode('3511 SS')).toBe(false);
    expect(isValidPostalCode('3511 SA')).toBe(false);
    expect(isValidPostalCode('3511 SD')).toBe(false);
    expect(isValidPostalCode('3511 SE')).toBe(true);
    expect(isValidPostalCode('')).toBe(false);
  });
});

describe('active period', () => {
  it('an end date before the start date is wrong; the same day or an open end is fine', () => {
    expect(isEndBeforeStart('2025-08-01', '2025-07-31')).toBe(true);
    expect(isEndBeforeStart('2025-08-01', '2025-08-01')).toBe(false);
    expect(isEndBeforeStart('2025-08-01', null)).toBe(false);
    expect(isEndBeforeStart(null, '2025-08-01')).toBe(false);
  });

  it('a location is active from its start day up to and including its end day', () => {
    const period = { activeFrom: '2025-08-01', activeTo: '2026-07-31' };
    expect(isActiveOn(period, '2025-07-31')).toBe(false);
    expect(isActiveOn(period, '2025-08-01')).toBe(true);
    expect(isActiveOn(period, '2026-07-31')).toBe(true);
    expect(isActiveOn(period, '2026-08-01')).toBe(false);
    expect(isActiveOn({ activeFrom: null, activeTo: null }, '1990-01-01')).toBe(true);
  });
});
