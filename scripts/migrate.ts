/**
 * `npm run db:migrate`: applies pending migrations and exits. On a server it connects as the owner
 * role, `MIGRATION_DATABASE_URL` (default `DATABASE_URL`), and needs no other setting: a release step
 * can migrate before instances start that hold only the runtime role's URL.
 */
import { ConfigError, loadMigrationTarget } from '../server/config.ts';
import { DatabaseClient, DatabaseRoleError } from '../server/db/client.ts';

let target: ReturnType<typeof loadMigrationTarget>;
try {
  target = loadMigrationTarget();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const database = await DatabaseClient.open(target);
try {
  await database.migrate();
  console.log(`Migrations applied (${target.kind}).`);
} catch (error) {
  if (!(error instanceof DatabaseRoleError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
