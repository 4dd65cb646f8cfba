import { todayInAmsterdam } from '../../../contracts/school-year.ts';

/**
 * Where the domain gets "now" from. Services and rules never read the wall clock themselves: they get
 * the clock from the use-case context (jobs from theirs), so a test can set the date.
 */
export type Clock = {
  /** The current moment. */
  now(): Date;
  /** Today's date in Europe/Amsterdam (YYYY-MM-DD). */
  today(): string;
};

/** The wall clock: what a running Passend uses. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInAmsterdam(new Date()),
};

/** A clock a test moves: fixed at a moment (a date alone means noon in Amsterdam) until set again. */
export type SettableClock = Clock & {
  /** Fixes the clock at this moment or date; `null` lets it follow the wall clock again. */
  set(at: Date | string | null): void;
};

/** A clock that follows the wall clock until a test sets it. */
export function settableClock(at: Date | string | null = null): SettableClock {
  let fixed: Date | null = null;
  const clock: SettableClock = {
    now: () => (fixed ? new Date(fixed) : new Date()),
    today: () => todayInAmsterdam(clock.now()),
    set(value) {
      fixed = value === null ? null : momentOf(value);
    },
  };
  clock.set(at);
  return clock;
}

// Noon UTC is the same calendar day in Amsterdam in winter and in summer.
function momentOf(value: Date | string): Date {
  if (value instanceof Date) return new Date(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) throw new Error(`not a date: ${value}`);
  return moment;
}
