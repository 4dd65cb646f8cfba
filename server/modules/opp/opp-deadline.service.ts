import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { amsterdamDateOf } from '../../../contracts/school-year.ts';
import type { TrajectoryDetail } from '../../../contracts/trajectories.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { oppVersions } from '../trajectories/trajectories.schema.ts';
import type { TrajectoryRow } from '../trajectories/trajectory-scope.ts';
import { oppAdoptionDeadlineOf, oppDeadlineStateOf, supportStartOf } from './opp-deadline.rules.ts';

/**
 * The OPP's six weeks (E13) of a trajectory the reader may see whole: from when extra support started
 * to the last day to adopt, and where it stands today (the first adopted version's Amsterdam date
 * counts). Null for a pupil who does not (yet) qualify.
 */
export async function oppDeadlineOf(
  context: UseCaseContext,
  row: TrajectoryRow,
): Promise<TrajectoryDetail['oppDeadline']> {
  const start = supportStartOf(row);
  const deadline = oppAdoptionDeadlineOf(row);
  if (!start || !deadline || row.status === 'not_eligible' || row.status === 'signalled') return null;
  const [first] = await context.db
    .select({ adoptedAt: oppVersions.adoptedAt })
    .from(oppVersions)
    .where(and(eq(oppVersions.trajectoryId, row.id), isNotNull(oppVersions.adoptedAt)))
    .orderBy(asc(oppVersions.adoptedAt))
    .limit(1);
  const firstAdoptedOn = first?.adoptedAt ? amsterdamDateOf(first.adoptedAt) : null;
  return {
    supportStartedOn: start,
    startIsSet: row.supportStartedOn !== null,
    deadline,
    state: oppDeadlineStateOf(deadline, { today: context.clock.today(), firstAdoptedOn }),
    firstAdoptedOn,
  };
}
