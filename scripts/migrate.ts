/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from '../server/config.ts';
import { DatabaseClient } from '../server/db/client.ts';

const config = loadConfig();
const database = await DatabaseClient.open(config.database);
try {
  await database.migrate();
  console.log(`Migrations applied (${config.database.kind}).`);
} finally {
  await database.close();
}
