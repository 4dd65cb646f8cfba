import { and, eq, inArray } from 'drizzle-orm';
import { teacherRole } from '../../../contracts/roles.ts';
import { defineReferenceKinds, ownIds } from '../../platform/access/references.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { mayRead } from './requests.repository.ts';
import { requestPeople, supportRequests } from './requests.schema.ts';

/** The ids of support requests and of the people on one that a client sends. */
export const requestsReferences = defineReferenceKinds({
  request: async ({ db }, actor, _reference, ids) => {
    const rows = await db.select().from(supportRequests).where(inArray(supportRequests.id, ids));
    return ownIds(actor, rows, (row) => mayRead(actor, row));
  },
  requestPerson: async ({ db }, actor, { requestId }, ids) => {
    const rows = await db
      .select({ id: requestPeople.id, tenantId: requestPeople.tenantId })
      .from(requestPeople)
      .where(and(inArray(requestPeople.id, ids), eq(requestPeople.requestId, requestId)));
    return ownIds(actor, rows);
  },
  // Y3: who can be the teacher on a request is data: an active user holding the teacher role at its
  // school (the school itself was proven visible to the actor first).
  schoolTeacher: async ({ db }, actor, { locationId }, ids) => {
    const rows = await db
      .selectDistinct({ id: users.id, tenantId: users.tenantId })
      .from(users)
      .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
      .where(
        and(
          inArray(users.id, ids),
          eq(users.status, 'active'),
          eq(roleAssignments.role, teacherRole),
          eq(roleAssignments.locationId, locationId),
        ),
      );
    return ownIds(actor, rows);
  },
});

declare module '../../platform/access/references.ts' {
  interface ReferenceRegistry {
    /** A support request the actor may read (drafts only at their own school). */
    request: Record<never, never>;
    /** The pupil or a parent of one request (the request itself was loaded through the policy). */
    requestPerson: { requestId: string };
    /** An active teacher of one school: the teacher on a request there (Y3). */
    schoolTeacher: { locationId: string };
  }
}
