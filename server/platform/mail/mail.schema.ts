import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, tenantIsolation } from '../../db/tenancy.ts';
import { tenants } from '../tenants/tenants.schema.ts';

/** Mail kept in the app instead of sent: only in embedded mode without SMTP_URL (a demo aid). */
export const outboxMails = pgTable(
  'outbox_mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('outbox_mails_tenant_time_idx').on(table.tenantId, table.createdAt),
    tenantIsolation(table.tenantId),
  ],
);
