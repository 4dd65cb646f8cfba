import { describe, expect, it } from 'vitest';
import {
  canPlanExpectations,
  checkInMoment,
  checkInRefusal,
  checkOutMoment,
  findExpectationProblems,
  isoWeekdayOf,
  isoWeekOf,
  minutesOfVisit,
  mondayOfIsoWeek,
  periodOf,
  schoolDaysOfWeek,
} from './attendance.rules.ts';

const active = { status: 'active' as const, trajectoryLocationId: 'a', locationId: 'a', hasOpenVisit: false };
// Tuesday 6 October 2026, 10:00 in Amsterdam (summer time, UTC+2).
const now = new Date('2026-10-06T08:00:00Z');

describe('check-in (E3)', () => {
  it('E3: allows a check-in for a pupil with an active trajectory at this expertise point', () => {
    expect(checkInRefusal(active)).toBeNull();
  });

  it('E3: refuses a check-in without an active trajectory', () => {
    for (const status of ['signalled', 'not_eligible', 'eligible', 'ended'] as const)
      expect(checkInRefusal({ ...active, status })).toBe('attendance_not_active');
  });

  it('E3: refuses a check-in at another location than the trajectory’s', () => {
    expect(checkInRefusal({ ...active, locationId: 'b' })).toBe('attendance_other_location');
  });

  it('E7: a pupil is present at most once at a time', () => {
    expect(checkInRefusal({ ...active, hasOpenVisit: true })).toBe('attendance_already_present');
  });

  it('E7: checks in now, or at an explicit time earlier today for late registration', () => {
    expect(checkInMoment(now, null)).toEqual({ at: now, problem: null });
    expect(checkInMoment(now, '08:15').at?.toISOString()).toBe('2026-10-06T06:15:00.000Z');
    expect(checkInMoment(now, '10:00').at?.toISOString()).toBe(now.toISOString());
  });

  it('E7: refuses a check-in time in the future', () => {
    expect(checkInMoment(now, '10:01').problem).toEqual({ path: 'time', code: 'attendance_time_in_future' });
  });
});

describe('check-out (E7)', () => {
  const checkedInAt = new Date('2026-10-06T07:00:00Z'); // 09:00

  it('E7: checks out now or at an explicit time after the check-in', () => {
    expect(checkOutMoment(now, checkedInAt, null)).toEqual({ at: now, problem: null });
    expect(checkOutMoment(now, checkedInAt, '09:45').at?.toISOString()).toBe('2026-10-06T07:45:00.000Z');
    expect(checkOutMoment(now, checkedInAt, '09:00').at?.toISOString()).toBe(checkedInAt.toISOString());
  });

  it('E7: refuses a check-out before the check-in', () => {
    expect(checkOutMoment(now, checkedInAt, '08:59').problem).toEqual({
      path: 'time',
      code: 'attendance_out_before_in',
    });
  });

  it('E7: refuses a check-out time in the future', () => {
    expect(checkOutMoment(now, checkedInAt, '11:00').problem?.code).toBe('attendance_time_in_future');
  });

  it('E7: a stay left open on an earlier day ends on that day, at a time given explicitly', () => {
    const yesterday = new Date('2026-10-05T12:00:00Z'); // 14:00 on Monday
    expect(checkOutMoment(now, yesterday, null).problem?.code).toBe('attendance_time_required');
    expect(checkOutMoment(now, yesterday, '15:30').at?.toISOString()).toBe('2026-10-05T13:30:00.000Z');
  });

  it('E7: the day is Amsterdam’s, also just after midnight in winter time', () => {
    const lateIn = new Date('2026-12-01T22:30:00Z'); // 23:30 on 1 December
    const justAfterMidnight = new Date('2026-12-01T23:10:00Z'); // 00:10 on 2 December
    expect(checkOutMoment(justAfterMidnight, lateIn, null).problem?.code).toBe('attendance_time_required');
  });
});

describe('minutes of a stay', () => {
  it('E7: counts whole minutes; an open stay counts until now on its own day only', () => {
    const checkedInAt = new Date('2026-10-06T07:00:00Z');
    expect(minutesOfVisit(checkedInAt, new Date('2026-10-06T07:50:40Z'), now)).toBe(50);
    expect(minutesOfVisit(checkedInAt, null, now)).toBe(60);
    expect(minutesOfVisit(new Date('2026-10-05T07:00:00Z'), null, now)).toBeNull();
  });
});

describe('expected times (E3)', () => {
  const time = (weekday: number, startTime: string, endTime: string) => ({
    weekday,
    startTime,
    endTime,
    reason: 'planned' as const,
  });

  it('E3: accepts a weekly schedule of separate times', () => {
    expect(
      findExpectationProblems([
        time(1, '08:30', '10:00'),
        time(1, '10:00', '11:00'),
        time(3, '08:30', '10:00'),
      ]),
    ).toEqual([]);
  });

  it('E3: refuses a time that ends before it starts', () => {
    expect(findExpectationProblems([time(2, '10:00', '10:00')])).toEqual([
      { path: 'expectations.0.endTime', code: 'attendance_end_before_start' },
    ]);
  });

  it('E3: refuses two overlapping times on the same weekday', () => {
    expect(findExpectationProblems([time(2, '08:30', '10:00'), time(2, '09:30', '11:00')])).toEqual([
      { path: 'expectations.1.startTime', code: 'attendance_overlap' },
    ]);
  });

  it('E3: expected times are planned for an eligible or active pupil only', () => {
    expect(canPlanExpectations('active')).toBe(true);
    expect(canPlanExpectations('eligible')).toBe(true);
    expect(canPlanExpectations('ended')).toBe(false);
    expect(canPlanExpectations('signalled')).toBe(false);
  });
});

describe('weeks and periods', () => {
  it('E7: ISO weeks and weekdays, across a year boundary', () => {
    expect(isoWeekdayOf('2026-10-05')).toBe(1);
    expect(isoWeekdayOf('2026-10-11')).toBe(7);
    expect(isoWeekOf('2026-10-06')).toBe('2026-W41');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(mondayOfIsoWeek('2026-W01')).toBe('2025-12-29');
    expect(mondayOfIsoWeek('2026-W41')).toBe('2026-10-05');
    expect(schoolDaysOfWeek('2026-W41')).toEqual([
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
    ]);
  });

  it('E7: a period defaults to the last four weeks and runs forward, at most a year', () => {
    expect(periodOf('2026-10-06', undefined, undefined)).toEqual({
      from: '2026-09-09',
      to: '2026-10-06',
      problem: null,
    });
    expect(periodOf('2026-10-06', '2026-10-07', '2026-10-06').problem?.code).toBe('attendance_period_order');
    expect(periodOf('2026-10-06', '2025-01-01', '2026-10-06').problem?.code).toBe(
      'attendance_period_too_long',
    );
  });
});
