/**
 * The composition of Passend's domain modules: the one place that lists them all. The platform
 * (server/platform) imports no module; a module hands it its policy rows, audit events, reference kinds
 * and demo step here, and its routes and jobs are registered with the app below.
 *
 * To add a module: its `<module>.policy.ts` (and `.audit.ts`, `.references.ts`) augment the platform's
 * registries for the types, its entry in `serverModules` registers the rows (and its `i18n` folder's
 * messages), and `registerModuleRoutes` registers its routes.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Keys } from '../platform/auth/credentials.ts';
import { type ApiTag, apiTagged } from '../platform/http/openapi.ts';
import type { Jobs } from '../platform/jobs/jobs.ts';
import type { Kernel } from '../platform/kernel/kernel.ts';
import type { Mailer } from '../platform/mail/mailer.ts';
import { registerServerModules, type ServerModule } from '../platform/server-module.ts';
import { attendanceAuditEvents } from './attendance/attendance.audit.ts';
import { attendancePolicies } from './attendance/attendance.policy.ts';
import { attendanceRoutes } from './attendance/attendance.routes.ts';
import { crisisRoutes } from './attendance/crisis.routes.ts';
import { seedDemoAttendance } from './attendance/demo-attendance.ts';
import { homeworkRoutes } from './attendance/homework.routes.ts';
import { expertisePointsAuditEvents } from './expertise-points/expertise-points.audit.ts';
import { expertisePointsPolicies } from './expertise-points/expertise-points.policy.ts';
import { expertisePointsRoutes } from './expertise-points/expertise-points.routes.ts';
import { BudgetWarnings } from './hours/budget.service.ts';
import { seedDemoHours } from './hours/demo-hours.ts';
import { hoursAuditEvents } from './hours/hours.audit.ts';
import { hoursPolicies } from './hours/hours.policy.ts';
import { hoursRoutes } from './hours/hours.routes.ts';
import { TimeService } from './hours/time.service.ts';
import { CalendarService } from './meetings/calendar.service.ts';
import { seedDemoMeetings } from './meetings/demo-meetings.ts';
import { meetingsAuditEvents } from './meetings/meetings.audit.ts';
import { meetingsPolicies } from './meetings/meetings.policy.ts';
import { meetingsReferences } from './meetings/meetings.references.ts';
import { meetingsRoutes } from './meetings/meetings.routes.ts';
import { registerReminderJob } from './meetings/reminders.ts';
import { myWorkPolicies } from './my-work/my-work.policy.ts';
import { myWorkRoutes } from './my-work/my-work.routes.ts';
import { bronExportAuditEvents } from './opp/bron-export.audit.ts';
import { bronExportPolicies } from './opp/bron-export.policy.ts';
import { bronExportRoutes } from './opp/bron-export.routes.ts';
import { seedDemoOpp } from './opp/demo-opp.ts';
import { oppAuditEvents } from './opp/opp.audit.ts';
import { oppPolicies } from './opp/opp.policy.ts';
import { oppRoutes } from './opp/opp.routes.ts';
import { OppParentLinks } from './opp/opp.service.ts';
import { registerOppReminderJob } from './opp/opp-reminders.ts';
import { privacyAuditEvents } from './privacy/privacy.audit.ts';
import { privacyPolicies } from './privacy/privacy.policy.ts';
import { privacyRoutes } from './privacy/privacy.routes.ts';
import { processingRegisterPolicies } from './processing-register/processing-register.policy.ts';
import { processingRegisterRoutes } from './processing-register/processing-register.routes.ts';
import { publicPagesPolicies } from './public-pages/public-pages.policy.ts';
import { publicPagesRoutes } from './public-pages/public-pages.routes.ts';
import { seedDemoPupilRecords } from './pupil-records/demo-pupil-records.ts';
import { pupilRecordsAuditEvents } from './pupil-records/pupil-records.audit.ts';
import { pupilRecordsPolicies } from './pupil-records/pupil-records.policy.ts';
import { pupilRecordsRoutes } from './pupil-records/pupil-records.routes.ts';
import { pupilsAuditEvents } from './pupils/pupils.audit.ts';
import { pupilsPolicies } from './pupils/pupils.policy.ts';
import { pupilsReferences } from './pupils/pupils.references.ts';
import { pupilsRoutes } from './pupils/pupils.routes.ts';
import { capacityRoutes } from './reports/capacity.routes.ts';
import { reportsAuditEvents } from './reports/reports.audit.ts';
import { reportsPolicies } from './reports/reports.policy.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { ConsentService } from './requests/consent.service.ts';
import { seedDemoRequests } from './requests/demo-requests.ts';
import { requestsAuditEvents } from './requests/requests.audit.ts';
import { requestsPolicies } from './requests/requests.policy.ts';
import { requestsReferences } from './requests/requests.references.ts';
import { requestsRoutes } from './requests/requests.routes.ts';
import { RequestsService } from './requests/requests.service.ts';
import { requestsWork } from './requests/requests.work.ts';
import { RequestWorkflow } from './requests/workflow.ts';
import { retentionAuditEvents } from './retention/retention.audit.ts';
import { registerRetentionJob } from './retention/retention.job.ts';
import { retentionPolicies } from './retention/retention.policy.ts';
import { retentionRoutes } from './retention/retention.routes.ts';
import { importRoutes } from './schools/import/import.routes.ts';
import { locationsRoutes } from './schools/locations.routes.ts';
import { schoolsAuditEvents } from './schools/schools.audit.ts';
import { schoolsPolicies } from './schools/schools.policy.ts';
import { schoolsReferences } from './schools/schools.references.ts';
import { subjectAccessAuditEvents } from './subject-access/subject-access.audit.ts';
import { subjectAccessPolicies } from './subject-access/subject-access.policy.ts';
import { subjectAccessRoutes } from './subject-access/subject-access.routes.ts';
import { teamAuditEvents } from './team/team.audit.ts';
import { teamPolicies } from './team/team.policy.ts';
import { teamReferences } from './team/team.references.ts';
import { teamRoutes } from './team/team.routes.ts';
import { seedDemoTrajectories } from './trajectories/demo-trajectories.ts';
import { trajectoriesAuditEvents } from './trajectories/trajectories.audit.ts';
import { trajectoriesPolicies } from './trajectories/trajectories.policy.ts';
import { trajectoriesRoutes } from './trajectories/trajectories.routes.ts';
import { AccountsService, registerLeaverJob } from './users/accounts.service.ts';
import { usersAuditEvents } from './users/users.audit.ts';
import { usersPolicies } from './users/users.policy.ts';
import { usersRoutes } from './users/users.routes.ts';
import { UsersService } from './users/users.service.ts';

/**
 * Every domain module with what it hands the platform, in registration order: the order of the policy
 * table after the platform's own rows (so of the session's permissions and of the access matrix's
 * pupil-data list) and the order in which the demo seed runs the demo steps.
 */
export const serverModules: readonly ServerModule[] = [
  {
    name: 'users',
    messages: new URL('./users/i18n/', import.meta.url),
    policies: usersPolicies,
    auditEvents: usersAuditEvents,
  },
  {
    name: 'schools',
    messages: new URL('./schools/i18n/', import.meta.url),
    policies: schoolsPolicies,
    auditEvents: schoolsAuditEvents,
    references: schoolsReferences,
  },
  {
    name: 'team',
    messages: new URL('./team/i18n/', import.meta.url),
    policies: teamPolicies,
    auditEvents: teamAuditEvents,
    references: teamReferences,
  },
  { name: 'expertise-points', policies: expertisePointsPolicies, auditEvents: expertisePointsAuditEvents },
  {
    name: 'pupils',
    messages: new URL('./pupils/i18n/', import.meta.url),
    policies: pupilsPolicies,
    auditEvents: pupilsAuditEvents,
    references: pupilsReferences,
  },
  {
    name: 'requests',
    messages: new URL('./requests/i18n/', import.meta.url),
    policies: requestsPolicies,
    auditEvents: requestsAuditEvents,
    references: requestsReferences,
    demo: (transaction, { tenantId, clock }) => seedDemoRequests(transaction, tenantId, clock.today()),
    work: requestsWork,
  },
  {
    name: 'hours',
    messages: new URL('./hours/i18n/', import.meta.url),
    policies: hoursPolicies,
    auditEvents: hoursAuditEvents,
    // On the wall clock, as the demo hours always were.
    demo: (transaction, { tenantId, clock }) => seedDemoHours(transaction, tenantId, clock),
  },
  {
    name: 'meetings',
    messages: new URL('./meetings/i18n/', import.meta.url),
    policies: meetingsPolicies,
    auditEvents: meetingsAuditEvents,
    references: meetingsReferences,
    // On the wall clock, as the demo meetings always were.
    demo: (transaction, { tenantId, clock }) => seedDemoMeetings(transaction, tenantId, clock),
  },
  {
    name: 'trajectories',
    messages: new URL('./trajectories/i18n/', import.meta.url),
    policies: trajectoriesPolicies,
    auditEvents: trajectoriesAuditEvents,
    demo: (transaction, { tenantId, clock }) => seedDemoTrajectories(transaction, tenantId, clock),
  },
  {
    name: 'opp',
    messages: new URL('./opp/i18n/', import.meta.url),
    // The BRON export (E14) keeps its rows in files of its own: one module, one table each.
    policies: { ...oppPolicies, ...bronExportPolicies },
    auditEvents: { ...oppAuditEvents, ...bronExportAuditEvents },
    demo: (transaction, { tenantId, clock }) => seedDemoOpp(transaction, tenantId, clock),
  },
  {
    name: 'attendance',
    messages: new URL('./attendance/i18n/', import.meta.url),
    policies: attendancePolicies,
    auditEvents: attendanceAuditEvents,
    demo: (transaction, { tenantId, clock }) => seedDemoAttendance(transaction, tenantId, clock.now()),
  },
  {
    name: 'pupil-records',
    messages: new URL('./pupil-records/i18n/', import.meta.url),
    policies: pupilRecordsPolicies,
    auditEvents: pupilRecordsAuditEvents,
    demo: (transaction, { tenantId, clock }) => seedDemoPupilRecords(transaction, tenantId, clock),
  },
  { name: 'public-pages', policies: publicPagesPolicies },
  { name: 'privacy', policies: privacyPolicies, auditEvents: privacyAuditEvents },
  {
    name: 'retention',
    messages: new URL('./retention/i18n/', import.meta.url),
    policies: retentionPolicies,
    auditEvents: retentionAuditEvents,
  },
  {
    name: 'subject-access',
    messages: new URL('./subject-access/i18n/', import.meta.url),
    policies: subjectAccessPolicies,
    auditEvents: subjectAccessAuditEvents,
  },
  { name: 'my-work', policies: myWorkPolicies },
  {
    name: 'processing-register',
    messages: new URL('./processing-register/i18n/', import.meta.url),
    policies: processingRegisterPolicies,
  },
  {
    name: 'reports',
    messages: new URL('./reports/i18n/', import.meta.url),
    policies: reportsPolicies,
    auditEvents: reportsAuditEvents,
  },
];

let registered = false;

/**
 * Registers every module's tables with the platform, once per process: the app does it first thing,
 * and a test that needs the policy table, the audit catalogue or the messages without an app does too.
 */
export function registerModules(): void {
  if (registered) return;
  registerServerModules(serverModules);
  registered = true;
}

/** What the modules' routes and jobs are built from: the app's platform services. */
export type ModuleDependencies = {
  config: Config;
  keys: Keys;
  jobs: Jobs;
  mailer: Mailer;
  kernel: Kernel;
  /** The sign-in side of the auth service: invitations and the address check. */
  auth: ConstructorParameters<typeof UsersService>[0] & ConstructorParameters<typeof AccountsService>[0];
  /** Which partnership a public page's slug names. */
  partnershipOfSlug(slug: string): Promise<string>;
};

/** What each module's one group in the API description (`/api/openapi.json`, `/api/docs`) holds. */
const apiTagDescriptions = {
  users: 'Accounts of the partnership: invite, change roles, deactivate and reactivate.',
  schools: 'School locations, school boards and pupil counts, and their import from CSV.',
  'expertise-points': 'The expertise points of secondary locations: room, opening hours and offer.',
  'public-pages':
    'Public pages without signing in: the team, the expertise points and the privacy statement.',
  team: 'The expertise team: members, expertise tags, hours, absences, public profile, and the fixed pair of each primary school.',
  requests:
    "Support requests to the expertise team: the form, the workflow, consent (also through the parents' and pupils' links), the thread, attachments and the PDF; the partnership's consent setting.",
  meetings:
    'Annual talks, SOT and interim meetings with their minutes and action items; calendar files and feeds.',
  'pupil-records':
    'At an expertise point: contacts about a pupil, ZAT referrals, support of teachers and the overview.',
  attendance:
    'At an expertise point: checking pupils in and out, crisis care without a trajectory, expected days, and homework.',
  opp: "The development perspective plan (OPP): drafts, adoption, evaluations, the PDF and the parents' link.",
  trajectories: 'Pupils at an expertise point: signals, intake, the decision and the end of a trajectory.',
  hours: 'The allocation key of hours over schools, time registration, closed months and budgets.',
  privacy: 'The audit trail: search, per pupil, export, and signals of unusual access.',
  retention: 'Retention periods, what the next run deletes, the deletion log and legal holds.',
  'subject-access': 'Requests of data subjects (access, deletion): find the pupil, decide, delete or export.',
  'processing-register': 'The processing register of the partnership, also as PDF.',
  'my-work': "The start page's to-dos of the signed-in user: counts per kind with links to the lists.",
  pupils: 'The pupil register of each school location: search, entries, merging duplicates.',
  reports:
    "The year's figures with last year beside them (small counts hidden outside the staff office), the annual report, and demand against capacity.",
} as const;

function apiTagOf(module: keyof typeof apiTagDescriptions): ApiTag {
  return { name: module, description: apiTagDescriptions[module] };
}

/**
 * Registers every module's routes and jobs, in the order the API description has always listed them
 * (the fuzz test walks the operations in that order with a fixed seed). Returns the users service,
 * which the CLI and tests use.
 */
export async function registerModuleRoutes(app: FastifyInstance, deps: ModuleDependencies) {
  const { config, keys, jobs, mailer, kernel } = deps;
  const users = new UsersService(deps.auth);
  const accounts = new AccountsService(deps.auth);
  await app.register(apiTagged(apiTagOf('users'), usersRoutes(users, accounts)));
  await registerLeaverJob(jobs, kernel);
  await app.register(apiTagged(apiTagOf('schools'), importRoutes()));
  await app.register(apiTagged(apiTagOf('expertise-points'), expertisePointsRoutes()));
  await app.register(apiTagged(apiTagOf('public-pages'), publicPagesRoutes(deps.partnershipOfSlug)));
  await app.register(apiTagged(apiTagOf('schools'), locationsRoutes()));
  await app.register(apiTagged(apiTagOf('team'), teamRoutes(accounts)));
  const workflow = new RequestWorkflow({ mailer, keys, baseUrl: config.baseUrl });
  await app.register(
    apiTagged(
      apiTagOf('requests'),
      requestsRoutes(new RequestsService(workflow), new ConsentService(workflow, keys)),
    ),
  );
  await app.register(
    apiTagged(apiTagOf('meetings'), meetingsRoutes(new CalendarService({ keys, baseUrl: config.baseUrl }))),
  );
  await app.register(apiTagged(apiTagOf('pupil-records'), pupilRecordsRoutes()));
  await app.register(apiTagged(apiTagOf('attendance'), attendanceRoutes()));
  await app.register(apiTagged(apiTagOf('attendance'), homeworkRoutes()));
  await app.register(apiTagged(apiTagOf('attendance'), crisisRoutes()));
  await registerReminderJob(jobs, kernel, { mailer, baseUrl: config.baseUrl });
  await app.register(
    apiTagged(apiTagOf('opp'), oppRoutes(new OppParentLinks({ keys, baseUrl: config.baseUrl, mailer }))),
  );
  await app.register(apiTagged(apiTagOf('opp'), bronExportRoutes()));
  await registerOppReminderJob(jobs, kernel, { mailer, baseUrl: config.baseUrl });
  await app.register(apiTagged(apiTagOf('trajectories'), trajectoriesRoutes()));
  await app.register(
    apiTagged(
      apiTagOf('hours'),
      hoursRoutes(new TimeService(new BudgetWarnings({ mailer, baseUrl: config.baseUrl }))),
    ),
  );
  await app.register(apiTagged(apiTagOf('privacy'), privacyRoutes()));
  await app.register(apiTagged(apiTagOf('retention'), retentionRoutes()));
  await registerRetentionJob(jobs, kernel);
  await app.register(apiTagged(apiTagOf('subject-access'), subjectAccessRoutes()));
  await app.register(apiTagged(apiTagOf('processing-register'), processingRegisterRoutes()));
  await app.register(apiTagged(apiTagOf('my-work'), myWorkRoutes()));
  await app.register(apiTagged(apiTagOf('reports'), reportsRoutes()));
  await app.register(apiTagged(apiTagOf('reports'), capacityRoutes()));
  await app.register(apiTagged(apiTagOf('pupils'), pupilsRoutes()));
  return { users };
}
