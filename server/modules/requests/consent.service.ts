import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FileReader } from '../../../contracts/privacy.ts';
import {
  type ConsentPage,
  type ConsentSettings,
  consentTextVersions,
  type PaperConsentFields,
  type RequestDetail,
} from '../../../contracts/requests.ts';
import type { TeamRole } from '../../../contracts/roles.ts';
import { queryRows } from '../../db/client.ts';
import type { AuditEvent } from '../../platform/audit/audit.ts';
import { fileReadersOf } from '../../platform/audit/file-readers.ts';
import { type Keys, parseToken } from '../../platform/auth/credentials.ts';
import { NotFound, RuleViolation } from '../../platform/http/errors.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import type { PublicContext, UseCaseContext } from '../../platform/kernel/kernel.ts';
import { amountOf } from '../retention/retention.rules.ts';
import { retentionScheduleOf } from '../retention/schedule.ts';
import { checkAttachment } from './attachments.ts';
import { loadConsentFacts, type Queries, type RequestRow, revokeOpenLinks } from './requests.repository.ts';
import {
  consentJudgementDate,
  consentLinkUse,
  currentDecisionOf,
  isConsentRequiredOf,
  mayHolderSeeReaders,
} from './requests.rules.ts';
import {
  consentLinks,
  consentRecords,
  partnershipSettings,
  requestPeople,
  supportRequests,
} from './requests.schema.ts';
import { attachmentObject, requestObject, runRequestCommand, storeFile } from './requests.service.ts';
import type { RequestWorkflow } from './workflow.ts';

type Person = typeof requestPeople.$inferSelect;

/** A consent link as presented: the partnership it names, and the hash it is stored under. */
export type PresentedLink = { tenantId: string; hash: string };

/**
 * Consent of parents and pupils (R8, R9, P3): links, paper forms, withdrawal and asking again on the
 * school's side, and the page behind the personal link for people without an account.
 */
export class ConsentService {
  constructor(
    private readonly workflow: RequestWorkflow,
    private readonly keys: Keys,
  ) {}

  /** Sends a person their link, or a new one (the old link stops working). */
  sendLink(context: UseCaseContext, requestId: string, personId: string): Promise<RequestDetail> {
    return runRequestCommand(context, requestId, async (request) => {
      const person = await personFor(context, request, personId);
      const decision = await decisionOf(context, request, person.id);
      if (decision === 'refused' || decision === 'withdrawn')
        throw new RuleViolation('consent_refused_final');
      if (decision === 'given') throw new RuleViolation('consent_already_answered');
      await this.workflow.sendConsentLink(context, request, person, context.actor.userId);
      await context.audit('consent.link_sent', requestObject(request), { role: person.kind });
      return request;
    });
  }

  /** The school withdraws a given consent on the person's behalf; the request pauses at once (P3). */
  withdrawFor(context: UseCaseContext, requestId: string, personId: string): Promise<RequestDetail> {
    return runRequestCommand(context, requestId, async (request) => {
      const person = await personFor(context, request, personId);
      if ((await decisionOf(context, request, person.id)) !== 'given')
        throw new RuleViolation('consent_not_given');
      await record(
        context,
        request,
        person,
        { decision: 'withdrawn', method: 'school', recordedByUserId: context.actor.userId },
        context.audit,
      );
      return this.workflow.settle(context, request, context.action, context.actor.userId);
    });
  }

  /** After a refusal or withdrawal the school may ask again: recorded, and a new link goes out. */
  askAgain(context: UseCaseContext, requestId: string, personId: string): Promise<RequestDetail> {
    return runRequestCommand(context, requestId, async (request) => {
      const person = await personFor(context, request, personId);
      const decision = await decisionOf(context, request, person.id);
      if (decision !== 'refused' && decision !== 'withdrawn') throw new RuleViolation('consent_not_refused');
      await record(
        context,
        request,
        person,
        { decision: 'asked_again', method: 'school', recordedByUserId: context.actor.userId },
        context.audit,
      );
      if (person.email) await this.workflow.sendConsentLink(context, request, person, context.actor.userId);
      return this.workflow.settle(context, request, context.action, context.actor.userId);
    });
  }

  /** (b) paper: the school uploads the signed form and states who signed and when. */
  recordPaper(
    context: UseCaseContext,
    requestId: string,
    fields: PaperConsentFields,
    file: UploadedFile | null,
  ): Promise<RequestDetail> {
    return runRequestCommand(context, requestId, async (request) => {
      await context.requireVisible(
        { kind: 'requestPerson', requestId: request.id },
        { personId: fields.personId },
      );
      const person = await personFor(context, request, fields.personId);
      const decision = await decisionOf(context, request, person.id);
      if (decision === 'refused' || decision === 'withdrawn')
        throw new RuleViolation('consent_refused_final');
      if (decision === 'given') throw new RuleViolation('consent_already_answered');
      const checked = await checkAttachment(file);
      if (!file) throw new RuleViolation('attachment_missing', 422);
      const attachmentId = await storeFile(context, request, file, checked, {
        messageId: null,
        kind: 'consent_form',
      });
      // The paper answer stands; an open link could otherwise answer a second time.
      await revokeOpenLinks(context, person.id);
      await record(
        context,
        request,
        person,
        {
          decision: fields.decision,
          method: 'paper',
          decidedOn: fields.signedOn,
          signedBy: fields.signedBy,
          attachmentId,
          recordedByUserId: context.actor.userId,
        },
        context.audit,
      );
      return this.workflow.settle(context, request, context.action, context.actor.userId);
    });
  }

  /**
   * The partnership a presented link names (its route runs there), and the hash it is stored under;
   * a token that is not a link at all is refused before any partnership is touched.
   */
  presented(token: string): PresentedLink {
    const parsed = parseToken(this.keys, token);
    if (!parsed) throw new RuleViolation('invalid_token', 422);
    return parsed;
  }

  /** The consent page behind a personal link (no account): only what the person needs to decide. */
  view(context: PublicContext, presented: PresentedLink): Promise<ConsentPage> {
    return withLink(context, presented, async (link) => {
      const use = consentLinkUse(link, link.decision, link.request.status, context.clock.now());
      if (use.refusal && !use.canWithdraw && !link.answeredAt) throw new RuleViolation(use.refusal, 422);
      await auditAsHolder(context, link)('consent.page_viewed', requestObject(link.request));
      return pageOf(context, link);
    });
  }

  /** The person agrees or refuses through their link; the link is used up by the answer. */
  answer(
    context: PublicContext,
    presented: PresentedLink,
    decision: 'given' | 'refused',
  ): Promise<ConsentPage> {
    return withLink(context, presented, async (link) => {
      const now = context.clock.now();
      const use = consentLinkUse(link, link.decision, link.request.status, now);
      if (!use.canAnswer) {
        if (link.answeredAt || link.decision) throw new RuleViolation('consent_already_answered');
        throw new RuleViolation(use.refusal ?? 'invalid_token', 422);
      }
      // Marking the link used in the statement that checks it: two answers cannot both pass.
      const [used] = await context.db
        .update(consentLinks)
        .set({ answeredAt: now })
        .where(and(eq(consentLinks.id, link.id), isNull(consentLinks.answeredAt)))
        .returning({ id: consentLinks.id });
      if (!used) throw new RuleViolation('consent_already_answered');
      await record(
        context,
        link.request,
        link.person,
        { decision, method: 'digital', textVersion: consentTextVersions[link.person.kind], linkId: link.id },
        auditAsHolder(context, link),
      );
      const settled = await this.workflow.settle(context, link.request, 'consent.respond', null);
      return pageOf(context, { ...link, request: settled, answeredAt: now, decision });
    });
  }

  /** Anyone who consented withdraws through the same link; the request pauses at once (P3). */
  withdraw(context: PublicContext, presented: PresentedLink): Promise<ConsentPage> {
    return withLink(context, presented, async (link) => {
      const use = consentLinkUse(link, link.decision, link.request.status, context.clock.now());
      if (!use.canWithdraw) {
        if (use.refusal) throw new RuleViolation(use.refusal, 422);
        throw new RuleViolation('consent_not_given');
      }
      await record(
        context,
        link.request,
        link.person,
        {
          decision: 'withdrawn',
          method: 'digital',
          textVersion: consentTextVersions[link.person.kind],
          linkId: link.id,
        },
        auditAsHolder(context, link),
      );
      const settled = await this.workflow.settle(context, link.request, 'consent.respond', null);
      return pageOf(context, { ...link, request: settled, decision: 'withdrawn' });
    });
  }
}

/** The partnership's consent setting (R8). */
export async function consentSettings({ db }: UseCaseContext): Promise<ConsentSettings> {
  const [row] = await db.select().from(partnershipSettings);
  return { oneParentSuffices: row?.consentOneParentSuffices ?? false };
}

/** Changes the consent setting; requests under way are judged by it from now on. */
export async function changeConsentSettings(
  context: UseCaseContext,
  input: ConsentSettings,
): Promise<ConsentSettings> {
  await context.db
    .insert(partnershipSettings)
    .values({ tenantId: context.actor.tenantId, consentOneParentSuffices: input.oneParentSuffices })
    .onConflictDoUpdate({
      target: partnershipSettings.tenantId,
      set: { consentOneParentSuffices: input.oneParentSuffices, updatedAt: context.clock.now() },
    });
  await context.audit('settings.changed', null, {
    setting: 'consent_one_parent_suffices',
    value: input.oneParentSuffices,
  });
  return input;
}

/** A person of this very request whose consent counts on the request's judgement day (R9). */
async function personFor(
  context: Pick<UseCaseContext, 'db' | 'clock'>,
  request: RequestRow,
  personId: string,
): Promise<Person> {
  // Consent is asked once the request is submitted; a draft's people are rewritten with every save.
  if (request.status === 'draft') throw new RuleViolation('transition_not_allowed');
  const [person] = await context.db
    .select()
    .from(requestPeople)
    .where(and(eq(requestPeople.id, personId), eq(requestPeople.requestId, request.id)));
  if (!person) throw new NotFound();
  if (!isConsentRequiredOf(person, { onDate: consentJudgementDate(request, context.clock.today()) }))
    throw new RuleViolation('consent_not_needed', 422);
  return person;
}

async function decisionOf(context: Queries, request: RequestRow, personId: string) {
  const { events } = await loadConsentFacts(context, request.id);
  return currentDecisionOf(personId, events);
}

/**
 * Records a consent decision with its audit event, written by `audit`: as the signed-in school staff
 * member, or as the parent or pupil answering through their link (no account: the audit names their role).
 */
async function record(
  context: Pick<UseCaseContext, 'db' | 'clock'>,
  request: RequestRow,
  person: Person,
  entry: Omit<typeof consentRecords.$inferInsert, 'tenantId' | 'requestId' | 'personId' | 'decidedOn'> & {
    decidedOn?: string;
  },
  audit: UseCaseContext['audit'],
): Promise<void> {
  await context.db.insert(consentRecords).values({
    ...entry,
    tenantId: request.tenantId,
    requestId: request.id,
    personId: person.id,
    decidedOn: entry.decidedOn ?? context.clock.today(),
  });
  await audit('consent.recorded', requestObject(request), {
    decision: entry.decision,
    method: entry.method,
    role: person.kind,
  });
}

/** The audit of what the holder of a consent link does, named by their role (a parent, a pupil). */
function auditAsHolder(context: PublicContext, link: LinkFacts): UseCaseContext['audit'] {
  return (event, object, details) => context.auditAs(link.person.kind, event, object, details);
}

/** Finds the presented link in its partnership (the request locked) and runs the work with it. */
async function withLink<T>(
  context: PublicContext,
  presented: PresentedLink,
  work: (link: LinkFacts) => Promise<T>,
): Promise<T> {
  const [row] = await context.db
    .select({ link: consentLinks, person: requestPeople, request: supportRequests })
    .from(consentLinks)
    .innerJoin(requestPeople, eq(requestPeople.id, consentLinks.personId))
    .innerJoin(supportRequests, eq(supportRequests.id, consentLinks.requestId))
    .where(eq(consentLinks.tokenHash, presented.hash))
    .for('update', { of: supportRequests });
  if (!row || row.link.revokedAt) throw new RuleViolation('invalid_token', 422);
  const decision = await decisionOf(context, row.request, row.person.id);
  return work({ ...row.link, person: row.person, request: row.request, decision });
}

async function pageOf(context: PublicContext, link: LinkFacts): Promise<ConsentPage> {
  const { db } = context;
  const today = context.clock.today();
  const [facts] = await queryRows<{ partnership: string; slug: string; school: string }>(
    db,
    sql`select t.name as partnership, t.slug, l.name as school from tenants t, locations l
      where l.id = ${link.request.locationId}::uuid`,
  );
  const members = await queryRows<{ name: string; team_role: TeamRole }>(
    db,
    sql`select u.name, a.team_role from school_team_assignments a join users u on u.id = a.user_id
      where a.location_id = ${link.request.locationId}::uuid and a.valid_from <= ${today}::date
        and (a.valid_to is null or a.valid_to > ${today}::date)
      order by a.is_contact desc, u.name`,
  );
  const pupil = link.person.kind === 'pupil' ? link.person : await pupilOf(context, link.request.id);
  const use = consentLinkUse(link, link.decision, link.request.status, context.clock.now());
  const readers = mayHolderSeeReaders(link.person, today) ? await readersOf(context, link.request.id) : null;
  return {
    readers,
    audience: link.person.kind,
    partnershipName: facts?.partnership ?? '',
    partnershipSlug: facts?.slug ?? '',
    schoolName: facts?.school ?? '',
    requestType: link.request.type ?? 'pupil_advice',
    pupilFirstName: (pupil?.name ?? '').split(/\s+/)[0] ?? '',
    personName: link.person.name,
    teamMembers: members.map((member) => ({ name: member.name, teamRole: member.team_role })),
    retentionMonths: amountOf(await retentionScheduleOf(context.db), 'request_file'),
    textVersion: consentTextVersions[link.person.kind],
    expiresAt: link.expiresAt.toISOString(),
    decision: link.decision,
    canAnswer: use.canAnswer,
    canWithdraw: use.canWithdraw,
  };
}

async function pupilOf({ db }: Queries, requestId: string) {
  const [pupil] = await db
    .select({ name: requestPeople.name })
    .from(requestPeople)
    .where(and(eq(requestPeople.requestId, requestId), eq(requestPeople.kind, 'pupil')));
  return pupil ?? null;
}

type LinkFacts = typeof consentLinks.$inferSelect & {
  person: Person;
  request: RequestRow;
  decision: 'given' | 'refused' | 'withdrawn' | null;
};

// The events of someone looking at a request's file: the request itself, its form as PDF, its files.
export const requestReadEvents: AuditEvent[] = [
  'requests.viewed',
  'requests.pdf_downloaded',
  'requests.attachment_downloaded',
];

/** P8: who read the request's file (see fileReadersOf). */
function readersOf({ db }: PublicContext, requestId: string): Promise<FileReader[]> {
  const request = requestObject({ id: requestId });
  const attachment = attachmentObject('');
  return fileReadersOf(
    db,
    sql`(e.object_type = ${request.type} and e.object_id = ${request.id})
      or (e.object_type = ${attachment.type} and e.object_id in (
        select a.id::text from request_attachments a where a.request_id = ${requestId}::uuid))`,
    requestReadEvents,
  );
}
