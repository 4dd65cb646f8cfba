import { describe, expect, it } from 'vitest';
import { canHaveExpertisePoint, expertisePointWarningOf, offerOf } from './expertise-points.rules.ts';

describe('expertise point rules', () => {
  it('E1: only regular secondary locations (vo) have an expertise point', () => {
    expect(canHaveExpertisePoint('vo')).toBe(true);
    for (const sector of ['bo', 'sbo', 'so', 'vso'] as const)
      expect(canHaveExpertisePoint(sector)).toBe(false);
  });

  it('E1: no point is "missing", a point without VSO teacher is "unstaffed", a staffed point is fine', () => {
    expect(expertisePointWarningOf(false, 0)).toBe('missing');
    expect(expertisePointWarningOf(false, 2)).toBe('missing');
    expect(expertisePointWarningOf(true, 0)).toBe('unstaffed');
    expect(expertisePointWarningOf(true, 1)).toBeNull();
  });

  it('E4/E7/E8: the base offer and homework help always, homework structuring and support only where offered', () => {
    const base = offerOf(false);
    expect(base).toContain('quiet_place');
    expect(base).toContain('homework_help');
    expect(base).toContain('outside_help_with_zat');
    expect(base).not.toContain('homework_support');
    expect(base).not.toContain('homework_planning');
    expect(offerOf(true)).toEqual([...base, 'homework_planning', 'homework_support']);
  });
});
