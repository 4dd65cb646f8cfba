import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the pupil-records module records in the audit trail (ids, counts and codes only in the details). */
export const pupilRecordsAuditEvents = defineAuditEvents({
  'trajectory_contacts.added': 'A contact about a pupil was logged (details: the party code)',
  'trajectory_contacts.changed': "A contact's follow-up was marked done",
  'trajectory_contacts.viewed': "A pupil's contacts log was read (P2; details: the count)",
  'referrals.changed': 'A ZAT referral was recorded or updated (details: the fields)',
  'referrals.viewed': "A pupil's ZAT referrals were read (P2; details: the count)",
  'teacher_support.added': 'Support for teachers was recorded (details: the kind)',
  'expertise_point.overview_read':
    'The overview of an expertise point was read (P2; details: its counts and the trajectory ids shown)',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof pupilRecordsAuditEvents> {}
}
