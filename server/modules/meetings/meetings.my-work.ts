import { and, eq, sql } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { hasGrant } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { itemsOf, pathWith } from '../my-work/my-work.source.ts';
import {
  meetingAttentionCondition,
  overviewSchoolsCondition,
  schoolMeetingAttentionCondition,
} from './meetings.attention.ts';
import { dateInSchoolYear } from './meetings.rules.ts';
import { meetings } from './meetings.schema.ts';
import { settingsOf } from './meetings.service.ts';

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
  return [
    ...(await schoolsToPlan(context, schoolYear)),
    ...itemsOf(
      row
        ? [
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
          ]
        : [],
    ),
  ];
}

/**
 * The schools of the actor's overview that still have to plan this year's annual talk (R11) or SOT
 * meetings (R12), counted with the overview's own filter; a warning once the staff office's date passed.
 */
async function schoolsToPlan(context: UseCaseContext, schoolYear: number): Promise<MyWorkItem[]> {
  if (!hasGrant(context.actor, 'meetings.overview')) return [];
  const [row] = await queryRows<{ talk: number | string; sot: number | string }>(
    context.db,
    sql`select count(*) filter (where ${schoolMeetingAttentionCondition('annual_talk_to_plan', schoolYear)}) as talk,
        count(*) filter (where ${schoolMeetingAttentionCondition('sot_to_plan', schoolYear)}) as sot
      from locations l
      where ${overviewSchoolsCondition(schoolYear)}
        and ${context.scope('meetings.overview', { locationId: sql`l.id` })}`,
  );
  if (!row) return [];
  const settings = await settingsOf(context.db);
  const today = context.clock.today();
  const passed = (monthDay: string, inclusive: boolean) => {
    const date = dateInSchoolYear(schoolYear, monthDay);
    return inclusive ? today >= date : today > date;
  };
  return itemsOf([
    {
      kind: 'meetings_annual_talk_to_plan',
      count: row.talk,
      to: pathWith('/overleg/overzicht', { schooljaar: schoolYear, aandacht: 'annual_talk_to_plan' }),
      // The same moments as the overview's "late" and "too few" (annualTalkState, sotWarning).
      severity: passed(settings.annualTalkPlannedBy, false) ? 'warning' : 'info',
    },
    {
      kind: 'meetings_sot_to_plan',
      count: row.sot,
      to: pathWith('/overleg/overzicht', { schooljaar: schoolYear, aandacht: 'sot_to_plan' }),
      severity: passed(settings.sotMinimumBy, true) ? 'warning' : 'info',
    },
  ]);
}
