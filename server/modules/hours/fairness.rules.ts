/**
 * Fairness figures of an allocation scenario (S3), pure and exact: the staff office compares up to
 * four settings of the allocation key before one becomes the draft. Worked example and the reasons
 * behind each definition: docs/allocation.md, section "Comparing scenarios".
 *
 * Hours are multiples of half an hour and pupils whole numbers, so every sum below is an integer or a
 * half and exact in a double (they stay far below 2^53 even for 7,500 schools); each figure is one
 * division at the end.
 */

/** One counted school of a scenario: its pupils, its hours now and in last year's adopted allocation. */
export type FairnessSchool = {
  locationId: string;
  pupils: number;
  hours: number;
  /** Hours in last year's adopted allocation; null for a school that had no line there (new). */
  lastYearHours: number | null;
};

/** A school's change against last year: in hours, and in percent of last year's hours. */
export type Change = {
  hours: number;
  /** Null when last year's hours were 0: no percentage of nothing. */
  percent: number | null;
};

export type FairnessFigures = {
  /** Hours per 100 pupils over the counted schools; null when no school is counted. */
  hoursPer100Pupils: { min: number; median: number; max: number } | null;
  /** Pupil-weighted Gini coefficient of hours per pupil: 0 is equal for every pupil, towards 1 unequal. */
  gini: number;
  /** Schools that gain more than the threshold against last year, in the order given. */
  gainers: string[];
  /** Schools that lose more than the threshold against last year, in the order given. */
  losers: string[];
};

/** How far a school may move against last year before it is named as a gainer or loser, in percent. */
export const changeThresholdPercent = 10;

/** The change of a school's hours against last year; null for a school that is new this year. */
export function changeAgainstLastYear(hours: number, lastYearHours: number | null): Change | null {
  if (lastYearHours === null) return null;
  const difference = hours - lastYearHours;
  return { hours: difference, percent: lastYearHours === 0 ? null : (difference / lastYearHours) * 100 };
}

/** The middle value of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values: readonly number[] | Float64Array): number {
  if (values.length === 0) throw new Error('median of nothing');
  // A typed array sorts numerically without a comparator: fast for 7,500 schools.
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The Gini coefficient of hours per pupil with every pupil counted once (each pupil "receives" the
 * hours per pupil of his school):
 *
 *   G = Σᵢ Σⱼ pᵢ pⱼ |xᵢ − xⱼ| / (2 P² μ)   with xᵢ = hᵢ / pᵢ, P = Σ p, μ = H / P
 *     = Σᵢ Σⱼ |hᵢ pⱼ − hⱼ pᵢ| / (2 P H)
 *
 * computed in one pass over the schools sorted by hours per pupil (O(n log n) for 7,500 schools).
 */
export function giniOfHoursPerPupil(schools: readonly Pick<FairnessSchool, 'pupils' | 'hours'>[]): number {
  const counted = schools.filter((school) => school.pupils > 0);
  const pupilTotal = counted.reduce((sum, school) => sum + school.pupils, 0);
  const hourTotal = counted.reduce((sum, school) => sum + school.hours, 0);
  if (pupilTotal === 0 || hourTotal === 0) return 0;
  // Sorted by the quotient: division rounds monotonically, so no two schools come out in the wrong
  // order; two quotients that round to the same number are equal in fact (hours are halves and pupils
  // whole numbers far below 2^26, so distinct quotients differ by far more than the rounding), and
  // schools with the same hours per pupil cancel each other out, so their order does not matter.
  const ratios = Float64Array.from(counted, (school) => school.hours / school.pupils);
  const order = Uint32Array.from(counted.keys()).sort(
    (a, b) => (ratios[a] as number) - (ratios[b] as number),
  );
  // Σᵢ<ⱼ (hⱼ pᵢ − hᵢ pⱼ) over the sorted schools = Σⱼ hⱼ · (pupils before j) − Σᵢ hᵢ · (pupils after i).
  let pupilsBefore = 0;
  let sum = 0;
  for (const index of order) {
    const school = counted[index] as Pick<FairnessSchool, 'pupils' | 'hours'>;
    const pupilsAfter = pupilTotal - pupilsBefore - school.pupils;
    sum += school.hours * (pupilsBefore - pupilsAfter);
    pupilsBefore += school.pupils;
  }
  // The double sum counts every pair twice (i, j and j, i): 2 · sum / (2 P H).
  return sum / (pupilTotal * hourTotal);
}

/**
 * The fairness figures of one scenario over its counted schools (those with pupils): hours per 100
 * pupils (min, median, max), the pupil-weighted Gini coefficient, and the schools that gain or lose
 * more than 10 % against last year. A school new this year has no change; one that had 0 hours last
 * year and gets hours now gains more than any percentage.
 */
export function fairnessFigures(schools: readonly FairnessSchool[]): FairnessFigures {
  const counted = schools.filter((school) => school.pupils > 0);
  const per100 = Float64Array.from(counted, (school) => (school.hours * 100) / school.pupils);
  const gainers: string[] = [];
  const losers: string[] = [];
  for (const school of counted) {
    // The change against last year, compared as |Δ| · 100 > threshold · last (exact), inline: this runs
    // for 7,500 schools per scenario.
    if (school.lastYearHours === null) continue;
    const difference = school.hours - school.lastYearHours;
    if (difference === 0 || Math.abs(difference) * 100 <= changeThresholdPercent * school.lastYearHours)
      continue;
    (difference > 0 ? gainers : losers).push(school.locationId);
  }
  return {
    hoursPer100Pupils:
      per100.length === 0
        ? null
        : { min: Math.min(...per100), median: median(per100), max: Math.max(...per100) },
    gini: giniOfHoursPerPupil(counted),
    gainers,
    losers,
  };
}
