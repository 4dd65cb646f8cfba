import { defineAuditEvents, type EventsOf } from '../../platform/audit/audit.ts';

/** What the users module records in the audit trail (ids, counts and codes only in the details). */
export const usersAuditEvents = defineAuditEvents({
  'users.listed': 'The user list was read',
  'users.invited': 'A user was invited with role assignments',
  'users.roles_changed': 'The role assignments of a user were replaced (counts only)',
  'users.deactivated':
    'An account was ended (P7): sessions, invitations, reset and calendar links retired (details: reason code, counts)',
  'users.reactivated': 'An ended account was opened again (details: the new status)',
});

declare module '../../platform/audit/audit.ts' {
  interface AuditEventRegistry extends EventsOf<typeof usersAuditEvents> {}
}
