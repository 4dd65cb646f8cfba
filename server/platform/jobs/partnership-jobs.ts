import { sql } from 'drizzle-orm';
import type { DatabaseClient, Transaction } from '../../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Jobs } from './jobs.ts';

/** What a job that mails needs: the mailer (outbox in the same transaction) and links back to the app. */
export type MailJobDeps = { mailer: Mailer; baseUrl: string };

/** The ids of every partnership, for a job that works through them one by one. */
export async function partnershipIds(database: DatabaseClient): Promise<string[]> {
  const tenants = await database.queryAsOwner<{ id: string }>(sql`select id from tenants order by id`);
  return tenants.map((tenant) => tenant.id);
}

/**
 * Runs a job's work in every partnership, each in a transaction of its own (row-level security on),
 * and returns the sum of what the runs report (e.g. mails queued).
 */
export async function sumOverPartnerships(
  database: DatabaseClient,
  work: (transaction: Transaction) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (const tenantId of await partnershipIds(database)) total += await database.withTenant(tenantId, work);
  return total;
}

/** Registers a job's handler and its schedule (a cron expression in Amsterdam time). */
export async function registerScheduledJob(
  jobs: Jobs,
  name: string,
  cron: string,
  run: () => Promise<unknown>,
) {
  await jobs.register(name, async () => {
    await run();
  });
  await jobs.schedule(name, cron);
}
