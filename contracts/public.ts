import { z } from 'zod';
import { retentionKindSchema, retentionUnits } from './retention.ts';
import { teamRoleSchema } from './roles.ts';

/** A partnership's slug as it appears in public addresses (/p/:slug/…). */
export const publicSlugSchema = z
  .string()
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export const publicSlugParamsSchema = z.strictObject({ slug: publicSlugSchema });
export const publicLocationParamsSchema = z.strictObject({ slug: publicSlugSchema, locationId: z.uuid() });

/**
 * One member on the public team page (R15). Name and team role always show; the rest only where the
 * member chose so (null when hidden). Never an e-mail address.
 */
export const publicTeamMemberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  teamRole: teamRoleSchema,
  expertise: z.array(z.string()).nullable(),
  schools: z.array(z.object({ name: z.string(), place: z.string() })).nullable(),
  photoDataUrl: z.string().nullable(),
});
export type PublicTeamMember = z.infer<typeof publicTeamMemberSchema>;

export const publicTeamSchema = z.object({
  partnershipName: z.string(),
  members: z.array(publicTeamMemberSchema),
});
export type PublicTeam = z.infer<typeof publicTeamSchema>;

export const publicExpertisePointSummarySchema = z.object({
  locationId: z.uuid(),
  name: z.string(),
  place: z.string(),
});

export const publicExpertisePointListSchema = z.object({
  partnershipName: z.string(),
  expertisePoints: z.array(publicExpertisePointSummarySchema),
});
export type PublicExpertisePointList = z.infer<typeof publicExpertisePointListSchema>;

/**
 * The base offer every expertise point makes (E7), in the order the seed names it, and the help with
 * planning and doing homework and assignments, with a check, that every point gives too (E4).
 */
export const baseOfferItems = [
  'daily_care',
  'individual_attention',
  'quiet_place',
  'behaviour_knowledge',
  'outside_help_with_zat',
  'short_lines_home',
  'coaching',
  'homework_help',
] as const;
/** What only some locations offer on top (E8). */
export const homeworkOfferItems = ['homework_planning', 'homework_support'] as const;
export const offerItemSchema = z.enum([...baseOfferItems, ...homeworkOfferItems]);
export type OfferItem = z.infer<typeof offerItemSchema>;

/**
 * What an expertise point offers at one location (E10): `offer` lists the base offer (E7) always and
 * the homework items (E8) only where the location offers them; the web app words each item.
 */
export const publicExpertisePointSchema = z.object({
  partnershipName: z.string(),
  locationId: z.uuid(),
  name: z.string(),
  place: z.string(),
  room: z.string(),
  openingHours: z.string(),
  offer: z.array(offerItemSchema),
  publicDescription: z.string(),
});
export type PublicExpertisePoint = z.infer<typeof publicExpertisePointSchema>;

/**
 * The address of a partnership's privacy statement (issue 15, point 6): the parents' version, or the
 * child's version for a pupil. Public and the same for everyone: it holds no personal data.
 */
export function privacyStatementPath(slug: string, audience: 'parent' | 'pupil'): string {
  return `/p/${slug}/privacy${audience === 'pupil' ? '/leerling' : ''}`;
}

/** What the privacy statement needs from the server: the partnership, its retention schedule, its privacy officer. */
export const publicPrivacyStatementSchema = z.object({
  partnershipName: z.string(),
  /** The periods of the partnership's retention schedule (P4), so the statement says what Passend does. */
  retention: z.array(
    z.object({ kind: retentionKindSchema, amount: z.number().int(), unit: z.enum(retentionUnits) }),
  ),
  /**
   * The privacy officer(s) of the partnership with their work address: the AVG (art. 37 lid 7) asks
   * that their contact details are published, so that parents and pupils can reach them directly.
   */
  privacyOfficers: z.array(z.object({ name: z.string(), email: z.string() })),
});
export type PublicPrivacyStatement = z.infer<typeof publicPrivacyStatementSchema>;

/** The address of the accessibility statement: one for the whole application, public, linked from every page's footer. */
export const accessibilityStatementPath = '/toegankelijkheid';

/** The day the accessibility statement was drawn up (or last reviewed): change it with the statement's text. */
export const accessibilityStatementDate = '2026-12-07';
