import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type {
  NotificationKind,
  NotificationListQuery,
  NotificationPage,
} from '../../../contracts/notifications.ts';
import type { Transaction } from '../../db/client.ts';
import { NotFound } from '../http/errors.ts';
import { pageWindow } from '../http/pagination.ts';
import type { UseCaseContext } from '../kernel/kernel.ts';
import { notifications } from './notifications.schema.ts';

/** How long a notification is kept: the nightly retention removes older ones (read or not). */
export const notificationRetentionDays = 365;

/**
 * Leaves an in-app notification for each user, in the transaction of the change that mails them: a kind
 * (the web catalogue's key) and a link inside Passend, no personal data. Called beside `mailer.send`
 * wherever Passend mails a person with an account.
 */
export async function notify(
  transaction: Transaction,
  notice: { tenantId: string; userIds: ReadonlyArray<string | null>; kind: NotificationKind; link: string },
): Promise<void> {
  const userIds = [...new Set(notice.userIds.filter((id): id is string => !!id))];
  if (userIds.length === 0) return;
  await transaction.db
    .insert(notifications)
    .values(
      userIds.map((userId) => ({ tenantId: notice.tenantId, userId, kind: notice.kind, link: notice.link })),
    );
}

/** The signed-in user's own notifications, newest first, with the number unread. */
export async function listNotifications(
  context: UseCaseContext,
  query: NotificationListQuery,
): Promise<NotificationPage> {
  const own = eq(notifications.userId, context.actor.userId);
  const { limit, offset } = pageWindow({ ...query, q: undefined });
  const rows = await context.db
    .select()
    .from(notifications)
    .where(own)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .offset(offset);
  const [counts] = await context.db
    .select({
      total: count(),
      unread: sql<number>`(count(*) filter (where ${notifications.readAt} is null))::int`,
    })
    .from(notifications)
    .where(own);
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      link: row.link,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    })),
    page: query.page,
    pageSize: query.pageSize,
    total: Number(counts?.total ?? 0),
    unread: Number(counts?.unread ?? 0),
  };
}

/** Marks one of the user's own notifications read; another's answers 404 like a missing one. */
export async function markNotificationRead(context: UseCaseContext, notificationId: string) {
  const [row] = await context.db
    .update(notifications)
    .set({
      readAt: sql`coalesce(${notifications.readAt}, ${context.clock.now().toISOString()}::timestamptz)`,
    })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, context.actor.userId)))
    .returning();
  if (!row) throw new NotFound();
  await context.audit('notifications.marked_read', null, { count: 1 });
  return {
    id: row.id,
    kind: row.kind,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** Marks every unread notification of the user read. */
export async function markAllNotificationsRead(context: UseCaseContext): Promise<{ marked: number }> {
  const marked = await context.db
    .update(notifications)
    .set({ readAt: context.clock.now() })
    .where(and(eq(notifications.userId, context.actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (marked.length > 0) await context.audit('notifications.marked_read', null, { count: marked.length });
  return { marked: marked.length };
}

/** Removes notifications older than the retention period (the nightly retention); returns how many. */
export async function deleteOldNotifications(transaction: Transaction, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - notificationRetentionDays * 24 * 60 * 60 * 1000);
  const removed = await transaction.db
    .delete(notifications)
    .where(sql`${notifications.createdAt} < ${cutoff.toISOString()}::timestamptz`)
    .returning({ id: notifications.id });
  return removed.length;
}
