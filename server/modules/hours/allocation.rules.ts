/**
 * The allocation key (verdeelsleutel, R14): the staff office divides the team's hours over the
 * schools by pupil count and past support requests. Pure and exact: shares are kept as integer
 * fractions (BigInt), so rounding never depends on floating-point noise or on the order of the schools.
 *
 *   hours = minimum + (total − Σ minimum) × (w · pupils/Σpupils + (1 − w) · requests/Σrequests)
 *
 * rounded to the rounding unit by the largest-remainder method, so the schools' hours add up to the
 * total exactly. Ties in the remainder go to the school with more pupils, then more requests, then
 * the lower location id: a fixed order that is documented in docs/allocation.md.
 */

export type AllocationSchool = { locationId: string; pupils: number; requests: number };

export type AllocationSettings = {
  /** Hours to divide; a multiple of the rounding unit. */
  totalHours: number;
  /** Weight of pupil count against past requests, in whole percent (0–100). */
  pupilWeightPercent: number;
  /** Hours every counted school gets first; a multiple of the rounding unit. */
  minimumHours: number;
  roundingUnit: 1 | 0.5;
};

export type AllocationLine = {
  locationId: string;
  pupils: number;
  requests: number;
  /** pupils / Σ pupils of the counted schools. */
  pupilShare: number;
  /** requests / Σ requests (0 when no school had requests). */
  requestShare: number;
  /** The formula's exact value before rounding. */
  rawHours: number;
  hours: number;
};

export type AllocationProblem =
  | 'total_not_positive'
  | 'weight_out_of_range'
  | 'minimum_negative'
  | 'not_a_multiple_of_unit'
  | 'minimum_exceeds_total'
  | 'no_schools_with_pupils';

export type AllocationResult =
  | {
      ok: true;
      lines: AllocationLine[];
      /** Schools left out because they have no pupils in the count (a warning for the coordinator). */
      excludedWithoutPupils: string[];
      /** The pupil weight used: 100 when no school had any past request. */
      effectivePupilWeightPercent: number;
    }
  | { ok: false; problem: AllocationProblem };

function isMultipleOf(value: number, unit: number): boolean {
  return Math.abs(value / unit - Math.round(value / unit)) < 1e-9;
}

/** Divides the hours over the schools (R14); the result lists the schools in the order given. */
export function allocateHours(
  schools: readonly AllocationSchool[],
  settings: AllocationSettings,
): AllocationResult {
  const { totalHours, pupilWeightPercent, minimumHours, roundingUnit } = settings;
  if (!(totalHours > 0)) return { ok: false, problem: 'total_not_positive' };
  if (!Number.isInteger(pupilWeightPercent) || pupilWeightPercent < 0 || pupilWeightPercent > 100)
    return { ok: false, problem: 'weight_out_of_range' };
  if (minimumHours < 0) return { ok: false, problem: 'minimum_negative' };
  if (!isMultipleOf(totalHours, roundingUnit) || !isMultipleOf(minimumHours, roundingUnit))
    return { ok: false, problem: 'not_a_multiple_of_unit' };

  const counted = schools.filter((school) => school.pupils > 0);
  const excludedWithoutPupils = schools
    .filter((school) => school.pupils <= 0)
    .map((school) => school.locationId);
  if (counted.length === 0) return { ok: false, problem: 'no_schools_with_pupils' };

  const totalUnits = BigInt(Math.round(totalHours / roundingUnit));
  const minimumUnits = BigInt(Math.round(minimumHours / roundingUnit));
  const distributable = totalUnits - minimumUnits * BigInt(counted.length);
  if (distributable < 0n) return { ok: false, problem: 'minimum_exceeds_total' };

  const pupilSum = BigInt(counted.reduce((sum, school) => sum + school.pupils, 0));
  const requestTotal = counted.reduce((sum, school) => sum + school.requests, 0);
  // Without any past request all weight goes to pupils (and the request share is taken as 0 of 1).
  const weight = BigInt(requestTotal === 0 ? 100 : pupilWeightPercent);
  const requestSum = BigInt(requestTotal === 0 ? 1 : requestTotal);
  const denominator = 100n * pupilSum * requestSum;

  const exact = counted.map((school) => {
    const numerator =
      distributable *
      (weight * BigInt(school.pupils) * requestSum + (100n - weight) * BigInt(school.requests) * pupilSum);
    return { school, floor: numerator / denominator, remainder: numerator % denominator, numerator };
  });
  let left = distributable - exact.reduce((sum, entry) => sum + entry.floor, 0n);
  const byRemainder = [...exact].sort(
    (a, b) =>
      (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
      b.school.pupils - a.school.pupils ||
      b.school.requests - a.school.requests ||
      (a.school.locationId < b.school.locationId ? -1 : a.school.locationId > b.school.locationId ? 1 : 0),
  );
  const extra = new Set<AllocationSchool>();
  for (const entry of byRemainder) {
    if (left <= 0n) break;
    extra.add(entry.school);
    left -= 1n;
  }

  const lines = exact.map(({ school, floor, numerator }) => {
    const units = minimumUnits + floor + (extra.has(school) ? 1n : 0n);
    return {
      locationId: school.locationId,
      pupils: school.pupils,
      requests: school.requests,
      pupilShare: school.pupils / Number(pupilSum),
      requestShare: requestTotal === 0 ? 0 : school.requests / requestTotal,
      rawHours: (Number(minimumUnits) + Number(numerator) / Number(denominator)) * roundingUnit,
      hours: Number(units) * roundingUnit,
    };
  });
  return { ok: true, lines, excludedWithoutPupils, effectivePupilWeightPercent: Number(weight) };
}
