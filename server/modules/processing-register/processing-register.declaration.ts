import type { RetentionKind } from '../../../contracts/retention.ts';
import type { Action } from '../../platform/access/policies.ts';

/**
 * The declaration behind the processing register (verwerkingsregister, AVG art. 30; issue 15, point 5):
 * per kind of data Passend processes, its purpose, legal basis and categories of people — the parts the
 * code cannot know — and what ties it to the code: the tables it is stored in, the actions that read it
 * and the retention kind that deletes it. Who can see it and how long it is kept are computed from the
 * policy table and the partnership's retention schedule (`processing-register.rules.ts`), and a test fails
 * when a table, a pupil-data action or a retention kind belongs to no entry, so the register cannot drift.
 *
 * The texts (purpose, basis, categories) are in the module's catalogues under `processingRegister.*`.
 */

/** AVG art. 6 lid 1: the lawful bases Passend relies on. */
export const legalBases = ['consent', 'legal_obligation', 'public_task'] as const;
export type LegalBasis = (typeof legalBases)[number];

/** AVG art. 9: the exception that allows special-category data (health, behaviour; P1). */
export const specialCategoryBases = ['explicit_consent', 'school_care'] as const;
export type SpecialCategoryBasis = (typeof specialCategoryBases)[number];

/** The Dutch laws an entry rests on, beside the AVG. */
export const laws = ['passend_onderwijs', 'wpo', 'wvo', 'opp_consent', 'avg_accountability'] as const;
export type Law = (typeof laws)[number];

/** The people whose data it is. */
export const personCategories = ['pupils', 'parents', 'staff'] as const;
export type PersonCategory = (typeof personCategories)[number];

/**
 * How long data without an entry in the retention schedule is kept: a declared text, true of what
 * Passend does today (nothing deletes it by itself yet, or it follows the account).
 */
export const fixedRetentions = ['while_account', 'while_in_use', 'until_released', 'one_year'] as const;
export type FixedRetention = (typeof fixedRetentions)[number];

export type RegisterEntryDeclaration = {
  /** The key of its texts: `processingRegister.entries.<id>.{name,purpose,data}`. */
  id: string;
  categories: readonly PersonCategory[];
  bases: readonly LegalBasis[];
  /** Null: no special-category data. */
  specialCategory: SpecialCategoryBasis | null;
  laws: readonly Law[];
  /** Whether R8/R9 ask for the consent of the parents (and the pupil from 12) before the work starts. */
  consentRequired: boolean;
  /** The tables of `server/db/schema.ts` it is stored in. */
  tables: readonly string[];
  /** The actions that read it: who can see it is computed from their policy rows. */
  readActions: readonly Action[];
  /** The retention kinds of the schedule that delete it; else the declared text. */
  retention: readonly RetentionKind[] | FixedRetention;
};

export const registerDeclaration: readonly RegisterEntryDeclaration[] = [
  {
    id: 'request_file',
    categories: ['pupils', 'parents', 'staff'],
    bases: ['public_task'],
    specialCategory: 'explicit_consent',
    laws: ['passend_onderwijs', 'wpo'],
    consentRequired: true,
    tables: [
      'support_requests',
      'support_request_tags',
      'request_people',
      'request_messages',
      'request_attachments',
      'request_events',
    ],
    readActions: [
      'requests.read',
      'requests.read_pupil',
      'requests.read_case_file',
      'requests.read_team_notes',
    ],
    retention: ['request_file', 'draft'],
  },
  {
    id: 'pupil_register',
    categories: ['pupils', 'parents', 'staff'],
    bases: ['public_task'],
    specialCategory: null,
    laws: ['passend_onderwijs', 'wpo', 'wvo'],
    consentRequired: false,
    tables: ['pupils', 'pupil_enrolments', 'pupil_parents'],
    readActions: ['pupils.read'],
    retention: ['request_file', 'trajectory'],
  },
  {
    id: 'consent',
    categories: ['pupils', 'parents', 'staff'],
    bases: ['consent', 'legal_obligation'],
    specialCategory: null,
    laws: ['avg_accountability'],
    consentRequired: true,
    tables: ['consent_records'],
    readActions: ['requests.read', 'requests.manage_consent'],
    retention: ['request_file'],
  },
  {
    id: 'trajectory',
    categories: ['pupils', 'parents', 'staff'],
    bases: ['public_task', 'legal_obligation'],
    specialCategory: 'school_care',
    laws: ['passend_onderwijs', 'wvo', 'opp_consent'],
    consentRequired: false,
    tables: [
      'trajectories',
      'opp_versions',
      'opp_evaluations',
      'opp_consents',
      'opp_pupil_views',
      'trajectory_reminders',
    ],
    readActions: ['trajectories.read', 'trajectories.own_signals', 'opp.manage', 'opp.bron_export'],
    retention: ['trajectory'],
  },
  {
    id: 'attendance_homework',
    categories: ['pupils', 'staff'],
    bases: ['public_task'],
    specialCategory: 'school_care',
    laws: ['passend_onderwijs', 'wvo'],
    consentRequired: false,
    // Also crisis care without a trajectory (E7): the pupil's name and class on the visit, until it
    // becomes a signal (then it is part of the trajectory) or its own period ends (P4).
    tables: ['attendance_expectations', 'attendance_visits', 'homework_items', 'homework_sessions'],
    readActions: ['attendance.manage', 'homework.manage', 'trajectories.read'],
    retention: ['trajectory', 'crisis_visit'],
  },
  {
    id: 'contacts_referrals',
    categories: ['pupils', 'parents', 'staff'],
    bases: ['public_task'],
    specialCategory: 'school_care',
    laws: ['passend_onderwijs', 'wvo'],
    consentRequired: false,
    tables: ['trajectory_contacts', 'zat_referrals'],
    readActions: ['trajectory_contacts.manage', 'referrals.manage', 'expertise_point.overview'],
    retention: ['trajectory'],
  },
  {
    id: 'teacher_support',
    categories: ['staff'],
    bases: ['public_task'],
    specialCategory: null,
    laws: ['passend_onderwijs', 'wvo'],
    consentRequired: false,
    tables: ['teacher_support_activities'],
    readActions: ['teacher_support.read'],
    retention: 'while_in_use',
  },
  {
    id: 'meetings',
    categories: ['staff', 'pupils'],
    bases: ['public_task'],
    specialCategory: 'school_care',
    laws: ['passend_onderwijs', 'wpo'],
    consentRequired: false,
    tables: [
      'meetings',
      'meeting_participants',
      'meeting_action_items',
      'meeting_reminders',
      'meeting_settings',
      'meeting_wanted_tags',
      'calendar_feeds',
    ],
    readActions: ['meetings.read', 'meetings.read_minutes'],
    retention: 'while_in_use',
  },
  {
    id: 'hours_allocation',
    categories: ['staff'],
    bases: ['public_task', 'legal_obligation'],
    specialCategory: null,
    laws: ['passend_onderwijs'],
    consentRequired: false,
    tables: [
      'time_entries',
      'closed_periods',
      'allocations',
      'allocation_lines',
      'budget_warnings',
      'team_member_hours',
    ],
    readActions: ['time.register', 'budgets.read', 'budgets.read_members', 'allocations.manage'],
    retention: 'while_in_use',
  },
  {
    id: 'staff_accounts',
    categories: ['staff'],
    bases: ['public_task', 'legal_obligation'],
    specialCategory: null,
    laws: ['avg_accountability'],
    consentRequired: false,
    tables: [
      'users',
      'role_assignments',
      'recovery_codes',
      'sessions',
      'team_members',
      'team_member_tags',
      'team_member_absences',
      'school_team_assignments',
    ],
    readActions: ['users.read', 'team.read', 'pairs.read'],
    retention: 'while_account',
  },
  {
    id: 'audit_trail',
    categories: ['staff', 'parents', 'pupils'],
    bases: ['legal_obligation'],
    specialCategory: null,
    laws: ['avg_accountability'],
    consentRequired: false,
    tables: ['audit_events'],
    readActions: ['audit.search'],
    retention: ['audit_event'],
  },
  {
    id: 'mail_and_links',
    categories: ['parents', 'pupils', 'staff'],
    bases: ['public_task'],
    specialCategory: null,
    laws: ['passend_onderwijs'],
    consentRequired: false,
    tables: ['outbox_mails', 'consent_links', 'opp_parent_links', 'user_tokens'],
    readActions: ['outbox.read'],
    retention: ['mail_and_link'],
  },
  {
    id: 'legal_holds',
    categories: ['pupils'],
    bases: ['legal_obligation'],
    specialCategory: null,
    laws: ['avg_accountability'],
    consentRequired: false,
    tables: ['legal_holds'],
    readActions: ['retention.hold'],
    retention: 'until_released',
  },
  {
    id: 'subject_requests',
    categories: ['pupils', 'parents'],
    bases: ['legal_obligation'],
    specialCategory: null,
    laws: ['avg_accountability'],
    consentRequired: false,
    tables: ['subject_requests'],
    readActions: ['subject_requests.read', 'subject_requests.manage', 'subject_requests.export'],
    retention: 'while_in_use',
  },
  {
    id: 'notifications',
    categories: ['staff'],
    bases: ['public_task'],
    specialCategory: null,
    laws: ['passend_onderwijs'],
    consentRequired: false,
    tables: ['notifications'],
    readActions: ['notifications.read'],
    retention: 'one_year',
  },
];

/** Why a table holds no personal data. */
export const nonPersonalReasons = ['organisation', 'anonymous_figures', 'technical'] as const;
export type NonPersonalReason = (typeof nonPersonalReasons)[number];

/**
 * Tables that hold no personal data, with the reason: the organisation (schools, boards, counts,
 * expertise points, the partnership itself and its settings and retention schedule), anonymous figures
 * (also the deletion log: kind, count, day — never what), and technical rows.
 */
export const tablesWithoutPersonalData: Readonly<Record<string, NonPersonalReason>> = {
  tenants: 'organisation',
  partnership_settings: 'organisation',
  school_boards: 'organisation',
  locations: 'organisation',
  pupil_counts: 'anonymous_figures',
  historical_request_counts: 'anonymous_figures',
  expertise_points: 'organisation',
  expertise_tags: 'organisation',
  retention_periods: 'organisation',
  deletion_log: 'anonymous_figures',
  request_figures: 'anonymous_figures',
  trajectory_figures: 'anonymous_figures',
  // The last request number per school year; the outcome of a create, so a retry does not repeat it.
  // The staff office's own texts of the annual report: about the partnership's year, not about a person.
  annual_report_texts: 'organisation',
  request_counters: 'technical',
  idempotency_keys: 'technical',
};
