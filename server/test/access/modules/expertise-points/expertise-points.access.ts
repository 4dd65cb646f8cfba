import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

const validInput = {
  room: 'Lokaal 0.12',
  openingHours: 'Maandag tot en met vrijdag, 8.30 – 16.00 uur',
  offersHomeworkSupport: false,
  publicDescription: '',
};

/**
 * Probes of the expertise points module. The fixtures' own school is primary (bo) and the other school
 * secondary (vo), so 422 (`not_secondary`) on the own school means the access check let the actor through.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'expertise_points.read': async (client, { own, other }) => {
    const status = async (id: string) => statusOf(await client.get(`/api/locations/${id}/expertise-point`));
    return [
      await status(own.locationIds.own),
      await status(own.locationIds.otherSchool),
      await status(other.locationIds.foreign),
    ];
  },
  'expertise_points.manage': async (client, fixtures) => {
    const { own, other } = fixtures;
    const status = async (id: string) =>
      statusOf(await client.put(`/api/locations/${id}/expertise-point`, validInput));
    return [
      await status(own.locationIds.own),
      await status(own.locationIds.otherSchool),
      await status(other.locationIds.foreign),
    ];
  },
};
