import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { addDays, schoolYearBounds, schoolYearOf } from '../../../contracts/school-year.ts';
import type { TrajectoryAttention } from '../../../contracts/trajectories.ts';
import { oppAdoptionDays } from '../opp/opp-deadline.rules.ts';
import { trajectories } from './trajectories.schema.ts';

/** An OPP's evaluation is due when the school year ends within this many days (as the reminders say). */
const evaluationDueWindowDays = 42;

/**
 * The SQL of what a pupil's file waits for (`TrajectoryAttention`): the trajectory list's filter and the
 * count on "Mijn werk" are this one condition, so they always agree. The evaluation rule is the one the
 * OPP reminders mail about.
 */
export function trajectoryAttentionCondition(attention: TrajectoryAttention, today: string): SQL {
  const hasAdopted = sql`exists (select 1 from opp_versions adopted
    where adopted.trajectory_id = ${trajectories.id} and adopted.status in ('adopted', 'superseded'))`;
  switch (attention) {
    case 'opp_to_adopt':
      return sql`(${trajectories.status} in ('eligible', 'active') and not ${hasAdopted})`;
    case 'opp_adoption_overdue':
      return oppAdoptionOverdueCondition(today);
    case 'opp_evaluation_due': {
      const { start, end } = schoolYearBounds(schoolYearOf(today));
      const yearEnding = today >= addDays(end, -evaluationDueWindowDays);
      return sql`(${trajectories.status} = 'active' and exists (select 1 from opp_versions current
          where current.trajectory_id = ${trajectories.id} and current.status = 'adopted'
            and (${yearEnding}::boolean or exists (select 1 from unnest(current.evaluation_dates) as planned(day)
              where planned.day >= ${start}::date and planned.day < ${today}::date)))
        and not exists (select 1 from opp_evaluations done where done.trajectory_id = ${trajectories.id}
          and done.evaluated_on between ${start}::date and ${end}::date))`;
    }
  }
}

/** Trajectories whose OPP is past the six weeks of E13 (its deadline before today) and still not adopted. */
export function oppAdoptionOverdueCondition(today: string): SQL {
  return sql`(${trajectoryAttentionCondition('opp_to_adopt', today)}
    and ${oppAdoptionDeadlineSql(trajectories)} < ${today}::date)`;
}

/**
 * E13 in SQL: `oppAdoptionDeadlineOf` (opp-deadline.rules.ts) over a trajectory's columns or their
 * names in a query — the same start (the date set, else the decision's) plus the same days. `date +
 * integer` counts calendar days as `addDays` does; opp-deadline.routes.test.ts holds the two equal.
 */
export function oppAdoptionDeadlineSql(columns: {
  supportStartedOn: SQL | AnyColumn;
  eligibilityDecidedOn: SQL | AnyColumn;
}): SQL {
  return sql`(coalesce(${columns.supportStartedOn}, ${columns.eligibilityDecidedOn}) + ${oppAdoptionDays}::int)`;
}
