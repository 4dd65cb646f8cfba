import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the BRON export records in the audit trail (ids and counts only in the details). */
export const bronExportAuditEvents = defineAuditEvents({
  'opp.bron_exported':
    "A location's OPP dates were downloaded for BRON (E14, P2; details: the location, the count and the trajectory ids)",
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof bronExportAuditEvents> {}
}
