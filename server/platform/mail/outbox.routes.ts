import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { paginationQuerySchema } from '../../../contracts/fields.ts';
import { outboxPageSchema } from '../../../contracts/outbox.ts';
import { actorOf, metaOf } from '../http/request-context.ts';
import type { OutboxService } from './outbox.service.ts';

/** HTTP route of the demo outbox. */
export function outboxRoutes(service: OutboxService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/outbox',
      {
        config: { action: 'outbox.read' },
        schema: { tags: ['outbox'], querystring: paginationQuerySchema, response: { 200: outboxPageSchema } },
      },
      (request) => service.listMails(actorOf(request), request.query, metaOf(request)),
    );
  };
}
