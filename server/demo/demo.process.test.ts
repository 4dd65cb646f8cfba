import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';
import { createHarness } from '../test/harness.ts';
import { freePort } from '../test/smtp.ts';
import { demoUsers, seedDemoIfEmpty } from './demo-seed.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function freshDataDir(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'passend-demo-'));
  folders.push(folder);
  return folder;
}

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(script: string, args: string[], environment: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    // Vitest sets BASE_URL (Vite's base path) in the environment: each run names its own.
    env: { ...process.env, BASE_URL: 'http://localhost:3000', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function startPassend(dataDir: string, port: number): Started {
  return run('server/main.ts', [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    JOBS: 'off',
    LOG_LEVEL: 'info',
    LOG_REQUESTS: 'false',
  });
}

// A bound, not a measure: on a busy machine a first start may take minutes.
async function waitFor(condition: () => boolean | Promise<boolean>, started: Started, what: string) {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    if (started.child.exitCode !== null) throw new Error(`exited before ${what}:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${what}:\n${started.output()}`);
}

/** The accounts of the start banner: address → TOTP secret. */
function bannerOf(output: string): Map<string, string> {
  return new Map(
    [...output.matchAll(/^ {2}(\S+@demo\.passend\.test)\s+([A-Z2-7]{16,})\s*$/gm)].map(
      (match) => [match[1], match[2]] as [string, string],
    ),
  );
}

async function startFully(dataDir: string): Promise<Started & { banner: Map<string, string> }> {
  const port = await freePort();
  const started = startPassend(dataDir, port);
  const isReady = () =>
    fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
  await waitFor(async () => (await isReady()) && bannerOf(started.output()).size > 0, started, 'banner');
  return { ...started, banner: bannerOf(started.output()) };
}

async function stop(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  expect(await started.exited).toBe(0);
}

/** Runs `npm run passend -- demo-codes`; its codes by address, and its whole output. */
async function demoCodes(environment: Record<string, string>) {
  const command = run('scripts/passend.ts', ['demo-codes'], environment);
  const code = await command.exited;
  const codes = new Map(
    [...command.output().matchAll(/^(\S+@demo\.passend\.test)\s+(\d{6})$/gm)].map(
      (match) => [match[1], match[2]] as [string, string],
    ),
  );
  return { code, codes, output: command.output() };
}

/** Whether a code is one of the account's codes of the last minute (a command may cross a step). */
async function isCodeOf(secret: string, code: string | undefined): Promise<boolean> {
  const now = Math.floor(Date.now() / 1000);
  const codes = await Promise.all([-60, -30, 0].map((offset) => generate({ secret, epoch: now + offset })));
  return code !== undefined && codes.includes(code);
}

const allAddresses = demoUsers.map((user) => user.email).sort();

describe('the demo on the embedded database (issue 16)', () => {
  it('a first start killed while seeding leaves no half demo: the next start seeds all of it', async () => {
    const dataDir = freshDataDir();
    // Killed at moments into the seed; a seed that finished before its kill is fine too.
    let killedWhileSeeding = 0;
    for (const delay of [200, 1500]) {
      const started = startPassend(dataDir, await freePort());
      const isSeeding = () => started.output().includes('creating the demo partnership');
      const isListening = () => started.output().includes('Passend is listening');
      await waitFor(() => isSeeding() || isListening(), started, 'seed start');
      await new Promise((resolve) => setTimeout(resolve, delay));
      started.child.kill('SIGKILL');
      await started.exited;
      if (!isSeeding() || isListening()) break;
      killedWhileSeeding += 1;
    }
    expect(killedWhileSeeding).toBeGreaterThan(0);
    const whole = await startFully(dataDir);
    expect([...whole.banner.keys()].sort()).toEqual(allAddresses);
    await stop(whole);
  }, 900_000);

  it('shows the accounts on every start, and gives the current codes while Passend runs and after', async () => {
    const dataDir = freshDataDir();
    const first = await startFully(dataDir);
    expect(first.output()).toContain('creating the demo partnership');
    expect(first.output()).toContain('Passend-demo-2026');
    // While it runs, the data directory is locked: the codes come from the file it wrote at start.
    const running = await demoCodes({ DATA_DIR: dataDir });
    expect(running.code).toBe(0);
    expect(running.output).not.toMatch(/\n\s+at /);
    expect([...running.codes.keys()].sort()).toEqual(allAddresses);
    for (const [address, secret] of first.banner)
      expect(await isCodeOf(secret, running.codes.get(address))).toBe(true);
    await stop(first);

    // A second start seeds nothing and shows the same accounts again.
    const second = await startFully(dataDir);
    expect(second.output()).not.toContain('creating the demo partnership');
    expect(second.banner).toEqual(first.banner);
    await stop(second);

    // Stopped: from the database itself.
    const stopped = await demoCodes({ DATA_DIR: dataDir });
    expect(stopped.code).toBe(0);
    for (const [address, secret] of first.banner)
      expect(await isCodeOf(secret, stopped.codes.get(address))).toBe(true);
  }, 900_000);

  it('says in one line, without a stack trace, when the database is in use and no codes were written', async () => {
    const dataDir = freshDataDir();
    // Held by a live process (this one) that wrote no demo codes.
    writeFileSync(path.join(dataDir, 'passend.lock'), String(process.pid));
    const locked = await demoCodes({ DATA_DIR: dataDir });
    expect(locked.code).toBe(1);
    expect(locked.output.trim().split('\n')).toHaveLength(1);
    expect(locked.output).toContain(`Passend is running on ${dataDir}`);
  }, 300_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('the demo on a PostgreSQL server (issue 16)', () => {
  it('gives the current codes from the server database while Passend uses it', async () => {
    const harness = await createHarness();
    try {
      const seeded = (await seedDemoIfEmpty(harness.database, harness.services, harness.config)) ?? [];
      const connection = harness.config.database;
      if (connection.kind !== 'pg') throw new Error('expected a server database');
      const codes = await demoCodes({
        DATABASE_URL: connection.url,
        MIGRATION_DATABASE_URL: connection.migrationUrl ?? connection.url,
        JOBS_DATABASE_URL: connection.jobsUrl ?? connection.url,
        SESSION_SECRET: harness.config.secret,
        SMTP_URL: 'smtp://127.0.0.1:25',
        DATA_DIR: freshDataDir(),
      });
      expect(codes.code).toBe(0);
      expect([...codes.codes.keys()].sort()).toEqual(allAddresses);
      for (const { email, secret } of seeded)
        expect(await isCodeOf(secret, codes.codes.get(email))).toBe(true);
    } finally {
      await harness.close();
    }
  }, 300_000);
});
