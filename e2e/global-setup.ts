import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServerProcess } from '../server/test/server-process.ts';

export const demoSecretsFile = path.resolve(import.meta.dirname, '../test-results/demo-secrets.json');

/** Starts one real Passend (embedded database, demo data) for all browser tests; returns its teardown. */
export default async function globalSetup() {
  const server = await startServerProcess({ port: 3210 });
  mkdirSync(path.dirname(demoSecretsFile), { recursive: true });
  writeFileSync(demoSecretsFile, JSON.stringify(server.demoSecrets));
  return () => server.stop();
}
