import { schoolTeamAssignments } from '../../../../modules/team/team.schema.ts';
import type { AccessFixtures, AccessProbeModule } from '../../access-probes.ts';
import { statusOf } from '../../access-probes.ts';

// Made by prepareAccess: an inclusion adviser of the own partnership (the own school's other fixed
// member) and a team member of the other partnership.
let adviserUserId = '';
let foreignMemberUserId = '';

/** Completes the own school's pair (the fixtures' team member is its behavioural scientist and contact). */
export async function prepareAccess({ harness, own, other }: AccessFixtures): Promise<void> {
  adviserUserId = (
    await harness.createUser(own.tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }])
  ).userId;
  foreignMemberUserId = (
    await harness.createUser(other.tenantId, [{ role: 'team_member', teamRole: 'inclusion_adviser' }])
  ).userId;
  await harness.database.withTenant(own.tenantId, ({ db }) =>
    db.insert(schoolTeamAssignments).values({
      tenantId: own.tenantId,
      locationId: own.locationIds.own,
      userId: adviserUserId,
      teamRole: 'inclusion_adviser',
      isContact: false,
      validFrom: '2020-08-01',
    }),
  );
}

/**
 * Probes of the team module. For team actions the columns are: the fixtures' team member (the own
 * school's behavioural scientist, "self" for that role), another member of the partnership, and a
 * member of another partnership. For pairs: the own school (bo), the other school (vo: 422
 * `not_primary` means the access check let the actor through), and another partnership's school.
 * Every write changes nothing, so the probe order never matters.
 */
export const accessProbes: AccessProbeModule['accessProbes'] = {
  'team.read': async (client, { userIds }) => {
    const status = async (id: string) => statusOf(await client.get(`/api/team/${id}`));
    return [
      await status(userIds.team_member),
      await status(adviserUserId),
      await status(foreignMemberUserId),
    ];
  },
  'team.manage': async (client, { userIds }) => {
    const status = async (id: string) => statusOf(await client.patch(`/api/team/${id}`, {}));
    return [
      await status(userIds.team_member),
      await status(adviserUserId),
      await status(foreignMemberUserId),
    ];
  },
  // Reopening an open account changes nothing: 409 not_deactivated shows the access check let the actor through.
  'team.deactivate': async (client, { userIds }) => {
    const status = async (id: string) => statusOf(await client.post(`/api/team/${id}/reactivate`, {}));
    return [
      await status(userIds.team_member),
      await status(adviserUserId),
      await status(foreignMemberUserId),
    ];
  },
  'team.public_profile': async (client, { userIds }) => {
    const status = async (id: string) => statusOf(await client.patch(`/api/team/${id}/public-profile`, {}));
    return [
      await status(userIds.team_member),
      await status(adviserUserId),
      await status(foreignMemberUserId),
    ];
  },
  'pairs.read': async (client, { own, other }) => {
    const status = async (id: string) => statusOf(await client.get(`/api/locations/${id}/pair`));
    return [
      await status(own.locationIds.own),
      await status(own.locationIds.otherSchool),
      await status(other.locationIds.foreign),
    ];
  },
  'pairs.manage': async (client, fixtures) => {
    const { own, other, userIds } = fixtures;
    const unchanged = {
      behaviouralScientistUserId: userIds.team_member,
      inclusionAdviserUserId: adviserUserId,
      contact: 'behavioural_scientist',
      effectiveFrom: '2020-08-01',
    };
    const status = async (id: string) => statusOf(await client.put(`/api/locations/${id}/pair`, unchanged));
    return [
      await status(own.locationIds.own),
      await status(own.locationIds.otherSchool),
      await status(other.locationIds.foreign),
    ];
  },
};
