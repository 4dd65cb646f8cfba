import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import type { FigureScope } from './figure-scope.ts';
import type { RawFigureTable } from './figure-table.ts';

/** The tables of the expertise team's figures (S1) over the scope's schools and periods. */
export async function teamFigureTables(
  context: UseCaseContext,
  scope: FigureScope,
): Promise<RawFigureTable[]> {
  void context;
  void scope;
  return [];
}
