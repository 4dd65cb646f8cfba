import { eq, inArray } from 'drizzle-orm';
import { teamMemberRole } from '../../../contracts/roles.ts';
import { defineReferenceKinds, ownIds, userIdsWithAssignment } from '../../platform/access/references.ts';
import { roleAssignments } from '../../platform/auth/auth.schema.ts';
import { expertiseTags } from './team.schema.ts';

/** The ids of expertise tags and team members a client sends. */
export const teamReferences = defineReferenceKinds({
  expertiseTag: async ({ db }, actor, _reference, ids) => {
    const rows = await db
      .select({ id: expertiseTags.id, tenantId: expertiseTags.tenantId })
      .from(expertiseTags)
      .where(inArray(expertiseTags.id, ids));
    return ownIds(actor, rows);
  },
  teamMember: (transaction, actor, _reference, ids) =>
    userIdsWithAssignment(transaction, actor, ids, eq(roleAssignments.role, teamMemberRole)),
});

declare module '../../platform/access/references.ts' {
  interface ReferenceRegistry {
    expertiseTag: Record<never, never>;
    /** A user with the team-member role (R1). */
    teamMember: Record<never, never>;
  }
}
