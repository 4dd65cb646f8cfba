import type { Transaction } from '../../db/client.ts';
import type { Action, Actor, ResourceScope } from '../access/policies.ts';

/**
 * A kind of row a route acts on, as the kernel loads it through the policy: how to read it, what it
 * offers the policy check, and which action lets someone see it at all. Each module defines its own.
 */
export type Target<Row> = {
  /** Without one of these actions on the row, the row does not exist for the actor (404, never 403). */
  readAction: Action | readonly Action[];
  /** Reads the row by id in the use case's transaction (`lock`: `for update`, for a command). */
  load(transaction: Transaction, id: string, options: { lock: boolean }): Promise<Row | undefined>;
  /**
   * Where the row sits, for the policy: partnership, location, owner, participants. The owner may
   * depend on the action (a signal's author for the author's own list, the mentor for the pupil file).
   */
  scopeOf(row: Row, action: Action): ResourceScope;
  /** A further condition to see the row beyond the scope (e.g. a draft only at its own school). */
  isVisible?(actor: Actor, row: Row, may: (action: Action, scope: ResourceScope) => boolean): boolean;
};

/** Declares a target; a module keeps its targets beside its schema. */
export function defineTarget<Row>(target: Target<Row>): Target<Row> {
  return target;
}
