import { and, count, eq } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import { hasGrant } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { itemsOf, pathWith } from '../my-work/my-work.source.ts';
import { trajectories } from './trajectories.schema.ts';
import { trajectoryColumns } from './trajectory-scope.ts';

/**
 * "Mijn werk" of the trajectories module: signals that wait for a decision (care coordinator, team
 * leader) or, for a mentor, for the intake — the signalled trajectories the actor's list shows.
 */
export async function trajectoriesMyWork(context: UseCaseContext): Promise<MyWorkItem[]> {
  const { actor } = context;
  if (!hasGrant(actor, 'trajectories.read')) return [];
  const decides = hasGrant(actor, 'trajectories.decide');
  if (!decides && !hasGrant(actor, 'trajectories.intake')) return [];
  const [row] = await context.db
    .select({ signalled: count() })
    .from(trajectories)
    .where(
      and(
        context.scope('trajectories.read', trajectoryColumns('trajectories.read')),
        eq(trajectories.status, 'signalled'),
      ),
    );
  return itemsOf([
    {
      kind: decides ? 'signals_to_decide' : 'signals_to_discuss',
      count: row?.signalled,
      to: pathWith('/trajecten', { status: 'signalled' }),
    },
  ]);
}
