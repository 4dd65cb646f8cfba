import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the reports module records in the audit trail (the filter and counts only, never a figure). */
export const reportsAuditEvents = defineAuditEvents({
  'reports.figures_viewed': "The year's figures were read (details: school year, section, filters)",
  'reports.annual_report_text_saved':
    "The staff office saved its texts of a year's annual report (details: school year, sections changed)",
  'reports.annual_report_downloaded': "A year's annual report was downloaded (details: school year, format)",
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof reportsAuditEvents> {}
}
