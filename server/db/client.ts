import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { uuidPattern } from '../../contracts/fields.ts';
import { idempotencyKeys } from '../platform/idempotency/idempotency.schema.ts';
import { type IdempotencyClaim, IdempotencyKeyReused, idempotencyScope } from './idempotency-scope.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** The Drizzle handle inside a transaction. */
export type DbTransaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** A unit of work: one transaction as the app role, bound to one partnership (or to none). */
export type Transaction = {
  db: DbTransaction;
  tenantId: string | null;
  /** The rows of the transaction's opening statement (see `TransactionOptions.opening`), else empty. */
  openingRows: unknown[];
  /** Runs after a successful commit (e.g. sending mail), never when the transaction rolls back. */
  afterCommit(task: () => Promise<void>): void;
};

/**
 * How a transaction starts. `opening` is one statement run right after the partnership is set, in the
 * same round trip on a server: a plain SQL text with no parameters, so every value in it must be a
 * literal its builder has validated (the kernel's session check, built from a uuid and a date).
 */
export type TransactionOptions = {
  opening?: string;
  /**
   * The work only reads (a GET). On a server it then runs without BEGIN and COMMIT, each statement on
   * its own, with the partnership and role set for the pooled connection in the opening round trip
   * (every use of a pooled connection sets them first, so they never carry over). On the embedded
   * database it is a transaction like any other.
   */
  readOnly?: boolean;
};

/** The rows of a raw SQL text (the last statement's when the text holds several). */
export type RawResult = { rows: unknown[] };

export type DatabaseOptions =
  | {
      kind: 'pglite';
      dataDir: string | null;
      /** In memory only: start from this dump of a data directory (tests start from a migrated one). */
      startFrom?: Blob;
    }
  | {
      kind: 'pg';
      /** The runtime login role: owns nothing and can only become passend_app (docs/adr/0004). */
      url: string;
      /** The owner role that applies migrations; default `url` (the single-role setup). */
      migrationUrl?: string;
      /**
       * Tests and benchmarks only: where `queryAsOwner` runs (default the migration URL). The test
       * harness passes its superuser, since row-level security binds the owner as well.
       */
      inspectionUrl?: string;
      poolSize?: number;
    };

/** Runs a raw SQL statement and returns its rows, the same for both drivers. */
export async function queryRows<T>(db: Pick<Database, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

/** The PostgreSQL error code and constraint of a failed query, looking through driver wrappers. */
export function databaseErrorOf(error: unknown): { code: string; constraint: string | null } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: typeof constraint === 'string' ? constraint : null };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The message PostgreSQL gave for a failed query, without the driver's wrapping (and its SQL text). */
function databaseMessageOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return message;
    current = (current as { cause?: unknown }).cause;
  }
  return 'permission denied';
}

/** Whether a query failed on a unique constraint (optionally a named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const failure = databaseErrorOf(error);
  return failure?.code === '23505' && (!constraint || failure.constraint === constraint);
}

/** Thrown when the database cannot be reached; the HTTP layer answers 503. */
export class DatabaseUnavailable extends Error {}

/** Thrown when a database role may not do what Passend needs, or may do more than it should. */
export class DatabaseRoleError extends Error {}

/** Thrown when a second process opens the same embedded data directory. */
export class DataDirectoryInUse extends Error {}

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations',
);

// The quoting of runStatements' literals relies on it (a backslash is an ordinary character).
const conformingStrings = "set_config('standard_conforming_strings', 'on', true)";

/**
 * The one way the application reaches PostgreSQL: embedded PGlite or a `pg` pool, with tenant-bound
 * transactions, migrations and a readiness probe.
 */
export class DatabaseClient {
  readonly kind: 'pglite' | 'pg';
  private readonly db: Database;
  private readonly closeDriver: () => Promise<void>;
  private readonly migrateDriver: () => Promise<void>;
  private readonly executeDriver: (text: string, values?: unknown[]) => Promise<RawResult>;
  private readonly dumpDriver: (() => Promise<Blob>) | null;
  private readonly ownerQueryDriver: <T>(query: SQL) => Promise<T[]>;
  private readonly transactDriver: TransactDriver;
  private readonly executeBatchDriver: (text: string, statements: number) => Promise<unknown[][]>;
  // Marks the code running inside one of our transactions (see isInsideTransaction).
  private readonly transactionScope = new AsyncLocalStorage<true>();
  // PGlite has one connection: transactions must run one after another, never interleaved.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;
  private failureListener: ((error: unknown) => void) | null = null;
  private closed = false;

  private constructor(parts: {
    kind: 'pglite' | 'pg';
    db: Database;
    close: () => Promise<void>;
    migrate: () => Promise<void>;
    execute: (text: string, values?: unknown[]) => Promise<RawResult>;
    dump?: () => Promise<Blob>;
    /** Defaults to the app's own connection. */
    queryAsOwner?: <T>(query: SQL) => Promise<T[]>;
    transact: TransactDriver;
    executeBatch?: (text: string, statements: number) => Promise<unknown[][]>;
  }) {
    this.transactDriver = parts.transact;
    this.executeBatchDriver =
      parts.executeBatch ??
      (() => {
        throw new Error('only a server runs statements in one text');
      });
    this.kind = parts.kind;
    this.db = parts.db;
    this.closeDriver = parts.close;
    this.migrateDriver = parts.migrate;
    this.executeDriver = parts.execute;
    this.dumpDriver = parts.dump ?? null;
    this.ownerQueryDriver = parts.queryAsOwner ?? (<T>(query: SQL) => queryRows<T>(parts.db, query));
    this.serialise = parts.kind === 'pglite';
  }

  /** Opens the database named by the options; embedded mode locks its data directory first. */
  static async open(options: DatabaseOptions): Promise<DatabaseClient> {
    if (options.kind === 'pg') {
      const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
      // An idle client losing its connection must not crash the process; the next query reports it.
      pool.on('error', () => {});
      const db = drizzleNodePostgres(pool, { schema }) as unknown as Database;
      const migrationUrl = options.migrationUrl ?? options.url;
      const inspectionUrl = options.inspectionUrl ?? migrationUrl;
      // Opened on first use only: a running Passend never queries as the owner.
      let ownerPool: pg.Pool | null = null;
      // Never the runtime pool: its connections carry the settings of the last read.
      let ownerDatabase: Database | null = null;
      const ownerDb = () => {
        if (!ownerDatabase) {
          ownerPool = new pg.Pool({ connectionString: inspectionUrl, max: options.poolSize ?? 10 });
          ownerPool.on('error', () => {});
          ownerDatabase = drizzleNodePostgres(ownerPool) as unknown as Database;
        }
        return ownerDatabase;
      };
      return new DatabaseClient({
        kind: 'pg',
        db,
        close: async () => {
          await pool.end();
          await ownerPool?.end();
        },
        migrate: async () => {
          // The owner's own connection: the advisory lock and the migrations share it.
          const client = new pg.Client({ connectionString: migrationUrl });
          await client.connect();
          try {
            // Two instances starting together must not both migrate.
            await client.query('select pg_advisory_lock(7263540211)');
            await migrateNodePostgres(drizzleNodePostgres(client), { migrationsFolder });
          } catch (error) {
            if (databaseErrorOf(error)?.code !== '42501') throw error;
            throw new DatabaseRoleError(
              `Migrations are pending and the role of MIGRATION_DATABASE_URL (default DATABASE_URL) may not ` +
                `apply them (${databaseMessageOf(error)}). Run \`npm run db:migrate\` with ` +
                'MIGRATION_DATABASE_URL set to the owner role (README, "Running on a PostgreSQL server").',
              { cause: error },
            );
          } finally {
            await client.query('select pg_advisory_unlock(7263540211)').catch(() => {});
            await client.end();
          }
        },
        queryAsOwner: <T>(query: SQL) => queryRows<T>(ownerDb(), query),
        transact: (tenantId, opening, readOnly, work) =>
          (readOnly ? readOnServer : transactOnServer)(pool, tenantId, opening, work),
        executeBatch: (text, statements) =>
          inTransactionOnServer(pool, async (client) => {
            const results = (await client.query(text)) as unknown as RawResult[];
            // The results of BEGIN and the settings come first, COMMIT's last.
            return results.slice(2, 2 + statements).map((result) => result.rows);
          }),
        execute: async (text, values) => {
          const client = await pool.connect();
          try {
            readerSettings.delete(client);
            // As the login role itself, in no partnership: a read may have left its settings here.
            await client.query(
              "reset role; reset default_transaction_read_only; select set_config('app.tenant_id', '', false)",
            );
            // Several statements in one text (no values) give one result per statement.
            const result = (await client.query(text, values)) as unknown as RawResult | RawResult[];
            return Array.isArray(result) ? { rows: result.at(-1)?.rows ?? [] } : { rows: result.rows };
          } finally {
            client.release();
          }
        },
      });
    }
    const releaseLock = options.dataDir ? lockDataDirectory(options.dataDir) : () => {};
    try {
      const client = options.dataDir
        ? new PGlite(path.join(options.dataDir, 'pgdata'))
        : new PGlite(options.startFrom ? { loadDataDir: options.startFrom } : {});
      await client.waitReady;
      const db = drizzlePglite(client, { schema }) as unknown as Database;
      return new DatabaseClient({
        kind: 'pglite',
        db,
        close: async () => {
          await client.close();
          releaseLock();
        },
        migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
        transact: (tenantId, opening, _readOnly, work) =>
          db.transaction(async (tx) => {
            await tx.execute(
              sql`select set_config('app.tenant_id', ${tenantId ?? ''}, true), set_config('role', 'passend_app', true)`,
            );
            const openingRows = opening ? await queryRows<unknown>(tx, sql.raw(opening)) : [];
            return work(tx, openingRows);
          }),
        dump: async () => (await client.dumpDataDir('none')) as Blob,
        execute: async (text, values) => {
          // Runs in the queue (see executeSql), so no transaction of ours can be open here; if one is,
          // something ran outside the queue and joining it would be wrong.
          if (client.isInTransaction()) throw new Error('PGlite is inside a transaction outside the queue');
          try {
            if (!values || values.length === 0) {
              // The simple protocol: the text may hold several statements (pg-boss's schema scripts).
              const results = await client.exec(text);
              return { rows: results.at(-1)?.rows ?? [] };
            }
            // node-postgres sends undefined as NULL; PGlite needs it spelled out.
            const result = await client.query(
              text,
              values.map((value) => (value === undefined ? null : value)),
            );
            return { rows: result.rows };
          } finally {
            // A script that failed after its BEGIN leaves the one connection in an aborted
            // transaction; close it so the next request does not inherit it.
            if (client.isInTransaction()) await client.exec('ROLLBACK').catch(() => {});
          }
        },
      });
    } catch (error) {
      releaseLock();
      throw error;
    }
  }

  /**
   * Applies pending migrations (forward only). On a server it connects as the migration (owner) role,
   * and only when something is pending: an instance whose migrations were applied by
   * `npm run db:migrate` starts without the owner's URL.
   */
  async migrate(): Promise<void> {
    if (this.kind === 'pg' && (await this.isReady())) return;
    return this.run(() => this.migrateDriver());
  }

  /** The embedded database's data directory as one file (tests start from a migrated one). */
  dumpDataDirectory(): Promise<Blob> {
    const dump = this.dumpDriver;
    if (!dump) throw new Error('only an embedded database can be dumped');
    return this.run(dump);
  }

  /** Registers a listener for database failures (used to log them without personal data). */
  onFailure(listener: (error: unknown) => void): void {
    this.failureListener = listener;
  }

  /**
   * Runs `work` in one transaction as the app role with `app.tenant_id` set for this transaction
   * only, so row-level security limits every query to that partnership.
   */
  withTenant<T>(
    tenantId: string,
    work: (transaction: Transaction) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    if (!uuidPattern.test(tenantId)) throw new Error('withTenant needs a tenant id (uuid)');
    return this.transaction(tenantId, work, options);
  }

  /**
   * Runs `work` as the app role without a partnership: every partnership table looks empty. Only for
   * the sign-in lookup of a partnership by e-mail address.
   */
  withoutTenant<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.transaction(null, work, {});
  }

  /**
   * Runs statements as one unit in a partnership, in a single round trip on a server (BEGIN, settings,
   * the statements, COMMIT as one text), and returns each statement's rows. The statements take no
   * parameters: only for texts whose every value a builder has validated or quoted itself (the
   * confirmation of reads, which runs for every read and so must cost one round trip).
   */
  async runStatements(tenantId: string, statements: string[]): Promise<unknown[][]> {
    if (!uuidPattern.test(tenantId)) throw new Error('runStatements needs a tenant id (uuid)');
    if (this.kind === 'pg') {
      const text = [
        `begin read write; select set_config('app.tenant_id', '${tenantId}', true), set_config('role', 'passend_app', true), ${conformingStrings}`,
        ...statements,
        'commit',
      ].join(';\n');
      return this.run(() => this.executeBatchDriver(text, statements.length));
    }
    return this.withTenant(tenantId, async ({ db }) => {
      await db.execute(sql.raw(`select ${conformingStrings}`));
      const results: unknown[][] = [];
      for (const statement of statements) results.push(await queryRows<unknown>(db, sql.raw(statement)));
      return results;
    });
  }

  /** Whether the database answers and every migration in the folder has been applied. */
  async isReady(): Promise<boolean> {
    const expected = countMigrationFiles();
    try {
      // As passend_app, like every request: the runtime login role may read nothing itself.
      const [row] = await this.withoutTenant(({ db }) =>
        queryRows<{ applied: number }>(
          db,
          sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
        ),
      );
      return Number(row?.applied) === expected;
    } catch {
      return false;
    }
  }

  /**
   * Runs a raw SQL text with `$n` values as the connecting login role itself, outside tenancy and
   * outside any transaction of ours: the database adapter of the job queue (pg-boss) on PGlite, and
   * the start-up check of the login role on a server (server/db/roles.ts). Without values
   * the text may hold several statements. On PGlite it waits its turn in the same queue as the
   * transactions, so it never runs inside one; called from inside a transaction it would wait for
   * that very transaction, so it refuses.
   */
  async executeSql(text: string, values?: unknown[]): Promise<RawResult> {
    if (this.isInsideTransaction) {
      throw new Error('executeSql cannot run inside a transaction: use transaction.afterCommit');
    }
    return this.run(() => this.executeDriver(text, values));
  }

  /** Whether the caller runs inside `withTenant`/`withoutTenant` (its async context, not the queue). */
  get isInsideTransaction(): boolean {
    return this.transactionScope.getStore() === true;
  }

  /**
   * Runs one statement outside tenancy on the owner's (inspection) connection: tests and benchmarks
   * only. On PGlite that is its superuser; on a server the migration URL, or the `inspectionUrl`
   * the test harness gives (a superuser: row-level security binds the owner too).
   */
  queryAsOwner<T>(query: SQL): Promise<T[]> {
    return this.run(() => this.ownerQueryDriver<T>(query));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => {});
    await this.closeDriver();
  }

  private async transaction<T>(
    tenantId: string | null,
    work: (transaction: Transaction) => Promise<T>,
    options: TransactionOptions,
  ) {
    const tasks: Array<() => Promise<void>> = [];
    const result = await this.run(() =>
      this.transactDriver(
        tenantId,
        options.opening ?? null,
        options.readOnly ?? false,
        async (tx, openingRows) => {
          const unit = () =>
            this.transactionScope.run(true, () =>
              work({ db: tx, tenantId, openingRows, afterCommit: (task) => tasks.push(task) }),
            );
          const claim = idempotencyScope.getStore();
          if (!claim || claim.claimed || !tenantId) return unit();
          claim.claimed = true;
          return runOnce(tx, tenantId, claim, unit);
        },
      ),
    );
    for (const task of tasks) await task();
    return result;
  }

  private run<T>(operation: () => Promise<T>): Promise<T> {
    const guarded = async () => {
      if (this.closed) throw new DatabaseUnavailable('database closed');
      try {
        return await operation();
      } catch (error) {
        if (isConnectionFailure(error)) {
          this.failureListener?.(error);
          throw new DatabaseUnavailable('database unavailable', { cause: error });
        }
        throw error;
      }
    };
    if (!this.serialise) return guarded();
    // PGlite runs in this thread and settles its promises without touching the event loop: without a
    // turn of the loop between operations, a full queue would starve the sockets (new requests, and
    // even /healthz, would wait for the whole queue to drain).
    const yielded = () => new Promise<void>((resolve) => setImmediate(resolve)).then(guarded);
    const next = this.queue.then(yielded, yielded);
    this.queue = next.catch(() => {});
    return next;
  }
}

/** Runs work in one transaction as the app role in a partnership, given the opening's rows. */
type TransactDriver = <T>(
  tenantId: string | null,
  opening: string | null,
  readOnly: boolean,
  work: (tx: DbTransaction, openingRows: unknown[]) => Promise<T>,
) => Promise<T>;

// The partnership a pooled connection was set up for by a read (role passend_app, read-only by default,
// app.tenant_id), so the next read of that partnership on it needs no settings round trip. A command's
// transaction sets its own, transaction-local, settings; a raw statement resets them (and this entry).
const readerSettings = new WeakMap<pg.PoolClient, string | null>();

// One Drizzle handle per pooled connection, made once: building one per transaction costs more than
// the queries of a small read.
const serverHandles = new WeakMap<pg.PoolClient, DbTransaction>();

/**
 * A transaction on the server in as few round trips as the protocol allows: BEGIN, the partnership
 * and role settings and the opening statement travel as one simple-protocol text (no parameters: the
 * tenant id is a validated uuid, the opening's values are validated literals), then the work, then
 * COMMIT. Drizzle's own transaction would spend three round trips before the first query.
 */
async function transactOnServer<T>(
  pool: pg.Pool,
  tenantId: string | null,
  opening: string | null,
  work: (tx: DbTransaction, openingRows: unknown[]) => Promise<T>,
): Promise<T> {
  return inTransactionOnServer(pool, async (client) => {
    // A read may have made the connection read-only by default (see readOnServer).
    const openingRows = await openOnServer(client, tenantId, opening, 'begin read write;', true);
    const result = await work(serverHandleOf(client), openingRows);
    await client.query('commit');
    return result;
  });
}

/** Work that opens a transaction on a pooled connection: a failure rolls it back before the connection is reused. */
async function inTransactionOnServer<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    return await work(client);
  } catch (error) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A connection that could not even roll back is not given to the next request.
    client.release(broken);
  }
}

/**
 * A read on the server: one round trip sets the partnership and the role for the pooled connection and
 * runs the opening; then each statement of the work runs on its own. Nothing is left to commit or
 * roll back, which saves two of the three round trips a small read would otherwise spend on them.
 */
async function readOnServer<T>(
  pool: pg.Pool,
  tenantId: string | null,
  opening: string | null,
  work: (tx: DbTransaction, openingRows: unknown[]) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    // The connection may still be set up for this very partnership by the read before: then the work
    // is the only round trip.
    let openingRows: unknown[] = [];
    if (opening || readerSettings.get(client) !== tenantId) {
      readerSettings.delete(client);
      openingRows = await openOnServer(client, tenantId, opening, '', false);
      readerSettings.set(client, tenantId);
    }
    return await work(serverHandleOf(client), openingRows);
  } catch (error) {
    broken = isConnectionFailure(error);
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The first round trip of a unit of work on the server: settings (and BEGIN) with the opening. */
async function openOnServer(
  client: pg.PoolClient,
  tenantId: string | null,
  opening: string | null,
  prefix: string,
  isLocal: boolean,
): Promise<unknown[]> {
  if (tenantId !== null && !uuidPattern.test(tenantId)) throw new Error('tenant id must be a uuid');
  // A read's connection refuses writes: a GET that wrote would do so without a transaction around it.
  const readOnly = isLocal ? '' : `, set_config('default_transaction_read_only', 'on', false)`;
  const setup = `${prefix} select set_config('app.tenant_id', '${tenantId ?? ''}', ${isLocal}), set_config('role', 'passend_app', ${isLocal})${readOnly}`;
  const results = (await client.query(opening ? `${setup}; ${opening}` : setup)) as unknown as RawResult[];
  return opening ? (results.at(-1)?.rows ?? []) : [];
}

function serverHandleOf(client: pg.PoolClient): DbTransaction {
  let handle = serverHandles.get(client);
  if (!handle) {
    handle = drizzleNodePostgres(client, { schema }) as unknown as DbTransaction;
    serverHandles.set(client, handle);
  }
  return handle;
}

/**
 * The create behind an `Idempotency-Key`, at most once: a stored result of the same request is
 * answered again (JSON, as the route sends it) and the work is skipped; the same key with another
 * request is refused. Two concurrent first attempts both run, and the second one's insert fails on
 * the unique key, rolling its work back.
 */
async function runOnce<T>(
  tx: DbTransaction,
  tenantId: string,
  claim: IdempotencyClaim,
  unit: () => Promise<T>,
): Promise<T> {
  const [stored] = await tx
    .select({ requestHash: idempotencyKeys.requestHash, result: idempotencyKeys.result })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key)));
  if (stored) {
    if (stored.requestHash !== claim.requestHash) throw new IdempotencyKeyReused();
    return stored.result as T;
  }
  const result = await unit();
  await tx.insert(idempotencyKeys).values({
    tenantId,
    userId: claim.userId,
    key: claim.key,
    requestHash: claim.requestHash,
    // Round-tripped through JSON so a replay answers exactly what the first response serialised.
    result: result === undefined ? null : JSON.parse(JSON.stringify(result)),
  });
  return result;
}

function countMigrationFiles(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

const connectionErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);

function isConnectionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: string }).code;
    const message = String((current as { message?: string }).message ?? '');
    if (code && (connectionErrorCodes.has(code) || code.startsWith('08') || code === '57P01')) return true;
    if (
      /Connection terminated|connection timeout|PGlite is closed|Client has encountered a connection error/i.test(
        message,
      )
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// Two processes on one PGlite directory would silently lose writes, so the first one holds a lock
// file with its pid; a stale file (its process gone) is taken over.
const directoriesLockedHere = new Set<string>();

function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'passend.lock');
  if (directoriesLockedHere.has(lockFile)) {
    throw new DataDirectoryInUse(`The data directory ${dataDir} is already open in this process.`);
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const descriptor = openSync(lockFile, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      directoriesLockedHere.add(lockFile);
      return () => {
        directoriesLockedHere.delete(lockFile);
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (holder && holder !== process.pid && isProcessAlive(holder)) {
        throw new DataDirectoryInUse(
          `The data directory ${dataDir} is in use by another Passend process (pid ${holder}). ` +
            'Stop that process first, or start this one with another DATA_DIR.',
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirectoryInUse(`Could not lock the data directory ${dataDir}.`);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
