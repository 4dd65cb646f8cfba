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
import { getHistory, getPair, listPairs, setPair, setPairsInBulk } from './pairs.service.ts';

const locationParams = z.strictObject({ locationId: z.uuid() });

/** HTTP routes of the two fixed team members per primary school (R5). */
export function pairsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/pairs',
      {
        config: { action: 'pairs.read' },
        schema: {
          summary: 'The fixed pair of every primary school',
          querystring: pairListQuerySchema,
          response: { 200: pairPageSchema },
        },
      },
      (request) => request.useCase((context) => listPairs(context, request.query)),
    );
    app.post(
      '/api/pairs/bulk',
      {
        config: { action: 'pairs.manage' },
        schema: {
          summary: 'Give many schools the same pair',
          body: bulkPairInputSchema,
          response: { 200: bulkPairResultSchema },
        },
      },
      (request) => request.useCase((context) => setPairsInBulk(context, request.body)),
    );
    app.get(
      '/api/locations/:locationId/pair',
      {
        config: { action: 'pairs.read' },
        schema: {
          summary: "A school's current pair",
          params: locationParams,
          querystring: pairDateQuerySchema,
          response: { 200: locationPairSchema },
        },
      },
      (request) =>
        request.useCase((context) => getPair(context, request.params.locationId, request.query.date)),
    );
    app.get(
      '/api/locations/:locationId/pair-history',
      {
        config: { action: 'pairs.read' },
        schema: {
          summary: "A school's pairs over time",
          params: locationParams,
          response: { 200: pairHistorySchema },
        },
      },
      (request) => request.useCase((context) => getHistory(context, request.params.locationId)),
    );
    app.put(
      '/api/locations/:locationId/pair',
      {
        config: { action: 'pairs.manage' },
        schema: {
          summary: "Change a school's pair from a date",
          params: locationParams,
          body: setPairInputSchema,
          response: { 200: locationPairSchema },
        },
      },
      (request) => request.useCase((context) => setPair(context, request.params.locationId, request.body)),
    );
  };
}
