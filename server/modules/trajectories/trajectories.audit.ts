import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the trajectories module records in the audit trail (ids, counts and codes only in the details). */
export const trajectoriesAuditEvents = defineAuditEvents({
  'trajectories.signalled': 'A concern about a pupil was recorded (details: the source)',
  'trajectories.listed':
    'A list of trajectories was read (P2; details: the count and the trajectory ids shown)',
  'trajectories.viewed': "A pupil's trajectory was read (P2)",
  'trajectories.intake_recorded':
    'The discussion of a signal or a contact with the parents was recorded (details: which)',
  'trajectories.decided': 'Eligibility for the expertise point was decided (details: the decision)',
  'trajectories.support_start_set':
    'When extra support started was set or put back on the decision date (E13; details: whether set)',
  'trajectories.ended': 'A trajectory ended (details: the reason code)',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof trajectoriesAuditEvents> {}
}
