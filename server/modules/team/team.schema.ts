import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { teamRoles } from '../../../contracts/roles.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { locations } from '../schools/schools.schema.ts';

/** The expertise tags the coordinator maintains (behaviour, autism, group dynamics, …). */
export const expertiseTags = pgTable(
  'expertise_tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('expertise_tags_name_unique').on(table.tenantId, table.name),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
  ],
);

/**
 * The profile of a user with the team_member role (R1). The team role itself stays on the role
 * assignment; this row holds what the coordinator and the member add to it.
 */
export const teamMembers = pgTable(
  'team_members',
  {
    userId: uuid('user_id').primaryKey(),
    tenantId: tenantColumn().references(() => tenants.id),
    status: text('status', { enum: ['active', 'left'] })
      .notNull()
      .default('active'),
    leftOn: date('left_on'),
    // What the member chooses to show on the public team page (R15); name and team role always show.
    showExpertise: boolean('show_expertise').notNull().default(true),
    showSchools: boolean('show_schools').notNull().default(true),
    showPhoto: boolean('show_photo').notNull().default(false),
    photoDataUrl: text('photo_data_url'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('team_members_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.userId),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]).onDelete('cascade'),
  ],
);

export const teamMemberTags = pgTable(
  'team_member_tags',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    tagId: uuid('tag_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.tagId] }),
    index('team_member_tags_tag_idx').on(table.tagId),
    index('team_member_tags_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.userId], [teamMembers.tenantId, teamMembers.userId]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.tagId], [expertiseTags.tenantId, expertiseTags.id]).onDelete(
      'cascade',
    ),
  ],
);

/** Contracted hours of a member per school year (start year). */
export const teamMemberHours = pgTable(
  'team_member_hours',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    schoolYear: integer('school_year').notNull(),
    contractedHours: numeric('contracted_hours', { precision: 7, scale: 2 }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.schoolYear] }),
    index('team_member_hours_tenant_idx').on(table.tenantId, table.schoolYear),
    check('team_member_hours_not_negative', sql`${table.contractedHours} >= 0`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.userId], [teamMembers.tenantId, teamMembers.userId]).onDelete(
      'cascade',
    ),
  ],
);

export const teamMemberAbsences = pgTable(
  'team_member_absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
  },
  (table) => [
    index('team_member_absences_user_idx').on(table.userId),
    index('team_member_absences_tenant_idx').on(table.tenantId),
    check('team_member_absences_order', sql`${table.endsOn} >= ${table.startsOn}`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.userId], [teamMembers.tenantId, teamMembers.userId]).onDelete(
      'cascade',
    ),
  ],
);

/**
 * The two fixed team members of a school (R5), as periods: a change takes effect from a date by
 * closing the current row (valid_to, exclusive) and opening a new one, so history stays answerable.
 * The partial unique indexes let the database refuse a second open member of one team role and a
 * second open contact person per location.
 */
export const schoolTeamAssignments = pgTable(
  'school_team_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    userId: uuid('user_id').notNull(),
    teamRole: text('team_role', { enum: teamRoles }).notNull(),
    isContact: boolean('is_contact').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('school_team_one_open_per_role')
      .on(table.locationId, table.teamRole)
      .where(sql`${table.validTo} is null`),
    uniqueIndex('school_team_one_open_contact')
      .on(table.locationId)
      .where(sql`${table.isContact} and ${table.validTo} is null`),
    index('school_team_assignments_location_idx').on(table.locationId, table.validFrom),
    index('school_team_assignments_user_idx').on(table.userId),
    index('school_team_assignments_tenant_idx').on(table.tenantId),
    check(
      'school_team_assignments_order',
      sql`${table.validTo} is null or ${table.validTo} > ${table.validFrom}`,
    ),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]),
  ],
);
