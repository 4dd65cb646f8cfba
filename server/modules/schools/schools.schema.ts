import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';

/** A school board (bevoegd gezag), identified by DUO's board number. */
export const schoolBoards = pgTable(
  'school_boards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('school_boards_code_unique').on(table.tenantId, table.code),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
  ],
);

/** A school building (vestiging): BRIN (instellingscode) plus vestigingscode. */
export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    brin: text('brin').notNull(),
    locationCode: text('location_code').notNull(),
    name: text('name').notNull(),
    sector: text('sector', { enum: ['bo', 'sbo', 'so', 'vo', 'vso'] }).notNull(),
    boardId: uuid('board_id'),
    street: text('street').notNull().default(''),
    houseNumber: text('house_number').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    place: text('place').notNull(),
    activeFrom: date('active_from'),
    activeTo: date('active_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('locations_code_unique').on(table.tenantId, table.brin, table.locationCode),
    index('locations_tenant_name_idx').on(table.tenantId, table.name),
    index('locations_tenant_sector_idx').on(table.tenantId, table.sector),
    index('locations_board_idx').on(table.boardId),
    check(
      'locations_active_order',
      sql`${table.activeTo} is null or ${table.activeFrom} is null or ${table.activeTo} >= ${table.activeFrom}`,
    ),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.boardId], [schoolBoards.tenantId, schoolBoards.id]),
  ],
);

/** Pupils of a location on the count date (1 October) of a school year; the year is its start year. */
export const pupilCounts = pgTable(
  'pupil_counts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    schoolYear: integer('school_year').notNull(),
    pupils: integer('pupils').notNull(),
    source: text('source', { enum: ['manual', 'import'] }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('pupil_counts_location_year_unique').on(table.locationId, table.schoolYear),
    index('pupil_counts_tenant_year_idx').on(table.tenantId, table.schoolYear),
    check('pupil_counts_not_negative', sql`${table.pupils} >= 0`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]).onDelete(
      'cascade',
    ),
  ],
);
