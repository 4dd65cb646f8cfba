import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, tenantIsolation } from '../../db/tenancy.ts';
import { tenants } from '../tenants/tenants.schema.ts';

/**
 * Append-only (P2): the app role has SELECT and INSERT only (migration 0002), and a trigger refuses
 * UPDATE, DELETE and TRUNCATE from every role, the owner included (0013_database_roles).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantColumn().references(() => tenants.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    event: text('event').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRoles: text('actor_roles').array().notNull().default([]),
    objectType: text('object_type'),
    objectId: text('object_id'),
    requestId: text('request_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, string | number | boolean | null | string[]>>(),
  },
  (table) => [
    index('audit_events_tenant_time_idx').on(table.tenantId, table.occurredAt),
    index('audit_events_object_idx').on(table.tenantId, table.objectType, table.objectId),
    // The privacy officer's searches: by who, by event, newest first.
    index('audit_events_actor_idx').on(table.tenantId, table.actorUserId, table.occurredAt),
    index('audit_events_event_idx').on(table.tenantId, table.event, table.occurredAt),
    tenantIsolation(table.tenantId),
  ],
);
