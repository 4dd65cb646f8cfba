import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../config.ts';
import { DatabaseClient, queryRows } from '../../db/client.ts';
import { openTestDatabase } from '../../test/database.ts';
import { createHarness } from '../../test/harness.ts';
import { isUnawaitedByPgBoss, type JobData, Jobs, type JobsLog, jobIdFor, scheduleTimeZone } from './jobs.ts';

// Short intervals so a test sees a job within a second or two (production uses pg-boss's defaults).
const timing = { pollingIntervalSeconds: 0.5, cronIntervalSeconds: 1 };

type LogEntry = { level: string; details: Record<string, unknown>; message: string };

/** A log that keeps what it is given, to prove what is (not) logged. */
function memoryLog(): JobsLog & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: string) => (details: Record<string, unknown>, message: string) =>
    entries.push({ level, details, message });
  return { entries, debug: at('debug'), info: at('info'), error: at('error') };
}

/** Waits until `condition` holds, polling; fails after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

const stopAfterEach: Jobs[] = [];
afterEach(async () => {
  for (const jobs of stopAfterEach.splice(0)) await jobs.stop();
});

function startedLater(jobs: Jobs): Jobs {
  stopAfterEach.push(jobs);
  return jobs;
}

describe('jobs on the embedded database (PGlite)', () => {
  let database: DatabaseClient;
  const connection: Config['database'] = { kind: 'pglite', dataDir: null };

  beforeAll(async () => {
    database = await DatabaseClient.open(connection);
    await database.migrate();
  });
  afterAll(async () => {
    await database.close();
  });

  function newJobs(log: JobsLog = memoryLog()): Jobs {
    return startedLater(new Jobs({ database, connection, enabled: true, log, timing }));
  }

  it('a job sent is handled once; the same singleton key again, before or after it ran, is ignored', async () => {
    const jobs = newJobs();
    const handled: JobData[] = [];
    await jobs.register('test-once', async (data) => {
      handled.push(data);
    });
    await jobs.start();

    const id = await jobs.send('test-once', { meetingId: 'm-1' }, { singletonKey: 'm-1' });
    expect(id).toBe(jobIdFor('test-once', 'm-1'));
    expect(await jobs.send('test-once', { meetingId: 'm-1' }, { singletonKey: 'm-1' })).toBeNull();
    await waitFor(() => handled.length === 1);
    expect(await jobs.send('test-once', { meetingId: 'm-1' }, { singletonKey: 'm-1' })).toBeNull();
    // Without a key every send is a job of its own.
    expect(await jobs.send('test-once', { meetingId: 'm-2' })).toEqual(expect.any(String));
    await waitFor(() => handled.length === 2);
    await sleep(1500);
    expect(handled).toEqual([{ meetingId: 'm-1' }, { meetingId: 'm-2' }]);

    // pg-boss keeps its tables in its own schema, apart from the app's.
    const [schema] = await database.queryAsOwner<{ tables: number }>(
      sql`select count(*)::int as tables from pg_tables where schemaname = 'pgboss'`,
    );
    expect(schema?.tables).toBeGreaterThan(0);
  });

  it('a job starts no earlier than startAfter', async () => {
    const jobs = newJobs();
    const handledAt: number[] = [];
    await jobs.register('test-later', async () => {
      handledAt.push(Date.now());
    });
    await jobs.start();
    const startAfter = new Date(Date.now() + 2000);
    await jobs.send('test-later', {}, { startAfter });
    await waitFor(() => handledAt.length === 1);
    expect(handledAt[0]).toBeGreaterThanOrEqual(startAfter.getTime());
  });

  it('a scheduled job fires, with its cron read in Europe/Amsterdam', async () => {
    const jobs = newJobs();
    const handled: JobData[] = [];
    await jobs.register('test-tick', async (data) => {
      handled.push(data);
    });
    // Every minute: the current minute is due at once, so the first run comes within seconds.
    await jobs.schedule('test-tick', '* * * * *', { kind: 'retention' });
    await jobs.start();
    await waitFor(() => handled.length >= 1, 15_000);
    expect(handled[0]).toEqual({ kind: 'retention' });
    const [schedule] = await database.queryAsOwner<{ timezone: string; cron: string }>(
      sql`select timezone, cron from pgboss.schedule where name = 'test-tick'`,
    );
    expect(schedule).toEqual({ timezone: scheduleTimeZone, cron: '* * * * *' });
    expect(scheduleTimeZone).toBe('Europe/Amsterdam');
  });

  it('a failing handler is retried, and neither the log nor the job table keeps its message', async () => {
    const log = memoryLog();
    const jobs = newJobs(log);
    let attempts = 0;
    await jobs.register(
      'test-retry',
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('no mail for jan.jansen@example.nl');
      },
      { retryLimit: 2, retryDelaySeconds: 1 },
    );
    await jobs.start();
    const id = await jobs.send('test-retry', {});
    await waitFor(() => attempts === 2, 15_000);
    await sleep(1000);
    expect(attempts).toBe(2);

    const failures = log.entries.filter((entry) => entry.message === 'job failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.details).toMatchObject({
      queue: 'test-retry',
      jobId: id,
      failure: { type: 'Error' },
    });
    expect(JSON.stringify(log.entries)).not.toContain('jan.jansen');
    const rows = await database.queryAsOwner<{ output: unknown }>(
      sql`select output from pgboss.job where name = 'test-retry'`,
    );
    expect(JSON.stringify(rows)).not.toContain('jan.jansen');
  });

  it('pg-boss waits for an open app transaction on the one connection and never runs inside it', async () => {
    const jobs = newJobs();
    await jobs.register('test-queue-order', async () => {});
    await jobs.start();
    const tenantId = crypto.randomUUID();
    const events: string[] = [];
    let signalOpen = () => {};
    const open = new Promise<void>((resolve) => {
      signalOpen = resolve;
    });
    const transaction = database.withTenant(tenantId, async ({ db }) => {
      events.push('transaction begins');
      signalOpen();
      await sleep(300);
      // Still the app role with the tenant setting: no pg-boss statement slipped in between.
      const [row] = await queryRows<{ role: string; tenant: string }>(
        db,
        sql`select current_user as role, current_setting('app.tenant_id') as tenant`,
      );
      expect(row).toEqual({ role: 'passend_app', tenant: tenantId });
      events.push('transaction ends');
    });
    await open;
    // Sent from outside the transaction while it is open: it waits its turn.
    const sent = jobs.send('test-queue-order', {}).then((id) => {
      events.push('job sent');
      return id;
    });
    await transaction;
    expect(await sent).toEqual(expect.any(String));
    expect(events).toEqual(['transaction begins', 'transaction ends', 'job sent']);
  });

  it('send inside a transaction is refused (it would wait for that very transaction), jobs on or off', async () => {
    const jobs = newJobs();
    const off = new Jobs({ database, connection, enabled: false, log: memoryLog() });
    await jobs.register('test-refuse', async () => {});
    await off.register('test-refuse', async () => {});
    await jobs.start();
    for (const instance of [jobs, off]) {
      await expect(
        database.withTenant(crypto.randomUUID(), () => instance.send('test-refuse', {})),
      ).rejects.toThrow(/afterCommit/);
    }
    // In afterCommit it is fine.
    let id: string | null = null;
    await database.withTenant(crypto.randomUUID(), async (transaction) => {
      transaction.afterCommit(async () => {
        id = await jobs.send('test-refuse', {});
      });
    });
    expect(id).toEqual(expect.any(String));
  });

  it('refuses an unknown queue and a second handler for one queue', async () => {
    const jobs = newJobs();
    await jobs.register('test-known', async () => {});
    await expect(jobs.register('test-known', async () => {})).rejects.toThrow(/already/);
    await expect(jobs.schedule('test-unknown', '* * * * *')).rejects.toThrow(/Register/);
    await jobs.start();
    await expect(jobs.send('test-unknown', {})).rejects.toThrow(/Unknown job queue/);
  });

  it("recognises the two statements pg-boss's worker runs without awaiting, and only those", () => {
    const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as Record<
      string,
      (...args: unknown[]) => unknown
    >;
    const statement = (name: string, ...args: unknown[]) => {
      const plan = plans[name];
      if (!plan) throw new Error(`pg-boss has no plan ${name}`);
      const text = plan('pgboss', ...args);
      return typeof text === 'function' ? String(text({})) : String(text);
    };
    expect(isUnawaitedByPgBoss(statement('completeJobs'))).toBe(true);
    expect(isUnawaitedByPgBoss(statement('failJobsById'))).toBe(true);
    for (const other of [
      'cancelJobs',
      'resumeJobs',
      'deleteJobs',
      'retryJobs',
      'insertJob',
      'fetchNextJob',
      'getSchedules',
      'failJobsByTimeout',
    ]) {
      expect(isUnawaitedByPgBoss(statement(other)), other).toBe(false);
    }
  });
});

describe('jobs in the app', () => {
  it('are off in tests unless asked: nothing is queued and pg-boss is not installed', async () => {
    const harness = await createHarness();
    try {
      const { jobs } = harness.services;
      expect(jobs.isEnabled).toBe(false);
      await jobs.register('test-off', async () => {});
      expect(await jobs.send('test-off', {})).toBeNull();
      const [row] = await harness.database.queryAsOwner<{ installed: boolean }>(
        sql`select exists (select from pg_namespace where nspname = 'pgboss') as installed`,
      );
      expect(row?.installed).toBe(false);
    } finally {
      await harness.close();
    }
  });

  it('createHarness({ jobs: true }) runs them; closing the app stops them', async () => {
    const harness = await createHarness({ jobs: true });
    let closed = false;
    try {
      const { jobs } = harness.services;
      const handled: JobData[] = [];
      await jobs.register('test-in-app', async (data) => {
        handled.push(data);
      });
      await jobs.send('test-in-app', { tenantId: 'x' });
      await waitFor(() => handled.length === 1);
      await harness.close();
      closed = true;
      await expect(jobs.send('test-in-app', {})).rejects.toThrow(/not running/);
    } finally {
      if (!closed) await harness.close();
    }
  });
});

// Two app instances on one PostgreSQL server: each runs its own pg-boss with its own pool, as two
// processes would. CI sets TEST_DATABASE_URL; locally postgres://postgres@127.0.0.1:5432/postgres.
describe.runIf(process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL server', () => {
  let opened: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeAll(async () => {
    opened = await openTestDatabase();
  });
  afterAll(async () => {
    await opened?.drop();
  });

  it('each job runs exactly once across both instances, each key sent twice; a schedule once per due minute', async () => {
    const runs = new Map<string, string[]>();
    const ticks: Array<{ instance: string; at: number }> = [];
    const instances = ['one', 'two'].map((label) => {
      const jobs = startedLater(
        new Jobs({
          database: opened.database,
          connection: opened.connection,
          enabled: true,
          log: memoryLog(),
          timing,
        }),
      );
      return { label, jobs };
    });
    const begun = Date.now();
    for (const { label, jobs } of instances) {
      await jobs.register<{ key: string }>('test-reminder', async ({ key }) => {
        runs.set(key, [...(runs.get(key) ?? []), label]);
        // A little work, so both instances' workers get their share.
        await sleep(50);
      });
      await jobs.register('test-sweep', async () => {
        ticks.push({ instance: label, at: Date.now() });
      });
      await jobs.schedule('test-sweep', '* * * * *');
    }
    // Starting together on a fresh database: pg-boss installs its schema once.
    await Promise.all(instances.map(({ jobs }) => jobs.start()));
    const [one, two] = instances.map(({ jobs }) => jobs);
    if (!one || !two) throw new Error('two instances expected');

    const keys = Array.from({ length: 20 }, (_, index) => `meeting-${index}:reminder`);
    // Every key from both instances at the same moment.
    const ids = await Promise.all(
      keys.flatMap((key) => [
        one.send('test-reminder', { key }, { singletonKey: key }),
        two.send('test-reminder', { key }, { singletonKey: key }),
      ]),
    );
    expect(ids.filter((id) => id !== null)).toHaveLength(20);

    await waitFor(() => runs.size === 20, 20_000);
    await sleep(2000);
    // And once more after they ran: still nothing new.
    const again = await Promise.all(
      keys.map((key) => two.send('test-reminder', { key }, { singletonKey: key })),
    );
    expect(again.every((id) => id === null)).toBe(true);
    await sleep(1000);

    for (const key of keys) expect(runs.get(key), key).toHaveLength(1);
    expect([...runs.keys()].sort()).toEqual([...keys].sort());
    const handledBy = new Set([...runs.values()].flat());
    expect(handledBy).toEqual(new Set(['one', 'two']));

    // Both instances declared the schedule; it fired at most once per minute that passed.
    const ended = Date.now();
    const minutesSpanned = Math.floor(ended / 60_000) - Math.floor(begun / 60_000) + 1;
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks.length).toBeLessThanOrEqual(minutesSpanned);
  }, 45_000);
});
