import { and, eq, inArray, sql } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import { hasGrant } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { itemsOf, pathWith } from '../my-work/my-work.source.ts';
import { subjectRequests } from './subject-access.schema.ts';

/**
 * "Mijn werk" of the register of data-subject requests: requests received and not yet taken up, and
 * open requests past their deadline — the register's own filters (status, overdue).
 */
export async function subjectAccessMyWork(context: UseCaseContext): Promise<MyWorkItem[]> {
  if (!hasGrant(context.actor, 'subject_requests.read')) return [];
  const today = context.clock.today();
  const overdue = and(
    inArray(subjectRequests.status, ['received', 'in_progress']),
    sql`${subjectRequests.deadlineOn} < ${today}::date`,
  );
  const [row] = await context.db
    .select({
      received: sql<number>`(count(*) filter (where ${eq(subjectRequests.status, 'received')}))::int`,
      overdue: sql<number>`(count(*) filter (where ${overdue}))::int`,
    })
    .from(subjectRequests)
    .where(context.scope('subject_requests.read', { locationId: subjectRequests.locationId }));
  return itemsOf([
    {
      kind: 'subject_requests_overdue',
      count: row?.overdue,
      to: pathWith('/privacy/verzoeken', { termijn: 'true' }),
      severity: 'warning',
    },
    {
      kind: 'subject_requests_received',
      count: row?.received,
      to: pathWith('/privacy/verzoeken', { status: 'received' }),
    },
  ]);
}
