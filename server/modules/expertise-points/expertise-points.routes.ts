import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  expertisePointInputSchema,
  expertisePointListQuerySchema,
  expertisePointOverviewSchema,
  expertisePointPageSchema,
} from '../../../contracts/expertise-points.ts';
import { getExpertisePoint, listExpertisePoints, saveExpertisePoint } from './expertise-points.service.ts';

const locationParams = z.strictObject({ locationId: z.uuid() });

/** HTTP routes of expertise points (E1, E8). */
export function expertisePointsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/expertise-points',
      {
        config: { action: 'expertise_points.read' },
        schema: {
          summary: 'List the expertise points of the secondary schools',
          querystring: expertisePointListQuerySchema,
          response: { 200: expertisePointPageSchema },
        },
      },
      (request) => request.useCase((context) => listExpertisePoints(context, request.query)),
    );
    app.get(
      '/api/locations/:locationId/expertise-point',
      {
        config: { action: 'expertise_points.read' },
        schema: {
          summary: "A location's expertise point",
          params: locationParams,
          response: { 200: expertisePointOverviewSchema },
        },
      },
      (request) => request.useCase((context) => getExpertisePoint(context, request.params.locationId)),
    );
    app.put(
      '/api/locations/:locationId/expertise-point',
      {
        config: { action: 'expertise_points.manage' },
        schema: {
          summary: "Set up or change a location's expertise point",
          params: locationParams,
          body: expertisePointInputSchema,
          response: { 200: expertisePointOverviewSchema },
        },
      },
      (request) =>
        request.useCase((context) => saveExpertisePoint(context, request.params.locationId, request.body)),
    );
  };
}
