import { sql } from 'drizzle-orm';
import type {
  ExpertisePointOverview,
  ExpertisePointOverviewQuery,
} from '../../../contracts/pupil-records.ts';
import { addDays, amsterdamInstant, schoolYearBounds, schoolYearOf } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { trajectoryColumns } from '../trajectories/trajectory-scope.ts';
import { isoWeekOf, last30DaysFrom } from './overview.rules.ts';
import { chooseLocation } from './pupil-records.locations.ts';

type OverviewRow = {
  id: string;
  first_name: string;
  last_name: string;
  pupil_class: string;
  visits: number | string;
  contacts: number | string;
  referrals: number | string;
  evaluation_due: boolean;
  total: number | string;
  total_visits: number | string;
  visited: number | string;
  due: number | string;
  total_contacts: number | string;
  total_referrals: number | string;
};

/**
 * The overview of one expertise point (issue 7, point 11): its active pupils with this week's visits,
 * contacts in the last 30 days, pending referrals and whether the OPP evaluation is due. One query for
 * the pupils and the location's totals; the read is audited with the pupils shown (P2).
 */
export async function expertisePointOverview(
  context: UseCaseContext,
  query: ExpertisePointOverviewQuery,
): Promise<ExpertisePointOverview> {
  const chosen = await chooseLocation(context, 'expertise_point.overview', query.locationId);
  const today = context.clock.today();
  const schoolYear = schoolYearOf(today);
  const week = isoWeekOf(today);
  const base = {
    ...chosen,
    schoolYear,
    weekStart: week.start,
    weekEnd: week.end,
    page: query.page,
    pageSize: query.pageSize,
  };
  const noTotals = {
    activePupils: 0,
    visitsThisWeek: 0,
    pupilsVisitedThisWeek: 0,
    evaluationsDue: 0,
    contactsLast30Days: 0,
    referralsPending: 0,
  };
  if (!chosen.locationId) return { ...base, totals: noTotals, pupils: [] };
  const { limit, offset } = pageWindow(query);
  // Pupils' names only of files the actor may read (P1): the same policy as the pupil's file itself.
  const readable = context.scope('trajectories.read', trajectoryColumns('trajectories.read'));
  const year = schoolYearBounds(schoolYear);
  const weekFrom = amsterdamInstant(week.start, '00:00').toISOString();
  const weekUntil = amsterdamInstant(addDays(week.end, 1), '00:00').toISOString();
  // The totals are window sums over all active pupils, taken before the page is cut.
  const rows = await queryRows<OverviewRow>(
    context.db,
    sql`with pupils as (
        select t.id, t.pupil_first_name as first_name, t.pupil_last_name as last_name, t.pupil_class,
          (select count(*) from attendance_visits v where v.trajectory_id = t.id
            and v.checked_in_at >= ${weekFrom}::timestamptz and v.checked_in_at < ${weekUntil}::timestamptz)::int as visits,
          (select count(*) from trajectory_contacts c where c.trajectory_id = t.id
            and c.contact_on between ${last30DaysFrom(today)}::date and ${today}::date)::int as contacts,
          (select count(*) from zat_referrals r where r.trajectory_id = t.id
            and r.outcome is null and r.parental_consent <> 'refused')::int as referrals,
          (exists (select 1 from opp_versions o where o.trajectory_id = t.id and o.status = 'adopted')
            and not exists (select 1 from opp_evaluations e where e.trajectory_id = t.id
              and e.evaluated_on between ${year.start}::date and ${year.end}::date)) as evaluation_due
        from trajectories t
        where t.location_id = ${chosen.locationId}::uuid and t.status = 'active'
          and t.id in (select trajectories.id from trajectories where ${readable})
      )
      select p.*,
        count(*) over () as total,
        sum(p.visits) over () as total_visits,
        count(*) filter (where p.visits > 0) over () as visited,
        count(*) filter (where p.evaluation_due) over () as due,
        sum(p.contacts) over () as total_contacts,
        sum(p.referrals) over () as total_referrals
      from pupils p
      order by p.pupil_class, p.last_name, p.first_name, p.id
      limit ${limit} offset ${offset}`,
  );
  const first = rows[0];
  const totals = first
    ? {
        activePupils: Number(first.total),
        visitsThisWeek: Number(first.total_visits),
        pupilsVisitedThisWeek: Number(first.visited),
        evaluationsDue: Number(first.due),
        contactsLast30Days: Number(first.total_contacts),
        referralsPending: Number(first.total_referrals),
      }
    : noTotals;
  // Which pupils were shown, not only how many (P2).
  await context.audit(
    'expertise_point.overview_read',
    { type: 'location', id: chosen.locationId },
    { pupils: rows.length, ...totals, trajectoryIds: rows.map((row) => row.id) },
  );
  return {
    ...base,
    totals,
    pupils: rows.map((row) => ({
      trajectoryId: row.id,
      name: `${row.first_name} ${row.last_name}`,
      pupilClass: row.pupil_class,
      visitsThisWeek: Number(row.visits),
      contactsLast30Days: Number(row.contacts),
      pendingReferrals: Number(row.referrals),
      evaluationDue: row.evaluation_due === true,
    })),
  };
}
