import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type {
  HomeworkCheckInput,
  HomeworkItem,
  HomeworkItemInput,
  HomeworkPage,
  HomeworkQuery,
  HomeworkSession,
  HomeworkSessionInput,
} from '../../../contracts/attendance.ts';
import { todayInAmsterdam } from '../../../contracts/school-year.ts';
import type { DatabaseClient, Transaction } from '../../db/client.ts';
import type { Actor } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
import { expertisePoints } from '../expertise-points/expertise-points.schema.ts';
import { homeworkItems, homeworkSessions, trajectories } from '../trajectories/trajectories.schema.ts';
import { canOnTrajectory, findTrajectory, type TrajectoryRow } from '../trajectories/trajectory-scope.ts';
import {
  findCheckProblems,
  findItemProblems,
  findSessionProblems,
  homeworkRefusal,
} from './homework.rules.ts';

type ItemRow = typeof homeworkItems.$inferSelect;
type SessionRow = typeof homeworkSessions.$inferSelect;

function sessionView(row: SessionRow, checkedByName: string | null): HomeworkSession {
  return {
    id: row.id,
    homeworkItemId: row.homeworkItemId,
    plannedOn: row.plannedOn,
    plannedWork: row.plannedWork,
    result: row.result,
    note: row.note,
    checkedAt: row.checkedAt?.toISOString() ?? null,
    checkedByName,
  };
}

function itemView(row: ItemRow, sessions: HomeworkSession[]): HomeworkItem {
  return {
    id: row.id,
    trajectoryId: row.trajectoryId,
    kind: row.kind,
    subject: row.subject,
    description: row.description,
    dueOn: row.dueOn,
    createdAt: row.createdAt.toISOString(),
    sessions,
  };
}

/**
 * Homework support (E4, E8): assignments and tests with deadlines, planned work sessions and the VSO
 * teacher's check; only where the location offers it. The mentor reads it on the trajectory page.
 */
export class HomeworkService {
  constructor(private readonly database: DatabaseClient) {}

  /** A pupil's homework, upcoming deadlines first; reading it is audited (P2). */
  list(actor: Actor, trajectoryId: string, query: HomeworkQuery, meta: RequestMeta): Promise<HomeworkPage> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'trajectories.read');
      const offered = await offersHomeworkSupport(transaction, trajectory.locationId);
      const today = todayInAmsterdam();
      const { limit, offset } = pageWindow(query);
      const rows = await transaction.db
        .select({ item: homeworkItems, total: sql<number>`count(*) over ()` })
        .from(homeworkItems)
        .where(
          and(
            eq(homeworkItems.trajectoryId, trajectory.id),
            query.upcoming === 'true' ? sql`${homeworkItems.dueOn} >= ${today}::date` : undefined,
          ),
        )
        .orderBy(
          sql`${homeworkItems.dueOn} < ${today}::date`,
          sql`case when ${homeworkItems.dueOn} >= ${today}::date then ${homeworkItems.dueOn} end asc`,
          sql`${homeworkItems.dueOn} desc`,
          asc(homeworkItems.createdAt),
        )
        .limit(limit)
        .offset(offset);
      const ids = rows.map((row) => row.item.id);
      const sessions = ids.length
        ? await transaction.db
            .select({ session: homeworkSessions, checkedByName: users.name })
            .from(homeworkSessions)
            .leftJoin(users, eq(users.id, homeworkSessions.checkedByUserId))
            .where(inArray(homeworkSessions.homeworkItemId, ids))
            .orderBy(asc(homeworkSessions.plannedOn), asc(homeworkSessions.id))
        : [];
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'homework.viewed',
        { type: 'trajectory', id: trajectory.id },
        { items: rows.length },
      );
      return {
        items: rows.map((row) =>
          itemView(
            row.item,
            sessions
              .filter((session) => session.session.homeworkItemId === row.item.id)
              .map((session) => sessionView(session.session, session.checkedByName)),
          ),
        ),
        page: query.page,
        pageSize: query.pageSize,
        total: Number(rows[0]?.total ?? 0),
        offersHomeworkSupport: offered,
        canManage:
          offered && trajectory.status === 'active' && canOnTrajectory(actor, 'homework.manage', trajectory),
      };
    });
  }

  /** Adds an assignment or test (E4); refused where the location does not offer homework support (E8). */
  createItem(
    actor: Actor,
    trajectoryId: string,
    input: HomeworkItemInput,
    meta: RequestMeta,
  ): Promise<HomeworkItem> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const trajectory = await findTrajectory(transaction, actor, trajectoryId, 'homework.manage', {
        lock: true,
      });
      await assertHomeworkOffered(transaction, trajectory);
      const problems = findItemProblems(input.dueOn, todayInAmsterdam());
      if (problems.length > 0) throw new ValidationFailed(problems);
      const [item] = await transaction.db
        .insert(homeworkItems)
        .values({
          tenantId: actor.tenantId,
          trajectoryId: trajectory.id,
          ...input,
          createdByUserId: actor.userId,
        })
        .returning();
      if (!item) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'homework.changed',
        { type: 'homework_item', id: item.id },
        { change: 'item_added', kind: item.kind },
      );
      return itemView(item, []);
    });
  }

  /** Plans a work session on an item, on or before its deadline (E4). */
  addSession(
    actor: Actor,
    itemId: string,
    input: HomeworkSessionInput,
    meta: RequestMeta,
  ): Promise<HomeworkSession> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const [found] = await transaction.db
        .select({ item: homeworkItems, trajectory: trajectories })
        .from(homeworkItems)
        .innerJoin(trajectories, eq(trajectories.id, homeworkItems.trajectoryId))
        .where(eq(homeworkItems.id, itemId));
      if (!found || !canOnTrajectory(actor, 'homework.manage', found.trajectory)) throw new NotFound();
      await assertHomeworkOffered(transaction, found.trajectory);
      const problems = findSessionProblems(input.plannedOn, found.item.dueOn);
      if (problems.length > 0) throw new ValidationFailed(problems);
      const [session] = await transaction.db
        .insert(homeworkSessions)
        .values({ tenantId: actor.tenantId, homeworkItemId: found.item.id, ...input })
        .returning();
      if (!session) throw new NotFound();
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'homework.changed',
        { type: 'homework_session', id: session.id },
        { change: 'session_planned' },
      );
      return sessionView(session, null);
    });
  }

  /**
   * The VSO teacher's check of a session: done, partly or not done, with a note (E4). A session
   * already planned can be checked even if the location has since stopped offering homework support.
   */
  checkSession(
    actor: Actor,
    sessionId: string,
    input: HomeworkCheckInput,
    meta: RequestMeta,
  ): Promise<HomeworkSession> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const [found] = await transaction.db
        .select({ session: homeworkSessions, trajectory: trajectories })
        .from(homeworkSessions)
        .innerJoin(homeworkItems, eq(homeworkItems.id, homeworkSessions.homeworkItemId))
        .innerJoin(trajectories, eq(trajectories.id, homeworkItems.trajectoryId))
        .where(eq(homeworkSessions.id, sessionId));
      if (!found || !canOnTrajectory(actor, 'homework.manage', found.trajectory)) throw new NotFound();
      const problems = findCheckProblems(found.session.plannedOn, todayInAmsterdam());
      if (problems.length > 0) throw new ValidationFailed(problems);
      const [session] = await transaction.db
        .update(homeworkSessions)
        .set({
          result: input.result,
          note: input.note || null,
          checkedByUserId: actor.userId,
          checkedAt: new Date(),
        })
        .where(eq(homeworkSessions.id, found.session.id))
        .returning();
      if (!session) throw new NotFound();
      const [checker] = await transaction.db
        .select({ name: users.name })
        .from(users)
        .where(eq(users.id, actor.userId));
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'homework.changed',
        { type: 'homework_session', id: session.id },
        { change: 'session_checked', result: input.result },
      );
      return sessionView(session, checker?.name ?? null);
    });
  }
}

async function offersHomeworkSupport(transaction: Transaction, locationId: string): Promise<boolean> {
  const [point] = await transaction.db
    .select({ offers: expertisePoints.offersHomeworkSupport })
    .from(expertisePoints)
    .where(eq(expertisePoints.locationId, locationId));
  return point?.offers === true;
}

async function assertHomeworkOffered(transaction: Transaction, trajectory: TrajectoryRow): Promise<void> {
  const refused = homeworkRefusal({
    offersHomeworkSupport: await offersHomeworkSupport(transaction, trajectory.locationId),
    status: trajectory.status,
  });
  if (refused) throw new RuleViolation('conflict', 409, [{ path: 'trajectoryId', code: refused }]);
}
