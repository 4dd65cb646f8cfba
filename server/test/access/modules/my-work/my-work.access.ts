import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

/** Probes of "Mijn werk": the own start page, with no school to tell apart. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'my_work.read': async (client) => [statusOf(await client.get('/api/my-work')), '—', '—'],
};
