import { sql } from 'drizzle-orm';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import { recordAudit, systemAuditActor } from '../audit/audit.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Jobs } from './jobs.ts';

/** What a job that mails needs: the mailer (outbox in the same transaction) and links back to the app. */
export type MailJobDeps = { mailer: Mailer; baseUrl: string };

/** The ids of every partnership, for a job that works through them one by one. */
export async function partnershipIds(database: DatabaseClient): Promise<string[]> {
  // One question across all partnerships, answered by a lookup function: the app role sees no
  // partnership without app.tenant_id.
  const tenants = await database.withoutTenant(({ db }) =>
    queryRows<{ id: string }>(db, sql`select id from passend_tenant_ids() as id`),
  );
  return tenants.map((tenant) => tenant.id);
}

/**
 * Runs a job's work in every partnership, each in a transaction of its own (row-level security on),
 * and returns the sum of what the runs report (e.g. mails queued). A run that did something is in
 * the partnership's audit trail with the system as its actor (P2).
 */
export async function sumOverPartnerships(
  database: DatabaseClient,
  job: string,
  work: (transaction: Transaction) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (const tenantId of await partnershipIds(database))
    total += await database.withTenant(tenantId, async (transaction) => {
      const count = await work(transaction);
      if (count > 0)
        await recordAudit(transaction, systemAuditActor({ job }), 'jobs.run', null, { job, count });
      return count;
    });
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
