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
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

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
  })
  .superRefine((value, context) => {
    if (isLocationScopedRole(value.role) && !value.locationId) {
      context.addIssue({ code: 'custom', path: ['locationId'], message: 'location_required' });
    }
    if (!isLocationScopedRole(value.role) && value.locationId) {
      context.addIssue({ code: 'custom', path: ['locationId'], message: 'location_not_allowed' });
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
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
