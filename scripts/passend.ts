/**
 * `npm run passend -- <command>`: operator commands.
 *   create-tenant --name "<name>" --slug <slug> --admin-email <e-mail> --admin-name "<name>"
 *   demo-codes      current TOTP codes of the demo accounts (demo partnership only), also while
 *                   Passend runs
 */
import { parseArgs } from 'node:util';
import { generate } from 'otplib';
import { ZodError } from 'zod';
import { buildApp } from '../server/app.ts';
import { type Config, ConfigError, loadConfig } from '../server/config.ts';
import { DatabaseClient, DatabaseUnavailable, DataDirectoryInUse } from '../server/db/client.ts';
import { type DemoAccount, readDemoAccountsFile, readDemoSecrets } from '../server/demo/demo-seed.ts';
import { createTenant } from '../server/platform/tenants/tenants.service.ts';

const [command, ...rest] = process.argv.slice(2);
const usage = `Usage:
  npm run passend -- create-tenant --name "<name>" --slug <slug> --admin-email <e-mail> --admin-name "<name>"
  npm run passend -- demo-codes`;

if (command !== 'create-tenant' && command !== 'demo-codes') {
  console.error(usage);
  process.exit(2);
}

/** A failure the operator can act on: said in one line, without a stack trace. */
class CommandFailed extends Error {}

// A one-off command runs no jobs: those belong to the running Passend.
let config: Config;
try {
  config = { ...loadConfig(), logLevel: 'warn' as const, jobs: false };
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

try {
  if (command === 'create-tenant') await createTenantCommand(config);
  else await printDemoCodes(config);
} catch (error) {
  if (error instanceof ZodError) {
    for (const issue of error.issues) console.error(`  --${issue.path.join('.')}: ${issue.message}`);
    console.error(usage);
    process.exitCode = 1;
  } else if ((error as { cause?: { code?: string } }).cause?.code === '23505') {
    console.error('That slug or e-mail address is already in use.');
    process.exitCode = 1;
  } else if (error instanceof CommandFailed) {
    console.error(error.message);
    process.exitCode = 1;
  } else if (error instanceof DatabaseUnavailable) {
    console.error('The database cannot be reached: check DATABASE_URL and that the server is running.');
    process.exitCode = 1;
  } else {
    throw error;
  }
}

/** Opens the database for a command that needs it; a running Passend on the embedded one is a clear refusal. */
async function openDatabase(config: Config): Promise<DatabaseClient> {
  try {
    return await DatabaseClient.open(config.database);
  } catch (error) {
    if (error instanceof DataDirectoryInUse)
      throw new CommandFailed(
        `Passend is running on ${config.dataDir}; stop it first, then run this command again.`,
      );
    throw error;
  }
}

async function createTenantCommand(config: Config): Promise<void> {
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  const database = await openDatabase(config);
  try {
    await database.migrate();
    const { services, app } = await buildApp({ config, database });
    try {
      const created = await createTenant(database, services.auth, {
        name: values.name ?? '',
        slug: values.slug ?? '',
        adminEmail: values['admin-email'] ?? '',
        adminName: values['admin-name'] ?? '',
      });
      console.log(`Partnership created (${created.tenantId}).`);
      console.log(
        services.mailer.hasMailServer
          ? 'The invitation is mailed (if the mail server cannot take it now, the running Passend retries it). The same link, valid 7 days:'
          : 'No SMTP_URL: the invitation is in the in-app outbox. Hand this link to the admin (valid 7 days):',
      );
      console.log(`  ${created.invitationLink}`);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/**
 * The demo accounts' current codes. From the database when it can be opened (a server database always
 * can); while Passend holds the embedded one, from the file it wrote into the data directory at start.
 */
async function printDemoCodes(config: Config): Promise<void> {
  let accounts: DemoAccount[];
  let database: DatabaseClient | null = null;
  try {
    database = await DatabaseClient.open(config.database);
  } catch (error) {
    if (!(error instanceof DataDirectoryInUse)) throw error;
  }
  if (database) {
    try {
      await database.migrate();
      accounts = await readDemoSecrets(database, config);
    } finally {
      await database.close();
    }
  } else {
    const written = readDemoAccountsFile(config.dataDir);
    if (!written)
      throw new CommandFailed(
        `Passend is running on ${config.dataDir} without a demo partnership (or started before it wrote demo codes): restart it, or stop it and run this again.`,
      );
    accounts = written;
  }
  if (accounts.length === 0) {
    console.log('No demo partnership in this database.');
    return;
  }
  const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
  for (const account of accounts)
    console.log(`${account.email.padEnd(40)} ${await generate({ secret: account.secret })}`);
  console.log(`New codes in ${secondsLeft} s. Each code signs in once.`);
}
