import { and, eq, sql } from 'drizzle-orm';
import { teamMemberRole } from '../../../contracts/roles.ts';
import type { TeamMemberSummary } from '../../../contracts/team.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { roleAssignments, users } from '../../platform/auth/auth.schema.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { teamMembers } from './team.schema.ts';

/** The role assignments that make a user one of the expertise team (R1): data, not access. */
export const isTeamMember = and(
  eq(roleAssignments.role, teamMemberRole),
  sql`${roleAssignments.teamRole} is not null`,
);

/** The profile's status, also for a member without a profile row yet (created on the first edit). */
export const memberStatus = sql<TeamMemberSummary['status']>`coalesce(${teamMembers.status}, 'active')`;

export type TeamMemberRow = {
  userId: string;
  tenantId: string;
  status: TeamMemberSummary['status'];
  leftOn: string | null;
};

/**
 * A member of the expertise team as a route's target: a user outside the team is not found, and a
 * member exists for whoever may read the team there (the staff office, the member themselves).
 */
export const teamMemberTarget = defineTarget<TeamMemberRow>({
  readAction: 'team.read',
  load: ({ db }, id, { lock }) => selectTeamMember(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId, userId: row.userId }),
});

const selectTeamMember = rowById('expertise_team_member', (db, lock) => {
  const query = db
    .select({
      userId: users.id,
      tenantId: users.tenantId,
      status: memberStatus,
      leftOn: teamMembers.leftOn,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
    .where(and(isTeamMember, eq(users.id, idPlaceholder)));
  // The profile row may not exist yet: the user's row is what a change locks.
  return lock ? query.for('update', { of: users }) : query;
});
