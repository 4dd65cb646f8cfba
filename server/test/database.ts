import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Config } from '../config.ts';
import { DatabaseClient } from '../db/client.ts';

/** Names the file with a migrated PGlite data directory that the test run's global setup made. */
export const migratedDumpVariable = 'PASSEND_TEST_PGLITE_DUMP';

/**
 * The roles of a production server (README, "Running on a PostgreSQL server"), as the tests create
 * them: the owner runs the migrations, the runtime role runs the app, the jobs role runs pg-boss.
 */
export const serverRoles = {
  owner: 'passend_owner',
  runtime: 'passend_runtime',
  jobs: 'passend_jobs',
} as const;

/**
 * A migrated database for one test file: PGlite in memory, or — when TEST_DATABASE_URL (a superuser)
 * is set — a fresh database on that PostgreSQL server, dropped again by `drop()`. On the server the
 * file runs the way production does: the database belongs to the owner role, which migrates it; the
 * app connects as the runtime role (owns nothing, can only become passend_app); pg-boss as the jobs
 * role. `queryAsOwner` gets the superuser, since row-level security binds the owner as well.
 * `connection` is the setting that names it (the job platform opens its own pool on the server).
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
  await ensureServerRoles(serverUrl);
  const name = `passend_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, [`create database ${name} owner ${serverRoles.owner}`]);
  // pg-boss creates its schema itself, as the jobs role.
  await adminQuery(urlOf(serverUrl, name), [`grant create on database ${name} to ${serverRoles.jobs}`]);
  const connection = {
    kind: 'pg' as const,
    url: urlOf(serverUrl, name, serverRoles.runtime),
    migrationUrl: urlOf(serverUrl, name, serverRoles.owner),
    jobsUrl: urlOf(serverUrl, name, serverRoles.jobs),
  };
  const database = await DatabaseClient.open({
    ...connection,
    inspectionUrl: urlOf(serverUrl, name),
    poolSize: 5,
  });
  await database.migrate();
  return {
    database,
    connection,
    drop: async () => {
      await database.close();
      await adminQuery(serverUrl, [`drop database if exists ${name} with (force)`]);
    },
  };
}

/** The server URL pointed at another database, and optionally another user (trust auth: no password). */
export function urlOf(serverUrl: string, database: string, user?: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

// Roles belong to the whole server and test files run in parallel (and other runs beside them): the
// creation is serialised by an advisory lock on the admin database and tolerates a creator outside it.
// The statements are the README's, apart from passwords (the test server trusts 127.0.0.1).
// The owner inherits: its right to create tables in the schema public comes from owning the database
// (pg_database_owner), which a NOINHERIT role would not use. The runtime role must not inherit: alone
// it can do nothing, only SET ROLE passend_app.
const roleAttributes: Array<[string, string]> = [
  ['passend_app', 'NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'],
  ['passend_lookup', 'NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'],
  [serverRoles.owner, 'LOGIN INHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'],
  [serverRoles.runtime, 'LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'],
  [serverRoles.jobs, 'LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'],
];
const roleStatements = roleAttributes.flatMap(([role, attributes]) => [
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} ${attributes}; END IF;
   EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
   END $$`,
  // passend_app may come from migration 0000 of another run: only the roles of the tests are reset.
  ...(role === 'passend_app' ? [] : [`ALTER ROLE ${role} ${attributes}`]),
]);

let rolesEnsured: Promise<void> | null = null;

function ensureServerRoles(serverUrl: string): Promise<void> {
  rolesEnsured ??= adminQuery(serverUrl, [
    'begin',
    'select pg_advisory_xact_lock(7263540213)',
    ...roleStatements,
    `grant passend_app to ${serverRoles.runtime}`,
    `grant passend_app, passend_lookup to ${serverRoles.owner}`,
    'commit',
  ]).catch((error: unknown) => {
    rolesEnsured = null;
    throw error;
  });
  return rolesEnsured;
}

async function adminQuery(url: string, statements: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
