import type { Role } from '../../../contracts/roles.ts';
import type { Action } from '../../platform/access/policies.ts';
import type { Harness, TestClient } from '../harness.ts';

/** The world the access matrix is measured in (built once by access.routes.test.ts). */
export type AccessFixtures = {
  harness: Harness;
  /** The actors' partnership: `own` is their school (and the team member's assigned school), `otherSchool` is not. */
  own: { tenantId: string; locationIds: { own: string; otherSchool: string } };
  /** Another partnership with one location and a functional admin (admin@other-swv.test). */
  other: { tenantId: string; locationIds: { foreign: string }; adminUserId: string };
  /** One signed-in user per role in the own partnership. */
  userIds: Record<Role, string>;
};

/**
 * What one role gets for one action on the own school, another school of the same partnership, and
 * another partnership: usually HTTP statuses, "—" where the distinction does not apply.
 */
export type Probe = (client: TestClient, fixtures: AccessFixtures) => Promise<[string, string, string]>;

/**
 * Each module describes its protected actions in a `*.access.ts` file exporting `accessProbes` (and
 * optionally `prepareAccess` to add what its probes need); the matrix test collects them all. The probes
 * are test code, so they live with the tests: server/test/access/ mirrors the path of the module under
 * server/ (`modules/hours/hours.access.ts`; the platform's own in `platform/`).
 */
export type AccessProbeModule = {
  accessProbes: Partial<Record<Action, Probe>>;
  prepareAccess?: (fixtures: AccessFixtures) => Promise<void>;
};

/** The HTTP status of a response, as a matrix cell. */
export function statusOf(response: { statusCode: number }): string {
  return String(response.statusCode);
}
