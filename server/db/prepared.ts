import { sql } from 'drizzle-orm';
import type { DbTransaction } from './client.ts';

/** A Drizzle query builder with `sql.placeholder` values, before it is prepared. */
type Preparable<Result> = { prepare(name: string): Prepared<Result> };
type Prepared<Result> = { execute(values?: Record<string, unknown>): Promise<Result> };

const names = new Set<string>();

/**
 * A query a route runs on every request (a target's row by id), built once per pooled connection and
 * prepared on the server under its name: neither Drizzle nor PostgreSQL builds and plans it again. For
 * the detail of a location that halved the cost of the whole request (docs/benchmarks.md, issue 14):
 * planning a query through the row-level security of four tables costs more than running it.
 *
 * The values go in as `sql.placeholder(name)`. On the embedded database every transaction has a handle
 * of its own, so the query is built each time, like any other. A pooler in front of the server must keep
 * prepared statements per client (PgBouncer 1.21+ with `max_prepared_statements`, or session mode).
 */
export function preparedQuery<Values extends Record<string, unknown>, Result>(
  name: string,
  build: (db: DbTransaction) => Preparable<Result>,
): (db: DbTransaction, values: Values) => Promise<Result> {
  // The server knows a statement by its name: two queries under one name would run each other's text.
  if (names.has(name)) throw new Error(`two prepared queries are named ${name}`);
  names.add(name);
  const byHandle = new WeakMap<DbTransaction, Prepared<Result>>();
  return (db, values) => {
    let prepared = byHandle.get(db);
    if (!prepared) {
      prepared = build(db).prepare(name);
      byHandle.set(db, prepared);
    }
    return prepared.execute(values);
  };
}

/** The id of a `rowById` query, as its builder writes it: `eq(table.id, idPlaceholder)`. */
export const idPlaceholder = sql.placeholder('id');

/**
 * One row by id as two prepared queries: `name` to read it, `name_for_update` to lock it for a command
 * (the builder adds `for update` when `lock` is set). What a target's `load` runs on every request.
 */
export function rowById<Row>(
  name: string,
  build: (db: DbTransaction, lock: boolean) => Preparable<Row[]>,
): (db: DbTransaction, id: string, lock: boolean) => Promise<Row | undefined> {
  const read = preparedQuery<{ id: string }, Row[]>(name, (db) => build(db, false));
  const locked = preparedQuery<{ id: string }, Row[]>(`${name}_for_update`, (db) => build(db, true));
  return async (db, id, lock) => {
    const [row] = await (lock ? locked : read)(db, { id });
    return row;
  };
}
