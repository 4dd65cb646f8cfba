import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the attendance module records in the audit trail (ids, counts and codes only in the details). */
export const attendanceAuditEvents = defineAuditEvents({
  'attendance.checked_in': 'A pupil was checked in at the expertise point (details: the reason code)',
  'attendance.checked_out': 'A pupil was checked out of the expertise point',
  'attendance.viewed': 'Attendance at the expertise point was read (P2)',
  'attendance.crisis_checked_in':
    'A pupil without a trajectory was taken in for crisis care at the expertise point (E7)',
  'attendance.crisis_signalled': 'A crisis visit became a signal and was linked to the new trajectory (E9)',
  'attendance.expectations_set': 'The weekly expected times of a pupil were set',
  'homework.changed': 'A homework item or work session was added, changed or checked',
  'homework.viewed': "A pupil's homework items and work sessions were read (P2)",
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof attendanceAuditEvents> {}
}
