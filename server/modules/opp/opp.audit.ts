import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the opp module records in the audit trail (ids, counts and codes only in the details). */
export const oppAuditEvents = defineAuditEvents({
  'opp.viewed': 'An OPP was read: its versions overview or one version (P2)',
  'opp.saved': 'An OPP version was drafted or changed (details: the version)',
  'opp.discussed': "The parents' discussion of an OPP and their answer were recorded",
  'opp.adopted': 'An OPP version was adopted (details: the version)',
  'opp.evaluated': 'An OPP was evaluated',
  'opp.pdf_downloaded': 'An OPP was downloaded as PDF (P2)',
  'opp.link_created': 'A secure parent link to the OPP was made',
  'opp.link_revoked': 'A parent link to the OPP was revoked',
  'opp.parent_viewed': 'A parent or the pupil opened the OPP through their link (P2)',
  'opp.consent_recorded':
    "An answer on an OPP version's action part was recorded: given or refused, through the link or on paper (E12, P3)",
  'opp.pupil_view_added': 'The pupil added their own view on the OPP through their link',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof oppAuditEvents> {}
}
