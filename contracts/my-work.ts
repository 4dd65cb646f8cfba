import { z } from 'zod';

/**
 * The kinds of to-do on "Mijn werk", each contributed by one module. The web app's `home` catalogue has
 * a text for each (`myWork.kind.<kind>`, with the count).
 */
export const myWorkKinds = [
  'requests_to_assign',
  'requests_to_start',
  'requests_drafts',
  'requests_consent_waiting',
  'requests_consent_expired',
  'requests_consent_refused',
  'requests_parents_informed',
  'requests_as_teacher',
  'meetings_annual_talk_to_plan',
  'meetings_sot_to_plan',
  'meetings_to_record',
  'action_items_due',
  'signals_to_decide',
  'signals_to_discuss',
  'opp_to_adopt',
  'opp_adoption_overdue',
  'opp_evaluations_due',
  'budgets_at_80',
  'budgets_at_100',
  'subject_requests_received',
  'subject_requests_overdue',
  'mail_failed',
  'invitations_open',
] as const;
export const myWorkKindSchema = z.enum(myWorkKinds);
export type MyWorkKind = z.infer<typeof myWorkKindSchema>;

export const myWorkItemSchema = z.object({
  kind: myWorkKindSchema,
  count: z.number().int().min(1),
  /** A path in the web app, with the target list's filters in its query string. */
  to: z.string(),
  severity: z.enum(['info', 'warning']),
});
export type MyWorkItem = z.infer<typeof myWorkItemSchema>;

/** What needs the signed-in person now: counts and links only, no personal data. */
export const myWorkSchema = z.object({
  items: z.array(myWorkItemSchema),
  /** Only when it matters: three or fewer recovery codes left (0: none). */
  recoveryCodesLeft: z.number().int().min(0).optional(),
});
export type MyWork = z.infer<typeof myWorkSchema>;
