import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import { primarySectors } from '../../../contracts/locations.ts';
import type {
  AssignmentSuggestionList,
  CreateRequestInput,
  MessageFields,
  ParentsInformedInput,
  RequestDetail,
  RequestDraftInput,
  RequestFilterOptions,
  RequestFormOptions,
  RequestListQuery,
  RequestPage,
  RequestTransition,
} from '../../../contracts/requests.ts';
import { isPupilLevel } from '../../../contracts/requests.ts';
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import { type Action, type Actor, scopeCondition } from '../../platform/access/policies.ts';
import { listField, requireVisible } from '../../platform/access/references.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { Forbidden, NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { locations } from '../schools/schools.schema.ts';
import { expertiseTags } from '../team/team.schema.ts';
import { checkAttachment } from './attachments.ts';
import {
  applyTransition,
  findRequestFor,
  isPupilVisibleTo,
  loadDetail,
  mayAssign,
  type RequestRow,
} from './requests.repository.ts';
import {
  findSubmitProblems,
  isWorkAllowed,
  planTransition,
  rankCandidates,
  submitOutcomeOf,
} from './requests.rules.ts';
import {
  requestAttachments,
  requestCounters,
  requestMessages,
  requestPeople,
  supportRequests,
  supportRequestTags,
} from './requests.schema.ts';
import type { RequestWorkflow } from './workflow.ts';

/** Whether the actor works in the expertise team or the staff office (they see team notes). */
function isTeamSide(actor: Actor): boolean {
  return actor.roles.some((assignment) => ['team_member', 'coordinator'].includes(assignment.role));
}

/**
 * Support requests (R1–R10): the form and its drafts, the workflow, assignment, the secure thread and
 * attachments. Every command: access check → rules → one transaction with its audit event.
 */
export class RequestsService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly workflow: RequestWorkflow,
  ) {}

  /** The schools the actor may file for (active primary locations) and the expertise tags. */
  formOptions(actor: Actor): Promise<RequestFormOptions> {
    return this.database.withTenant(actor.tenantId, async ({ db }) => {
      const rows = await db
        .select({ id: locations.id, name: locations.name, place: locations.place })
        .from(locations)
        .where(
          and(
            inArray(locations.sector, [...primarySectors]),
            scopeCondition(actor, 'requests.create', { locationId: locations.id }),
            sql`(${locations.activeTo} is null or ${locations.activeTo} >= ${todayInAmsterdam()}::date)`,
          ),
        )
        .orderBy(asc(locations.name));
      const tags = await db
        .select({ id: expertiseTags.id, name: expertiseTags.name })
        .from(expertiseTags)
        .orderBy(asc(expertiseTags.name));
      return { locations: rows, expertiseTags: tags };
    });
  }

  /** The schools and assigned members among the requests the actor may see (distinct, in SQL). */
  filterOptions(actor: Actor): Promise<RequestFilterOptions> {
    return this.database.withTenant(actor.tenantId, async ({ db }) => {
      const schools = await db
        .selectDistinct({ id: locations.id, name: locations.name })
        .from(supportRequests)
        .innerJoin(locations, eq(locations.id, supportRequests.locationId))
        .where(requestListScope(actor))
        .orderBy(asc(locations.name), asc(locations.id));
      const members = await db
        .selectDistinct({ id: users.id, name: users.name })
        .from(supportRequests)
        .innerJoin(users, eq(users.id, supportRequests.assignedUserId))
        .where(requestListScope(actor))
        .orderBy(asc(users.name), asc(users.id));
      return { locations: schools, members };
    });
  }

  /** The requests the actor may see, filtered and paged in SQL; pupil names only where visible (P1). */
  list(actor: Actor, query: RequestListQuery, meta: RequestMeta): Promise<RequestPage> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const pupil = sql`(select ${requestPeople.name} from ${requestPeople}
        where ${requestPeople.requestId} = ${supportRequests.id} and ${requestPeople.kind} = 'pupil' limit 1)`;
      // A staff-office-only reader may not find requests by a pupil's name they are not shown.
      const searchesPupils = actor.roles.some((assignment) => assignment.role !== 'coordinator');
      const where = and(
        requestListScope(actor),
        query.status ? eq(supportRequests.status, query.status) : undefined,
        query.type ? eq(supportRequests.type, query.type) : undefined,
        query.locationId ? eq(supportRequests.locationId, query.locationId) : undefined,
        query.assignedUserId ? eq(supportRequests.assignedUserId, query.assignedUserId) : undefined,
        query.mine === 'true' ? eq(supportRequests.assignedUserId, actor.userId) : undefined,
        query.schoolYear ? eq(supportRequests.schoolYear, query.schoolYear) : undefined,
        query.q
          ? or(
              ilike(supportRequests.reference, containsPattern(query.q)),
              ilike(locations.name, containsPattern(query.q)),
              searchesPupils ? sql`${pupil} ilike ${containsPattern(query.q)}` : undefined,
            )
          : undefined,
      );
      const page = await loadPage(
        query,
        ({ limit, offset }) =>
          db
            .select({
              id: supportRequests.id,
              tenantId: supportRequests.tenantId,
              reference: supportRequests.reference,
              status: supportRequests.status,
              type: supportRequests.type,
              locationId: supportRequests.locationId,
              locationName: locations.name,
              schoolYear: supportRequests.schoolYear,
              pupilName: sql<string | null>`${pupil}`,
              consentStatus: supportRequests.consentStatus,
              assignedUserId: supportRequests.assignedUserId,
              assignedName: users.name,
              updatedAt: supportRequests.updatedAt,
            })
            .from(supportRequests)
            .innerJoin(locations, eq(locations.id, supportRequests.locationId))
            .leftJoin(users, eq(users.id, supportRequests.assignedUserId))
            .where(where)
            .orderBy(desc(supportRequests.updatedAt), asc(supportRequests.id))
            .limit(limit)
            .offset(offset),
        () =>
          db
            .select({ total: count() })
            .from(supportRequests)
            .innerJoin(locations, eq(locations.id, supportRequests.locationId))
            .where(where),
      );
      await recordAudit(transaction, auditActorOf(actor, meta), 'requests.listed', null, {
        count: page.items.length,
      });
      return {
        ...page,
        items: page.items.map((row) => {
          const visible = isPupilVisibleTo(actor, row);
          return {
            id: row.id,
            reference: row.reference,
            status: row.status,
            type: row.type,
            location: { id: row.locationId, name: row.locationName },
            schoolYear: row.schoolYear,
            pupilName: visible ? row.pupilName : null,
            pupilHidden: !visible && row.pupilName !== null,
            consentStatus: row.consentStatus,
            assignedTo:
              row.assignedUserId && row.assignedName
                ? { id: row.assignedUserId, name: row.assignedName }
                : null,
            updatedAt: row.updatedAt.toISOString(),
          };
        }),
      };
    });
  }

  /** One request as the actor may see it; reading pupil data is audited (P2). */
  get(actor: Actor, requestId: string, meta: RequestMeta): Promise<RequestDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const request = await findRequestFor(transaction, actor, requestId, 'requests.read');
      await recordAudit(transaction, auditActorOf(actor, meta), 'requests.viewed', requestObject(request), {
        pupilShown: isPupilVisibleTo(actor, request),
      });
      return this.detailOf(transaction, actor, request);
    });
  }

  /**
   * Starts a request as a draft (R6). The browser's idempotency key makes a repeated create return
   * the draft it already made.
   */
  create(
    actor: Actor,
    input: CreateRequestInput,
    meta: RequestMeta,
  ): Promise<{ created: boolean; detail: RequestDetail }> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const [existing] = await db
        .select()
        .from(supportRequests)
        .where(eq(supportRequests.idempotencyKey, input.idempotencyKey));
      if (existing) {
        if (existing.createdByUserId !== actor.userId) throw new RuleViolation('conflict');
        return { created: false, detail: await this.detailOf(transaction, actor, existing) };
      }
      await requireVisible(
        transaction,
        actor,
        { kind: 'location', action: 'requests.create' },
        { locationId: input.locationId },
        'no_location',
      );
      const [location] = await db
        .select({ id: locations.id, sector: locations.sector })
        .from(locations)
        .where(eq(locations.id, input.locationId));
      if (!location) throw new ValidationFailed([{ path: 'locationId', code: 'no_location' }]);
      if (!primarySectors.includes(location.sector))
        throw new ValidationFailed([{ path: 'locationId', code: 'not_primary_location' }]);
      const schoolYear = schoolYearOf(todayInAmsterdam());
      const [counter] = await db
        .insert(requestCounters)
        .values({ tenantId: actor.tenantId, schoolYear, lastNumber: 1 })
        .onConflictDoUpdate({
          target: [requestCounters.tenantId, requestCounters.schoolYear],
          set: { lastNumber: sql`${requestCounters.lastNumber} + 1` },
        })
        .returning({ lastNumber: requestCounters.lastNumber });
      const [request] = await db
        .insert(supportRequests)
        .values({
          tenantId: actor.tenantId,
          locationId: location.id,
          reference: `HV-${schoolYear}-${String(counter?.lastNumber ?? 1).padStart(4, '0')}`,
          schoolYear,
          idempotencyKey: input.idempotencyKey,
          createdByUserId: actor.userId,
        })
        .returning();
      if (!request) throw new NotFound();
      const saved = await this.writeDraft(transaction, actor, request, input);
      await recordAudit(transaction, auditActorOf(actor, meta), 'requests.created', requestObject(saved));
      return { created: true, detail: await this.detailOf(transaction, actor, saved) };
    });
  }

  /** Saves the draft's answers; only while it is a draft. */
  saveDraft(actor: Actor, requestId: string, input: RequestDraftInput, meta: RequestMeta) {
    return this.command(actor, requestId, 'requests.create', async (transaction, request) => {
      if (request.status !== 'draft') throw new RuleViolation('transition_not_allowed');
      const saved = await this.writeDraft(transaction, actor, request, input);
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'requests.draft_saved',
        requestObject(request),
      );
      return saved;
    });
  }

  /** Deletes a draft with everything on it; a submitted request is never deleted. */
  deleteDraft(actor: Actor, requestId: string, meta: RequestMeta): Promise<void> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const request = await findRequestFor(transaction, actor, requestId, 'requests.create', { lock: true });
      if (!isWorkAllowed(request.status, 'requests.create')) throw new RuleViolation('request_paused');
      if (request.status !== 'draft') throw new RuleViolation('transition_not_allowed');
      await transaction.db.delete(supportRequests).where(eq(supportRequests.id, request.id));
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'requests.draft_deleted',
        requestObject(request),
      );
    });
  }

  /**
   * Submits the form: complete it first (field errors), refuse it at once when it asks for direct
   * pupil support (R2), otherwise send the consent links (R8, R9) and move on when nothing is
   * awaited. Submitting twice changes nothing the second time.
   */
  submit(actor: Actor, requestId: string, meta: RequestMeta) {
    return this.command(actor, requestId, 'requests.submit', async (transaction, request) => {
      if (request.status !== 'draft' && request.submittedAt) return request;
      const people = await transaction.db
        .select()
        .from(requestPeople)
        .where(eq(requestPeople.requestId, request.id))
        .orderBy(asc(requestPeople.position));
      const pupil = people.find((person) => person.kind === 'pupil');
      const form = {
        ...request,
        pupil: pupil?.birthDate ? { name: pupil.name, birthDate: pupil.birthDate } : null,
        parents: people
          .filter((person) => person.kind === 'parent')
          .map((person) => ({ name: person.name, hasAuthority: person.hasAuthority === true })),
      };
      const problems = findSubmitProblems(form);
      if (problems.length > 0) throw new ValidationFailed(problems);
      const outcome = submitOutcomeOf(form);
      const plan = planTransition({ status: request.status }, outcome, 'requests.submit');
      if (!plan.ok) throw new RuleViolation(plan.reason);
      const reason = outcome === 'refuse' ? translate('nl', 'refusal.directPupilSupport') : null;
      let current = await applyTransition(transaction, request, {
        transition: outcome,
        to: plan.to,
        actorUserId: actor.userId,
        reason,
        set: { submittedAt: new Date(), refusalReason: reason },
      });
      await this.audit(transaction, actor, meta, current, outcome, request.status);
      if (outcome === 'refuse') return current;
      if (isPupilLevel(current.type)) {
        for (const person of people) {
          const counts = person.kind === 'pupil' || person.hasAuthority === true;
          if (counts && person.email && person.kind === 'parent')
            await this.workflow.sendConsentLink(transaction, current, person, actor.userId);
        }
      }
      current = await this.workflow.settle(transaction, current, 'requests.submit', actor.userId, meta);
      return current;
    });
  }

  /** R2: the team or the staff office refuses a request as out of scope, with the reason. */
  refuse(actor: Actor, requestId: string, reason: string, meta: RequestMeta) {
    return this.transition(actor, requestId, 'refuse', 'requests.refuse', meta, {
      reason,
      set: { refusalReason: reason },
      notify: 'school',
    });
  }

  /** The school withdraws its request, with the reason. */
  withdraw(actor: Actor, requestId: string, reason: string, meta: RequestMeta) {
    return this.transition(actor, requestId, 'withdraw', 'requests.withdraw', meta, {
      reason,
      notify: 'team',
    });
  }

  /** The assigned member starts work. */
  start(actor: Actor, requestId: string, meta: RequestMeta) {
    return this.transition(actor, requestId, 'start', 'requests.start', meta, { assigneeOnly: true });
  }

  /** The assigned member closes the request with its outcome. */
  close(actor: Actor, requestId: string, outcome: string, meta: RequestMeta) {
    return this.transition(actor, requestId, 'close', 'requests.close', meta, {
      assigneeOnly: true,
      set: { outcome, closedAt: new Date() },
      notify: 'school',
    });
  }

  /** R10: the school records that and how the parents of the group were informed. */
  recordParentsInformed(actor: Actor, requestId: string, input: ParentsInformedInput, meta: RequestMeta) {
    return this.command(
      actor,
      requestId,
      'requests.record_parents_informed',
      async (transaction, request) => {
        if (request.status !== 'submitted') throw new RuleViolation('transition_not_allowed');
        const [updated] = await transaction.db
          .update(supportRequests)
          .set({
            parentsInformedOn: input.informedOn,
            parentsInformedHow: input.how,
            parentsInformedByUserId: actor.userId,
            updatedAt: sql`now()`,
          })
          .where(eq(supportRequests.id, request.id))
          .returning();
        if (!updated) throw new NotFound();
        await recordAudit(
          transaction,
          auditActorOf(actor, meta),
          'requests.parents_informed',
          requestObject(request),
        );
        return this.workflow.settle(
          transaction,
          updated,
          'requests.record_parents_informed',
          actor.userId,
          meta,
        );
      },
    );
  }

  /**
   * R1: assigns a ready request, or reassigns one, to an active team member. Only the staff office
   * and the school's contact person may.
   */
  assign(actor: Actor, requestId: string, userId: string, meta: RequestMeta) {
    return this.command(actor, requestId, 'requests.assign', async (transaction, request) => {
      if (!(await mayAssign(transaction, actor, request))) throw new RuleViolation('not_contact_person');
      const transition: RequestTransition = ['assigned', 'in_progress'].includes(request.status)
        ? 'reassign'
        : 'assign';
      const plan = planTransition(
        {
          status: request.status,
          type: request.type,
          consentStatus: request.consentStatus,
          parentsInformed: !!request.parentsInformedOn,
        },
        transition,
        'requests.assign',
      );
      if (!plan.ok) throw new RuleViolation(plan.reason);
      const [member] = await queryRows<{ id: string }>(
        transaction.db,
        sql`select u.id from users u
          join role_assignments r on r.user_id = u.id and r.role = 'team_member'
          left join team_members m on m.user_id = u.id
          where u.id = ${userId}::uuid and u.status = 'active' and coalesce(m.status, 'active') = 'active'`,
      );
      if (!member)
        throw new RuleViolation('not_team_member', 422, [{ path: 'userId', code: 'not_team_member' }]);
      if (request.assignedUserId === userId) return request;
      const updated = await applyTransition(transaction, request, {
        transition,
        to: plan.to,
        actorUserId: actor.userId,
        set: { assignedUserId: userId },
      });
      await this.audit(transaction, actor, meta, updated, transition, request.status);
      await this.workflow.notify(transaction, [userId], 'assigned', updated);
      return updated;
    });
  }

  /**
   * R1: active team members ranked by matching expertise, being one of the school's fixed pair, and
   * how busy they are; one query for all candidates.
   */
  suggestions(actor: Actor, requestId: string, meta: RequestMeta): Promise<AssignmentSuggestionList> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const request = await findRequestFor(transaction, actor, requestId, 'requests.assign');
      const today = todayInAmsterdam();
      const wanted = await transaction.db
        .select({ id: expertiseTags.id, name: expertiseTags.name })
        .from(supportRequestTags)
        .innerJoin(expertiseTags, eq(expertiseTags.id, supportRequestTags.tagId))
        .where(eq(supportRequestTags.requestId, request.id));
      const rows = await queryRows<{
        user_id: string;
        name: string;
        team_role: 'behavioural_scientist' | 'inclusion_adviser' | null;
        tag_ids: string[] | null;
        tag_names: string[] | null;
        is_fixed: boolean;
        is_contact: boolean;
        contracted_hours: string | null;
        open_requests: number | string;
        is_absent: boolean;
      }>(
        transaction.db,
        sql`select u.id as user_id, u.name, r.team_role,
          (select array_agg(t.tag_id order by t.tag_id) from team_member_tags t where t.user_id = u.id) as tag_ids,
          (select array_agg(e.name order by t.tag_id) from team_member_tags t join expertise_tags e on e.id = t.tag_id
            where t.user_id = u.id) as tag_names,
          exists (select 1 from school_team_assignments a where a.user_id = u.id and a.location_id = ${request.locationId}::uuid
            and a.valid_from <= ${today}::date and (a.valid_to is null or a.valid_to > ${today}::date)) as is_fixed,
          exists (select 1 from school_team_assignments a where a.user_id = u.id and a.location_id = ${request.locationId}::uuid
            and a.is_contact and a.valid_from <= ${today}::date and (a.valid_to is null or a.valid_to > ${today}::date)) as is_contact,
          (select h.contracted_hours from team_member_hours h where h.user_id = u.id
            and h.school_year = ${schoolYearOf(today)}) as contracted_hours,
          (select count(*)::int from support_requests s where s.assigned_user_id = u.id
            and s.status in ('assigned', 'in_progress', 'paused')) as open_requests,
          exists (select 1 from team_member_absences b where b.user_id = u.id
            and b.starts_on <= ${today}::date and b.ends_on >= ${today}::date) as is_absent
        from users u
        join role_assignments r on r.user_id = u.id and r.role = 'team_member'
        left join team_members m on m.user_id = u.id
        where u.status = 'active' and coalesce(m.status, 'active') = 'active'`,
      );
      const ranked = rankCandidates(
        rows.map((row) => ({
          userId: row.user_id,
          name: row.name,
          teamRole: row.team_role ?? 'inclusion_adviser',
          tagIds: row.tag_ids ?? [],
          tagNames: row.tag_names ?? [],
          isFixedMember: row.is_fixed,
          isContact: row.is_contact,
          contractedHours: row.contracted_hours === null ? null : Number(row.contracted_hours),
          openRequests: Number(row.open_requests),
          isAbsentToday: row.is_absent,
        })),
        wanted.map((tag) => tag.id),
      );
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'requests.suggestions_viewed',
        requestObject(request),
      );
      return {
        wantedTags: wanted.map((tag) => tag.name),
        items: ranked.map(({ tagIds: _ids, tagNames: _names, ...candidate }) => candidate),
      };
    });
  }

  /** R7: a message (school and team) or a team note, with an optional file, inside Passend. */
  postMessage(
    actor: Actor,
    requestId: string,
    fields: MessageFields,
    file: UploadedFile | null,
    meta: RequestMeta,
  ) {
    return this.command(actor, requestId, 'requests.contribute', async (transaction, request) => {
      assertThreadVisible(actor, request);
      if (request.status === 'draft') throw new RuleViolation('transition_not_allowed');
      if (fields.kind === 'note' && !isTeamSide(actor)) throw new RuleViolation('transition_not_allowed');
      const checked = file ? await checkAttachment(file) : null;
      const [message] = await transaction.db
        .insert(requestMessages)
        .values({
          tenantId: request.tenantId,
          requestId: request.id,
          kind: fields.kind,
          body: fields.body,
          authorUserId: actor.userId,
        })
        .returning({ id: requestMessages.id });
      if (file && checked && message)
        await this.storeFile(
          transaction,
          actor,
          request,
          file,
          checked,
          { messageId: message.id, kind: 'attachment' },
          meta,
        );
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'requests.message_posted',
        requestObject(request),
        {
          kind: fields.kind,
          withFile: !!file,
        },
      );
      if (fields.kind === 'message') {
        // The other side hears there is news: the team when the school writes, and the other way round.
        const recipients = isTeamSide(actor) ? [request.createdByUserId] : [request.assignedUserId];
        await this.workflow.notify(transaction, recipients, 'news', request);
      }
      return request;
    });
  }

  /** Adds a file to a request (PDF, Word, image; checked by content). */
  uploadAttachment(actor: Actor, requestId: string, file: UploadedFile | null, meta: RequestMeta) {
    return this.command(actor, requestId, 'requests.contribute', async (transaction, request) => {
      assertThreadVisible(actor, request);
      const checked = await checkAttachment(file);
      if (file)
        await this.storeFile(
          transaction,
          actor,
          request,
          file,
          checked,
          { messageId: null, kind: 'attachment' },
          meta,
        );
      return request;
    });
  }

  /** A file of a request for download, audited (P2); team notes' files only for the team. */
  downloadAttachment(actor: Actor, requestId: string, attachmentId: string, meta: RequestMeta) {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const request = await findRequestFor(transaction, actor, requestId, 'requests.read');
      const [file] = await transaction.db
        .select({
          fileName: requestAttachments.fileName,
          mediaType: requestAttachments.mediaType,
          content: requestAttachments.content,
          kind: requestAttachments.kind,
          messageKind: requestMessages.kind,
        })
        .from(requestAttachments)
        .leftJoin(requestMessages, eq(requestMessages.id, requestAttachments.messageId))
        .where(and(eq(requestAttachments.id, attachmentId), eq(requestAttachments.requestId, request.id)));
      if (!file) throw new NotFound();
      if (isPupilLevel(request.type) && !isPupilVisibleTo(actor, request)) throw new NotFound();
      if (file.messageKind === 'note' && !isTeamSide(actor)) throw new NotFound();
      await recordAudit(transaction, auditActorOf(actor, meta), 'requests.attachment_downloaded', {
        type: 'request_attachment',
        id: attachmentId,
      });
      return { fileName: file.fileName, mediaType: file.mediaType, content: file.content };
    });
  }

  /** The request as the actor sees it, for the PDF; the download is audited (P2). */
  forPdf(
    actor: Actor,
    requestId: string,
    meta: RequestMeta,
  ): Promise<{ detail: RequestDetail; partnershipName: string }> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const request = await findRequestFor(transaction, actor, requestId, 'requests.read');
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'requests.pdf_downloaded',
        requestObject(request),
        {
          pupilShown: isPupilVisibleTo(actor, request),
        },
      );
      const [tenant] = await queryRows<{ name: string }>(transaction.db, sql`select name from tenants`);
      return {
        detail: await this.detailOf(transaction, actor, request),
        partnershipName: tenant?.name ?? '',
      };
    });
  }

  /** Stores a checked file on the request. */
  async storeFile(
    transaction: Transaction,
    actor: Actor,
    request: RequestRow,
    file: UploadedFile,
    checked: { mediaType: string; fileName: string },
    placement: { messageId: string | null; kind: 'attachment' | 'consent_form' },
    meta: RequestMeta,
  ): Promise<string> {
    const [stored] = await transaction.db
      .insert(requestAttachments)
      .values({
        tenantId: request.tenantId,
        requestId: request.id,
        messageId: placement.messageId,
        kind: placement.kind,
        fileName: checked.fileName,
        mediaType: checked.mediaType,
        size: file.content.length,
        content: file.content,
        uploadedByUserId: actor.userId,
      })
      .returning({ id: requestAttachments.id });
    if (!stored) throw new NotFound();
    await recordAudit(
      transaction,
      auditActorOf(actor, meta),
      'requests.attachment_uploaded',
      requestObject(request),
      {
        mediaType: checked.mediaType,
        size: file.content.length,
      },
    );
    return stored.id;
  }

  /** Runs a command on one request in one transaction and answers with the new detail. */
  command(
    actor: Actor,
    requestId: string,
    action: Action,
    work: (transaction: Transaction, request: RequestRow) => Promise<RequestRow>,
  ): Promise<RequestDetail> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const request = await findRequestFor(transaction, actor, requestId, action, { lock: true });
      if (!isWorkAllowed(request.status, action)) throw new RuleViolation('request_paused');
      const updated = await work(transaction, request);
      return this.detailOf(transaction, actor, updated);
    });
  }

  private transition(
    actor: Actor,
    requestId: string,
    transition: RequestTransition,
    action: Action,
    meta: RequestMeta,
    options: {
      reason?: string;
      assigneeOnly?: boolean;
      set?: Partial<typeof supportRequests.$inferInsert>;
      /** Who hears there is news: the school that filed it, or the assigned team member. */
      notify?: 'school' | 'team';
    },
  ) {
    return this.command(actor, requestId, action, async (transaction, request) => {
      const plan = planTransition(
        {
          status: request.status,
          type: request.type,
          consentStatus: request.consentStatus,
          parentsInformed: !!request.parentsInformedOn,
          statusBeforePause: request.statusBeforePause,
        },
        transition,
        action,
      );
      if (!plan.ok) throw new RuleViolation(plan.reason);
      if (options.assigneeOnly && request.assignedUserId !== actor.userId)
        throw new RuleViolation('not_assignee');
      const updated = await applyTransition(transaction, request, {
        transition,
        to: plan.to,
        actorUserId: actor.userId,
        reason: options.reason ?? null,
        set: options.set,
      });
      await this.audit(transaction, actor, meta, updated, transition, request.status);
      if (options.notify) {
        const recipient = options.notify === 'school' ? request.createdByUserId : request.assignedUserId;
        await this.workflow.notify(transaction, [recipient], 'news', updated);
      }
      return updated;
    });
  }

  private async audit(
    transaction: Transaction,
    actor: Actor,
    meta: RequestMeta,
    request: RequestRow,
    transition: RequestTransition,
    from: string,
  ) {
    await recordAudit(
      transaction,
      auditActorOf(actor, meta),
      'requests.transitioned',
      requestObject(request),
      {
        transition,
        from,
        to: request.status,
      },
    );
  }

  private detailOf(transaction: Transaction, actor: Actor, request: RequestRow): Promise<RequestDetail> {
    return loadDetail(transaction, actor, request, { isTeam: isTeamSide(actor) });
  }

  /** Writes the form's answers, its tags and its people (a draft has no consent history yet). */
  private async writeDraft(
    transaction: Transaction,
    actor: Actor,
    request: RequestRow,
    input: RequestDraftInput,
  ): Promise<RequestRow> {
    const { db } = transaction;
    await requireVisible(
      transaction,
      actor,
      { kind: 'expertiseTag' },
      listField('expertiseTagIds', input.expertiseTagIds),
    );
    const pupilLevel = isPupilLevel(input.type);
    const [updated] = await db
      .update(supportRequests)
      .set({
        type: input.type,
        question: input.question || null,
        triedInBasicSupport: input.triedInBasicSupport || null,
        hopedOutcome: input.hopedOutcome || null,
        teacherName: input.teacherName || null,
        groupName: input.groupName || null,
        asksDirectPupilSupport: input.asksDirectPupilSupport,
        pupilGroup: pupilLevel ? (input.pupil?.group ?? null) : null,
        consentStatus: pupilLevel ? 'pending' : 'not_needed',
        updatedAt: sql`now()`,
      })
      .where(eq(supportRequests.id, request.id))
      .returning();
    await db.delete(supportRequestTags).where(eq(supportRequestTags.requestId, request.id));
    const tagIds = [...new Set(input.expertiseTagIds)];
    if (tagIds.length > 0)
      await db
        .insert(supportRequestTags)
        .values(tagIds.map((tagId) => ({ tenantId: request.tenantId, requestId: request.id, tagId })));
    await db.delete(requestPeople).where(eq(requestPeople.requestId, request.id));
    // Pupil and parents only belong to a pupil-level request: nothing is kept that is not needed (P1).
    const people: Array<typeof requestPeople.$inferInsert> = [];
    if (pupilLevel && input.pupil)
      people.push({
        tenantId: request.tenantId,
        requestId: request.id,
        kind: 'pupil',
        name: input.pupil.name,
        email: input.pupil.email,
        birthDate: input.pupil.birthDate,
        position: 0,
      });
    if (pupilLevel)
      input.parents.forEach((parent, index) => {
        people.push({
          tenantId: request.tenantId,
          requestId: request.id,
          kind: 'parent',
          name: parent.name,
          email: parent.email,
          phone: parent.phone,
          hasAuthority: parent.hasAuthority,
          position: index + 1,
        });
      });
    if (people.length > 0) await db.insert(requestPeople).values(people);
    if (!updated) throw new NotFound();
    return updated;
  }
}

/** Whoever may not see a pupil-level request's pupil (the staff office, P1) neither reads nor writes its thread. */
function assertThreadVisible(actor: Actor, request: RequestRow): void {
  if (isPupilLevel(request.type) && !isPupilVisibleTo(actor, request)) throw new Forbidden();
}

/** The audit object of a request. */
export function requestObject(request: { id: string }) {
  return { type: 'support_request', id: request.id };
}

/** The list filter of the policy for the actor (drafts only at their school), so list and detail agree. */
export function requestListScope(actor: Actor): SQL | undefined {
  return and(
    scopeCondition(actor, 'requests.read', {
      locationId: supportRequests.locationId,
      userId: supportRequests.assignedUserId,
    }),
    or(
      ne(supportRequests.status, 'draft'),
      scopeCondition(actor, 'requests.create', { locationId: supportRequests.locationId }),
    ),
  );
}
