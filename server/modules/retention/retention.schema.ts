import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { retentionKinds } from '../../../contracts/retention.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { locations } from '../schools/schools.schema.ts';

/** The periods a partnership chose (P4); a kind without a row has the standard period. */
export const retentionPeriods = pgTable(
  'retention_periods',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    kind: text('kind', { enum: retentionKinds }).notNull(),
    amount: integer('amount').notNull(),
    updatedByUserId: uuid('updated_by_user_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.kind] }),
    index('retention_periods_updated_by_idx').on(table.updatedByUserId),
    check('retention_periods_amount_positive', sql`${table.amount} > 0`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.updatedByUserId], [users.tenantId, users.id]),
  ],
);

/**
 * A legal hold (P4): the files of one pupil are kept past their date while it is in force. The pupil
 * is matched as the files name them: `name_key` (passend_name_key of the name) and birth date, and the
 * school when one is given. Released, the row stays as the record of the hold.
 */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    pupilName: text('pupil_name').notNull(),
    nameKey: text('name_key').notNull(),
    birthDate: date('birth_date').notNull(),
    locationId: uuid('location_id'),
    reason: text('reason').notNull(),
    placedByUserId: uuid('placed_by_user_id').notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedByUserId: uuid('released_by_user_id'),
    releaseReason: text('release_reason'),
  },
  (table) => [
    // The retention job's question: is this pupil held? Only holds in force.
    index('legal_holds_active_idx')
      .on(table.tenantId, table.birthDate, table.nameKey)
      .where(sql`${table.releasedAt} is null`),
    index('legal_holds_tenant_time_idx').on(table.tenantId, table.placedAt),
    index('legal_holds_location_idx').on(table.locationId),
    index('legal_holds_placed_by_idx').on(table.placedByUserId),
    index('legal_holds_released_by_idx').on(table.releasedByUserId),
    check(
      'legal_holds_release_complete',
      sql`(${table.releasedAt} is null) = (${table.releasedByUserId} is null) and (${table.releasedAt} is null) = (${table.releaseReason} is null)`,
    ),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
    tenantReference([table.tenantId, table.placedByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.releasedByUserId], [users.tenantId, users.id]),
  ],
);

/**
 * The deletion log (P4): one row per batch the retention job deleted, written in the batch's own
 * transaction, so a batch and its line are there together or not at all. What kind, how many, when —
 * never what.
 */
export const deletionLog = pgTable(
  'deletion_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantColumn().references(() => tenants.id),
    kind: text('kind', { enum: retentionKinds }).notNull(),
    count: integer('count').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('deletion_log_tenant_time_idx').on(table.tenantId, table.deletedAt),
    check('deletion_log_count_positive', sql`${table.count} > 0`),
    tenantIsolation(table.tenantId),
  ],
);

/**
 * What reports need of deleted support requests (P4): how many per school, school year, type and
 * outcome. Added to in the batch that deletes the requests, so a past year still adds up.
 */
export const requestFigures = pgTable(
  'request_figures',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    schoolYear: integer('school_year').notNull(),
    type: text('type').notNull(),
    outcome: text('outcome', { enum: ['closed', 'refused', 'withdrawn'] }).notNull(),
    count: integer('count').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.locationId, table.schoolYear, table.type, table.outcome] }),
    index('request_figures_location_year_idx').on(table.locationId, table.schoolYear),
    check('request_figures_count_positive', sql`${table.count} > 0`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
  ],
);

/** What reports need of deleted trajectories (P4, E11): per school, school year of the end, outcome. */
export const trajectoryFigures = pgTable(
  'trajectory_figures',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    schoolYear: integer('school_year').notNull(),
    // '' where the trajectory ended without an eligibility (E2) or without the field.
    endReason: text('end_reason').notNull(),
    diplomaLevel: text('diploma_level').notNull(),
    hadOpp: text('had_opp', { enum: ['yes', 'no'] }).notNull(),
    count: integer('count').notNull(),
  },
  (table) => [
    primaryKey({
      columns: [
        table.tenantId,
        table.locationId,
        table.schoolYear,
        table.endReason,
        table.diplomaLevel,
        table.hadOpp,
      ],
    }),
    index('trajectory_figures_location_year_idx').on(table.locationId, table.schoolYear),
    check('trajectory_figures_count_positive', sql`${table.count} > 0`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
  ],
);
