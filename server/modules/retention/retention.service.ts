import { count, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PaginationQuery } from '../../../contracts/fields.ts';
import {
  type DeletionLogEntry,
  type LegalHold,
  type LegalHoldInput,
  type RetentionPreview,
  type RetentionSchedule,
  type RetentionScheduleInput,
  retentionKinds,
  retentionPreviewFileLimit,
  retentionRules,
} from '../../../contracts/retention.ts';
import { addDays } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { NotFound, RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { loadPage } from '../../platform/http/pagination.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { locations } from '../schools/schools.schema.ts';
import { dueCondition, type FileKind, filesStartedBy, isFileKind, rowTables } from './expiry.ts';
import { filesOfPupil, requireFilesOfPupil } from './pupil-files.ts';
import {
  amountOf,
  deletionDay,
  lastDueStartDay,
  previewHorizonDays,
  scheduleInputErrors,
} from './retention.rules.ts';
import { deletionLog, legalHolds, retentionPeriods } from './retention.schema.ts';
import { retentionScheduleOf } from './schedule.ts';

/** The partnership's schedule as it applies now. */
export function readSchedule(context: UseCaseContext): Promise<RetentionSchedule> {
  return retentionScheduleOf(context.db);
}

/** Changes periods of the schedule, each within its bounds; a period set to its standard is stored too. */
export async function changeSchedule(
  context: UseCaseContext,
  input: RetentionScheduleInput,
): Promise<RetentionSchedule> {
  const errors = scheduleInputErrors(input);
  if (Object.keys(errors).length > 0)
    throw new ValidationFailed(
      Object.entries(errors).map(([path, code]) => {
        const index = Number(path.split('.')[1]);
        const rule = retentionRules[input.periods[index]?.kind ?? 'request_file'];
        return { path, code, params: { min: rule.min, max: rule.max } };
      }),
    );
  for (const period of input.periods)
    await context.db
      .insert(retentionPeriods)
      .values({
        tenantId: context.actor.tenantId,
        kind: period.kind,
        amount: period.amount,
        updatedByUserId: context.actor.userId,
        updatedAt: context.clock.now(),
      })
      .onConflictDoUpdate({
        target: [retentionPeriods.tenantId, retentionPeriods.kind],
        set: { amount: period.amount, updatedByUserId: context.actor.userId, updatedAt: context.clock.now() },
      });
  await context.audit('retention.schedule_changed', null, {
    kinds: input.periods.map((period) => `${period.kind}=${period.amount}`),
  });
  return retentionScheduleOf(context.db);
}

/**
 * P4: what the next run deletes (due), what reaches its date within 30 days (upcoming) and what a
 * legal hold keeps, per kind; and the files among them by reference or school, never their content.
 */
export async function previewRetention(context: UseCaseContext): Promise<RetentionPreview> {
  const schedule = await retentionScheduleOf(context.db);
  const today = context.clock.today();
  const horizon = addDays(today, previewHorizonDays);
  const kinds: RetentionPreview['kinds'] = [];
  const files: RetentionPreview['files'] = [];
  let filesTruncated = false;
  for (const kind of retentionKinds) {
    const amount = amountOf(schedule, kind);
    const dueDay = lastDueStartDay(today, kind, amount);
    const horizonDay = lastDueStartDay(horizon, kind, amount);
    if (isFileKind(kind)) {
      const [counts] = await queryRows<{ due: number; upcoming: number; held: number }>(
        context.db,
        sql`select count(*) filter (where not f.held and f.start_day <= ${dueDay}::date)::int as due,
            count(*) filter (where not f.held and f.start_day > ${dueDay}::date)::int as upcoming,
            count(*) filter (where f.held)::int as held
          from (${filesStartedBy(kind, horizonDay)}) f`,
      );
      kinds.push({ kind, due: counts?.due ?? 0, upcoming: counts?.upcoming ?? 0, held: counts?.held ?? 0 });
      const listed = await filesOf(context, kind, horizonDay, amount);
      filesTruncated ||= listed.length > retentionPreviewFileLimit;
      files.push(...listed.slice(0, retentionPreviewFileLimit));
    } else {
      let due = 0;
      let upcoming = 0;
      for (const table of rowTables[kind]) {
        const [counts] = await queryRows<{ due: number; upcoming: number }>(
          context.db,
          sql`select count(*) filter (where ${dueCondition(table, dueDay)})::int as due,
              count(*) filter (where not (${dueCondition(table, dueDay)}))::int as upcoming
            from ${sql.identifier(table)} where ${dueCondition(table, horizonDay)}`,
        );
        due += counts?.due ?? 0;
        upcoming += counts?.upcoming ?? 0;
      }
      kinds.push({ kind, due, upcoming, held: 0 });
    }
  }
  files.sort((a, b) => a.deleteOn.localeCompare(b.deleteOn) || a.kind.localeCompare(b.kind));
  filesTruncated ||= files.length > retentionPreviewFileLimit;
  await context.audit('retention.preview_viewed', null, {
    files: Math.min(files.length, retentionPreviewFileLimit),
  });
  return { horizon, kinds, files: files.slice(0, retentionPreviewFileLimit), filesTruncated };
}

async function filesOf(
  context: UseCaseContext,
  kind: FileKind,
  horizonDay: string,
  amount: number,
): Promise<RetentionPreview['files']> {
  const rows = await queryRows<{
    reference: string | null;
    location: string;
    start_day: string;
    held: boolean;
  }>(
    context.db,
    sql`select f.reference, l.name as location, f.start_day::text as start_day, f.held
      from (${filesStartedBy(kind, horizonDay)}) f join locations l on l.id = f.location_id
      order by f.start_day, f.id limit ${retentionPreviewFileLimit + 1}`,
  );
  return rows.map((row) => ({
    kind,
    reference: row.reference,
    location: row.location,
    // A file past its date goes in the next run: today's, or tonight's.
    deleteOn: maxDay(deletionDay(row.start_day, kind, amount), context.clock.today()),
    held: row.held,
  }));
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** P4: what the runs deleted, per day and kind, newest first — never what. */
export async function readDeletionLog(context: UseCaseContext, query: PaginationQuery) {
  const day = sql<string>`(${deletionLog.deletedAt} at time zone 'Europe/Amsterdam')::date::text`;
  const page = await loadPage(
    query,
    ({ limit, offset }) =>
      context.db
        .select({
          day,
          kind: deletionLog.kind,
          count: sql<number>`sum(${deletionLog.count})::int`,
          batches: sql<number>`count(*)::int`,
        })
        .from(deletionLog)
        .groupBy(day, deletionLog.kind)
        .orderBy(desc(day), deletionLog.kind)
        .limit(limit)
        .offset(offset),
    () =>
      context.db
        .select({ total: count() })
        .from(
          context.db
            .select({ day, kind: deletionLog.kind })
            .from(deletionLog)
            .groupBy(day, deletionLog.kind)
            .as('days'),
        ),
  );
  await context.audit('retention.log_viewed', null, { shown: page.items.length });
  return page as typeof page & { items: DeletionLogEntry[] };
}

const placer = alias(users, 'placer');
const releaser = alias(users, 'releaser');

/** The legal holds, those in force first, each with the number of files it keeps today. */
export async function listLegalHolds(context: UseCaseContext): Promise<{ holds: LegalHold[] }> {
  const rows = await context.db
    .select({
      hold: legalHolds,
      locationName: locations.name,
      placedBy: placer.name,
      releasedBy: releaser.name,
      files: filesOfPupil({
        name: sql`${legalHolds.pupilName}`,
        birthDate: sql`${legalHolds.birthDate}`,
        locationId: sql`${legalHolds.locationId}`,
      }),
    })
    .from(legalHolds)
    .leftJoin(locations, eq(locations.id, legalHolds.locationId))
    .innerJoin(placer, eq(placer.id, legalHolds.placedByUserId))
    .leftJoin(releaser, eq(releaser.id, legalHolds.releasedByUserId))
    .orderBy(sql`${legalHolds.releasedAt} is not null`, desc(legalHolds.placedAt))
    .limit(500);
  await context.audit('retention.holds_listed', null, { shown: rows.length });
  return {
    holds: rows.map(({ hold, locationName, placedBy, releasedBy, files }) => ({
      id: hold.id,
      pupilName: hold.pupilName,
      birthDate: hold.birthDate,
      location: hold.locationId && locationName ? { id: hold.locationId, name: locationName } : null,
      reason: hold.reason,
      placedBy,
      placedAt: hold.placedAt.toISOString(),
      releasedAt: hold.releasedAt?.toISOString() ?? null,
      releasedBy: releasedBy ?? null,
      releaseReason: hold.releaseReason,
      files: Number(files),
    })),
  };
}

/**
 * Places a legal hold on one pupil, with a reason. A pupil no file names (a typing error, most likely)
 * is refused at the name, and nothing is stored.
 */
export async function placeLegalHold(
  context: UseCaseContext,
  input: LegalHoldInput,
): Promise<{ id: string }> {
  if (input.locationId) await context.requireVisible({ kind: 'location' }, { locationId: input.locationId });
  const pupil = { name: input.pupilName, birthDate: input.birthDate, locationId: input.locationId ?? null };
  const files = await requireFilesOfPupil(context.db, pupil, 'pupilName');
  const [hold] = await context.db
    .insert(legalHolds)
    .values({
      tenantId: context.actor.tenantId,
      pupilName: input.pupilName.trim(),
      nameKey: sql`passend_name_key(${input.pupilName})`,
      birthDate: input.birthDate,
      locationId: input.locationId ?? null,
      reason: input.reason,
      placedByUserId: context.actor.userId,
      placedAt: context.clock.now(),
    })
    .returning({ id: legalHolds.id });
  if (!hold) throw new Error('legal hold not stored');
  await context.audit('retention.hold_placed', { type: 'legal_hold', id: hold.id }, { files });
  return hold;
}

/** Releases a hold in force, with a reason; its files follow the schedule again from the next run. */
export async function releaseLegalHold(
  context: UseCaseContext,
  holdId: string,
  reason: string,
): Promise<void> {
  const [hold] = await context.db
    .select({ releasedAt: legalHolds.releasedAt })
    .from(legalHolds)
    .where(eq(legalHolds.id, holdId))
    .for('update');
  if (!hold) throw new NotFound();
  if (hold.releasedAt) throw new RuleViolation('legal_hold_released');
  await context.db
    .update(legalHolds)
    .set({ releasedAt: context.clock.now(), releasedByUserId: context.actor.userId, releaseReason: reason })
    .where(eq(legalHolds.id, holdId));
  await context.audit('retention.hold_released', { type: 'legal_hold', id: holdId });
}
