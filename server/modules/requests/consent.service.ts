import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  type ConsentPage,
  type ConsentSettings,
  consentTextVersions,
  type PaperConsentFields,
  type RequestDetail,
  requestRetentionYears,
} from '../../../contracts/requests.ts';
import type { TeamRole } from '../../../contracts/roles.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { requireVisible } from '../../platform/access/references.ts';
import { type AuditActor, auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { type Keys, parseToken } from '../../platform/auth/credentials.ts';
import { NotFound, RuleViolation } from '../../platform/http/errors.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import { checkAttachment } from './attachments.ts';
import { loadConsentFacts, type RequestRow, revokeOpenLinks } from './requests.repository.ts';
import {
  consentJudgementDate,
  consentLinkUse,
  currentDecisionOf,
  isConsentRequiredOf,
} from './requests.rules.ts';
import {
  consentLinks,
  consentRecords,
  partnershipSettings,
  requestPeople,
  supportRequests,
} from './requests.schema.ts';
import { type RequestsService, requestObject } from './requests.service.ts';
import type { RequestWorkflow } from './workflow.ts';

type Person = typeof requestPeople.$inferSelect;

/**
 * Consent of parents and pupils (R8, R9, P3): links, paper forms, withdrawal and asking again on the
 * school's side, and the page behind the personal link for people without an account.
 */
export class ConsentService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly requests: RequestsService,
    private readonly workflow: RequestWorkflow,
    private readonly keys: Keys,
  ) {}

  /** Sends a person their link, or a new one (the old link stops working). */
  sendLink(actor: Actor, requestId: string, personId: string, meta: RequestMeta): Promise<RequestDetail> {
    return this.requests.command(
      actor,
      requestId,
      'requests.manage_consent',
      async (transaction, request) => {
        const person = await this.personFor(transaction, request, personId);
        const decision = await this.decisionOf(transaction, request, person.id);
        if (decision === 'refused' || decision === 'withdrawn')
          throw new RuleViolation('consent_refused_final');
        if (decision === 'given') throw new RuleViolation('consent_already_answered');
        await this.workflow.sendConsentLink(transaction, request, person, actor.userId);
        await recordAudit(
          transaction,
          auditActorOf(actor, meta),
          'consent.link_sent',
          requestObject(request),
          {
            role: person.kind,
          },
        );
        return request;
      },
    );
  }

  /** The school withdraws a given consent on the person's behalf; the request pauses at once (P3). */
  withdrawFor(actor: Actor, requestId: string, personId: string, meta: RequestMeta): Promise<RequestDetail> {
    return this.requests.command(
      actor,
      requestId,
      'requests.manage_consent',
      async (transaction, request) => {
        const person = await this.personFor(transaction, request, personId);
        if ((await this.decisionOf(transaction, request, person.id)) !== 'given')
          throw new RuleViolation('consent_not_given');
        await this.record(transaction, auditActorOf(actor, meta), request, person, {
          decision: 'withdrawn',
          method: 'school',
          recordedByUserId: actor.userId,
        });
        return this.workflow.settle(transaction, request, 'requests.manage_consent', actor.userId, meta);
      },
    );
  }

  /** After a refusal or withdrawal the school may ask again: recorded, and a new link goes out. */
  askAgain(actor: Actor, requestId: string, personId: string, meta: RequestMeta): Promise<RequestDetail> {
    return this.requests.command(
      actor,
      requestId,
      'requests.manage_consent',
      async (transaction, request) => {
        const person = await this.personFor(transaction, request, personId);
        const decision = await this.decisionOf(transaction, request, person.id);
        if (decision !== 'refused' && decision !== 'withdrawn')
          throw new RuleViolation('consent_not_refused');
        await this.record(transaction, auditActorOf(actor, meta), request, person, {
          decision: 'asked_again',
          method: 'school',
          recordedByUserId: actor.userId,
        });
        if (person.email) await this.workflow.sendConsentLink(transaction, request, person, actor.userId);
        return this.workflow.settle(transaction, request, 'requests.manage_consent', actor.userId, meta);
      },
    );
  }

  /** (b) paper: the school uploads the signed form and states who signed and when. */
  recordPaper(
    actor: Actor,
    requestId: string,
    fields: PaperConsentFields,
    file: UploadedFile | null,
    meta: RequestMeta,
  ): Promise<RequestDetail> {
    return this.requests.command(
      actor,
      requestId,
      'requests.manage_consent',
      async (transaction, request) => {
        await requireVisible(
          transaction,
          actor,
          { kind: 'requestPerson', requestId: request.id },
          { personId: fields.personId },
        );
        const person = await this.personFor(transaction, request, fields.personId);
        const decision = await this.decisionOf(transaction, request, person.id);
        if (decision === 'refused' || decision === 'withdrawn')
          throw new RuleViolation('consent_refused_final');
        if (decision === 'given') throw new RuleViolation('consent_already_answered');
        const checked = await checkAttachment(file);
        if (!file) throw new RuleViolation('attachment_missing', 422);
        const attachmentId = await this.requests.storeFile(
          transaction,
          actor,
          request,
          file,
          checked,
          { messageId: null, kind: 'consent_form' },
          meta,
        );
        // The paper answer stands; an open link could otherwise answer a second time.
        await revokeOpenLinks(transaction, person.id);
        await this.record(transaction, auditActorOf(actor, meta), request, person, {
          decision: fields.decision,
          method: 'paper',
          decidedOn: fields.signedOn,
          signedBy: fields.signedBy,
          attachmentId,
          recordedByUserId: actor.userId,
        });
        return this.workflow.settle(transaction, request, 'requests.manage_consent', actor.userId, meta);
      },
    );
  }

  /** The consent page behind a personal link (no account): only what the person needs to decide. */
  view(token: string, meta: RequestMeta): Promise<ConsentPage> {
    return this.withLink(token, async (transaction, link) => {
      const use = consentLinkUse(link, link.decision, link.request.status, new Date());
      if (use.refusal && !use.canWithdraw && !link.answeredAt) throw new RuleViolation(use.refusal, 422);
      await recordAudit(
        transaction,
        publicActor(link.person, meta),
        'consent.page_viewed',
        requestObject(link.request),
      );
      return this.pageOf(transaction, link);
    });
  }

  /** The person agrees or refuses through their link; the link is used up by the answer. */
  answer(token: string, decision: 'given' | 'refused', meta: RequestMeta): Promise<ConsentPage> {
    return this.withLink(token, async (transaction, link) => {
      const use = consentLinkUse(link, link.decision, link.request.status, new Date());
      if (!use.canAnswer) {
        if (link.answeredAt || link.decision) throw new RuleViolation('consent_already_answered');
        throw new RuleViolation(use.refusal ?? 'invalid_token', 422);
      }
      // Marking the link used in the statement that checks it: two answers cannot both pass.
      const [used] = await transaction.db
        .update(consentLinks)
        .set({ answeredAt: new Date() })
        .where(and(eq(consentLinks.id, link.id), isNull(consentLinks.answeredAt)))
        .returning({ id: consentLinks.id });
      if (!used) throw new RuleViolation('consent_already_answered');
      await this.record(transaction, publicActor(link.person, meta), link.request, link.person, {
        decision,
        method: 'digital',
        textVersion: consentTextVersions[link.person.kind],
        linkId: link.id,
      });
      const settled = await this.workflow.settle(transaction, link.request, 'consent.respond', null, meta);
      return this.pageOf(transaction, { ...link, request: settled, answeredAt: new Date(), decision });
    });
  }

  /** Anyone who consented withdraws through the same link; the request pauses at once (P3). */
  withdraw(token: string, meta: RequestMeta): Promise<ConsentPage> {
    return this.withLink(token, async (transaction, link) => {
      const use = consentLinkUse(link, link.decision, link.request.status, new Date());
      if (!use.canWithdraw) {
        if (use.refusal) throw new RuleViolation(use.refusal, 422);
        throw new RuleViolation('consent_not_given');
      }
      await this.record(transaction, publicActor(link.person, meta), link.request, link.person, {
        decision: 'withdrawn',
        method: 'digital',
        textVersion: consentTextVersions[link.person.kind],
        linkId: link.id,
      });
      const settled = await this.workflow.settle(transaction, link.request, 'consent.respond', null, meta);
      return this.pageOf(transaction, { ...link, request: settled, decision: 'withdrawn' });
    });
  }

  /** The partnership's consent setting (R8). */
  settings(actor: Actor): Promise<ConsentSettings> {
    return this.database.withTenant(actor.tenantId, async ({ db }) => {
      const [row] = await db.select().from(partnershipSettings);
      return { oneParentSuffices: row?.consentOneParentSuffices ?? false };
    });
  }

  /** Changes the consent setting; requests under way are judged by it from now on. */
  changeSettings(actor: Actor, input: ConsentSettings, meta: RequestMeta): Promise<ConsentSettings> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await transaction.db
        .insert(partnershipSettings)
        .values({ tenantId: actor.tenantId, consentOneParentSuffices: input.oneParentSuffices })
        .onConflictDoUpdate({
          target: partnershipSettings.tenantId,
          set: { consentOneParentSuffices: input.oneParentSuffices, updatedAt: new Date() },
        });
      await recordAudit(transaction, auditActorOf(actor, meta), 'settings.changed', null, {
        setting: 'consent_one_parent_suffices',
        value: input.oneParentSuffices,
      });
      return input;
    });
  }

  private async personFor(transaction: Transaction, request: RequestRow, personId: string): Promise<Person> {
    const [person] = await transaction.db
      .select()
      .from(requestPeople)
      .where(and(eq(requestPeople.id, personId), eq(requestPeople.requestId, request.id)));
    if (!person) throw new NotFound();
    if (!isConsentRequiredOf(person, { onDate: consentJudgementDate(request, todayInAmsterdam()) }))
      throw new RuleViolation('consent_not_needed', 422);
    return person;
  }

  private async decisionOf(transaction: Transaction, request: RequestRow, personId: string) {
    const { events } = await loadConsentFacts(transaction, request.id);
    return currentDecisionOf(personId, events);
  }

  private async record(
    transaction: Transaction,
    auditActor: AuditActor,
    request: RequestRow,
    person: Person,
    entry: Omit<typeof consentRecords.$inferInsert, 'tenantId' | 'requestId' | 'personId' | 'decidedOn'> & {
      decidedOn?: string;
    },
  ): Promise<void> {
    await transaction.db.insert(consentRecords).values({
      ...entry,
      tenantId: request.tenantId,
      requestId: request.id,
      personId: person.id,
      decidedOn: entry.decidedOn ?? todayInAmsterdam(),
    });
    await recordAudit(transaction, auditActor, 'consent.recorded', requestObject(request), {
      decision: entry.decision,
      method: entry.method,
      role: person.kind,
    });
  }

  /** Resolves a link token (it names its partnership) and runs the work under that partnership. */
  private withLink<T>(
    token: string,
    work: (transaction: Transaction, link: LinkFacts) => Promise<T>,
  ): Promise<T> {
    const parsed = parseToken(this.keys, token);
    if (!parsed) throw new RuleViolation('invalid_token', 422);
    return this.database.withTenant(parsed.tenantId, async (transaction) => {
      const [row] = await transaction.db
        .select({ link: consentLinks, person: requestPeople, request: supportRequests })
        .from(consentLinks)
        .innerJoin(requestPeople, eq(requestPeople.id, consentLinks.personId))
        .innerJoin(supportRequests, eq(supportRequests.id, consentLinks.requestId))
        .where(eq(consentLinks.tokenHash, parsed.hash))
        .for('update', { of: supportRequests });
      if (!row || row.link.revokedAt) throw new RuleViolation('invalid_token', 422);
      const decision = await this.decisionOf(transaction, row.request, row.person.id);
      return work(transaction, { ...row.link, person: row.person, request: row.request, decision });
    });
  }

  private async pageOf(transaction: Transaction, link: LinkFacts): Promise<ConsentPage> {
    const today = todayInAmsterdam();
    const [facts] = await queryRows<{ partnership: string; school: string }>(
      transaction.db,
      sql`select t.name as partnership, l.name as school from tenants t, locations l
        where l.id = ${link.request.locationId}::uuid`,
    );
    const members = await queryRows<{ name: string; team_role: TeamRole }>(
      transaction.db,
      sql`select u.name, a.team_role from school_team_assignments a join users u on u.id = a.user_id
        where a.location_id = ${link.request.locationId}::uuid and a.valid_from <= ${today}::date
          and (a.valid_to is null or a.valid_to > ${today}::date)
        order by a.is_contact desc, u.name`,
    );
    const pupil =
      link.person.kind === 'pupil' ? link.person : await this.pupilOf(transaction, link.request.id);
    const use = consentLinkUse(link, link.decision, link.request.status, new Date());
    return {
      audience: link.person.kind,
      partnershipName: facts?.partnership ?? '',
      schoolName: facts?.school ?? '',
      requestType: link.request.type ?? 'pupil_advice',
      pupilFirstName: (pupil?.name ?? '').split(/\s+/)[0] ?? '',
      personName: link.person.name,
      teamMembers: members.map((member) => ({ name: member.name, teamRole: member.team_role })),
      retentionYears: requestRetentionYears,
      textVersion: consentTextVersions[link.person.kind],
      expiresAt: link.expiresAt.toISOString(),
      decision: link.decision,
      canAnswer: use.canAnswer,
      canWithdraw: use.canWithdraw,
    };
  }

  private async pupilOf(transaction: Transaction, requestId: string) {
    const [pupil] = await transaction.db
      .select({ name: requestPeople.name })
      .from(requestPeople)
      .where(and(eq(requestPeople.requestId, requestId), eq(requestPeople.kind, 'pupil')));
    return pupil ?? null;
  }
}

type LinkFacts = typeof consentLinks.$inferSelect & {
  person: Person;
  request: RequestRow;
  decision: 'given' | 'refused' | 'withdrawn' | null;
};

/** Parents and pupils act without an account: the audit names their role only. */
function publicActor(person: Person, meta: RequestMeta): AuditActor {
  return { userId: null, roles: [person.kind], requestId: meta.requestId, ip: meta.ip };
}
