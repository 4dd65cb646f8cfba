import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadMigrationTarget } from './config.ts';

const secret = 'a-session-secret-of-at-least-32-characters!';
const temporaryDirectories: string[] = [];

function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'passend-config-'));
  temporaryDirectories.push(directory);
  return directory;
}

afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** The ConfigError thrown by loadConfig, so its message can be inspected. */
function configErrorOf(environment: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('uses defaults: port 3000, embedded PGlite in ./data, http://localhost:3000, insecure cookies', () => {
    // A SESSION_SECRET is given so no secret file is written into the working directory.
    const config = loadConfig({ SESSION_SECRET: secret });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('./data') });
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(config.smtpUrl).toBeNull();
    expect(config.sessionIdleMinutes).toBe(30);
    expect(config.sessionAbsoluteHours).toBe(12);
    expect(config.secret).toBe(secret);
    expect(config.logLevel).toBe('info');
    expect(config.seedDemo).toBeNull();
    expect(config.trustProxy).toBe(false);
    expect(config.benchRoutes).toBe(false);
    expect(config.jobs).toBe(true);
  });

  it('logs JSON with a line per request when standard output is no terminal; text without request lines on a terminal; LOG_FORMAT and LOG_REQUESTS decide when set (issue 16)', () => {
    const piped = loadConfig({ SESSION_SECRET: secret }, false);
    expect([piped.logFormat, piped.logRequests]).toEqual(['json', true]);
    const terminal = loadConfig({ SESSION_SECRET: secret }, true);
    expect([terminal.logFormat, terminal.logRequests]).toEqual(['text', false]);
    const chosen = loadConfig({ SESSION_SECRET: secret, LOG_FORMAT: 'json', LOG_REQUESTS: 'true' }, true);
    expect([chosen.logFormat, chosen.logRequests]).toEqual(['json', true]);
    const quiet = loadConfig({ SESSION_SECRET: secret, LOG_FORMAT: 'text', LOG_REQUESTS: 'no' }, false);
    expect([quiet.logFormat, quiet.logRequests]).toEqual(['text', false]);
  });

  it('the default base URL follows PORT', () => {
    expect(loadConfig({ SESSION_SECRET: secret, PORT: '8080' }).baseUrl).toBe('http://localhost:8080');
  });

  it('reads a PostgreSQL URL, SMTP and booleans', () => {
    const config = loadConfig({
      SESSION_SECRET: secret,
      DATABASE_URL: 'postgresql://passend@db:5432/passend',
      SMTP_URL: 'smtps://mail.example.nl:465',
      TRUST_PROXY: 'yes',
      SEED_DEMO: '0',
    });
    expect(config.database).toEqual({
      kind: 'pg',
      url: 'postgresql://passend@db:5432/passend',
      migrationUrl: 'postgresql://passend@db:5432/passend',
      jobsUrl: 'postgresql://passend@db:5432/passend',
      roleCheck: 'warn',
    });
    expect(config.smtpUrl).toBe('smtps://mail.example.nl:465');
    expect(config.trustProxy).toBe(true);
    expect(config.seedDemo).toBe(false);
  });

  it('JOBS=off turns the job queue off', () => {
    expect(loadConfig({ SESSION_SECRET: secret, JOBS: 'off' }).jobs).toBe(false);
    expect(loadConfig({ SESSION_SECRET: secret, JOBS: 'on' }).jobs).toBe(true);
  });

  it('an https BASE_URL gives secure cookies; a trailing slash is dropped', () => {
    const config = loadConfig({ SESSION_SECRET: secret, BASE_URL: 'https://passend.swv.nl/' });
    expect(config.secureCookies).toBe(true);
    expect(config.baseUrl).toBe('https://passend.swv.nl');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['SMTP_URL', 'http://x'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_ABSOLUTE_HOURS', '1000'],
    ['BASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'pretty'],
    ['LOG_REQUESTS', 'some'],
    ['TRUST_PROXY', 'maybe'],
    ['JOBS', 'false'],
    ['SESSION_SECRET', 'short'],
    ['MIGRATION_DATABASE_URL', 'mysql://x'],
    ['JOBS_DATABASE_URL', 'http://x'],
    ['DATABASE_ROLE_CHECK', 'ignore'],
  ])('refuses %s=%s with a ConfigError naming the variable', (name, value) => {
    const error = configErrorOf({ SESSION_SECRET: secret, [name]: value });
    expect(error.message).toContain(name);
  });

  it('names every wrong variable at once', () => {
    const error = configErrorOf({
      SESSION_SECRET: secret,
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      SMTP_URL: 'http://x',
      SESSION_IDLE_MINUTES: '0',
    });
    for (const name of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'SESSION_IDLE_MINUTES']) {
      expect(error.message).toContain(name);
    }
    // Right values are not blamed.
    expect(error.message).not.toContain('SESSION_SECRET');
    expect(error.message).not.toContain('DATA_DIR');
  });

  describe('database roles (issue 13, finding 11)', () => {
    const server = { SESSION_SECRET: secret, SMTP_URL: 'smtp://mail:25' };
    const runtime = 'postgres://passend_runtime@db/passend';
    const owner = 'postgres://passend_owner@db/passend';
    const jobs = 'postgres://passend_jobs@db/passend';

    it('reads the three roles: runtime (DATABASE_URL), migrations and jobs', () => {
      const config = loadConfig({
        ...server,
        DATABASE_URL: runtime,
        MIGRATION_DATABASE_URL: owner,
        JOBS_DATABASE_URL: jobs,
      });
      expect(config.database).toEqual({
        kind: 'pg',
        url: runtime,
        migrationUrl: owner,
        jobsUrl: jobs,
        roleCheck: 'warn',
      });
    });

    it('the job queue may not default to the runtime role once the owner is a role of its own', () => {
      const error = configErrorOf({ ...server, DATABASE_URL: runtime, MIGRATION_DATABASE_URL: owner });
      expect(error.message).toContain('JOBS_DATABASE_URL');
      // Without jobs in this process there is nothing to connect.
      const withoutJobs = loadConfig({
        ...server,
        DATABASE_URL: runtime,
        MIGRATION_DATABASE_URL: owner,
        JOBS: 'off',
      });
      expect(withoutJobs.database).toMatchObject({ migrationUrl: owner, jobsUrl: runtime });
    });

    it('the role URLs and the role check need DATABASE_URL', () => {
      for (const name of ['MIGRATION_DATABASE_URL', 'JOBS_DATABASE_URL']) {
        expect(configErrorOf({ SESSION_SECRET: secret, [name]: owner }).message).toContain(name);
      }
      expect(configErrorOf({ SESSION_SECRET: secret, DATABASE_ROLE_CHECK: 'warn' }).message).toContain(
        'DATABASE_ROLE_CHECK',
      );
    });

    it('a real deployment (https) refuses a privileged runtime role unless DATABASE_ROLE_CHECK=warn', () => {
      const https = { ...server, DATABASE_URL: runtime, BASE_URL: 'https://passend.swv.nl' };
      expect(loadConfig(https).database).toMatchObject({ roleCheck: 'refuse' });
      expect(loadConfig({ ...https, DATABASE_ROLE_CHECK: 'warn' }).database).toMatchObject({
        roleCheck: 'warn',
      });
      expect(
        loadConfig({ ...server, DATABASE_URL: runtime, DATABASE_ROLE_CHECK: 'refuse' }).database,
      ).toMatchObject({
        roleCheck: 'refuse',
      });
    });

    it('TEST_CLOCK starts only on the embedded database over plain http', () => {
      expect(configErrorOf({ ...server, DATABASE_URL: runtime, TEST_CLOCK: 'true' }).message).toContain(
        'TEST_CLOCK',
      );
      expect(
        configErrorOf({ SESSION_SECRET: secret, BASE_URL: 'https://passend.example', TEST_CLOCK: 'true' })
          .message,
      ).toContain('TEST_CLOCK');
      expect(loadConfig({ SESSION_SECRET: secret, TEST_CLOCK: 'true' }).testClock).toBe(true);
      expect(loadConfig({ SESSION_SECRET: secret }).testClock).toBe(false);
    });

    it('BENCH_ROUTES starts only on the embedded database or a database whose name says bench', () => {
      const error = configErrorOf({ ...server, DATABASE_URL: runtime, BENCH_ROUTES: 'true' });
      expect(error.message).toContain('BENCH_ROUTES');
      expect(error.message).toContain('bench');
      // No database name in the URL: libpq takes the user's name, which is no benchmark either.
      expect(() =>
        loadConfig({ ...server, DATABASE_URL: 'postgres://passend@db', BENCH_ROUTES: 'true' }),
      ).toThrow(ConfigError);
      expect(
        loadConfig({
          ...server,
          DATABASE_URL: 'postgres://postgres@db/passend_bench_1a2b',
          BENCH_ROUTES: 'true',
        }).benchRoutes,
      ).toBe(true);
      expect(loadConfig({ SESSION_SECRET: secret, BENCH_ROUTES: 'true' }).benchRoutes).toBe(true);
    });

    it('npm run db:migrate uses MIGRATION_DATABASE_URL, else DATABASE_URL, else the embedded database', () => {
      expect(loadMigrationTarget({ DATABASE_URL: runtime, MIGRATION_DATABASE_URL: owner })).toEqual({
        kind: 'pg',
        url: owner,
      });
      expect(loadMigrationTarget({ DATABASE_URL: owner })).toEqual({ kind: 'pg', url: owner });
      expect(loadMigrationTarget({ DATA_DIR: '/srv/passend' })).toEqual({
        kind: 'pglite',
        dataDir: '/srv/passend',
      });
      expect(() => loadMigrationTarget({ MIGRATION_DATABASE_URL: 'mysql://x' })).toThrow(
        /MIGRATION_DATABASE_URL/,
      );
    });
  });

  it('with DATABASE_URL but no SESSION_SECRET: a ConfigError naming SESSION_SECRET', () => {
    const dataDir = temporaryDirectory();
    const error = configErrorOf({ DATABASE_URL: 'postgres://db/passend', DATA_DIR: dataDir });
    expect(error.message).toContain('SESSION_SECRET');
    // No secret file is invented for a server database (every instance needs the same secret).
    expect(() => statSync(path.join(dataDir, 'secret.key'))).toThrow();
  });

  it('embedded mode creates DATA_DIR/secret.key once (mode 0600) and reuses it', () => {
    const dataDir = path.join(temporaryDirectory(), 'nested', 'data');
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'secret.key');
    const stored = readFileSync(file, 'utf8');
    expect(stored.trim()).toBe(first.secret);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.database).toEqual({ kind: 'pglite', dataDir });

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.secret).toBe(first.secret);
    expect(readFileSync(file, 'utf8')).toBe(stored);

    // Another data directory gets its own secret.
    expect(loadConfig({ DATA_DIR: temporaryDirectory() }).secret).not.toBe(first.secret);
  });

  it('an existing secret file is read, not replaced', () => {
    const dataDir = temporaryDirectory();
    writeFileSync(path.join(dataDir, 'secret.key'), 'an-existing-secret-value-of-enough-length\n', {
      mode: 0o600,
    });
    expect(loadConfig({ DATA_DIR: dataDir }).secret).toBe('an-existing-secret-value-of-enough-length');
  });

  it('SESSION_SECRET wins over the secret file', () => {
    const dataDir = temporaryDirectory();
    expect(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: secret }).secret).toBe(secret);
    expect(() => statSync(path.join(dataDir, 'secret.key'))).toThrow();
  });
});
