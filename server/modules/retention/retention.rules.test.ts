import { describe, expect, it } from 'vitest';
import { retentionKinds, retentionRules, standardSchedule } from '../../../contracts/retention.ts';
import {
  addMonths,
  amountOf,
  deletionDay,
  lastDueStartDay,
  scheduleInputErrors,
  scheduleOf,
} from './retention.rules.ts';

describe('the retention schedule (P4)', () => {
  it('counts calendar months, a missing day becoming the month end', () => {
    expect(addMonths('2024-03-15', 24)).toBe('2026-03-15');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2026-12-07', -60)).toBe('2021-12-07');
  });

  it('P4: a file closed on a day goes on that day two years later, not a day before', () => {
    const closedOn = '2024-12-07';
    expect(deletionDay(closedOn, 'request_file', 24)).toBe('2026-12-07');
    expect(lastDueStartDay('2026-12-07', 'request_file', 24)).toBe(closedOn);
    expect(lastDueStartDay('2026-12-06', 'request_file', 24) < closedOn).toBe(true);
  });

  it('counts mail and links in days', () => {
    expect(lastDueStartDay('2026-12-07', 'mail_and_link', 30)).toBe('2026-11-07');
    expect(deletionDay('2026-11-07', 'mail_and_link', 30)).toBe('2026-12-07');
  });

  it('gives every kind its standard unless the partnership chose otherwise', () => {
    const schedule = scheduleOf([{ kind: 'trajectory', amount: 36 }]);
    expect(schedule.periods.map((period) => period.kind)).toEqual([...retentionKinds]);
    expect(amountOf(schedule, 'trajectory')).toBe(36);
    expect(amountOf(schedule, 'request_file')).toBe(24);
    expect(amountOf(schedule, 'draft')).toBe(6);
    expect(amountOf(schedule, 'audit_event')).toBe(60);
    expect(amountOf(schedule, 'mail_and_link')).toBe(30);
    expect(scheduleOf([])).toEqual(standardSchedule());
  });

  it('keeps every standard within its own bounds, and audit events at least five years', () => {
    for (const kind of retentionKinds) {
      const rule = retentionRules[kind];
      expect(rule.min).toBeLessThanOrEqual(rule.standard);
      expect(rule.standard).toBeLessThanOrEqual(rule.max);
    }
    expect(retentionRules.audit_event.min).toBe(60);
  });

  it('refuses a period outside its bounds, at the field, and a kind named twice', () => {
    expect(scheduleInputErrors({ periods: [{ kind: 'request_file', amount: 24 }] })).toEqual({});
    expect(
      scheduleInputErrors({
        periods: [
          { kind: 'request_file', amount: 11 },
          { kind: 'audit_event', amount: 59 },
          { kind: 'draft', amount: 13 },
          { kind: 'draft', amount: 6 },
        ],
      }),
    ).toEqual({
      'periods.0.amount': 'retention_below_minimum',
      'periods.1.amount': 'retention_below_minimum',
      'periods.2.amount': 'retention_above_maximum',
      'periods.3.kind': 'retention_kind_twice',
    });
  });
});
