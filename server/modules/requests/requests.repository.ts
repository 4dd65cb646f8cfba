import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  Attachment,
  ConsentStatus,
  RequestDetail,
  RequestStatus,
  RequestTransition,
} from '../../../contracts/requests.ts';
import { isPupilLevel } from '../../../contracts/requests.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import { queryRows, type Transaction } from '../../db/client.ts';
import { type Action, type Actor, canAccess } from '../../platform/access/policies.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
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

export type RequestRow = typeof supportRequests.$inferSelect;

/** The record a policy check needs: its partnership, school and assigned member. */
export function scopeOf(request: RequestRow) {
  return { tenantId: request.tenantId, locationId: request.locationId, userId: request.assignedUserId };
}

/**
 * Loads a request for an action: 404 when the actor may not even read it (drafts are the school's
 * own), 403 when they may read it but not do this. Locks the row for commands.
 */
export async function findRequestFor(
  transaction: Transaction,
  actor: Actor,
  requestId: string,
  action: Action,
  options: { lock?: boolean } = {},
): Promise<RequestRow> {
  const query = transaction.db.select().from(supportRequests).where(eq(supportRequests.id, requestId));
  const [request] = options.lock ? await query.for('update') : await query;
  if (!request || !mayRead(actor, request)) throw new NotFound();
  if (!canAccess(actor, action, scopeOf(request))) throw new Forbidden();
  return request;
}

/** Whether the actor may read the request at all; drafts only at the school. */
export function mayRead(actor: Actor, request: RequestRow): boolean {
  if (!canAccess(actor, 'requests.read', scopeOf(request))) return false;
  return request.status !== 'draft' || canAccess(actor, 'requests.create', scopeOf(request));
}

/**
 * P1 need to know: the pupil's details show to the school, the school's fixed members and the
 * assigned member; the staff office sees them only when the request is assigned to them.
 */
export function isPupilVisibleTo(
  actor: Actor,
  request: { tenantId: string; locationId: string; assignedUserId: string | null },
): boolean {
  if (request.assignedUserId === actor.userId) return true;
  return actor.roles.some(
    (assignment) =>
      (['internal_coordinator', 'director'].includes(assignment.role) &&
        assignment.locationId === request.locationId) ||
      (assignment.role === 'team_member' && actor.assignedLocationIds.includes(request.locationId)),
  );
}

/** The school's contact person today (R5), if it has one. */
export async function contactPersonOf(transaction: Transaction, locationId: string): Promise<string | null> {
  const today = todayInAmsterdam();
  const [row] = await transaction.db
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

/** Whether the actor may assign this request: the staff office, or the school's contact person (R1). */
export async function mayAssign(
  transaction: Transaction,
  actor: Actor,
  request: RequestRow,
): Promise<boolean> {
  if (!canAccess(actor, 'requests.assign', scopeOf(request))) return false;
  if (actor.roles.some((assignment) => assignment.role === 'coordinator')) return true;
  return (await contactPersonOf(transaction, request.locationId)) === actor.userId;
}

/** The partnership's consent setting (R8). */
export async function oneParentSufficesIn(transaction: Transaction): Promise<boolean> {
  const [row] = await transaction.db
    .select({ value: partnershipSettings.consentOneParentSuffices })
    .from(partnershipSettings);
  return row?.value ?? false;
}

/** Everyone whose consent may count on a request, and every decision so far, in order. */
export async function loadConsentFacts(
  transaction: Transaction,
  requestId: string,
): Promise<{
  people: Array<ConsentPerson & { name: string; email: string | null }>;
  events: ConsentEvent[];
}> {
  const people = await transaction.db
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
  const events = await transaction.db
    .select({ personId: consentRecords.personId, decision: consentRecords.decision })
    .from(consentRecords)
    .where(eq(consentRecords.requestId, requestId))
    .orderBy(asc(consentRecords.recordedAt), asc(consentRecords.id));
  return { people, events };
}

/** The consent of a request from its type, people and decisions, and the day its requirement is fixed on (R9). */
export async function consentOf(
  transaction: Transaction,
  request: RequestRow,
): Promise<{ status: ConsentStatus; fixedOn: string | null }> {
  if (!isPupilLevel(request.type)) return { status: 'not_needed', fixedOn: null };
  const { people, events } = await loadConsentFacts(transaction, request.id);
  return settleConsent(people, events, {
    oneParentSuffices: await oneParentSufficesIn(transaction),
    today: todayInAmsterdam(),
    fixedOn: request.consentFixedOn,
  });
}

/** Applies a status change with its timeline entry; the caller has checked it with planTransition. */
export async function applyTransition(
  transaction: Transaction,
  request: RequestRow,
  change: {
    transition: RequestTransition;
    to: RequestStatus;
    actorUserId: string | null;
    reason?: string | null;
    set?: Partial<typeof supportRequests.$inferInsert>;
  },
): Promise<RequestRow> {
  const [updated] = await transaction.db
    .update(supportRequests)
    .set({ ...change.set, status: change.to, updatedAt: sql`now()` })
    .where(eq(supportRequests.id, request.id))
    .returning();
  await transaction.db.insert(requestEvents).values({
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

/**
 * The detail view of a request for this actor: one query per part (no query per row), pupil data
 * left out where the actor may not see it, and the commands the actor may use now.
 */
export async function loadDetail(
  transaction: Transaction,
  actor: Actor,
  request: RequestRow,
  options: { isTeam: boolean },
): Promise<RequestDetail> {
  const { db } = transaction;
  const [head] = await db
    .select({
      locationName: locations.name,
      locationPlace: locations.place,
      createdByName: createdBy.name,
      assigneeName: assignee.name,
    })
    .from(supportRequests)
    .innerJoin(locations, eq(locations.id, supportRequests.locationId))
    .innerJoin(createdBy, eq(createdBy.id, supportRequests.createdByUserId))
    .leftJoin(assignee, eq(assignee.id, supportRequests.assignedUserId))
    .where(eq(supportRequests.id, request.id));
  if (!head) throw new NotFound();
  const tags = await db
    .select({ id: expertiseTags.id, name: expertiseTags.name })
    .from(supportRequestTags)
    .innerJoin(expertiseTags, eq(expertiseTags.id, supportRequestTags.tagId))
    .where(eq(supportRequestTags.requestId, request.id))
    .orderBy(asc(expertiseTags.name));
  const pupilVisible = isPupilVisibleTo(actor, request);
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
        options.isTeam ? undefined : eq(requestMessages.kind, 'message'),
      ),
    )
    .orderBy(asc(requestMessages.createdAt), asc(requestMessages.id));
  const authorSides = await sidesOf(
    transaction,
    messages.map((message) => message.authorId),
    request.locationId,
  );

  const now = new Date();
  const oneParentSuffices = await oneParentSufficesIn(transaction);
  const today = todayInAmsterdam();
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
  const may = (action: Action) => canAccess(actor, action, scopeOf(request));
  const context: CommandContext = {
    status: request.status,
    type: request.type,
    may,
    isAssignee: request.assignedUserId === actor.userId,
    mayAssign: await mayAssign(transaction, actor, request),
    isTeam: options.isTeam,
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
    parents: hidden
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
      people: hidden
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
      records: records.map((record) => ({
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
    attachments: hidesText ? [] : files.filter((file) => !file.messageId).map(toAttachment),
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
    commands: commandsFor(context).filter(
      (command) => !hidesText || !['post_message', 'post_note', 'upload_attachment'].includes(command),
    ),
  };
}

/** Whether each author speaks for the school, the team or the staff office, from their roles. */
async function sidesOf(
  transaction: Transaction,
  userIds: string[],
  locationId: string,
): Promise<Map<string, 'school' | 'team' | 'office'>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<{ user_id: string; side: 'school' | 'team' | 'office' }>(
    transaction.db,
    sql`
    select user_id,
      case when bool_or(role = 'team_member') then 'team'
           when bool_or(role = 'coordinator') then 'office'
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
export async function revokeOpenLinks(transaction: Transaction, personId: string): Promise<void> {
  await transaction.db
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
