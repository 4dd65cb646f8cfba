import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type {
  SignalsPerMonth,
  TeacherSupport,
  TeacherSupportInput,
  TeacherSupportPage,
  TeacherSupportQuery,
} from '../../../contracts/pupil-records.ts';
import { schoolYearOf, todayInAmsterdam } from '../../../contracts/school-year.ts';
import { type DatabaseClient, queryRows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { requireVisible } from '../../platform/access/references.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { NotFound, ValidationFailed } from '../../platform/http/errors.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
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

/**
 * The expertise point's support of the school's teachers (E6): training on behavioural problems,
 * support in class and tips, and the signals per month that show its preventive role.
 */
export class TeacherSupportService {
  constructor(private readonly database: DatabaseClient) {}

  /** A location's support of teachers, newest first, filtered by kind and period. */
  list(actor: Actor, query: TeacherSupportQuery): Promise<TeacherSupportPage> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const chosen = await chooseLocation(transaction, actor, 'teacher_support.read', query.locationId);
      const empty = { ...chosen, items: [], page: query.page, pageSize: query.pageSize, total: 0 };
      if (!chosen.locationId) return empty;
      const { limit, offset } = pageWindow(query);
      const rows = await transaction.db
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
    });
  }

  /** Records a training, a class visit or a tip at the actor's own location. */
  add(actor: Actor, input: TeacherSupportInput, meta: RequestMeta): Promise<TeacherSupport> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      await requireVisible(
        transaction,
        actor,
        { kind: 'location', action: 'teacher_support.manage' },
        { locationId: input.locationId },
      );
      const problems = findTeacherSupportProblems({
        occurredOn: input.occurredOn,
        today: todayInAmsterdam(),
      });
      if (problems.length > 0) throw new ValidationFailed(problems);
      const [row] = await transaction.db
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
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'teacher_support.added',
        { type: 'teacher_support', id: row.id },
        { kind: row.kind },
      );
      const [author] = await transaction.db
        .select({ name: users.name })
        .from(users)
        .where(eq(users.id, actor.userId));
      return supportView(row, author?.name ?? '');
    });
  }

  /**
   * Trajectories started at the location per month of a school year, whatever became of them:
   * counts only, no names, so no pupil data is read (E6).
   */
  signalsPerMonth(
    actor: Actor,
    query: { locationId?: string; schoolYear?: number },
  ): Promise<SignalsPerMonth> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const chosen = await chooseLocation(transaction, actor, 'teacher_support.read', query.locationId);
      const schoolYear = query.schoolYear ?? schoolYearOf(todayInAmsterdam());
      const { from, until } = schoolYearRange(schoolYear);
      const counted = chosen.locationId
        ? await queryRows<{ month: string; signals: number | string }>(
            transaction.db,
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
    });
  }
}
