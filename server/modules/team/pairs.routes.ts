import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bulkPairInputSchema,
  bulkPairResultSchema,
  locationPairSchema,
  pairDateQuerySchema,
  pairHistorySchema,
  pairListQuerySchema,
  pairPageSchema,
  setPairInputSchema,
} from '../../../contracts/team.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { PairsService } from './pairs.service.ts';

const locationParams = z.strictObject({ locationId: z.uuid() });

/** HTTP routes of the two fixed team members per primary school (R5). */
export function pairsRoutes(service: PairsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/pairs',
      {
        config: { action: 'pairs.read' },
        schema: { tags: ['pairs'], querystring: pairListQuerySchema, response: { 200: pairPageSchema } },
      },
      (request) => service.listPairs(actorOf(request), request.query, metaOf(request)),
    );
    app.post(
      '/api/pairs/bulk',
      {
        config: { action: 'pairs.manage' },
        schema: { tags: ['pairs'], body: bulkPairInputSchema, response: { 200: bulkPairResultSchema } },
      },
      (request) => service.setPairsInBulk(actorOf(request), request.body, metaOf(request)),
    );
    app.get(
      '/api/locations/:locationId/pair',
      {
        config: { action: 'pairs.read' },
        schema: {
          tags: ['pairs'],
          params: locationParams,
          querystring: pairDateQuerySchema,
          response: { 200: locationPairSchema },
        },
      },
      (request) =>
        service.getPair(actorOf(request), request.params.locationId, request.query.date, metaOf(request)),
    );
    app.get(
      '/api/locations/:locationId/pair-history',
      {
        config: { action: 'pairs.read' },
        schema: { tags: ['pairs'], params: locationParams, response: { 200: pairHistorySchema } },
      },
      (request) => service.getHistory(actorOf(request), request.params.locationId, metaOf(request)),
    );
    app.put(
      '/api/locations/:locationId/pair',
      {
        config: { action: 'pairs.manage' },
        schema: {
          tags: ['pairs'],
          params: locationParams,
          body: setPairInputSchema,
          response: { 200: locationPairSchema },
        },
      },
      (request) =>
        service.setPair(actorOf(request), request.params.locationId, request.body, metaOf(request)),
    );
  };
}
