import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  expertisePointInputSchema,
  expertisePointListQuerySchema,
  expertisePointOverviewSchema,
  expertisePointPageSchema,
} from '../../../contracts/expertise-points.ts';
import { actorOf, metaOf } from '../../platform/http/request-context.ts';
import type { ExpertisePointsService } from './expertise-points.service.ts';

const locationParams = z.strictObject({ locationId: z.uuid() });

/** HTTP routes of expertise points (E1, E8). */
export function expertisePointsRoutes(service: ExpertisePointsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/expertise-points',
      {
        config: { action: 'expertise_points.read' },
        schema: {
          tags: ['expertise-points'],
          querystring: expertisePointListQuerySchema,
          response: { 200: expertisePointPageSchema },
        },
      },
      (request) => service.listExpertisePoints(actorOf(request), request.query, metaOf(request)),
    );
    app.get(
      '/api/locations/:locationId/expertise-point',
      {
        config: { action: 'expertise_points.read' },
        schema: {
          tags: ['expertise-points'],
          params: locationParams,
          response: { 200: expertisePointOverviewSchema },
        },
      },
      (request) => service.getExpertisePoint(actorOf(request), request.params.locationId),
    );
    app.put(
      '/api/locations/:locationId/expertise-point',
      {
        config: { action: 'expertise_points.manage' },
        schema: {
          tags: ['expertise-points'],
          params: locationParams,
          body: expertisePointInputSchema,
          response: { 200: expertisePointOverviewSchema },
        },
      },
      (request) =>
        service.saveExpertisePoint(
          actorOf(request),
          request.params.locationId,
          request.body,
          metaOf(request),
        ),
    );
  };
}
