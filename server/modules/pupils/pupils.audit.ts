import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the pupils module records in the audit trail (ids and counts only in the details). */
export const pupilsAuditEvents = defineAuditEvents({
  'pupils.listed': "A page of a school's pupil register was read (P2; details: the count and the pupil ids)",
  'pupils.viewed': "A pupil's register entry was read (P2)",
  'pupils.created': 'A pupil was added to the register (details: through which form)',
  'pupils.updated': "A pupil's register entry was changed",
  'pupils.merged':
    'A duplicate pupil was merged into another (details: the merged id and how many requests and trajectories moved)',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof pupilsAuditEvents> {}
}
