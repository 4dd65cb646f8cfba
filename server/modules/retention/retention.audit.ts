import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the retention module records (P4): never what was deleted, only which kind and how many. */
export const retentionAuditEvents = defineAuditEvents({
  'retention.deleted': 'The retention job deleted a batch whose period was over (the kind and the count)',
  'retention.schedule_changed': 'The retention schedule was changed (the kinds and their new periods)',
  'retention.preview_viewed': 'The retention preview was read',
  'retention.log_viewed': 'The deletion log was read',
  'retention.hold_placed': 'A legal hold was placed on one pupil (the hold, never the name)',
  'retention.hold_released': 'A legal hold was released (the hold)',
  'retention.holds_listed': 'The legal holds were listed (the count shown)',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof retentionAuditEvents> {}
}
