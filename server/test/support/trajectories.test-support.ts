import type { TrajectoryStatus } from '../../../contracts/trajectories.ts';
import { expertisePoints } from '../../modules/expertise-points/expertise-points.schema.ts';
import { trajectories } from '../../modules/trajectories/trajectories.schema.ts';
import type { Harness } from '../harness.ts';

/**
 * A partnership with two secondary locations: `main` (its expertise point offers homework support, E8)
 * and `other` (it does not). At `main`: a teacher, a mentor, a team leader, a care coordinator and a
 * VSO teacher; at `other`: a VSO teacher and a care coordinator. Everyone is signed in.
 */
export async function createTrajectoryWorld(harness: Harness) {
  // createTenant alternates bo/vo by position: the second and fourth keys are secondary schools.
  const { tenantId, locationIds } = await harness.createTenant(['primary', 'main', 'primary2', 'other']);
  const main = locationIds.main ?? '';
  const other = locationIds.other ?? '';
  await harness.database.withTenant(tenantId, ({ db }) =>
    db.insert(expertisePoints).values([
      { tenantId, locationId: main, room: 'B0.12', offersHomeworkSupport: true },
      { tenantId, locationId: other, room: 'A1.04', offersHomeworkSupport: false },
    ]),
  );
  const user = async (role: Parameters<Harness['createUser']>[1][number]['role'], locationId: string) => {
    const created = await harness.createUser(tenantId, [{ role, locationId }]);
    return { ...created, client: await harness.signedIn(created) };
  };
  return {
    tenantId,
    locationIds: { main, other, primary: locationIds.primary ?? '' },
    teacher: await user('teacher', main),
    mentor: await user('mentor', main),
    teamLeader: await user('team_leader', main),
    careCoordinator: await user('care_coordinator', main),
    vsoTeacher: await user('vso_teacher', main),
    otherVsoTeacher: await user('vso_teacher', other),
    otherCareCoordinator: await user('care_coordinator', other),
  };
}

export type TrajectoryWorld = Awaited<ReturnType<typeof createTrajectoryWorld>>;

/**
 * A trajectory inserted straight into the database (for tests of the parts after the intake): by
 * default an active one at `main` with the world's mentor and teacher.
 */
export async function insertTrajectory(
  harness: Harness,
  world: TrajectoryWorld,
  options: {
    status?: TrajectoryStatus;
    locationId?: string;
    mentorUserId?: string;
    firstName?: string;
    birthDate?: string | null;
  } = {},
): Promise<string> {
  const status = options.status ?? 'active';
  const decided = status !== 'signalled';
  return harness.database.withTenant(world.tenantId, async ({ db }) => {
    const [row] = await db
      .insert(trajectories)
      .values({
        tenantId: world.tenantId,
        locationId: options.locationId ?? world.locationIds.main,
        status,
        pupilFirstName: options.firstName ?? 'Noah',
        pupilLastName: 'de Graaf',
        pupilBirthDate: options.birthDate === undefined ? '2012-03-14' : options.birthDate,
        pupilClass: '2B',
        mentorUserId: options.mentorUserId ?? world.mentor.userId,
        signalSource: 'teacher',
        signalObserved: 'Trekt zich terug in de les en raakt snel overprikkeld.',
        signalDiscussWith: 'mentor',
        signalledByUserId: world.teacher.userId,
        eligibilityDecidedOn: decided ? '2026-09-15' : null,
        problemKinds: decided ? ['autism_contact'] : null,
        eligibilityReasons: decided ? 'Past bij het aanbod van het expertisepunt.' : null,
        eligibilityDecidedByUserId: decided ? world.careCoordinator.userId : null,
        endedOn: status === 'ended' ? '2026-10-30' : null,
        endReason: status === 'ended' ? 'goals_reached' : null,
        endedByUserId: status === 'ended' ? world.careCoordinator.userId : null,
      })
      .returning({ id: trajectories.id });
    if (!row) throw new Error('no trajectory');
    return row.id;
  });
}
