import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { CrisisVisit } from '../../../contracts/attendance.ts';
import type { DbTransaction } from '../../db/client.ts';
import { attendanceVisits } from '../trajectories/trajectories.schema.ts';
import { minutesOfVisit } from './attendance.rules.ts';

type VisitRow = typeof attendanceVisits.$inferSelect;

/** A crisis visit without a trajectory as the API shows it, with the pupil's name and class (E7). */
export function crisisVisitView(row: VisitRow, now: Date): CrisisVisit {
  return {
    id: row.id,
    trajectoryId: row.trajectoryId,
    locationId: row.locationId,
    reason: row.reason,
    checkedInAt: row.checkedInAt.toISOString(),
    checkedOutAt: row.checkedOutAt?.toISOString() ?? null,
    minutes: minutesOfVisit(row.checkedInAt, row.checkedOutAt, now),
    note: row.note,
    firstName: row.pupilFirstName ?? '',
    lastName: row.pupilLastName ?? '',
    className: row.pupilClass ?? '',
  };
}

/**
 * The crisis visits of pupils without a trajectory at a location that started in a period (E7): open
 * ones first, then the latest. A visit whose retention cleared the name (P4) is not listed. The caller
 * has proven the actor may see the location's visits and audits the read (P2).
 */
export async function crisisVisitsAt(
  db: DbTransaction,
  locationId: string,
  period: { from: Date; until: Date; now: Date },
): Promise<CrisisVisit[]> {
  const rows = await db
    .select()
    .from(attendanceVisits)
    .where(
      and(
        eq(attendanceVisits.locationId, locationId),
        isNull(attendanceVisits.trajectoryId),
        isNotNull(attendanceVisits.pupilLastName),
        gte(attendanceVisits.checkedInAt, period.from),
        lt(attendanceVisits.checkedInAt, period.until),
      ),
    )
    .orderBy(
      sql`${attendanceVisits.checkedOutAt} is not null`,
      desc(attendanceVisits.checkedInAt),
      asc(attendanceVisits.id),
    )
    .limit(200);
  return rows.map((row) => crisisVisitView(row, period.now));
}
