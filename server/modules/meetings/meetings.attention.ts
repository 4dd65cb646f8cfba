import { type SQL, sql } from 'drizzle-orm';
import type { MeetingAttention } from '../../../contracts/meetings.ts';
import { addDays } from '../../../contracts/school-year.ts';
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
