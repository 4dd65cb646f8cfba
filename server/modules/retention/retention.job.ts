import { sql } from 'drizzle-orm';
import { type RetentionKind, retentionKinds } from '../../../contracts/retention.ts';
import { queryRows } from '../../db/client.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { registerScheduledJob } from '../../platform/jobs/partnership-jobs.ts';
import type { Kernel, SystemContext } from '../../platform/kernel/kernel.ts';
import { deleteOldNotifications } from '../../platform/notifications/notifications.ts';
import { eraseRequests, eraseTrajectories, logDeletion } from './erase.ts';
import {
  anonymisedColumns,
  dueCondition,
  type FileKind,
  isFileKind,
  nextDueBatch,
  type RowKind,
  type RowTable,
  rowTables,
} from './expiry.ts';
import { amountOf, lastDueStartDay, retentionBatchSize } from './retention.rules.ts';
import { retentionScheduleOf } from './schedule.ts';

export const retentionJob = 'retention';

/** What one run deleted, per kind, over all partnerships. */
export type RetentionRunResult = Record<RetentionKind, number>;

/**
 * P4: deletes what has had its retention period, in every partnership, in batches of at most
 * `batchSize` rows, each batch in a transaction of its own with its figures and its line of the
 * deletion log. A run killed halfway leaves every batch done or not started; the next run selects what
 * is still due and goes on. Held files are skipped. The day is the kernel's clock's.
 */
export async function runRetention(
  kernel: Pick<Kernel, 'partnershipIds' | 'runAsSystem'>,
  options: { batchSize?: number } = {},
): Promise<RetentionRunResult> {
  const batchSize = options.batchSize ?? retentionBatchSize;
  const result = Object.fromEntries(retentionKinds.map((kind) => [kind, 0])) as RetentionRunResult;
  for (const tenantId of await kernel.partnershipIds()) {
    const schedule = await kernel.runAsSystem(tenantId, retentionJob, (context) =>
      retentionScheduleOf(context.db),
    );
    for (const kind of retentionKinds) {
      const amount = amountOf(schedule, kind);
      const steps: Array<(context: SystemContext, lastDueDay: string) => Promise<number>> = isFileKind(kind)
        ? [(context, lastDueDay) => deleteFileBatch(context, kind, lastDueDay, batchSize)]
        : rowTables[kind].map(
            (table) => (context, lastDueDay) => deleteRowBatch(context, kind, table, lastDueDay, batchSize),
          );
      for (const step of steps)
        for (;;) {
          const deleted = await kernel.runAsSystem(tenantId, retentionJob, async (context) => {
            const count = await step(context, lastDueStartDay(context.clock.today(), kind, amount));
            if (count > 0) await context.audit('retention.deleted', null, { kind, count });
            return count;
          });
          result[kind] += deleted;
          if (deleted < batchSize) break;
        }
    }
    // In-app notifications hold no personal data beyond whom they were for; they go after a year, with
    // no choice in the schedule (the processing register says so).
    await kernel.runAsSystem(tenantId, retentionJob, async (context) => {
      const count = await deleteOldNotifications(context.transaction, context.clock.now());
      if (count > 0) await context.audit('retention.deleted', null, { kind: 'notification', count });
    });
  }
  return result;
}

async function deleteFileBatch(
  context: SystemContext,
  kind: FileKind,
  lastDueDay: string,
  batchSize: number,
): Promise<number> {
  const due = await queryRows<{ id: string }>(context.db, nextDueBatch(kind, lastDueDay, batchSize));
  const ids = due.map((row) => row.id);
  const at = context.clock.now();
  return kind === 'trajectory'
    ? eraseTrajectories(context.db, ids, at)
    : eraseRequests(context.db, ids, kind, at);
}

async function deleteRowBatch(
  context: SystemContext,
  kind: RowKind,
  table: RowTable,
  lastDueDay: string,
  batchSize: number,
): Promise<number> {
  const target = sql.identifier(table);
  // `= any(array(...))` plans as a scan by tuple id; `in (...)` would join over the whole table.
  const due = sql`ctid = any(array(
      select ctid from ${target} where ${dueCondition(table, lastDueDay)} limit ${batchSize}))`;
  const cleared = anonymisedColumns[table];
  const deleted = await queryRows<{ one: number }>(
    context.db,
    cleared
      ? sql`update ${target} set ${sql.join(
          cleared.map((column) => sql`${sql.identifier(column)} = null`),
          sql`, `,
        )} where ${due} returning 1 as one`
      : sql`delete from ${target} where ${due} returning 1 as one`,
  );
  await logDeletion(context.db, kind, deleted.length, context.clock.now());
  return deleted.length;
}

/** Runs retention as the job `retention` every night at 02:30, Amsterdam time (once across instances). */
export async function registerRetentionJob(jobs: Jobs, kernel: Kernel) {
  await registerScheduledJob(jobs, retentionJob, '30 2 * * *', () => runRetention(kernel));
}
