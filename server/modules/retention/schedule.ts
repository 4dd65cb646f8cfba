import type { RetentionSchedule } from '../../../contracts/retention.ts';
import type { DbTransaction } from '../../db/client.ts';
import { scheduleOf } from './retention.rules.ts';
import { retentionPeriods } from './retention.schema.ts';

/**
 * The retention schedule of the transaction's partnership (P4): what it chose, the standard elsewhere.
 * The consent texts, the privacy statement and the processing register read it here, so they say what
 * the retention job does.
 */
export async function retentionScheduleOf(db: DbTransaction): Promise<RetentionSchedule> {
  const chosen = await db
    .select({ kind: retentionPeriods.kind, amount: retentionPeriods.amount })
    .from(retentionPeriods);
  return scheduleOf(chosen);
}
