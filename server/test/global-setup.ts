import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseClient } from '../db/client.ts';
import { migratedDumpVariable } from './database.ts';

/**
 * Migrates one embedded database for the whole test run and leaves its dump for the test files: each
 * starts from it instead of creating and migrating a PGlite database of its own (about 3 s a file).
 * With TEST_DATABASE_URL the files use the server and this does nothing.
 */
export default async function setup() {
  if (process.env.TEST_DATABASE_URL) return () => {};
  const database = await DatabaseClient.open({ kind: 'pglite', dataDir: null });
  await database.migrate();
  const dump = await database.dumpDataDirectory();
  await database.close();
  const folder = mkdtempSync(path.join(tmpdir(), 'passend-test-'));
  const file = path.join(folder, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env[migratedDumpVariable] = file;
  return () => rmSync(folder, { recursive: true, force: true });
}
