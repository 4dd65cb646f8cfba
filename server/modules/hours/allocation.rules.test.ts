import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AllocationSchool, type AllocationSettings, allocateHours } from './allocation.rules.ts';

const school = (locationId: string, pupils: number, requests: number): AllocationSchool => ({
  locationId,
  pupils,
  requests,
});
const settings = (changes: Partial<AllocationSettings> = {}): AllocationSettings => ({
  totalHours: 1000,
  pupilWeightPercent: 70,
  minimumHours: 0,
  roundingUnit: 1,
  ...changes,
});

function hoursOf(schools: AllocationSchool[], input: AllocationSettings): Map<string, number> {
  const result = allocateHours(schools, input);
  if (!result.ok) throw new Error(result.problem);
  return new Map(result.lines.map((line) => [line.locationId, line.hours]));
}

const schoolsArbitrary = fc
  .uniqueArray(
    fc.record({
      locationId: fc.uuid(),
      pupils: fc.integer({ min: 1, max: 1500 }),
      requests: fc.integer({ min: 0, max: 40 }),
    }),
    { minLength: 1, maxLength: 40, selector: (entry) => entry.locationId },
  )
  .map((entries) => entries.map((entry) => school(entry.locationId, entry.pupils, entry.requests)));

const settingsArbitrary = fc
  .record({
    unit: fc.constantFrom<1 | 0.5>(1, 0.5),
    totalUnits: fc.integer({ min: 1, max: 40_000 }),
    weight: fc.integer({ min: 0, max: 100 }),
    minimumUnits: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ unit, totalUnits, weight, minimumUnits }) =>
    settings({
      roundingUnit: unit,
      totalHours: totalUnits * unit,
      pupilWeightPercent: weight,
      minimumHours: minimumUnits * unit,
    }),
  );

/** Settings whose minimum fits the number of schools. */
const feasible = fc
  .tuple(schoolsArbitrary, settingsArbitrary)
  .filter(([schools, input]) => input.minimumHours * schools.length <= input.totalHours);

describe('R14: the allocation key (property tests)', () => {
  it('R14: the schools’ hours always add up to the total exactly, in whole rounding units', () => {
    fc.assert(
      fc.property(feasible, ([schools, input]) => {
        const hours = [...hoursOf(schools, input).values()];
        const units = hours.reduce((sum, value) => sum + Math.round(value / input.roundingUnit), 0);
        expect(units * input.roundingUnit).toBe(input.totalHours);
        for (const value of hours) expect(Number.isInteger(value / input.roundingUnit)).toBe(true);
      }),
    );
  });

  it('R14: every school gets at least its minimum', () => {
    fc.assert(
      fc.property(feasible, ([schools, input]) => {
        for (const value of hoursOf(schools, input).values())
          expect(value).toBeGreaterThanOrEqual(input.minimumHours);
      }),
    );
  });

  it('R14: a school with more pupils and equal requests never gets fewer hours', () => {
    fc.assert(
      fc.property(feasible, fc.integer({ min: 1, max: 500 }), ([schools, input], more) => {
        const [first] = schools;
        if (!first) return;
        const bigger = school('ffffffff-ffff-4fff-8fff-fffffffffffe', first.pupils + more, first.requests);
        const hours = hoursOf([...schools, bigger], {
          ...input,
          totalHours: input.totalHours + input.minimumHours,
        });
        expect(hours.get(bigger.locationId)).toBeGreaterThanOrEqual(hours.get(first.locationId) ?? 0);
      }),
    );
  });

  it('R14: the result does not depend on the order of the schools', () => {
    fc.assert(
      fc.property(
        feasible.chain(([schools, input]) =>
          fc.tuple(
            fc.constant(schools),
            fc.constant(input),
            fc.shuffledSubarray(schools, { minLength: schools.length }),
          ),
        ),
        ([schools, input, shuffled]) => {
          expect(hoursOf(shuffled, input)).toEqual(hoursOf(schools, input));
        },
      ),
    );
  });

  it('R14: weight 100 % is pupils alone and 0 % is requests alone (before the documented tie-break)', () => {
    const rawOf = (schools: AllocationSchool[], input: AllocationSettings) => {
      const result = allocateHours(schools, input);
      if (!result.ok) throw new Error(result.problem);
      return result.lines.map((line) => Number(line.rawHours.toFixed(9)));
    };
    fc.assert(
      fc.property(feasible, ([schools, input]) => {
        const pupilsOnly = { ...input, pupilWeightPercent: 100 };
        const otherRequests = schools.map((entry, index) => ({
          ...entry,
          requests: (entry.requests * 7 + index) % 13,
        }));
        expect(rawOf(otherRequests, pupilsOnly)).toEqual(rawOf(schools, pupilsOnly));
        if (schools.some((entry) => entry.requests > 0)) {
          const requestsOnly = { ...input, pupilWeightPercent: 0 };
          const otherPupils = schools.map((entry, index) => ({
            ...entry,
            pupils: 1 + ((entry.pupils * 7 + index) % 900),
          }));
          expect(rawOf(otherPupils, requestsOnly)).toEqual(rawOf(schools, requestsOnly));
        }
      }),
    );
  });
});

describe('R14: the allocation key (cases)', () => {
  it('R14: zero past requests overall puts all weight on pupils', () => {
    const result = allocateHours([school('a', 300, 0), school('b', 100, 0)], settings({ totalHours: 100 }));
    expect(result).toMatchObject({
      ok: true,
      effectivePupilWeightPercent: 100,
      lines: [expect.objectContaining({ hours: 75 }), expect.objectContaining({ hours: 25 })],
    });
  });

  it('R14: schools without pupils in the count are left out with a warning', () => {
    const result = allocateHours([school('a', 300, 2), school('b', 0, 5)], settings({ totalHours: 10 }));
    expect(result).toMatchObject({
      ok: true,
      excludedWithoutPupils: ['b'],
      lines: [expect.objectContaining({ hours: 10 })],
    });
  });

  it('R14: breaks an exact tie by more pupils, then more requests, then location id', () => {
    // Three equal shares of 10 hours: one hour is left; the tie goes by the documented order.
    const tied = (pupils: number[], requests: number[]) =>
      allocateHours(
        pupils.map((count, index) => school(['c', 'a', 'b'][index] ?? 'x', count, requests[index] ?? 0)),
        settings({ totalHours: 10, pupilWeightPercent: 100 }),
      );
    const byId = tied([100, 100, 100], [1, 1, 1]);
    expect(byId.ok && byId.lines.map((line) => [line.locationId, line.hours])).toEqual([
      ['c', 3],
      ['a', 4],
      ['b', 3],
    ]);
  });

  it('refuses bad input with a reason', () => {
    const schools = [school('a', 100, 1)];
    expect(allocateHours(schools, settings({ totalHours: -5 }))).toEqual({
      ok: false,
      problem: 'total_not_positive',
    });
    expect(allocateHours(schools, settings({ pupilWeightPercent: 101 }))).toEqual({
      ok: false,
      problem: 'weight_out_of_range',
    });
    expect(allocateHours(schools, settings({ totalHours: 10, minimumHours: 11 }))).toEqual({
      ok: false,
      problem: 'minimum_exceeds_total',
    });
    expect(allocateHours(schools, settings({ totalHours: 10.5 }))).toEqual({
      ok: false,
      problem: 'not_a_multiple_of_unit',
    });
    expect(allocateHours([school('a', 0, 3)], settings())).toEqual({
      ok: false,
      problem: 'no_schools_with_pupils',
    });
  });
});

describe('R14: the worked example in docs/allocation.md', () => {
  it('R14: the program gives the hours worked out by hand', () => {
    const markdown = readFileSync(path.resolve(import.meta.dirname, '../../../docs/allocation.md'), 'utf8');
    const table =
      markdown.split('<!-- worked-example:start -->')[1]?.split('<!-- worked-example:end -->')[0] ?? '';
    const rows = table
      .split('\n')
      .filter((line) => /^\| [A-Z] \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows).toHaveLength(5);
    const result = allocateHours(
      rows.map((cells) => school(cells[1] ?? '', Number(cells[2]), Number(cells[3]))),
      settings({ totalHours: 200, pupilWeightPercent: 60, minimumHours: 10 }),
    );
    if (!result.ok) throw new Error(result.problem);
    expect(result.lines.map((line) => [line.locationId, line.rawHours.toFixed(1), line.hours])).toEqual(
      rows.map((cells) => [cells[1], cells[7], Number(cells[8])]),
    );
  });
});
