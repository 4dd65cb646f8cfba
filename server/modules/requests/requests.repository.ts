import { and, asc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  Attachment,
  ConsentStatus,
  RequestDetail,
  RequestStatus,
  RequestTransition,
} from '../../../contracts/requests.ts';
import { groupLevelTypes, isPupilLevel, type RequestAttention } from '../../../contracts/requests.ts';
import { coordinatorRole, teamMemberRole } from '../../../contracts/roles.ts';
import { queryRows } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import {
  type Action,
  type Actor,
  canAccess,
  type ResourceScope,
  type ScopeColumns,
} from '../../platform/access/policies.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { NotFound } from '../../platform/http/errors.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { locations } from '../schools/schools.schema.ts';
import { expertiseTags, schoolTeamAssignments } from '../team/team.schema.ts';
import {
  type CommandContext,
  type ConsentEvent,
  type ConsentPerson,
  commandsFor,
  consentJudgementDate,
  currentDecisionOf,
  isConsentRequiredOf,
  personConsentStateOf,
  settleConsent,
} from './requests.rules.ts';
import {
  consentLinks,
  consentRecords,
  partnershipSettings,
  requestAttachments,
  requestEvents,
  requestMessages,
  requestPeople,
  supportRequests,
  supportRequestTags,
} from './requests.schema.ts';

/** What the module's queries need of any context (a user's, a link's, the system's): its transaction. */
export type Queries = Pick<UseCaseContext, 'db'>;

export type RequestRow = typeof supportRequests.$inferSelect;

/**
 * What a request offers the policy besides its partnership: its school, the member it is assigned to,
 * and the teacher on it as the one taking part (Y3).
 */
export function requestScope(request: Pick<RequestRow, 'locationId' | 'assignedUserId' | 'teacherUserId'>) {
  return {
    locationId: request.locationId,
    userId: request.assignedUserId,
    participantUserIds: request.teacherUserId ? [request.teacherUserId] : [],
  };
}

/** The columns of `support_requests` the policy filters a list on (see `requestScope`). */
export const requestColumns = {
  locationId: supportRequests.locationId,
  userId: supportRequests.assignedUserId,
  isParticipant: (userId: string) => sql`${supportRequests.teacherUserId} = ${userId}::uuid`,
} satisfies ScopeColumns;

/**
 * A support request as a route's target: whoever may read requests there sees it, except a draft,
 * which exists only for the school that keeps it (R6).
 */
export const requestTarget = defineTarget<RequestRow>({
  readAction: 'requests.read',
  load: ({ db }, id, { lock }) => selectRequest(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, ...requestScope(row) }),
  isVisible: (_actor, row, may) =>
    row.status !== 'draft' || may('requests.create', { tenantId: row.tenantId, ...requestScope(row) }),
});

const selectRequest = rowById('request', (db, lock) => {
  const query = db.select().from(supportRequests).where(eq(supportRequests.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

/** Whether the actor may read the request at all, as `context.load(requestTarget, …)` decides it. */
export function mayRead(actor: Actor, request: RequestRow): boolean {
  const may = (action: Action, scope: ResourceScope) => canAccess(actor, action, scope);
  return (
    may('requests.read', requestTarget.scopeOf(request, 'requests.read')) &&
    (requestTarget.isVisible?.(actor, request, may) ?? true)
  );
}

/** The school's contact person on the day (R5), if it has one: whom a ready request goes to (R1). */
export async function contactPersonOf(
  { db }: Queries,
  locationId: string,
  today: string,
): Promise<string | null> {
  const [row] = await db
    .select({ userId: schoolTeamAssignments.userId })
    .from(schoolTeamAssignments)
    .where(
      and(
        eq(schoolTeamAssignments.locationId, locationId),
        eq(schoolTeamAssignments.isContact, true),
        lte(schoolTeamAssignments.validFrom, today),
        or(isNull(schoolTeamAssignments.validTo), gt(schoolTeamAssignments.validTo, today)),
      ),
    );
  return row?.userId ?? null;
}

/** The partnership's consent setting (R8). */
export async function oneParentSufficesIn({ db }: Queries): Promise<boolean> {
  const [row] = await db
    .select({ value: partnershipSettings.consentOneParentSuffices })
    .from(partnershipSettings);
  return row?.value ?? false;
}

/** Everyone whose consent may count on a request, and every decision so far, in order. */
export async function loadConsentFacts(
  { db }: Queries,
  requestId: string,
): Promise<{
  people: Array<ConsentPerson & { name: string; email: string | null }>;
  events: ConsentEvent[];
}> {
  const people = await db
    .select({
      id: requestPeople.id,
      kind: requestPeople.kind,
      name: requestPeople.name,
      email: requestPeople.email,
      hasAuthority: requestPeople.hasAuthority,
      birthDate: requestPeople.birthDate,
    })
    .from(requestPeople)
    .where(eq(requestPeople.requestId, requestId))
    .orderBy(asc(requestPeople.position));
  const events = await db
    .select({ personId: consentRecords.personId, decision: consentRecords.decision })
    .from(consentRecords)
    .where(eq(consentRecords.requestId, requestId))
    .orderBy(asc(consentRecords.recordedAt), asc(consentRecords.id));
  return { people, events };
}

/** The consent of a request from its type, people and decisions, and the day its requirement is fixed on (R9). */
export async function consentOf(
  context: Pick<UseCaseContext, 'db' | 'clock'>,
  request: RequestRow,
): Promise<{ status: ConsentStatus; fixedOn: string | null }> {
  if (!isPupilLevel(request.type)) return { status: 'not_needed', fixedOn: null };
  const { people, events } = await loadConsentFacts(context, request.id);
  return settleConsent(people, events, {
    oneParentSuffices: await oneParentSufficesIn(context),
    today: context.clock.today(),
    fixedOn: request.consentFixedOn,
  });
}

/** Applies a status change with its timeline entry; the caller has checked it with planTransition. */
export async function applyTransition(
  { db }: Queries,
  request: RequestRow,
  change: {
    transition: RequestTransition;
    to: RequestStatus;
    actorUserId: string | null;
    reason?: string | null;
    set?: Partial<typeof supportRequests.$inferInsert>;
  },
): Promise<RequestRow> {
  const [updated] = await db
    .update(supportRequests)
    .set({ ...change.set, status: change.to, updatedAt: sql`now()` })
    .where(eq(supportRequests.id, request.id))
    .returning();
  await db.insert(requestEvents).values({
    tenantId: request.tenantId,
    requestId: request.id,
    transition: change.transition,
    fromStatus: request.status,
    toStatus: change.to,
    actorUserId: change.actorUserId,
    reason: change.reason ?? null,
  });
  if (!updated) throw new NotFound();
  return updated;
}

const createdBy = alias(users, 'created_by');
const assignee = alias(users, 'assignee');
const author = alias(users, 'author');
const recorder = alias(users, 'recorder');
const uploader = alias(users, 'uploader');
const teacher = alias(users, 'named_teacher');

/**
 * The detail view of a request for this actor: one query per part (no query per row), pupil data
 * left out where the actor may not see it (P1: `requests.read_pupil`), team notes only for those who
 * read them (`requests.read_team_notes`), and the commands the actor may use now.
 */
export async function loadDetail(context: UseCaseContext, request: RequestRow): Promise<RequestDetail> {
  const { db, actor } = context;
  const may = (action: Action) => context.may(action, requestScope(request));
  const readsTeamNotes = may('requests.read_team_notes');
  const [head] = await db
    .select({
      locationName: locations.name,
      locationPlace: locations.place,
      createdByName: createdBy.name,
      assigneeName: assignee.name,
      teacherName: teacher.name,
    })
    .from(supportRequests)
    .innerJoin(locations, eq(locations.id, supportRequests.locationId))
    .innerJoin(createdBy, eq(createdBy.id, supportRequests.createdByUserId))
    .leftJoin(assignee, eq(assignee.id, supportRequests.assignedUserId))
    .leftJoin(teacher, eq(teacher.id, supportRequests.teacherUserId))
    .where(eq(supportRequests.id, request.id));
  if (!head) throw new NotFound();
  const tags = await db
    .select({ id: expertiseTags.id, name: expertiseTags.name })
    .from(supportRequestTags)
    .innerJoin(expertiseTags, eq(expertiseTags.id, supportRequestTags.tagId))
    .where(eq(supportRequestTags.requestId, request.id))
    .orderBy(asc(expertiseTags.name));
  const pupilVisible = may('requests.read_pupil');
  // P1, Y3: the parents' details, each person's consent and the request's own files are the case file;
  // the teacher on the request reads the form and the thread without them.
  const readsCaseFile = may('requests.read_case_file');
  const people = await db
    .select()
    .from(requestPeople)
    .where(eq(requestPeople.requestId, request.id))
    .orderBy(asc(requestPeople.position));
  const links = await db
    .select({
      personId: consentLinks.personId,
      expiresAt: consentLinks.expiresAt,
      answeredAt: consentLinks.answeredAt,
      revokedAt: consentLinks.revokedAt,
    })
    .from(consentLinks)
    .where(eq(consentLinks.requestId, request.id))
    .orderBy(asc(consentLinks.createdAt));
  const records = await db
    .select({
      id: consentRecords.id,
      personId: consentRecords.personId,
      decision: consentRecords.decision,
      method: consentRecords.method,
      decidedOn: consentRecords.decidedOn,
      recordedAt: consentRecords.recordedAt,
      recordedByName: recorder.name,
      textVersion: consentRecords.textVersion,
      signedBy: consentRecords.signedBy,
      attachmentId: consentRecords.attachmentId,
    })
    .from(consentRecords)
    .leftJoin(recorder, eq(recorder.id, consentRecords.recordedByUserId))
    .where(eq(consentRecords.requestId, request.id))
    .orderBy(asc(consentRecords.recordedAt), asc(consentRecords.id));
  const timeline = await db
    .select({
      at: requestEvents.at,
      transition: requestEvents.transition,
      fromStatus: requestEvents.fromStatus,
      toStatus: requestEvents.toStatus,
      actorName: users.name,
      reason: requestEvents.reason,
    })
    .from(requestEvents)
    .leftJoin(users, eq(users.id, requestEvents.actorUserId))
    .where(eq(requestEvents.requestId, request.id))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
  const files = await db
    .select({
      id: requestAttachments.id,
      messageId: requestAttachments.messageId,
      fileName: requestAttachments.fileName,
      mediaType: requestAttachments.mediaType,
      size: requestAttachments.size,
      kind: requestAttachments.kind,
      uploadedAt: requestAttachments.uploadedAt,
      uploadedByName: uploader.name,
    })
    .from(requestAttachments)
    .innerJoin(uploader, eq(uploader.id, requestAttachments.uploadedByUserId))
    .where(eq(requestAttachments.requestId, request.id))
    .orderBy(asc(requestAttachments.uploadedAt));
  const messages = await db
    .select({
      id: requestMessages.id,
      kind: requestMessages.kind,
      body: requestMessages.body,
      authorId: requestMessages.authorUserId,
      authorName: author.name,
      createdAt: requestMessages.createdAt,
    })
    .from(requestMessages)
    .innerJoin(author, eq(author.id, requestMessages.authorUserId))
    .where(
      and(
        eq(requestMessages.requestId, request.id),
        readsTeamNotes ? undefined : eq(requestMessages.kind, 'message'),
      ),
    )
    .orderBy(asc(requestMessages.createdAt), asc(requestMessages.id));
  const authorSides = await sidesOf(
    context,
    messages.map((message) => message.authorId),
    request.locationId,
  );

  const now = context.clock.now();
  const oneParentSuffices = await oneParentSufficesIn(context);
  const today = context.clock.today();
  const events = records.map((record) => ({ personId: record.personId, decision: record.decision }));
  const consentPeople = people.filter((person) => person.kind === 'pupil' || person.hasAuthority === true);
  const toAttachment = (file: (typeof files)[number]): Attachment => ({
    id: file.id,
    fileName: file.fileName,
    mediaType: file.mediaType,
    size: file.size,
    kind: file.kind,
    uploadedAt: file.uploadedAt.toISOString(),
    uploadedByName: file.uploadedByName,
  });
  const hidden = !pupilVisible;
  const hidesText = hidden && isPupilLevel(request.type);
  const pupil = people.find((person) => person.kind === 'pupil');
  const personName = (personId: string) =>
    hidden ? '—' : (people.find((person) => person.id === personId)?.name ?? '—');
  const commandContext: CommandContext = {
    status: request.status,
    type: request.type,
    may,
    isAssignee: request.assignedUserId === actor.userId,
  };

  return {
    id: request.id,
    reference: request.reference,
    status: request.status,
    location: { id: request.locationId, name: head.locationName, place: head.locationPlace },
    schoolYear: request.schoolYear,
    type: request.type,
    // The free text of a pupil-level request describes the pupil: it is hidden with the pupil.
    question: hidesText ? null : request.question,
    triedInBasicSupport: hidesText ? null : request.triedInBasicSupport,
    hopedOutcome: hidesText ? null : request.hopedOutcome,
    teacher:
      request.teacherUserId && head.teacherName
        ? { id: request.teacherUserId, name: head.teacherName }
        : null,
    teacherName: request.teacherName,
    groupName: request.groupName,
    asksDirectPupilSupport: request.asksDirectPupilSupport,
    expertiseTags: tags,
    pupil:
      pupil && !hidden
        ? {
            id: pupil.id,
            name: pupil.name,
            birthDate: pupil.birthDate ?? '',
            group: request.pupilGroup,
            email: pupil.email,
          }
        : null,
    pupilId: hidden ? null : request.pupilId,
    parents:
      hidden || !readsCaseFile
        ? []
        : people
            .filter((person) => person.kind === 'parent')
            .map((person) => ({
              id: person.id,
              name: person.name,
              email: person.email,
              phone: person.phone,
              hasAuthority: person.hasAuthority === true,
            })),
    pupilHidden: hidesText,
    consent: {
      status: request.consentStatus,
      oneParentSuffices,
      people:
        hidden || !readsCaseFile
          ? []
          : consentPeople.map((person) => {
              const newestLink = links.filter((link) => link.personId === person.id).at(-1) ?? null;
              const decision = currentDecisionOf(person.id, events);
              return {
                personId: person.id,
                kind: person.kind,
                name: person.name,
                hasEmail: !!person.email,
                required: isConsentRequiredOf(person, { onDate: consentJudgementDate(request, today) }),
                state: personConsentStateOf(decision, newestLink, now),
                linkExpiresAt:
                  newestLink && !newestLink.answeredAt && !newestLink.revokedAt
                    ? newestLink.expiresAt.toISOString()
                    : null,
              };
            }),
      records: (readsCaseFile ? records : []).map((record) => ({
        id: record.id,
        personId: record.personId,
        personName: personName(record.personId),
        kind: people.find((person) => person.id === record.personId)?.kind ?? 'parent',
        decision: record.decision,
        method: record.method,
        decidedOn: record.decidedOn,
        recordedAt: record.recordedAt.toISOString(),
        recordedByName: record.recordedByName,
        textVersion: record.textVersion,
        signedBy: hidden ? null : record.signedBy,
        attachmentId: hidden ? null : record.attachmentId,
      })),
    },
    parentsInformed:
      request.parentsInformedOn && request.parentsInformedHow
        ? { informedOn: request.parentsInformedOn, how: request.parentsInformedHow }
        : null,
    assignedTo:
      request.assignedUserId && head.assigneeName
        ? { id: request.assignedUserId, name: head.assigneeName }
        : null,
    createdBy: { id: request.createdByUserId, name: head.createdByName },
    createdAt: request.createdAt.toISOString(),
    submittedAt: request.submittedAt?.toISOString() ?? null,
    closedAt: request.closedAt?.toISOString() ?? null,
    outcome: request.outcome,
    refusalReason: request.refusalReason,
    timeline: timeline.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
    // Signed consent forms name the pupil: they show to those who may see the pupil only.
    attachments: hidesText || !readsCaseFile ? [] : files.filter((file) => !file.messageId).map(toAttachment),
    messages: (hidesText ? [] : messages).map((message) => ({
      id: message.id,
      kind: message.kind,
      body: message.body,
      authorName: message.authorName,
      authorSide: authorSides.get(message.authorId) ?? 'school',
      createdAt: message.createdAt.toISOString(),
      attachments: files.filter((file) => file.messageId === message.id).map(toAttachment),
    })),
    // Whoever may not read the thread does not write in it either.
    commands: commandsFor(commandContext).filter(
      (command) => !hidesText || !['post_message', 'post_note', 'upload_attachment'].includes(command),
    ),
  };
}

/**
 * Whether each author speaks for the school, the team or the staff office, from their roles: data
 * about the authors shown beside their messages, not an access check.
 */
async function sidesOf(
  { db }: Queries,
  userIds: string[],
  locationId: string,
): Promise<Map<string, 'school' | 'team' | 'office'>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<{ user_id: string; side: 'school' | 'team' | 'office' }>(
    db,
    sql`
    select user_id,
      case when bool_or(role = ${teamMemberRole}) then 'team'
           when bool_or(role = ${coordinatorRole}) then 'office'
           else 'school' end as side
    from role_assignments
    where user_id in (${sql.join(
      unique.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
      and (location_id is null or location_id = ${locationId}::uuid)
    group by user_id`,
  );
  return new Map(rows.map((row) => [row.user_id, row.side]));
}

/** The newest links that can still be answered, per person, to revoke on resend or paper consent. */
export async function revokeOpenLinks({ db }: Queries, personId: string): Promise<void> {
  await db
    .update(consentLinks)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(consentLinks.personId, personId),
        isNull(consentLinks.revokedAt),
        isNull(consentLinks.answeredAt),
      ),
    );
}

/** Days after which consent that was asked and is still not complete needs the school's attention. */
export const consentWaitingDays = 14;

/**
 * The SQL of what a school still has to do on an open request (`RequestAttention`): the request list's
 * filter and the count on "Mijn werk" are this one condition, so they always agree.
 */
export function requestAttentionCondition(attention: RequestAttention, now: Date): SQL {
  const at = now.toISOString();
  const isOpen = sql`${supportRequests.status} not in ('draft', 'closed', 'refused', 'withdrawn')`;
  switch (attention) {
    case 'consent_waiting':
      // A link is out now, and consent was first asked more than 14 days ago: a link lives 14 days
      // (consentLinkDays), so the wait runs from the first link, across links sent again.
      return sql`(${isOpen} and ${supportRequests.consentStatus} = 'pending' and exists (
        select 1 from ${consentLinks} waiting where waiting.request_id = ${supportRequests.id}
          and waiting.answered_at is null and waiting.revoked_at is null and waiting.expires_at > ${at}::timestamptz)
        and (select min(first.created_at) from ${consentLinks} first where first.request_id = ${supportRequests.id})
          <= ${at}::timestamptz - make_interval(days => ${consentWaitingDays}))`;
    case 'consent_expired':
      // Expired unanswered, and no newer link sent to the same person since.
      return sql`(${isOpen} and ${supportRequests.consentStatus} = 'pending' and exists (
        select 1 from ${consentLinks} expired where expired.request_id = ${supportRequests.id}
          and expired.answered_at is null and expired.revoked_at is null and expired.expires_at <= ${at}::timestamptz
          and not exists (select 1 from ${consentLinks} newer
            where newer.person_id = expired.person_id and newer.created_at > expired.created_at)))`;
    case 'consent_refused':
      return sql`(${isOpen} and ${supportRequests.consentStatus} = 'refused')`;
    case 'parents_not_informed':
      return sql`(${supportRequests.status} = 'submitted' and ${inArray(supportRequests.type, [...groupLevelTypes])}
        and ${supportRequests.parentsInformedOn} is null)`;
  }
}
