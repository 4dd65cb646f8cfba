import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tenants } from '../platform/tenants/tenants.schema.ts';
import { DatabaseClient, DataDirectoryInUse } from './client.ts';

// These tests are about the embedded driver (PGlite on a data directory), so they always use it.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function temporaryDataDir(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'passend-db-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** Opens and remembers to close (closing twice is harmless here: errors are swallowed). */
async function open(dataDir: string | null): Promise<DatabaseClient> {
  const client = await DatabaseClient.open({ kind: 'pglite', dataDir });
  cleanups.push(() => client.close().catch(() => {}));
  return client;
}

async function insertTenant(database: DatabaseClient, name: string): Promise<string> {
  const id = crypto.randomUUID();
  await database.withTenant(id, ({ db }) =>
    db.insert(tenants).values({ id, slug: `t-${id.slice(0, 8)}`, name }),
  );
  return id;
}

async function tenantNames(database: DatabaseClient): Promise<string[]> {
  const rows = await database.queryAsOwner<{ name: string }>(sql`select name from tenants order by name`);
  return rows.map((row) => row.name);
}

describe('embedded data directory lock', () => {
  it('a second open of the same data directory is refused; the first keeps working and loses nothing', async () => {
    const dataDir = temporaryDataDir();
    const first = await open(dataDir);
    await first.migrate();
    await insertTenant(first, 'SWV before');

    const second = await DatabaseClient.open({ kind: 'pglite', dataDir }).then(
      (client) => {
        cleanups.push(() => client.close().catch(() => {}));
        return client;
      },
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(DataDirectoryInUse);
    expect((second as Error).message).toContain(dataDir);

    // The refused attempt did not take the lock away from the first client.
    expect(readFileSync(path.join(dataDir, 'passend.lock'), 'utf8').trim()).toBe(String(process.pid));
    await insertTenant(first, 'SWV after');
    expect(await tenantNames(first)).toEqual(['SWV after', 'SWV before']);
    await first.close();
    expect(existsSync(path.join(dataDir, 'passend.lock'))).toBe(false);

    const reopened = await open(dataDir);
    expect(await reopened.isReady()).toBe(true);
    expect(await tenantNames(reopened)).toEqual(['SWV after', 'SWV before']);
  });

  it('a lock held by another live process is refused with a message naming the directory', async () => {
    const dataDir = temporaryDataDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    cleanups.push(() => {
      holder.kill();
    });
    expect(holder.pid).toBeTypeOf('number');
    writeFileSync(path.join(dataDir, 'passend.lock'), String(holder.pid));

    const attempt = await DatabaseClient.open({ kind: 'pglite', dataDir }).then(
      async (client) => {
        await client.close();
        return client;
      },
      (error: unknown) => error,
    );
    expect(attempt).toBeInstanceOf(DataDirectoryInUse);
    expect((attempt as Error).message).toContain(dataDir);
    expect((attempt as Error).message).toContain(String(holder.pid));
    // The other process's lock file is left alone.
    expect(readFileSync(path.join(dataDir, 'passend.lock'), 'utf8')).toBe(String(holder.pid));
  });

  it('a stale lock file (its process is gone) is taken over and released on close', async () => {
    const dataDir = temporaryDataDir();
    const finished = spawnSync(process.execPath, ['-e', '0']);
    const deadPid = finished.pid;
    expect(deadPid).toBeGreaterThan(0);
    expect(() => process.kill(deadPid, 0)).toThrow();
    const lockFile = path.join(dataDir, 'passend.lock');
    writeFileSync(lockFile, String(deadPid));

    const database = await open(dataDir);
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    await database.migrate();
    await insertTenant(database, 'SWV stale');
    await database.close();
    expect(existsSync(lockFile)).toBe(false);
  });
});

describe('PGlite transactions', () => {
  it('are serialised: a second transaction does not run between the statements of the first', async () => {
    const database = await open(null);
    await database.migrate();
    const log: string[] = [];
    const firstId = crypto.randomUUID();
    const secondId = crypto.randomUUID();

    const first = database.withTenant(firstId, async ({ db }) => {
      log.push('first: start');
      await db.insert(tenants).values({ id: firstId, slug: 'first', name: 'First' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await db.execute(sql`select 1`);
      log.push('first: end');
    });
    const second = database.withTenant(secondId, async ({ db }) => {
      log.push('second: start');
      await db.insert(tenants).values({ id: secondId, slug: 'second', name: 'Second' });
      log.push('second: end');
    });
    await Promise.all([first, second]);
    expect(log.slice(0, 3)).toEqual(['first: start', 'first: end', 'second: start']);
    expect(await tenantNames(database)).toEqual(['First', 'Second']);
  });

  it('a query started during a transaction neither sees its uncommitted rows nor runs inside it', async () => {
    const database = await open(null);
    await database.migrate();
    const log: string[] = [];
    const id = crypto.randomUUID();
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const rolledBack = database
      .withTenant(id, async ({ db }) => {
        await db.insert(tenants).values({ id, slug: 'rolled-back', name: 'Rolled back' });
        log.push('transaction: inserted');
        started();
        await new Promise((resolve) => setTimeout(resolve, 50));
        log.push('transaction: failing');
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    await firstStarted;
    const count = await database.queryAsOwner<{ n: number }>(sql`select count(*)::int as n from tenants`);
    log.push(`owner query: ${count[0]?.n}`);
    expect(await rolledBack).toBe('roll back');
    expect(log).toEqual(['transaction: inserted', 'transaction: failing', 'owner query: 0']);
  });

  it('a failing transaction does not block the ones queued behind it', async () => {
    const database = await open(null);
    await database.migrate();
    const failing = database.withTenant(crypto.randomUUID(), async ({ db }) => {
      await db.execute(sql`select 1`);
      throw new Error('boom');
    });
    const following = insertTenant(database, 'After failure');
    await expect(failing).rejects.toThrow('boom');
    await following;
    expect(await tenantNames(database)).toEqual(['After failure']);
  });
});

describe('isReady', () => {
  it('is false on a fresh, unmigrated database and true after migrate', async () => {
    const database = await open(null);
    expect(await database.isReady()).toBe(false);
    await database.migrate();
    expect(await database.isReady()).toBe(true);
  });

  it('is false once the database is closed', async () => {
    const database = await open(null);
    await database.migrate();
    await database.close();
    expect(await database.isReady()).toBe(false);
  });
});
