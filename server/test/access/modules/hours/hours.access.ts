import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

/**
 * Probes of the hours module. The preview reads only (400 `no_schools_with_pupils` in the fixtures,
 * which have no pupil counts, means the access check let the actor through); past requests are probed with a count
 * for the other school (secondary: 400 `not_primary_location` means the access check let the actor
 * through) and another partnership's school (not visible: 404).
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'allocations.manage': async (client, { own, other }) => {
    const history = async (locationId: string) =>
      statusOf(await client.put(`/api/locations/${locationId}/historical-requests/2019`, { count: 0 }));
    return [
      statusOf(
        await client.get('/api/allocations/preview?schoolYear=2026&pupilWeightPercent=70&totalHours=100'),
      ),
      await history(own.locationIds.otherSchool),
      await history(other.locationIds.foreign),
    ];
  },
  // Own entries of the fixtures' team member, then those of another user of the partnership.
  'time.register': async (client, { userIds }) => {
    const list = async (userId: string) =>
      statusOf(await client.get(`/api/time-entries?from=2026-08-01&to=2026-08-31&userId=${userId}`));
    return [await list(userIds.team_member), await list(userIds.internal_coordinator), '—'];
  },
  'budgets.read': async (client, { own, other }) => {
    const budget = async (locationId: string) =>
      statusOf(await client.get(`/api/budgets/${locationId}?schoolYear=2026`));
    return [
      await budget(own.locationIds.own),
      await budget(own.locationIds.otherSchool),
      await budget(other.locationIds.foreign),
    ];
  },
  // The list answers for everyone granted; it holds oneself for a member and everyone for the office.
  'budgets.read_members': async (client) => [
    statusOf(await client.get('/api/budgets/members?schoolYear=2026')),
    '—',
    '—',
  ],
  // A month in the future: 400 means the access check let the actor through, and nothing is closed.
  'time.close_periods': async (client) => [
    statusOf(await client.post('/api/closed-periods', { month: '2999-01' })),
    '—',
    '—',
  ],
};
