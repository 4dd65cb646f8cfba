import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timeActivities } from '../../../contracts/hours.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { supportRequests } from '../requests/requests.schema.ts';
import { locations } from '../schools/schools.schema.ts';

/** Support requests of a school in a school year before Passend was used, for the allocation key (R14). */
export const historicalRequestCounts = pgTable(
  'historical_request_counts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    schoolYear: integer('school_year').notNull(),
    count: integer('count').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('historical_request_counts_location_year_unique').on(table.locationId, table.schoolYear),
    index('historical_request_counts_tenant_year_idx').on(table.tenantId, table.schoolYear),
    check('historical_request_counts_not_negative', sql`${table.count} >= 0`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]).onDelete(
      'cascade',
    ),
  ],
);

/**
 * A version of the allocation of a school year (R14). A draft can be recomputed; an adopted version
 * is never changed: a correction is a new version with a reason, and the one it replaces is kept as
 * superseded. One draft per school year at a time.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    schoolYear: integer('school_year').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'adopted', 'superseded'] }).notNull(),
    /** The fixed total; null when the team's contracted hours minus the set-aside were divided. */
    fixedTotalHours: numeric('fixed_total_hours', { precision: 9, scale: 2 }),
    setAsideHours: numeric('set_aside_hours', { precision: 9, scale: 2 }).notNull(),
    totalHours: numeric('total_hours', { precision: 9, scale: 2 }).notNull(),
    pupilWeightPercent: integer('pupil_weight_percent').notNull(),
    referenceYears: integer('reference_years').notNull(),
    minimumHours: numeric('minimum_hours', { precision: 9, scale: 2 }).notNull(),
    roundingUnit: numeric('rounding_unit', { precision: 3, scale: 1 }).notNull(),
    reason: text('reason'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    adoptedByUserId: uuid('adopted_by_user_id'),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
  },
  (table) => [
    unique('allocations_year_version_unique').on(table.tenantId, table.schoolYear, table.version),
    uniqueIndex('allocations_one_draft_per_year')
      .on(table.tenantId, table.schoolYear)
      .where(sql`${table.status} = 'draft'`),
    uniqueIndex('allocations_one_adopted_per_year')
      .on(table.tenantId, table.schoolYear)
      .where(sql`${table.status} = 'adopted'`),
    index('allocations_created_by_idx').on(table.createdByUserId),
    index('allocations_adopted_by_idx').on(table.adoptedByUserId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.adoptedByUserId], [users.tenantId, users.id]),
  ],
);

/** One school's line of an allocation version, with every input and step (the explanation table). */
export const allocationLines = pgTable(
  'allocation_lines',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    allocationId: uuid('allocation_id').notNull(),
    locationId: uuid('location_id').notNull(),
    pupils: integer('pupils').notNull(),
    requests: integer('requests').notNull(),
    pupilShare: numeric('pupil_share', { precision: 12, scale: 10 }).notNull(),
    requestShare: numeric('request_share', { precision: 12, scale: 10 }).notNull(),
    rawHours: numeric('raw_hours', { precision: 12, scale: 4 }).notNull(),
    hours: numeric('hours', { precision: 9, scale: 2 }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.allocationId, table.locationId] }),
    index('allocation_lines_location_idx').on(table.locationId),
    index('allocation_lines_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.allocationId], [allocations.tenantId, allocations.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
  ],
);

/** Hours a team member spent (issue 5, time registration): per day, school, activity, maybe a request. */
export const timeEntries = pgTable(
  'time_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    locationId: uuid('location_id').notNull(),
    requestId: uuid('request_id'),
    entryDate: date('entry_date').notNull(),
    hours: numeric('hours', { precision: 5, scale: 2 }).notNull(),
    activity: text('activity', { enum: timeActivities }).notNull(),
    note: text('note'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('time_entries_user_date_idx').on(table.userId, table.entryDate),
    index('time_entries_location_date_idx').on(table.locationId, table.entryDate),
    index('time_entries_request_idx').on(table.requestId),
    index('time_entries_created_by_idx').on(table.createdByUserId),
    index('time_entries_tenant_date_idx').on(table.tenantId, table.entryDate),
    check('time_entries_hours_range', sql`${table.hours} > 0 and ${table.hours} <= 24`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
    // SET NULL (request_id) only, not tenant_id: migration 0015_tenant_references_set_null.
    tenantReference(
      [table.tenantId, table.requestId],
      [supportRequests.tenantId, supportRequests.id],
    ).onDelete('set null'),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
  ],
);

/** Months (YYYY-MM) the staff office closed: their time entries no longer change. */
export const closedPeriods = pgTable(
  'closed_periods',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    month: text('month').notNull(),
    closedByUserId: uuid('closed_by_user_id').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.month] }),
    index('closed_periods_closed_by_idx').on(table.closedByUserId),
    check('closed_periods_month_format', sql`${table.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.closedByUserId], [users.tenantId, users.id]),
  ],
);

/**
 * A school reached 80 % or 100 % of its allocated hours in a school year. One row per threshold, so
 * the coordinator and the contact person are mailed once, however the hours go up and down after.
 */
export const budgetWarnings = pgTable(
  'budget_warnings',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    schoolYear: integer('school_year').notNull(),
    threshold: integer('threshold').notNull(),
    reachedAt: timestamp('reached_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.locationId, table.schoolYear, table.threshold] }),
    index('budget_warnings_tenant_year_idx').on(table.tenantId, table.schoolYear),
    check('budget_warnings_threshold', sql`${table.threshold} in (80, 100)`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]).onDelete(
      'cascade',
    ),
  ],
);
