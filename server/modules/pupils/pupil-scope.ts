import { eq, sql } from 'drizzle-orm';
import type { DbTransaction } from '../../db/client.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { pupils } from './pupils.schema.ts';

/** A register row with the mentor of its latest school year (the mentor sees their own pupils, P1). */
export type PupilRow = typeof pupils.$inferSelect & { mentorUserId: string | null };

/** The mentor of a pupil's latest school year in the register, as SQL on `pupils`. */
// Written out with the tables' names: Drizzle leaves a column of a one-table query unqualified, and
// inside the subquery "id" would name the enrolment's own.
export const currentMentorOf = sql<string | null>`(select e.mentor_user_id from pupil_enrolments e
  where e.pupil_id = "pupils"."id" order by e.school_year desc limit 1)`;

/** A pupil as a route's target: it exists for whoever may read the location's register (Y1, P1). */
export const pupilTarget = defineTarget<PupilRow>({
  readAction: 'pupils.read',
  load: ({ db }, id, { lock }) => selectPupil(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, locationId: row.locationId, userId: row.mentorUserId }),
});

async function selectPupil(db: DbTransaction, id: string, lock: boolean): Promise<PupilRow | undefined> {
  const query = db
    .select({
      id: pupils.id,
      tenantId: pupils.tenantId,
      locationId: pupils.locationId,
      name: pupils.name,
      birthDate: pupils.birthDate,
      createdAt: pupils.createdAt,
      updatedAt: pupils.updatedAt,
      mentorUserId: currentMentorOf,
    })
    .from(pupils)
    .where(eq(pupils.id, id));
  const [row] = await (lock ? query.for('update', { of: pupils }) : query);
  return row;
}

/** The columns of `pupils` the policy filters a list on. */
export const pupilColumns = { locationId: pupils.locationId, userId: currentMentorOf };
