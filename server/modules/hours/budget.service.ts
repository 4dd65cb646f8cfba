import { sql } from 'drizzle-orm';
import type {
  BudgetOverview,
  BudgetOverviewQuery,
  MemberBudgetPage,
  SchoolBudget,
  SchoolBudgetLine,
  TimeActivity,
} from '../../../contracts/hours.ts';
import { coordinatorRole } from '../../../contracts/roles.ts';
import { schoolYearBounds, schoolYearOf } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { containsPattern, loadPage, pageWindow } from '../../platform/http/pagination.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { notify } from '../../platform/notifications/notifications.ts';
import { locationTarget } from '../schools/locations.service.ts';
import { locations } from '../schools/schools.schema.ts';
import { teamMembers } from '../team/team.schema.ts';
import { monthlyTrend, percentUsed, thresholdsReached, warningLevel } from './budget.rules.ts';

type Numeric = number | string;
type BudgetRow = { id: string; name: string; allocated: Numeric | null; used: Numeric };
type LocationRow = typeof locations.$inferSelect;

/**
 * A school's budget as a route's target: the location, for whoever reads budgets there (the staff
 * office every school, a team member their pair's, a school its own); to anyone else it does not exist.
 */
export const budgetTarget = defineTarget<LocationRow>({
  readAction: 'budgets.read',
  load: (transaction, id) => locationTarget.load(transaction, id, { lock: false }),
  scopeOf: (row) => ({ tenantId: row.tenantId, locationId: row.id }),
});

const primarySectors = sql`${locations.sector} in ('bo', 'sbo', 'so')`;

/** Allocated hours of the adopted allocation of a school year, per location (a derived table). */
function adoptedHours(schoolYear: number) {
  return sql`(select l.location_id, l.hours from allocation_lines l
    join allocations a on a.id = l.allocation_id
    where a.school_year = ${schoolYear} and a.status = 'adopted')`;
}

/** Hours used in a school year per location (a derived table). */
function usedHours(schoolYear: number) {
  const { start, end } = schoolYearBounds(schoolYear);
  return sql`(select location_id, sum(hours) as used from time_entries
    where entry_date between ${start}::date and ${end}::date group by location_id)`;
}

function lineOf(row: BudgetRow): SchoolBudgetLine {
  const allocated = row.allocated === null ? null : Number(row.allocated);
  const used = Number(row.used);
  return {
    locationId: row.id,
    name: row.name,
    allocated,
    used,
    remaining: allocated === null ? null : allocated - used,
    percentUsed: percentUsed(allocated, used),
    warning: warningLevel(allocated, used),
  };
}

/** The budget of one school in a school year: allocated by the adopted allocation, used, and the rest. */
async function budgetRowOf(
  context: UseCaseContext,
  locationId: string,
  schoolYear: number,
): Promise<BudgetRow | undefined> {
  const [row] = await queryRows<BudgetRow>(
    context.db,
    sql`select ${locations.id} as id, ${locations.name} as name, a.hours as allocated,
        coalesce(u.used, 0) as used
      from ${locations}
      left join ${adoptedHours(schoolYear)} a on a.location_id = ${locations.id}
      left join ${usedHours(schoolYear)} u on u.location_id = ${locations.id}
      where ${locations.id} = ${locationId}::uuid`,
  );
  return row;
}

/**
 * Budgets (issue 5): per school the hours allocated by the adopted allocation, used by time entries,
 * and remaining, for the schools the reader may see (the staff office all, a team member their
 * pair's, a school its own), with the 80 %/100 % warnings reached.
 */
export async function budgetOverview(
  context: UseCaseContext,
  query: BudgetOverviewQuery,
): Promise<BudgetOverview> {
  const { db } = context;
  const scope = context.scope('budgets.read', { locationId: locations.id });
  const search = query.q ? sql`and ${locations.name} ilike ${containsPattern(query.q)}` : sql``;
  // Schools with hours this year, or active in it.
  const where = sql`where ${primarySectors} and ${scope} ${search}
    and (a.hours is not null or u.used is not null or ${locations.activeTo} is null
      or ${locations.activeTo} >= ${schoolYearBounds(query.schoolYear).start}::date)`;
  const from = sql`from ${locations}
    left join ${adoptedHours(query.schoolYear)} a on a.location_id = ${locations.id}
    left join ${usedHours(query.schoolYear)} u on u.location_id = ${locations.id}`;
  // One pass over the year's entries gives the page, the count and the totals (window sums).
  const { limit, offset } = pageWindow(query);
  const rows = await queryRows<
    BudgetRow & { total: Numeric; total_allocated: Numeric | null; total_used: Numeric | null }
  >(
    db,
    sql`select id, name, allocated, used, count(*) over () as total,
        sum(allocated) over () as total_allocated, sum(used) over () as total_used
      from (select ${locations.id} as id, ${locations.name} as name, a.hours as allocated,
          coalesce(u.used, 0) as used ${from} ${where}) as budgets
      order by name, id limit ${limit} offset ${offset}`,
  );
  // Past the last page the window has no row to carry the totals: count them on their own.
  const [totals] =
    rows.length > 0
      ? rows
      : await queryRows<{ total: Numeric; total_allocated: Numeric | null; total_used: Numeric | null }>(
          db,
          sql`select count(*) as total, sum(a.hours) as total_allocated, sum(u.used) as total_used
            ${from} ${where}`,
        );
  const [adopted] = await queryRows<{ exists: boolean }>(
    db,
    sql`select exists (select 1 from allocations where school_year = ${query.schoolYear}
      and status = 'adopted') as exists`,
  );
  const warnings = await queryRows<{ id: string; name: string; threshold: number; reached_at: Date }>(
    db,
    sql`select ${locations.id} as id, ${locations.name} as name, w.threshold, w.reached_at
      from budget_warnings w join ${locations} on ${locations.id} = w.location_id
      where w.school_year = ${query.schoolYear} and ${scope} ${search}
      order by w.reached_at desc, w.threshold desc limit 50`,
  );
  const allocated = Number(totals?.total_allocated ?? 0);
  const used = Number(totals?.total_used ?? 0);
  return {
    page: query.page,
    pageSize: query.pageSize,
    total: Number(totals?.total ?? 0),
    items: rows.map(lineOf),
    schoolYear: query.schoolYear,
    hasAdoptedAllocation: adopted?.exists === true,
    totals: { allocated, used, remaining: allocated - used },
    warnings: warnings.map((row) => ({
      locationId: row.id,
      name: row.name,
      threshold: row.threshold === 100 ? 100 : 80,
      reachedAt: new Date(row.reached_at).toISOString(),
    })),
  };
}

/**
 * One school's budget: the trend through the year, the use per activity and its line of the
 * adopted allocation, so the school can see how its hours were arrived at.
 */
export async function schoolBudget(
  context: UseCaseContext,
  locationId: string,
  schoolYear: number,
): Promise<SchoolBudget> {
  const { db } = context;
  const location = await context.load(budgetTarget, locationId);
  const row = await budgetRowOf(context, location.id, schoolYear);
  if (!row) throw new NotFound();
  const { start, end } = schoolYearBounds(schoolYear);
  const months = await queryRows<{ month: string; used: Numeric }>(
    db,
    sql`select to_char(entry_date, 'YYYY-MM') as month, sum(hours) as used from time_entries
      where location_id = ${location.id}::uuid and entry_date between ${start}::date and ${end}::date
      group by 1`,
  );
  const activities = await queryRows<{ activity: TimeActivity; hours: Numeric }>(
    db,
    sql`select activity, sum(hours) as hours from time_entries
      where location_id = ${location.id}::uuid and entry_date between ${start}::date and ${end}::date
      group by activity order by sum(hours) desc, activity`,
  );
  return {
    ...lineOf(row),
    schoolYear,
    trend: monthlyTrend(
      schoolYear,
      new Map(months.map((month) => [month.month, Number(month.used)])),
      context.clock.today(),
    ),
    byActivity: activities.map((activity) => ({
      activity: activity.activity,
      hours: Number(activity.hours),
    })),
    allocation: await allocationLineOf(context, location.id, schoolYear),
  };
}

/** Booked against contracted hours: every team member for the staff office, oneself for a member. */
export async function memberBudgets(
  context: UseCaseContext,
  query: BudgetOverviewQuery,
): Promise<MemberBudgetPage> {
  const { db } = context;
  context.require('budgets.read_members', { userId: context.actor.userId });
  const { start, end } = schoolYearBounds(query.schoolYear);
  const scope = context.scope('budgets.read_members', { userId: teamMembers.userId });
  const search = query.q ? sql`and u.name ilike ${containsPattern(query.q)}` : sql``;
  const from = sql`from ${teamMembers} join users u on u.id = ${teamMembers.userId}
    where ${scope} ${search}`;
  const page = await loadPage(
    query,
    ({ limit, offset }) =>
      queryRows<{ id: string; name: string; contracted: Numeric | null; booked: Numeric | null }>(
        db,
        sql`select u.id, u.name,
            (select h.contracted_hours from team_member_hours h where h.user_id = u.id
              and h.school_year = ${query.schoolYear}) as contracted,
            (select sum(t.hours) from time_entries t where t.user_id = u.id
              and t.entry_date between ${start}::date and ${end}::date) as booked
          ${from} order by u.name, u.id limit ${limit} offset ${offset}`,
      ),
    () => queryRows(db, sql`select count(*)::int as total ${from}`),
  );
  return {
    ...page,
    schoolYear: query.schoolYear,
    items: page.items.map((row) => {
      const contracted = Number(row.contracted ?? 0);
      const booked = Number(row.booked ?? 0);
      return {
        userId: row.id,
        name: row.name,
        contracted,
        booked,
        percentBooked: percentUsed(contracted, booked),
      };
    }),
  };
}

/**
 * The 80 %/100 % warnings of schools' budgets (issue 5): kept with the mailer that sends them, and
 * run by whatever writes time entries.
 */
export class BudgetWarnings {
  constructor(private readonly deps: { mailer: Mailer; baseUrl: string }) {}

  /**
   * Called in the use case that wrote time entries: records each threshold a school newly reached
   * and mails the coordinators and the school's contact person once per threshold — a step Passend
   * takes by itself. The mail names the school and the share only: no person, no pupil.
   */
  async recordThresholds(
    context: UseCaseContext,
    touched: Array<{ locationId: string; date: string }>,
  ): Promise<void> {
    const keys = [...new Set(touched.map((entry) => `${entry.locationId}|${schoolYearOf(entry.date)}`))];
    for (const key of keys) {
      const [locationId = '', year = ''] = key.split('|');
      const schoolYear = Number(year);
      const row = await budgetRowOf(context, locationId, schoolYear);
      if (!row) continue;
      const reached = thresholdsReached(
        row.allocated === null ? null : Number(row.allocated),
        Number(row.used),
      );
      for (const threshold of reached) {
        const inserted = await queryRows<{ threshold: number }>(
          context.db,
          sql`insert into budget_warnings (tenant_id, location_id, school_year, threshold)
            values (${context.actor.tenantId}::uuid, ${locationId}::uuid, ${schoolYear}, ${threshold})
            on conflict do nothing returning threshold`,
        );
        if (inserted.length === 0) continue;
        await this.mailWarning(context, row, schoolYear, threshold);
        await context.auditAsSystem(
          'budgets.warning_sent',
          { type: 'location', id: locationId },
          { schoolYear, threshold },
        );
      }
    }
  }

  /**
   * Mails a warning to everyone with the coordinator role and to the school's contact person of
   * today. Who receives it is data (the staff office and the school's pair), not an access check.
   */
  private async mailWarning(
    context: UseCaseContext,
    school: BudgetRow,
    schoolYear: number,
    threshold: number,
  ): Promise<void> {
    const today = context.clock.today();
    const recipients = await queryRows<{ id: string; email: string; locale: 'nl' | 'en' }>(
      context.db,
      sql`select distinct u.id, u.email, u.locale from users u where u.status = 'active' and (
        exists (select 1 from role_assignments r where r.user_id = u.id and r.role = ${coordinatorRole})
        or exists (select 1 from school_team_assignments s where s.user_id = u.id
          and s.location_id = ${school.id}::uuid and s.is_contact and s.valid_from <= ${today}::date
          and (s.valid_to is null or s.valid_to > ${today}::date)))
      order by u.email`,
    );
    const params = {
      school: school.name,
      threshold,
      schoolYear: `${schoolYear}-${schoolYear + 1}`,
      link: `${this.deps.baseUrl}/budget/${school.id}?schooljaar=${schoolYear}`,
    };
    await notify(context.transaction, {
      tenantId: context.actor.tenantId,
      userIds: recipients.map((recipient) => recipient.id),
      kind: 'budget_threshold',
      link: `/budget/${school.id}?schooljaar=${schoolYear}`,
    });
    for (const recipient of recipients) {
      await this.deps.mailer.send(context.transaction, {
        to: recipient.email,
        subject: translate(recipient.locale, `mail.budget${threshold}Subject`, params),
        text: translate(recipient.locale, `mail.budget${threshold}Text`, params),
      });
    }
  }
}

/** The school's line of the adopted allocation, with what is needed to explain it in words. */
async function allocationLineOf(
  { db }: UseCaseContext,
  locationId: string,
  schoolYear: number,
): Promise<SchoolBudget['allocation']> {
  const [row] = await queryRows<{
    version: number;
    adopted_at: Date | null;
    total_hours: Numeric;
    pupil_weight_percent: number;
    reference_years: number;
    minimum_hours: Numeric;
    rounding_unit: Numeric;
    pupils: number;
    requests: number;
    pupil_share: Numeric;
    request_share: Numeric;
    raw_hours: Numeric;
    hours: Numeric;
    schools: Numeric;
    any_requests: boolean;
    last_year_hours: Numeric | null;
  }>(
    db,
    sql`select a.version, a.adopted_at, a.total_hours, a.pupil_weight_percent, a.reference_years,
        a.minimum_hours, a.rounding_unit, l.pupils, l.requests, l.pupil_share, l.request_share,
        l.raw_hours, l.hours,
        (select count(*) from allocation_lines o where o.allocation_id = a.id and o.pupils > 0) as schools,
        exists (select 1 from allocation_lines o where o.allocation_id = a.id and o.requests > 0) as any_requests,
        (select p.hours from allocation_lines p join allocations pa on pa.id = p.allocation_id
          where pa.school_year = ${schoolYear - 1} and pa.status = 'adopted'
            and p.location_id = ${locationId}::uuid) as last_year_hours
      from allocations a join allocation_lines l on l.allocation_id = a.id
      where a.school_year = ${schoolYear} and a.status = 'adopted' and l.location_id = ${locationId}::uuid`,
  );
  if (!row) return null;
  return {
    version: row.version,
    adoptedAt: row.adopted_at ? new Date(row.adopted_at).toISOString() : null,
    totalHours: Number(row.total_hours),
    schools: Number(row.schools),
    effectivePupilWeightPercent: row.any_requests ? row.pupil_weight_percent : 100,
    minimumHours: Number(row.minimum_hours),
    roundingUnit: Number(row.rounding_unit) === 0.5 ? 0.5 : 1,
    pupilCountYear: schoolYear - 1,
    referenceSchoolYears: Array.from(
      { length: row.reference_years },
      (_, index) => schoolYear - row.reference_years + index,
    ),
    line: {
      pupils: row.pupils,
      pupilShare: Number(row.pupil_share),
      requests: row.requests,
      requestShare: Number(row.request_share),
      rawHours: Number(row.raw_hours),
      hours: Number(row.hours),
      lastYearHours: row.last_year_hours === null ? null : Number(row.last_year_hours),
    },
  };
}
