import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the expertise-points module records in the audit trail (ids, counts and codes only in the details). */
export const expertisePointsAuditEvents = defineAuditEvents({
  'expertise_points.updated': 'The room, opening hours or offer of an expertise point changed',
  'expertise_points.listed': 'The expertise point overview was read',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof expertisePointsAuditEvents> {}
}
