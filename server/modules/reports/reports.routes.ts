import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { figureFilterSchema, figuresSchema } from '../../../contracts/reports.ts';
import { figuresOf } from './reports.service.ts';

/** HTTP routes of the reports module. */
export function reportsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/reports/figures',
      {
        config: { action: 'reports.read' },
        schema: {
          summary: "The school year's figures of the schools in reach, with last year beside them",
          querystring: figureFilterSchema,
          response: { 200: figuresSchema },
        },
      },
      (request) => request.useCase((context) => figuresOf(context, request.query)),
    );
  };
}
