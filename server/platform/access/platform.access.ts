import type { AccessProbeModule } from './access-probes.ts';
import { statusOf } from './access-probes.ts';

let invitations = 0;

/** Probes of the platform's own protected actions (accounts, users, outbox). */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'account.manage': async (client) => [
    statusOf(await client.patch('/api/account', { locale: 'nl' })),
    '—',
    '—',
  ],
  'users.read': async (client) => {
    const response = await client.get('/api/users?pageSize=100');
    const leaked = response.statusCode === 200 && response.body.includes('admin@other-swv.test');
    return [statusOf(response), '—', response.statusCode === 200 ? (leaked ? 'LEAK' : 'hidden') : '—'];
  },
  'users.invite': async (client, { own, other }) => {
    const invite = async (locationId: string) => {
      invitations += 1;
      const response = await client.post('/api/users', {
        email: `invitee-${invitations}@school.test`,
        name: 'Nieuwe collega',
        roles: [{ role: 'teacher', teamRole: null, locationId }],
      });
      return statusOf(response);
    };
    return [
      await invite(own.locationIds.own),
      await invite(own.locationIds.otherSchool),
      await invite(other.locationIds.foreign),
    ];
  },
  'outbox.read': async (client) => [statusOf(await client.get('/api/outbox')), '—', '—'],
};
