import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import {
  deletionRefusalGrounds,
  requesterRelations,
  subjectRequestKinds,
  subjectRequestStatuses,
} from '../../../contracts/subject-access.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { locations } from '../schools/schools.schema.ts';

/**
 * The register of data-subject requests (P5, issue 15): who asked what about which pupil, when it was
 * received and when it must be answered, and how it was decided. The pupil is named as the files name
 * them (name, birth date, the school), like a legal hold; the requester's contact details stay here and
 * out of every log.
 */
export const subjectRequests = pgTable(
  'subject_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    kind: text('kind', { enum: subjectRequestKinds }).notNull(),
    status: text('status', { enum: subjectRequestStatuses }).notNull().default('received'),
    pupilName: text('pupil_name').notNull(),
    nameKey: text('name_key').notNull(),
    birthDate: date('birth_date').notNull(),
    locationId: uuid('location_id').notNull(),
    requesterName: text('requester_name').notNull(),
    requesterRelation: text('requester_relation', { enum: requesterRelations }).notNull(),
    requesterContact: text('requester_contact'),
    reason: text('reason').notNull(),
    receivedOn: date('received_on').notNull(),
    deadlineOn: date('deadline_on').notNull(),
    decision: text('decision'),
    refusalGround: text('refusal_ground', { enum: deletionRefusalGrounds }),
    deletedRequests: integer('deleted_requests'),
    deletedTrajectories: integer('deleted_trajectories'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    handledByUserId: uuid('handled_by_user_id'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
  },
  (table) => [
    // The register's filters: by status, by kind, and the open ones past their deadline; newest first.
    index('subject_requests_status_idx').on(table.tenantId, table.status, table.receivedOn),
    index('subject_requests_kind_idx').on(table.tenantId, table.kind, table.receivedOn),
    index('subject_requests_open_deadline_idx')
      .on(table.tenantId, table.deadlineOn)
      .where(sql`${table.status} in ('received', 'in_progress')`),
    index('subject_requests_received_idx').on(table.tenantId, table.receivedOn),
    index('subject_requests_pupil_idx').on(table.tenantId, table.birthDate, table.nameKey),
    index('subject_requests_location_idx').on(table.locationId),
    index('subject_requests_created_by_idx').on(table.createdByUserId),
    index('subject_requests_handled_by_idx').on(table.handledByUserId),
    check('subject_requests_deadline_after_receipt', sql`${table.deadlineOn} > ${table.receivedOn}`),
    check(
      'subject_requests_decided_has_decision',
      sql`${table.status} not in ('done', 'refused') or (${table.decision} is not null and ${table.handledAt} is not null)`,
    ),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.handledByUserId], [users.tenantId, users.id]),
  ],
);
