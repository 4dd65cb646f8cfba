import { and, count, eq } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import { hasGrant } from '../../platform/access/policies.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { itemsOf, pathWith } from '../my-work/my-work.source.ts';

/** "Mijn werk" of the users module: invitations not yet accepted, as the user list filters them. */
export async function usersMyWork(context: UseCaseContext): Promise<MyWorkItem[]> {
  if (!hasGrant(context.actor, 'users.invite')) return [];
  const [row] = await context.db
    .select({ invited: count() })
    .from(users)
    .where(and(context.scope('users.read', { userId: users.id }), eq(users.status, 'invited')));
  return itemsOf([
    {
      kind: 'invitations_open',
      count: row?.invited,
      to: pathWith('/beheer/gebruikers', { status: 'invited' }),
    },
  ]);
}
