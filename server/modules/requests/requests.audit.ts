import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the requests module records in the audit trail (ids, counts and codes only in the details). */
export const requestsAuditEvents = defineAuditEvents({
  'requests.listed':
    'A list of support requests was read (details: the count and the ids of the pupils whose names were shown, P2)',
  'requests.viewed': 'A support request was read (details: whether pupil data was shown, P2)',
  'requests.created': 'A support request was started as a draft',
  'requests.draft_saved': 'The draft of a support request was saved',
  'requests.draft_deleted': 'The draft of a support request was deleted',
  'requests.transitioned': 'A support request changed status (details: transition, from, to)',
  'requests.teacher_changed':
    'Another teacher was named on a submitted request (details: the user ids from and to, Y3)',
  'requests.parents_informed': 'The school recorded that the parents of the group were informed (R10)',
  'requests.suggestions_viewed': 'The ranked team members for assigning a request were read',
  'requests.message_posted': 'A message or team note was posted on a request (kind only)',
  'requests.attachment_uploaded': 'A file was added to a request (type and size only)',
  'requests.attachment_downloaded': 'A file of a request was downloaded',
  'requests.pdf_downloaded': 'The request form was downloaded as PDF',
  'consent.link_sent': 'A personal consent link was sent (or sent again) to a parent or pupil',
  'consent.recorded': 'A consent decision was recorded (details: decision, method, role)',
  'consent.page_viewed': 'A parent or pupil opened their consent page',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof requestsAuditEvents> {}
}
