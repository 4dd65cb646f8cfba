import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mailStatuses } from '../../../contracts/outbox.ts';
import { tenantColumn, tenantIsolation } from '../../db/tenancy.ts';
import { tenants } from '../tenants/tenants.schema.ts';

/**
 * The transactional outbox: every mail is a row written in the transaction of the change it belongs
 * to, delivered afterwards by the mail-delivery job (see mailer.ts). Without a mail server (embedded
 * demo) the row is `kept`: the functional admin reads it in the app instead, and it never leaves.
 */
export const outboxMails = pgTable(
  'outbox_mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    // Cleared once the mail server accepted the mail: it may hold a reset or consent link.
    text: text('text'),
    // Rows from before the outbox were demo mail kept in the app: the default keeps them from
    // leaving once a mail server is configured. The mailer always sets the status itself.
    status: text('status', { enum: mailStatuses }).notNull().default('kept'),
    attempts: integer('attempts').notNull().default(0),
    // When a queued mail is due (again); also the lease of a delivery in progress.
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    // An error code such as `ECONNECTION` or `EENVELOPE 550`, never the server's message.
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('outbox_mails_tenant_time_idx').on(table.tenantId, table.createdAt),
    // The delivery job's claim: due queued mail of one partnership, oldest due first.
    index('outbox_mails_due_idx')
      .on(table.tenantId, table.nextAttemptAt)
      .where(sql`${table.status} = 'queued'`),
    // Retention: sent mail by the moment it was sent.
    index('outbox_mails_sent_idx').on(table.tenantId, table.sentAt).where(sql`${table.status} = 'sent'`),
    check('outbox_mails_attempts_not_negative', sql`${table.attempts} >= 0`),
    check('outbox_mails_status', sql`${table.status} in ('queued', 'sent', 'failed', 'kept')`),
    check(
      'outbox_mails_queued_is_due',
      sql`${table.status} <> 'queued' or ${table.nextAttemptAt} is not null`,
    ),
    // Only a sent mail may lose its text: a queued, failed or kept one is still to be sent or read.
    check('outbox_mails_text_until_sent', sql`${table.status} = 'sent' or ${table.text} is not null`),
    tenantIsolation(table.tenantId),
  ],
);
