import { describe, expect, it } from 'vitest';
import { containsBsn } from '../../../contracts/pupils.ts';
import { enrolmentYearsToMove, mergeProblem, nameKey, parentsToMove } from './pupils.rules.ts';

describe('pupil register rules (Y1)', () => {
  it('Y1: a number that passes the BSN eleven test is recognised, also with separators', () => {
    expect(containsBsn('111222333')).toBe(true);
    expect(containsBsn('Sem 1112.22.333')).toBe(true);
    expect(containsBsn('bsn 111 222 333')).toBe(true);
    expect(containsBsn('123456789')).toBe(false);
    expect(containsBsn('groep 6')).toBe(false);
    expect(containsBsn('06 12345678')).toBe(false);
    expect(containsBsn('000000000')).toBe(false);
  });

  it('Y1: names compare without case or extra spaces, as the database compares them', () => {
    expect(nameKey('  Jip   MULDER ')).toBe('jip mulder');
  });

  it('Y1: a pupil is merged neither into itself nor across schools', () => {
    const a = { id: 'a', locationId: 'school-1' };
    expect(mergeProblem(a, a)).toBe('pupil_merge_same');
    expect(mergeProblem(a, { id: 'b', locationId: 'school-2' })).toBe('pupil_merge_other_school');
    expect(mergeProblem(a, { id: 'b', locationId: 'school-1' })).toBeNull();
  });

  it("Y1: a merge keeps the pupil's own school years and adds the duplicate's others", () => {
    expect(enrolmentYearsToMove([2025, 2026], [2024, 2026])).toEqual([2024]);
  });

  it('Y1: a merge adds the parents the pupil does not name yet', () => {
    const moving = parentsToMove(
      [{ name: 'Anouk Visser' }],
      [{ name: ' anouk visser' }, { name: 'Rob Visser' }],
    );
    expect(moving).toEqual([{ name: 'Rob Visser' }]);
  });
});
