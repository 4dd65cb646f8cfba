import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
  .optional();

const environmentSchema = z.object({
  DATABASE_URL: postgresUrl,
  MIGRATION_DATABASE_URL: postgresUrl,
  JOBS_DATABASE_URL: postgresUrl,
  DATABASE_ROLE_CHECK: z.enum(['refuse', 'warn']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BASE_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Passend <noreply@passend.localhost>'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'text']).optional(),
  LOG_REQUESTS: booleanFromEnv.optional(),
  SEED_DEMO: booleanFromEnv.optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  BENCH_ROUTES: booleanFromEnv.default(false),
  TEST_CLOCK: booleanFromEnv.default(false),
  JOBS: z.enum(['on', 'off']).default('on'),
});

/** A PostgreSQL server and the roles Passend connects as there (docs/adr/0004-database-roles.md). */
export type ServerDatabase = {
  kind: 'pg';
  /** `DATABASE_URL`: the runtime login role, which owns nothing and can only become passend_app. */
  url: string;
  /** `MIGRATION_DATABASE_URL`: the owner role that applies migrations (default `url`). */
  migrationUrl?: string;
  /** `JOBS_DATABASE_URL`: the role of the job queue, owner of the schema pgboss (default `url`). */
  jobsUrl?: string;
  /**
   * `DATABASE_ROLE_CHECK`: what a start does when the runtime role can do more than it should (owns
   * tables, BYPASSRLS, superuser, other roles): refuse, or start with a warning (default warn).
   */
  roleCheck?: 'refuse' | 'warn';
};

export type Config = {
  database: { kind: 'pglite'; dataDir: string | null } | ServerDatabase;
  dataDir: string;
  port: number;
  host: string;
  baseUrl: string;
  secureCookies: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  secret: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  /** `LOG_FORMAT`: one JSON object per line (for log collectors), or short lines of text for a person. */
  logFormat: 'json' | 'text';
  /** `LOG_REQUESTS`: one line per answered request; errors are logged either way. */
  logRequests: boolean;
  seedDemo: boolean | null;
  trustProxy: boolean;
  benchRoutes: boolean;
  /** Browser tests only: the date can be set through `PUT /test/clock` (embedded database, plain http). */
  testClock: boolean;
  /** Whether this process runs the job queue (pg-boss): its workers, schedules and maintenance. */
  jobs: boolean;
};

/** Thrown when the environment holds a wrong value; the message names every wrong variable. */
export class ConfigError extends Error {}

/**
 * Reads and validates all settings once; in embedded mode the secret is created in the data directory.
 * Whether standard output is a terminal decides how the log looks unless LOG_FORMAT/LOG_REQUESTS say.
 */
export function loadConfig(
  environment: NodeJS.ProcessEnv = process.env,
  isTerminal: boolean = process.stdout.isTTY === true,
): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const baseUrl = (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  let secret = env.SESSION_SECRET;
  if (!secret) {
    if (env.DATABASE_URL) {
      throw new ConfigError(
        'Invalid configuration:\n  SESSION_SECRET: required when DATABASE_URL is set (at least 32 characters, the same on every instance)',
      );
    }
    secret = readOrCreateSecret(dataDir);
  }
  // The outbox lets a functional admin read other people's reset links: acceptable for a demo on the
  // embedded database, never for a real deployment.
  if (env.DATABASE_URL && !env.SMTP_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  SMTP_URL: required when DATABASE_URL is set (smtp:// or smtps://)',
    );
  }
  // Anyone may move a test server's date: never where real data or real users are.
  if (env.TEST_CLOCK && (env.DATABASE_URL || baseUrl.startsWith('https://'))) {
    throw new ConfigError(
      'Invalid configuration:\n  TEST_CLOCK: only for browser tests: on the embedded database over plain http',
    );
  }
  const database = serverDatabaseOf(env, baseUrl);
  return {
    database: database ?? { kind: 'pglite', dataDir },
    dataDir,
    port: env.PORT,
    host: env.HOST,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    secret,
    logLevel: env.LOG_LEVEL,
    // A person at a terminal wants the start banner to stay in view; a collector wants every request.
    logFormat: env.LOG_FORMAT ?? (isTerminal ? 'text' : 'json'),
    logRequests: env.LOG_REQUESTS ?? !isTerminal,
    seedDemo: env.SEED_DEMO ?? null,
    trustProxy: env.TRUST_PROXY,
    benchRoutes: env.BENCH_ROUTES,
    testClock: env.TEST_CLOCK,
    jobs: env.JOBS === 'on',
  };
}

/** Where `npm run db:migrate` applies the migrations: the owner role's URL, or the embedded database. */
export function loadMigrationTarget(
  environment: NodeJS.ProcessEnv = process.env,
): { kind: 'pglite'; dataDir: string } | { kind: 'pg'; url: string } {
  const parsed = environmentSchema
    .pick({ DATABASE_URL: true, MIGRATION_DATABASE_URL: true, DATA_DIR: true })
    .safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const url = parsed.data.MIGRATION_DATABASE_URL ?? parsed.data.DATABASE_URL;
  return url ? { kind: 'pg', url } : { kind: 'pglite', dataDir: path.resolve(parsed.data.DATA_DIR) };
}

function serverDatabaseOf(env: z.infer<typeof environmentSchema>, baseUrl: string): ServerDatabase | null {
  const url = env.DATABASE_URL;
  if (!url) {
    for (const name of ['MIGRATION_DATABASE_URL', 'JOBS_DATABASE_URL', 'DATABASE_ROLE_CHECK'] as const) {
      if (env[name]) {
        throw new ConfigError(
          `Invalid configuration:\n  ${name}: only with DATABASE_URL (the embedded database has one role)`,
        );
      }
    }
    return null;
  }
  const migrationUrl = env.MIGRATION_DATABASE_URL ?? url;
  // The runtime role owns nothing, so it cannot own pg-boss's schema: once the owner is a role of its
  // own, the job queue needs one too (or the owner's URL, given on purpose).
  if (migrationUrl !== url && env.JOBS === 'on' && !env.JOBS_DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  JOBS_DATABASE_URL: required when MIGRATION_DATABASE_URL is another role than ' +
        'DATABASE_URL: the job queue cannot run as the runtime role, which may own nothing',
    );
  }
  // A bare route without session or tenancy must never reach a database with real data.
  if (env.BENCH_ROUTES && !databaseNameOf(url).includes('bench')) {
    throw new ConfigError(
      'Invalid configuration:\n  BENCH_ROUTES: only for benchmarks: on the embedded database, or when the ' +
        'database name in DATABASE_URL contains "bench"',
    );
  }
  return {
    kind: 'pg',
    url,
    migrationUrl,
    jobsUrl: env.JOBS_DATABASE_URL ?? url,
    // A real deployment (https) refuses a runtime role that can do too much; a trial run warns.
    roleCheck: env.DATABASE_ROLE_CHECK ?? (baseUrl.startsWith('https://') ? 'refuse' : 'warn'),
  };
}

/** The database a PostgreSQL URL names (its path, or like libpq the user name when it has none). */
function databaseNameOf(url: string): string {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return name || decodeURIComponent(parsed.username);
}

// The secret must survive restarts (it encrypts TOTP secrets), so it lives beside the database.
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
