import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the privacy module records: looking at the audit trail is itself on it. */
export const privacyAuditEvents = defineAuditEvents({
  'privacy.audit_searched': 'The audit trail was searched (which filters were used, and the rows shown)',
  'privacy.signals_viewed': 'The signals of unusual access were read (the period and the count shown)',
  'privacy.audit_exported':
    'The audit trail was exported as CSV (which filters were used, and the row count)',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof privacyAuditEvents> {}
}
