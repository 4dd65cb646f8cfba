import { z } from 'zod';

/**
 * Every error the API returns has this shape. `code` is stable and maps to a message key in the
 * web catalogue (`errors.<code>`); `message` is the same text in the request's language, for API users.
 */
export const fieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    fields: z.array(fieldErrorSchema).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Error codes the web app knows how to explain. */
export const errorCodes = [
  'validation_failed',
  'invalid_json',
  'body_too_large',
  'unsupported_media_type',
  'not_found',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'invalid_credentials',
  'invalid_code',
  'code_already_used',
  'invalid_token',
  'rate_limited',
  'conflict',
  'email_in_use',
  'password_too_weak',
  'not_secondary',
  'not_primary',
  'member_has_schools',
  'cannot_deactivate_self',
  'already_deactivated',
  'not_deactivated',
  'import_invalid',
  'transition_not_allowed',
  'consent_incomplete',
  'parents_not_informed',
  'not_contact_person',
  'not_assignee',
  'request_paused',
  'meeting_participant_not_allowed',
  'idempotency_key_reused',
  'not_team_member',
  'no_email',
  'consent_refused_final',
  'consent_not_given',
  'consent_not_refused',
  'consent_not_needed',
  'consent_link_expired',
  'consent_already_answered',
  'attachment_too_large',
  'attachment_type',
  'attachment_mismatch',
  'attachment_missing',
  'no_location',
  'allocation_adopted',
  'allocation_draft_exists',
  'opp_trajectory_not_open',
  'opp_draft_exists',
  'opp_not_draft',
  'opp_not_adopted',
  'opp_adoption_incomplete',
  'opp_consent_required',
  'opp_consent_refused',
  'opp_consent_not_yours',
  'opp_no_consent_asked',
  'opp_link_trajectory_ended',
  'opp_pupil_link_too_young',
  'opp_link_not_pupil',
  'opp_nothing_to_share',
  'mail_not_failed',
  'legal_hold_released',
  'subject_request_not_open',
  'subject_not_deletion',
  'subject_deletion_must_keep',
  'subject_export_only_access',
  'pupil_merge_same',
  'pupil_merge_other_school',
  'database_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];
