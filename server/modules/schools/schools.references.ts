import { inArray } from 'drizzle-orm';
import { type Action, canAccess } from '../../platform/access/policies.ts';
import { defineReferenceKinds, ownIds } from '../../platform/access/references.ts';
import { locations, schoolBoards } from './schools.schema.ts';

/** The ids of locations and school boards a client sends: the partnership's own. */
export const schoolsReferences = defineReferenceKinds({
  location: async ({ db }, actor, { action }, ids) => {
    const rows = await db
      .select({ id: locations.id, tenantId: locations.tenantId })
      .from(locations)
      .where(inArray(locations.id, ids));
    return ownIds(
      actor,
      rows,
      (row) => !action || canAccess(actor, action, { tenantId: row.tenantId, locationId: row.id }),
    );
  },
  schoolBoard: async ({ db }, actor, _reference, ids) => {
    const rows = await db
      .select({ id: schoolBoards.id, tenantId: schoolBoards.tenantId })
      .from(schoolBoards)
      .where(inArray(schoolBoards.id, ids));
    return ownIds(actor, rows);
  },
});

declare module '../../platform/access/references.ts' {
  interface ReferenceRegistry {
    /** A location of the partnership (the public pages list them); `action` narrows them to where the actor may perform it. */
    location: { action?: Action };
    schoolBoard: Record<never, never>;
  }
}
