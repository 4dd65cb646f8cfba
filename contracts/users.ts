import { z } from 'zod';
import { emailSchema, pageSchema, paginationQuerySchema, personNameSchema } from './fields.ts';
import { roleAssignmentInputSchema, roleAssignmentSchema } from './roles.ts';

export const userStatusSchema = z.enum(['invited', 'active', 'disabled']);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const userSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  status: userStatusSchema,
  mfaEnrolled: z.boolean(),
  /** When the account was ended (status `disabled`, P7); null otherwise. */
  deactivatedAt: z.string().nullable(),
  roles: z.array(roleAssignmentSchema),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
export const userPageSchema = pageSchema(userSummarySchema);
export type UserPage = z.infer<typeof userPageSchema>;

/**
 * The orders the user list can be sorted in: a column, descending with a leading `-`; by name when
 * absent. The server settles equal values on the user's id, so paging never repeats a user.
 */
export const userSortKeys = ['name', 'email', 'status'] as const;
export type UserSortKey = (typeof userSortKeys)[number];
export const userSortSchema = z.enum([
  'name',
  '-name',
  'email',
  '-email',
  'status',
  '-status',
] satisfies Array<UserSortKey | `-${UserSortKey}`>);
export type UserSort = z.infer<typeof userSortSchema>;

/** The user list: search, paging, a filter on the account's status and a sort. */
export const userListQuerySchema = paginationQuerySchema.extend({
  status: userStatusSchema.optional(),
  sort: userSortSchema.default('name'),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** Why an account is ended (P7): a code, so the audit trail holds no free text about a person. */
export const deactivationReasons = ['left', 'absence', 'security', 'other'] as const;
export const deactivationReasonSchema = z.enum(deactivationReasons);
export type DeactivationReason = z.infer<typeof deactivationReasonSchema>;

/** Ending an account (P7); the reason is optional. */
export const deactivateUserInputSchema = z.strictObject({ reason: deactivationReasonSchema.optional() });
export type DeactivateUserInput = z.infer<typeof deactivateUserInputSchema>;

/** The account's status after ending or reactivating it. */
export const accountStatusSchema = z.object({ userId: z.uuid(), status: userStatusSchema });
export type AccountStatus = z.infer<typeof accountStatusSchema>;

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
