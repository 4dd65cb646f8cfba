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
import type { DbTransaction } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { pageWindow } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { expertisePoints } from '../expertise-points/expertise-points.schema.ts';
import { homeworkItems, homeworkSessions, trajectories } from '../trajectories/trajectories.schema.ts';
import { type TrajectoryRow, trajectoryTarget } from '../trajectories/trajectory-scope.ts';
import {
  findCheckProblems,
  findItemProblems,
  findSessionProblems,
  homeworkRefusal,
  sessionKindRefusal,
} from './homework.rules.ts';

type ItemRow = typeof homeworkItems.$inferSelect;
type SessionRow = typeof homeworkSessions.$inferSelect;

function sessionView(row: SessionRow, checkedByName: string | null): HomeworkSession {
  return {
    id: row.id,
    homeworkItemId: row.homeworkItemId,
    kind: row.kind,
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
 * A homework item as a route's target, with its pupil's trajectory: it exists for whoever reads the
 * pupil file (the mentor reads homework on the trajectory page, P1); planning takes `homework.manage`.
 */
export const homeworkItemTarget = defineTarget<{ item: ItemRow; trajectory: TrajectoryRow }>({
  readAction: 'trajectories.read',
  load: ({ db }, id, { lock }) => selectHomeworkItem(db, id, lock),
  scopeOf: ({ trajectory }, action) => trajectoryTarget.scopeOf(trajectory, action),
});

const selectHomeworkItem = rowById('homework_item', (db, lock) => {
  const query = db
    .select({ item: homeworkItems, trajectory: trajectories })
    .from(homeworkItems)
    .innerJoin(trajectories, eq(trajectories.id, homeworkItems.trajectoryId))
    .where(eq(homeworkItems.id, idPlaceholder));
  return lock ? query.for('update', { of: homeworkItems }) : query;
});

/** A planned work session as a route's target, seen like its item; checking it takes `homework.manage`. */
export const homeworkSessionTarget = defineTarget<{ session: SessionRow; trajectory: TrajectoryRow }>({
  readAction: 'trajectories.read',
  load: ({ db }, id, { lock }) => selectHomeworkSession(db, id, lock),
  scopeOf: ({ trajectory }, action) => trajectoryTarget.scopeOf(trajectory, action),
});

const selectHomeworkSession = rowById('homework_session', (db, lock) => {
  const query = db
    .select({ session: homeworkSessions, trajectory: trajectories })
    .from(homeworkSessions)
    .innerJoin(homeworkItems, eq(homeworkItems.id, homeworkSessions.homeworkItemId))
    .innerJoin(trajectories, eq(trajectories.id, homeworkItems.trajectoryId))
    .where(eq(homeworkSessions.id, idPlaceholder));
  return lock ? query.for('update', { of: homeworkSessions }) : query;
});

// Homework (E4, E8): assignments and tests with deadlines, planned sessions and the VSO teacher's check
// at every expertise point (E4); sessions of structuring and homework support only where the location
// offers them (E8). The mentor reads it on the trajectory page.

/** A pupil's homework, upcoming deadlines first; reading it is audited (P2). */
export async function listHomework(
  context: UseCaseContext,
  trajectoryId: string,
  query: HomeworkQuery,
): Promise<HomeworkPage> {
  const { db } = context;
  const trajectory = await context.load(trajectoryTarget, trajectoryId);
  const offered = await offersHomeworkSupport(db, trajectory.locationId);
  const today = context.clock.today();
  const { limit, offset } = pageWindow(query);
  const rows = await db
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
    ? await db
        .select({ session: homeworkSessions, checkedByName: users.name })
        .from(homeworkSessions)
        .leftJoin(users, eq(users.id, homeworkSessions.checkedByUserId))
        .where(inArray(homeworkSessions.homeworkItemId, ids))
        .orderBy(asc(homeworkSessions.plannedOn), asc(homeworkSessions.id))
    : [];
  await context.audit('homework.viewed', { type: 'trajectory', id: trajectory.id }, { items: rows.length });
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
      homeworkRefusal(trajectory) === null &&
      context.may('homework.manage', trajectoryTarget.scopeOf(trajectory, 'homework.manage')),
  };
}

/** Adds an assignment or test (E4) for a pupil with an active trajectory, at every expertise point. */
export async function createHomeworkItem(
  context: UseCaseContext,
  trajectoryId: string,
  input: HomeworkItemInput,
): Promise<HomeworkItem> {
  const { db } = context;
  const trajectory = await context.load(trajectoryTarget, trajectoryId, { lock: true });
  assertHomeworkActive(trajectory);
  const problems = findItemProblems(input.dueOn, context.clock.today());
  if (problems.length > 0) throw new ValidationFailed(problems);
  const [item] = await db
    .insert(homeworkItems)
    .values({
      tenantId: trajectory.tenantId,
      trajectoryId: trajectory.id,
      ...input,
      createdByUserId: context.actor.userId,
    })
    .returning();
  if (!item) throw new NotFound();
  await context.audit(
    'homework.changed',
    { type: 'homework_item', id: item.id },
    { change: 'item_added', kind: item.kind },
  );
  return itemView(item, []);
}

/**
 * Plans a session on an item, on or before its deadline: a work session everywhere (E4), structuring or
 * homework support only where the location offers it (E8).
 */
export async function addHomeworkSession(
  context: UseCaseContext,
  itemId: string,
  input: HomeworkSessionInput,
): Promise<HomeworkSession> {
  const { db } = context;
  const found = await context.load(homeworkItemTarget, itemId);
  assertHomeworkActive(found.trajectory);
  const refused = sessionKindRefusal({
    kind: input.kind,
    offersHomeworkSupport: await offersHomeworkSupport(db, found.trajectory.locationId),
  });
  if (refused) throw new RuleViolation('conflict', 409, [{ path: 'kind', code: refused }]);
  const problems = findSessionProblems(input.plannedOn, found.item.dueOn);
  if (problems.length > 0) throw new ValidationFailed(problems);
  const [session] = await db
    .insert(homeworkSessions)
    .values({ tenantId: found.item.tenantId, homeworkItemId: found.item.id, ...input })
    .returning();
  if (!session) throw new NotFound();
  await context.audit(
    'homework.changed',
    { type: 'homework_session', id: session.id },
    { change: 'session_planned', kind: session.kind },
  );
  return sessionView(session, null);
}

/**
 * The VSO teacher's check of a session: done, partly or not done, with a note (E4). A session of an
 * extra kind already planned can be checked even if the location has since stopped offering it (E8).
 */
export async function checkHomeworkSession(
  context: UseCaseContext,
  sessionId: string,
  input: HomeworkCheckInput,
): Promise<HomeworkSession> {
  const { db, actor } = context;
  const found = await context.load(homeworkSessionTarget, sessionId);
  const problems = findCheckProblems(found.session.plannedOn, context.clock.today());
  if (problems.length > 0) throw new ValidationFailed(problems);
  const [session] = await db
    .update(homeworkSessions)
    .set({
      result: input.result,
      note: input.note || null,
      checkedByUserId: actor.userId,
      checkedAt: context.clock.now(),
    })
    .where(eq(homeworkSessions.id, found.session.id))
    .returning();
  if (!session) throw new NotFound();
  const [checker] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  await context.audit(
    'homework.changed',
    { type: 'homework_session', id: session.id },
    { change: 'session_checked', result: input.result },
  );
  return sessionView(session, checker?.name ?? null);
}

async function offersHomeworkSupport(db: DbTransaction, locationId: string): Promise<boolean> {
  const [point] = await db
    .select({ offers: expertisePoints.offersHomeworkSupport })
    .from(expertisePoints)
    .where(eq(expertisePoints.locationId, locationId));
  return point?.offers === true;
}

function assertHomeworkActive(trajectory: TrajectoryRow): void {
  const refused = homeworkRefusal(trajectory);
  if (refused) throw new RuleViolation('conflict', 409, [{ path: 'trajectoryId', code: refused }]);
}
