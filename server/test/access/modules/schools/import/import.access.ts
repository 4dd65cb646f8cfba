import { postUpload } from '../../../../support/import.test-support.ts';
import type { AccessProbeModule } from '../../../access-probes.ts';
import { statusOf } from '../../../access-probes.ts';

/** Probes of the CSV import: a preview writes nothing, so it can run for every role. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  // An import reaches the whole partnership, never one school; other partnerships are out of reach by
  // row-level security (proven in import.routes.test.ts), so those cells do not apply.
  'locations.import': async (client, { harness }) => {
    const preview = await postUpload(harness, client, '/api/locations/import/preview', {
      layout: 'passend',
      file: 'brin;vestigingscode;naam;sector;plaats\n99ZZ;00;Probe;bo;Utrecht\n',
    });
    const template = await client.get('/api/locations/import/template.csv');
    const statuses = new Set([statusOf(preview), statusOf(template)]);
    return [[...statuses].join('/'), '—', '—'];
  },
};
