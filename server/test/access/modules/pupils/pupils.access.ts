import { pupilEnrolments, pupils } from '../../../../modules/pupils/pupils.schema.ts';
import { eachPlace, type ProbePlaces } from '../../access-fixtures.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: a register pupil at the own school (the mentor's pupil this year), one at the
// other school, and one in another partnership.
const pupilIds: ProbePlaces = { own: '', otherSchool: '', foreign: '' };

export async function prepareAccess({ harness, own, other, userIds }: AccessFixtures): Promise<void> {
  const insert = (tenantId: string, locationId: string, mentorUserId: string | null) =>
    harness.database.withTenant(tenantId, async ({ db }) => {
      const [row] = await db
        .insert(pupils)
        .values({ tenantId, locationId, name: 'Sem Jansen', birthDate: '2012-03-04' })
        .returning({ id: pupils.id });
      if (!row) throw new Error('no pupil');
      await db
        .insert(pupilEnrolments)
        .values({ tenantId, pupilId: row.id, schoolYear: 2026, className: '1C', mentorUserId });
      return row.id;
    });
  Object.assign(pupilIds, {
    own: await insert(own.tenantId, own.locationIds.own, userIds.mentor),
    otherSchool: await insert(own.tenantId, own.locationIds.otherSchool, null),
    foreign: await insert(other.tenantId, other.locationIds.foreign, null),
  });
}

const each = (probe: (pupilId: string) => Promise<string>) => eachPlace(pupilIds, probe);

/**
 * Probes of the pupil register (Y1). An allowed merge of a pupil into itself answers 422: the access
 * check passed and nothing changed.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'pupils.read': (client) => each(async (id) => statusOf(await client.get(`/api/pupils/${id}`))),
  'pupils.manage': (client) =>
    each(async (id) =>
      statusOf(await client.put(`/api/pupils/${id}`, { name: 'Sem Jansen', birthDate: '2012-03-04' })),
    ),
  'pupils.merge': (client) =>
    each(async (id) => statusOf(await client.post(`/api/pupils/${id}/merge`, { sourcePupilId: id }))),
};
