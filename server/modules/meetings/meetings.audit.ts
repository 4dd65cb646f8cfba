import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the meetings module records in the audit trail (ids, counts and codes only in the details). */
export const meetingsAuditEvents = defineAuditEvents({
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
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof meetingsAuditEvents> {}
}
