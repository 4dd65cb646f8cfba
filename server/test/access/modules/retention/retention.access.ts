import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

/** Probes of the retention module: the schedule, preview and holds are the partnership's, with no school to tell apart. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'retention.read': async (client) => [statusOf(await client.get('/api/retention/preview')), '—', '—'],
  // An empty change: refused as bad input (400) by who may change it, 403 for everyone else.
  'retention.configure': async (client) => [
    statusOf(await client.put('/api/retention/schedule', { periods: [] })),
    '—',
    '—',
  ],
  'retention.hold': async (client) => [statusOf(await client.get('/api/retention/legal-holds')), '—', '—'],
};
