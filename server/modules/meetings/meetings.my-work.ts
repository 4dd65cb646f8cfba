import { and, eq, sql } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import { hasGrant } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { itemsOf, pathWith } from '../my-work/my-work.source.ts';
import { meetingAttentionCondition } from './meetings.attention.ts';
import { meetings } from './meetings.schema.ts';

/**
 * "Mijn werk" of the meetings module: meetings that are over but not recorded (for whoever records
 * them) and meetings with an own open action item due within a week, over the meetings the actor's
 * list shows, in one pass.
 */
export async function meetingsMyWork(context: UseCaseContext): Promise<MyWorkItem[]> {
  const { actor } = context;
  if (!hasGrant(actor, 'meetings.read')) return [];
  // The meeting list opens on a school year: the count is of the same year, and the link names it.
  const schoolYear = schoolYearOf(context.clock.today());
  const facts = { now: context.clock.now(), today: context.clock.today(), userId: actor.userId };
  const toRecord = hasGrant(actor, 'meetings.manage')
    ? sql<number>`(count(*) filter (where ${meetingAttentionCondition('to_record', facts)}))::int`
    : sql<number>`0`;
  const [row] = await context.db
    .select({
      toRecord,
      actionsDue: sql<number>`(count(*) filter (where ${meetingAttentionCondition('my_actions_due', facts)}))::int`,
    })
    .from(meetings)
    .where(
      and(
        context.scope('meetings.read', { locationId: meetings.locationId }),
        eq(meetings.schoolYear, schoolYear),
      ),
    );
  if (!row) return [];
  return itemsOf([
    {
      kind: 'meetings_to_record',
      count: row.toRecord,
      to: pathWith('/overleg', { schooljaar: schoolYear, aandacht: 'to_record' }),
    },
    {
      kind: 'action_items_due',
      count: row.actionsDue,
      to: pathWith('/overleg', { schooljaar: schoolYear, aandacht: 'my_actions_due' }),
      severity: 'warning',
    },
  ]);
}
