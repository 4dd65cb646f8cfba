import { index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, tenantIsolation, tenantReference } from '../../db/tenancy.ts';
import { users } from '../auth/auth.schema.ts';
import { tenants } from '../tenants/tenants.schema.ts';

/**
 * The outcome of a create sent with an `Idempotency-Key`, written in the create's own transaction: a
 * retry of the same request gets the same answer instead of a second row.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    // A digest of method, route, path parameters and body: the same key with other content is refused.
    requestHash: text('request_hash').notNull(),
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('idempotency_keys_unique').on(table.tenantId, table.userId, table.key),
    index('idempotency_keys_user_idx').on(table.userId),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]).onDelete('cascade'),
    index('idempotency_keys_created_idx').on(table.createdAt),
    tenantIsolation(table.tenantId),
  ],
);
