import { and, eq } from 'drizzle-orm';
import type { Locale } from '../../../contracts/fields.ts';
import {
  type Allocation,
  type AllocationInput,
  type ScenarioComparison,
  type ScenarioComparisonInput,
  type ScenarioExportQuery,
  type ScenarioResult,
  scenarioListLimit,
  scenarioSchoolsPageSize,
} from '../../../contracts/hours.ts';
import type { FigureColumn, FigureRow, FigureTable } from '../../../contracts/reports.ts';
import { formatSchoolYear } from '../../../contracts/school-year.ts';
import { ValidationFailed } from '../../platform/http/errors.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import type { FigureDownload } from '../reports/figure-export.service.ts';
import { type AllocationLine, type AllocationSchool, allocateHours } from './allocation.rules.ts';
import { changeAgainstLastYear, type FairnessSchool, fairnessFigures } from './fairness.rules.ts';
import { allocations } from './hours.schema.ts';
import {
  type AllocationInputs,
  allocationProblemField,
  createAllocation,
  loadAllocationInputs,
  updateAllocationDraft,
} from './hours.service.ts';

/** One scenario as computed: its settings' outcome, its lines with last year's hours, its figures. */
export type ComputedScenario = {
  result: ScenarioResult;
  lines: Array<FairnessSchool & { name: string }>;
};

type FieldProblem = { path: string; code: string };

/**
 * Divides the same inputs by every scenario's settings and computes each one's fairness figures
 * (S3): pure, so the benchmark can time it without the database. Refusals of the key come back per
 * scenario, on the field they belong to (`scenarios.1.minimumHours`).
 */
export function computeScenarios(
  inputs: AllocationInputs,
  scenarios: ScenarioComparisonInput['scenarios'],
): { ok: true; scenarios: ComputedScenario[] } | { ok: false; problems: FieldProblem[] } {
  const schools: AllocationSchool[] = inputs.schools.map((school) => ({
    locationId: school.id,
    pupils: school.pupils,
    requests: school.requests,
  }));
  // The division's lines come in the order of the counted schools: their names, last year's hours and
  // positions are looked up once for every scenario.
  const counted = inputs.schools.filter((school) => school.pupils > 0);
  const names = counted.map((school) => school.name);
  const lastYearHours = counted.map((school) => inputs.lastYear.get(school.id) ?? null);
  const positionOf = new Map(counted.map((school, index) => [school.id, index]));
  const problems: FieldProblem[] = [];
  const computed: ComputedScenario[] = [];
  for (const [index, settings] of scenarios.entries()) {
    const totalSource = settings.totalHours === null ? 'team' : 'fixed';
    const totalHours = settings.totalHours ?? inputs.contractedHours - settings.setAsideHours;
    const result = allocateHours(schools, {
      totalHours,
      pupilWeightPercent: settings.pupilWeightPercent,
      minimumHours: settings.minimumHours,
      roundingUnit: settings.roundingUnit,
    });
    if (!result.ok) {
      // A year without any counted school is the same refusal for every scenario: one, on the year.
      if (result.problem === 'no_schools_with_pupils')
        return { ok: false, problems: [{ path: 'schoolYear', code: result.problem }] };
      problems.push({
        path: `scenarios.${index}.${allocationProblemField(result.problem, totalSource)}`,
        code: result.problem,
      });
      continue;
    }
    const lines = result.lines.map((line: AllocationLine, position) => ({
      locationId: line.locationId,
      name: names[position] ?? '',
      pupils: line.pupils,
      hours: line.hours,
      lastYearHours: lastYearHours[position] ?? null,
    }));
    const figures = fairnessFigures(lines);
    // The largest moves first (a school up from 0 hours before any percentage), then by name.
    const largestFirst = (ids: string[]) =>
      largestOf(
        ids.map((locationId) => {
          const line = lines[positionOf.get(locationId) ?? -1];
          const change = line ? changeAgainstLastYear(line.hours, line.lastYearHours) : null;
          return {
            line,
            size: change?.percent == null ? Number.POSITIVE_INFINITY : Math.abs(change.percent),
          };
        }),
        scenarioListLimit,
      ).map(({ line }) => ({ locationId: line?.locationId ?? '', name: line?.name ?? '' }));
    computed.push({
      lines,
      result: {
        totalHours,
        totalSource,
        effectivePupilWeightPercent: result.effectivePupilWeightPercent,
        // allocateHours refuses a year without counted schools, so there is always a figure here.
        hoursPer100Pupils: figures.hoursPer100Pupils ?? { min: 0, median: 0, max: 0 },
        gini: figures.gini,
        gainerCount: figures.gainers.length,
        gainers: largestFirst(figures.gainers),
        loserCount: figures.losers.length,
        losers: largestFirst(figures.losers),
      },
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenarios: computed };
}

/**
 * The `limit` entries of largest size, largest first and in their given order among equals: one pass
 * that keeps a short sorted list, instead of sorting thousands of moving schools to name 25.
 */
function largestOf<Entry extends { size: number }>(entries: readonly Entry[], limit: number): Entry[] {
  const kept: Entry[] = [];
  for (const entry of entries) {
    if (kept.length === limit && (kept[limit - 1] as Entry).size >= entry.size) continue;
    let position = kept.length;
    while (position > 0 && (kept[position - 1] as Entry).size < entry.size) position -= 1;
    kept.splice(position, 0, entry);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/**
 * Compares up to four scenarios of the allocation key of a school year (S3): the inputs are read
 * once, set-based, and every scenario divides them; nothing is stored.
 */
export async function compareScenarios(
  context: UseCaseContext,
  input: ScenarioComparisonInput,
): Promise<ScenarioComparison> {
  const inputs = await loadAllocationInputs(context.transaction, input.schoolYear, input.referenceYears);
  const outcome = computeScenarios(inputs, input.scenarios);
  if (!outcome.ok) throw new ValidationFailed(outcome.problems);
  const counted = inputs.schools.filter((school) => school.pupils > 0);
  await context.audit('allocations.previewed', null, {
    schoolYear: input.schoolYear,
    schools: counted.length,
    scenarios: input.scenarios.length,
  });
  return {
    schoolYear: inputs.schoolYear,
    pupilCountYear: inputs.pupilCountYear,
    referenceSchoolYears: inputs.referenceSchoolYears,
    contractedHours: inputs.contractedHours,
    hasLastYear: inputs.lastYear.size > 0,
    schoolCount: counted.length,
    excluded: inputs.schools
      .filter((school) => school.pupils <= 0)
      .map((school) => ({ locationId: school.id, name: school.name })),
    scenarios: outcome.scenarios.map((scenario) => scenario.result),
    schools: scenarioSchoolsTable(outcome.scenarios, inputs.schoolYear, context.locale, {
      offset: (input.page - 1) * scenarioSchoolsPageSize,
      limit: scenarioSchoolsPageSize,
    }),
    schoolsPage: { page: input.page, pageSize: scenarioSchoolsPageSize, total: counted.length },
    fairness: scenarioFairnessTable(outcome.scenarios, inputs.schoolYear, context.locale),
  };
}

/**
 * The comparison as a file, through the figure tables' own writers: CSV the hours of every school
 * (all pages), XLSX that and the fairness figures, one sheet each. Loaded on first use.
 */
export async function exportScenarios(
  context: UseCaseContext,
  query: ScenarioExportQuery,
  format: 'csv' | 'xlsx',
): Promise<FigureDownload> {
  const inputs = await loadAllocationInputs(context.transaction, query.schoolYear, query.referenceYears);
  const outcome = computeScenarios(inputs, query.scenarios);
  if (!outcome.ok) throw new ValidationFailed(outcome.problems);
  const schools = scenarioSchoolsTable(outcome.scenarios, inputs.schoolYear, context.locale);
  await context.audit('allocations.exported', null, { format, scenarios: query.scenarios.length });
  const { figureExportFileName, figureTableCsv, figureTablesXlsx } = await import(
    '../reports/figure-export.ts'
  );
  const fileName = figureExportFileName(schools.id, inputs.schoolYear, format);
  if (format === 'csv')
    return {
      fileName,
      contentType: 'text/csv; charset=utf-8',
      body: figureTableCsv(schools, context.locale),
    };
  const { xlsxContentType } = await import('../reports/figure-export.service.ts');
  return {
    fileName,
    contentType: xlsxContentType,
    body: await figureTablesXlsx(
      [schools, scenarioFairnessTable(outcome.scenarios, inputs.schoolYear, context.locale)],
      { locale: context.locale },
    ),
  };
}

/**
 * Makes a scenario's settings the school year's draft: changes the open draft, or creates a new
 * version when there is none, through the allocation screen's own use cases (and their rules: a
 * correction of an adopted version needs its reason).
 */
export async function makeScenarioDraft(
  context: UseCaseContext,
  input: AllocationInput,
): Promise<Allocation> {
  const [draft] = await context.db
    .select({ id: allocations.id })
    .from(allocations)
    .where(
      and(
        context.scope('allocations.manage', {}),
        eq(allocations.schoolYear, input.schoolYear),
        eq(allocations.status, 'draft'),
      ),
    );
  return draft ? updateAllocationDraft(context, draft.id, input) : createAllocation(context, input);
}

const percentOneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * The hours per school of every scenario with the change against last year's adopted allocation, as
 * a figure table (screen and downloads): one row per counted school — or a page of them: the screen
 * recomputes as the user types and cannot send 7,500 rows each time — and the total row over all.
 */
export function scenarioSchoolsTable(
  scenarios: readonly ComputedScenario[],
  schoolYear: number,
  locale: Locale,
  page?: { offset: number; limit: number },
): FigureTable {
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, `scenarios.${key}`, params);
  const none = () => scenarios.flatMap(() => [null, null, null]).concat(null);
  const columns: FigureColumn[] = [
    { key: 'last_year', label: t('table.lastYear'), unit: 'hours' },
    ...scenarios.flatMap((_, index): FigureColumn[] => {
      const number = index + 1;
      return [
        { key: `scenario_${number}_hours`, label: t('table.hours', { number }), unit: 'hours' },
        { key: `scenario_${number}_change`, label: t('table.change', { number }), unit: 'hours' },
        {
          key: `scenario_${number}_change_percent`,
          label: t('table.changePercent', { number }),
          unit: 'percent',
        },
      ];
    }),
  ];
  const first = scenarios[0]?.lines ?? [];
  const start = page?.offset ?? 0;
  const shown = page ? first.slice(start, start + page.limit) : first;
  const rows: FigureRow[] = shown.map((school, position) => {
    const row = start + position;
    return {
      key: school.locationId,
      label: school.name,
      values: [
        school.lastYearHours,
        ...scenarios.flatMap((scenario) => {
          const line = scenario.lines[row];
          const change = line ? changeAgainstLastYear(line.hours, line.lastYearHours) : null;
          return [
            line?.hours ?? null,
            change?.hours ?? null,
            change?.percent == null ? null : percentOneDecimal(change.percent),
          ];
        }),
      ],
      lastYear: none(),
      drillDown: null,
      isTotal: false,
    };
  });
  // The total's change is over the schools that have a change figure (not those new this year).
  const compared = first.filter((school) => school.lastYearHours !== null);
  const lastYearTotal = compared.reduce((sum, school) => sum + (school.lastYearHours ?? 0), 0);
  rows.push({
    key: 'total',
    label: t('table.total'),
    values: [
      compared.length === 0 ? null : lastYearTotal,
      ...scenarios.flatMap((scenario) => {
        const total = scenario.lines.reduce((sum, line) => sum + line.hours, 0);
        const change = scenario.lines.reduce(
          (sum, line) => sum + (line.lastYearHours === null ? 0 : line.hours - line.lastYearHours),
          0,
        );
        return [
          total,
          compared.length === 0 ? null : change,
          lastYearTotal === 0 ? null : percentOneDecimal((change / lastYearTotal) * 100),
        ];
      }),
    ],
    lastYear: none(),
    drillDown: null,
    isTotal: true,
  });
  return {
    id: 'allocation_scenarios',
    section: 'team',
    title: t('table.title', { year: formatSchoolYear(schoolYear) }),
    description: t('table.description'),
    rowHeader: t('table.school'),
    columns,
    rows,
    chartColumn: null,
  };
}

/** The fairness figures of every scenario as a figure table: one row per scenario (the chart draws it). */
export function scenarioFairnessTable(
  scenarios: readonly ComputedScenario[],
  schoolYear: number,
  locale: Locale,
): FigureTable {
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, `scenarios.${key}`, params);
  const columns: FigureColumn[] = [
    { key: 'total_hours', label: t('fairness.totalHours'), unit: 'hours' },
    { key: 'per_100_min', label: t('fairness.min'), unit: 'hours' },
    { key: 'per_100_median', label: t('fairness.median'), unit: 'hours' },
    { key: 'per_100_max', label: t('fairness.max'), unit: 'hours' },
    // The Gini coefficient (0–1) as an index of 0–100, the unit figure tables know.
    { key: 'gini', label: t('fairness.gini'), unit: 'percent' },
    { key: 'gainers', label: t('fairness.gainers'), unit: 'count' },
    { key: 'losers', label: t('fairness.losers'), unit: 'count' },
  ];
  const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
  return {
    id: 'allocation_scenario_fairness',
    section: 'team',
    title: t('fairness.title', { year: formatSchoolYear(schoolYear) }),
    description: t('fairness.description'),
    rowHeader: t('fairness.scenario'),
    columns,
    rows: scenarios.map(({ result }, index) => ({
      key: `scenario_${index + 1}`,
      label: t('name', { number: index + 1 }),
      values: [
        result.totalHours,
        round(result.hoursPer100Pupils.min, 2),
        round(result.hoursPer100Pupils.median, 2),
        round(result.hoursPer100Pupils.max, 2),
        round(result.gini * 100, 1),
        result.gainerCount,
        result.loserCount,
      ],
      lastYear: columns.map(() => null),
      drillDown: null,
      isTotal: false,
    })),
    chartColumn: 2,
  };
}
