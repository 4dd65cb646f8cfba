import { eq } from 'drizzle-orm';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import type { Action, ScopeColumns } from '../../platform/access/policies.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { trajectories } from './trajectories.schema.ts';

export type TrajectoryRow = typeof trajectories.$inferSelect;

// For a teacher's own signals "self" is the one who signalled; for every other action on the pupil
// file it is the pupil's mentor (P1).
function ownerColumnOf(action: Action) {
  return action === 'trajectories.own_signals' ? trajectories.signalledByUserId : trajectories.mentorUserId;
}

/**
 * A trajectory as a route's target: it exists for whoever may read the pupil file or, for the one who
 * signalled it, their own signals (P1).
 */
export const trajectoryTarget = defineTarget<TrajectoryRow>({
  readAction: ['trajectories.read', 'trajectories.own_signals'],
  load: ({ db }, id, { lock }) => selectTrajectory(db, id, lock),
  scopeOf: (row, action) => ({
    tenantId: row.tenantId,
    locationId: row.locationId,
    userId: action === 'trajectories.own_signals' ? row.signalledByUserId : row.mentorUserId,
  }),
});

const selectTrajectory = rowById('trajectory', (db, lock) => {
  const query = db.select().from(trajectories).where(eq(trajectories.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

/** The columns of `trajectories` the policy filters a list on for an action (see `trajectoryTarget`). */
export function trajectoryColumns(action: Action): ScopeColumns {
  return { locationId: trajectories.locationId, userId: ownerColumnOf(action) };
}

// The loaders from before the kernel. Nothing of the intake or the pupil records uses them any more;
// they stay only for the OPP, attendance and homework files until those move onto the kernel, and go
// when they have (use `context.load(trajectoryTarget, …)`, `context.may`, `context.scope` instead).
