import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  consentDecisions,
  consentMethods,
  consentStatuses,
  messageKinds,
  requestStatuses,
  requestTransitions,
  requestTypes,
} from '../../../contracts/requests.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { pupils } from '../pupils/pupils.schema.ts';
import { locations } from '../schools/schools.schema.ts';
import { expertiseTags } from '../team/team.schema.ts';

/** Binary content (an uploaded file), as a Buffer from both drivers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Settings a partnership chooses for itself. */
export const partnershipSettings = pgTable(
  'partnership_settings',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id),
    // R8: by default every parent with parental authority consents; a partnership may let one suffice.
    consentOneParentSuffices: boolean('consent_one_parent_suffices').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [tenantIsolation(table.tenantId)],
);

/** Numbers the requests of a partnership per school year ("HV-2026-0042") without races. */
export const requestCounters = pgTable(
  'request_counters',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    schoolYear: integer('school_year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.schoolYear] }), tenantIsolation(table.tenantId)],
);

/** A support request (hulpvraag) of a primary school to the expertise team (R4, R6). */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    reference: text('reference').notNull(),
    schoolYear: integer('school_year').notNull(),
    idempotencyKey: uuid('idempotency_key').notNull(),
    status: text('status', { enum: requestStatuses }).notNull().default('draft'),
    // Kept with every consent change so lists can show and filter it without per-row work.
    consentStatus: text('consent_status', { enum: consentStatuses }).notNull().default('not_needed'),
    // R9: the day consent became complete. Whose consent counts (the pupil from 12) is judged on this
    // day from then on, so a birthday after it cannot reopen a finished consent.
    consentFixedOn: date('consent_fixed_on'),
    // Where a paused request returns to once consent is complete again.
    statusBeforePause: text('status_before_pause', { enum: requestStatuses }),
    type: text('type', { enum: requestTypes }),
    question: text('question'),
    triedInBasicSupport: text('tried_in_basic_support'),
    hopedOutcome: text('hoped_outcome'),
    // Before Y3 the teacher was typed as free text: kept read-only so nothing is lost.
    teacherName: text('teacher_name'),
    // Y3: the teacher on the request, a user holding the teacher role at its location; they read it.
    teacherUserId: uuid('teacher_user_id'),
    groupName: text('group_name'),
    asksDirectPupilSupport: boolean('asks_direct_pupil_support'),
    pupilGroup: text('pupil_group'),
    // The pupil in the school's register (Y1); the request keeps its own copy in request_people, as
    // consent was given for the pupil and parents as they were on the form (P3).
    pupilId: uuid('pupil_id'),
    assignedUserId: uuid('assigned_user_id'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    parentsInformedOn: date('parents_informed_on'),
    parentsInformedHow: text('parents_informed_how'),
    parentsInformedByUserId: uuid('parents_informed_by_user_id'),
    outcome: text('outcome'),
    refusalReason: text('refusal_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('support_requests_reference_unique').on(table.tenantId, table.reference),
    unique('support_requests_idempotency_unique').on(table.tenantId, table.idempotencyKey),
    index('support_requests_location_idx').on(table.locationId, table.status),
    index('support_requests_tenant_status_idx').on(table.tenantId, table.status, table.updatedAt),
    index('support_requests_tenant_year_idx').on(table.tenantId, table.schoolYear),
    // Retention (P4): finished requests by the day they finished.
    index('support_requests_finished_idx')
      .on(table.tenantId, table.closedAt)
      .where(sql`${table.status} in ('closed', 'refused', 'withdrawn')`),
    index('support_requests_assigned_idx').on(table.assignedUserId),
    index('support_requests_created_by_idx').on(table.createdByUserId),
    index('support_requests_teacher_idx').on(table.teacherUserId),
    index('support_requests_informed_by_idx').on(table.parentsInformedByUserId),
    index('support_requests_pupil_idx').on(table.pupilId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
    tenantReference([table.tenantId, table.assignedUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.teacherUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.parentsInformedByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.pupilId], [pupils.tenantId, pupils.id]),
  ],
);

/** The expertise the school thinks fits a request, from the coordinator's tag list. */
export const supportRequestTags = pgTable(
  'support_request_tags',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    requestId: uuid('request_id').notNull(),
    tagId: uuid('tag_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.requestId, table.tagId] }),
    index('support_request_tags_tag_idx').on(table.tagId),
    index('support_request_tags_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference(
      [table.tenantId, table.requestId],
      [supportRequests.tenantId, supportRequests.id],
    ).onDelete('cascade'),
    tenantReference([table.tenantId, table.tagId], [expertiseTags.tenantId, expertiseTags.id]).onDelete(
      'cascade',
    ),
  ],
);

/** The pupil and the parents/carers of a pupil-level request: the people whose consent counts (R8, R9). */
export const requestPeople = pgTable(
  'request_people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    requestId: uuid('request_id').notNull(),
    kind: text('kind', { enum: ['parent', 'pupil'] }).notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    hasAuthority: boolean('has_authority'),
    birthDate: date('birth_date'),
    position: integer('position').notNull().default(0),
  },
  (table) => [
    index('request_people_request_idx').on(table.requestId, table.position),
    index('request_people_tenant_idx').on(table.tenantId),
    // Finding one pupil's files (P4 legal hold, P5 subject access): by birth date, then name.
    index('request_people_pupil_birth_idx')
      .on(table.tenantId, table.birthDate)
      .where(sql`${table.kind} = 'pupil'`),
    check(
      'request_people_pupil_has_birth_date',
      sql`${table.kind} <> 'pupil' or ${table.birthDate} is not null`,
    ),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference(
      [table.tenantId, table.requestId],
      [supportRequests.tenantId, supportRequests.id],
    ).onDelete('cascade'),
  ],
);

/**
 * A personal consent link. Only its hash is stored; a resend revokes the previous link. Answering
 * uses it up; the person can still withdraw through it while the request is open.
 */
export const consentLinks = pgTable(
  'consent_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    requestId: uuid('request_id').notNull(),
    personId: uuid('person_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    sentByUserId: uuid('sent_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('consent_links_person_idx').on(table.personId, table.createdAt),
    index('consent_links_request_idx').on(table.requestId),
    index('consent_links_sent_by_idx').on(table.sentByUserId),
    index('consent_links_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference(
      [table.tenantId, table.requestId],
      [supportRequests.tenantId, supportRequests.id],
    ).onDelete('cascade'),
    tenantReference([table.tenantId, table.personId], [requestPeople.tenantId, requestPeople.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.sentByUserId], [users.tenantId, users.id]),
  ],
);

/** A file on a request: an attachment, a message's file, or a signed paper consent form. */
export const requestAttachments = pgTable(
  'request_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    requestId: uuid('request_id').notNull(),
    messageId: uuid('message_id'),
    kind: text('kind', { enum: ['attachment', 'consent_form'] }).notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('request_attachments_request_idx').on(table.requestId, table.uploadedAt),
    index('request_attachments_message_idx').on(table.messageId),
    index('request_attachments_uploaded_by_idx').on(table.uploadedByUserId),
    index('request_attachments_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference(
      [table.tenantId, table.requestId],
      [supportRequests.tenantId, supportRequests.id],
    ).onDelete('cascade'),
    tenantReference(
      [table.tenantId, table.messageId],
      [requestMessages.tenantId, requestMessages.id],
    ).onDelete('cascade'),
    tenantReference([table.tenantId, table.uploadedByUserId], [users.tenantId, users.id]),
  ],
);

/**
 * Consent as it happened, append-only (P3): who, role, when, how, for which request, which text.
 * The app role may not update or delete rows (migration).
 */
export const consentRecords = pgTable(
  'consent_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    requestId: uuid('request_id').notNull(),
    personId: uuid('person_id').notNull(),
    decision: text('decision', { enum: consentDecisions }).notNull(),
    method: text('method', { enum: consentMethods }).notNull(),
    decidedOn: date('decided_on').notNull(),
    // clock_timestamp, not now(): records of one transaction keep their order.
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
    recordedByUserId: uuid('recorded_by_user_id'),
    textVersion: text('text_version'),
    signedBy: text('signed_by'),
    attachmentId: uuid('attachment_id'),
    linkId: uuid('link_id'),
  },
  (table) => [
    index('consent_records_request_idx').on(table.requestId, table.recordedAt),
    index('consent_records_person_idx').on(table.personId),
    index('consent_records_recorded_by_idx').on(table.recordedByUserId),
    index('consent_records_attachment_idx').on(table.attachmentId),
    index('consent_records_link_idx').on(table.linkId),
    index('consent_records_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    // Deleted with its request by the retention job (P4): as the owner, through this cascade, since
    // the app role may not delete a consent record itself (P3).
    tenantReference(
      [table.tenantId, table.requestId],
      [supportRequests.tenantId, supportRequests.id],
    ).onDelete('cascade'),
    tenantReference([table.tenantId, table.personId], [requestPeople.tenantId, requestPeople.id]),
    tenantReference([table.tenantId, table.recordedByUserId], [users.tenantId, users.id]),
    tenantReference(
      [table.tenantId, table.attachmentId],
      [requestAttachments.tenantId, requestAttachments.id],
    ),
    tenantReference([table.tenantId, table.linkId], [consentLinks.tenantId, consentLinks.id]),
  ],
);

/** The secure thread of a request (R7): messages for school and team, notes for the team only. */
export const requestMessages = pgTable(
  'request_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    requestId: uuid('request_id').notNull(),
    kind: text('kind', { enum: messageKinds }).notNull(),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('request_messages_request_idx').on(table.requestId, table.createdAt),
    index('request_messages_author_idx').on(table.authorUserId),
    index('request_messages_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference(
      [table.tenantId, table.requestId],
      [supportRequests.tenantId, supportRequests.id],
    ).onDelete('cascade'),
    tenantReference([table.tenantId, table.authorUserId], [users.tenantId, users.id]),
  ],
);

/** Every status change of a request: the timeline on the detail page. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    requestId: uuid('request_id').notNull(),
    transition: text('transition', { enum: requestTransitions }).notNull(),
    fromStatus: text('from_status', { enum: requestStatuses }),
    toStatus: text('to_status', { enum: requestStatuses }).notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    // clock_timestamp, not now(): a submit that also readies and assigns keeps its steps in order.
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (table) => [
    index('request_events_request_idx').on(table.requestId, table.at),
    index('request_events_actor_idx').on(table.actorUserId),
    index('request_events_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference(
      [table.tenantId, table.requestId],
      [supportRequests.tenantId, supportRequests.id],
    ).onDelete('cascade'),
    tenantReference([table.tenantId, table.actorUserId], [users.tenantId, users.id]),
  ],
);
