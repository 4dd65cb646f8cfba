import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type {
  SignalsPerMonth,
  TeacherSupport,
  TeacherSupportInput,
  TeacherSupportPage,
  TeacherSupportQuery,
} from '../../../contracts/pupil-records.ts';
import { schoolYearOf } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { NotFound, ValidationFailed } from '../../platform/http/errors.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { teacherSupportActivities } from '../trajectories/trajectories.schema.ts';
import { chooseLocation } from './pupil-records.locations.ts';
import { findTeacherSupportProblems, schoolYearRange, signalsPerMonth } from './teacher-support.rules.ts';

type SupportRow = typeof teacherSupportActivities.$inferSelect;

function supportView(row: SupportRow, authorName: string): TeacherSupport {
  return {
    id: row.id,
    locationId: row.locationId,
    kind: row.kind,
    occurredOn: row.occurredOn,
    topic: row.topic,
    participantCount: row.participantCount,
    teacherName: row.teacherName,
    className: row.className,
    description: row.description,
    createdBy: { id: row.createdByUserId, name: authorName },
    createdAt: row.createdAt.toISOString(),
  };
}

// The expertise point's support of the school's teachers (E6): training on behavioural problems, support
// in class and tips, and the signals per month that show its preventive role.

/** A location's support of teachers, newest first, filtered by kind and period. */
export async function listTeacherSupport(
  context: UseCaseContext,
  query: TeacherSupportQuery,
): Promise<TeacherSupportPage> {
  const chosen = await chooseLocation(context, 'teacher_support.read', query.locationId);
  const empty = { ...chosen, items: [], page: query.page, pageSize: query.pageSize, total: 0 };
  if (!chosen.locationId) return empty;
  const { limit, offset } = pageWindow(query);
  const rows = await context.db
    .select({
      support: teacherSupportActivities,
      authorName: users.name,
      total: sql<number>`count(*) over ()`,
    })
    .from(teacherSupportActivities)
    .innerJoin(users, eq(users.id, teacherSupportActivities.createdByUserId))
    .where(
      and(
        eq(teacherSupportActivities.locationId, chosen.locationId),
        query.kind ? eq(teacherSupportActivities.kind, query.kind) : undefined,
        query.from ? gte(teacherSupportActivities.occurredOn, query.from) : undefined,
        query.to ? lte(teacherSupportActivities.occurredOn, query.to) : undefined,
      ),
    )
    .orderBy(desc(teacherSupportActivities.occurredOn), desc(teacherSupportActivities.createdAt))
    .limit(limit)
    .offset(offset);
  return {
    ...empty,
    items: rows.map((row) => supportView(row.support, row.authorName)),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** Records a training, a class visit or a tip at the actor's own location. */
export async function addTeacherSupport(
  context: UseCaseContext,
  input: TeacherSupportInput,
): Promise<TeacherSupport> {
  const { actor, db } = context;
  // Out of reach, the location is refused on its field like an unknown one (issue 13 finding 4).
  await context.requireVisible(
    { kind: 'location', action: 'teacher_support.manage' },
    { locationId: input.locationId },
  );
  const problems = findTeacherSupportProblems({ occurredOn: input.occurredOn, today: context.clock.today() });
  if (problems.length > 0) throw new ValidationFailed(problems);
  const [row] = await db
    .insert(teacherSupportActivities)
    .values({
      tenantId: actor.tenantId,
      locationId: input.locationId,
      kind: input.kind,
      occurredOn: input.occurredOn,
      topic: input.topic,
      participantCount: input.kind === 'training' ? input.participantCount : null,
      teacherName: input.kind === 'training' ? null : input.teacherName,
      className: input.kind === 'class_support' ? input.className : null,
      description: input.description,
      createdByUserId: actor.userId,
    })
    .returning();
  if (!row) throw new NotFound();
  await context.audit('teacher_support.added', { type: 'teacher_support', id: row.id }, { kind: row.kind });
  const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  return supportView(row, author?.name ?? '');
}

/**
 * Trajectories started at the location per month of a school year, whatever became of them: counts
 * only, no names, so no pupil data is read (E6).
 */
export async function signalsPerMonthOf(
  context: UseCaseContext,
  query: { locationId?: string; schoolYear?: number },
): Promise<SignalsPerMonth> {
  const chosen = await chooseLocation(context, 'teacher_support.read', query.locationId);
  const schoolYear = query.schoolYear ?? schoolYearOf(context.clock.today());
  const { from, until } = schoolYearRange(schoolYear);
  const counted = chosen.locationId
    ? await queryRows<{ month: string; signals: number | string }>(
        context.db,
        sql`select to_char(created_at at time zone 'Europe/Amsterdam', 'YYYY-MM') as month,
            count(*)::int as signals
          from trajectories
          where location_id = ${chosen.locationId}::uuid
            and created_at >= (${from}::date)::timestamp at time zone 'Europe/Amsterdam'
            and created_at < (${until}::date)::timestamp at time zone 'Europe/Amsterdam'
          group by 1`,
      )
    : [];
  const months = signalsPerMonth(
    schoolYear,
    counted.map((row) => ({ month: row.month, signals: Number(row.signals) })),
  );
  return {
    ...chosen,
    schoolYear,
    months,
    total: months.reduce((sum, month) => sum + month.signals, 0),
  };
}
