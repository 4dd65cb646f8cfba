import { csrfCookie, csrfHeader } from '../../../../platform/http/request-context.ts';
import type { TestClient } from '../../../harness.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// A user who exists only to have their roles changed, so no other probe's actor changes.
let targetUserId = '';

async function put(fixtures: AccessFixtures, client: TestClient, url: string, body: unknown) {
  if (!client.cookies.has(csrfCookie)) await client.get('/healthz');
  return fixtures.harness.app.inject({
    method: 'PUT',
    url,
    payload: body as object,
    headers: {
      cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      [csrfHeader]: client.cookies.get(csrfCookie) ?? '',
    },
  });
}

export async function prepareAccess(fixtures: AccessFixtures) {
  const target = await fixtures.harness.createUser(fixtures.own.tenantId, [
    { role: 'teacher', locationId: fixtures.own.locationIds.own },
  ]);
  targetUserId = target.userId;
}

/** Probes of user administration beyond the platform's own (platform.access.ts). */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  // Reopening an open account changes nothing: 409 not_deactivated shows the access check let the actor through.
  'users.deactivate': async (client, { other }) => [
    statusOf(await client.post(`/api/users/${targetUserId}/reactivate`, {})),
    '—',
    statusOf(await client.post(`/api/users/${other.adminUserId}/reactivate`, {})),
  ],
  // Own and other school: the target teacher moved to that school; other partnership: its admin's roles.
  'users.manage': async (client, fixtures) => {
    const { own, other } = fixtures;
    const teacherAt = (locationId: string) => ({ roles: [{ role: 'teacher', teamRole: null, locationId }] });
    return [
      statusOf(
        await put(fixtures, client, `/api/users/${targetUserId}/roles`, teacherAt(own.locationIds.own)),
      ),
      statusOf(
        await put(
          fixtures,
          client,
          `/api/users/${targetUserId}/roles`,
          teacherAt(own.locationIds.otherSchool),
        ),
      ),
      statusOf(
        await put(fixtures, client, `/api/users/${other.adminUserId}/roles`, {
          roles: [{ role: 'functional_admin', teamRole: null, locationId: null }],
        }),
      ),
    ];
  },
};
