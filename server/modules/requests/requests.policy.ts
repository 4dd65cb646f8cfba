import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

// Y3: the teacher named on a request, while they teach at its school, reads its form, status and
// thread and writes in the thread as one of the school's side; not its other files, the parents'
// details or the consent (P1), nor other requests.
const namedTeacher = 'own_location_participant' as const;

/** The requests module: support requests, their consent (R8, R9) and its partnership setting. */
export const requestsPolicies = definePolicies({
  'requests.read': {
    description: 'Support requests: lists, detail, attachments, PDF (pupil data audited, P2)',
    pupilData: true,
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned',
      internal_coordinator: 'own_location',
      director: 'own_location',
      teacher: namedTeacher,
    },
  },
  'requests.read_pupil': {
    description:
      "Need to know (P1): see the pupil's name and details on a request — the school, its fixed pair, whoever it is assigned to, and the teacher on it (Y3)",
    pupilData: true,
    grants: {
      coordinator: 'self',
      team_member: 'assigned',
      internal_coordinator: 'own_location',
      director: 'own_location',
      teacher: namedTeacher,
    },
  },
  'requests.read_case_file': {
    description:
      "Need to know (P1): the parents' contact details, each person's consent and the request's own files (attachments, signed consent forms) — not the teacher on it, who reads the form and the thread (Y3)",
    pupilData: true,
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'requests.read_team_notes': {
    description: "Need to know (P1): read the team's internal notes on a request the actor reads",
    pupilData: true,
    grants: { coordinator: 'tenant', team_member: 'assigned' },
  },
  'requests.create': {
    description: 'File a support request and keep its draft (R6)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.list_teachers': {
    description:
      'The teachers of a school the actor files requests for, to pick the teacher on a request (Y3)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.change_teacher': {
    description:
      'Change the teacher on a submitted request; the one replaced no longer reads it from then on (Y3)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.submit': {
    description: 'Submit a request; one asking for direct pupil support is refused (R2)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.refuse': {
    description: 'Refuse a submitted request as out of scope (R2)',
    grants: { coordinator: 'tenant', team_member: 'assigned' },
  },
  'requests.withdraw': {
    description: 'Withdraw a request on behalf of the school',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.manage_consent': {
    description: 'Send consent links, record paper consent, withdraw or ask again (R8, R9, P3)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.record_parents_informed': {
    description: 'Record that and how the parents of a group were informed (R10)',
    grants: { internal_coordinator: 'own_location', director: 'own_location' },
  },
  'requests.assign': {
    description: "Assign or reassign a ready request (coordinator, or the school's contact person) (R1)",
    grants: { coordinator: 'tenant', team_member: 'contact_person' },
  },
  'requests.start': {
    description: 'Start work on an assigned request (the assigned member)',
    grants: { team_member: 'assigned' },
  },
  'requests.close': {
    description: 'Close a request with its outcome (the assigned member)',
    grants: { team_member: 'assigned' },
  },
  'requests.contribute': {
    description:
      'Post messages, team notes and attachments on a request (R7); the teacher on it posts messages only (Y3)',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned',
      internal_coordinator: 'own_location',
      director: 'own_location',
      teacher: namedTeacher,
    },
  },
  'consent.respond': {
    description: 'Parents and pupils read, give, refuse and withdraw consent through their link',
    public: true,
  },
  'settings.manage': {
    description: 'Partnership settings such as whether one parent’s consent suffices (R8)',
    grants: { functional_admin: 'tenant' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof requestsPolicies> {}
}
