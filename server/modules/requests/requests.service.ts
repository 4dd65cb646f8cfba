import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Locale } from '../../../contracts/fields.ts';
import { primarySectors } from '../../../contracts/locations.ts';
import type {
  AssignmentSuggestionList,
  CreateRequestInput,
  MessageFields,
  ParentsInformedInput,
  PupilInput,
  RequestDetail,
  RequestDraftInput,
  RequestFilterOptions,
  RequestFormOptions,
  RequestListQuery,
  RequestPage,
  RequestSort,
  RequestSortKey,
  RequestTransition,
  TeacherOptionPage,
  TeacherOptionsQuery,
} from '../../../contracts/requests.ts';
import { isPupilLevel, requestStatuses } from '../../../contracts/requests.ts';
import { teacherRole, teamMemberRole } from '../../../contracts/roles.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import { isUniqueViolation, queryRows } from '../../db/client.ts';
import { type Action, scopesOf } from '../../platform/access/policies.ts';
import { listField } from '../../platform/access/references.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { registerTypedPupil, requireRegisteredPupil } from '../pupils/pupils.service.ts';
import { locations } from '../schools/schools.schema.ts';
import { expertiseTags } from '../team/team.schema.ts';
import { checkAttachment } from './attachments.ts';
import {
  applyTransition,
  loadDetail,
  type RequestRow,
  requestAttentionCondition,
  requestColumns,
  requestScope,
  requestTarget,
} from './requests.repository.ts';
import {
  assigneeOf,
  findSubmitProblems,
  isWorkAllowed,
  planTransition,
  pupilSearchReachOf,
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

/**
 * Support requests (R1–R10): the form and its drafts, the workflow, assignment, the secure thread and
 * attachments. Every use case runs in the kernel's context: the request loaded through the policy →
 * rules → the change with its audit event, in the route's one transaction.
 */
export class RequestsService {
  constructor(private readonly workflow: RequestWorkflow) {}

  /** The schools the actor may file for (active primary locations) and the expertise tags. */
  async formOptions(context: UseCaseContext): Promise<RequestFormOptions> {
    const { db } = context;
    const rows = await db
      .select({ id: locations.id, name: locations.name, place: locations.place })
      .from(locations)
      .where(
        and(
          inArray(locations.sector, [...primarySectors]),
          context.scope('requests.create', { locationId: locations.id }),
          sql`(${locations.activeTo} is null or ${locations.activeTo} >= ${context.clock.today()}::date)`,
        ),
      )
      .orderBy(asc(locations.name));
    const tags = await db
      .select({ id: expertiseTags.id, name: expertiseTags.name })
      .from(expertiseTags)
      .orderBy(asc(expertiseTags.name));
    return { locations: rows, expertiseTags: tags };
  }

  /**
   * Y3: the teachers of a school the actor files requests for, to pick the teacher on a request: active
   * users with the teacher role there, filtered by name and paged in SQL (a school has dozens).
   */
  async teacherOptions(context: UseCaseContext, query: TeacherOptionsQuery): Promise<TeacherOptionPage> {
    const { db } = context;
    await context.requireVisible(
      { kind: 'location', action: 'requests.list_teachers' },
      { locationId: query.locationId },
      'no_location',
    );
    const where = and(
      eq(users.status, 'active'),
      query.q ? ilike(users.name, containsPattern(query.q)) : undefined,
      sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id}
        and ${roleAssignments.role} = ${teacherRole} and ${roleAssignments.locationId} = ${query.locationId}::uuid)`,
    );
    return loadPage(
      query,
      ({ limit, offset }) =>
        db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(where)
          .orderBy(asc(users.name), asc(users.id))
          .limit(limit)
          .offset(offset),
      () => db.select({ total: count() }).from(users).where(where),
    );
  }

  /**
   * Y3: names another teacher on a submitted, open request. The one replaced no longer reads it from
   * now on (the policy reads the request's teacher); their messages stay with their name.
   */
  changeTeacher(context: UseCaseContext, requestId: string, teacherUserId: string) {
    return runRequestCommand(context, requestId, async (request) => {
      if (['draft', 'closed', 'refused', 'withdrawn'].includes(request.status))
        throw new RuleViolation('transition_not_allowed');
      await requireTeacherOf(context, request.locationId, teacherUserId);
      if (request.teacherUserId === teacherUserId) return request;
      const [updated] = await context.db
        .update(supportRequests)
        .set({ teacherUserId, updatedAt: sql`now()` })
        .where(eq(supportRequests.id, request.id))
        .returning();
      if (!updated) throw new NotFound();
      await context.audit('requests.teacher_changed', requestObject(request), {
        from: request.teacherUserId,
        to: teacherUserId,
      });
      await this.workflow.notify(context, [teacherUserId], 'news', updated);
      return updated;
    });
  }

  /** The schools and assigned members among the requests the actor may see (distinct, in SQL). */
  async filterOptions(context: UseCaseContext): Promise<RequestFilterOptions> {
    const { db } = context;
    const schools = await db
      .selectDistinct({ id: locations.id, name: locations.name })
      .from(supportRequests)
      .innerJoin(locations, eq(locations.id, supportRequests.locationId))
      .where(requestListScope(context))
      .orderBy(asc(locations.name), asc(locations.id));
    const members = await db
      .selectDistinct({ id: users.id, name: users.name })
      .from(supportRequests)
      .innerJoin(users, eq(users.id, supportRequests.assignedUserId))
      .where(requestListScope(context))
      .orderBy(asc(users.name), asc(users.id));
    return {
      locations: schools,
      members,
      pupilSearch: pupilSearchReachOf(
        context.actor.roles.map((assignment) => assignment.role),
        scopesOf,
      ),
    };
  }

  /**
   * The requests the actor may see, filtered and paged in SQL; pupil names only where the actor is
   * shown the pupil (P1), and the audit names the pupils that were on the page (P2).
   */
  async list(context: UseCaseContext, query: RequestListQuery): Promise<RequestPage> {
    const { db, actor } = context;
    const pupilOf = (column: typeof requestPeople.id | typeof requestPeople.name) =>
      sql`(select ${column} from ${requestPeople}
        where ${requestPeople.requestId} = ${supportRequests.id} and ${requestPeople.kind} = 'pupil'
        order by ${requestPeople.position}, ${requestPeople.id} limit 1)`;
    const pupilName = pupilOf(requestPeople.name);
    const where = and(
      requestListScope(context),
      query.status ? eq(supportRequests.status, query.status) : undefined,
      query.type ? eq(supportRequests.type, query.type) : undefined,
      query.locationId ? eq(supportRequests.locationId, query.locationId) : undefined,
      query.assignedUserId ? eq(supportRequests.assignedUserId, query.assignedUserId) : undefined,
      query.mine === 'true' ? eq(supportRequests.assignedUserId, actor.userId) : undefined,
      query.attention ? requestAttentionCondition(query.attention, context.clock.now()) : undefined,
      query.schoolYear ? eq(supportRequests.schoolYear, query.schoolYear) : undefined,
      query.q
        ? or(
            ilike(supportRequests.reference, containsPattern(query.q)),
            ilike(locations.name, containsPattern(query.q)),
            // A request is found by a pupil's name only where the reader is shown that pupil (P1).
            and(
              context.scope('requests.read_pupil', requestColumns),
              sql`${pupilName} ilike ${containsPattern(query.q)}`,
            ),
          )
        : undefined,
    );
    const page = await loadPage(
      query,
      ({ limit, offset }) =>
        db
          .select({
            id: supportRequests.id,
            reference: supportRequests.reference,
            status: supportRequests.status,
            type: supportRequests.type,
            locationId: supportRequests.locationId,
            locationName: locations.name,
            schoolYear: supportRequests.schoolYear,
            pupilId: sql<string | null>`${pupilOf(requestPeople.id)}`,
            pupilName: sql<string | null>`${pupilName}`,
            consentStatus: supportRequests.consentStatus,
            assignedUserId: supportRequests.assignedUserId,
            teacherUserId: supportRequests.teacherUserId,
            assignedName: users.name,
            updatedAt: supportRequests.updatedAt,
          })
          .from(supportRequests)
          .innerJoin(locations, eq(locations.id, supportRequests.locationId))
          .leftJoin(users, eq(users.id, supportRequests.assignedUserId))
          .where(where)
          .orderBy(...requestOrder(query.sort))
          .limit(limit)
          .offset(offset),
      () =>
        db
          .select({ total: count() })
          .from(supportRequests)
          .innerJoin(locations, eq(locations.id, supportRequests.locationId))
          .where(where),
    );
    const items = page.items.map((row) => ({
      row,
      pupilShown: row.pupilName !== null && context.may('requests.read_pupil', requestScope(row)),
    }));
    await context.audit('requests.listed', null, {
      count: items.length,
      pupilIds: items.flatMap(({ row, pupilShown }) => (pupilShown && row.pupilId ? [row.pupilId] : [])),
    });
    return {
      ...page,
      items: items.map(({ row, pupilShown }) => ({
        id: row.id,
        reference: row.reference,
        status: row.status,
        type: row.type,
        location: { id: row.locationId, name: row.locationName },
        schoolYear: row.schoolYear,
        pupilName: pupilShown ? row.pupilName : null,
        pupilHidden: !pupilShown && row.pupilName !== null,
        consentStatus: row.consentStatus,
        assignedTo:
          row.assignedUserId && row.assignedName ? { id: row.assignedUserId, name: row.assignedName } : null,
        updatedAt: row.updatedAt.toISOString(),
      })),
    };
  }

  /** One request as the actor may see it; reading pupil data is audited (P2). */
  async get(context: UseCaseContext, requestId: string): Promise<RequestDetail> {
    const request = await context.load(requestTarget, requestId);
    await context.audit('requests.viewed', requestObject(request), {
      pupilShown: context.may('requests.read_pupil', requestScope(request)),
    });
    return loadDetail(context, request);
  }

  /**
   * Starts a request as a draft (R6), or files it at once when the form asks to submit: then it is
   * checked for completeness before anything is written, so a form that cannot be submitted leaves no
   * (empty) draft behind. The browser's idempotency key makes a repeated create return the request it
   * already made.
   */
  async create(
    context: UseCaseContext,
    input: CreateRequestInput,
  ): Promise<{ created: boolean; detail: RequestDetail }> {
    const { db, actor } = context;
    const [existing] = await db
      .select()
      .from(supportRequests)
      .where(eq(supportRequests.idempotencyKey, input.idempotencyKey));
    if (existing) {
      if (existing.createdByUserId !== actor.userId) throw new RuleViolation('conflict');
      return { created: false, detail: await loadDetail(context, existing) };
    }
    await context.requireVisible(
      { kind: 'location', action: 'requests.create' },
      { locationId: input.locationId },
      'no_location',
    );
    if (input.submit) {
      const problems = findSubmitProblems(input);
      if (problems.length > 0) throw new ValidationFailed(problems);
      // Filing at once is submitting too: the school must be one the actor may submit for.
      await context.requireVisible(
        { kind: 'location', action: 'requests.submit' },
        { locationId: input.locationId },
        'no_location',
      );
    }
    const [location] = await db
      .select({ id: locations.id, sector: locations.sector })
      .from(locations)
      .where(eq(locations.id, input.locationId));
    if (!location) throw new ValidationFailed([{ path: 'locationId', code: 'no_location' }]);
    if (!primarySectors.includes(location.sector))
      throw new ValidationFailed([{ path: 'locationId', code: 'not_primary_location' }]);
    const schoolYear = schoolYearOf(context.clock.today());
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
      .returning()
      .catch(rethrowSameCreate);
    if (!request) throw new NotFound();
    const saved = await this.writeDraft(context, request, input);
    await context.audit('requests.created', requestObject(saved));
    const current = input.submit ? await this.submitDraft(context, saved) : saved;
    return { created: true, detail: await loadDetail(context, current) };
  }

  /** Saves the draft's answers; only while it is a draft. */
  saveDraft(context: UseCaseContext, requestId: string, input: RequestDraftInput) {
    return runRequestCommand(context, requestId, async (request) => {
      if (request.status !== 'draft') throw new RuleViolation('transition_not_allowed');
      const saved = await this.writeDraft(context, request, input);
      await context.audit('requests.draft_saved', requestObject(request));
      return saved;
    });
  }

  /** Deletes a draft with everything on it; a submitted request is never deleted. */
  async deleteDraft(context: UseCaseContext, requestId: string): Promise<void> {
    const request = await context.load(requestTarget, requestId, { lock: true });
    if (!isWorkAllowed(request.status, context.action)) throw new RuleViolation('request_paused');
    if (request.status !== 'draft') throw new RuleViolation('transition_not_allowed');
    await context.db.delete(supportRequests).where(eq(supportRequests.id, request.id));
    await context.audit('requests.draft_deleted', requestObject(request));
  }

  /**
   * Submits the form: complete it first (field errors), refuse it at once when it asks for direct
   * pupil support (R2), otherwise send the consent links (R8, R9) and move on when nothing is
   * awaited. Submitting twice changes nothing the second time.
   */
  submit(context: UseCaseContext, requestId: string) {
    return runRequestCommand(context, requestId, async (request) => {
      if (request.status !== 'draft' && request.submittedAt) return request;
      return this.submitDraft(context, request);
    });
  }

  /** The submit of a draft (see `submit`), also run by a create that files the request at once. */
  private async submitDraft(context: UseCaseContext, request: RequestRow): Promise<RequestRow> {
    const people = await context.db
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
    let current = await applyTransition(context, request, {
      transition: outcome,
      to: plan.to,
      actorUserId: context.actor.userId,
      reason,
      // A refusal finishes the request: its retention period starts (P4).
      set: {
        submittedAt: context.clock.now(),
        refusalReason: reason,
        ...(outcome === 'refuse' ? { closedAt: context.clock.now() } : {}),
      },
    });
    await auditTransition(context, current, outcome, request.status);
    if (outcome === 'refuse') return current;
    if (isPupilLevel(current.type)) {
      for (const person of people) {
        const counts = person.kind === 'pupil' || person.hasAuthority === true;
        if (counts && person.email && person.kind === 'parent')
          await this.workflow.sendConsentLink(context, current, person, context.actor.userId);
      }
    }
    current = await this.workflow.settle(context, current, 'requests.submit', context.actor.userId);
    return current;
  }

  /** R2: the team or the staff office refuses a request as out of scope, with the reason. */
  refuse(context: UseCaseContext, requestId: string, reason: string) {
    return this.transition(context, requestId, 'refuse', {
      reason,
      // A refusal finishes the request: its retention period starts (P4).
      set: { refusalReason: reason, closedAt: context.clock.now() },
      notify: 'school',
    });
  }

  /** The school withdraws its request, with the reason. */
  withdraw(context: UseCaseContext, requestId: string, reason: string) {
    return this.transition(context, requestId, 'withdraw', {
      reason,
      // A withdrawal finishes the request: its retention period starts (P4).
      set: { closedAt: context.clock.now() },
      notify: 'team',
    });
  }

  /** The assigned member starts work. */
  start(context: UseCaseContext, requestId: string) {
    return this.transition(context, requestId, 'start', { assigneeOnly: true });
  }

  /** The assigned member closes the request with its outcome. */
  close(context: UseCaseContext, requestId: string, outcome: string) {
    return this.transition(context, requestId, 'close', {
      assigneeOnly: true,
      set: { outcome, closedAt: context.clock.now() },
      notify: 'school',
    });
  }

  /** R10: the school records that and how the parents of the group were informed. */
  recordParentsInformed(context: UseCaseContext, requestId: string, input: ParentsInformedInput) {
    return runRequestCommand(context, requestId, async (request) => {
      if (request.status !== 'submitted') throw new RuleViolation('transition_not_allowed');
      const [updated] = await context.db
        .update(supportRequests)
        .set({
          parentsInformedOn: input.informedOn,
          parentsInformedHow: input.how,
          parentsInformedByUserId: context.actor.userId,
          updatedAt: sql`now()`,
        })
        .where(eq(supportRequests.id, request.id))
        .returning();
      if (!updated) throw new NotFound();
      await context.audit('requests.parents_informed', requestObject(request));
      return this.workflow.settle(context, updated, 'requests.record_parents_informed', context.actor.userId);
    });
  }

  /**
   * R1: assigns a ready request, or reassigns one, to an active team member. Only the staff office
   * and the school's contact person may (the policy of `requests.assign`).
   */
  assign(context: UseCaseContext, requestId: string, userId: string) {
    return runRequestCommand(context, requestId, async (request) => {
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
      // Who can be assigned is data: an active user who is a team member (R1).
      const [member] = await queryRows<{ id: string }>(
        context.db,
        sql`select u.id from users u
          join role_assignments r on r.user_id = u.id and r.role = ${teamMemberRole}
          left join team_members m on m.user_id = u.id
          where u.id = ${userId}::uuid and u.status = 'active' and coalesce(m.status, 'active') = 'active'`,
      );
      if (!member)
        throw new RuleViolation('not_team_member', 422, [{ path: 'userId', code: 'not_team_member' }]);
      if (request.assignedUserId === userId) return request;
      const updated = await applyTransition(context, request, {
        transition,
        to: plan.to,
        actorUserId: context.actor.userId,
        set: { assignedUserId: userId },
      });
      await auditTransition(context, updated, transition, request.status);
      await this.workflow.notify(context, [userId], 'assigned', updated);
      return updated;
    });
  }

  /**
   * R1: active team members ranked by matching expertise, being one of the school's fixed pair, and
   * how busy they are; one query for all candidates.
   */
  async suggestions(context: UseCaseContext, requestId: string): Promise<AssignmentSuggestionList> {
    const request = await context.load(requestTarget, requestId);
    const today = context.clock.today();
    const wanted = await context.db
      .select({ id: expertiseTags.id, name: expertiseTags.name })
      .from(supportRequestTags)
      .innerJoin(expertiseTags, eq(expertiseTags.id, supportRequestTags.tagId))
      .where(eq(supportRequestTags.requestId, request.id));
    // The candidates are data: every active user with the team-member role (R1).
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
      context.db,
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
      join role_assignments r on r.user_id = u.id and r.role = ${teamMemberRole}
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
    await context.audit('requests.suggestions_viewed', requestObject(request));
    return {
      wantedTags: wanted.map((tag) => tag.name),
      items: ranked.map(({ tagIds: _ids, tagNames: _names, ...candidate }) => candidate),
    };
  }

  /** R7: a message (school and team) or a team note, with an optional file, inside Passend. */
  postMessage(context: UseCaseContext, requestId: string, fields: MessageFields, file: UploadedFile | null) {
    return runRequestCommand(context, requestId, async (request) => {
      requireThreadVisible(context, request);
      if (request.status === 'draft') throw new RuleViolation('transition_not_allowed');
      // Team notes are the team's (P1): only who reads them writes them; for the others a note is no
      // step the workflow offers.
      const isTeamSide = context.may('requests.read_team_notes', requestScope(request));
      if (fields.kind === 'note' && !isTeamSide) throw new RuleViolation('transition_not_allowed');
      const checked = file ? await checkAttachment(file) : null;
      const [message] = await context.db
        .insert(requestMessages)
        .values({
          tenantId: request.tenantId,
          requestId: request.id,
          kind: fields.kind,
          body: fields.body,
          authorUserId: context.actor.userId,
        })
        .returning({ id: requestMessages.id });
      if (file && checked && message)
        await storeFile(context, request, file, checked, { messageId: message.id, kind: 'attachment' });
      await context.audit('requests.message_posted', requestObject(request), {
        kind: fields.kind,
        withFile: !!file,
      });
      if (fields.kind === 'message') {
        // The other side hears there is news: the team when the school writes, and the other way round.
        // The teacher on the request (Y3) is of the school's side and hears of the team's messages too.
        const recipients = isTeamSide
          ? [request.createdByUserId, request.teacherUserId]
          : [request.assignedUserId];
        await this.workflow.notify(context, recipients, 'news', request);
      }
      return request;
    });
  }

  /** Adds a file to a request (PDF, Word, image; checked by content). */
  uploadAttachment(context: UseCaseContext, requestId: string, file: UploadedFile | null) {
    return runRequestCommand(context, requestId, async (request) => {
      requireThreadVisible(context, request);
      // The request's own files are the case file: who does not read them (the teacher on it) adds none.
      context.require('requests.read_case_file', requestScope(request));
      const checked = await checkAttachment(file);
      if (file) await storeFile(context, request, file, checked, { messageId: null, kind: 'attachment' });
      return request;
    });
  }

  /** A file of a request for download, audited (P2); team notes' files only for the team. */
  async downloadAttachment(context: UseCaseContext, requestId: string, attachmentId: string) {
    const request = await context.load(requestTarget, requestId);
    const [file] = await context.db
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
    const may = (action: Action) => context.may(action, requestScope(request));
    if (isPupilLevel(request.type) && !may('requests.read_pupil')) throw new NotFound();
    if (file.messageKind === 'note' && !may('requests.read_team_notes')) throw new NotFound();
    // Files outside the thread (attachments, signed consent forms) are the case file (P1, Y3).
    if (file.messageKind === null && !may('requests.read_case_file')) throw new NotFound();
    await context.audit('requests.attachment_downloaded', attachmentObject(attachmentId));
    return { fileName: file.fileName, mediaType: file.mediaType, content: file.content };
  }

  /** The request as the actor sees it, for the PDF in their language; the download is audited (P2). */
  async forPdf(
    context: UseCaseContext,
    requestId: string,
  ): Promise<{ detail: RequestDetail; partnershipName: string; generatedAt: Date; locale: Locale }> {
    const request = await context.load(requestTarget, requestId);
    await context.audit('requests.pdf_downloaded', requestObject(request), {
      pupilShown: context.may('requests.read_pupil', requestScope(request)),
    });
    const [tenant] = await queryRows<{ name: string }>(context.db, sql`select name from tenants`);
    return {
      detail: await loadDetail(context, request),
      partnershipName: tenant?.name ?? '',
      generatedAt: context.clock.now(),
      locale: context.locale,
    };
  }

  /** A status change by a person, checked against the transition table, with its audit and news. */
  private transition(
    context: UseCaseContext,
    requestId: string,
    transition: RequestTransition,
    options: {
      reason?: string;
      assigneeOnly?: boolean;
      set?: Partial<typeof supportRequests.$inferInsert>;
      /** Who hears there is news: the school that filed it, or the assigned team member. */
      notify?: 'school' | 'team';
    },
  ) {
    return runRequestCommand(context, requestId, async (request) => {
      const plan = planTransition(
        {
          status: request.status,
          type: request.type,
          consentStatus: request.consentStatus,
          parentsInformed: !!request.parentsInformedOn,
          statusBeforePause: request.statusBeforePause,
        },
        transition,
        context.action,
      );
      if (!plan.ok) throw new RuleViolation(plan.reason);
      if (options.assigneeOnly && request.assignedUserId !== context.actor.userId)
        throw new RuleViolation('not_assignee');
      const updated = await applyTransition(context, request, {
        transition,
        to: plan.to,
        actorUserId: context.actor.userId,
        reason: options.reason ?? null,
        set: options.set,
      });
      await auditTransition(context, updated, transition, request.status);
      if (options.notify) {
        const recipient = options.notify === 'school' ? request.createdByUserId : request.assignedUserId;
        await this.workflow.notify(context, [recipient], 'news', updated);
      }
      return updated;
    });
  }

  /** Writes the form's answers, its tags and its people (a draft has no consent history yet). */
  private async writeDraft(
    context: UseCaseContext,
    request: RequestRow,
    input: RequestDraftInput,
  ): Promise<RequestRow> {
    const { db } = context;
    await context.requireVisible(
      { kind: 'expertiseTag' },
      listField('expertiseTagIds', input.expertiseTagIds),
    );
    await requireTeacherOf(context, request.locationId, input.teacherUserId);
    const pupilLevel = isPupilLevel(input.type);
    const { pupilId, pupil } = pupilLevel
      ? await this.registerPupil(context, request, input)
      : { pupilId: null, pupil: null };
    const [updated] = await db
      .update(supportRequests)
      .set({
        pupilId,
        type: input.type,
        question: input.question || null,
        triedInBasicSupport: input.triedInBasicSupport || null,
        hopedOutcome: input.hopedOutcome || null,
        // The free-text teacher of a request from before Y3 stays as it was (nothing is lost).
        teacherUserId: input.teacherUserId,
        groupName: input.groupName || null,
        asksDirectPupilSupport: input.asksDirectPupilSupport,
        pupilGroup: pupilLevel ? (pupil?.group ?? null) : null,
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
    if (pupilLevel && pupil)
      people.push({
        tenantId: request.tenantId,
        requestId: request.id,
        kind: 'pupil',
        name: pupil.name,
        email: pupil.email,
        birthDate: pupil.birthDate,
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

  /**
   * The request's pupil in the school's register (Y1): the one picked (proven to be of this school and
   * readable by the actor), or the one typed, added to the register with its parents in this same
   * transaction. The request keeps its own copy of the pupil as the form had it: consent is asked and
   * given for the pupil and parents as they were then (P3); without typed details the register's are copied.
   */
  private async registerPupil(
    context: UseCaseContext,
    request: RequestRow,
    input: RequestDraftInput,
  ): Promise<{ pupilId: string | null; pupil: PupilInput | null }> {
    if (input.pupilId) {
      const registered = await requireRegisteredPupil(context, input.pupilId, request.locationId, 'pupilId');
      const copied =
        registered.birthDate !== null
          ? {
              name: registered.name,
              birthDate: registered.birthDate,
              group: registered.className,
              email: null,
            }
          : null;
      return { pupilId: registered.id, pupil: input.pupil ?? copied };
    }
    if (!input.pupil) return { pupilId: null, pupil: null };
    const pupilId = await registerTypedPupil(
      context,
      {
        locationId: request.locationId,
        name: input.pupil.name,
        birthDate: input.pupil.birthDate,
        className: input.pupil.group,
        mentorUserId: null,
        parents: input.parents.map(({ name, email, phone, hasAuthority }) => ({
          name,
          email,
          phone,
          hasAuthority,
        })),
      },
      'request',
    );
    return { pupilId, pupil: input.pupil };
  }
}

/**
 * Runs a command of the route's action on one request: the request loaded and locked through the
 * policy (404 where the actor may not read it, 403 where they may not do this), refused while the
 * workflow holds the request (paused), then the work, answered with the request's new detail.
 */
export async function runRequestCommand(
  context: UseCaseContext,
  requestId: string,
  work: (request: RequestRow) => Promise<RequestRow>,
): Promise<RequestDetail> {
  const request = await context.load(requestTarget, requestId, { lock: true });
  if (!isWorkAllowed(request.status, context.action)) throw new RuleViolation('request_paused');
  return loadDetail(context, await work(request));
}

/** Stores a checked file on the request. */
export async function storeFile(
  context: UseCaseContext,
  request: RequestRow,
  file: UploadedFile,
  checked: { mediaType: string; fileName: string },
  placement: { messageId: string | null; kind: 'attachment' | 'consent_form' },
): Promise<string> {
  const [stored] = await context.db
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
      uploadedByUserId: context.actor.userId,
    })
    .returning({ id: requestAttachments.id });
  if (!stored) throw new NotFound();
  await context.audit('requests.attachment_uploaded', requestObject(request), {
    mediaType: checked.mediaType,
    size: file.content.length,
  });
  return stored.id;
}

/** A status change by the actor, in the audit trail. */
async function auditTransition(
  context: UseCaseContext,
  request: RequestRow,
  transition: RequestTransition,
  from: string,
): Promise<void> {
  await context.audit('requests.transitioned', requestObject(request), {
    transition,
    from,
    to: request.status,
    // Who it went to: the history of assignees that the signal of reads by someone no longer assigned reads.
    ...assigneeOf(transition, request.assignedUserId),
  });
}

/**
 * Y3: proves the picked teacher is an active teacher of the request's school before it is stored
 * (400 with a field error otherwise; the answer is the same for an unknown id).
 */
async function requireTeacherOf(
  context: UseCaseContext,
  locationId: string,
  teacherUserId: string | null,
): Promise<void> {
  await context.requireVisible(
    { kind: 'schoolTeacher', locationId },
    { teacherUserId },
    'not_a_teacher_here',
  );
}

/** Whoever is not shown a pupil-level request's pupil (P1) neither reads nor writes its thread. */
function requireThreadVisible(context: UseCaseContext, request: RequestRow): void {
  if (isPupilLevel(request.type)) context.require('requests.read_pupil', requestScope(request));
}

// Statuses in the order of the workflow (as the filter lists them), not alphabetically by code.
const statusOrder = sql`array_position(array[${sql.join(
  requestStatuses.map((status) => sql`${status}`),
  sql`, `,
)}]::text[], ${supportRequests.status})`;

/**
 * The ORDER BY of the request list for an allow-listed sort (the contract refuses any other): the
 * chosen column, then the most recently changed, then the id, so paging never repeats or skips a row.
 */
function requestOrder(sort: RequestSort | undefined): SQL[] {
  const key = (sort?.replace(/^-/, '') ?? 'updated') as RequestSortKey;
  const direction = sort === undefined || sort.startsWith('-') ? desc : asc;
  const tieBreak = [desc(supportRequests.updatedAt), asc(supportRequests.id)];
  switch (key) {
    case 'reference':
      // References are unique per partnership ("HV-2026-0042"): numbered with leading zeros, so text order is number order.
      return [direction(supportRequests.reference), asc(supportRequests.id)];
    case 'status':
      return [direction(statusOrder), ...tieBreak];
    case 'school':
      return [direction(locations.name), ...tieBreak];
    case 'updated':
      return [direction(supportRequests.updatedAt), asc(supportRequests.id)];
  }
}

/** Two creates with one idempotency key at once: the second is told the draft is already there. */
function rethrowSameCreate(error: unknown): never {
  throw isUniqueViolation(error, 'support_requests_idempotency_unique')
    ? new RuleViolation('conflict')
    : error;
}

/** The audit object of a request. */
export function requestObject(request: { id: string }) {
  return { type: 'support_request', id: request.id };
}

/** A file of a request as the audit trail names it. */
export function attachmentObject(attachmentId: string) {
  return { type: 'request_attachment', id: attachmentId };
}

/** The list filter of the policy for the actor (drafts only at their school), so list and detail agree. */
export function requestListScope(context: Pick<UseCaseContext, 'scope'>): SQL | undefined {
  return and(
    context.scope('requests.read', requestColumns),
    or(
      ne(supportRequests.status, 'draft'),
      context.scope('requests.create', { locationId: supportRequests.locationId }),
    ),
  );
}
