import type { Transaction } from '../../db/client.ts';
import { auditEvents } from './audit.schema.ts';

/** Audit events as a module declares them: event → what it means. */
export type AuditEventRows = Readonly<Record<string, string>>;

/**
 * Declares a module's audit events, keeping their names as literal types. The module adds them to
 * `AuditEvent` by augmenting `AuditEventRegistry`, and the composition (`server/modules/index.ts`)
 * registers the catalogue rows when the app starts:
 *
 * ```ts
 * export const teamAuditEvents = defineAuditEvents({ 'team.listed': 'The team list was read' });
 * declare module '../../platform/audit/audit.ts' {
 *   interface AuditEventRegistry extends EventsOf<typeof teamAuditEvents> {}
 * }
 * ```
 */
export function defineAuditEvents<const Rows extends AuditEventRows>(rows: Rows): Rows {
  return rows;
}

/** The registry entries of a module's events (see `defineAuditEvents`). */
export type EventsOf<Rows extends AuditEventRows> = Record<keyof Rows, string>;

/** The platform's own events: partnerships, sign-in and the own account, settings, the outbox, jobs. */
const platformAuditEvents = defineAuditEvents({
  'tenant.created': 'A partnership was created',
  'auth.signed_in': 'Password accepted (first factor)',
  'auth.sign_in_failed': 'Wrong password or code for a known account',
  'auth.account_locked': 'Too many failed attempts: account locked for a while',
  'auth.mfa_verified': 'Second factor accepted: full session',
  'auth.mfa_enrolled': 'TOTP set up and recovery codes issued',
  'auth.mfa_reset': 'The user removed their TOTP to set it up again',
  'auth.recovery_code_used': 'A one-time recovery code replaced the TOTP code',
  'auth.signed_out': 'Session ended by the user',
  'auth.password_changed': 'The user changed their password',
  'auth.password_reset_requested': 'A password reset link was sent',
  'auth.password_reset': 'The password was set through a reset link',
  'auth.invitation_accepted': 'An invited user set a password',
  'account.locale_changed': 'The user chose another interface language',
  'settings.changed': 'A partnership setting changed (details: the setting names)',
  'outbox.listed': 'The list of outgoing mail (or the demo outbox) was read (details: the count)',
  'outbox.retried': 'A mail that could not be delivered was queued for delivery again',
  'notifications.marked_read': 'The user marked own notifications read (details: how many)',
  'jobs.run': 'A background job did work in the partnership (details: the job and how many items)',
});

/**
 * Every event that can be written, by name: the platform's own here, each module's added by its
 * `<module>.audit.ts` (declaration merging).
 */
export interface AuditEventRegistry extends EventsOf<typeof platformAuditEvents> {}

export type AuditEvent = keyof AuditEventRegistry & string;

const catalogue: Record<string, string> = { ...platformAuditEvents };

/**
 * The catalogue of audit events. Every event written must be named here; details carry ids,
 * counts and codes only — never passwords, tokens, names or the free text of notes.
 */
export const auditCatalogue = catalogue as Readonly<Record<AuditEvent, string>>;

/** Adds a module's events to the catalogue when the app starts; an event registered twice fails loudly. */
export function registerAuditEvents(owner: string, rows: AuditEventRows): void {
  for (const event of Object.keys(rows))
    if (event in catalogue)
      throw new Error(`The audit event ${event} of ${owner} is in the catalogue already`);
  Object.assign(catalogue, rows);
}

/** Who did it and from where; taken from the request. */
export type AuditActor = {
  userId: string | null;
  /** Every role the actor held (a person can be IB at one school and team member too); 'system' for jobs. */
  roles: string[];
  requestId: string | null;
  ip: string | null;
};

/** Request facts every command records in the audit trail. */
export type RequestMeta = { requestId: string; ip: string };

/**
 * The audit actor of a signed-in user with all of their roles: which one a command used is not always
 * decidable, and recording only the first would hide the capacity that mattered.
 */
export function auditActorOf(
  actor: { userId: string; roles: Array<{ role: string }> },
  meta: RequestMeta,
): AuditActor {
  const roles = [...new Set(actor.roles.map((assignment) => assignment.role))].sort();
  return { userId: actor.userId, roles, requestId: meta.requestId, ip: meta.ip };
}

/**
 * The actor of what Passend does by itself: a job, or a step the workflow takes as a consequence of
 * someone's command. `cause` names the job or the command's request, so the event can be traced.
 */
export function systemAuditActor(cause: { job: string } | { requestId: string }): AuditActor {
  return {
    userId: null,
    roles: ['system'],
    requestId: 'job' in cause ? `job:${cause.job}` : cause.requestId,
    ip: null,
  };
}

/** What an event is about. */
export type AuditObject = { type: string; id: string | null };
/** Ids, counts and codes only (see the catalogue). */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

/** The row of one event, as stored. */
export function auditRowOf(
  tenantId: string,
  actor: AuditActor,
  event: AuditEvent,
  object: AuditObject | null,
  details: AuditDetails | null,
) {
  return {
    tenantId,
    event,
    actorUserId: actor.userId,
    actorRoles: actor.roles,
    objectType: object?.type ?? null,
    objectId: object?.id ?? null,
    requestId: actor.requestId,
    ip: actor.ip,
    details,
  } satisfies typeof auditEvents.$inferInsert;
}

/** Appends one event in the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(
  transaction: Transaction,
  actor: AuditActor,
  event: AuditEvent,
  object: AuditObject | null = null,
  details: AuditDetails | null = null,
): Promise<void> {
  if (!transaction.tenantId) throw new Error('audit events belong to a partnership');
  await transaction.db
    .insert(auditEvents)
    .values(auditRowOf(transaction.tenantId, actor, event, object, details));
}
