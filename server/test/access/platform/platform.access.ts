import { sql } from 'drizzle-orm';
import type { AccessFixtures, AccessProbeModule } from '../access-probes.ts';
import { statusOf } from '../access-probes.ts';

let invitations = 0;
// A mail that could not be delivered in each partnership, for the retry probe.
const failedMailIds = { own: '', other: '' };

async function insertFailedMail(fixtures: AccessFixtures, tenantId: string): Promise<string> {
  const [row] = await fixtures.harness.database.queryAsOwner<{ id: string }>(sql`
    insert into outbox_mails (tenant_id, to_address, subject, text, status, attempts, last_error)
    values (${tenantId}, 'onbestelbaar@school.test', 'Onbestelbaar', 'Tekst', 'failed', 10, 'ECONNECTION')
    returning id`);
  return row?.id ?? '';
}

/** Adds a failed mail in the own and the other partnership. */
export async function prepareAccess(fixtures: AccessFixtures): Promise<void> {
  failedMailIds.own = await insertFailedMail(fixtures, fixtures.own.tenantId);
  failedMailIds.other = await insertFailedMail(fixtures, fixtures.other.tenantId);
}

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
  'notifications.read': async (client) => [statusOf(await client.get('/api/notifications')), '—', '—'],
  'outbox.retry': async (client, fixtures) => {
    // Failed again before each role's try: an allowed retry queues it.
    await fixtures.harness.database.queryAsOwner(
      sql`update outbox_mails set status = 'failed', next_attempt_at = null where id = ${failedMailIds.own}`,
    );
    return [
      statusOf(await client.post(`/api/outbox/${failedMailIds.own}/retry`)),
      '—',
      statusOf(await client.post(`/api/outbox/${failedMailIds.other}/retry`)),
    ];
  },
};
