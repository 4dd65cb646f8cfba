import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DatabaseClient, DatabaseRoleError, DataDirectoryInUse } from './db/client.ts';
import { checkLoginRole } from './db/roles.ts';
import {
  type DemoAccount,
  describeDemoAccounts,
  readDemoSecrets,
  seedDemoIfEmpty,
  shouldSeedDemo,
  writeDemoAccountsFile,
} from './demo/demo-seed.ts';

/** Starts Passend: configuration → database → role check → migrations → app → (demo data) → listen. */
export async function main(): Promise<void> {
  let config: Config;
  let database: DatabaseClient;
  try {
    config = loadConfig();
    database = await DatabaseClient.open(config.database);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirectoryInUse) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let built: Awaited<ReturnType<typeof buildApp>>;
  let roleWarning: string | null = null;
  try {
    // Before anything else touches the server: a refused role must not even migrate.
    if (config.database.kind === 'pg') roleWarning = await checkLoginRole(database, config.database);
    await database.migrate();
    // Starts the job queue, which on a server connects as the jobs role.
    built = await buildApp({ config, database });
  } catch (error) {
    if (error instanceof DatabaseRoleError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { app, services } = built;
  if (roleWarning) app.log.warn(roleWarning);
  // The demo's accounts are shown on every start, not only the first: whoever starts it needs them.
  let demoAccounts: DemoAccount[] = [];
  if (shouldSeedDemo(config)) {
    await seedDemoIfEmpty(database, services, config, {
      beforeSeeding: () => app.log.info('first start: creating the demo partnership, this takes a moment'),
    });
    demoAccounts = await readDemoSecrets(database, config);
  }
  // `demo-codes` reads them from here while this process holds the embedded database.
  if (config.database.kind === 'pglite') writeDemoAccountsFile(config.dataDir, demoAccounts);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Stop taking requests, let running ones finish, then release the database (and its lock).
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ url: config.baseUrl, database: config.database.kind }, 'Passend is listening');
  if (demoAccounts.length > 0) console.log(describeDemoAccounts(demoAccounts, config.baseUrl));
}

await main();
