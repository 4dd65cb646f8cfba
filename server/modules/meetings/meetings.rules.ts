import type { MeetingKind, ParticipantRole } from '../../../contracts/meetings.ts';
import { internalCoordinatorRole } from '../../../contracts/roles.ts';
import { amsterdamDateOf, schoolYearOf } from '../../../contracts/school-year.ts';

export type MeetingProblem = { path: string; code: string };

/** An SOT meets two to four times a school year (R12). */
export const sotMinimum = 2;
export const sotMaximum = 4;

export type MeetingFacts = {
  kind: MeetingKind;
  status: 'planned' | 'held' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  participants: Array<{ userId: string | null; role: ParticipantRole }>;
  /** The school's contact person on the meeting's day (R5), if it has one. */
  contactUserId: string | null;
  /** The school's other SOT meetings of the same school year that are not cancelled. */
  otherSotMeetings: number;
  overrideReason: string | null;
};

/**
 * What is wrong with a meeting: it must end after it starts; an annual talk is between the contact
 * person and the IB (R11); a fifth SOT in a school year needs an explicit reason (R12).
 */
export function findMeetingProblems(facts: MeetingFacts): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  if (facts.endsAt.getTime() <= facts.startsAt.getTime())
    problems.push({ path: 'endTime', code: 'meeting_ends_before_start' });
  if (facts.kind === 'annual_talk') {
    const hasContact = facts.participants.some(
      (participant) =>
        participant.role === 'contact_person' &&
        (facts.contactUserId === null || participant.userId === facts.contactUserId),
    );
    const hasIb = facts.participants.some((participant) => participant.role === internalCoordinatorRole);
    if (!hasContact || !hasIb)
      problems.push({ path: 'participants', code: 'annual_talk_needs_contact_and_ib' });
  }
  if (
    facts.kind === 'sot' &&
    facts.status !== 'cancelled' &&
    facts.otherSotMeetings >= sotMaximum &&
    !facts.overrideReason
  )
    problems.push({ path: 'overrideReason', code: 'fifth_sot_needs_reason' });
  return problems;
}

/** The team attends an interim meeting only when it matters for the support, and says why (R13). */
export function findDecisionProblems(
  decision: 'attend' | 'decline',
  reason: string | null,
): MeetingProblem[] {
  return decision === 'attend' && !reason?.trim() ? [{ path: 'reason', code: 'attend_reason_required' }] : [];
}

/** The school year a meeting belongs to: by its day in Amsterdam (31 July late at night is still the old year). */
export function schoolYearOfMeeting(startsAt: Date): number {
  return schoolYearOf(amsterdamDateOf(startsAt));
}

/** A month and day setting ("11-01") as the date it falls on in a school year (1 November 2026 for 2026). */
export function dateInSchoolYear(schoolYear: number, monthDay: string): string {
  const month = Number(monthDay.slice(0, 2));
  return `${month >= 8 ? schoolYear : schoolYear + 1}-${monthDay}`;
}

export type AnnualTalkState = 'held' | 'planned' | 'not_planned' | 'late';

/**
 * Where a school stands with its annual talk this year (R11): held, planned, or not planned — late
 * once the staff office's date (1 November by default) has passed without one.
 */
export function annualTalkState(
  talks: Array<{ status: 'planned' | 'held' | 'cancelled' }>,
  plannedBy: string,
  today: string,
): AnnualTalkState {
  if (talks.some((talk) => talk.status === 'held')) return 'held';
  if (talks.some((talk) => talk.status === 'planned')) return 'planned';
  return today > plannedBy ? 'late' : 'not_planned';
}

/** Too few SOT meetings planned once the staff office's date has come, or more than four (R12). */
export function sotWarning(planned: number, minimumBy: string, today: string): 'too_few' | 'too_many' | null {
  if (planned > sotMaximum) return 'too_many';
  if (planned < sotMinimum && today >= minimumBy) return 'too_few';
  return null;
}

/** Green on the staff office's overview: the talk held, and two to four SOT meetings planned. */
export function schoolIsOnTrack(talk: AnnualTalkState, sotPlanned: number): boolean {
  return talk === 'held' && sotPlanned >= sotMinimum && sotPlanned <= sotMaximum;
}
