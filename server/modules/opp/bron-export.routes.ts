import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bronExportQuerySchema } from '../../../contracts/bron-export.ts';
import { contentDisposition } from '../../platform/http/downloads.ts';
import { exportBronDates } from './bron-export.service.ts';

/** HTTP route of the BRON export of the OPP's dates (E14). */
export function bronExportRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/bron-export',
      {
        config: { action: 'opp.bron_export' },
        schema: {
          summary: "Download a location's OPP start and end dates to register in BRON, as CSV or XLSX",
          querystring: bronExportQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await request.useCase((context) => exportBronDates(context, request.query));
        return reply
          .type(file.contentType)
          .header('content-disposition', contentDisposition(file.fileName))
          .send(file.body);
      },
    );
  };
}
