import { count, eq } from 'drizzle-orm';
import type { MyWorkItem } from '../../../contracts/my-work.ts';
import { hasGrant } from '../access/policies.ts';
import type { UseCaseContext } from '../kernel/kernel.ts';
import { outboxMails } from './mail.schema.ts';

/** "Mijn werk" of the outbox: mail that could not be delivered, as the outbox filters it. */
export async function outboxMyWork(context: UseCaseContext): Promise<MyWorkItem[]> {
  if (!hasGrant(context.actor, 'outbox.read')) return [];
  const [row] = await context.db
    .select({ failed: count() })
    .from(outboxMails)
    .where(eq(outboxMails.status, 'failed'));
  const failed = Number(row?.failed ?? 0);
  return failed > 0
    ? [{ kind: 'mail_failed', count: failed, to: '/beheer/postvak?status=failed', severity: 'warning' }]
    : [];
}
