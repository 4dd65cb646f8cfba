import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the hours module records in the audit trail (ids, counts and codes only in the details). */
export const hoursAuditEvents = defineAuditEvents({
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
  'time.period_closed': 'The staff office closed a month for time entries',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof hoursAuditEvents> {}
}
