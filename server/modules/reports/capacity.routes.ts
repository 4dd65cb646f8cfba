import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { capacityQuerySchema, capacitySchema } from '../../../contracts/capacity.ts';
import { capacityOf } from './capacity.service.ts';

/** HTTP route of demand against capacity (S4). */
export function capacityRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/reports/capacity',
      {
        config: { action: 'reports.capacity' },
        schema: {
          summary:
            "Expected demand from the planning talks against the team's capacity per expertise and month",
          querystring: capacityQuerySchema,
          response: { 200: capacitySchema },
        },
      },
      (request) => request.useCase((context) => capacityOf(context, request.query)),
    );
  };
}
