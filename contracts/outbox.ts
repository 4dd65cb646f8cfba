import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from './fields.ts';

/**
 * Where a mail stands: `queued` waits for (another) delivery attempt, `sent` was accepted by the mail
 * server, `failed` gave up after its attempts (or was refused for good), `kept` stays in the app
 * because no mail server is configured (the embedded demo).
 */
export const mailStatuses = ['queued', 'sent', 'failed', 'kept'] as const;
export const mailStatusSchema = z.enum(mailStatuses);
export type MailStatus = z.infer<typeof mailStatusSchema>;

export const outboxQuerySchema = paginationQuerySchema.extend({
  status: mailStatusSchema.optional(),
});
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

export const outboxMailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  /** Only for mail kept in the app (no mail server): a sent mail may hold someone else's link. */
  text: z.string().nullable(),
  status: mailStatusSchema,
  attempts: z.number().int(),
  /** The last failure's code (e.g. `ECONNECTION`, `EENVELOPE 550`), never the server's message. */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;
export const outboxPageSchema = pageSchema(outboxMailSchema);
