import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateHours } from './allocation.rules.ts';
import {
  changeAgainstLastYear,
  type FairnessSchool,
  fairnessFigures,
  giniOfHoursPerPupil,
  median,
} from './fairness.rules.ts';

const markdown = readFileSync(path.resolve(import.meta.dirname, '../../../docs/allocation.md'), 'utf8');

/** The cells of the table between `<!-- name:start -->` and `<!-- name:end -->`, header and rule left out. */
function tableOf(name: string): string[][] {
  const table = markdown.split(`<!-- ${name}:start -->`)[1]?.split(`<!-- ${name}:end -->`)[0] ?? '';
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  if (rows.length === 0) throw new Error(`no table ${name} in docs/allocation.md`);
  return rows;
}

const number = (text: string | undefined) => Number(text);
const names = (text: string | undefined) => (text === '—' ? [] : (text ?? '').split(', '));
// "−3 (−4.7 %)" → hours −3 and percent −4.7; "—" → no change.
function changeOf(text: string | undefined) {
  if (text === '—') return null;
  const match = /^([+−]\d+(?:\.\d+)?) \(([+−]\d+(?:\.\d+)?) %\)$/.exec(text ?? '');
  if (!match) throw new Error(`not a change: ${text}`);
  const signed = (value: string | undefined) => Number((value ?? '').replace('−', '-').replace('+', ''));
  return { hours: signed(match[1]), percent: signed(match[2]) };
}

describe('S3: the worked example in docs/allocation.md', () => {
  const schools = tableOf('scenario-schools').map(([name, pupils, requests, lastYear]) => ({
    locationId: name ?? '',
    pupils: number(pupils),
    requests: number(requests),
    lastYearHours: lastYear === '—' ? null : number(lastYear),
  }));
  const scenarios = tableOf('scenario-settings').map(([, total, weight, minimum, rounding]) => ({
    totalHours: number(total),
    pupilWeightPercent: number(weight),
    minimumHours: number(minimum),
    roundingUnit: number(rounding) === 0.5 ? (0.5 as const) : (1 as const),
  }));
  const computed = scenarios.map((settings) => {
    const result = allocateHours(schools, settings);
    if (!result.ok) throw new Error(result.problem);
    const lines: FairnessSchool[] = result.lines.map((line, index) => ({
      locationId: line.locationId,
      pupils: line.pupils,
      hours: line.hours,
      lastYearHours: schools[index]?.lastYearHours ?? null,
    }));
    return { lines, figures: fairnessFigures(lines) };
  });

  it('S3: has six schools and two scenarios', () => {
    expect(schools).toHaveLength(6);
    expect(computed).toHaveLength(2);
  });

  it('S3: the hours, hours per 100 pupils and changes per school are those worked out by hand', () => {
    const rows = tableOf('scenario-results');
    expect(rows.map((row) => row[0])).toEqual(schools.map((school) => school.locationId));
    for (const [index, row] of rows.entries()) {
      for (const [scenario, { lines }] of computed.entries()) {
        const line = lines[index];
        if (!line) throw new Error('missing line');
        const [hours, per100, change] = row.slice(1 + scenario * 3, 4 + scenario * 3);
        expect(line.hours).toBe(number(hours));
        expect((line.hours * 100) / line.pupils).toBeCloseTo(number(per100), 3);
        const expected = changeOf(change);
        const actual = changeAgainstLastYear(line.hours, line.lastYearHours);
        if (expected === null) expect(actual).toBeNull();
        else {
          expect(actual?.hours).toBe(expected.hours);
          // The document rounds to one decimal, half away from zero.
          expect(
            (Math.sign(actual?.percent ?? 0) * Math.round(Math.abs(actual?.percent ?? 0) * 10)) / 10,
          ).toBe(expected.percent);
        }
      }
    }
  });

  it('S3: the fairness figures are those worked out by hand', () => {
    const rows = new Map(tableOf('scenario-fairness').map((row) => [row[0], row.slice(1)]));
    for (const [scenario, { figures }] of computed.entries()) {
      const cell = (label: string) => rows.get(label)?.[scenario];
      expect(figures.hoursPer100Pupils?.min).toBeCloseTo(number(cell('lowest per 100 pupils')), 10);
      expect(figures.hoursPer100Pupils?.median).toBeCloseTo(number(cell('median per 100 pupils')), 10);
      expect(figures.hoursPer100Pupils?.max).toBeCloseTo(number(cell('highest per 100 pupils')), 10);
      expect(figures.gini).toBeCloseTo(number(cell('Gini')), 12);
      expect(figures.gainers).toEqual(names(cell('gain more than 10 %')));
      expect(figures.losers).toEqual(names(cell('lose more than 10 %')));
    }
  });
});

/** The Gini coefficient straight from its definition: every pair of pupils, O(n²). */
function giniByDefinition(schools: { pupils: number; hours: number }[]): number {
  const pupils = schools.reduce((sum, school) => sum + school.pupils, 0);
  const hours = schools.reduce((sum, school) => sum + school.hours, 0);
  let sum = 0;
  for (const a of schools) for (const b of schools) sum += Math.abs(a.hours * b.pupils - b.hours * a.pupils);
  return sum / (2 * pupils * hours);
}

const school = (
  locationId: string,
  pupils: number,
  hours: number,
  lastYearHours: number | null,
): FairnessSchool => ({ locationId, pupils, hours, lastYearHours });

describe('S3: fairness figures, edge cases', () => {
  it('S3: one school: its own figures, no spread', () => {
    const figures = fairnessFigures([school('a', 250, 40, 40)]);
    expect(figures).toEqual({
      hoursPer100Pupils: { min: 16, median: 16, max: 16 },
      gini: 0,
      gainers: [],
      losers: [],
    });
  });

  it('S3: equal hours per pupil everywhere gives a Gini coefficient of 0', () => {
    expect(
      giniOfHoursPerPupil([
        { pupils: 100, hours: 10 },
        { pupils: 300, hours: 30 },
        { pupils: 50, hours: 5 },
      ]),
    ).toBe(0);
  });

  it('S3: all hours to one of many pupils’ schools approaches 1 (weighted by pupils)', () => {
    // 900 of 1,000 pupils get nothing: G = 1 − 100/1,000 = 0.9.
    expect(
      giniOfHoursPerPupil([
        { pupils: 900, hours: 0 },
        { pupils: 100, hours: 50 },
      ]),
    ).toBeCloseTo(0.9, 12);
  });

  it('S3: a school with 0 hours last year has a change in hours but no percentage, and gains', () => {
    expect(changeAgainstLastYear(12, 0)).toEqual({ hours: 12, percent: null });
    const figures = fairnessFigures([school('a', 100, 12, 0), school('b', 100, 10, 10)]);
    expect(figures.gainers).toEqual(['a']);
    expect(fairnessFigures([school('a', 100, 0, 0)]).gainers).toEqual([]);
  });

  it('S3: a new school has no change figure and is never a gainer or loser', () => {
    expect(changeAgainstLastYear(30, null)).toBeNull();
    expect(fairnessFigures([school('new', 100, 30, null)])).toMatchObject({ gainers: [], losers: [] });
  });

  it('S3: exactly 10 % is not more than 10 %; just over is', () => {
    const figures = fairnessFigures([
      school('up10', 100, 22, 20),
      school('down10', 100, 18, 20),
      school('up', 100, 22.5, 20),
      school('down', 100, 17.5, 20),
    ]);
    expect(figures).toMatchObject({ gainers: ['up'], losers: ['down'] });
  });

  it('S3: schools without pupils are not counted', () => {
    const figures = fairnessFigures([school('empty', 0, 0, 20), school('a', 200, 20, 20)]);
    expect(figures).toMatchObject({ hoursPer100Pupils: { min: 10, median: 10, max: 10 }, losers: [] });
    expect(fairnessFigures([]).hoursPer100Pupils).toBeNull();
  });

  it('S3: the median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
  });

  it('S3: the one-pass Gini equals the pairwise definition, whatever the order of the schools', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pupils: fc.integer({ min: 1, max: 1500 }),
            halfHours: fc.integer({ min: 0, max: 400 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (entries) => {
          const schools = entries.map((entry) => ({ pupils: entry.pupils, hours: entry.halfHours / 2 }));
          if (schools.every((entry) => entry.hours === 0)) return;
          const gini = giniOfHoursPerPupil(schools);
          expect(gini).toBeCloseTo(giniByDefinition(schools), 12);
          expect(giniOfHoursPerPupil([...schools].reverse())).toBeCloseTo(gini, 12);
          expect(gini).toBeGreaterThanOrEqual(0);
          expect(gini).toBeLessThan(1);
        },
      ),
    );
  });
});
