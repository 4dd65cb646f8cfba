import { sql } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { hasGrant } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { itemsOf, pathWith } from '../my-work/my-work.source.ts';
import { locations } from '../schools/schools.schema.ts';

/**
 * "Mijn werk" of the hours module: the schools whose budget reached 100 % this school year, and those at
 * 80 % but not yet 100 % — the warnings the budget page of the year lists for the actor.
 */
export async function hoursMyWork(context: UseCaseContext): Promise<MyWorkItem[]> {
  if (!hasGrant(context.actor, 'budgets.read')) return [];
  const schoolYear = schoolYearOf(context.clock.today());
  const [row] = await queryRows<{ full: number | string; nearly: number | string }>(
    context.db,
    sql`select count(*) filter (where reached.top = 100) as full,
        count(*) filter (where reached.top = 80) as nearly
      from (select w.location_id, max(w.threshold) as top from budget_warnings w
        join ${locations} on ${locations.id} = w.location_id
        where w.school_year = ${schoolYear}
          and ${context.scope('budgets.read', { locationId: locations.id })}
        group by w.location_id) as reached`,
  );
  const to = pathWith('/budget', { schooljaar: schoolYear });
  return itemsOf([
    { kind: 'budgets_at_100', count: row?.full, to, severity: 'warning' },
    { kind: 'budgets_at_80', count: row?.nearly, to },
  ]);
}
