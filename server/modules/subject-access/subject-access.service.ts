import { and, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { FileReader } from '../../../contracts/privacy.ts';
import type {
  DeletionCheck,
  PupilIdentityInput,
  PupilMatch,
  PupilSearchResult,
  SubjectDeletionInput,
  SubjectRequestDecision,
  SubjectRequestDetail,
  SubjectRequestInput,
  SubjectRequestPage,
  SubjectRequestQuery,
  SubjectRequestSummary,
} from '../../../contracts/subject-access.ts';
import { type DbTransaction, queryRows } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { fileReadersOf } from '../../platform/audit/file-readers.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { loadPage } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { trajectoryReadEvents } from '../opp/opp.service.ts';
import { pupilEnrolments, pupilParents, pupils } from '../pupils/pupils.schema.ts';
import { requestReadEvents } from '../requests/consent.service.ts';
import {
  consentLinks,
  consentRecords,
  requestAttachments,
  requestEvents,
  requestMessages,
  requestPeople,
  supportRequests,
  supportRequestTags,
} from '../requests/requests.schema.ts';
import { eraseRequests, eraseTrajectories } from '../retention/erase.ts';
import {
  type PupilIdentity,
  registerIdsOfPupil,
  requestIdsOfPupil,
  requestIsHeld,
  trajectoryIdsOfPupil,
  trajectoryIsHeld,
} from '../retention/pupil-files.ts';
import { locations } from '../schools/schools.schema.ts';
import { expertiseTags } from '../team/team.schema.ts';
import {
  attendanceExpectations,
  attendanceVisits,
  homeworkItems,
  homeworkSessions,
  oppEvaluations,
  oppParentLinks,
  oppVersions,
  trajectories,
  trajectoryContacts,
  zatReferrals,
} from '../trajectories/trajectories.schema.ts';
import {
  deadlineOf,
  decisionRefusal,
  deletionBlockers,
  isOpen,
  isOverdue,
  isReceivedInFuture,
  pupilMatchProblem,
} from './subject-access.rules.ts';
import { subjectRequests } from './subject-access.schema.ts';

type SubjectRequestRow = typeof subjectRequests.$inferSelect;

/** A data-subject request as a route's target: the partnership's register, for whoever may read it. */
export const subjectRequestTarget = defineTarget<SubjectRequestRow>({
  readAction: 'subject_requests.read',
  load: ({ db }, id, { lock }) => selectSubjectRequest(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, locationId: row.locationId }),
});

const selectSubjectRequest = rowById('subject_request', (db, lock) => {
  const query = db.select().from(subjectRequests).where(eq(subjectRequests.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

const subjectObject = (id: string) => ({ type: 'subject_request', id });

function pupilOf(row: { pupilName: string; birthDate: string; locationId: string | null }): PupilIdentity {
  return { name: row.pupilName, birthDate: row.birthDate, locationId: row.locationId };
}

/** Per school, how many support requests and trajectories name this pupil (one query). */
async function matchesOf(db: DbTransaction, pupil: PupilIdentity): Promise<PupilMatch[]> {
  const rows = await queryRows<{ id: string; name: string; requests: number; trajectories: number }>(
    db,
    sql`with r as (select s.location_id, count(*)::int as n from support_requests s
          where s.id in (${requestIdsOfPupil(pupil)}) group by s.location_id),
        t as (select t.location_id, count(*)::int as n from trajectories t
          where t.id in (${trajectoryIdsOfPupil(pupil)}) group by t.location_id)
        select l.id, l.name, coalesce(r.n, 0)::int as requests, coalesce(t.n, 0)::int as trajectories
        from locations l left join r on r.location_id = l.id left join t on t.location_id = l.id
        where r.n is not null or t.n is not null
        order by l.name, l.id`,
  );
  return rows.map((row) => ({
    location: { id: row.id, name: row.name },
    requests: Number(row.requests),
    trajectories: Number(row.trajectories),
  }));
}

/** Proves a school the client sent is the partnership's (400 on the field otherwise). */
async function requireLocation(context: UseCaseContext, locationId: string | undefined) {
  await context.requireVisible({ kind: 'location' }, { locationId });
}

/**
 * P5: finds a pupil across the support requests and trajectories by name and birth date (no BSN),
 * optionally at one school. Says where and how many files there are — never their content.
 */
export async function findPupil(
  context: UseCaseContext,
  input: PupilIdentityInput,
): Promise<PupilSearchResult> {
  await requireLocation(context, input.locationId);
  const matches = await matchesOf(context.db, identityOf(input));
  await context.audit('subject_requests.pupil_searched', null, {
    schools: matches.length,
    requests: matches.reduce((sum, match) => sum + match.requests, 0),
    trajectories: matches.reduce((sum, match) => sum + match.trajectories, 0),
  });
  return { matches };
}

function identityOf(input: PupilIdentityInput): PupilIdentity {
  return { name: input.pupilName, birthDate: input.birthDate, locationId: input.locationId ?? null };
}

/**
 * P5: records a data-subject request in the register, about a pupil the files identify at exactly one
 * school; the deadline is one calendar month after receipt. An unknown pupil, or one found at several
 * schools without a school chosen, is refused on its field and nothing is stored.
 */
export async function registerSubjectRequest(
  context: UseCaseContext,
  input: SubjectRequestInput,
): Promise<SubjectRequestDetail> {
  await requireLocation(context, input.locationId);
  if (isReceivedInFuture(input.receivedOn, context.clock.today()))
    throw new ValidationFailed([{ path: 'receivedOn', code: 'subject_received_in_future' }]);
  const matches = await matchesOf(context.db, identityOf(input));
  const problem = pupilMatchProblem(matches.length);
  if (problem)
    throw new ValidationFailed([
      { path: problem === 'pupil_ambiguous' ? 'locationId' : 'pupilName', code: problem },
    ]);
  const [match] = matches as [PupilMatch];
  const [nameKey] = await queryRows<{ key: string }>(
    context.db,
    sql`select passend_name_key(${input.pupilName}) as key`,
  );
  const [row] = await context.db
    .insert(subjectRequests)
    .values({
      tenantId: context.actor.tenantId,
      kind: input.kind,
      pupilName: input.pupilName,
      nameKey: nameKey?.key ?? '',
      birthDate: input.birthDate,
      locationId: match.location.id,
      requesterName: input.requesterName,
      requesterRelation: input.requesterRelation,
      requesterContact: input.requesterContact?.trim() || null,
      reason: input.reason,
      receivedOn: input.receivedOn,
      deadlineOn: deadlineOf(input.receivedOn),
      createdByUserId: context.actor.userId,
      createdAt: context.clock.now(),
    })
    .returning();
  if (!row) throw new Error('no subject request');
  await context.audit('subject_requests.registered', subjectObject(row.id), {
    kind: row.kind,
    requests: match.requests,
    trajectories: match.trajectories,
  });
  return detailOf(context, row);
}

/** P5: a page of the register, newest first, filtered in SQL by status, kind and overdue. */
export async function listSubjectRequests(
  context: UseCaseContext,
  query: SubjectRequestQuery,
): Promise<SubjectRequestPage> {
  const today = context.clock.today();
  const openAndLate = and(
    inArray(subjectRequests.status, ['received', 'in_progress']),
    sql`${subjectRequests.deadlineOn} < ${today}::date`,
  );
  const where = and(
    context.scope('subject_requests.read', { locationId: subjectRequests.locationId }),
    query.status ? eq(subjectRequests.status, query.status) : undefined,
    query.kind ? eq(subjectRequests.kind, query.kind) : undefined,
    query.overdue === 'true' ? openAndLate : undefined,
    query.overdue === 'false' ? sql`not (${openAndLate})` : undefined,
  );
  const page = await loadPage(
    { ...query, q: undefined },
    ({ limit, offset }) =>
      context.db
        .select({ row: subjectRequests, locationName: locations.name })
        .from(subjectRequests)
        .innerJoin(locations, eq(locations.id, subjectRequests.locationId))
        .where(where)
        .orderBy(desc(subjectRequests.receivedOn), desc(subjectRequests.createdAt), desc(subjectRequests.id))
        .limit(limit)
        .offset(offset),
    () => context.db.select({ total: count() }).from(subjectRequests).where(where),
  );
  const items = page.items.map(({ row, locationName }) => summaryOf(row, locationName, today));
  await context.audit('subject_requests.listed', null, {
    status: query.status ?? null,
    kind: query.kind ?? null,
    overdue: query.overdue ?? null,
    ids: items.map((item) => item.id),
  });
  return { ...page, items };
}

function summaryOf(row: SubjectRequestRow, locationName: string, today: string): SubjectRequestSummary {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    pupilName: row.pupilName,
    birthDate: row.birthDate,
    location: { id: row.locationId, name: locationName },
    requesterName: row.requesterName,
    requesterRelation: row.requesterRelation,
    receivedOn: row.receivedOn,
    deadlineOn: row.deadlineOn,
    isOverdue: isOverdue(row.status, row.deadlineOn, today),
  };
}

/** P5: one request of the register; for an open deletion request, what a deletion would remove and what keeps it. */
export async function readSubjectRequest(context: UseCaseContext, id: string): Promise<SubjectRequestDetail> {
  const row = await context.load(subjectRequestTarget, id);
  await context.audit('subject_requests.viewed', subjectObject(row.id));
  return detailOf(context, row);
}

async function detailOf(context: UseCaseContext, row: SubjectRequestRow): Promise<SubjectRequestDetail> {
  const names = await namesOf(
    context.db,
    [row.createdByUserId, row.handledByUserId].filter((id): id is string => Boolean(id)),
  );
  const [location] = await context.db
    .select({ name: locations.name })
    .from(locations)
    .where(eq(locations.id, row.locationId));
  const person = (userId: string | null) => (userId ? { id: userId, name: names.get(userId) ?? '' } : null);
  return {
    ...summaryOf(row, location?.name ?? '', context.clock.today()),
    requesterContact: row.requesterContact,
    reason: row.reason,
    decision: row.decision,
    refusalGround: row.refusalGround,
    registeredBy: person(row.createdByUserId) ?? { id: row.createdByUserId, name: '' },
    registeredAt: new Date(row.createdAt).toISOString(),
    handledBy: person(row.handledByUserId),
    handledAt: row.handledAt ? new Date(row.handledAt).toISOString() : null,
    deleted:
      row.deletedRequests === null
        ? null
        : { requests: row.deletedRequests, trajectories: row.deletedTrajectories ?? 0 },
    deletionCheck:
      row.kind === 'deletion' && isOpen(row.status) ? await checkDeletion(context.db, row) : null,
  };
}

async function namesOf(db: DbTransaction, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * P4/P5: what deleting this pupil's files would remove, and what the law says must stay: a legal hold
 * in force, a support request not closed or refused, a trajectory not ended. One query.
 */
async function checkDeletion(db: DbTransaction, row: SubjectRequestRow): Promise<DeletionCheck> {
  const pupil = pupilOf(row);
  const [found] = await queryRows<{
    requests: number;
    trajectories: number;
    open_requests: number;
    open_trajectories: number;
    held: boolean;
  }>(
    db,
    sql`select
        (select count(*)::int from support_requests s where s.id in (${requestIdsOfPupil(pupil)})) as requests,
        (select count(*)::int from trajectories t where t.id in (${trajectoryIdsOfPupil(pupil)})) as trajectories,
        (select count(*)::int from support_requests s where s.id in (${requestIdsOfPupil(pupil)})
          and s.status not in ('closed', 'refused')) as open_requests,
        (select count(*)::int from trajectories t where t.id in (${trajectoryIdsOfPupil(pupil)})
          and t.status not in ('ended', 'not_eligible')) as open_trajectories,
        (exists (select 1 from support_requests s where s.id in (${requestIdsOfPupil(pupil)})
            and ${requestIsHeld(sql`s`)})
          or exists (select 1 from trajectories t where t.id in (${trajectoryIdsOfPupil(pupil)})
            and ${trajectoryIsHeld(sql`t`)})) as held`,
  );
  return {
    requests: Number(found?.requests ?? 0),
    trajectories: Number(found?.trajectories ?? 0),
    blockers: deletionBlockers({
      isHeld: Boolean(found?.held),
      openRequests: Number(found?.open_requests ?? 0),
      openTrajectories: Number(found?.open_trajectories ?? 0),
    }),
  };
}

/**
 * P5: takes a request in hand, or decides it: done (an access request answered, a correction made in
 * the file by its staff, an objection granted) or refused, each with the handler's decision.
 */
export async function decideSubjectRequest(
  context: UseCaseContext,
  id: string,
  input: SubjectRequestDecision,
): Promise<SubjectRequestDetail> {
  const row = await context.load(subjectRequestTarget, id, { lock: true });
  const refusal = decisionRefusal(row.kind, row.status, input.status, input.decision);
  if (refusal?.field) throw new ValidationFailed([{ path: refusal.field, code: refusal.code }]);
  if (refusal) throw new RuleViolation('subject_request_not_open');
  const deciding = input.status !== 'in_progress';
  const [updated] = await context.db
    .update(subjectRequests)
    .set({
      status: input.status,
      ...(deciding
        ? {
            decision: input.decision?.trim() ?? null,
            // The ground names what the law requires keeping: it belongs to a refused deletion only.
            refusalGround:
              input.status === 'refused' && row.kind === 'deletion' ? (input.refusalGround ?? 'other') : null,
            handledByUserId: context.actor.userId,
            handledAt: context.clock.now(),
          }
        : {}),
    })
    .where(eq(subjectRequests.id, row.id))
    .returning();
  if (!updated) throw new Error('no subject request');
  await context.audit('subject_requests.handled', subjectObject(row.id), {
    from: row.status,
    to: input.status,
  });
  if (input.status === 'refused')
    await context.audit('subject_requests.refused', subjectObject(row.id), {
      kind: row.kind,
      ground: updated.refusalGround,
    });
  return detailOf(context, updated);
}

/**
 * P4/P5: deletes the pupil's support requests and trajectories on a deletion request, in the command's
 * one transaction with their anonymous figures and the deletion log. Refused (409, nothing changed)
 * while the law requires keeping: a legal hold, an open request, a trajectory not ended.
 */
export async function eraseForSubjectRequest(
  context: UseCaseContext,
  id: string,
  input: SubjectDeletionInput,
): Promise<SubjectRequestDetail> {
  const row = await context.load(subjectRequestTarget, id, { lock: true });
  if (row.kind !== 'deletion') throw new RuleViolation('subject_not_deletion');
  if (!isOpen(row.status)) throw new RuleViolation('subject_request_not_open');
  if (!input.decision?.trim())
    throw new ValidationFailed([{ path: 'decision', code: 'subject_decision_required' }]);
  const check = await checkDeletion(context.db, row);
  if (check.blockers.length > 0)
    throw new RuleViolation('subject_deletion_must_keep', 409, [
      ...check.blockers.map((blocker, index) => ({
        path: `blockers.${index}`,
        code: `subject_keep_${blocker}`,
      })),
    ]);
  const pupil = pupilOf(row);
  const now = context.clock.now();
  const requestIds = (
    await queryRows<{ id: string }>(
      context.db,
      sql`select id from support_requests where id in (${requestIdsOfPupil(pupil)})`,
    )
  ).map((found) => found.id);
  const trajectoryIds = (
    await queryRows<{ id: string }>(
      context.db,
      sql`select id from trajectories where id in (${trajectoryIdsOfPupil(pupil)})`,
    )
  ).map((found) => found.id);
  const deletedRequests = await eraseRequests(context.db, requestIds, 'request_file', now);
  const deletedTrajectories = await eraseTrajectories(context.db, trajectoryIds, now);
  // The pupil's register entries (Y1) that no file names any more go too.
  await context.db.execute(sql`delete from pupils p where p.id in (${registerIdsOfPupil(pupil)})
    and not exists (select 1 from support_requests s where s.pupil_id = p.id)
    and not exists (select 1 from trajectories t where t.pupil_id = p.id)`);
  const [updated] = await context.db
    .update(subjectRequests)
    .set({
      status: 'done',
      decision: input.decision.trim(),
      refusalGround: null,
      deletedRequests,
      deletedTrajectories,
      handledByUserId: context.actor.userId,
      handledAt: now,
    })
    .where(eq(subjectRequests.id, row.id))
    .returning();
  if (!updated) throw new Error('no subject request');
  await context.audit('subject_requests.deleted', subjectObject(row.id), {
    requests: deletedRequests,
    trajectories: deletedTrajectories,
  });
  await context.audit('subject_requests.handled', subjectObject(row.id), { from: row.status, to: 'done' });
  return detailOf(context, updated);
}

/** One file of the export: where it goes in the zip, and its bytes. */
export type ExportedFile = {
  path: string;
  fileName: string;
  mediaType: string;
  size: number;
  content: Buffer;
};

/** A record as exported: its columns, without the partnership, link hashes or file bytes. */
type ExportRecord = Record<string, unknown>;

/** Everything Passend holds about one pupil, as the export shows it (P5). */
export type PupilExport = {
  generatedAt: string;
  partnershipName: string;
  subjectRequest: {
    id: string;
    receivedOn: string;
    deadlineOn: string;
    requesterName: string;
    requesterRelation: string;
    reason: string;
  };
  pupil: { name: string; birthDate: string; school: string };
  /** The pupil's entries in the schools' pupil registers (Y1), with classes, mentors and parents. */
  register: Array<{
    pupil: ExportRecord;
    school: string;
    enrolments: ExportRecord[];
    parents: ExportRecord[];
  }>;
  supportRequests: Array<{
    request: ExportRecord;
    school: string;
    people: ExportRecord[];
    expertise: string[];
    consentLinks: ExportRecord[];
    consentRecords: ExportRecord[];
    files: ExportRecord[];
    messages: ExportRecord[];
    timeline: ExportRecord[];
    readers: FileReader[];
  }>;
  trajectories: Array<{
    trajectory: ExportRecord;
    school: string;
    oppVersions: ExportRecord[];
    oppEvaluations: ExportRecord[];
    oppParentLinks: ExportRecord[];
    attendanceExpectations: ExportRecord[];
    attendanceVisits: ExportRecord[];
    homeworkItems: ExportRecord[];
    homeworkSessions: ExportRecord[];
    contacts: ExportRecord[];
    referrals: ExportRecord[];
    readers: FileReader[];
  }>;
  /** The staff named in the records by id (authors, handlers): id and name. */
  staff: Array<{ id: string; name: string }>;
  files: ExportedFile[];
};

const hiddenColumns = new Set(['tenantId', 'tokenHash', 'content', 'idempotencyKey']);

/** A row as exported: dates as ISO text, internal columns left out. */
function recordOf(row: Record<string, unknown>): ExportRecord {
  const record: ExportRecord = {};
  for (const [key, value] of Object.entries(row)) {
    if (hiddenColumns.has(key)) continue;
    record[key] = value instanceof Date ? value.toISOString() : value;
  }
  return record;
}

/** The staff ids a record names (`…UserId` columns). */
function userIdsIn(records: readonly ExportRecord[]): string[] {
  return records.flatMap((record) =>
    Object.entries(record).flatMap(([key, value]) =>
      key.endsWith('UserId') && typeof value === 'string' ? [value] : [],
    ),
  );
}

/** A file name safe inside a zip: no folders, no control characters, not too long. */
function safeFileName(name: string): string {
  const cleaned = Array.from(name.replace(/[/\\]/g, '_'))
    .filter((character) => character.charCodeAt(0) >= 32 && character !== '\u007f')
    .join('')
    .trim()
    .replace(/^\.+/, '');
  return (cleaned || 'bestand').slice(-120);
}

/**
 * P5: everything held about the pupil of an access request — every support request with its form,
 * people, consent records and links, files, thread (messages and team notes) and timeline; every
 * trajectory with its OPP versions and evaluations, attendance, homework, contacts and ZAT referrals —
 * and who read each file when (role and organisation, date; P8). Each export is audited with its counts.
 */
export async function exportForSubjectRequest(context: UseCaseContext, id: string): Promise<PupilExport> {
  const row = await context.load(subjectRequestTarget, id);
  if (row.kind !== 'access') throw new RuleViolation('subject_export_only_access');
  if (row.status === 'refused') throw new RuleViolation('subject_request_not_open');
  const { db } = context;
  const pupil = pupilOf(row);
  const schoolNames = new Map(
    (await db.select({ id: locations.id, name: locations.name }).from(locations)).map((l) => [l.id, l.name]),
  );

  const requestRows = await db
    .select()
    .from(supportRequests)
    .where(sql`${supportRequests.id} in (${requestIdsOfPupil(pupil)})`)
    .orderBy(supportRequests.createdAt, supportRequests.id);
  const requestIds = requestRows.map((request) => request.id);
  const byRequest = async <T extends { requestId: string }>(load: (ids: string[]) => Promise<T[]>) =>
    requestIds.length === 0 ? [] : load(requestIds);
  const people = await byRequest((ids) =>
    db
      .select()
      .from(requestPeople)
      .where(inArray(requestPeople.requestId, ids))
      .orderBy(requestPeople.position),
  );
  const tags = await byRequest((ids) =>
    db
      .select({ requestId: supportRequestTags.requestId, name: expertiseTags.name })
      .from(supportRequestTags)
      .innerJoin(expertiseTags, eq(expertiseTags.id, supportRequestTags.tagId))
      .where(inArray(supportRequestTags.requestId, ids)),
  );
  const links = await byRequest((ids) =>
    db
      .select()
      .from(consentLinks)
      .where(inArray(consentLinks.requestId, ids))
      .orderBy(consentLinks.createdAt),
  );
  const consents = await byRequest((ids) =>
    db
      .select()
      .from(consentRecords)
      .where(inArray(consentRecords.requestId, ids))
      .orderBy(consentRecords.recordedAt),
  );
  const attachments = await byRequest((ids) =>
    db
      .select()
      .from(requestAttachments)
      .where(inArray(requestAttachments.requestId, ids))
      .orderBy(requestAttachments.uploadedAt, requestAttachments.id),
  );
  const messages = await byRequest((ids) =>
    db
      .select()
      .from(requestMessages)
      .where(inArray(requestMessages.requestId, ids))
      .orderBy(requestMessages.createdAt),
  );
  const timeline = await byRequest((ids) =>
    db.select().from(requestEvents).where(inArray(requestEvents.requestId, ids)).orderBy(requestEvents.at),
  );

  const trajectoryRows = await db
    .select()
    .from(trajectories)
    .where(sql`${trajectories.id} in (${trajectoryIdsOfPupil(pupil)})`)
    .orderBy(trajectories.createdAt, trajectories.id);
  const trajectoryIds = trajectoryRows.map((trajectory) => trajectory.id);
  const byTrajectory = async <T extends { trajectoryId: string | null }>(
    load: (ids: string[]) => Promise<T[]>,
  ) => (trajectoryIds.length === 0 ? [] : load(trajectoryIds));
  const versions = await byTrajectory((ids) =>
    db.select().from(oppVersions).where(inArray(oppVersions.trajectoryId, ids)).orderBy(oppVersions.version),
  );
  const evaluations = await byTrajectory((ids) =>
    db
      .select()
      .from(oppEvaluations)
      .where(inArray(oppEvaluations.trajectoryId, ids))
      .orderBy(oppEvaluations.evaluatedOn),
  );
  const parentLinks = await byTrajectory((ids) =>
    db
      .select()
      .from(oppParentLinks)
      .where(inArray(oppParentLinks.trajectoryId, ids))
      .orderBy(oppParentLinks.createdAt),
  );
  const expectations = await byTrajectory((ids) =>
    db
      .select()
      .from(attendanceExpectations)
      .where(inArray(attendanceExpectations.trajectoryId, ids))
      .orderBy(attendanceExpectations.weekday, attendanceExpectations.startsAt),
  );
  const visits = await byTrajectory((ids) =>
    db
      .select()
      .from(attendanceVisits)
      .where(inArray(attendanceVisits.trajectoryId, ids))
      .orderBy(attendanceVisits.checkedInAt),
  );
  const items = await byTrajectory((ids) =>
    db
      .select()
      .from(homeworkItems)
      .where(inArray(homeworkItems.trajectoryId, ids))
      .orderBy(homeworkItems.dueOn),
  );
  const sessions =
    items.length === 0
      ? []
      : (
          await db
            .select({ session: homeworkSessions, trajectoryId: homeworkItems.trajectoryId })
            .from(homeworkSessions)
            .innerJoin(homeworkItems, eq(homeworkItems.id, homeworkSessions.homeworkItemId))
            .where(inArray(homeworkItems.trajectoryId, trajectoryIds))
            .orderBy(homeworkSessions.plannedOn)
        ).map(({ session, trajectoryId }) => ({ ...session, trajectoryId }));
  const contacts = await byTrajectory((ids) =>
    db
      .select()
      .from(trajectoryContacts)
      .where(inArray(trajectoryContacts.trajectoryId, ids))
      .orderBy(trajectoryContacts.contactOn),
  );
  const referrals = await byTrajectory((ids) =>
    db
      .select()
      .from(zatReferrals)
      .where(inArray(zatReferrals.trajectoryId, ids))
      .orderBy(zatReferrals.referredOn),
  );

  const files: ExportedFile[] = [];
  const supportRequestExports: PupilExport['supportRequests'] = [];
  for (const request of requestRows) {
    const own = <T extends { requestId: string }>(rows: T[]) =>
      rows.filter((candidate) => candidate.requestId === request.id).map((found) => recordOf(found));
    const fileRecords = attachments
      .filter((attachment) => attachment.requestId === request.id)
      .map((attachment) => {
        const path = `bestanden/${safeFileName(request.reference)}/${attachment.id.slice(0, 8)}-${safeFileName(attachment.fileName)}`;
        files.push({
          path,
          fileName: attachment.fileName,
          mediaType: attachment.mediaType,
          size: attachment.size,
          content: attachment.content,
        });
        return { ...recordOf(attachment), path };
      });
    supportRequestExports.push({
      request: recordOf(request),
      school: schoolNames.get(request.locationId) ?? '',
      people: own(people),
      expertise: tags.filter((tag) => tag.requestId === request.id).map((tag) => tag.name),
      consentLinks: own(links),
      consentRecords: own(consents),
      files: fileRecords,
      messages: own(messages),
      timeline: own(timeline),
      readers: await requestReaders(db, request.id),
    });
  }
  const trajectoryExports: PupilExport['trajectories'] = [];
  for (const trajectory of trajectoryRows) {
    const own = <T extends { trajectoryId: string | null }>(rows: T[]) =>
      rows.filter((candidate) => candidate.trajectoryId === trajectory.id).map((found) => recordOf(found));
    trajectoryExports.push({
      trajectory: recordOf(trajectory),
      school: schoolNames.get(trajectory.locationId) ?? '',
      oppVersions: own(versions),
      oppEvaluations: own(evaluations),
      oppParentLinks: own(parentLinks),
      attendanceExpectations: own(expectations),
      attendanceVisits: own(visits),
      homeworkItems: own(items),
      homeworkSessions: own(sessions),
      contacts: own(contacts),
      referrals: own(referrals),
      readers: await trajectoryReaders(db, trajectory.id),
    });
  }

  // The register entries (Y1): those with the pupil's name and birth date, and those the files name.
  const registerRows = await db
    .select()
    .from(pupils)
    .where(
      or(
        sql`${pupils.id} in (${registerIdsOfPupil(pupil)})`,
        inArray(pupils.id, [
          ...requestRows.flatMap((request) => (request.pupilId ? [request.pupilId] : [])),
          ...trajectoryRows.flatMap((trajectory) => (trajectory.pupilId ? [trajectory.pupilId] : [])),
          '00000000-0000-0000-0000-000000000000',
        ]),
      ),
    )
    .orderBy(pupils.createdAt, pupils.id);
  const registerIds = [...registerRows.map((entry) => entry.id), '00000000-0000-0000-0000-000000000000'];
  const enrolments = await db
    .select()
    .from(pupilEnrolments)
    .where(inArray(pupilEnrolments.pupilId, registerIds))
    .orderBy(pupilEnrolments.schoolYear);
  const registerParents = await db
    .select()
    .from(pupilParents)
    .where(inArray(pupilParents.pupilId, registerIds))
    .orderBy(pupilParents.position);
  const registerExports: PupilExport['register'] = registerRows.map((entry) => ({
    pupil: recordOf(entry),
    school: schoolNames.get(entry.locationId) ?? '',
    enrolments: enrolments.filter((found) => found.pupilId === entry.id).map((found) => recordOf(found)),
    parents: registerParents.filter((found) => found.pupilId === entry.id).map((found) => recordOf(found)),
  }));

  const allRecords = [
    ...registerExports.flatMap((entry) => entry.enrolments),
    ...supportRequestExports.flatMap((entry) => [
      entry.request,
      ...entry.consentLinks,
      ...entry.consentRecords,
      ...entry.files,
      ...entry.messages,
      ...entry.timeline,
    ]),
    ...trajectoryExports.flatMap((entry) => [
      entry.trajectory,
      ...entry.oppVersions,
      ...entry.oppEvaluations,
      ...entry.oppParentLinks,
      ...entry.attendanceVisits,
      ...entry.homeworkItems,
      ...entry.homeworkSessions,
      ...entry.contacts,
      ...entry.referrals,
    ]),
  ];
  const staffNames = await namesOf(db, userIdsIn(allRecords));
  const [tenant] = await queryRows<{ name: string }>(db, sql`select name from tenants`);

  await context.audit('subject_requests.exported', subjectObject(row.id), {
    requests: requestRows.length,
    trajectories: trajectoryRows.length,
    files: files.length,
    records: allRecords.length,
  });
  return {
    generatedAt: context.clock.now().toISOString(),
    partnershipName: tenant?.name ?? '',
    subjectRequest: {
      id: row.id,
      receivedOn: row.receivedOn,
      deadlineOn: row.deadlineOn,
      requesterName: row.requesterName,
      requesterRelation: row.requesterRelation,
      reason: row.reason,
    },
    pupil: { name: row.pupilName, birthDate: row.birthDate, school: schoolNames.get(row.locationId) ?? '' },
    register: registerExports,
    supportRequests: supportRequestExports,
    trajectories: trajectoryExports,
    staff: [...staffNames]
      .map(([staffId, name]) => ({ id: staffId, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    files,
  };
}

/** P8: who read a support request's file (the request and its files). */
function requestReaders(db: DbTransaction, requestId: string): Promise<FileReader[]> {
  return fileReadersOf(
    db,
    sql`(e.object_type = 'support_request' and e.object_id = ${requestId})
      or (e.object_type = 'request_attachment' and e.object_id in (
        select a.id::text from request_attachments a where a.request_id = ${requestId}::uuid))`,
    requestReadEvents,
  );
}

/** P8: who read a pupil's file at the expertise point (the trajectory and its OPP versions). */
function trajectoryReaders(db: DbTransaction, trajectoryId: string): Promise<FileReader[]> {
  return fileReadersOf(
    db,
    sql`(e.object_type = 'trajectory' and e.object_id = ${trajectoryId})
      or (e.object_type = 'opp_version' and e.object_id in (
        select v.id::text from opp_versions v where v.trajectory_id = ${trajectoryId}::uuid))`,
    trajectoryReadEvents,
  );
}
