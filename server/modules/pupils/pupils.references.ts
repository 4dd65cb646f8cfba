import { and, eq, inArray } from 'drizzle-orm';
import { type Action, canAccess } from '../../platform/access/policies.ts';
import { defineReferenceKinds, ownIds } from '../../platform/access/references.ts';
import { currentMentorOf } from './pupil-scope.ts';
import { pupils } from './pupils.schema.ts';

/** The ids of register pupils a client sends (a request's or signal's pupil, a merge's duplicate). */
export const pupilsReferences = defineReferenceKinds({
  pupil: async ({ db }, actor, { action, locationId }, ids) => {
    const rows = await db
      .select({
        id: pupils.id,
        tenantId: pupils.tenantId,
        locationId: pupils.locationId,
        mentorUserId: currentMentorOf,
      })
      .from(pupils)
      .where(and(inArray(pupils.id, ids), locationId ? eq(pupils.locationId, locationId) : undefined));
    return ownIds(actor, rows, (row) =>
      canAccess(actor, action, {
        tenantId: row.tenantId,
        locationId: row.locationId,
        userId: row.mentorUserId,
      }),
    );
  },
});

declare module '../../platform/access/references.ts' {
  interface ReferenceRegistry {
    /** A pupil of the register the actor may use for `action`; with `locationId`, only of that school. */
    pupil: { action: Action; locationId?: string };
  }
}
