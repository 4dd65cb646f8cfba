import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  allocationPreviewQuerySchema,
  allocationPreviewSchema,
  historicalRequestCountInputSchema,
} from '../../../contracts/hours.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { HoursService } from './hours.service.ts';

const historyParams = z.strictObject({
  locationId: z.uuid(),
  schoolYear: z.coerce.number().int().min(1990).max(2100),
});

/** HTTP routes of the hours module (R14); the allocation screens and time registration follow. */
export function hoursRoutes(service: HoursService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/allocations/preview',
      {
        config: { action: 'allocations.manage' },
        schema: {
          tags: ['hours'],
          querystring: allocationPreviewQuerySchema,
          response: { 200: allocationPreviewSchema },
        },
      },
      (request) => service.preview(actorOf(request), request.query, metaOf(request)),
    );
    app.put(
      '/api/locations/:locationId/historical-requests/:schoolYear',
      {
        config: { action: 'allocations.manage' },
        schema: { tags: ['hours'], params: historyParams, body: historicalRequestCountInputSchema },
      },
      async (request, reply) => {
        await service.setHistoricalCount(
          actorOf(request),
          request.params.locationId,
          request.params.schoolYear,
          request.body.count,
          metaOf(request),
        );
        return reply.status(204).send();
      },
    );
  };
}
