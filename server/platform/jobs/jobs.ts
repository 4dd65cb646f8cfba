import { createHash } from 'node:crypto';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Config } from '../../config.ts';
import { type DatabaseClient, DatabaseRoleError, databaseErrorOf, type RawResult } from '../../db/client.ts';

/**
 * The job platform: reminders, retention and mail that run outside a request, on pg-boss 10 in the
 * app's own database (schema `pgboss`).
 *
 * Where pg-boss connects, and as whom:
 * - PostgreSQL server: its own small pool on `JOBS_DATABASE_URL` (default `DATABASE_URL`), so polling
 *   never takes a connection the requests need. That URL's user is the jobs role (in the single-role
 *   setup the owner): it owns the schema `pgboss`, which pg-boss installs and later migrates itself at
 *   start (under its own advisory lock: instances starting together install it once). That needs
 *   CREATE on the database. It cannot be the runtime login role, which owns nothing (docs/adr/0004).
 *   Queues are created one instance at a time (see `createQueueLocked`). `passend_app` gets no grant
 *   on `pgboss`: requests cannot read or change jobs. We do not create the schema in a Drizzle
 *   migration: pg-boss owns its schema across its upgrades, and its tables have no tenant column for
 *   row-level security anyway.
 * - PGlite: one connection. pg-boss gets a `db` adapter whose every statement goes through
 *   `DatabaseClient.executeSql`, i.e. the same queue as the app's transactions: a pg-boss statement
 *   runs between two transactions, never inside one, and a failed pg-boss script is rolled back
 *   before the next request (see client.ts). It runs as PGlite's own (owner) user.
 *
 * Job data lands in plain tables outside row-level security, kept up to 14 days after the job ran:
 * it carries ids (a tenant id, a meeting id), never personal data. A handler reads what it needs
 * through `withTenant`.
 *
 * Exactly once: pg-boss hands each job to one worker in one process (`FOR UPDATE SKIP LOCKED`), and
 * `send` with a `singletonKey` creates at most one job per queue and key (see `send`). A job whose
 * handler fails is retried, and a process that dies mid-job leaves it to be retried after it expires,
 * so a handler with an effect outside the database (a mail) records that effect in the same
 * transaction as it queues it and skips what is already recorded.
 */

/** A JSON value as pg-boss stores it (jsonb). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a job carries: ids and settings, never personal data. */
export type JobData = { [key: string]: JsonValue };

/** Does one job; a thrown error makes pg-boss retry it later (up to the queue's retry limit). */
export type JobHandler<Data extends JobData> = (
  data: Data,
  job: { id: string; queue: string },
) => Promise<void>;

export type QueueOptions = {
  /** Retries after the first failure (default 5, with exponential back-off from `retryDelaySeconds`). */
  retryLimit?: number;
  /** The first retry waits between this and twice this (default 60 s); each next one doubles. */
  retryDelaySeconds?: number;
  /** A handler running longer counts as failed and is retried (default 15 minutes). */
  expireInSeconds?: number;
};

export type SendOptions = {
  /** One job per queue and key: a second send with the same key is ignored (returns null). */
  singletonKey?: string;
  /** Not before this moment. */
  startAfter?: Date;
};

/** Where the job platform logs (the app's pino logger fits). */
export type JobsLog = {
  [level in 'debug' | 'info' | 'error']: (details: Record<string, unknown>, message: string) => void;
};

export type JobsOptions = {
  database: DatabaseClient;
  /** The app's database setting: on the server pg-boss opens its own pool on its jobs URL. */
  connection: Config['database'];
  /** `JOBS=on`: start pg-boss. Off: nothing is queued or run, `send` and `schedule` are ignored. */
  enabled: boolean;
  log: JobsLog;
  /** Shorter intervals for tests; production uses pg-boss's defaults (2 s polling, 30 s cron check). */
  timing?: { pollingIntervalSeconds?: number; cronIntervalSeconds?: number };
  /** How long `stop` lets running handlers finish (default 15 s); unfinished jobs are retried later. */
  stopTimeoutSeconds?: number;
};

/** The time zone of every schedule. */
export const scheduleTimeZone = 'Europe/Amsterdam';

// Completed and failed jobs stay in pg-boss's job table this long (then 7 days in its archive):
// while they do, a send with the same singleton key is ignored.
const keepFinishedJobsSeconds = 7 * 24 * 60 * 60;
const queueNamePattern = /^[a-z][a-z0-9-]{0,49}$/;

type Queue = {
  handler: JobHandler<JobData>;
  options: QueueOptions;
  /** Settles when the queue exists and its worker runs (only once the platform runs). */
  ready: Promise<void> | null;
};

/** Thrown to pg-boss instead of the handler's own error, so no message with personal data is stored. */
class JobFailed extends Error {}

/** pg-boss on the app's database: queues with a worker, schedules in Europe/Amsterdam, sends, a graceful stop. */
export class Jobs {
  private readonly queues = new Map<string, Queue>();
  private readonly schedules = new Map<string, { cron: string; data: JobData }>();
  // Everything started here and not yet settled (statements, handlers): `stop` waits for it.
  private readonly inFlight = new Set<Promise<unknown>>();
  private boss: PgBoss | null = null;
  private pool: pg.Pool | null = null;
  private starting: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: JobsOptions) {}

  /** Whether this process runs jobs (`JOBS=on`). */
  get isEnabled(): boolean {
    return this.options.enabled;
  }

  /**
   * Declares a queue and the handler of its jobs. Before `start` it is remembered; once running, the
   * queue is created (pg-boss 10 needs that before use) and its worker starts.
   */
  async register<Data extends JobData>(
    name: string,
    handler: JobHandler<Data>,
    options: QueueOptions = {},
  ): Promise<void> {
    assertQueueName(name);
    if (this.queues.has(name)) throw new Error(`Job queue ${name} already has a handler`);
    const queue: Queue = { handler: handler as JobHandler<JobData>, options, ready: null };
    this.queues.set(name, queue);
    if (this.isRunning) await this.activate(name, queue);
  }

  /**
   * Sends a job into the registered queue `name` on the cron expression `cron` (minutes, hours, day
   * of month, month, day of week), read in Europe/Amsterdam. Every instance may declare the same
   * schedule: pg-boss sends one job per due moment.
   */
  async schedule(name: string, cron: string, data: JobData = {}): Promise<void> {
    if (!this.queues.has(name)) throw new Error(`Register job queue ${name} before scheduling it`);
    this.schedules.set(name, { cron, data });
    if (this.isRunning) await this.applySchedule(name);
  }

  /**
   * Queues a job for the registered queue `name`; returns its id, or null when a job with the same
   * `singletonKey` exists already (queued, running, or finished in the last 7 days) or jobs are off.
   * Call it outside a transaction (in `transaction.afterCommit`): inside one, the job would not roll
   * back with it, and on PGlite it would wait for that very transaction.
   */
  async send<Data extends JobData>(
    name: string,
    data: Data,
    options: SendOptions = {},
  ): Promise<string | null> {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown job queue ${name}: register it first`);
    // Checked with jobs off too, so tests (which mostly run with jobs off) catch the mistake.
    if (this.options.database.isInsideTransaction) {
      throw new Error('Jobs.send cannot run inside a transaction: use transaction.afterCommit');
    }
    if (!this.options.enabled) {
      this.options.log.debug({ queue: name }, 'jobs are off: job not queued');
      return null;
    }
    if (!this.starting || this.stopping) throw new Error('The job platform is not running');
    await this.starting;
    await queue.ready;
    const boss = this.requireBoss();
    const { singletonKey, startAfter } = options;
    // pg-boss's own singletonKey deduplicates only in some queue policies and time slots. A job id
    // derived from queue and key makes the key unique in every state: pg-boss inserts with
    // ON CONFLICT DO NOTHING on (queue, id), also when two instances send at the same moment.
    return boss.send(name, data, {
      ...(singletonKey !== undefined ? { id: jobIdFor(name, singletonKey), singletonKey } : {}),
      ...(startAfter ? { startAfter } : {}),
    });
  }

  /** Starts pg-boss (installing or migrating its schema), the declared queues, workers and schedules. */
  start(): Promise<void> {
    if (!this.options.enabled) return Promise.resolve();
    this.starting ??= this.startBoss();
    return this.starting;
  }

  /**
   * Stops taking jobs, lets running handlers finish (up to the stop timeout; unfinished ones are
   * retried later, by this or another instance) and closes pg-boss's connections.
   */
  stop(): Promise<void> {
    if (!this.starting) return Promise.resolve();
    this.stopping ??= this.stopBoss();
    return this.stopping;
  }

  private get isRunning(): boolean {
    return this.boss !== null && this.stopping === null;
  }

  private async startBoss(): Promise<void> {
    const { timing = {} } = this.options;
    const boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => this.executeSql(text, values) },
      schema: 'pgboss',
      migrate: true,
      archiveCompletedAfterSeconds: keepFinishedJobsSeconds,
      ...(timing.cronIntervalSeconds
        ? {
            cronMonitorIntervalSeconds: timing.cronIntervalSeconds,
            cronWorkerIntervalSeconds: timing.cronIntervalSeconds,
          }
        : {}),
    });
    // Without a listener an 'error' event would end the process.
    boss.on('error', (error: unknown) =>
      this.options.log.error({ failure: describeFailure(error) }, 'job queue error'),
    );
    try {
      await boss.start();
    } catch (error) {
      if (databaseErrorOf(error)?.code !== '42501') throw error;
      throw new DatabaseRoleError(
        'The role of JOBS_DATABASE_URL (default DATABASE_URL) may not create or use the schema pgboss. ' +
          'Set JOBS_DATABASE_URL to the jobs role, which owns it (README, "Running on a PostgreSQL ' +
          'server"): the runtime role of DATABASE_URL owns nothing.',
        { cause: error },
      );
    }
    this.boss = boss;
    for (const [name, queue] of this.queues) await this.activate(name, queue);
    for (const name of this.schedules.keys()) await this.applySchedule(name);
    this.options.log.info({ queues: [...this.queues.keys()] }, 'jobs started');
  }

  private async stopBoss(): Promise<void> {
    await this.starting?.catch(() => {});
    const timeoutMs = (this.options.stopTimeoutSeconds ?? 15) * 1000;
    const deadline = Date.now() + timeoutMs;
    await this.boss
      ?.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs })
      .catch((error: unknown) =>
        this.options.log.error({ failure: describeFailure(error) }, 'job queue stop failed'),
      );
    // A worker may still finish a fetch it had begun, run that job and complete it without awaiting
    // the statement: wait until nothing of ours is in flight before the connection goes.
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.inFlight]), sleep(Math.max(0, deadline - Date.now()))]);
      await nextTurn();
    }
    await this.pool?.end();
    this.pool = null;
  }

  private activate(name: string, queue: Queue): Promise<void> {
    queue.ready ??= (async () => {
      const boss = this.requireBoss();
      const settings = {
        name,
        retryLimit: queue.options.retryLimit ?? 5,
        retryDelay: queue.options.retryDelaySeconds ?? 60,
        retryBackoff: true,
        expireInSeconds: queue.options.expireInSeconds ?? 15 * 60,
      };
      await boss.createQueue(name, settings);
      // createQueue leaves an existing queue as it was; the code is the source of its settings.
      await boss.updateQueue(name, settings);
      const pollingIntervalSeconds = this.options.timing?.pollingIntervalSeconds ?? 2;
      await boss.work<JobData>(name, { pollingIntervalSeconds, batchSize: 1 }, (jobs) =>
        this.handle(name, queue.handler, jobs),
      );
    })();
    return queue.ready;
  }

  private async applySchedule(name: string): Promise<void> {
    const schedule = this.schedules.get(name);
    const queue = this.queues.get(name);
    if (!schedule || !queue) return;
    await this.activate(name, queue);
    await this.requireBoss().schedule(name, schedule.cron, schedule.data, { tz: scheduleTimeZone });
  }

  private async handle(name: string, handler: JobHandler<JobData>, jobs: PgBoss.Job<JobData>[]) {
    for (const job of jobs) {
      try {
        await this.track(handler(job.data, { id: job.id, queue: name }));
      } catch (error) {
        const failure = describeFailure(error);
        this.options.log.error({ queue: name, jobId: job.id, failure }, 'job failed');
        throw new JobFailed(`job failed: ${failure.type}${failure.code ? ` ${failure.code}` : ''}`);
      }
    }
  }

  private executeSql(text: string, values?: unknown[]): Promise<RawResult> {
    const running = this.runSql(text, values);
    if (!isUnawaitedByPgBoss(text)) return this.track(running);
    // pg-boss's worker completes or fails a job without awaiting it: a failure there would be an
    // unhandled rejection that ends the process. The job stays active and is retried once it expires.
    return this.track(
      running.catch((error: unknown) => {
        this.options.log.error({ failure: describeFailure(error) }, 'job completion not recorded');
        return { rows: [{ count: 0 }] };
      }),
    );
  }

  private runSql(text: string, values?: unknown[]): Promise<RawResult> {
    const { connection, database } = this.options;
    if (connection.kind === 'pglite') return database.executeSql(text, values);
    if (!this.pool) {
      const pool = new pg.Pool({
        connectionString: connection.jobsUrl ?? connection.url,
        max: 3,
        application_name: 'passend-jobs',
      });
      // An idle connection that drops must not end the process; the next statement reports it.
      pool.on('error', (error) =>
        this.options.log.error({ failure: describeFailure(error) }, 'job queue connection lost'),
      );
      this.pool = pool;
    }
    if (isCreateQueue(text)) return createQueueLocked(this.pool, text, values);
    return this.pool.query(text, values).then(rowsOf);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const forget = () => this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('The job platform is not running');
    return this.boss;
  }
}

/** The rows of a `pg` result; several statements in one text (no values) give one result each. */
function rowsOf(result: unknown): RawResult {
  const results = result as RawResult | RawResult[];
  return Array.isArray(results) ? { rows: results.at(-1)?.rows ?? [] } : { rows: results.rows };
}

const createQueueLock = 7263540212;

function isCreateQueue(text: string): boolean {
  return /^SELECT \w+\.create_queue\(\$1, \$2\)$/.test(text.trim());
}

/**
 * Creates a queue holding an advisory lock. pg-boss's create_queue inserts the queue row and then
 * attaches a partition with a foreign key to the queue table: two instances creating queues at the
 * same moment (both starting on a fresh database) deadlock, and pg-boss swallows that error for its
 * internal cron queue, leaving schedules silently dead. One at a time, they cannot.
 */
async function createQueueLocked(pool: pg.Pool, text: string, values?: unknown[]): Promise<RawResult> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [createQueueLock]);
    const result = await client.query(text, values);
    await client.query('commit');
    return rowsOf(result);
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The job id of a singleton key: the same queue and key always give the same uuid. */
export function jobIdFor(queue: string, singletonKey: string): string {
  const hex = createHash('sha256').update(`passend-job\u0000${queue}\u0000${singletonKey}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// The two statements pg-boss 10's worker runs without awaiting: completing and failing jobs by id
// (jobs.test.ts checks these against pg-boss's own statements).
const unawaitedStatements = [
  /^\s*WITH results AS \(\s*UPDATE \w+\.job\s+SET completed_on = now\(\),\s+state = 'completed'/,
  /^\s*WITH deleted_jobs AS \(\s*DELETE FROM \w+\.job\s+WHERE name = \$1 AND id IN/,
];

/** Whether pg-boss runs this statement without awaiting it (so its failure must not reject). */
export function isUnawaitedByPgBoss(text: string): boolean {
  return unawaitedStatements.some((pattern) => pattern.test(text));
}

/** What is logged of a failure: its kind, code and where, never its message (it may quote data). */
function describeFailure(error: unknown): { type: string; code: string | null; [key: string]: unknown } {
  const database = databaseErrorOf(error);
  if (database) return { type: 'database', code: database.code, constraint: database.constraint };
  const { name, code, stack, queue } = (error ?? {}) as {
    name?: unknown;
    code?: unknown;
    stack?: unknown;
    queue?: unknown;
  };
  return {
    type: typeof name === 'string' ? name : 'Error',
    code: typeof code === 'string' ? code : null,
    ...(typeof queue === 'string' ? { queue } : {}),
    // The first line of a stack is the message; the frames after it say where without data.
    ...(typeof stack === 'string'
      ? {
          at: stack
            .split('\n')
            .slice(1, 6)
            .map((line) => line.trim()),
        }
      : {}),
  };
}

function assertQueueName(name: string): void {
  if (!queueNamePattern.test(name)) {
    throw new Error(`Job queue name ${name} must be lowercase letters, digits and dashes`);
  }
}
