import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  PupilCreateInput,
  PupilDetail,
  PupilListQuery,
  PupilMergeInput,
  PupilMergeResult,
  PupilPage,
  PupilParentInput,
  PupilUpdateInput,
} from '../../../contracts/pupils.ts';
import { mentorRole } from '../../../contracts/roles.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { containsPattern, pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { supportRequests } from '../requests/requests.schema.ts';
import { locations } from '../schools/schools.schema.ts';
import { trajectories } from '../trajectories/trajectories.schema.ts';
import { type PupilRow, pupilColumns, pupilTarget } from './pupil-scope.ts';
import { enrolmentYearsToMove, mergeProblem, parentsToMove } from './pupils.rules.ts';
import { pupilEnrolments, pupilParents, pupils } from './pupils.schema.ts';

// The pupil register per school location (Y1): list and search, a pupil's entry, adding and editing,
// merging duplicates; and the one way the request form and the signal form add a pupil they typed.
// Every read is audited with the pupils it showed (P2).

/** A school's register, searched by name and paged in SQL; the read names the pupils shown (P2). */
export async function listPupils(context: UseCaseContext, query: PupilListQuery): Promise<PupilPage> {
  const { limit, offset } = pageWindow(query);
  const latest = latestEnrolment(context.db);
  const rows = await context.db
    .select({
      id: pupils.id,
      name: pupils.name,
      birthDate: pupils.birthDate,
      schoolYear: latest.schoolYear,
      className: latest.className,
      mentorId: latest.mentorUserId,
      mentorName: users.name,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(pupils)
    .leftJoinLateral(latest, sql`true`)
    .leftJoin(users, eq(users.id, latest.mentorUserId))
    .where(
      and(
        eq(pupils.locationId, query.locationId),
        context.scope('pupils.read', pupilColumns),
        query.q ? sql`${pupils.name} ilike ${containsPattern(query.q)}` : undefined,
      ),
    )
    .orderBy(asc(pupils.name), asc(pupils.id))
    .limit(limit)
    .offset(offset);
  await context.audit('pupils.listed', null, { count: rows.length, pupilIds: rows.map((row) => row.id) });
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      birthDate: row.birthDate,
      schoolYear: row.schoolYear,
      className: row.className,
      mentor: row.mentorId && row.mentorName ? { id: row.mentorId, name: row.mentorName } : null,
    })),
    page: query.page,
    pageSize: query.pageSize,
    total: Number(rows[0]?.total ?? 0),
  };
}

/** A pupil's register entry; the read is audited (P2). */
export async function getPupil(context: UseCaseContext, pupilId: string): Promise<PupilDetail> {
  const row = await context.load(pupilTarget, pupilId);
  await context.audit('pupils.viewed', subjectOf(row.id));
  return detailOf(context, row);
}

/** Adds a pupil to the register of a location the actor may keep it for (Y1). */
export async function createPupil(context: UseCaseContext, input: PupilCreateInput): Promise<PupilDetail> {
  await context.requireVisible(
    { kind: 'location', action: 'pupils.manage' },
    { locationId: input.locationId },
    'no_location',
  );
  await requireMentorAt(context, input.mentorUserId, input.locationId);
  const id = await insertPupil(context, input);
  await context.audit('pupils.created', subjectOf(id), { via: 'register' });
  return getCreated(context, id);
}

/** Changes a pupil's entry: name, birth date, this school year's class and mentor, the parents. */
export async function updatePupil(
  context: UseCaseContext,
  pupilId: string,
  input: PupilUpdateInput,
): Promise<PupilDetail> {
  const row = await context.load(pupilTarget, pupilId, { lock: true, action: 'pupils.manage' });
  await requireMentorAt(context, input.mentorUserId, row.locationId);
  await context.db
    .update(pupils)
    .set({ name: input.name.trim(), birthDate: input.birthDate, updatedAt: context.clock.now() })
    .where(eq(pupils.id, row.id));
  await writeEnrolment(context, row.id, input.className, input.mentorUserId);
  await context.db.delete(pupilParents).where(eq(pupilParents.pupilId, row.id));
  await insertParents(context, row.id, input.parents);
  await context.audit('pupils.updated', subjectOf(row.id));
  return getCreated(context, row.id);
}

/**
 * Merges a duplicate into a pupil of the same school (Y1): every request and trajectory that names the
 * duplicate moves to the pupil, with the school years and parents the pupil lacks, and the duplicate is
 * gone — all in the command's one transaction. Pupils of two schools are refused, nothing changed.
 */
export async function mergePupils(
  context: UseCaseContext,
  pupilId: string,
  input: PupilMergeInput,
): Promise<PupilMergeResult> {
  const target = await context.load(pupilTarget, pupilId, { lock: true, action: 'pupils.merge' });
  await context.requireVisible(
    { kind: 'pupil', action: 'pupils.merge' },
    { sourcePupilId: input.sourcePupilId },
  );
  const source = await context.load(pupilTarget, input.sourcePupilId, { lock: true, action: 'pupils.merge' });
  const problem = mergeProblem(target, source);
  if (problem) throw new RuleViolation(problem, 422, [{ path: 'sourcePupilId', code: problem }]);
  const { db } = context;
  const movedRequests = await db
    .update(supportRequests)
    .set({ pupilId: target.id })
    .where(eq(supportRequests.pupilId, source.id))
    .returning({ id: supportRequests.id });
  const movedTrajectories = await db
    .update(trajectories)
    .set({ pupilId: target.id })
    .where(eq(trajectories.pupilId, source.id))
    .returning({ id: trajectories.id });
  const yearsOf = async (id: string) =>
    (
      await db
        .select({ schoolYear: pupilEnrolments.schoolYear })
        .from(pupilEnrolments)
        .where(eq(pupilEnrolments.pupilId, id))
    ).map((row) => row.schoolYear);
  const years = enrolmentYearsToMove(await yearsOf(target.id), await yearsOf(source.id));
  if (years.length > 0)
    await db
      .update(pupilEnrolments)
      .set({ pupilId: target.id })
      .where(and(eq(pupilEnrolments.pupilId, source.id), inArray(pupilEnrolments.schoolYear, years)));
  const parentsOf = (id: string) =>
    db.select().from(pupilParents).where(eq(pupilParents.pupilId, id)).orderBy(asc(pupilParents.position));
  const targetParents = await parentsOf(target.id);
  const moving = parentsToMove(targetParents, await parentsOf(source.id));
  if (moving.length > 0)
    await db
      .update(pupilParents)
      .set({ pupilId: target.id, position: sql`${pupilParents.position} + ${targetParents.length}` })
      .where(
        inArray(
          pupilParents.id,
          moving.map((parent) => parent.id),
        ),
      );
  if (!target.birthDate && source.birthDate)
    await db.update(pupils).set({ birthDate: source.birthDate }).where(eq(pupils.id, target.id));
  await db.update(pupils).set({ updatedAt: context.clock.now() }).where(eq(pupils.id, target.id));
  await db.delete(pupils).where(eq(pupils.id, source.id));
  const moved = { requests: movedRequests.length, trajectories: movedTrajectories.length };
  await context.audit('pupils.merged', subjectOf(target.id), { mergedPupilId: source.id, ...moved });
  return { pupil: await getCreated(context, target.id), moved };
}

/** The pupil a form typed, to record with its request or trajectory (Y1). */
export type TypedPupil = {
  locationId: string;
  name: string;
  birthDate: string | null;
  className: string | null;
  mentorUserId: string | null;
  parents: readonly PupilParentInput[];
};

/**
 * The register row of a pupil a form typed: the school's pupil with the same name (as the register
 * compares names) and birth date, or a new one added with its class, mentor and parents in the command's
 * transaction (Y1). Used by the request form and the signal form; their own action allows it.
 */
export async function registerTypedPupil(
  context: UseCaseContext,
  pupil: TypedPupil,
  via: 'request' | 'signal',
): Promise<string> {
  const [existing] = await context.db
    .select({ id: pupils.id })
    .from(pupils)
    .where(
      and(
        eq(pupils.locationId, pupil.locationId),
        sql`passend_name_key(${pupils.name}) = passend_name_key(${pupil.name})`,
        pupil.birthDate === null ? sql`${pupils.birthDate} is null` : eq(pupils.birthDate, pupil.birthDate),
      ),
    )
    .orderBy(asc(pupils.createdAt), asc(pupils.id))
    .limit(1);
  if (existing) return existing.id;
  const id = await insertPupil(context, pupil);
  await context.audit('pupils.created', subjectOf(id), { via });
  return id;
}

/**
 * Proves a pupil id a form sent names a pupil of that school the actor may read in the register
 * (400 on `path` otherwise, the same for another school's or partnership's pupil), and returns it.
 */
export async function requireRegisteredPupil(
  context: UseCaseContext,
  pupilId: string,
  locationId: string,
  path: string,
): Promise<{ id: string; name: string; birthDate: string | null; className: string | null }> {
  await context.requireVisible({ kind: 'pupil', action: 'pupils.read', locationId }, { [path]: pupilId });
  const latest = latestEnrolment(context.db);
  const [row] = await context.db
    .select({ id: pupils.id, name: pupils.name, birthDate: pupils.birthDate, className: latest.className })
    .from(pupils)
    .leftJoinLateral(latest, sql`true`)
    .where(eq(pupils.id, pupilId));
  if (!row) throw new ValidationFailed([{ path, code: 'unknown_reference' }]);
  return row;
}

async function insertPupil(
  context: UseCaseContext,
  pupil: Omit<TypedPupil, 'parents'> & { parents: readonly PupilParentInput[] },
): Promise<string> {
  const now = context.clock.now();
  const [row] = await context.db
    .insert(pupils)
    .values({
      tenantId: context.actor.tenantId,
      locationId: pupil.locationId,
      name: pupil.name.trim(),
      birthDate: pupil.birthDate,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: pupils.id });
  if (!row) throw new NotFound();
  await writeEnrolment(context, row.id, pupil.className, pupil.mentorUserId);
  await insertParents(context, row.id, pupil.parents);
  return row.id;
}

// This school year's class and mentor: one row per pupil and year (Y2 adds the next year's).
async function writeEnrolment(
  context: UseCaseContext,
  pupilId: string,
  className: string | null,
  mentorUserId: string | null,
): Promise<void> {
  const schoolYear = schoolYearOf(context.clock.today());
  await context.db
    .insert(pupilEnrolments)
    .values({
      tenantId: context.actor.tenantId,
      pupilId,
      schoolYear,
      className: className?.trim() || null,
      mentorUserId,
    })
    .onConflictDoUpdate({
      target: [pupilEnrolments.pupilId, pupilEnrolments.schoolYear],
      set: { className: className?.trim() || null, mentorUserId },
    });
}

async function insertParents(
  context: UseCaseContext,
  pupilId: string,
  parents: readonly PupilParentInput[],
): Promise<void> {
  if (parents.length === 0) return;
  await context.db.insert(pupilParents).values(
    parents.map((parent, index) => ({
      tenantId: context.actor.tenantId,
      pupilId,
      name: parent.name.trim(),
      email: parent.email,
      phone: parent.phone,
      hasAuthority: parent.hasAuthority,
      position: index,
    })),
  );
}

// Data, not access: a pupil's mentor holds the mentor role at the pupil's location.
async function requireMentorAt(
  context: UseCaseContext,
  mentorUserId: string | null,
  locationId: string,
): Promise<void> {
  if (!mentorUserId) return;
  const [found] = await context.db
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, mentorUserId),
        eq(roleAssignments.locationId, locationId),
        eq(roleAssignments.role, mentorRole),
      ),
    )
    .limit(1);
  if (!found) throw new ValidationFailed([{ path: 'mentorUserId', code: 'pupil_mentor_not_here' }]);
}

/** The entry just written, as its writer sees it (the command's own result, not a separate read). */
async function getCreated(context: UseCaseContext, pupilId: string): Promise<PupilDetail> {
  const row = await pupilTarget.load(context.transaction, pupilId, { lock: false });
  if (!row) throw new NotFound();
  return detailOf(context, row);
}

/** The latest school year's enrolment of `pupils.id`, for a lateral join (its class and mentor). */
function latestEnrolment(db: UseCaseContext['db']) {
  return (
    db
      .select({
        schoolYear: pupilEnrolments.schoolYear,
        className: pupilEnrolments.className,
        mentorUserId: pupilEnrolments.mentorUserId,
      })
      .from(pupilEnrolments)
      // Qualified by hand: the outer pupil's id, not a column of the subquery's own table.
      .where(sql`${pupilEnrolments.pupilId} = "pupils"."id"`)
      .orderBy(desc(pupilEnrolments.schoolYear))
      .limit(1)
      .as('latest')
  );
}

async function detailOf(context: UseCaseContext, row: PupilRow): Promise<PupilDetail> {
  const { db } = context;
  const scope = pupilTarget.scopeOf(row, 'pupils.read');
  const enrolments = await db
    .select({
      schoolYear: pupilEnrolments.schoolYear,
      className: pupilEnrolments.className,
      mentorId: pupilEnrolments.mentorUserId,
      mentorName: users.name,
    })
    .from(pupilEnrolments)
    .leftJoin(users, eq(users.id, pupilEnrolments.mentorUserId))
    .where(eq(pupilEnrolments.pupilId, row.id))
    .orderBy(desc(pupilEnrolments.schoolYear));
  const parents = await db
    .select({
      id: pupilParents.id,
      name: pupilParents.name,
      email: pupilParents.email,
      phone: pupilParents.phone,
      hasAuthority: pupilParents.hasAuthority,
    })
    .from(pupilParents)
    .where(eq(pupilParents.pupilId, row.id))
    .orderBy(asc(pupilParents.position), asc(pupilParents.id));
  const [location] = await db
    .select({ name: locations.name })
    .from(locations)
    .where(eq(locations.id, row.locationId));
  const [requests] = await db
    .select({ count: count() })
    .from(supportRequests)
    .where(eq(supportRequests.pupilId, row.id));
  const [trajectoryCount] = await db
    .select({ count: count() })
    .from(trajectories)
    .where(eq(trajectories.pupilId, row.id));
  const mentorOf = (id: string | null, name: string | null) => (id && name ? { id, name } : null);
  const [current] = enrolments;
  return {
    id: row.id,
    name: row.name,
    birthDate: row.birthDate,
    schoolYear: current?.schoolYear ?? null,
    className: current?.className ?? null,
    mentor: mentorOf(current?.mentorId ?? null, current?.mentorName ?? null),
    locationId: row.locationId,
    locationName: location?.name ?? '',
    parents,
    enrolments: enrolments.map((enrolment) => ({
      schoolYear: enrolment.schoolYear,
      className: enrolment.className,
      mentor: mentorOf(enrolment.mentorId, enrolment.mentorName),
    })),
    requestCount: Number(requests?.count ?? 0),
    trajectoryCount: Number(trajectoryCount?.count ?? 0),
    may: { edit: context.may('pupils.manage', scope), merge: context.may('pupils.merge', scope) },
  };
}

function subjectOf(id: string) {
  return { type: 'pupil', id };
}
