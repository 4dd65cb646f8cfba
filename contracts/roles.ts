import { z } from 'zod';

/** Every role a user can hold in a partnership (domain.md, "Actors"). */
export const roles = [
  'coordinator',
  'team_member',
  'internal_coordinator',
  'director',
  'teacher',
  'care_coordinator',
  'team_leader',
  'mentor',
  'vso_teacher',
  'functional_admin',
  'privacy_officer',
  'board',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/*
 * Roles as data. Policy rows grant by role name; wherever else the server picks people or data by the
 * role they hold (who gets a mail, who can be chosen, whose side a message is on — never an access
 * check), it names the role by one of these constants, so that role names in server/modules appear only
 * in policy rows (*.policy.ts) and demo data.
 */
/** The staff office (stafbureau) of the partnership. */
export const coordinatorRole = 'coordinator' satisfies Role;
/** A member of the expertise team (R1, R5). */
export const teamMemberRole = 'team_member' satisfies Role;
/** The internal coordinator (IB) of a school location, who takes part in its annual talk (R11). */
export const internalCoordinatorRole = 'internal_coordinator' satisfies Role;
/** The director of a school location. */
export const directorRole = 'director' satisfies Role;
/** A teacher at a school location. */
export const teacherRole = 'teacher' satisfies Role;
/** The care coordinator (zorgcoördinator) of a secondary location. */
export const careCoordinatorRole = 'care_coordinator' satisfies Role;
/** A team leader of a secondary location. */
export const teamLeaderRole = 'team_leader' satisfies Role;
/** A mentor at a location: the mentors there are its pupils' mentors (E9). */
export const mentorRole = 'mentor' satisfies Role;
/** A VSO teacher, who staffs the expertise point of their location (E1). */
export const vsoTeacherRole = 'vso_teacher' satisfies Role;
/** The functional admin, who manages the partnership's accounts; a partnership keeps at least one. */
export const functionalAdminRole = 'functional_admin' satisfies Role;

/** The privacy officer (functionaris gegevensbescherming): the audit trail, never a file's content. */
export const privacyOfficerRole = 'privacy_officer' satisfies Role;

/** A school board (schoolbestuur): read-only figures of its own schools, P9 applied. */
export const boardRole = 'board' satisfies Role;

/** The two roles inside the expertise team (R1, R5). */
export const teamRoles = ['behavioural_scientist', 'inclusion_adviser'] as const;
export const teamRoleSchema = z.enum(teamRoles);
export type TeamRole = z.infer<typeof teamRoleSchema>;

/** Roles that only make sense at one school location. */
export const locationScopedRoles: readonly Role[] = [
  'internal_coordinator',
  'director',
  'teacher',
  'care_coordinator',
  'team_leader',
  'mentor',
  'vso_teacher',
];

/** Whether a role assignment must name a school location. */
export function isLocationScopedRole(role: Role): boolean {
  return locationScopedRoles.includes(role);
}

export const roleAssignmentInputSchema = z
  .strictObject({
    role: roleSchema,
    teamRole: teamRoleSchema.nullable().default(null),
    locationId: z.uuid().nullable().default(null),
    boardId: z.uuid().nullable().default(null),
  })
  .superRefine((value, context) => {
    if (isLocationScopedRole(value.role) && !value.locationId) {
      context.addIssue({ code: 'custom', path: ['locationId'], message: 'location_required' });
    }
    if (!isLocationScopedRole(value.role) && value.locationId) {
      context.addIssue({ code: 'custom', path: ['locationId'], message: 'location_not_allowed' });
    }
    if (value.role === boardRole && !value.boardId) {
      context.addIssue({ code: 'custom', path: ['boardId'], message: 'board_required' });
    }
    if (value.role !== boardRole && value.boardId) {
      context.addIssue({ code: 'custom', path: ['boardId'], message: 'board_not_allowed' });
    }
    if (value.role === 'team_member' && !value.teamRole) {
      context.addIssue({ code: 'custom', path: ['teamRole'], message: 'team_role_required' });
    }
    if (value.role !== 'team_member' && value.teamRole) {
      context.addIssue({ code: 'custom', path: ['teamRole'], message: 'team_role_not_allowed' });
    }
  });
export type RoleAssignmentInput = z.infer<typeof roleAssignmentInputSchema>;

export const roleAssignmentSchema = z.object({
  role: roleSchema,
  teamRole: teamRoleSchema.nullable(),
  locationId: z.uuid().nullable(),
  locationName: z.string().nullable(),
  boardId: z.uuid().nullable(),
  boardName: z.string().nullable(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
