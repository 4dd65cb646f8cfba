import { sql } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import { hasGrant } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { itemsOf, pathWith } from '../my-work/my-work.source.ts';
import { trajectoryAttentionCondition } from '../trajectories/trajectories.attention.ts';
import { trajectories } from '../trajectories/trajectories.schema.ts';
import { trajectoryColumns } from '../trajectories/trajectory-scope.ts';

/**
 * "Mijn werk" of the OPP module: OPPs to adopt, those of them past their six weeks (E13, a warning of
 * their own) and evaluations due, over the trajectories the actor's list shows, in one pass.
 */
export async function oppMyWork(context: UseCaseContext): Promise<MyWorkItem[]> {
  const { actor } = context;
  if (!hasGrant(actor, 'opp.manage') || !hasGrant(actor, 'trajectories.read')) return [];
  const today = context.clock.today();
  const [row] = await context.db
    .select({
      toAdopt: sql<number>`(count(*) filter (where ${trajectoryAttentionCondition('opp_to_adopt', today)}))::int`,
      adoptionOverdue: sql<number>`(count(*) filter (where ${trajectoryAttentionCondition('opp_adoption_overdue', today)}))::int`,
      evaluationsDue: sql<number>`(count(*) filter (where ${trajectoryAttentionCondition('opp_evaluation_due', today)}))::int`,
    })
    .from(trajectories)
    .where(context.scope('trajectories.read', trajectoryColumns('trajectories.read')));
  if (!row) return [];
  return itemsOf([
    {
      kind: 'opp_to_adopt',
      count: row.toAdopt,
      to: pathWith('/trajecten', { aandacht: 'opp_to_adopt' }),
      severity: 'info',
    },
    {
      kind: 'opp_adoption_overdue',
      count: row.adoptionOverdue,
      to: pathWith('/trajecten', { aandacht: 'opp_adoption_overdue' }),
      severity: 'warning',
    },
    {
      kind: 'opp_evaluations_due',
      count: row.evaluationsDue,
      to: pathWith('/trajecten', { aandacht: 'opp_evaluation_due' }),
      severity: 'warning',
    },
  ]);
}
