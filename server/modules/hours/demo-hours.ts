import { sql } from 'drizzle-orm';
import { timeActivities } from '../../../contracts/hours.ts';
import { addDays, schoolYearBounds, schoolYearOf } from '../../../contracts/school-year.ts';
import { queryRows, type Transaction } from '../../db/client.ts';
import { type Clock, systemClock } from '../../platform/kernel/clock.ts';
import { thresholdsReached } from './budget.rules.ts';
import { timeEntries } from './hours.schema.ts';
import { insertAllocationVersion } from './hours.service.ts';

// How far each primary school is through its hours in the demo, in the order of the schools' names
// (OBS De Regenboog first): one school past 80 % so the warning shows, the rest on track.
const usedShares = [0.3, 0.84, 0.45, 0.25, 0.55, 0.15, 0.4, 0.6, 0.2, 0.35];
const chunkHours = 2.5;

/**
 * The demo's hours: this school year's allocation adopted by the staff office, and the pairs' time
 * entries from the third week of the school year until last week, so the budget screens have a story.
 * "Today" comes from `clock`: the app's clock (`services.kernel.clock`), the wall clock by default.
 */
export async function seedDemoHours(
  transaction: Transaction,
  tenantId: string,
  clock: Clock = systemClock,
): Promise<void> {
  const today = clock.today();
  const schoolYear = schoolYearOf(today);
  const [staff] = await queryRows<{ id: string }>(
    transaction.db,
    sql`select user_id as id from role_assignments where role = 'coordinator' order by created_at limit 1`,
  );
  if (!staff) return;
  // Requests of the three years before Passend, as the staff office enters them from its old records.
  await transaction.db.execute(
    sql`insert into historical_request_counts (tenant_id, location_id, school_year, count)
      select ${tenantId}::uuid, l.id, y.year, 2 + (abs(hashtext(l.name || y.year::text)) % 9)
      from locations l cross join (values (${schoolYear - 3}::int), (${schoolYear - 2}::int), (${schoolYear - 1}::int)) as y(year)
      where l.sector in ('bo', 'sbo', 'so')`,
  );
  const allocation = await insertAllocationVersion(transaction, {
    input: {
      schoolYear,
      totalHours: 1200,
      setAsideHours: 0,
      pupilWeightPercent: 70,
      referenceYears: 3,
      minimumHours: 20,
      roundingUnit: 1,
    },
    version: 1,
    userId: staff.id,
    adoptedAt: clock.now(),
  });
  const schools = await queryRows<{ id: string; hours: string | number; members: string[] }>(
    transaction.db,
    sql`select l.location_id as id, l.hours,
        array(select s.user_id::text from school_team_assignments s where s.location_id = l.location_id
          order by s.team_role) as members
      from allocation_lines l join locations on locations.id = l.location_id
      where l.allocation_id = ${allocation.id} and l.pupils > 0
      order by locations.name <> 'OBS De Regenboog', locations.name`,
  );
  const days = weekdays(addDays(schoolYearBounds(schoolYear).start, 14), addDays(today, -7));
  if (days.length === 0) return;
  const entries: Array<typeof timeEntries.$inferInsert> = [];
  for (const [index, school] of schools.entries()) {
    const allocated = Number(school.hours);
    const share = usedShares[index % usedShares.length] ?? 0.3;
    const used = Math.round(allocated * share * 4) / 4;
    let left = used;
    for (let chunk = 0; left > 0 && school.members.length > 0; chunk += 1) {
      const hours = Math.min(chunkHours, left);
      left -= hours;
      const userId = school.members[chunk % school.members.length] as string;
      entries.push({
        tenantId,
        userId,
        locationId: school.id,
        entryDate: days[(index * 3 + chunk * 7) % days.length] as string,
        hours: String(hours),
        activity: timeActivities[(index + chunk) % timeActivities.length] ?? 'consultation',
        note: null,
        createdByUserId: userId,
      });
    }
    for (const threshold of thresholdsReached(allocated, used))
      await transaction.db.execute(
        sql`insert into budget_warnings (tenant_id, location_id, school_year, threshold)
            values (${tenantId}::uuid, ${school.id}::uuid, ${schoolYear}, ${threshold})`,
      );
  }
  if (entries.length > 0) await transaction.db.insert(timeEntries).values(entries);
}

/** Monday to Friday between two dates (inclusive). */
function weekdays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}
