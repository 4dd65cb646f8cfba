import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { uuidPattern } from '../../../contracts/fields.ts';
import {
  type AccessSignalKind,
  type AccessSignalList,
  type AccessSignalQuery,
  type AuditTrailEntry,
  type AuditTrailExportQuery,
  type AuditTrailPage,
  type AuditTrailPupil,
  type AuditTrailQuery,
  auditTrailCountLimit,
} from '../../../contracts/privacy.ts';
import { roles } from '../../../contracts/roles.ts';
import { addDays, amsterdamInstant } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { scopesOf } from '../../platform/access/policies.ts';
import { auditEvents } from '../../platform/audit/audit.schema.ts';
import { type AuditEvent, auditCatalogue } from '../../platform/audit/audit.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { trajectoryReadEvents } from '../opp/opp.service.ts';
import { requestReadEvents } from '../requests/consent.service.ts';
import { supportRequests } from '../requests/requests.schema.ts';
import { attachmentObject, requestObject } from '../requests/requests.service.ts';
import { requestIdsOfPupil, requireFilesOfPupil, trajectoryIdsOfPupil } from '../retention/pupil-files.ts';
import {
  manyFilesPerHour,
  rolesReadingWithoutAssignment,
  signalListLimit,
  signalPeriodOf,
  workingHours,
} from './privacy.rules.ts';

// The object type the requests module records its events under (requestObject).
const requestObjectType = 'support_request';

/** What an export holds at most: a year of a busy partnership's reads; narrow the filters for more. */
export const exportLimit = 100_000;

/** The event keys a search can choose from, sorted. */
export function auditEventKinds(): string[] {
  return Object.keys(auditCatalogue).sort();
}

/**
 * A page of the audit trail, newest first: who did what to which record when. It shows no content —
 * the row's details (ids, counts, codes) stay out too — and the search is itself recorded.
 */
export async function searchAuditTrail(
  context: UseCaseContext,
  query: AuditTrailQuery & { pupil?: AuditTrailPupil },
): Promise<AuditTrailPage> {
  const where = await conditionOf(context, query);
  const page = await loadPage(
    query,
    ({ limit, offset }) => selectEntries(context, where).limit(limit).offset(offset),
    // Counting stops one past the limit: a whole partnership's trail is millions of rows.
    () =>
      context.db.select({ total: count() }).from(
        context.db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .leftJoin(users, eq(users.id, auditEvents.actorUserId))
          .where(where)
          .limit(auditTrailCountLimit + 1)
          .as('counted'),
      ),
  );
  const items = await withReferences(context, page.items);
  await context.audit('privacy.audit_searched', null, {
    ...filtersUsed(query),
    shown: items.length,
  });
  const totalIsLowerBound = page.total > auditTrailCountLimit;
  return { ...page, items, total: Math.min(page.total, auditTrailCountLimit), totalIsLowerBound };
}

/** The whole result of a search (up to `exportLimit` rows), newest first, for the CSV export. */
export async function exportAuditTrail(
  context: UseCaseContext,
  query: AuditTrailExportQuery & { pupil?: AuditTrailPupil },
): Promise<AuditTrailEntry[]> {
  const where = await conditionOf(context, query);
  const rows = await withReferences(context, await selectEntries(context, where).limit(exportLimit));
  await context.audit('privacy.audit_exported', null, { ...filtersUsed(query), rows: rows.length });
  return rows;
}

type EntryRow = Omit<AuditTrailEntry, 'reference' | 'actor' | 'occurredAt'> & {
  // Typed as a Date, but the server's driver hands timestamps over as text.
  occurredAt: Date | string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
};

function selectEntries(context: UseCaseContext, where: SQL | undefined) {
  return context.db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      event: auditEvents.event,
      actorId: users.id,
      actorName: users.name,
      actorEmail: users.email,
      actorRoles: auditEvents.actorRoles,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(where)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .$dynamic();
}

/** The filters as one SQL condition; a filter that names nothing known is refused on its field. */
async function conditionOf(
  context: UseCaseContext,
  query: AuditTrailExportQuery & { pupil?: AuditTrailPupil },
): Promise<SQL | undefined> {
  if (query.event && !(query.event in auditCatalogue))
    throw new ValidationFailed([{ path: 'event', code: 'unknown_event' }]);
  if (query.locationId) await context.requireVisible({ kind: 'location' }, { locationId: query.locationId });
  let pupilFiles: SQL | undefined;
  if (query.pupil) {
    const pupil = { name: query.pupil.name, birthDate: query.pupil.birthDate };
    await requireFilesOfPupil(context.db, pupil, 'pupil.name');
    pupilFiles = eventsAboutFiles(requestIdsOfPupil(pupil), trajectoryIdsOfPupil(pupil));
  }
  const schoolFiles = query.locationId
    ? eventsAboutFiles(
        sql`select id from support_requests where location_id = ${query.locationId}::uuid`,
        sql`select id from trajectories where location_id = ${query.locationId}::uuid`,
      )
    : undefined;
  let requestId: string | null = null;
  if (query.reference) {
    const [request] = await context.db
      .select({ id: supportRequests.id })
      .from(supportRequests)
      .where(eq(supportRequests.reference, query.reference.toUpperCase()));
    if (!request) throw new ValidationFailed([{ path: 'reference', code: 'unknown_reference' }]);
    requestId = request.id;
  }
  const pattern = query.q ? containsPattern(query.q) : null;
  return and(
    pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
    query.event ? eq(auditEvents.event, query.event as AuditEvent) : undefined,
    requestId
      ? and(eq(auditEvents.objectType, requestObjectType), eq(auditEvents.objectId, requestId))
      : undefined,
    pupilFiles,
    schoolFiles,
    // Whole days in Amsterdam, the last one included.
    query.from ? gte(auditEvents.occurredAt, amsterdamInstant(query.from, '00:00')) : undefined,
    query.to ? lt(auditEvents.occurredAt, amsterdamInstant(addDays(query.to, 1), '00:00')) : undefined,
  );
}

/**
 * The events about a set of support requests and trajectories (each given as a query of ids): the
 * request, its files, the trajectory and what hangs under it (OPP versions, parents' links, homework,
 * contacts, referrals). Events name their record as text, so the ids are compared as text.
 */
function eventsAboutFiles(requestIds: SQL, trajectoryIds: SQL): SQL {
  const type = auditEvents.objectType;
  const id = auditEvents.objectId;
  const underTrajectory = (table: string) =>
    sql`select c.id::text from ${sql.identifier(table)} c where c.trajectory_id in (${trajectoryIds})`;
  return sql`((${type} = ${requestObjectType} and ${id} in (select f.id::text from (${requestIds}) f(id)))
    or (${type} = 'request_attachment' and ${id} in (
      select a.id::text from request_attachments a where a.request_id in (${requestIds})))
    or (${type} = 'trajectory' and ${id} in (select f.id::text from (${trajectoryIds}) f(id)))
    or (${type} = 'opp_version' and ${id} in (${underTrajectory('opp_versions')}))
    or (${type} = 'opp_parent_link' and ${id} in (${underTrajectory('opp_parent_links')}))
    or (${type} = 'homework_item' and ${id} in (${underTrajectory('homework_items')}))
    or (${type} = 'trajectory_contact' and ${id} in (${underTrajectory('trajectory_contacts')}))
    or (${type} = 'zat_referral' and ${id} in (${underTrajectory('zat_referrals')})))`;
}

/** The rows with their actor and, for a support request, its reference (one query for the page). */
async function withReferences(context: UseCaseContext, rows: EntryRow[]): Promise<AuditTrailEntry[]> {
  const requestIds = [
    ...new Set(
      rows
        .filter(
          (row) => row.objectType === requestObjectType && row.objectId && uuidPattern.test(row.objectId),
        )
        .map((row) => row.objectId as string),
    ),
  ];
  const references = new Map(
    requestIds.length === 0
      ? []
      : (
          await context.db
            .select({ id: supportRequests.id, reference: supportRequests.reference })
            .from(supportRequests)
            .where(inArray(supportRequests.id, requestIds))
        ).map((request) => [request.id, request.reference]),
  );
  return rows.map(({ actorId, actorName, actorEmail, ...row }) => ({
    ...row,
    occurredAt: new Date(row.occurredAt).toISOString(),
    actor: actorId ? { id: actorId, name: actorName ?? '', email: actorEmail ?? '' } : null,
    reference: row.objectId ? (references.get(row.objectId) ?? null) : null,
  }));
}

/** Which filters a search used, for its own audit event: never the text searched for (a name). */
function filtersUsed(query: AuditTrailExportQuery & { pupil?: AuditTrailPupil }) {
  return {
    byActor: Boolean(query.q),
    event: query.event ?? null,
    reference: query.reference ?? null,
    location: query.locationId ?? null,
    byPupil: Boolean(query.pupil),
    from: query.from ?? null,
    to: query.to ?? null,
  };
}

/**
 * The reads of a request's file (the request, its PDF, its files) by someone no longer assigned to it, as
 * the common table `no_longer_assigned` over `reads`: the SQL form of `isReadByNoLongerAssigned`, one row
 * per read with its request and day. The pair periods come from `school_team_assignments` (by user), the
 * assignees from the `requests.transitioned` events that name one (by the request's audit object); reads
 * by someone holding a role that reads requests without an assignment are left out.
 */
function noLongerAssignedReads(): SQL {
  const request = requestObject({ id: '' });
  const attachment = attachmentObject('');
  const withoutAssignment = rolesReadingWithoutAssignment(
    Object.fromEntries(roles.map((role) => [role, scopesOf('requests.read', role)])),
  );
  const otherReach = sql`array[${sql.join(
    withoutAssignment.map((role) => sql`${role}`),
    sql`, `,
  )}]::text[]`;
  const uuidText = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";
  return sql`request_reads as (
      select r.user_id, r.occurred_at, to_char(r.local_at, 'YYYY-MM-DD') as on_day,
        case when r.object_type = ${request.type} and r.object_id ~ ${sql.raw(uuidText)}
          then r.object_id::uuid end as direct_id,
        case when r.object_type = ${attachment.type} and r.object_id ~ ${sql.raw(uuidText)}
          then r.object_id::uuid end as attachment_id
      from reads r
      where r.object_type in (${request.type}, ${attachment.type})
        and not (r.actor_roles && ${otherReach})
    ),
    no_longer_assigned as (
      select rr.user_id, rr.occurred_at, rr.on_day, q.id as request_id
      from request_reads rr
      left join request_attachments ra on ra.id = rr.attachment_id
      join support_requests q on q.id = coalesce(rr.direct_id, ra.request_id)
      left join lateral (
        select e.details->>'assignee' as assignee
        from audit_events e
        where e.object_type = ${request.type} and e.object_id = q.id::text
          and e.event = 'requests.transitioned' and e.details ? 'assignee'
          and e.occurred_at <= rr.occurred_at
        order by e.occurred_at desc, e.id desc limit 1
      ) assignee_then on true
      where not exists (
          select 1 from school_team_assignments p
          where p.user_id = rr.user_id and p.location_id = q.location_id
            and p.valid_from <= rr.on_day::date and (p.valid_to is null or p.valid_to > rr.on_day::date))
        and (case when exists (
            select 1 from audit_events e
            where e.object_type = ${request.type} and e.object_id = q.id::text
              and e.event = 'requests.transitioned' and e.details ? 'assignee')
          then assignee_then.assignee else q.assigned_user_id::text end) is distinct from rr.user_id::text
        and (exists (
            select 1 from school_team_assignments p
            where p.user_id = rr.user_id and p.location_id = q.location_id and p.valid_from < rr.on_day::date)
          or exists (
            select 1 from audit_events e
            where e.object_type = ${request.type} and e.object_id = q.id::text
              and e.event = 'requests.transitioned' and e.details->>'assignee' = rr.user_id::text
              and e.occurred_at <= rr.occurred_at))
    )`;
}

type SignalRow = {
  kind: AccessSignalKind;
  user_id: string;
  name: string;
  email: string;
  on: string;
  files: number;
  first_at: string | Date;
  last_at: string | Date;
};

/**
 * Signals of unusual access in a period: someone reading many files within one clock hour, reading
 * files outside working hours (Amsterdam), or reading a request's file when no longer assigned to it
 * (`isReadByNoLongerAssigned`). Computed in one query over the period's reads of files.
 */
export async function accessSignals(
  context: UseCaseContext,
  query: AccessSignalQuery,
): Promise<AccessSignalList> {
  const { from, to } = signalPeriodOf(query, context.clock.today());
  const events = [...requestReadEvents, ...trajectoryReadEvents];
  // Constants of the rules, written as numbers: the working days and hours.
  const weekdays = sql.raw(workingHours.weekdays.map(Number).join(', '));
  const rows = await queryRows<SignalRow>(
    context.db,
    sql`with reads as (
          select e.actor_user_id as user_id, e.occurred_at, e.actor_roles, e.object_type, e.object_id,
            e.object_type || ':' || coalesce(e.object_id, '') as file,
            e.occurred_at at time zone 'Europe/Amsterdam' as local_at
          from audit_events e
          where e.actor_user_id is not null
            and e.occurred_at >= ${amsterdamInstant(from, '00:00').toISOString()}
            and e.occurred_at < ${amsterdamInstant(addDays(to, 1), '00:00').toISOString()}
            and e.event in (${sql.join(
              events.map((event) => sql`${event}`),
              sql`, `,
            )})
        ),
        ${noLongerAssignedReads()},
        signals as (
          select 'many_files' as kind, user_id, to_char(date_trunc('hour', local_at), 'YYYY-MM-DD') as on,
            count(distinct file)::int as files, min(occurred_at) as first_at, max(occurred_at) as last_at
          from reads group by user_id, date_trunc('hour', local_at)
          having count(distinct file) >= ${manyFilesPerHour}
          union all
          select 'outside_hours', user_id, to_char(local_at, 'YYYY-MM-DD'), count(distinct file)::int,
            min(occurred_at), max(occurred_at)
          from reads
          where not (extract(isodow from local_at) in (${weekdays})
            and extract(hour from local_at) >= ${workingHours.startHour}
            and extract(hour from local_at) < ${workingHours.endHour})
          group by user_id, to_char(local_at, 'YYYY-MM-DD')
          union all
          select 'no_longer_assigned', user_id, on_day, count(distinct request_id)::int, min(occurred_at),
            max(occurred_at)
          from no_longer_assigned group by user_id, on_day
        )
        select s.kind, s.user_id, u.name, u.email, s.on, s.files, s.first_at, s.last_at
        from signals s join users u on u.id = s.user_id
        order by s.last_at desc, s.kind
        limit ${signalListLimit + 1}`,
  );
  const items = rows.slice(0, signalListLimit).map((row) => ({
    kind: row.kind,
    actor: { id: row.user_id, name: row.name, email: row.email },
    on: row.on,
    files: Number(row.files),
    firstAt: new Date(row.first_at).toISOString(),
    lastAt: new Date(row.last_at).toISOString(),
  }));
  await context.audit('privacy.signals_viewed', null, { from, to, shown: items.length });
  return { from, to, items, truncated: rows.length > signalListLimit };
}
