import { z } from 'zod';
import { actionSchema } from './actions.ts';
import {
  emailSchema,
  localeSchema,
  newPasswordSchema,
  passwordInputSchema,
  recoveryCodeSchema,
  tokenSchema,
  totpCodeSchema,
} from './fields.ts';
import { roleAssignmentSchema } from './roles.ts';

/** The two halves of the partnership: primary (the expertise team, R5) and secondary (expertise points, E1). */
export const sectorGroups = ['primary', 'secondary'] as const;
export const sectorGroupSchema = z.enum(sectorGroups);
export type SectorGroup = z.infer<typeof sectorGroupSchema>;

/** Kinds of work a module tells the session whether the user has any of (a menu item may depend on it). */
export const workKinds = ['requests'] as const;
export const workKindSchema = z.enum(workKinds);
export type WorkKind = z.infer<typeof workKindSchema>;

/**
 * Where a signed-in user works: the sectors their role assignments reach (at a location: its sector;
 * the expertise team: primary; the staff office, functional admin and privacy officer: every sector the
 * partnership has a location in), and the kinds of work they have any of.
 */
export const reachSchema = z.object({
  sectors: z.array(sectorGroupSchema),
  has: z.array(workKindSchema),
});
export type Reach = z.infer<typeof reachSchema>;

/**
 * Where a browser stands in the sign-in flow. `mfa_enrol`: password accepted, TOTP must be set up
 * first; `mfa_challenge`: password accepted, TOTP code needed; `signed_in`: full session.
 */
export const sessionStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('anonymous'), demo: z.boolean() }),
  z.object({
    state: z.enum(['mfa_enrol', 'mfa_challenge']),
    demo: z.boolean(),
    user: z.object({ name: z.string() }),
  }),
  z.object({
    state: z.literal('signed_in'),
    demo: z.boolean(),
    user: z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      locale: localeSchema,
      roles: z.array(roleAssignmentSchema),
      recoveryCodesLeft: z.number().int(),
    }),
    tenant: z.object({ id: z.uuid(), name: z.string() }),
    /** Actions from the policy table this user may perform somewhere; drives the navigation. */
    permissions: z.array(actionSchema),
    /** Where the user works; the navigation leaves out what serves no one of theirs. */
    reach: reachSchema,
    /** Whether mail is kept in the app, text and all, instead of sent (embedded mode without SMTP_URL). */
    outboxEnabled: z.boolean(),
  }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signInInputSchema = z.strictObject({ email: emailSchema, password: passwordInputSchema });
export const totpInputSchema = z.strictObject({ code: totpCodeSchema });
export const recoveryInputSchema = z.strictObject({ recoveryCode: recoveryCodeSchema });

export const mfaEnrolmentSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string(),
});
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const forgotPasswordInputSchema = z.strictObject({ email: emailSchema });
export const resetPasswordInputSchema = z.strictObject({ token: tokenSchema, password: newPasswordSchema });

export const invitationInspectInputSchema = z.strictObject({ token: tokenSchema });
export const invitationSchema = z.object({ name: z.string(), email: z.string(), tenantName: z.string() });
export const acceptInvitationInputSchema = z.strictObject({
  token: tokenSchema,
  password: newPasswordSchema,
});

export const changePasswordInputSchema = z.strictObject({
  currentPassword: passwordInputSchema,
  newPassword: newPasswordSchema,
});
export const resetMfaInputSchema = z.strictObject({ password: passwordInputSchema });
export const updateAccountInputSchema = z.strictObject({ locale: localeSchema });
