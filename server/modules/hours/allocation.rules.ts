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

function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
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

  // Only the product needs BigInt (nationally it passes 2^53); every share's whole units and its
  // remainder are below the denominator, which is a safe integer, so they are exact as numbers and the
  // ordering by remainder below compares numbers.
  const denominatorNumber = Number(denominator);
  const pupilTerm = weight * requestSum;
  const requestTerm = (100n - weight) * pupilSum;
  const floors = new Float64Array(counted.length);
  const remainders = new Float64Array(counted.length);
  let floorSum = 0;
  counted.forEach((school, index) => {
    const numerator =
      distributable * (pupilTerm * BigInt(school.pupils) + requestTerm * BigInt(school.requests));
    const floor = Number(numerator / denominator);
    floors[index] = floor;
    remainders[index] = Number(numerator % denominator);
    floorSum += floor;
  });
  let left = Number(distributable) - floorSum;
  const byRemainder = Array.from(counted.keys()).sort(
    (a, b) =>
      (remainders[b] as number) - (remainders[a] as number) ||
      (counted[b] as AllocationSchool).pupils - (counted[a] as AllocationSchool).pupils ||
      (counted[b] as AllocationSchool).requests - (counted[a] as AllocationSchool).requests ||
      compareIds((counted[a] as AllocationSchool).locationId, (counted[b] as AllocationSchool).locationId),
  );
  const extra = new Uint8Array(counted.length);
  for (const index of byRemainder) {
    if (left <= 0) break;
    extra[index] = 1;
    left -= 1;
  }

  const minimum = Number(minimumUnits);
  const pupilTotal = Number(pupilSum);
  const lines = counted.map((school, index) => {
    const floor = floors[index] as number;
    return {
      locationId: school.locationId,
      pupils: school.pupils,
      requests: school.requests,
      pupilShare: school.pupils / pupilTotal,
      requestShare: requestTotal === 0 ? 0 : school.requests / requestTotal,
      rawHours: (minimum + floor + (remainders[index] as number) / denominatorNumber) * roundingUnit,
      hours: (minimum + floor + (extra[index] as number)) * roundingUnit,
    };
  });
  return { ok: true, lines, excludedWithoutPupils, effectivePupilWeightPercent: Number(weight) };
}
