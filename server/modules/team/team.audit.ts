import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the team module records in the audit trail (ids, counts and codes only in the details). */
export const teamAuditEvents = defineAuditEvents({
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
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof teamAuditEvents> {}
}
