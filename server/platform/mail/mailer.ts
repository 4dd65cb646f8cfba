import { and, eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { type DatabaseClient, queryRows, type Transaction } from '../../db/client.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { afterFailedAttempt, deliveryFailureOf, deliveryLeaseMinutes, smtpTimeouts } from './mail.rules.ts';
import { outboxMails } from './mail.schema.ts';

export type MailMessage = { to: string; subject: string; text: string };

/** The queue of the job that delivers queued mail (see mail-delivery.ts). */
export const mailDeliveryJob = 'mail-delivery';

/** Where the mailer logs (the app's pino logger fits): codes and ids only, never an address or text. */
export type MailLog = {
  [level in 'warn' | 'error']: (details: Record<string, unknown>, message: string) => void;
};

type ClaimedMail = { id: string; to_address: string; subject: string; text: string; attempts: number };

/**
 * Mail through a transactional outbox. `send` writes the mail as a row in the caller's transaction,
 * so it exists exactly when the change it belongs to does. After the commit a delivery starts:
 * the `mail-delivery` job when this process runs jobs, or a delivery in this process when jobs are off
 * (tests, one-off commands). A delivery claims due mail one row at a time (`FOR UPDATE SKIP LOCKED`,
 * and a lease), sends it over SMTP outside any transaction and marks it sent only once the server
 * accepted it; a failure is tried again with back-off and given up after `maxDeliveryAttempts`
 * (mail.rules.ts). The job also runs every minute, for retries and for mail whose process died
 * between the commit and the start of its delivery.
 *
 * Without a mail server (embedded demo mode, no SMTP_URL) the row is `kept`: the functional admin
 * reads it in the app and it never leaves. Mail never carries pupil data (house rule).
 */
export class Mailer {
  private readonly transport: Transporter | null;
  // Deliveries and job sends started after a commit and not yet settled: `idle` and `close` wait.
  private readonly pending = new Set<Promise<unknown>>();
  // One delivery start per transaction, however many mails it queued.
  private readonly deliveryRequested = new WeakSet<Transaction>();

  constructor(
    private readonly options: {
      database: DatabaseClient;
      jobs: Jobs;
      smtpUrl: string | null;
      from: string;
      log: MailLog;
    },
  ) {
    this.transport = options.smtpUrl
      ? nodemailer.createTransport({ url: options.smtpUrl, ...smtpTimeouts })
      : null;
  }

  /** Whether mail leaves over SMTP; without a server it is kept in the app (the demo outbox). */
  get hasMailServer(): boolean {
    return this.transport !== null;
  }

  /** Queues a message with the transaction: it exists, and leaves, only if the transaction commits. */
  async send(transaction: Transaction, message: MailMessage): Promise<void> {
    if (!transaction.tenantId) throw new Error('mail belongs to a partnership');
    await transaction.db.insert(outboxMails).values({
      tenantId: transaction.tenantId,
      toAddress: message.to,
      subject: message.subject,
      text: message.text,
      ...(this.transport ? { status: 'queued', nextAttemptAt: new Date() } : { status: 'kept' }),
    });
    this.deliverAfterCommit(transaction);
  }

  /** Starts delivering the partnership's due mail once `transaction` commits (e.g. after a retry). */
  deliverAfterCommit(transaction: Transaction): void {
    const { tenantId } = transaction;
    if (!this.transport || !tenantId || this.deliveryRequested.has(transaction)) return;
    this.deliveryRequested.add(transaction);
    transaction.afterCommit(async () => {
      // Not awaited by the request: how long a mail server or the job queue takes must not reveal, by
      // timing, whether an address is known (password reset), nor hold up the answer.
      this.track(this.startDelivery(tenantId));
    });
  }

  /**
   * Delivers the partnership's mail that is due at `at` (now by default; tests pass a later moment to
   * step through the back-off) and returns how many the server accepted. Safe to run at the same time
   * in several processes: each mail is claimed by one of them.
   */
  async deliverDueMail(tenantId: string, at?: Date): Promise<number> {
    const transport = this.transport;
    if (!transport) return 0;
    const now = () => at ?? new Date();
    // Only mail due when the run starts: a failed one is due again later, so each is tried once a run.
    const dueBy = now();
    let sent = 0;
    for (;;) {
      const mail = await this.claim(tenantId, dueBy, now());
      if (!mail) return sent;
      try {
        await transport.sendMail({
          from: this.options.from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.text,
        });
      } catch (error) {
        await this.recordFailure(tenantId, mail, error, now());
        continue;
      }
      await this.options.database.withTenant(tenantId, ({ db }) =>
        db
          .update(outboxMails)
          .set({ status: 'sent', sentAt: now(), text: null, lastError: null, nextAttemptAt: null })
          .where(and(eq(outboxMails.id, mail.id), eq(outboxMails.status, 'queued'))),
      );
      sent += 1;
    }
  }

  /** Waits until every delivery this process started after a commit has settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Lets started deliveries finish, then closes the SMTP transport. */
  async close(): Promise<void> {
    await this.idle();
    this.transport?.close();
  }

  private async startDelivery(tenantId: string): Promise<void> {
    try {
      const { jobs } = this.options;
      if (jobs.isEnabled) await jobs.send(mailDeliveryJob, { tenantId });
      else await this.deliverDueMail(tenantId);
    } catch (error) {
      // The mail is safe in the outbox: the job's minute schedule delivers it.
      this.options.log.error({ code: codeOf(error) }, 'mail delivery not started');
    }
  }

  /** Takes the next due mail for one attempt: counted now, not due again until the lease ends. */
  private async claim(tenantId: string, dueBy: Date, at: Date): Promise<ClaimedMail | null> {
    const leaseEnd = new Date(at.getTime() + deliveryLeaseMinutes * 60_000);
    const [mail] = await this.options.database.withTenant(tenantId, ({ db }) =>
      queryRows<ClaimedMail>(
        db,
        sql`update ${outboxMails} set attempts = attempts + 1, next_attempt_at = ${leaseEnd.toISOString()}::timestamptz
          where id = (select id from ${outboxMails}
            where status = 'queued' and next_attempt_at <= ${dueBy.toISOString()}::timestamptz
            order by next_attempt_at, id limit 1 for update skip locked)
          returning id, to_address, subject, text, attempts`,
      ),
    );
    return mail ?? null;
  }

  private async recordFailure(tenantId: string, mail: ClaimedMail, error: unknown, at: Date): Promise<void> {
    const failure = deliveryFailureOf(error);
    const outcome = afterFailedAttempt(mail.attempts, failure, at);
    await this.options.database.withTenant(tenantId, ({ db }) =>
      db
        .update(outboxMails)
        .set({ status: outcome.status, nextAttemptAt: outcome.nextAttemptAt, lastError: failure.code })
        .where(and(eq(outboxMails.id, mail.id), eq(outboxMails.status, 'queued'))),
    );
    // The mail's id and the code: the address and the server's answer stay out of the log.
    const details = { mailId: mail.id, code: failure.code, attempts: mail.attempts };
    if (outcome.status === 'failed') this.options.log.error(details, 'mail delivery given up');
    else this.options.log.warn(details, 'mail delivery failed, will retry');
  }

  private track(promise: Promise<unknown>): void {
    this.pending.add(promise);
    const forget = () => this.pending.delete(promise);
    promise.then(forget, forget);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}
