import { count, desc } from 'drizzle-orm';
import type { PaginationQuery } from '../../../contracts/fields.ts';
import type { DatabaseClient } from '../../db/client.ts';
import type { Actor } from '../access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../audit/audit.ts';
import { NotFound } from '../http/errors.ts';
import { loadPage } from '../http/pagination.ts';
import { outboxMails } from './mail.schema.ts';
import type { Mailer } from './mailer.ts';

/** The demo outbox: mail that was kept instead of sent because no SMTP server is configured. */
export class OutboxService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly mailer: Mailer,
  ) {}

  /** Newest mail first. */
  listMails(actor: Actor, query: PaginationQuery, meta: RequestMeta) {
    if (!this.mailer.usesOutbox) throw new NotFound();
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const page = await loadPage(
        query,
        ({ limit, offset }) =>
          transaction.db
            .select()
            .from(outboxMails)
            .orderBy(desc(outboxMails.createdAt), desc(outboxMails.id))
            .limit(limit)
            .offset(offset),
        () => transaction.db.select({ total: count() }).from(outboxMails),
      );
      const rows = page.items;
      await recordAudit(transaction, auditActorOf(actor, meta), 'outbox.listed', null, {
        count: rows.length,
      });
      return {
        ...page,
        items: rows.map((row) => ({
          id: row.id,
          to: row.toAddress,
          subject: row.subject,
          text: row.text,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    });
  }
}
