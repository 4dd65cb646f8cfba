import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notificationKinds } from '../../../contracts/notifications.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../auth/auth.schema.ts';
import { tenants } from '../tenants/tenants.schema.ts';

/**
 * In-app notifications: what a mail to a person told them, kept for their start page. No personal data:
 * a kind (the web catalogue's key) and a link inside Passend; the page the link opens applies access
 * control as always.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    link: text('link').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (table) => [
    // The start page: a user's unread count and their newest first.
    index('notifications_user_read_idx').on(table.tenantId, table.userId, table.readAt),
    index('notifications_user_time_idx').on(table.userId, table.createdAt),
    // Retention: everything older than a year, by age.
    index('notifications_created_idx').on(table.tenantId, table.createdAt),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]).onDelete('cascade'),
  ],
);
