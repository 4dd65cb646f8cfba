import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Config } from '../config.ts';
import { DatabaseClient } from '../db/client.ts';

/** Names the file with a migrated PGlite data directory that the test run's global setup made. */
export const migratedDumpVariable = 'PASSEND_TEST_PGLITE_DUMP';

/**
 * A migrated database for one test file: PGlite in memory, or — when TEST_DATABASE_URL is set — a
 * fresh database on that PostgreSQL server, dropped again by `drop()`. `connection` is the setting
 * that names it (the job platform opens its own pool on the server).
 */
export async function openTestDatabase(): Promise<{
  database: DatabaseClient;
  connection: Config['database'];
  drop: () => Promise<void>;
}> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dump = process.env[migratedDumpVariable];
    const database = await DatabaseClient.open({
      kind: 'pglite',
      dataDir: null,
      ...(dump ? { startFrom: new Blob([readFileSync(dump)]) } : {}),
    });
    await database.migrate();
    return { database, connection: { kind: 'pglite', dataDir: null }, drop: () => database.close() };
  }
  const name = `passend_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await DatabaseClient.open({ kind: 'pg', url: url.toString(), poolSize: 5 });
  await database.migrate();
  return {
    database,
    connection: { kind: 'pg', url: url.toString() },
    drop: async () => {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
