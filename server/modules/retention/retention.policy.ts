import { type ActionsOf, definePolicies } from '../../platform/access/policies.ts';

/** The retention module (P4, issue 15): the schedule, its preview, the deletion log and legal holds. */
export const retentionPolicies = definePolicies({
  'retention.read': {
    description:
      'Read the retention schedule, the preview of what goes in the next 30 days (references, no content) and the deletion log',
    grants: { privacy_officer: 'tenant', coordinator: 'tenant' },
  },
  'retention.configure': {
    description: 'Change a retention period of the partnership, within the bounds of each kind',
    grants: { privacy_officer: 'tenant', coordinator: 'tenant' },
  },
  'retention.hold': {
    description: "Place and release a legal hold that keeps one pupil's files past their date, with a reason",
    grants: { privacy_officer: 'tenant', coordinator: 'tenant' },
  },
});

declare module '../../platform/access/policies.ts' {
  interface PolicyRegistry extends ActionsOf<typeof retentionPolicies> {}
}
