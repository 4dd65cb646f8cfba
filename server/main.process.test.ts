import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './test/smtp.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'passend-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startPassend(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

// A bound, not a measure: on a machine busy with a second test run, starting takes long.
async function waitReady(port: number) {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('not ready');
}

describe('the Passend process on the embedded database', () => {
  it('refuses a second process on the same data directory, and stops cleanly on SIGTERM', async () => {
    // Free ports of this moment, so a second run of the suite beside this one does not answer here.
    const [firstPort, secondPort] = [await freePort(), await freePort()];
    const first = startPassend(firstPort);
    await waitReady(firstPort).catch((error) => {
      throw new Error(`${error}: ${first.output()}`);
    });
    const second = startPassend(secondPort);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('is in use by another Passend process');
    // The first one is unharmed.
    expect((await fetch(`http://127.0.0.1:${firstPort}/readyz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'passend.lock'))).toBe(false);
  }, 300_000);

  it('exits with a message naming each wrong setting', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        BASE_URL: 'http://localhost:3000',
        PORT: 'abc',
        SMTP_URL: 'http://mail',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('PORT');
    expect(output).toContain('SMTP_URL');
  }, 300_000);
});
