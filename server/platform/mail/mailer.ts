import nodemailer, { type Transporter } from 'nodemailer';
import type { Transaction } from '../../db/client.ts';
import { outboxMails } from './mail.schema.ts';

export type MailMessage = { to: string; subject: string; text: string };

/**
 * Sends mail over SMTP after the transaction commits, or — in embedded mode without SMTP_URL — keeps
 * it in the in-app outbox inside the transaction. Mail never carries pupil data (house rule).
 */
export class Mailer {
  private readonly transport: Transporter | null;

  constructor(
    private readonly options: { smtpUrl: string | null; from: string; onError: (error: unknown) => void },
  ) {
    this.transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  }

  /** Whether mail goes to the in-app outbox instead of a mail server. */
  get usesOutbox(): boolean {
    return this.transport === null;
  }

  /** Queues a message with the transaction: it leaves only if the transaction commits. */
  async send(transaction: Transaction, message: MailMessage): Promise<void> {
    if (!this.transport) {
      if (!transaction.tenantId) throw new Error('outbox mail belongs to a partnership');
      await transaction.db.insert(outboxMails).values({
        tenantId: transaction.tenantId,
        toAddress: message.to,
        subject: message.subject,
        text: message.text,
      });
      return;
    }
    const transport = this.transport;
    transaction.afterCommit(async () => {
      // Not awaited by the request: a slow mail server must not reveal, by timing, whether an
      // address is known (password reset), nor hold up the answer.
      transport.sendMail({ from: this.options.from, ...message }).catch(this.options.onError);
    });
  }

  close(): void {
    this.transport?.close();
  }
}
