import { boolean, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { locations } from '../schools/schools.schema.ts';

/**
 * The pupil register of a school location (Y1): a pupil is recorded once per school and reused by its
 * support requests and trajectories. Name and birth date only: never a BSN (no column can hold one).
 */
export const pupils = pgTable(
  'pupils',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    name: text('name').notNull(),
    // Unknown for some pupils signalled before the register existed (a trajectory's birth date was optional).
    birthDate: date('birth_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The register's list and search: per location, in name order (about 1,000 pupils a location).
    index('pupils_location_name_idx').on(table.locationId, table.name, table.id),
    // Finding one pupil (P5 subject access): by birth date.
    index('pupils_tenant_birth_idx').on(table.tenantId, table.birthDate),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
  ],
);

/**
 * A pupil's class and mentor in one school year (Y2 moves them to the next year by adding a row; the
 * old year's row stays). One row per pupil and school year; a mentor change during the year can later
 * become a row with its own start date.
 */
export const pupilEnrolments = pgTable(
  'pupil_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    pupilId: uuid('pupil_id').notNull(),
    schoolYear: integer('school_year').notNull(),
    className: text('class_name'),
    mentorUserId: uuid('mentor_user_id'),
  },
  (table) => [
    unique('pupil_enrolments_pupil_year_unique').on(table.pupilId, table.schoolYear),
    index('pupil_enrolments_mentor_idx').on(table.mentorUserId, table.schoolYear),
    index('pupil_enrolments_tenant_year_idx').on(table.tenantId, table.schoolYear),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.pupilId], [pupils.tenantId, pupils.id]).onDelete('cascade'),
    tenantReference([table.tenantId, table.mentorUserId], [users.tenantId, users.id]),
  ],
);

/** The parents and carers of a registered pupil, with whether they hold parental authority (R8). */
export const pupilParents = pgTable(
  'pupil_parents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    pupilId: uuid('pupil_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    hasAuthority: boolean('has_authority').notNull(),
    position: integer('position').notNull().default(0),
  },
  (table) => [
    index('pupil_parents_pupil_idx').on(table.pupilId, table.position),
    index('pupil_parents_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.pupilId], [pupils.tenantId, pupils.id]).onDelete('cascade'),
  ],
);
