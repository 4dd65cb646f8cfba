import { eq, inArray, or } from 'drizzle-orm';
import { coordinatorRole, teamMemberRole } from '../../../contracts/roles.ts';
import { type Action, canAccess } from '../../platform/access/policies.ts';
import { defineReferenceKinds, ownIds, userIdsWithAssignment } from '../../platform/access/references.ts';
import { roleAssignments } from '../../platform/auth/auth.schema.ts';
import { meetings } from './meetings.schema.ts';

/** Who can take part in a school's meeting: a team member, the staff office, or staff of that school. */
export function mayTakePartIn(locationId: string) {
  return or(
    inArray(roleAssignments.role, [teamMemberRole, coordinatorRole]),
    eq(roleAssignments.locationId, locationId),
  );
}

/** The ids of meetings and of the people taking part in them that a client sends. */
export const meetingsReferences = defineReferenceKinds({
  meetingParticipant: (transaction, actor, { locationId }, ids) =>
    userIdsWithAssignment(transaction, actor, ids, mayTakePartIn(locationId)),
  meeting: async ({ db }, actor, { action }, ids) => {
    const rows = await db
      .select({ id: meetings.id, tenantId: meetings.tenantId, locationId: meetings.locationId })
      .from(meetings)
      .where(inArray(meetings.id, ids));
    return ownIds(actor, rows, (row) => canAccess(actor, action, row));
  },
});

declare module '../../platform/access/references.ts' {
  interface ReferenceRegistry {
    /** Who can take part in a school's meeting: a team member, the staff office, or staff of that school. */
    meetingParticipant: { locationId: string };
    meeting: { action: Action };
  }
}
