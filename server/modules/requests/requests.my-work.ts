import { and, eq, sql } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import type { RequestAttention } from '../../../contracts/requests.ts';
import { hasGrant } from '../../platform/access/policies.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { itemsOf, pathWith } from '../my-work/my-work.source.ts';
import { requestAttentionCondition } from './requests.repository.ts';
import { supportRequests } from './requests.schema.ts';
import { requestListScope } from './requests.service.ts';

/**
 * "Mijn werk" of the requests module: requests to assign or to start, the school's drafts, what
 * waits for the school on consent and on informing parents, and the open requests a teacher is on (Y3) — counted in one pass over the requests
 * the actor's list shows (`requestListScope`), with the list's own filters in each link.
 */
export async function requestsMyWork(context: UseCaseContext): Promise<MyWorkItem[]> {
  const { actor } = context;
  if (!hasGrant(actor, 'requests.read')) return [];
  const now = context.clock.now();
  const when = (applies: boolean, condition: ReturnType<typeof sql>) =>
    applies ? sql<number>`(count(*) filter (where ${condition}))::int` : sql<number>`0`;
  const attention = (name: RequestAttention) => requestAttentionCondition(name, now);
  const mayManageConsent = hasGrant(actor, 'requests.manage_consent');
  const [row] = await context.db
    .select({
      toAssign: when(hasGrant(actor, 'requests.assign'), sql`${supportRequests.status} = 'ready'`),
      toStart: when(
        hasGrant(actor, 'requests.start'),
        sql`${and(eq(supportRequests.status, 'assigned'), eq(supportRequests.assignedUserId, actor.userId))}`,
      ),
      drafts: when(hasGrant(actor, 'requests.create'), sql`${supportRequests.status} = 'draft'`),
      consentWaiting: when(mayManageConsent, attention('consent_waiting')),
      consentExpired: when(mayManageConsent, attention('consent_expired')),
      consentRefused: when(mayManageConsent, attention('consent_refused')),
      parentsNotInformed: when(
        hasGrant(actor, 'requests.record_parents_informed'),
        attention('parents_not_informed'),
      ),
      // Y3: the open requests the actor is the teacher on (the list shows them, and only them, to a teacher).
      asTeacher: sql<number>`(count(*) filter (where ${supportRequests.teacherUserId} = ${actor.userId}::uuid
        and ${supportRequests.status} not in ('draft', 'closed', 'refused', 'withdrawn')))::int`,
    })
    .from(supportRequests)
    .where(requestListScope(context));
  if (!row) return [];
  const list = (query: Record<string, string>) => pathWith('/hulpvragen', query);
  return itemsOf([
    { kind: 'requests_to_assign', count: row.toAssign, to: list({ status: 'ready' }) },
    { kind: 'requests_to_start', count: row.toStart, to: list({ status: 'assigned', mijn: 'ja' }) },
    { kind: 'requests_drafts', count: row.drafts, to: list({ status: 'draft' }) },
    {
      kind: 'requests_consent_waiting',
      count: row.consentWaiting,
      to: list({ aandacht: 'consent_waiting' }),
      severity: 'warning',
    },
    {
      kind: 'requests_consent_expired',
      count: row.consentExpired,
      to: list({ aandacht: 'consent_expired' }),
      severity: 'warning',
    },
    {
      kind: 'requests_consent_refused',
      count: row.consentRefused,
      to: list({ aandacht: 'consent_refused' }),
      severity: 'warning',
    },
    {
      kind: 'requests_parents_informed',
      count: row.parentsNotInformed,
      to: list({ aandacht: 'parents_not_informed' }),
    },
    { kind: 'requests_as_teacher', count: row.asTeacher, to: list({}) },
  ]);
}
