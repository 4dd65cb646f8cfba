import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the schools module records in the audit trail (ids, counts and codes only in the details). */
export const schoolsAuditEvents = defineAuditEvents({
  'locations.listed': 'The location list was read',
  'locations.viewed': 'A location was read',
  'locations.created': 'A location was created',
  'locations.updated': 'A location was changed (details: the field names)',
  'pupil_counts.changed': 'The pupil count of a location in a school year was set by hand',
  'pupil_counts.deleted': 'The pupil count of a location in a school year was removed',
  'school_boards.listed': 'The school board list was read',
  'school_boards.created': 'A school board was added',
  'locations.imported': 'Locations, boards and pupil counts were imported from a CSV file (counts only)',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof schoolsAuditEvents> {}
}
