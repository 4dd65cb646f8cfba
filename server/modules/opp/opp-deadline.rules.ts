import { addDays } from '../../../contracts/school-year.ts';
import type { OppDeadlineState } from '../../../contracts/trajectories.ts';

/**
 * E13: the OPP is adopted within six weeks after extra support starts. The start is a date on the
 * trajectory (`support_started_on`); where nobody set it, the eligibility decision's date stands in
 * for it. Everything that speaks of the deadline — the trajectory page, "Mijn werk", the trajectory
 * list's filter and the figures — asks `oppAdoptionDeadlineOf`, or in SQL its twin
 * `oppAdoptionDeadlineSql` (trajectories.attention.ts), which a test holds equal to it on the same dates.
 */

/** Six weeks, in calendar days: the deadline is the start plus these days, that day included. */
export const oppAdoptionDays = 42;

/** A deadline this many days away or fewer (and not past) is shown as near. */
export const oppDeadlineWarningDays = 7;

/** How far ahead of today a planned start may be set: beyond that it is a plan, not a start. */
export const supportStartMaxDaysAhead = 42;

/** The dates the deadline depends on. */
export type SupportStartFacts = {
  /** The start of extra support as set on the trajectory, or null when nobody set it. */
  supportStartedOn: string | null;
  /** The eligibility decision's date (E2); null before the decision. */
  eligibilityDecidedOn: string | null;
};

/** The date extra support started (E13): the date set on the trajectory, or else the eligibility decision's. */
export function supportStartOf(facts: SupportStartFacts): string | null {
  return facts.supportStartedOn ?? facts.eligibilityDecidedOn;
}

/**
 * E13: the last day (YYYY-MM-DD, inclusive) the OPP may be adopted on — six weeks after extra support
 * started; null while there is no start. Calendar days in Amsterdam: a clock change or a school year's
 * turn in between changes nothing.
 */
export function oppAdoptionDeadlineOf(facts: SupportStartFacts): string | null {
  const start = supportStartOf(facts);
  return start ? addDays(start, oppAdoptionDays) : null;
}

/**
 * Where an OPP stands against its deadline on a day: `none` without a start, `adopted_in_time` or
 * `adopted_late` once the first version was adopted (on its Amsterdam date), else `open`, `near` (a week
 * or less to go, the deadline day included) or `overdue` (the deadline passed).
 */
export function oppDeadlineStateOf(
  deadline: string | null,
  facts: { today: string; firstAdoptedOn: string | null },
): OppDeadlineState {
  if (!deadline) return 'none';
  if (facts.firstAdoptedOn) return facts.firstAdoptedOn <= deadline ? 'adopted_in_time' : 'adopted_late';
  if (facts.today > deadline) return 'overdue';
  return facts.today >= addDays(deadline, -oppDeadlineWarningDays) ? 'near' : 'open';
}

/**
 * What is wrong with a start of extra support being set (on an eligible or active trajectory): not
 * before the signal, and not more than six weeks ahead of today (a start that far off is a plan).
 */
export function findSupportStartProblems(
  supportStartedOn: string | null,
  facts: { today: string; signalledOn: string },
): Array<{ path: string; code: string }> {
  if (supportStartedOn === null) return [];
  if (supportStartedOn < facts.signalledOn)
    return [{ path: 'supportStartedOn', code: 'support_start_before_signal' }];
  if (supportStartedOn > addDays(facts.today, supportStartMaxDaysAhead))
    return [{ path: 'supportStartedOn', code: 'support_start_too_far_ahead' }];
  return [];
}
