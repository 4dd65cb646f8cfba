/**
 * `npm run passend -- <command>`: operator commands.
 *   create-tenant --name "<name>" --slug <slug> --admin-email <e-mail> --admin-name "<name>"
 *   demo-codes      current TOTP codes of the demo accounts (demo partnership only)
 */
import { parseArgs } from 'node:util';
import { generate } from 'otplib';
import { ZodError } from 'zod';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { DatabaseClient } from '../server/db/client.ts';
import { readDemoSecrets } from '../server/demo/demo-seed.ts';
import { createTenant } from '../server/platform/tenants/tenants.service.ts';

const [command, ...rest] = process.argv.slice(2);
const usage = `Usage:
  npm run passend -- create-tenant --name "<name>" --slug <slug> --admin-email <e-mail> --admin-name "<name>"
  npm run passend -- demo-codes`;

if (command !== 'create-tenant' && command !== 'demo-codes') {
  console.error(usage);
  process.exit(2);
}

// A one-off command runs no jobs: those belong to the running Passend.
const config = { ...loadConfig(), logLevel: 'warn' as const, jobs: false };
const database = await DatabaseClient.open(config.database);
try {
  await database.migrate();
  if (command === 'create-tenant') {
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        slug: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
      },
    });
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
  } else {
    const accounts = await readDemoSecrets(database, config);
    if (accounts.length === 0) console.log('No demo partnership in this database.');
    for (const account of accounts) {
      console.log(`${account.email.padEnd(40)} ${await generate({ secret: account.secret })}`);
    }
  }
} catch (error) {
  if (error instanceof ZodError) {
    for (const issue of error.issues) console.error(`  --${issue.path.join('.')}: ${issue.message}`);
    console.error(usage);
    process.exitCode = 1;
  } else if ((error as { cause?: { code?: string } }).cause?.code === '23505') {
    console.error('That slug or e-mail address is already in use.');
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await database.close();
}
