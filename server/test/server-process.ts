import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A real Passend process on a fresh data directory, as the browser tests and the benchmark use it. */
export type ServerProcess = {
  baseUrl: string;
  /** TOTP secrets of the demo accounts, read from the start-up printout. */
  demoSecrets: Record<string, string>;
  stop: () => Promise<void>;
};

/** Starts `server/main.ts` with demo data and waits until it is ready. */
export async function startServerProcess(options: { port: number; environment?: Record<string, string> }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'passend-process-'));
  const baseUrl = `http://localhost:${options.port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      ...options.environment,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let printout = '';
  child.stdout?.on('data', (chunk) => {
    printout += String(chunk);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // A bound, not a measure: a busy machine may need minutes to migrate and seed.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Passend exited early:\n${printout}`);
    const ready = await fetch(`${baseUrl}/readyz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready && printout.includes('demo.passend.test')) {
      const demoSecrets = Object.fromEntries(
        [...printout.matchAll(/^\s+(\S+@demo\.passend\.test)\s+([A-Z2-7]+)\s*$/gm)].map((match) => [
          match[1],
          match[2],
        ]),
      );
      return { baseUrl, demoSecrets, stop } satisfies ServerProcess;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error('Passend did not start within 90 s');
}
