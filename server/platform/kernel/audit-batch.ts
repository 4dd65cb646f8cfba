import type { DatabaseClient } from '../../db/client.ts';
import { auditEvents } from '../audit/audit.schema.ts';

export type PendingAuditEvent = typeof auditEvents.$inferInsert & { tenantId: string };

/**
 * Group commit of the audit events of reads: the events of reads that finish while a batch is being
 * written go together into the next one, one transaction per partnership. A read answers only once
 * its batch has committed, so nothing is shown unaudited; a failed batch fails every read in it.
 */
export class AuditBatcher {
  private waiting: Array<{ event: PendingAuditEvent; settle: (error?: unknown) => void }> = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly database: DatabaseClient) {}

  /** Resolves when the events are committed; rejects when their batch could not be written. */
  record(events: PendingAuditEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const committed = Promise.all(
      events.map(
        (event) =>
          new Promise<void>((resolve, reject) => {
            this.waiting.push({ event, settle: (error) => (error ? reject(error) : resolve()) });
          }),
      ),
    ).then(() => undefined);
    if (!this.writing) this.writing = this.drain();
    return committed;
  }

  /** Resolves once nothing is waiting or being written. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        const byTenant = new Map<string, typeof batch>();
        for (const entry of batch) {
          const group = byTenant.get(entry.event.tenantId) ?? [];
          group.push(entry);
          byTenant.set(entry.event.tenantId, group);
        }
        await Promise.all(
          [...byTenant].map(async ([tenantId, group]) => {
            try {
              await this.database.withTenant(tenantId, ({ db }) =>
                db.insert(auditEvents).values(group.map(({ event }) => event)),
              );
              for (const entry of group) entry.settle();
            } catch (error) {
              for (const entry of group) entry.settle(error);
            }
          }),
        );
      }
    } finally {
      this.writing = null;
    }
  }
}
