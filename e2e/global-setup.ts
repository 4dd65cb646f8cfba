import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServerProcess } from '../server/test/server-process.ts';
import { e2ePort, resultsDir } from './ports.ts';

export const demoSecretsFile = path.join(resultsDir, 'demo-secrets.json');

/** Starts one real Passend (embedded database, demo data) for all browser tests; returns its teardown. */
export default async function globalSetup() {
  // TEST_CLOCK: a spec of a date-bound flow sets the server's date (e2e/support.ts, setDate).
  const server = await startServerProcess({ port: e2ePort, environment: { TEST_CLOCK: 'true' } });
  mkdirSync(path.dirname(demoSecretsFile), { recursive: true });
  writeFileSync(demoSecretsFile, JSON.stringify(server.demoSecrets));
  // A new server has new demo secrets: time steps used in an earlier run no longer matter.
  rmSync(path.join(path.dirname(demoSecretsFile), 'used-totp-steps.json'), { force: true });
  return () => server.stop();
}
