import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The meetings module: annual talks, SOT and interim meetings (R11–R13) and their calendar. */
export const meetingsPolicies = definePolicies({
  'meetings.read': {
    description:
      'Annual talks, SOT and interim meetings of a school (minutes: participants, contact, staff office)',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'meetings.read_minutes': {
    description:
      "Need to know (P1): read a meeting's minutes, which may mention pupils — the staff office, its participants and the school's contact person",
    pupilData: true,
    grants: {
      coordinator: 'tenant',
      team_member: ['participant', 'contact_person'],
      internal_coordinator: 'participant',
      director: 'participant',
    },
  },
  'meetings.manage': {
    description: 'Plan meetings, record attendance, minutes, outcomes and action items (R11, R12)',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'meetings.add_participant': {
    description:
      'Add a person with an account to a meeting, who then reads its minutes (only by someone who reads them already)',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'meetings.decide': {
    description: 'Record whether the team attends an interim meeting with outside parties, and why (R13)',
    grants: { coordinator: 'tenant', team_member: 'assigned_schools' },
  },
  'meetings.overview': {
    description:
      'Per school whether its annual talk and SOT meetings are held or planned (R11, R12): the staff office all schools, the team the schools it serves, the school its own',
    grants: {
      coordinator: 'tenant',
      team_member: 'assigned_schools',
      internal_coordinator: 'own_location',
      director: 'own_location',
    },
  },
  'meetings.settings': {
    description: "The staff office's dates for annual talks and SOT meetings, and the reminder lead time",
    grants: { coordinator: 'tenant' },
  },
  'calendar.feed': {
    description: 'One meeting as .ics, and the own calendar feed link: make, renew, revoke',
    grants: {
      coordinator: 'self',
      team_member: 'self',
      internal_coordinator: 'self',
      director: 'self',
    },
  },
  'calendar.subscribe': { description: 'A calendar app reads a feed through its secret link', public: true },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof meetingsPolicies> {}
}
