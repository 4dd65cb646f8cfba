import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

/** Probes of the processing register: the partnership's, with no school to tell apart. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'processing_register.read': async (client) => [
    statusOf(await client.get('/api/processing-register')),
    '—',
    '—',
  ],
};
