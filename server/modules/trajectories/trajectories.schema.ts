import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  oppConsentDecisions,
  oppConsentGivers,
  oppConsentMethods,
  oppLinkHolders,
} from '../../../contracts/opp.ts';
import {
  agencyKinds,
  contactChannels,
  contactParties,
  diplomaLevels,
  endReasons,
  homeworkChecks,
  homeworkKinds,
  homeworkSessionKinds,
  parentAgreements,
  referralConsents,
  signalDiscussWith,
  signalSources,
  teacherSupportKinds,
  trajectoryStatuses,
  visitReasons,
} from '../../../contracts/trajectories.ts';
import { tenantColumn, tenantIsolation, tenantKey, tenantReference } from '../../db/tenancy.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import { pupils } from '../pupils/pupils.schema.ts';
import { bytea } from '../requests/requests.schema.ts';
import { locations } from '../schools/schools.schema.ts';

/**
 * A pupil's trajectory at the expertise point of a secondary location (E9): it starts with a signal,
 * gets an eligibility decision (E2), an OPP once eligible, and ends with an outcome (E11). The pupil's
 * details live here and nowhere else; every read is audited (P2). `mentor_user_id` is the pupil's
 * mentor, who sees the trajectory as their own pupil's (P1).
 */
export const trajectories = pgTable(
  'trajectories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    status: text('status', { enum: trajectoryStatuses }).notNull().default('signalled'),
    pupilFirstName: text('pupil_first_name').notNull(),
    pupilLastName: text('pupil_last_name').notNull(),
    pupilBirthDate: date('pupil_birth_date'),
    pupilClass: text('pupil_class').notNull(),
    mentorUserId: uuid('mentor_user_id').notNull(),
    // The pupil in the school's register (Y1). The name, birth date and class above stay the file's own
    // copy: what was signalled and decided about, as it was then.
    pupilId: uuid('pupil_id'),
    // The signal (E9): what was seen, since when, what was tried, and with whom it is discussed first.
    signalSource: text('signal_source', { enum: signalSources }).notNull(),
    signalObserved: text('signal_observed').notNull(),
    signalSince: text('signal_since').notNull().default(''),
    signalTried: text('signal_tried').notNull().default(''),
    signalDiscussWith: text('signal_discuss_with', { enum: signalDiscussWith }),
    signalledByUserId: uuid('signalled_by_user_id').notNull(),
    // The discussion of the signal with the mentor, team leader or care coordinator.
    discussedOn: date('discussed_on'),
    discussionOutcome: text('discussion_outcome'),
    discussedByUserId: uuid('discussed_by_user_id'),
    // The mentor's contact with the parents about the concern.
    parentsContactedOn: date('parents_contacted_on'),
    parentsContactedHow: text('parents_contacted_how', { enum: contactChannels }),
    parentsContactOutcome: text('parents_contact_outcome'),
    parentsContactedByUserId: uuid('parents_contacted_by_user_id'),
    // The eligibility decision (E2) by the care coordinator or team leader.
    eligibilityDecidedOn: date('eligibility_decided_on'),
    problemKinds: text('problem_kinds').array(),
    eligibilityReasons: text('eligibility_reasons'),
    alternativeAdvice: text('alternative_advice'),
    eligibilityDecidedByUserId: uuid('eligibility_decided_by_user_id'),
    // E13: when extra support started, which the OPP's six weeks run from; null means the decision's date.
    supportStartedOn: date('support_started_on'),
    // The mentor explained the decision to the parents (E9).
    parentsExplainedOn: date('parents_explained_on'),
    parentsExplainedHow: text('parents_explained_how', { enum: contactChannels }),
    parentsExplainedByUserId: uuid('parents_explained_by_user_id'),
    // The end and its outcome (E11).
    endedOn: date('ended_on'),
    endReason: text('end_reason', { enum: endReasons }),
    diplomaObtained: boolean('diploma_obtained'),
    diplomaLevel: text('diploma_level', { enum: diplomaLevels }),
    nextDestination: text('next_destination'),
    endedByUserId: uuid('ended_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('trajectories_location_status_idx').on(table.locationId, table.status, table.updatedAt),
    index('trajectories_tenant_status_idx').on(table.tenantId, table.status),
    // Retention (P4): ended trajectories by their end; finding one pupil's files by birth date (P5).
    index('trajectories_ended_idx')
      .on(table.tenantId, table.endedOn)
      .where(sql`${table.endedOn} is not null`),
    index('trajectories_pupil_birth_idx').on(table.tenantId, table.pupilBirthDate),
    index('trajectories_mentor_idx').on(table.mentorUserId),
    index('trajectories_pupil_idx').on(table.pupilId),
    index('trajectories_signalled_by_idx').on(table.signalledByUserId, table.createdAt),
    index('trajectories_location_signalled_idx').on(table.locationId, table.createdAt),
    index('trajectories_discussed_by_idx').on(table.discussedByUserId),
    index('trajectories_parents_contacted_by_idx').on(table.parentsContactedByUserId),
    index('trajectories_decided_by_idx').on(table.eligibilityDecidedByUserId),
    index('trajectories_explained_by_idx').on(table.parentsExplainedByUserId),
    index('trajectories_ended_by_idx').on(table.endedByUserId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
    tenantReference([table.tenantId, table.mentorUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.signalledByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.discussedByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.parentsContactedByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.eligibilityDecidedByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.parentsExplainedByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.endedByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.pupilId], [pupils.tenantId, pupils.id]),
  ],
);

/** One support goal of the OPP: what, how, by whom, how often (E9). */
export type OppSupportLine = { goal: string; approach: string; who: string; frequency: string };

/**
 * A version of the pupil's OPP (ontwikkelingsperspectiefplan, E9). A change makes a new version; an
 * adopted version is never edited, earlier ones stay readable. One draft at a time per trajectory.
 */
export const oppVersions = pgTable(
  'opp_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'adopted', 'superseded'] })
      .notNull()
      .default('draft'),
    exitDestination: text('exit_destination').notNull().default(''),
    exitReasons: text('exit_reasons').notNull().default(''),
    hinderingFactors: text('hindering_factors').notNull().default(''),
    supportingFactors: text('supporting_factors').notNull().default(''),
    support: jsonb('support').$type<OppSupportLine[]>().notNull().default([]),
    independentWorkAgreement: text('independent_work_agreement').notNull().default(''),
    // Only where the location offers homework support (E4, E8).
    homeworkAgreement: text('homework_agreement'),
    curriculumDeviations: text('curriculum_deviations').notNull().default(''),
    evaluationDates: date('evaluation_dates').array().notNull().default(sql`'{}'::date[]`),
    parentsDiscussedOn: date('parents_discussed_on'),
    parentsDiscussionParticipants: text('parents_discussion_participants'),
    parentsView: text('parents_view'),
    parentsAgreement: text('parents_agreement', { enum: parentAgreements }),
    parentsAgreementComments: text('parents_agreement_comments'),
    pupilView: text('pupil_view'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
    adoptedByUserId: uuid('adopted_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('opp_versions_trajectory_version_unique').on(table.trajectoryId, table.version),
    uniqueIndex('opp_versions_one_draft').on(table.trajectoryId).where(sql`${table.status} = 'draft'`),
    index('opp_versions_tenant_status_idx').on(table.tenantId, table.status),
    index('opp_versions_created_by_idx').on(table.createdByUserId),
    index('opp_versions_adopted_by_idx').on(table.adoptedByUserId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.adoptedByUserId], [users.tenantId, users.id]),
  ],
);

/** An evaluation of the adopted OPP; due at least once per school year (E9). */
export const oppEvaluations = pgTable(
  'opp_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    oppVersionId: uuid('opp_version_id').notNull(),
    evaluatedOn: date('evaluated_on').notNull(),
    summary: text('summary').notNull(),
    evaluatedByUserId: uuid('evaluated_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('opp_evaluations_trajectory_idx').on(table.trajectoryId, table.evaluatedOn),
    index('opp_evaluations_version_idx').on(table.oppVersionId),
    index('opp_evaluations_by_idx').on(table.evaluatedByUserId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.oppVersionId], [oppVersions.tenantId, oppVersions.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.evaluatedByUserId], [users.tenantId, users.id]),
  ],
);

/** A parent's secure link to the adopted OPP (only the hash of its secret is kept); revocable. */
export const oppParentLinks = pgTable(
  'opp_parent_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }),
    // Whose link it is (E12): the parents' (plan and consent) or the pupil's own (from 12).
    holder: text('holder', { enum: oppLinkHolders }).notNull().default('parents'),
    // When Passend mailed it (the address is not kept).
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('opp_parent_links_token_hash_unique').on(table.tokenHash),
    index('opp_parent_links_trajectory_idx').on(table.trajectoryId),
    index('opp_parent_links_created_by_idx').on(table.createdByUserId),
    index('opp_parent_links_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
  ],
);

/**
 * An answer on the action part of one OPP version (E12, P3): given or refused, by the parents or by
 * the pupil of 18 or older, through the personal link or on paper with a scan. The action part it
 * answered is kept as it was, so a changed action part needs a new answer.
 */
export const oppConsents = pgTable(
  'opp_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    oppVersionId: uuid('opp_version_id').notNull(),
    decision: text('decision', { enum: oppConsentDecisions }).notNull(),
    givenBy: text('given_by', { enum: oppConsentGivers }).notNull(),
    method: text('method', { enum: oppConsentMethods }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    comments: text('comments').notNull().default(''),
    actionPart: jsonb('action_part').$type<Record<string, unknown>>().notNull(),
    linkId: uuid('link_id'),
    signedBy: text('signed_by'),
    recordedByUserId: uuid('recorded_by_user_id'),
    scanFileName: text('scan_file_name'),
    scanMediaType: text('scan_media_type'),
    scanSize: integer('scan_size'),
    scanContent: bytea('scan_content'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('opp_consents_trajectory_idx').on(table.trajectoryId, table.createdAt),
    index('opp_consents_version_idx').on(table.oppVersionId, table.createdAt),
    index('opp_consents_link_idx').on(table.linkId),
    index('opp_consents_recorded_by_idx').on(table.recordedByUserId),
    index('opp_consents_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.oppVersionId], [oppVersions.tenantId, oppVersions.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.linkId], [oppParentLinks.tenantId, oppParentLinks.id]),
    tenantReference([table.tenantId, table.recordedByUserId], [users.tenantId, users.id]),
  ],
);

/** The pupil's own view on their plan, written through their link (hoorrecht); staff read it on the OPP. */
export const oppPupilViews = pgTable(
  'opp_pupil_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    oppVersionId: uuid('opp_version_id').notNull(),
    linkId: uuid('link_id'),
    view: text('view').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('opp_pupil_views_trajectory_idx').on(table.trajectoryId, table.createdAt),
    index('opp_pupil_views_version_idx').on(table.oppVersionId),
    index('opp_pupil_views_link_idx').on(table.linkId),
    index('opp_pupil_views_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.oppVersionId], [oppVersions.tenantId, oppVersions.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.linkId], [oppParentLinks.tenantId, oppParentLinks.id]),
  ],
);

/** When a pupil is expected at the expertise point each week (E3): the source of "today's pupils". */
export const attendanceExpectations = pgTable(
  'attendance_expectations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    // ISO weekday: 1 = Monday … 5 = Friday.
    weekday: smallint('weekday').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
    reason: text('reason', { enum: visitReasons }).notNull().default('planned'),
  },
  (table) => [
    index('attendance_expectations_trajectory_idx').on(table.trajectoryId),
    index('attendance_expectations_tenant_weekday_idx').on(table.tenantId, table.weekday),
    check('attendance_expectations_weekday', sql`${table.weekday} between 1 and 5`),
    check('attendance_expectations_order', sql`${table.endsAt} > ${table.startsAt}`),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
  ],
);

/**
 * A stay at the expertise point (E3, E7): checked in with a reason, later checked out. A pupil without
 * a trajectory can be taken in for crisis care (E7: daily care, a safe place): such a visit has no
 * trajectory but the pupil's name and class, until it becomes a signal (then it is linked to the new
 * trajectory and its own copy of the name is cleared) or its retention period ends (then the name,
 * class and note are cleared and the anonymous visit stays for the figures, P4).
 */
export const attendanceVisits = pgTable(
  'attendance_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id'),
    locationId: uuid('location_id').notNull(),
    reason: text('reason', { enum: visitReasons }).notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    /**
     * The check-in of the pupil's latest earlier visit for the same reason (null for the first). Kept by
     * a trigger (migration 0027), so that the figures count the pupils per reason in any period as the
     * visits whose previous one lies before the period: one pass, no distinct count over every visit.
     */
    previousReasonVisitAt: timestamp('previous_reason_visit_at', { withTimezone: true }),
    note: text('note'),
    checkedInByUserId: uuid('checked_in_by_user_id').notNull(),
    checkedOutByUserId: uuid('checked_out_by_user_id'),
    // Only for a crisis visit without a trajectory (E7).
    pupilFirstName: text('pupil_first_name'),
    pupilLastName: text('pupil_last_name'),
    pupilClass: text('pupil_class'),
    // When a crisis visit became a signal, and by whom (the new trajectory is `trajectory_id`).
    signalledAt: timestamp('signalled_at', { withTimezone: true }),
    signalledByUserId: uuid('signalled_by_user_id'),
  },
  (table) => [
    uniqueIndex('attendance_visits_one_open')
      .on(table.trajectoryId)
      .where(sql`${table.checkedOutAt} is null`),
    index('attendance_visits_trajectory_idx').on(table.trajectoryId, table.checkedInAt),
    index('attendance_visits_location_idx').on(table.locationId, table.checkedInAt),
    // Crisis visits without a trajectory: the day's list and the retention job (P4).
    index('attendance_visits_without_trajectory_idx')
      .on(table.locationId, table.checkedInAt)
      .where(sql`${table.trajectoryId} is null`),
    index('attendance_visits_unlinked_in_idx')
      .on(table.checkedInAt)
      .where(sql`${table.trajectoryId} is null and ${table.pupilLastName} is not null`),
    index('attendance_visits_in_by_idx').on(table.checkedInByUserId),
    index('attendance_visits_out_by_idx').on(table.checkedOutByUserId),
    index('attendance_visits_signalled_by_idx').on(table.signalledByUserId),
    check(
      'attendance_visits_order',
      sql`${table.checkedOutAt} is null or ${table.checkedOutAt} >= ${table.checkedInAt}`,
    ),
    // Only a crisis visit goes without a trajectory (E7).
    check(
      'attendance_visits_without_trajectory',
      sql`${table.trajectoryId} is not null or ${table.reason} = 'crisis'`,
    ),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
    tenantReference([table.tenantId, table.checkedInByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.checkedOutByUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.signalledByUserId], [users.tenantId, users.id]),
  ],
);

/** An assignment or test of the pupil with its deadline (E4, at every expertise point). */
export const homeworkItems = pgTable(
  'homework_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    kind: text('kind', { enum: homeworkKinds }).notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    dueOn: date('due_on').notNull(),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('homework_items_trajectory_idx').on(table.trajectoryId, table.dueOn),
    index('homework_items_created_by_idx').on(table.createdByUserId),
    tenantIsolation(table.tenantId),
    tenantKey(table.tenantId, table.id),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
  ],
);

/**
 * A planned session on a homework item and the VSO teacher's check of it (E4). `kind` is `work`
 * everywhere; structuring and homework support only where the location offers them (E8).
 */
export const homeworkSessions = pgTable(
  'homework_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    homeworkItemId: uuid('homework_item_id').notNull(),
    kind: text('kind', { enum: homeworkSessionKinds }).notNull().default('work'),
    plannedOn: date('planned_on').notNull(),
    plannedWork: text('planned_work').notNull().default(''),
    result: text('result', { enum: homeworkChecks }),
    note: text('note'),
    checkedByUserId: uuid('checked_by_user_id'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
  },
  (table) => [
    index('homework_sessions_item_idx').on(table.homeworkItemId, table.plannedOn),
    index('homework_sessions_checked_by_idx').on(table.checkedByUserId),
    tenantIsolation(table.tenantId),
    tenantReference(
      [table.tenantId, table.homeworkItemId],
      [homeworkItems.tenantId, homeworkItems.id],
    ).onDelete('cascade'),
    tenantReference([table.tenantId, table.checkedByUserId], [users.tenantId, users.id]),
  ],
);

/** A contact about the pupil with parents, teachers, mentors, team leaders or care coordinators (E5). */
export const trajectoryContacts = pgTable(
  'trajectory_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    contactOn: date('contact_on').notNull(),
    party: text('party', { enum: contactParties }).notNull(),
    partyName: text('party_name').notNull().default(''),
    channel: text('channel', { enum: contactChannels }).notNull(),
    summary: text('summary').notNull(),
    followUp: text('follow_up'),
    followUpOwnerUserId: uuid('follow_up_owner_user_id'),
    followUpDoneAt: timestamp('follow_up_done_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('trajectory_contacts_trajectory_idx').on(table.trajectoryId, table.contactOn),
    index('trajectory_contacts_owner_idx').on(table.followUpOwnerUserId),
    index('trajectory_contacts_created_by_idx').on(table.createdByUserId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.followUpOwnerUserId], [users.tenantId, users.id]),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
  ],
);

/** A referral to outside help, together with the ZAT (E7), with the parents' consent (P3). */
export const zatReferrals = pgTable(
  'zat_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    trajectoryId: uuid('trajectory_id').notNull(),
    referredOn: date('referred_on').notNull(),
    agencyKind: text('agency_kind', { enum: agencyKinds }).notNull(),
    reason: text('reason').notNull(),
    parentalConsent: text('parental_consent', { enum: referralConsents }).notNull().default('pending'),
    consentRecordedOn: date('consent_recorded_on'),
    zatDiscussedOn: date('zat_discussed_on'),
    zatDiscussion: text('zat_discussion'),
    outcome: text('outcome'),
    outcomeOn: date('outcome_on'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('zat_referrals_trajectory_idx').on(table.trajectoryId, table.referredOn),
    index('zat_referrals_tenant_pending_idx').on(table.tenantId, table.outcomeOn),
    index('zat_referrals_created_by_idx').on(table.createdByUserId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.trajectoryId], [trajectories.tenantId, trajectories.id]).onDelete(
      'cascade',
    ),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
  ],
);

/** Support of the school's teachers by the expertise point (E6): training, help in class, tips. */
export const teacherSupportActivities = pgTable(
  'teacher_support_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn().references(() => tenants.id),
    locationId: uuid('location_id').notNull(),
    kind: text('kind', { enum: teacherSupportKinds }).notNull(),
    occurredOn: date('occurred_on').notNull(),
    topic: text('topic').notNull(),
    participantCount: integer('participant_count'),
    teacherName: text('teacher_name'),
    className: text('class_name'),
    description: text('description').notNull().default(''),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('teacher_support_location_idx').on(table.locationId, table.occurredOn),
    index('teacher_support_created_by_idx').on(table.createdByUserId),
    check(
      'teacher_support_participants',
      sql`${table.participantCount} is null or ${table.participantCount} > 0`,
    ),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.locationId], [locations.tenantId, locations.id]),
    tenantReference([table.tenantId, table.createdByUserId], [users.tenantId, users.id]),
  ],
);

/**
 * Reminders sent about trajectories (an OPP evaluation due): one row per kind, object and recipient,
 * inserted in the transaction that queues the mail, so each goes out once.
 */
export const trajectoryReminders = pgTable(
  'trajectory_reminders',
  {
    tenantId: tenantColumn().references(() => tenants.id),
    kind: text('kind', { enum: ['opp_evaluation_due'] }).notNull(),
    objectId: uuid('object_id').notNull(),
    userId: uuid('user_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.kind, table.objectId, table.userId] }),
    index('trajectory_reminders_user_idx').on(table.userId),
    index('trajectory_reminders_tenant_idx').on(table.tenantId),
    tenantIsolation(table.tenantId),
    tenantReference([table.tenantId, table.userId], [users.tenantId, users.id]).onDelete('cascade'),
  ],
);
