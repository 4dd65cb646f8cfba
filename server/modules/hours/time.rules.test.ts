import { describe, expect, it } from 'vitest';
import { copyWeek, findTimeEntryProblems, type TimeEntryFacts } from './time.rules.ts';

const facts = (changes: Partial<TimeEntryFacts> = {}): TimeEntryFacts => ({
  date: '2026-11-20',
  hours: 2,
  today: '2026-11-23',
  otherHoursThatDay: 0,
  closedMonths: new Set(),
  servesSchool: true,
  requestIsTheirs: true,
  registersForAnyone: false,
  ...changes,
});
const codes = (changes: Partial<TimeEntryFacts>) =>
  findTimeEntryProblems(facts(changes)).map((problem) => problem.code);

describe('time registration rules (issue 5)', () => {
  it('accepts hours in steps of 0.25 and refuses other steps, zero and negatives', () => {
    expect(codes({ hours: 0.25 })).toEqual([]);
    expect(codes({ hours: 7.75 })).toEqual([]);
    expect(codes({ hours: 0.3 })).toEqual(['quarter_hours']);
    expect(codes({ hours: 0 })).toEqual(['quarter_hours']);
    expect(codes({ hours: -1 })).toEqual(['quarter_hours']);
  });

  it('refuses more than 24 hours on one day, counting what is already logged', () => {
    expect(codes({ hours: 24 })).toEqual([]);
    expect(codes({ hours: 24.25 })).toEqual(['more_than_a_day']);
    expect(findTimeEntryProblems(facts({ hours: 4, otherHoursThatDay: 22 }))).toEqual([
      { path: 'hours', code: 'more_than_a_day', params: { left: 2 } },
    ]);
  });

  it('refuses a future date and a date outside the current school year (31 July / 1 August)', () => {
    expect(codes({ date: '2026-11-24' })).toEqual(['date_in_future']);
    expect(codes({ date: '2026-07-31', today: '2026-08-01' })).toEqual(['outside_school_year']);
    expect(codes({ date: '2026-08-01', today: '2026-08-01' })).toEqual([]);
    expect(codes({ date: '2026-07-31', today: '2026-07-31' })).toEqual([]);
  });

  it('refuses a date in a month the staff office closed', () => {
    expect(codes({ date: '2026-10-31', closedMonths: new Set(['2026-10']) })).toEqual(['period_closed']);
    expect(codes({ date: '2026-11-01', closedMonths: new Set(['2026-10']) })).toEqual([]);
  });

  it('only on schools the person serves, unless the staff office logs it', () => {
    expect(codes({ servesSchool: false })).toEqual(['not_your_school']);
    expect(codes({ servesSchool: false, registersForAnyone: true })).toEqual([]);
  });

  it('finding 4: only on a request the person may log against, also when the staff office logs it', () => {
    expect(codes({ requestIsTheirs: false })).toEqual(['request_not_theirs']);
    expect(codes({ servesSchool: false, registersForAnyone: true, requestIsTheirs: false })).toEqual([
      'request_not_theirs',
    ]);
    // A school the person does not serve is the one problem to name first.
    expect(codes({ servesSchool: false, requestIsTheirs: false })).toEqual(['not_your_school']);
  });

  it('copying last week moves entries seven days and leaves out future, closed and other-year days', () => {
    const week = [{ date: '2026-11-09' }, { date: '2026-11-13' }, { date: '2026-11-17' }];
    expect(copyWeek(week, { today: '2026-11-23', closedMonths: new Set() })).toEqual([
      { date: '2026-11-16' },
      { date: '2026-11-20' },
    ]);
    expect(
      copyWeek([{ date: '2026-10-28' }], { today: '2026-11-23', closedMonths: new Set(['2026-11']) }),
    ).toEqual([]);
    expect(copyWeek([{ date: '2026-07-24' }], { today: '2026-08-05', closedMonths: new Set() })).toEqual([]);
    expect(copyWeek([{ date: '2026-07-27' }], { today: '2026-08-05', closedMonths: new Set() })).toEqual([
      { date: '2026-08-03' },
    ]);
  });
});
