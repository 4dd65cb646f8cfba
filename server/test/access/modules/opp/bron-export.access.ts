import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

/** The BRON export (E14) downloads the OPP dates of the own school, another school and another partnership. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'opp.bron_export': async (client, { own, other }) => {
    const exportAt = async (locationId: string) =>
      statusOf(await client.get(`/api/bron-export?locationId=${locationId}`));
    return [
      await exportAt(own.locationIds.own),
      await exportAt(own.locationIds.otherSchool),
      await exportAt(other.locationIds.foreign),
    ];
  },
};
