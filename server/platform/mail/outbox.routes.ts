import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outboxMailSchema, outboxPageSchema, outboxQuerySchema } from '../../../contracts/outbox.ts';
import type { OutboxService } from './outbox.service.ts';

const mailParams = z.strictObject({ mailId: z.uuid() });

/** HTTP routes of outgoing mail: the list (the demo outbox without a mail server) and a retry. */
export function outboxRoutes(service: OutboxService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/outbox',
      {
        config: { action: 'outbox.read' },
        schema: {
          summary: 'List outgoing mail with its delivery status',
          querystring: outboxQuerySchema,
          response: { 200: outboxPageSchema },
        },
      },
      (request) => request.useCase((context) => service.listMails(context, request.query)),
    );
    app.post(
      '/api/outbox/:mailId/retry',
      {
        config: { action: 'outbox.retry' },
        schema: {
          summary: 'Send a failed mail again',
          params: mailParams,
          body: z.strictObject({}).optional(),
          response: { 200: outboxMailSchema },
        },
      },
      (request) => request.useCase((context) => service.retryMail(context, request.params.mailId)),
    );
  };
}
