import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the register of data-subject requests records: ids, kinds and counts, never a name. */
export const subjectAccessAuditEvents = defineAuditEvents({
  'subject_requests.pupil_searched':
    'A pupil was looked for across the files for a data-subject request (how many schools and files matched)',
  'subject_requests.registered': 'A data-subject request was recorded in the register (its kind)',
  'subject_requests.listed':
    'The register of data-subject requests was read (the filters and the rows shown)',
  'subject_requests.viewed': 'A data-subject request was read',
  'subject_requests.handled': 'A data-subject request was taken in hand or decided (the new status)',
  'subject_requests.refused': 'A data-subject request was refused (the ground)',
  'subject_requests.exported':
    'Everything held about a pupil was exported for an access request (P5: how many files and records)',
  'subject_requests.deleted':
    "A pupil's support requests and trajectories were deleted on request (how many of each)",
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof subjectAccessAuditEvents> {}
}
