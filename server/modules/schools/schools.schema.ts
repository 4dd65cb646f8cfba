import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, tenantIsolation } from '../../db/tenancy.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';

/** A school building (vestiging); the organisation issue extends it with address, board and counts. */
export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    brin: text('brin').notNull(),
    locationCode: text('location_code').notNull(),
    name: text('name').notNull(),
    sector: text('sector', { enum: ['bo', 'sbo', 'so', 'vo', 'vso'] }).notNull(),
    place: text('place').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('locations_code_unique').on(table.tenantId, table.brin, table.locationCode),
    index('locations_tenant_name_idx').on(table.tenantId, table.name),
    tenantIsolation(table.tenantId),
  ],
);
