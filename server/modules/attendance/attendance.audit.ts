import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the attendance module records in the audit trail (ids, counts and codes only in the details). */
export const attendanceAuditEvents = defineAuditEvents({
  'attendance.checked_in': 'A pupil was checked in at the expertise point (details: the reason code)',
  'attendance.checked_out': 'A pupil was checked out of the expertise point',
  'attendance.viewed': 'Attendance at the expertise point was read (P2)',
  'attendance.expectations_set': 'The weekly expected times of a pupil were set',
  'homework.changed': 'A homework item or work session was added, changed or checked',
  'homework.viewed': "A pupil's homework items and work sessions were read (P2)",
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof attendanceAuditEvents> {}
}
