import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

/** Probes of the schools module's protected actions. */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'locations.read': async (client, { own, other }) => {
    const status = async (id: string) => statusOf(await client.get(`/api/locations/${id}`));
    return [
      await status(own.locationIds.own),
      await status(own.locationIds.otherSchool),
      await status(other.locationIds.foreign),
    ];
  },
  // A change that changes nothing (the fixtures' place stays Utrecht), so the probe order never matters.
  'locations.manage': async (client, { own, other }) => {
    const status = async (id: string) =>
      statusOf(await client.patch(`/api/locations/${id}`, { place: 'Utrecht' }));
    return [
      await status(own.locationIds.own),
      await status(own.locationIds.otherSchool),
      await status(other.locationIds.foreign),
    ];
  },
};
