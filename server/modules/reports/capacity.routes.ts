import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  capacityExportQuerySchema,
  capacityQuerySchema,
  capacitySchema,
} from '../../../contracts/capacity.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { capacityOf, exportCapacityTable } from './capacity.service.ts';

/** HTTP routes of demand against capacity (S4): the figures and a table's download. */
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
    app.get(
      '/api/reports/capacity/export',
      {
        config: { action: 'reports.capacity' },
        schema: {
          summary: 'Download one table of demand against capacity as CSV or XLSX, as the page shows it',
          querystring: capacityExportQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await request.useCase((context) => exportCapacityTable(context, request.query));
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.body);
      },
    );
  };
}
