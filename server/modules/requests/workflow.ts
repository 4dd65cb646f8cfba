import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { privacyStatementPath } from '../../../contracts/public.ts';
import { isPupilLevel } from '../../../contracts/requests.ts';
import type { Action } from '../../platform/access/policies.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { createToken, type Keys } from '../../platform/auth/credentials.ts';
import { RuleViolation } from '../../platform/http/errors.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { notify } from '../../platform/notifications/notifications.ts';
import { tenants } from '../../platform/tenants/tenants.schema.ts';
import {
  applyTransition,
  consentOf,
  contactPersonOf,
  loadConsentFacts,
  type RequestRow,
  revokeOpenLinks,
} from './requests.repository.ts';
import {
  assigneeOf,
  consentLinkDays,
  currentDecisionOf,
  isConsentRequiredOf,
  isReadyToStart,
  planTransition,
} from './requests.rules.ts';
import { consentLinks, supportRequests } from './requests.schema.ts';

export type WorkflowDependencies = { mailer: Mailer; keys: Keys; baseUrl: string };

/**
 * What the workflow needs of the context of the command it follows (a user's or a consent link's):
 * the transaction, the clock, and the audit of the steps it takes by itself.
 */
export type WorkflowContext = Pick<UseCaseContext, 'db' | 'transaction' | 'clock' | 'auditAsSystem'>;

/** A person who can receive a consent link. */
type LinkPerson = { id: string; kind: 'parent' | 'pupil'; email: string | null };

/**
 * The steps the system takes on its own inside a command's transaction: moving a request on when
 * consent or the parents-informed step completes, assigning it to the contact person, pausing it
 * when consent is withdrawn, sending consent links, and notifying people (mails without personal data).
 */
export class RequestWorkflow {
  constructor(private readonly deps: WorkflowDependencies) {}

  /**
   * Brings a request in line with its consent and parents-informed facts after a change, under the
   * action of the command that made it. Returns the request as it now stands.
   */
  async settle(context: WorkflowContext, request: RequestRow, action: Action, actorUserId: string | null) {
    let current = request;
    const { status: consentStatus, fixedOn } = await consentOf(context, current);
    if (consentStatus !== current.consentStatus || fixedOn !== current.consentFixedOn) {
      const [updated] = await context.db
        .update(supportRequests)
        .set({ consentStatus, consentFixedOn: fixedOn, updatedAt: sql`now()` })
        .where(eq(supportRequests.id, current.id))
        .returning();
      if (updated) current = updated;
    }
    const facts = {
      status: current.status,
      type: current.type,
      consentStatus,
      parentsInformed: !!current.parentsInformedOn,
      statusBeforePause: current.statusBeforePause,
    };
    if (current.status === 'submitted' && isReadyToStart(facts)) {
      const plan = planTransition(facts, 'mark_ready', action);
      if (plan.ok) {
        current = await this.applyAutomatic(context, current, action, {
          transition: 'mark_ready',
          to: plan.to,
          actorUserId,
        });
        current = await this.assignToContactPerson(context, current, action);
      }
    } else if (
      consentStatus === 'withdrawn' &&
      ['ready', 'assigned', 'in_progress', 'closed'].includes(current.status)
    ) {
      const plan = planTransition(facts, 'pause', action);
      if (plan.ok) {
        current = await this.applyAutomatic(context, current, action, {
          transition: 'pause',
          to: plan.to,
          actorUserId,
          set: { statusBeforePause: current.status },
        });
        await this.notify(context, [current.assignedUserId], 'paused', current);
      }
    } else if (current.status === 'paused' && consentStatus === 'complete') {
      const plan = planTransition(facts, 'resume', action);
      if (plan.ok) {
        current = await this.applyAutomatic(context, current, action, {
          transition: 'resume',
          to: plan.to,
          actorUserId,
          set: { statusBeforePause: null },
        });
        await this.notify(context, [current.assignedUserId], 'news', current);
      }
    }
    if (current.status === 'submitted' && isPupilLevel(current.type))
      await this.askPupilWhenDue(context, current);
    return current;
  }

  /**
   * A step the workflow takes by itself, as a consequence of someone's command: on the timeline and,
   * with the system as its actor and the command as its cause, in the audit trail (P2).
   */
  private async applyAutomatic(
    context: WorkflowContext,
    request: RequestRow,
    cause: Action,
    change: Parameters<typeof applyTransition>[2],
  ): Promise<RequestRow> {
    const updated = await applyTransition(context, request, change);
    await context.auditAsSystem(
      'requests.transitioned',
      { type: 'support_request', id: request.id },
      {
        transition: change.transition,
        from: request.status,
        to: updated.status,
        cause,
        ...assigneeOf(change.transition, updated.assignedUserId),
      },
    );
    return updated;
  }

  /** R1: a ready request goes to the school's contact person, when it has one. */
  private async assignToContactPerson(context: WorkflowContext, request: RequestRow, action: Action) {
    const contactUserId = await contactPersonOf(context, request.locationId, context.clock.today());
    if (!contactUserId) return request;
    const plan = planTransition({ status: request.status }, 'assign', action);
    if (!plan.ok) return request;
    const assigned = await this.applyAutomatic(context, request, action, {
      transition: 'assign',
      to: plan.to,
      actorUserId: null,
      set: { assignedUserId: contactUserId },
    });
    await this.notify(context, [contactUserId], 'assigned', assigned);
    return assigned;
  }

  /**
   * R9: a pupil who is 12 or older today and has not been asked yet gets their link as well, also
   * when they turned 12 while the parents' consent was pending.
   */
  private async askPupilWhenDue(context: WorkflowContext, request: RequestRow) {
    const { people, events } = await loadConsentFacts(context, request.id);
    const pupil = people.find((person) => person.kind === 'pupil');
    if (!pupil?.email || !isConsentRequiredOf(pupil, { onDate: context.clock.today() })) return;
    if (currentDecisionOf(pupil.id, events) !== null) return;
    const [openLink] = await context.db
      .select({ id: consentLinks.id })
      .from(consentLinks)
      .where(and(eq(consentLinks.personId, pupil.id), isNull(consentLinks.revokedAt)));
    if (!openLink) await this.sendConsentLink(context, request, pupil, null);
  }

  /** Sends a person their personal consent link (a resend replaces the previous link). */
  async sendConsentLink(
    context: WorkflowContext,
    request: RequestRow,
    person: LinkPerson,
    sentByUserId: string | null,
  ): Promise<void> {
    if (!person.email) throw new RuleViolation('no_email', 422);
    await revokeOpenLinks(context, person.id);
    const { token, hash } = createToken(this.deps.keys, request.tenantId);
    const expiresAt = new Date(context.clock.now().getTime() + consentLinkDays * 24 * 60 * 60 * 1000);
    await context.db.insert(consentLinks).values({
      tenantId: request.tenantId,
      requestId: request.id,
      personId: person.id,
      tokenHash: hash,
      expiresAt,
      sentByUserId,
    });
    const [tenant] = await context.db.select({ name: tenants.name, slug: tenants.slug }).from(tenants);
    const params = {
      partnership: tenant?.name ?? 'Passend',
      link: `${this.deps.baseUrl}/toestemming#token=${token}`,
      // The partnership's privacy statement: the child's version for a pupil (no personal data in it).
      privacy: `${this.deps.baseUrl}${privacyStatementPath(tenant?.slug ?? '', person.kind)}`,
      expires: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
        expiresAt,
      ),
    };
    const prefix = person.kind === 'pupil' ? 'mail.consentPupil' : 'mail.consentParent';
    await this.deps.mailer.send(context.transaction, {
      to: person.email,
      subject: translate('nl', `${prefix}Subject`),
      text: translate('nl', `${prefix}Text`, params),
    });
  }

  /** Tells people there is news on a request: only that, the reference and a link (R7). */
  async notify(
    context: WorkflowContext,
    userIds: Array<string | null>,
    kind: 'news' | 'assigned' | 'paused',
    request: RequestRow,
  ): Promise<void> {
    const recipients = [...new Set(userIds.filter((id): id is string => !!id))];
    if (recipients.length === 0) return;
    const rows = await context.db
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(inArray(users.id, recipients));
    const params = { reference: request.reference, link: `${this.deps.baseUrl}/hulpvragen/${request.id}` };
    await notify(context.transaction, {
      tenantId: request.tenantId,
      userIds: recipients,
      kind: `request_${kind}`,
      link: `/hulpvragen/${request.id}`,
    });
    for (const row of rows) {
      const locale = row.locale ?? 'nl';
      await this.deps.mailer.send(context.transaction, {
        to: row.email,
        subject: translate(locale, `mail.${kind}Subject`),
        text: translate(locale, `mail.${kind}Text`, params),
      });
    }
  }
}
