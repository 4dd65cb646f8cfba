import type { Transaction } from '../../db/client.ts';
import { auditEvents } from './audit.schema.ts';

/**
 * The catalogue of audit events. Every event written must be named here; details carry ids,
 * counts and codes only — never passwords, tokens, names or the free text of notes.
 */
export const auditCatalogue = {
  'tenant.created': 'A partnership was created',
  'auth.signed_in': 'Password accepted (first factor)',
  'auth.sign_in_failed': 'Wrong password or code for a known account',
  'auth.account_locked': 'Too many failed attempts: account locked for a while',
  'auth.mfa_verified': 'Second factor accepted: full session',
  'auth.mfa_enrolled': 'TOTP set up and recovery codes issued',
  'auth.mfa_reset': 'The user removed their TOTP to set it up again',
  'auth.recovery_code_used': 'A one-time recovery code replaced the TOTP code',
  'auth.signed_out': 'Session ended by the user',
  'auth.password_changed': 'The user changed their password',
  'auth.password_reset_requested': 'A password reset link was sent',
  'auth.password_reset': 'The password was set through a reset link',
  'auth.invitation_accepted': 'An invited user set a password',
  'account.locale_changed': 'The user chose another interface language',
  'users.listed': 'The user list was read',
  'users.invited': 'A user was invited with role assignments',
  'locations.listed': 'The location list was read',
  'locations.viewed': 'A location was read',
  'expertise_points.updated': 'The room, opening hours or offer of an expertise point changed',
  'expertise_points.listed': 'The expertise point overview was read',
  'locations.created': 'A location was created',
  'locations.updated': 'A location was changed (details: the field names)',
  'pupil_counts.changed': 'The pupil count of a location in a school year was set by hand',
  'pupil_counts.deleted': 'The pupil count of a location in a school year was removed',
  'school_boards.listed': 'The school board list was read',
  'school_boards.created': 'A school board was added',
  'locations.imported': 'Locations, boards and pupil counts were imported from a CSV file (counts only)',
  'team.listed': 'The team list was read',
  'team.viewed': 'A team member profile was read',
  'team.updated': 'A team member profile was changed (details: the field names)',
  'team.hours_set': 'The contracted hours of a team member in a school year were set',
  'team.absence_added': 'An absence of a team member was recorded',
  'team.absence_removed': 'An absence of a team member was removed',
  'team.public_profile_changed': 'What the public team page shows of a member changed',
  'expertise_tags.changed': 'An expertise tag was added, renamed or removed',
  'pairs.listed': 'The overview of school pairs was read',
  'pairs.viewed': 'The pair or pair history of a school was read',
  'pairs.changed': 'The fixed pair of a school changed from a date (R5)',
  'users.roles_changed': 'The role assignments of a user were replaced (counts only)',
  'users.deactivated':
    'An account was ended (P7): sessions, invitations, reset and calendar links retired (details: reason code, counts)',
  'users.reactivated': 'An ended account was opened again (details: the new status)',
  'requests.listed':
    'A list of support requests was read (details: the count and the ids of the pupils whose names were shown, P2)',
  'requests.viewed': 'A support request was read (details: whether pupil data was shown, P2)',
  'requests.created': 'A support request was started as a draft',
  'requests.draft_saved': 'The draft of a support request was saved',
  'requests.draft_deleted': 'The draft of a support request was deleted',
  'requests.transitioned': 'A support request changed status (details: transition, from, to)',
  'requests.parents_informed': 'The school recorded that the parents of the group were informed (R10)',
  'requests.suggestions_viewed': 'The ranked team members for assigning a request were read',
  'requests.message_posted': 'A message or team note was posted on a request (kind only)',
  'requests.attachment_uploaded': 'A file was added to a request (type and size only)',
  'requests.attachment_downloaded': 'A file of a request was downloaded',
  'requests.pdf_downloaded': 'The request form was downloaded as PDF',
  'consent.link_sent': 'A personal consent link was sent (or sent again) to a parent or pupil',
  'consent.recorded': 'A consent decision was recorded (details: decision, method, role)',
  'consent.page_viewed': 'A parent or pupil opened their consent page',
  'settings.changed': 'A partnership setting changed (details: the setting names)',
  'allocations.previewed': 'The allocation key of a school year was computed (counts only)',
  'allocations.viewed': 'An allocation version was read',
  'allocations.created':
    'A new allocation version was computed as a draft (a correction when adopted ones exist)',
  'allocations.updated': 'A draft allocation was recomputed with new settings',
  'allocations.adopted': 'An allocation version was adopted; the version it corrects became superseded',
  'allocations.exported': 'An allocation version was downloaded (details: the format)',
  'allocations.history_set': 'Past requests of a school in a year before Passend were entered',
  'time.logged': 'Hours were logged (details: the hours)',
  'time.changed': 'A time entry was changed',
  'time.removed': 'A time entry was removed',
  'time.week_copied': 'A team member copied last week’s entries (details: how many)',
  'budgets.warning_sent':
    'A school reached 80 % or 100 % of its hours; mail to the coordinators and contact person was queued (its delivery: outbox_mails)',
  'trajectories.signalled': 'A concern about a pupil was recorded (details: the source)',
  'trajectories.listed':
    'A list of trajectories was read (P2; details: the count and the trajectory ids shown)',
  'trajectories.viewed': "A pupil's trajectory was read (P2)",
  'trajectories.intake_recorded':
    'The discussion of a signal or a contact with the parents was recorded (details: which)',
  'trajectories.decided': 'Eligibility for the expertise point was decided (details: the decision)',
  'trajectories.ended': 'A trajectory ended (details: the reason code)',
  'opp.viewed': 'An OPP was read: its versions overview or one version (P2)',
  'opp.saved': 'An OPP version was drafted or changed (details: the version)',
  'opp.discussed': "The parents' discussion of an OPP and their answer were recorded",
  'opp.adopted': 'An OPP version was adopted (details: the version)',
  'opp.evaluated': 'An OPP was evaluated',
  'opp.pdf_downloaded': 'An OPP was downloaded as PDF (P2)',
  'opp.link_created': 'A secure parent link to the OPP was made',
  'opp.link_revoked': 'A parent link to the OPP was revoked',
  'opp.parent_viewed': 'A parent opened the OPP through their link (P2)',
  'attendance.checked_in': 'A pupil was checked in at the expertise point (details: the reason code)',
  'attendance.checked_out': 'A pupil was checked out of the expertise point',
  'attendance.viewed': 'Attendance at the expertise point was read (P2)',
  'attendance.expectations_set': 'The weekly expected times of a pupil were set',
  'homework.changed': 'A homework item or work session was added, changed or checked',
  'homework.viewed': "A pupil's homework items and work sessions were read (P2)",
  'trajectory_contacts.added': 'A contact about a pupil was logged (details: the party code)',
  'trajectory_contacts.changed': "A contact's follow-up was marked done",
  'trajectory_contacts.viewed': "A pupil's contacts log was read (P2; details: the count)",
  'referrals.changed': 'A ZAT referral was recorded or updated (details: the fields)',
  'referrals.viewed': "A pupil's ZAT referrals were read (P2; details: the count)",
  'teacher_support.added': 'Support for teachers was recorded (details: the kind)',
  'expertise_point.overview_read':
    'The overview of an expertise point was read (P2; details: its counts and the trajectory ids shown)',
  'meetings.planned': 'A meeting was planned (details: its kind)',
  'meetings.changed': 'A meeting was changed or its outcome recorded',
  'meetings.minutes_read': 'Minutes that may mention pupils were read (P2)',
  'meetings.interim_decided':
    'The team recorded whether it attends an interim meeting (details: the decision)',
  'meetings.action_added': 'An action item was added to a meeting',
  'meetings.participant_added':
    'A person with an account was added to a meeting and reads its minutes from now on',
  'meetings.action_followed_up': 'An action item was marked done or followed up',
  'calendar.feed_created': 'A user made a new personal calendar link (the old one stopped working)',
  'calendar.feed_revoked': 'A user revoked their personal calendar link',
  'time.period_closed': 'The staff office closed a month for time entries',
  'outbox.listed': 'The list of outgoing mail (or the demo outbox) was read (details: the count)',
  'outbox.retried': 'A mail that could not be delivered was queued for delivery again',
  'jobs.run': 'A background job did work in the partnership (details: the job and how many items)',
} as const;
export type AuditEvent = keyof typeof auditCatalogue;

/** Who did it and from where; taken from the request. */
export type AuditActor = {
  userId: string | null;
  /** Every role the actor held (a person can be IB at one school and team member too); 'system' for jobs. */
  roles: string[];
  requestId: string | null;
  ip: string | null;
};

/** Request facts every command records in the audit trail. */
export type RequestMeta = { requestId: string; ip: string };

/**
 * The audit actor of a signed-in user with all of their roles: which one a command used is not always
 * decidable, and recording only the first would hide the capacity that mattered.
 */
export function auditActorOf(
  actor: { userId: string; roles: Array<{ role: string }> },
  meta: RequestMeta,
): AuditActor {
  const roles = [...new Set(actor.roles.map((assignment) => assignment.role))].sort();
  return { userId: actor.userId, roles, requestId: meta.requestId, ip: meta.ip };
}

/**
 * The actor of what Passend does by itself: a job, or a step the workflow takes as a consequence of
 * someone's command. `cause` names the job or the command's request, so the event can be traced.
 */
export function systemAuditActor(cause: { job: string } | { requestId: string }): AuditActor {
  return {
    userId: null,
    roles: ['system'],
    requestId: 'job' in cause ? `job:${cause.job}` : cause.requestId,
    ip: null,
  };
}

/** What an event is about. */
export type AuditObject = { type: string; id: string | null };
/** Ids, counts and codes only (see the catalogue). */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

/** The row of one event, as stored. */
export function auditRowOf(
  tenantId: string,
  actor: AuditActor,
  event: AuditEvent,
  object: AuditObject | null,
  details: AuditDetails | null,
) {
  return {
    tenantId,
    event,
    actorUserId: actor.userId,
    actorRoles: actor.roles,
    objectType: object?.type ?? null,
    objectId: object?.id ?? null,
    requestId: actor.requestId,
    ip: actor.ip,
    details,
  } satisfies typeof auditEvents.$inferInsert;
}

/** Appends one event in the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(
  transaction: Transaction,
  actor: AuditActor,
  event: AuditEvent,
  object: AuditObject | null = null,
  details: AuditDetails | null = null,
): Promise<void> {
  if (!transaction.tenantId) throw new Error('audit events belong to a partnership');
  await transaction.db
    .insert(auditEvents)
    .values(auditRowOf(transaction.tenantId, actor, event, object, details));
}
