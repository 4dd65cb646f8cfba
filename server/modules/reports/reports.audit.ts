import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the reports module records in the audit trail (the filter and counts only, never a figure). */
export const reportsAuditEvents = defineAuditEvents({
  'reports.figures_viewed': "The year's figures were read (details: school year, section, filters)",
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof reportsAuditEvents> {}
}
