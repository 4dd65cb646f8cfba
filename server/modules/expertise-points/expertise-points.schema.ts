import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, tenantIsolation, tenantReference } from '../../db/tenancy.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { locations } from '../schools/schools.schema.ts';

/**
 * The expertise point of a secondary location (E1). The base offer (E7) is always there; homework
 * structuring and support (E8) only where `offersHomeworkSupport` is set. Its VSO teachers are the users
 * with the vso_teacher role at the location.
 */
export const expertisePoints = pgTable(
  'expertise_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    room: text('room').notNull().default(''),
    openingHours: text('opening_hours').notNull().default(''),
    offersHomeworkSupport: boolean('offers_homework_support').notNull().default(false),
    // Plain Dutch text for the public page (E10), on top of the standard explanation of the offer.
    publicDescription: text('public_description').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('expertise_points_location_unique').on(table.locationId),
    index('expertise_points_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]).onDelete(
      'cascade',
    ),
  ],
);
