import { describe, expect, it } from 'vitest';
import { crisisSignalRefusal, isSamePupil } from './crisis.rules.ts';

describe('crisis care without a trajectory (E7)', () => {
  const pupil = { firstName: 'Daan', lastName: 'de Vries', className: '2B' };

  it('E7: the same pupil is the same name and class, whatever the case and surrounding spaces', () => {
    expect(isSamePupil({ firstName: ' daan', lastName: 'De Vries ', className: '2b' }, pupil)).toBe(true);
    expect(isSamePupil({ firstName: 'Daan', lastName: 'de Vries', className: '2C' }, pupil)).toBe(false);
    expect(isSamePupil({ firstName: 'Daan', lastName: 'Visser', className: '2B' }, pupil)).toBe(false);
    expect(isSamePupil({ firstName: null, lastName: null, className: null }, pupil)).toBe(false);
  });

  it('E7/E9: a crisis visit becomes a signal once, and not after its retention cleared the name', () => {
    expect(crisisSignalRefusal({ trajectoryId: null, pupilLastName: 'de Vries' })).toBeNull();
    expect(
      crisisSignalRefusal({ trajectoryId: '4a1d7b8e-2c3f-4d5e-9f60-718293a4b5c6', pupilLastName: null }),
    ).toBe('crisis_already_signalled');
    expect(crisisSignalRefusal({ trajectoryId: null, pupilLastName: null })).toBe('crisis_visit_anonymised');
  });
});
