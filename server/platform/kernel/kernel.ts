import type { SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Locale } from '../../../contracts/fields.ts';
import type { DatabaseClient, DbTransaction, Transaction } from '../../db/client.ts';
import {
  type Action,
  type Actor,
  canAccess,
  hasGrant,
  type ResourceScope,
  type ScopeColumns,
  scopeCondition,
} from '../access/policies.ts';
import { type Reference, requireVisible } from '../access/references.ts';
import {
  type AuditActor,
  type AuditDetails,
  type AuditEvent,
  type AuditObject,
  auditActorOf,
  auditRowOf,
  recordAudit,
  systemAuditActor,
} from '../audit/audit.ts';
import type { SessionContext } from '../auth/auth.service.ts';
import { Forbidden, HttpError, NotFound, Unauthenticated } from '../http/errors.ts';
import { partnershipIds } from '../jobs/partnership-jobs.ts';
import type { Clock } from './clock.ts';
import { type PendingAuditEvent, ReadConfirmations, type SessionVerifier } from './read-confirmations.ts';
import type { Target } from './targets.ts';

/** How the kernel checks sessions as they are now (the auth service). */
export type SessionChecker = SessionVerifier & {
  /** The request's session read again from the database (after its roles changed). */
  refreshSession(request: FastifyRequest): Promise<SessionContext | null>;
};

// A read whose user's roles keep changing under it is not tried forever.
const maximumReadAttempts = 3;

/** What every use case runs with: who, what, when, where — and one transaction in their partnership. */
export type UseCaseContext = {
  actor: Actor;
  /** The policy action of the route. */
  action: Action;
  requestId: string;
  locale: Locale;
  clock: Clock;
  /** The use case's one transaction, bound to the actor's partnership (row-level security on). */
  transaction: Transaction;
  db: DbTransaction;
  /** Records an event as the actor: in the transaction for a command, group-committed for a read. */
  audit(event: AuditEvent, object?: AuditObject | null, details?: AuditDetails | null): Promise<void>;
  /** Records what Passend did by itself as a consequence of this command (an automatic step). */
  auditAsSystem(event: AuditEvent, object?: AuditObject | null, details?: AuditDetails | null): Promise<void>;
  /** The single-record check of the policy table. */
  may(action: Action, scope: Omit<ResourceScope, 'tenantId'>): boolean;
  /** Refuses (403) unless the policy allows the action on this record. */
  require(action: Action, scope: Omit<ResourceScope, 'tenantId'>): void;
  /** The policy as an SQL condition, for lists. */
  scope(action: Action, columns: ScopeColumns): SQL;
  /**
   * The target row through the policy: missing, another partnership's, or out of the actor's reach to
   * read all answer 404; readable but not for this action answers 403.
   */
  load<Row>(target: Target<Row>, id: string, options?: { lock?: boolean; action?: Action }): Promise<Row>;
  /** Proves every id the client sent names a row this actor may use there (400 on the field otherwise). */
  requireVisible(
    reference: Reference,
    fields: Parameters<typeof requireVisible>[3],
    code?: string,
  ): Promise<void>;
};

/**
 * The context of a route without a signed-in user (a parent's link, a calendar feed, the public pages):
 * the partnership comes from the link, and events are recorded without a user.
 */
export type PublicContext = Pick<UseCaseContext, 'requestId' | 'locale' | 'clock' | 'transaction' | 'db'> & {
  audit: UseCaseContext['audit'];
  /** Records an event as the link's holder, who has no account and is named by their role only (a parent). */
  auditAs(
    role: string,
    event: AuditEvent,
    object?: AuditObject | null,
    details?: AuditDetails | null,
  ): Promise<void>;
  /** Records what Passend did by itself as a consequence of what the link's holder did (an automatic step). */
  auditAsSystem: UseCaseContext['auditAsSystem'];
};

/** What Passend does by itself in one partnership (a job), with a system actor and a clock. */
export type SystemContext = Pick<UseCaseContext, 'clock' | 'transaction' | 'db'> & {
  tenantId: string;
  audit: UseCaseContext['audit'];
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Runs the route's use case through the kernel (see `Kernel.run`). */
    useCase<T>(work: (context: UseCaseContext) => Promise<T>): Promise<T>;
    /** Runs a public route's use case in the partnership its link names. */
    publicUseCase<T>(tenantId: string, work: (context: PublicContext) => Promise<T>): Promise<T>;
  }
}

const safeMethods = new Set(['GET', 'HEAD']);

/**
 * The one request path: the session (already resolved by the request hook) → the route's action →
 * one transaction in the actor's partnership → the use case with its context → audit events bound to
 * the actor. A module writes the contract, the policy row and the use case; it never opens a
 * transaction, builds an audit actor, checks a role or reads the wall clock.
 */
export class Kernel {
  private readConfirmations: ReadConfirmations | null = null;

  constructor(
    private readonly deps: {
      database: DatabaseClient;
      clock: Clock;
      /** Needed by routes with a signed-in user; a kernel that only runs jobs goes without. */
      sessions?: SessionChecker;
    },
  ) {}

  get clock(): Clock {
    return this.deps.clock;
  }

  /** Adds `request.useCase` and `request.publicUseCase` to every request of the app. */
  register(app: FastifyInstance): void {
    const kernel = this;
    app.decorateRequest('useCase', function useCase<
      T,
    >(this: FastifyRequest, work: (context: UseCaseContext) => Promise<T>) {
      return kernel.run(this, work);
    });
    app.decorateRequest('publicUseCase', function publicUseCase<
      T,
    >(this: FastifyRequest, tenantId: string, work: (context: PublicContext) => Promise<T>) {
      return kernel.runPublic(this, tenantId, work);
    });
    app.addHook('onClose', async () => {
      await this.readConfirmations?.idle();
    });
  }

  /**
   * Runs a protected route's use case. A command checks the session again in the round trip that opens
   * its transaction and commits its audit events with its change. A read runs on the session as the
   * request's early check found it; its answer waits for the batch that checks the session as it is
   * now and commits the read's events (see ReadConfirmations) — and is done again when the user's
   * roles changed meanwhile.
   */
  async run<T>(request: FastifyRequest, work: (context: UseCaseContext) => Promise<T>): Promise<T> {
    const action = request.routeOptions.config.action;
    if (!action) throw new Error(`route ${request.routeOptions.url} names no action`);
    if (!safeMethods.has(request.method)) return this.runCommand(request, action, work);
    for (let attempt = 1; ; attempt += 1) {
      const session = request.session;
      const actor = session?.actor;
      if (!session || !actor) throw new Unauthenticated();
      const events: PendingAuditEvent[] = [];
      let outcome: { value: T } | { error: HttpError };
      try {
        const value = await this.deps.database.withTenant(
          session.tenantId,
          (transaction) => {
            if (!hasGrant(actor, action)) throw new Forbidden();
            return work(this.contextOf(transaction, { request, session, actor, action, deferTo: events }));
          },
          { readOnly: true },
        );
        outcome = { value };
      } catch (error) {
        // A refusal tells something too: it waits for the session check like an answer.
        if (!(error instanceof HttpError)) throw error;
        outcome = { error };
        events.length = 0;
      }
      const verdict = await this.confirmations().confirm(session, actor, events);
      if (verdict === 'ended') throw new Unauthenticated();
      if (verdict === 'confirmed') {
        if ('error' in outcome) throw outcome.error;
        return outcome.value;
      }
      // The roles changed under the read: do it again on the session as it is now.
      if (attempt === maximumReadAttempts) throw new Unauthenticated();
      request.session = await this.sessionChecker().refreshSession(request);
    }
  }

  private async runCommand<T>(
    request: FastifyRequest,
    action: Action,
    work: (context: UseCaseContext) => Promise<T>,
  ): Promise<T> {
    const session = request.session;
    if (!session?.actor) throw new Unauthenticated();
    const sessions = this.sessionChecker();
    return this.deps.database.withTenant(
      session.tenantId,
      (transaction) => {
        // The session as it is now, not as the request's early check saw it (P7: the next request).
        const current = sessions.sessionsFromCheck([session], transaction.openingRows).get(session.sessionId);
        const actor = current?.actor;
        if (!current || !actor) throw new Unauthenticated();
        // Whatever the answer, it speaks the user's language as it is now.
        request.session = current;
        if (!hasGrant(actor, action)) throw new Forbidden();
        return work(this.contextOf(transaction, { request, session: current, actor, action, deferTo: null }));
      },
      { opening: sessions.sessionsCheckFor([session.sessionId], this.deps.clock.today()) },
    );
  }

  private sessionChecker(): SessionChecker {
    if (!this.deps.sessions) throw new Error('this kernel checks no sessions');
    return this.deps.sessions;
  }

  private confirmations(): ReadConfirmations {
    this.readConfirmations ??= new ReadConfirmations(this.deps.database, this.sessionChecker(), () =>
      this.deps.clock.today(),
    );
    return this.readConfirmations;
  }

  /**
   * Runs a public route's use case in the partnership its link names; events carry no user (`auditAs`
   * names the link's holder by role, e.g. a parent).
   */
  async runPublic<T>(
    request: FastifyRequest,
    tenantId: string,
    work: (context: PublicContext) => Promise<T>,
  ): Promise<T> {
    const auditActor: AuditActor = { userId: null, roles: [], requestId: request.id, ip: request.ip };
    return this.deps.database.withTenant(tenantId, (transaction) =>
      work({
        requestId: request.id,
        locale: request.session?.locale ?? 'nl',
        clock: this.deps.clock,
        transaction,
        db: transaction.db,
        audit: (event, object = null, details = null) =>
          recordAudit(transaction, auditActor, event, object, details),
        auditAs: (role, event, object = null, details = null) =>
          recordAudit(transaction, { ...auditActor, roles: [role] }, event, object, details),
        auditAsSystem: (event, object = null, details = null) =>
          recordAudit(transaction, systemAuditActor({ requestId: request.id }), event, object, details),
      }),
    );
  }

  /** The ids of every partnership, for a job that works through them in transactions of its own. */
  partnershipIds(): Promise<string[]> {
    return partnershipIds(this.deps.database);
  }

  /** Runs work of a job in one partnership as the system, in one transaction. */
  runAsSystem<T>(tenantId: string, job: string, work: (context: SystemContext) => Promise<T>): Promise<T> {
    const auditActor = systemAuditActor({ job });
    return this.deps.database.withTenant(tenantId, (transaction) =>
      work({
        tenantId,
        clock: this.deps.clock,
        transaction,
        db: transaction.db,
        audit: (event, object = null, details = null) =>
          recordAudit(transaction, auditActor, event, object, details),
      }),
    );
  }

  /**
   * Runs a job's work in every partnership, each in a transaction of its own as the system, and returns
   * the sum of what the runs report; a run that did something is in the partnership's audit trail.
   */
  async sumOverPartnerships(job: string, work: (context: SystemContext) => Promise<number>): Promise<number> {
    let total = 0;
    for (const tenantId of await partnershipIds(this.deps.database))
      total += await this.runAsSystem(tenantId, job, async (context) => {
        const count = await work(context);
        if (count > 0) await context.audit('jobs.run', null, { job, count });
        return count;
      });
    return total;
  }

  private contextOf(
    transaction: Transaction,
    facts: {
      request: FastifyRequest;
      session: SessionContext;
      actor: Actor;
      action: Action;
      deferTo: PendingAuditEvent[] | null;
    },
  ): UseCaseContext {
    const { actor, action, deferTo, request } = facts;
    const auditActor = auditActorOf(actor, { requestId: request.id, ip: request.ip });
    const may = (checked: Action, scope: Omit<ResourceScope, 'tenantId'>) =>
      canAccess(actor, checked, { tenantId: actor.tenantId, ...scope });
    return {
      actor,
      action,
      requestId: request.id,
      locale: facts.session.locale,
      clock: this.deps.clock,
      transaction,
      db: transaction.db,
      audit: async (event, object = null, details = null) => {
        if (!deferTo) return recordAudit(transaction, auditActor, event, object, details);
        deferTo.push(auditRowOf(actor.tenantId, auditActor, event, object, details));
      },
      auditAsSystem: (event, object = null, details = null) =>
        recordAudit(transaction, systemAuditActor({ requestId: request.id }), event, object, details),
      may,
      require(checked, scope) {
        if (!may(checked, scope)) throw new Forbidden();
      },
      scope: (checked, columns) => scopeCondition(actor, checked, columns),
      async load(target, id, options = {}) {
        const row = await target.load(transaction, id, { lock: options.lock ?? false });
        if (!row) throw new NotFound();
        const fullMay = (checked: Action, resource: ResourceScope) => canAccess(actor, checked, resource);
        const readActions = typeof target.readAction === 'string' ? [target.readAction] : target.readAction;
        const readable =
          readActions.some((read) => canAccess(actor, read, target.scopeOf(row, read))) &&
          (target.isVisible?.(actor, row, fullMay) ?? true);
        if (!readable) throw new NotFound();
        const performed = options.action ?? action;
        if (!canAccess(actor, performed, target.scopeOf(row, performed))) throw new Forbidden();
        return row;
      },
      requireVisible: (reference, fields, code) =>
        requireVisible(transaction, actor, reference, fields, code),
    };
  }
}
