import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import type { OutboxMail, OutboxQuery } from '../../../contracts/outbox.ts';
import { NotFound, RuleViolation } from '../http/errors.ts';
import { containsPattern, loadPage } from '../http/pagination.ts';
import type { UseCaseContext } from '../kernel/kernel.ts';
import { outboxMails } from './mail.schema.ts';
import type { Mailer } from './mailer.ts';

type MailRow = typeof outboxMails.$inferSelect;

/**
 * The functional admin's view of outgoing mail: with a mail server, each mail's address, subject and
 * delivery status (never its text: it may hold someone else's reset link) and a retry of a failed
 * one; without one (the embedded demo), the mail kept in the app, text and all.
 */
export class OutboxService {
  constructor(private readonly mailer: Mailer) {}

  /** Newest mail first, optionally of one status or to addresses containing `q`. */
  async listMails(context: UseCaseContext, query: OutboxQuery) {
    const { transaction } = context;
    const conditions: SQL[] = [];
    if (query.status) conditions.push(eq(outboxMails.status, query.status));
    if (query.q) conditions.push(ilike(outboxMails.toAddress, containsPattern(query.q)));
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const page = await loadPage(
      query,
      ({ limit, offset }) =>
        transaction.db
          .select()
          .from(outboxMails)
          .where(where)
          .orderBy(desc(outboxMails.createdAt), desc(outboxMails.id))
          .limit(limit)
          .offset(offset),
      () => transaction.db.select({ total: count() }).from(outboxMails).where(where),
    );
    await context.audit('outbox.listed', null, { count: page.items.length });
    return { ...page, items: page.items.map((row) => this.mailOf(row)) };
  }

  /** Queues a failed mail again with a fresh series of attempts, delivered right after the commit. */
  async retryMail(context: UseCaseContext, mailId: string): Promise<OutboxMail> {
    const { transaction } = context;
    const [current] = await transaction.db
      .select({ status: outboxMails.status })
      .from(outboxMails)
      .where(eq(outboxMails.id, mailId))
      .for('update');
    if (!current) throw new NotFound();
    if (current.status !== 'failed') throw new RuleViolation('mail_not_failed');
    const [row] = await transaction.db
      .update(outboxMails)
      .set({ status: 'queued', attempts: 0, nextAttemptAt: context.clock.now(), lastError: null })
      .where(eq(outboxMails.id, mailId))
      .returning();
    if (!row) throw new NotFound();
    await context.audit('outbox.retried', { type: 'mail', id: mailId });
    this.mailer.deliverAfterCommit(transaction);
    return this.mailOf(row);
  }

  private mailOf(row: MailRow): OutboxMail {
    return {
      id: row.id,
      to: row.toAddress,
      subject: row.subject,
      // The text only where no mail server is configured: there the app is the mailbox.
      text: !this.mailer.hasMailServer && row.status === 'kept' ? row.text : null,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      nextAttemptAt: row.status === 'queued' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
      sentAt: row.sentAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
