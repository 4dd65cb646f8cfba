import type { ExpertisePointWarning } from '../../../contracts/expertise-points.ts';
import type { Sector } from '../../../contracts/locations.ts';
import { baseOfferItems, homeworkOfferItems, type OfferItem } from '../../../contracts/public.ts';

/** E1: expertise points belong to regular secondary school buildings (sector vo). */
export function canHaveExpertisePoint(sector: Sector): boolean {
  return sector === 'vo';
}

/**
 * E1: a secondary location needs an expertise point staffed by at least one VSO teacher; anything less
 * is a warning for the coordinator. No point at all weighs more than a point without a teacher.
 */
export function expertisePointWarningOf(
  hasPoint: boolean,
  vsoTeacherCount: number,
): ExpertisePointWarning | null {
  if (!hasPoint) return 'missing';
  return vsoTeacherCount === 0 ? 'unstaffed' : null;
}

/** E7 and E4 (homework help) always, E8 (homework structuring and support) only where the location offers it. */
export function offerOf(offersHomeworkSupport: boolean): OfferItem[] {
  return offersHomeworkSupport ? [...baseOfferItems, ...homeworkOfferItems] : [...baseOfferItems];
}
