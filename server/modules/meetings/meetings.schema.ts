import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { meetingKinds, meetingStatuses, participantRoles } from '../../../contracts/meetings.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { locations } from '../schools/schools.schema.ts';
import { expertiseTags } from '../team/team.schema.ts';

/**
 * A meeting of a school with the expertise team: the annual planning talk (R11), an SOT meeting
 * (R12) or an interim meeting with outside parties (R13). Times are instants; the school year is the
 * one of the day in Amsterdam. Minutes may mention pupils: only participants, the contact person and
 * the staff office read them, and each read is audited.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    kind: text('kind', { enum: meetingKinds }).notNull(),
    status: text('status', { enum: meetingStatuses }).notNull().default('planned'),
    schoolYear: integer('school_year').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place'),
    online: boolean('online').notNull().default(false),
    agenda: text('agenda'),
    minutes: text('minutes'),
    expectedRequests: integer('expected_requests'),
    agreements: text('agreements'),
    outsideParties: text('outside_parties'),
    decision: text('decision', { enum: ['attend', 'decline'] }),
    decisionReason: text('decision_reason'),
    decidedByUserId: uuid('decided_by_user_id'),
    overrideReason: text('override_reason'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('meetings_tenant_year_kind_idx').on(table.tenantId, table.schoolYear, table.kind),
    index('meetings_location_starts_idx').on(table.locationId, table.startsAt),
    index('meetings_starts_idx').on(table.startsAt),
    index('meetings_created_by_idx').on(table.createdByUserId),
    index('meetings_decided_by_idx').on(table.decidedByUserId),
    check('meetings_end_after_start', sql`${table.endsAt} > ${table.startsAt}`),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
    tenantReference([table.tenantId, table.decidedByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
  ],
);

/** Who takes part: a Passend user or someone named only, with the role the rules look at. */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    meetingId: uuid('meeting_id').notNull(),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    role: text('role', { enum: participantRoles }).notNull(),
    attended: boolean('attended'),
  },
  (table) => [
    index('meeting_participants_meeting_idx').on(table.meetingId),
    index('meeting_participants_user_idx').on(table.userId),
    index('meeting_participants_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.meetingId], [meetings.tenantId, meetings.id]).onDelete('cascade'),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]),
  ],
);

/** The expertise a school wants, from the tag list, as agreed in the annual talk (R11). */
export const meetingWantedTags = pgTable(
  'meeting_wanted_tags',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    meetingId: uuid('meeting_id').notNull(),
    tagId: uuid('tag_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.meetingId, table.tagId] }),
    index('meeting_wanted_tags_tag_idx').on(table.tagId),
    index('meeting_wanted_tags_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.meetingId], [meetings.tenantId, meetings.id]).onDelete('cascade'),
    tenantReference([table.tenantId, table.tagId], [expertiseTags.tenantId, expertiseTags.id]).onDelete(
      'cascade',
    ),
  ],
);

/** An agreed action with its owner and due date, followed up at a later meeting. */
export const meetingActionItems = pgTable(
  'meeting_action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    meetingId: uuid('meeting_id').notNull(),
    description: text('description').notNull(),
    ownerUserId: uuid('owner_user_id'),
    ownerName: text('owner_name').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    followUp: text('follow_up'),
    followedUpInMeetingId: uuid('followed_up_in_meeting_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('meeting_action_items_meeting_idx').on(table.meetingId),
    index('meeting_action_items_owner_idx').on(table.ownerUserId),
    index('meeting_action_items_followed_up_idx').on(table.followedUpInMeetingId),
    index('meeting_action_items_due_idx').on(table.tenantId, table.status, table.dueDate),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.meetingId], [meetings.tenantId, meetings.id]).onDelete('cascade'),
    tenantReference([table.tenantId, table.ownerUserId], [users.tenantId, users.id]),
    // SET NULL (followed_up_in_meeting_id) only, not tenant_id: migration 0015_tenant_references_set_null.
    tenantReference([table.tenantId, table.followedUpInMeetingId], [meetings.tenantId, meetings.id]).onDelete(
      'set null',
    ),
  ],
);

/** The staff office's dates for the overview and the reminder lead time (one row per partnership). */
export const meetingSettings = pgTable(
  'meeting_settings',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id),
    annualTalkPlannedBy: text('annual_talk_planned_by').notNull().default('11-01'),
    sotMinimumBy: text('sot_minimum_by').notNull().default('01-31'),
    reminderDaysBefore: integer('reminder_days_before').notNull().default(2),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [tenantIsolation(table.tenantId)],
);

/**
 * A user's personal calendar feed: a secret link (only its hash is kept) that a calendar app polls.
 * Revoking sets `revoked_at`; a new link replaces the old one.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('calendar_feeds_token_hash_unique').on(table.tokenHash),
    uniqueIndex('calendar_feeds_one_active_per_user').on(table.userId).where(sql`${table.revokedAt} is null`),
    index('calendar_feeds_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]).onDelete('cascade'),
  ],
);

/**
 * Reminders sent: one row per kind, object and recipient, inserted in the transaction that queues the
 * mail, so a reminder goes out once however often (and on however many instances) the job runs.
 */
export const meetingReminders = pgTable(
  'meeting_reminders',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    kind: text('kind', { enum: ['meeting', 'action_overdue'] }).notNull(),
    objectId: uuid('object_id').notNull(),
    userId: uuid('user_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.kind, table.objectId, table.userId] }),
    index('meeting_reminders_user_idx').on(table.userId),
    index('meeting_reminders_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]).onDelete('cascade'),
  ],
);
