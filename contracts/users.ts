import { z } from 'zod';
import { emailSchema, pageSchema, personNameSchema } from './fields.ts';
import { roleAssignmentInputSchema, roleAssignmentSchema } from './roles.ts';

export const userStatusSchema = z.enum(['invited', 'active', 'disabled']);

export const userSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  status: userStatusSchema,
  mfaEnrolled: z.boolean(),
  roles: z.array(roleAssignmentSchema),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
export const userPageSchema = pageSchema(userSummarySchema);

export const inviteUserInputSchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  roles: z.array(roleAssignmentInputSchema).min(1).max(10),
});
export type InviteUserInput = z.infer<typeof inviteUserInputSchema>;

/** The functional admin replaces all role assignments of a user at once (issue 3, item 5). */
export const updateUserRolesInputSchema = z.strictObject({
  roles: z.array(roleAssignmentInputSchema).min(1).max(10),
});
export type UpdateUserRolesInput = z.infer<typeof updateUserRolesInputSchema>;
