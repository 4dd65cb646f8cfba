import { describe, expect, it } from 'vitest';
import { amsterdamDateOf } from '../../../contracts/school-year.ts';
import {
  findSupportStartProblems,
  oppAdoptionDeadlineOf,
  oppDeadlineStateOf,
  supportStartOf,
} from './opp-deadline.rules.ts';

const decided = (eligibilityDecidedOn: string | null, supportStartedOn: string | null = null) => ({
  eligibilityDecidedOn,
  supportStartedOn,
});

describe('the OPP within six weeks after extra support starts (E13)', () => {
  it('E13: the deadline is six weeks (42 days) after the start, that day included', () => {
    expect(oppAdoptionDeadlineOf(decided('2026-09-14'))).toBe('2026-10-26');
  });

  it('E13: the start set on the trajectory counts, not the eligibility decision', () => {
    expect(supportStartOf(decided('2026-09-14', '2026-10-01'))).toBe('2026-10-01');
    expect(oppAdoptionDeadlineOf(decided('2026-09-14', '2026-10-01'))).toBe('2026-11-12');
  });

  it("E13: without a start of its own the decision's date stands in; before the decision there is none", () => {
    expect(supportStartOf(decided('2026-09-14'))).toBe('2026-09-14');
    expect(oppAdoptionDeadlineOf(decided(null))).toBeNull();
  });

  it('E13: a start on the school-year boundary runs on into the new year', () => {
    expect(oppAdoptionDeadlineOf(decided(null, '2026-07-31'))).toBe('2026-09-11');
    expect(oppAdoptionDeadlineOf(decided(null, '2026-08-01'))).toBe('2026-09-12');
    // Through the summer holiday as well: six weeks are calendar days.
    expect(oppAdoptionDeadlineOf(decided(null, '2026-07-01'))).toBe('2026-08-12');
  });

  it('E13: a clock change in between moves the deadline by no day (DST end and start)', () => {
    // Summer time ends on 25 October 2026 and starts on 28 March 2027 in Amsterdam.
    expect(oppAdoptionDeadlineOf(decided(null, '2026-10-01'))).toBe('2026-11-12');
    expect(oppAdoptionDeadlineOf(decided(null, '2027-03-01'))).toBe('2027-04-12');
    expect(oppAdoptionDeadlineOf(decided(null, '2027-03-28'))).toBe('2027-05-09');
    // A day that starts just after midnight Amsterdam time on the clock-change night is that day.
    const today = amsterdamDateOf(new Date('2026-10-24T22:30:00Z'));
    expect(today).toBe('2026-10-25');
    expect(oppDeadlineStateOf('2026-10-25', { today, firstAdoptedOn: null })).toBe('near');
  });

  it('E13: open, near from a week before, overdue the day after the deadline', () => {
    const deadline = '2026-11-12';
    const on = (today: string) => oppDeadlineStateOf(deadline, { today, firstAdoptedOn: null });
    expect(on('2026-11-04')).toBe('open');
    expect(on('2026-11-05')).toBe('near');
    expect(on('2026-11-12')).toBe('near');
    expect(on('2026-11-13')).toBe('overdue');
    expect(oppDeadlineStateOf(null, { today: '2026-11-13', firstAdoptedOn: null })).toBe('none');
  });

  it('E13: an adopted OPP is in time on the deadline day itself, late the day after', () => {
    const deadline = '2026-11-12';
    expect(oppDeadlineStateOf(deadline, { today: '2027-01-10', firstAdoptedOn: '2026-11-12' })).toBe(
      'adopted_in_time',
    );
    expect(oppDeadlineStateOf(deadline, { today: '2027-01-10', firstAdoptedOn: '2026-11-13' })).toBe(
      'adopted_late',
    );
  });

  it('E13: a start is not before the signal nor over six weeks ahead of today', () => {
    const facts = { today: '2026-11-10', signalledOn: '2026-09-01' };
    expect(findSupportStartProblems('2026-09-01', facts)).toEqual([]);
    expect(findSupportStartProblems(null, facts)).toEqual([]);
    expect(findSupportStartProblems('2026-12-22', facts)).toEqual([]);
    expect(findSupportStartProblems('2026-08-31', facts)).toEqual([
      { path: 'supportStartedOn', code: 'support_start_before_signal' },
    ]);
    expect(findSupportStartProblems('2026-12-23', facts)).toEqual([
      { path: 'supportStartedOn', code: 'support_start_too_far_ahead' },
    ]);
  });
});
