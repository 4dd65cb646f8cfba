import type { MyWorkItem, MyWorkKind } from '../../../contracts/my-work.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';

/**
 * A module's contribution to "Mijn werk": counts of what waits for the actor, each with a link to the
 * list that shows exactly those rows. It counts in set-based SQL inside the call's one transaction,
 * through the same policy filter as the linked list, and reads the day from the context's clock.
 */
export type MyWorkSource = (context: UseCaseContext) => Promise<MyWorkItem[]>;

/** The items of counted rows, leaving out every count of 0. */
export function itemsOf(
  counted: ReadonlyArray<{
    kind: MyWorkKind;
    count: number | string | null | undefined;
    to: string;
    severity?: MyWorkItem['severity'];
  }>,
): MyWorkItem[] {
  return counted.flatMap(({ kind, count, to, severity }) => {
    const value = Number(count ?? 0);
    return value > 0 ? [{ kind, count: value, to, severity: severity ?? 'info' }] : [];
  });
}

/** A web path with its query string, leaving out empty values. */
export function pathWith(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
