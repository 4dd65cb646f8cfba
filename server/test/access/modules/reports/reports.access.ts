import { schoolYearOf, todayInAmsterdam } from '../../../../../contracts/school-year.ts';
import type { AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

const schoolYear = schoolYearOf(todayInAmsterdam());

/** Probes of the reports module: figures of a school in reach (the own, another, another partnership's). */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'reports.read': async (client, { own, other }) => {
    const figuresOf = async (locationId: string) =>
      statusOf(await client.get(`/api/reports/figures?schoolYear=${schoolYear}&locationId=${locationId}`));
    return [
      await figuresOf(own.locationIds.own),
      await figuresOf(own.locationIds.otherSchool),
      await figuresOf(other.locationIds.foreign),
    ];
  },
  'reports.annual_report': async (client) => [
    statusOf(await client.get(`/api/reports/annual-report/texts?schoolYear=${schoolYear}`)),
    '—',
    '—',
  ],
  'reports.capacity': async (client) => [
    statusOf(await client.get(`/api/reports/capacity?schoolYear=${schoolYear}`)),
    '—',
    '—',
  ],
};
