// Pure rules of the pupil register (Y1): how a name is compared, which pupils may be merged, and what a
// merge keeps of the duplicate.

/** A name as the register compares it: case and surrounding or repeated spaces do not count. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Why a duplicate cannot be merged into a pupil, or null: a pupil is not merged into itself, and never
 * across schools (each school keeps its own register).
 */
export function mergeProblem(
  target: { id: string; locationId: string },
  source: { id: string; locationId: string },
): 'pupil_merge_same' | 'pupil_merge_other_school' | null {
  if (target.id === source.id) return 'pupil_merge_same';
  if (target.locationId !== source.locationId) return 'pupil_merge_other_school';
  return null;
}

/** The school years of the duplicate's enrolments that move to the pupil: those the pupil has none for. */
export function enrolmentYearsToMove(
  targetYears: readonly number[],
  sourceYears: readonly number[],
): number[] {
  return sourceYears.filter((year) => !targetYears.includes(year));
}

/** The duplicate's parents that move to the pupil: those not already named on the pupil. */
export function parentsToMove<Parent extends { name: string }>(
  targetParents: readonly { name: string }[],
  sourceParents: readonly Parent[],
): Parent[] {
  const known = new Set(targetParents.map((parent) => nameKey(parent.name)));
  return sourceParents.filter((parent) => !known.has(nameKey(parent.name)));
}
