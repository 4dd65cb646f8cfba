import type { FigureFilter, Figures, FigureTable } from '../../../contracts/reports.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { type FigureScope, figureScopeOf } from './figure-scope.ts';
import type { RawFigureTable } from './figure-table.ts';
import { pointFigureTables } from './point-figures.ts';
import { publishFigureTable } from './suppression.rules.ts';
import { teamFigureTables } from './team-figures.ts';

/**
 * The year's figures (S1) of the schools in the viewer's reach: the expertise team's, then the
 * expertise points', each table with last year beside it, P9 applied outside the staff office — or,
 * with `forceSuppression`, for every viewer (the annual report leaves the partnership: S2).
 */
export async function figuresOf(
  context: UseCaseContext,
  filter: FigureFilter,
  options: { forceSuppression?: boolean } = {},
): Promise<Figures> {
  const reach = await figureScopeOf(context, filter);
  const scope = options.forceSuppression ? { ...reach, isSuppressed: true } : reach;
  const raw: RawFigureTable[] = [];
  if (filter.section !== 'points') raw.push(...(await teamFigureTables(context, scope)));
  if (filter.section !== 'team') raw.push(...(await pointFigureTables(context, scope)));
  await context.audit('reports.figures_viewed', null, {
    schoolYear: filter.schoolYear,
    section: filter.section ?? 'all',
    schools: scope.locationIds.length,
  });
  return {
    schoolYear: scope.schoolYear,
    period: scope.period,
    lastYearPeriod: scope.lastYearPeriod,
    isSuppressed: scope.isSuppressed,
    tables: publishedTables(raw, scope),
  };
}

/** The tables as they may leave the server: P9 applied where the scope says so. */
export function publishedTables(
  raw: readonly RawFigureTable[],
  scope: Pick<FigureScope, 'isSuppressed'>,
): FigureTable[] {
  return raw.map((table) => publishFigureTable(table, { suppress: scope.isSuppressed }));
}
