import { describe, expect, it } from 'vitest';
import {
  isOutsideWorkingHours,
  isReadByNoLongerAssigned,
  rolesReadingWithoutAssignment,
  signalPeriodOf,
} from './privacy.rules.ts';

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

describe('reads by someone no longer assigned (issue 15, third signal)', () => {
  const reader = 'reader';
  const read = (overrides: Partial<Parameters<typeof isReadByNoLongerAssigned>[0]>) =>
    isReadByNoLongerAssigned({
      readerUserId: reader,
      at: '2026-11-02T10:00:00+01:00',
      on: '2026-11-02',
      pairPeriods: [],
      assignments: [],
      currentAssigneeUserId: null,
      ...overrides,
    });

  it('flags a former member of the school pair reading after the period ended, not during it', () => {
    const ended = [{ validFrom: '2025-08-01', validTo: '2026-11-01' }];
    expect(read({ pairPeriods: ended })).toBe(true);
    // The last day of a period is the day before valid_to (exclusive).
    expect(read({ pairPeriods: ended, on: '2026-10-31', at: '2026-10-31T10:00:00+01:00' })).toBe(false);
    expect(read({ pairPeriods: [{ validFrom: '2025-08-01', validTo: null }] })).toBe(false);
    // A new period at the same school covers the day again.
    expect(read({ pairPeriods: [...ended, { validFrom: '2026-11-02', validTo: null }] })).toBe(false);
  });

  it('does not flag someone who never had an assignment (the policy refuses them anyway), nor a future one', () => {
    expect(read({})).toBe(false);
    expect(read({ pairPeriods: [{ validFrom: '2026-12-01', validTo: null }] })).toBe(false);
  });

  it("flags a former assignee reading after the request was reassigned, and not the assignee's reads", () => {
    const assignments = [
      { at: '2026-10-01T09:00:00+02:00', assigneeUserId: reader },
      { at: '2026-10-20T09:00:00+02:00', assigneeUserId: 'successor' },
    ];
    expect(read({ assignments, currentAssigneeUserId: 'successor' })).toBe(true);
    expect(
      read({
        assignments,
        currentAssigneeUserId: 'successor',
        at: '2026-10-10T10:00:00+02:00',
        on: '2026-10-10',
      }),
    ).toBe(false);
    // Assigned back to the reader: no signal.
    expect(
      read({
        assignments: [...assignments, { at: '2026-11-01T09:00:00+01:00', assigneeUserId: reader }],
        currentAssigneeUserId: reader,
      }),
    ).toBe(false);
  });

  it('takes the current assignee as the assignee throughout when no assignment was recorded', () => {
    const ended = [{ validFrom: '2025-08-01', validTo: '2026-11-01' }];
    expect(read({ pairPeriods: ended, currentAssigneeUserId: reader })).toBe(false);
    expect(read({ pairPeriods: ended, currentAssigneeUserId: 'someone else' })).toBe(true);
  });

  it('leaves out the roles that read requests without an assignment, from their scopes', () => {
    expect(
      rolesReadingWithoutAssignment({
        coordinator: ['tenant'],
        team_member: ['assigned'],
        director: ['own_location'],
        mentor: ['self'],
        privacy_officer: [],
      }),
    ).toEqual(['coordinator', 'director']);
  });
});
