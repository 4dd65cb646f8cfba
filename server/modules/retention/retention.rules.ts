import {
  type RetentionKind,
  type RetentionSchedule,
  type RetentionScheduleInput,
  retentionKinds,
  retentionRules,
} from '../../../contracts/retention.ts';
import { addDays } from '../../../contracts/school-year.ts';

/** The preview looks this many days ahead (P4). */
export const previewHorizonDays = 30;

/** What one batch of the retention job deletes at most, in one transaction (P4). */
export const retentionBatchSize = 200;

/**
 * The date a number of calendar months after (or, negative, before) a date. A day the target month
 * lacks becomes its last day: six months after 31 August is 28 (or 29) February.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** A period of the schedule after (or, negative, before) a date. */
export function shiftByPeriod(isoDate: string, kind: RetentionKind, amount: number): string {
  return retentionRules[kind].unit === 'months' ? addMonths(isoDate, amount) : addDays(isoDate, amount);
}

/** The day data of this kind is deleted: the first run on or after its start day plus the period. */
export function deletionDay(startDay: string, kind: RetentionKind, amount: number): string {
  return shiftByPeriod(startDay, kind, amount);
}

/**
 * The last start day whose data is due on `today`: data that started on or before it has had its
 * whole period. Data is due when deletionDay(start) <= today, i.e. start <= today − period (for a
 * month-end start this is the clamped day, so 31 August counts as 28 February's period too).
 */
export function lastDueStartDay(today: string, kind: RetentionKind, amount: number): string {
  return shiftByPeriod(today, kind, -amount);
}

/** The partnership's schedule: every kind, its chosen amount where there is one, else the standard. */
export function scheduleOf(
  chosen: ReadonlyArray<{ kind: RetentionKind; amount: number }>,
): RetentionSchedule {
  const amounts = new Map(chosen.map((row) => [row.kind, row.amount]));
  return {
    periods: retentionKinds.map((kind) => {
      const rule = retentionRules[kind];
      return { kind, amount: amounts.get(kind) ?? rule.standard, ...rule };
    }),
  };
}

/** The amount a schedule gives a kind. */
export function amountOf(schedule: RetentionSchedule, kind: RetentionKind): number {
  const period = schedule.periods.find((entry) => entry.kind === kind);
  if (!period) throw new Error(`no retention period for ${kind}`);
  return period.amount;
}

/**
 * A change of the schedule, checked: each amount within its kind's bounds, each kind once. Returns
 * field errors keyed `periods.<index>.amount` (the form shows them at the field).
 */
export function scheduleInputErrors(input: RetentionScheduleInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<RetentionKind>();
  input.periods.forEach((period, index) => {
    const rule = retentionRules[period.kind];
    if (seen.has(period.kind)) errors[`periods.${index}.kind`] = 'retention_kind_twice';
    seen.add(period.kind);
    if (period.amount < rule.min) errors[`periods.${index}.amount`] = 'retention_below_minimum';
    else if (period.amount > rule.max) errors[`periods.${index}.amount`] = 'retention_above_maximum';
  });
  return errors;
}
