import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, tenantIsolation } from '../../db/tenancy.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { locations } from '../schools/schools.schema.ts';

/** Support requests of a school in a school year before Passend was used, for the allocation key (R14). */
export const historicalRequestCounts = pgTable(
  'historical_request_counts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    schoolYear: integer('school_year').notNull(),
    count: integer('count').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('historical_request_counts_location_year_unique').on(table.locationId, table.schoolYear),
    index('historical_request_counts_tenant_year_idx').on(table.tenantId, table.schoolYear),
    check('historical_request_counts_not_negative', sql`${table.count} >= 0`),
    tenantIsolation(table.tenantId),
  ],
);
