import type { DatabaseClient } from '../../db/client.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { partnershipIds } from '../jobs/partnership-jobs.ts';
import { type Mailer, mailDeliveryJob } from './mailer.ts';

/**
 * Delivers the due mail of every partnership: the job's minute run (sent mail is deleted by the
 * retention job, after the partnership's period). Row-level
 * security stays on: each partnership is worked through in transactions of its own. Returns how many
 * mails the server accepted.
 */
export async function deliverAllDueMail(
  database: DatabaseClient,
  mailer: Mailer,
  at?: Date,
): Promise<number> {
  let sent = 0;
  for (const tenantId of await partnershipIds(database)) {
    sent += await mailer.deliverDueMail(tenantId, at);
  }
  return sent;
}

/**
 * Registers the `mail-delivery` job: sent after each commit that queued mail (with that partnership's
 * id: deliver its mail now) and every minute without one (retries, mail whose process died before its
 * delivery started). A run that fails is not retried by pg-boss: the next minute's run is
 * the retry, and each mail keeps its own count of attempts.
 */
export async function registerMailDeliveryJob(jobs: Jobs, database: DatabaseClient, mailer: Mailer) {
  await jobs.register<{ tenantId?: string }>(
    mailDeliveryJob,
    async (data) => {
      if (typeof data.tenantId === 'string') await mailer.deliverDueMail(data.tenantId);
      else await deliverAllDueMail(database, mailer);
    },
    { retryLimit: 0 },
  );
  await jobs.schedule(mailDeliveryJob, '* * * * *');
}
