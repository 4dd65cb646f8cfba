import type { DatabaseClient } from '../../db/client.ts';
import type { Actor } from '../access/policies.ts';
import type { auditEvents } from '../audit/audit.schema.ts';
import type { SessionContext } from '../auth/auth.service.ts';

export type PendingAuditEvent = typeof auditEvents.$inferInsert & { tenantId: string };

/** How a read's session stood when its audit events were committed. */
export type ReadVerdict =
  /** The session holds with the roles the read used: its events are committed, the answer may go. */
  | 'confirmed'
  /** The session ended (signed out, expired, account ended): nothing may be shown. */
  | 'ended'
  /** The session holds but the user's roles or pairs changed: the read must be done again. */
  | 'changed';

/** How the confirmations check sessions: the auth service. */
export type SessionVerifier = {
  /** One statement (no parameters) that checks these sessions in the current partnership. */
  sessionsCheckFor(sessionIds: string[], today: string): string;
  /** The sessions as the check found them (absent: ended). */
  sessionsFromCheck(sessions: SessionContext[], rows: unknown[]): Map<string, SessionContext>;
};

type Waiting = {
  session: SessionContext;
  actor: Actor;
  events: PendingAuditEvent[];
  settle: (verdict: ReadVerdict | Error) => void;
};

/**
 * Group commit of reads: the reads that finish while a batch is being written go together into the next
 * one, one transaction per partnership, which checks their sessions and appends the audit events of
 * those still valid. A read answers only once its batch has committed, so nothing is shown unaudited
 * or to a session that ended before it (P2, P7) — and the check costs no round trip of its own.
 */
export class ReadConfirmations {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly database: DatabaseClient,
    private readonly sessions: SessionVerifier,
    private readonly today: () => string,
  ) {}

  /** Resolves with the verdict once the read's batch has committed; rejects when it could not be written. */
  confirm(session: SessionContext, actor: Actor, events: PendingAuditEvent[]): Promise<ReadVerdict> {
    const verdict = new Promise<ReadVerdict>((resolve, reject) => {
      this.waiting.push({
        session,
        actor,
        events,
        settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
      });
    });
    if (!this.writing) this.writing = this.drain();
    return verdict;
  }

  /** Resolves once nothing is waiting or being written. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        const byTenant = new Map<string, Waiting[]>();
        for (const entry of batch) {
          const group = byTenant.get(entry.session.tenantId) ?? [];
          group.push(entry);
          byTenant.set(entry.session.tenantId, group);
        }
        await Promise.all([...byTenant].map(([tenantId, group]) => this.write(tenantId, group)));
      }
    } finally {
      this.writing = null;
    }
  }

  private async write(tenantId: string, group: Waiting[]): Promise<void> {
    try {
      const sessionIds = [...new Set(group.map((entry) => entry.session.sessionId))];
      const check = this.sessions.sessionsCheckFor(sessionIds, this.today());
      const events = group.flatMap((entry) =>
        entry.events.map((event) => ({ ...event, sessionId: entry.session.sessionId })),
      );
      // The events of reads whose session still holds. A read whose roles changed is done again and
      // audited again; its first events stay, which says more than happened, never less.
      const insert = `insert into audit_events (tenant_id, event, actor_user_id, actor_roles, object_type,
          object_id, request_id, ip, details)
        select e."tenantId", e.event, e."actorUserId", e."actorRoles", e."objectType", e."objectId",
          e."requestId", e.ip, e.details
        from json_to_recordset(${quoteLiteral(JSON.stringify(events))}) as e("sessionId" uuid, "tenantId" uuid,
          event text, "actorUserId" uuid, "actorRoles" text[], "objectType" text, "objectId" text,
          "requestId" text, ip text, details jsonb)
        where e."sessionId" in (select checked.session_id from (${check}) as checked)`;
      const [checked = []] = await this.database.runStatements(
        tenantId,
        events.length > 0 ? [check, insert] : [check],
      );
      const current = this.sessions.sessionsFromCheck(
        group.map((entry) => entry.session),
        checked,
      );
      for (const entry of group) entry.settle(verdictOf(entry, current.get(entry.session.sessionId)));
    } catch (error) {
      for (const entry of group) entry.settle(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/**
 * A text as an SQL string literal. `runStatements` sets standard_conforming_strings, so a backslash is
 * an ordinary character and doubling the quotes is all it takes; a NUL cannot occur in JSON text.
 */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function verdictOf(entry: Waiting, current: SessionContext | undefined): ReadVerdict {
  if (!current?.actor) return 'ended';
  return isSameReach(entry.actor, current.actor) ? 'confirmed' : 'changed';
}

/** Whether two views of an actor grant the same: the same roles where, the same pairs and board schools. */
export function isSameReach(used: Actor, now: Actor): boolean {
  const rolesOf = (actor: Actor) =>
    actor.roles.map((role) => `${role.role}/${role.teamRole ?? ''}/${role.locationId ?? ''}`).sort();
  const same = (left: string[], right: string[]) =>
    left.length === right.length && left.every((value, index) => value === right[index]);
  return (
    same(rolesOf(used), rolesOf(now)) &&
    same([...used.assignedLocationIds].sort(), [...now.assignedLocationIds].sort()) &&
    same([...used.contactLocationIds].sort(), [...now.contactLocationIds].sort()) &&
    same([...used.boardLocationIds].sort(), [...now.boardLocationIds].sort())
  );
}
