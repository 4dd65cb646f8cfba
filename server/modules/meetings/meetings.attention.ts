import { type SQL, sql } from 'drizzle-orm';
import type { MeetingAttention, SchoolMeetingAttention } from '../../../contracts/meetings.ts';
import { addDays } from '../../../contracts/school-year.ts';
import { sotMinimum } from './meetings.rules.ts';
import { meetingActionItems, meetings } from './meetings.schema.ts';

/** An open action item counts as due on "Mijn werk" from this many days before its due date. */
export const actionItemDueWithinDays = 7;

/**
 * The SQL of the meetings that wait for the reader (`MeetingAttention`): the meeting list's filter and
 * the count on "Mijn werk" are this one condition, so they always agree.
 */
export function meetingAttentionCondition(
  attention: MeetingAttention,
  facts: { now: Date; today: string; userId: string },
): SQL {
  switch (attention) {
    case 'to_record':
      // Over, still "planned": nobody recorded that it was held (or cancelled).
      return sql`(${meetings.status} = 'planned' and ${meetings.endsAt} < ${facts.now.toISOString()}::timestamptz)`;
    case 'my_actions_due':
      return sql`exists (select 1 from ${meetingActionItems} item where item.meeting_id = ${meetings.id}
        and item.owner_user_id = ${facts.userId}::uuid and item.status = 'open'
        and item.due_date <= ${addDays(facts.today, actionItemDueWithinDays)}::date)`;
  }
}

/**
 * The schools the meeting overview lists for a school year, over a location aliased `l`: primary
 * schools (bo, sbo, so) still active when the year begins.
 */
export function overviewSchoolsCondition(schoolYear: number): SQL {
  return sql`l.sector in ('bo', 'sbo', 'so') and (l.active_to is null or l.active_to >= ${`${schoolYear}-08-01`}::date)`;
}

/**
 * The SQL of the schools (a location aliased `l`) that still have meetings to plan in a school year:
 * no annual talk held or planned (R11), or fewer than two SOT meetings planned or held (R12). The
 * overview's filter and the count on "Mijn werk" are this one condition, so they always agree.
 */
export function schoolMeetingAttentionCondition(attention: SchoolMeetingAttention, schoolYear: number): SQL {
  switch (attention) {
    case 'annual_talk_to_plan':
      return sql`not exists (select 1 from ${meetings} talk where talk.location_id = l.id
        and talk.school_year = ${schoolYear} and talk.kind = 'annual_talk' and talk.status in ('planned', 'held'))`;
    case 'sot_to_plan':
      return sql`(select count(*) from ${meetings} sot where sot.location_id = l.id
        and sot.school_year = ${schoolYear} and sot.kind = 'sot' and sot.status <> 'cancelled') < ${sotMinimum}`;
  }
}
