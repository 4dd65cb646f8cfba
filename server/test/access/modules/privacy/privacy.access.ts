import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

/** Probes of the privacy module: the audit trail is the partnership's, with no school to tell apart. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'audit.search': async (client) => [statusOf(await client.get('/api/privacy/audit-events')), '—', '—'],
};
